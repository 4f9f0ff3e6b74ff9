// conv_backward's question before each step (predict, then reveal): by how much the step changes
// one cell of dA_prev_pad, of dW and of db; and what "check my numbers" compares: dA, dW and db
// as the notebook's test cell names them (dA, dW, db = conv_backward(dZ, cache_conv)).

import { loopAt, stepNumber } from '../../lib/tensor';
import { type CheckSpec, loopAtStride, numpyDrawLines } from '../../state/check';
import { answerNumber as n, type Question } from '../../state/predict';
import { t } from './messages';
import type { ConvBackwardRun } from './model';

export function predictConvBackward(run: ConvBackwardRun, step: number): Question {
  const { Cin, Cout: C, f, stride, dil, data } = run.config;
  const { nH, nW, Hp, Wp } = run;
  const { i, c, h, w } = loopAt({ nC: C, nH, nW }, step);
  // the cell asked about moves through the window from step to step: (u, v, k)
  const j = (step - 1) % (f * f * Cin);
  const k = j % Cin;
  const v = Math.floor(j / Cin) % f;
  const u = Math.floor(j / (Cin * f));
  const row = h * stride + u * dil;
  const col = w * stride + v * dil;
  const dz = run.dZ.data[((i * nH + h) * nW + w) * C + c] ?? 0;
  const wv = run.data.W.data[((u * f + v) * Cin + k) * C + c] ?? 0;
  const a = run.A_pad.data[((i * Hp + row) * Wp + col) * Cin + k] ?? 0;
  const decimals = data === 'ints' ? null : 2;
  const dA = `dA_prev_pad[${i}, ${row}, ${col}, ${k}]`;
  const dW = `dW[${u}, ${v}, ${k}, ${c}]`;
  const db = `db[0, 0, 0, ${c}]`;
  const dzName = `dZ[${i}, ${h}, ${w}, ${c}]`;
  return {
    step,
    prompt: t('prompt', {
      step,
      vs: h * stride,
      hs: w * stride,
      dz: `${dzName} = ${n(dz)}`,
      dA,
      dW,
      db,
      precision: decimals === null ? t('exact') : t('twoDecimals'),
    }),
    numbers: [
      { label: t('change', { cell: dA }), answer: wv * dz + 0, decimals },
      { label: t('change', { cell: dW }), answer: a * dz + 0, decimals },
      { label: t('change', { cell: db }), answer: dz, decimals },
    ],
    why: t('why', {
      dz: dzName,
      dzv: n(dz),
      w: `W[${u}, ${v}, ${k}, ${c}]`,
      wv: n(wv),
      a: `a_slice[${u}, ${v}, ${k}]`,
      av: n(a),
      dA: n(wv * dz),
      dW: n(a * dz),
    }),
  };
}

export const convBackwardCheck: CheckSpec<ConvBackwardRun> = {
  code(run) {
    const { seed, m, H, W, Cin, Cout, f, stride, pad, dil, data } = run.config;
    const { nH, nW } = run;
    const draws = [
      { name: 'A_prev', shape: [m, H, W, Cin] },
      { name: 'W', shape: [f, f, Cin, Cout] },
      { name: 'b', shape: [1, 1, 1, Cout] },
    ];
    if (run.dzSource === 'randn') draws.push({ name: 'dZ', shape: [m, nH, nW, Cout] });
    const ints = data === 'ints' ? ['A_prev', 'W', 'b', ...(run.dzSource === 'randn' ? ['dZ'] : [])] : [];
    const lines = numpyDrawLines(seed, draws, ints);
    const hp =
      dil === 1
        ? `{"pad": ${pad}, "stride": ${stride}}`
        : `{"pad": ${pad}, "stride": ${stride}, "dilation": ${dil}}`;
    lines.push(`hparameters = ${hp}`, 'Z, cache_conv = conv_forward(A_prev, W, b, hparameters)');
    if (run.dzSource === 'z') lines.push('dZ = Z');
    if (run.dzSource === 'ones') lines.push('dZ = np.ones(Z.shape)');
    lines.push('dA, dW, db = conv_backward(dZ, cache_conv)', 'print(dA)', 'print(dW)', 'print(db)');
    return lines.join('\n');
  },
  outputs(run) {
    const { m, H, W, Cin, Cout: C, f, stride, pad, dil } = run.config;
    const { nH, nW } = run;
    const dims = { nC: C, nH, nW };
    /** the h (or w) whose window covers padded row p: p = h·stride + u·dil for some u < f */
    const covering = (p: number, n: number) => {
      const out: number[] = [];
      for (let h = 0; h < n; h++) {
        const d = p - h * stride;
        if (d >= 0 && d % dil === 0 && d / dil < f) out.push(h);
      }
      return out;
    };
    const everyWindowOf = (c: number) => {
      const out: number[] = [];
      for (let i = 0; i < m; i++)
        for (let h = 0; h < nH; h++) for (let w = 0; w < nW; w++) out.push(stepNumber(dims, i, c, h, w));
      return out;
    };
    return [
      {
        name: 'dA',
        loopName: 'dA_prev',
        tensor: run.full.dA_prev,
        writers(index) {
          const q = Math.floor(index / Cin) % W;
          const r = Math.floor(index / (Cin * W)) % H;
          const i = Math.floor(index / (Cin * W * H));
          const hs = covering(r + pad, nH);
          const ws = covering(q + pad, nW);
          const out: number[] = [];
          for (let c = 0; c < C; c++)
            for (const h of hs) for (const w of ws) out.push(stepNumber(dims, i, c, h, w));
          return out;
        },
      },
      { name: 'dW', loopName: 'dW', tensor: run.full.dW, writers: (index) => everyWindowOf(index % C) },
      { name: 'db', loopName: 'db', tensor: run.full.db, writers: (index) => everyWindowOf(index % C) },
    ];
  },
  at: (run, step) => loopAtStride({ nC: run.config.Cout, nH: run.nH, nW: run.nW }, run.config.stride, step),
};
