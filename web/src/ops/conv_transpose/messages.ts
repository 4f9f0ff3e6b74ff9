// conv_transpose's sentences for predict-then-reveal, in one place for translation.

import { pyFloatRepr } from '../../lib/numpy/index';

// + 0: never "-0.0"
const n = (x: number) => pyFloatRepr(Math.round(x * 1e4) / 1e4 + 0);

export const LEARN_MESSAGES = {
  value: n,
  prompt: (step: number, vs: number, hs: number, x: string, cell: string, exact: boolean) =>
    `Step ${step}: the window at vert_start = ${vs}, hori_start = ${hs} spreads ${x} over Y_pad. By how much does this step change ${cell}?${exact ? ' (exact)' : ' (to 2 decimals)'}`,
  change: (cell: string) => `change of ${cell}`,
  why: (w: string, wv: number, x: string, xv: number) =>
    `Y_pad gets ${w} · ${x} = ${n(wv)} · ${n(xv)} = ${n(wv * xv)}.`,
} as const;
