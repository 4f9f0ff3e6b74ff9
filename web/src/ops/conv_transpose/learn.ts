// conv_transpose's question before each step (predict, then reveal): by how much the step changes
// one cell of Y_pad, W[u, v, k, c] · X[i, h, w, c]; the cell moves through the window from step to
// step, in the order u, v, k.

import { loopAt } from '../../lib/tensor';
import { answerNumber as n, type Question } from '../../state/predict';
import { t } from './messages';
import type { ConvTransposeRun } from './model';

export function predictConvTranspose(run: ConvTransposeRun, step: number): Question {
  const { Cin, Cout, f, stride, dil, data } = run.config;
  const { nH, nW } = run;
  const { i, c, h, w } = loopAt(run, step);
  const j = (step - 1) % (f * f * Cout);
  const k = j % Cout;
  const v = Math.floor(j / Cout) % f;
  const u = Math.floor(j / (Cout * f));
  const row = h * stride + u * dil;
  const col = w * stride + v * dil;
  const x = run.data.X.data[((i * nH + h) * nW + w) * Cin + c] ?? 0;
  const wv = run.data.W.data[((u * f + v) * Cout + k) * Cin + c] ?? 0;
  const cell = `Y_pad[${i}, ${row}, ${col}, ${k}]`;
  const ints = data === 'ints';
  const xName = `X[${i}, ${h}, ${w}, ${c}]`;
  return {
    step,
    prompt: t('prompt', {
      step,
      vs: h * stride,
      hs: w * stride,
      x: `${xName} = ${n(x)}`,
      cell,
      precision: ints ? t('exact') : t('twoDecimals'),
    }),
    numbers: [{ label: t('change', { cell }), answer: wv * x + 0, decimals: ints ? null : 2 }],
    why: t('why', { w: `W[${u}, ${v}, ${k}, ${c}]`, wv: n(wv), x: xName, xv: n(x), y: n(wv * x) }),
  };
}
