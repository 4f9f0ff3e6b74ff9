// conv_forward's question before each step (predict, then reveal) and what "check my numbers"
// compares: Z, drawn and computed as the notebook's test cell does.

import { loopAt, stepNumber } from '../../lib/tensor';
import { type CheckSpec, loopAtStride, numpyDrawLines } from '../../state/check';
import { answerNumber as n, type Question } from '../../state/predict';
import { t } from './messages';
import type { ConvForwardRun } from './model';

/** np.sum(a_slice_prev * W[:, :, :, c]) in the C kernel's order (u, v, k), then + b[c]. */
export function predictConvForward(run: ConvForwardRun, step: number): Question {
  const { Cin, Cout: C, f, stride, dil, data } = run.config;
  const { nH, nW, Hp, Wp } = run;
  const { i, c, h, w } = loopAt({ nC: C, nH, nW }, step);
  const vs = h * stride;
  const hs = w * stride;
  let s = 0;
  for (let u = 0; u < f; u++)
    for (let v = 0; v < f; v++)
      for (let k = 0; k < Cin; k++) {
        const a = run.A_pad.data[((i * Hp + vs + u * dil) * Wp + hs + v * dil) * Cin + k] ?? 0;
        s += a * (run.data.W.data[((u * f + v) * Cin + k) * C + c] ?? 0);
      }
  const b = run.data.b.data[c] ?? 0;
  const z = s + b;
  const cell = `Z[${i}, ${h}, ${w}, ${c}]`;
  const ints = data === 'ints';
  return {
    step,
    prompt: t('prompt', { step, cell, vs, hs, f, c, precision: ints ? t('exact') : t('twoDecimals') }),
    numbers: [{ label: cell, answer: z, decimals: ints ? null : 2 }],
    why: t('why', { cell, sum: n(s), b: n(b), z: n(z) }),
  };
}

export const convForwardCheck: CheckSpec<ConvForwardRun> = {
  code(run) {
    const { seed, m, H, W, Cin, Cout, f, stride, pad, dil, data } = run.config;
    const draws = [
      { name: 'A_prev', shape: [m, H, W, Cin] },
      { name: 'W', shape: [f, f, Cin, Cout] },
      { name: 'b', shape: [1, 1, 1, Cout] },
    ];
    const lines = numpyDrawLines(seed, draws, data === 'ints' ? ['A_prev', 'W', 'b'] : []);
    const hp =
      dil === 1
        ? `{"pad": ${pad}, "stride": ${stride}}`
        : `{"pad": ${pad}, "stride": ${stride}, "dilation": ${dil}}`;
    lines.push(`hparameters = ${hp}`, 'Z, cache_conv = conv_forward(A_prev, W, b, hparameters)', 'print(Z)');
    return lines.join('\n');
  },
  outputs(run) {
    const { nH, nW } = run;
    const C = run.config.Cout;
    return [
      {
        name: 'Z',
        loopName: 'Z',
        tensor: run.Z_final,
        writers(index) {
          const c = index % C;
          const w = Math.floor(index / C) % nW;
          const h = Math.floor(index / (C * nW)) % nH;
          const i = Math.floor(index / (C * nW * nH));
          return [stepNumber({ nC: C, nH, nW }, i, c, h, w)];
        },
      },
    ];
  },
  at: (run, step) => loopAtStride({ nC: run.config.Cout, nH: run.nH, nW: run.nW }, run.config.stride, step),
};
