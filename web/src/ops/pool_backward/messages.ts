// pool_backward's sentences for predict-then-reveal, in one place for translation.

import { pyFloatRepr } from '../../lib/numpy/index';

// + 0: never "-0.0"
const n = (x: number) => pyFloatRepr(Math.round(x * 1e4) / 1e4 + 0);

export const LEARN_MESSAGES = {
  value: n,
  each: 'what each of those cells gets',
  promptMax: (step: number, vs: number, hs: number, dA: string, ties: string, exact: boolean) =>
    `Step ${step}: the window at vert_start = ${vs}, hori_start = ${hs} passes back ${dA}. Which cells of dA_prev receive it (ties: ${ties === 'first' ? 'only the first maximum' : 'every tied maximum'})? Click them, and say how much each gets${exact ? '' : ' (to 2 decimals)'}.`,
  promptAverage: (step: number, vs: number, hs: number, dA: string, exact: boolean) =>
    `Step ${step}: the window at vert_start = ${vs}, hori_start = ${hs} passes back ${dA} under average pooling. Which cells of dA_prev receive a share? Click them, and say how much each gets${exact ? '' : ' (to 2 decimals)'}.`,
  whyMax: (dA: string, da: number, count: number, ties: string) =>
    count === 1
      ? `The mask x == np.max(x) marks one cell: it gets all of ${dA} = ${n(da)}.`
      : ties === 'first'
        ? `Several cells tie; under “first” only the first in row order gets ${dA} = ${n(da)}.`
        : `${count} cells tie for the maximum; the mask marks each, and each gets all of ${dA} = ${n(da)}.`,
  whyAverage: (dA: string, da: number, f: number, each: number) =>
    `distribute_value spreads ${dA} = ${n(da)} evenly over the ${f}×${f} window: each cell gets ${n(da)} / ${f * f} = ${n(each)}.`,
} as const;
