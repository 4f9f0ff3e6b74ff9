// conv_forward's sentences for predict-then-reveal, in one place for translation.

import { pyFloatRepr } from '../../lib/numpy/index';

// + 0: never "-0.0"
const n = (x: number) => pyFloatRepr(Math.round(x * 1e4) / 1e4 + 0);

export const LEARN_MESSAGES = {
  prompt: (step: number, cell: string, vs: number, hs: number, f: number, c: number, ints: boolean) =>
    `Step ${step}: the ${f}×${f} window at vert_start = ${vs}, hori_start = ${hs}, filter ${c}. What value does ${cell} get?${ints ? ' (exact)' : ' (to 2 decimals)'}`,
  why: (cell: string, sum: number, b: number, z: number) =>
    `np.sum(a_slice_prev * W[:, :, :, c]) = ${n(sum)}, plus b = ${n(b)}: ${cell} = ${n(z)}.`,
} as const;
