// pool_forward's question before each step (predict, then reveal): which cells of the window are
// the maximum (click them), or the average; and what "check my numbers" compares: A.

import { loopAt, stepNumber } from '../../lib/tensor';
import { type CheckSpec, loopAtStride } from '../../state/check';
import { answerNumber as n, type Question } from '../../state/predict';
import { poolChoices } from '../pool/choices';
import { poolDrawLines, windowCells } from '../pool/learn';
import { createMask } from '../pool/pool';
import { t } from './messages';
import type { PoolForwardRun } from './model';

export function predictPoolForward(run: PoolForwardRun, step: number): Question {
  const { stride, data } = run.config;
  const { i, c, h, w } = loopAt(run, step);
  const vs = h * stride;
  const hs = w * stride;
  const cells = windowCells(run, i, c, vs, hs);
  const out = `A[${i}, ${h}, ${w}, ${c}]`;
  if (poolChoices(run.config).mode === 'max') {
    const mask = createMask(cells.values, 'all');
    const answer = [...mask.keys()].filter((j) => mask[j] === 1);
    const max = cells.values[answer[0] ?? 0] ?? 0;
    return {
      step,
      prompt: t('promptMax', { step, vs, hs, out }),
      cells: { ...cells, answer },
      numbers: [],
      why:
        answer.length === 1
          ? t('whyMaxOne', { out, max: n(max) })
          : t('whyMaxTied', { out, max: n(max), count: answer.length }),
    };
  }
  let s = 0;
  for (const v of cells.values) s += v;
  const mean = s / cells.values.length;
  const exact = data === 'ints' && Number.isInteger(mean);
  return {
    step,
    prompt: t('promptAverage', { step, vs, hs, out, precision: exact ? t('exact') : t('twoDecimals') }),
    numbers: [{ label: out, answer: mean, decimals: exact ? null : 2 }],
    why: t('whyAverage', { out, sum: n(s), count: cells.values.length, mean: n(mean) }),
  };
}

export const poolForwardCheck: CheckSpec<PoolForwardRun> = {
  code(run) {
    const mode = poolChoices(run.config).mode;
    const lines = poolDrawLines(run, false);
    lines.push(`A, cache = pool_forward(A_prev, hparameters, mode = "${mode}")`, 'print(A)');
    return lines.join('\n');
  },
  outputs(run) {
    const { nC, nH, nW } = run;
    return [
      {
        name: 'A',
        loopName: 'A',
        tensor: run.A_final,
        writers(index) {
          const c = index % nC;
          const w = Math.floor(index / nC) % nW;
          const h = Math.floor(index / (nC * nW)) % nH;
          const i = Math.floor(index / (nC * nW * nH));
          return [stepNumber(run, i, c, h, w)];
        },
      },
    ];
  },
  at: (run, step) => loopAtStride(run, run.config.stride, step),
};
