// pool_backward's question before each step (predict, then reveal): which cells of the window
// receive the gradient under the chosen tie rule (click them), and how much each gets; and what
// "check my numbers" compares: dA_prev.

import { loopAt, stepNumber } from '../../lib/tensor';
import { type CheckSpec, loopAtStride } from '../../state/check';
import { answerNumber as n, type Question } from '../../state/predict';
import { poolChoices } from '../pool/choices';
import { poolDrawLines, windowCells } from '../pool/learn';
import { createMask, windowsOver } from '../pool/pool';
import { t } from './messages';
import type { PoolBackwardRun } from './model';

export function predictPoolBackward(run: PoolBackwardRun, step: number): Question {
  const { stride, f, data } = run.config;
  const { mode, ties } = poolChoices(run.config);
  const { i, c, h, w } = loopAt(run, step);
  const vs = h * stride;
  const hs = w * stride;
  const cells = windowCells(run, i, c, vs, hs);
  const dAName = `dA[${i}, ${h}, ${w}, ${c}]`;
  const da = run.data.dA.data[((i * run.nH + h) * run.nW + w) * run.nC + c] ?? 0;
  const ints = data === 'ints';
  if (mode === 'max') {
    const mask = createMask(cells.values, ties);
    const answer = [...mask.keys()].filter((j) => mask[j] === 1);
    return {
      step,
      prompt: t('promptMax', {
        step,
        vs,
        hs,
        dA: `${dAName} = ${n(da)}`,
        ties: ties === 'first' ? t('tiesFirst') : t('tiesAll'),
        precision: ints ? t('exact') : t('twoDecimals'),
      }),
      cells: { ...cells, answer },
      numbers: [{ label: t('each'), answer: da, decimals: ints ? null : 2 }],
      why:
        answer.length === 1
          ? t('whyMaxOne', { dA: dAName, da: n(da) })
          : ties === 'first'
            ? t('whyMaxFirst', { dA: dAName, da: n(da) })
            : t('whyMaxAll', { dA: dAName, da: n(da), count: answer.length }),
    };
  }
  const each = da / (f * f);
  const exact = ints && Number.isInteger(each);
  return {
    step,
    prompt: t('promptAverage', {
      step,
      vs,
      hs,
      dA: `${dAName} = ${n(da)}`,
      precision: exact ? t('exact') : t('twoDecimals'),
    }),
    cells: { ...cells, answer: cells.values.map((_, j) => j) },
    numbers: [{ label: t('each'), answer: each, decimals: exact ? null : 2 }],
    why: t('whyAverage', { dA: dAName, da: n(da), f, ff: f * f, each: n(each) }),
  };
}

export const poolBackwardCheck: CheckSpec<PoolBackwardRun> = {
  code(run) {
    const mode = poolChoices(run.config).mode;
    const lines = poolDrawLines(run, true);
    lines.push(
      'A, cache = pool_forward(A_prev, hparameters)',
      `dA_prev = pool_backward(dA, cache, mode = "${mode}")`,
      'print(dA_prev)',
    );
    return lines.join('\n');
  },
  outputs(run) {
    const { H, W, Cin } = run.config;
    return [
      {
        name: 'dA_prev',
        loopName: 'dA_prev',
        tensor: run.dA_prev_final,
        writers(index) {
          const c = index % Cin;
          const q = Math.floor(index / Cin) % W;
          const r = Math.floor(index / (Cin * W)) % H;
          const i = Math.floor(index / (Cin * W * H));
          return windowsOver(run, r, q).map(({ h, w }) => stepNumber(run, i, c, h, w));
        },
      },
    ];
  },
  at: (run, step) => loopAtStride(run, run.config.stride, step),
};
