// pool_forward's sentences for predict-then-reveal, in one place for translation.

import { pyFloatRepr } from '../../lib/numpy/index';

// + 0: never "-0.0"
const n = (x: number) => pyFloatRepr(Math.round(x * 1e4) / 1e4 + 0);

export const LEARN_MESSAGES = {
  promptMax: (step: number, vs: number, hs: number, out: string) =>
    `Step ${step}: the window at vert_start = ${vs}, hori_start = ${hs}. Which of its cells are the maximum that ${out} takes? Click them.`,
  promptAverage: (step: number, vs: number, hs: number, out: string, exact: boolean) =>
    `Step ${step}: the window at vert_start = ${vs}, hori_start = ${hs}. What average does ${out} get?${exact ? ' (exact)' : ' (to 2 decimals)'}`,
  whyMax: (out: string, max: number, count: number) =>
    count === 1
      ? `np.max(a_prev_slice) = ${n(max)}: ${out} = ${n(max)}, taken from one cell.`
      : `np.max(a_prev_slice) = ${n(max)}, held by ${count} tied cells: ${out} = ${n(max)}.`,
  whyAverage: (out: string, sum: number, count: number, mean: number) =>
    `np.mean(a_prev_slice) = ${n(sum)} / ${count} = ${n(mean)}: ${out} = ${n(mean)}.`,
} as const;
