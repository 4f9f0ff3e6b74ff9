// conv_backward's sentences for predict-then-reveal, in one place for translation.

import { pyFloatRepr } from '../../lib/numpy/index';

// + 0: never "-0.0"
const n = (x: number) => pyFloatRepr(Math.round(x * 1e4) / 1e4 + 0);

export const LEARN_MESSAGES = {
  value: n,
  prompt: (
    step: number,
    vs: number,
    hs: number,
    dz: string,
    dA: string,
    dW: string,
    db: string,
    exact: boolean,
  ) =>
    `Step ${step}: the window at vert_start = ${vs}, hori_start = ${hs} passes back ${dz}. By how much does this step change ${dA}, ${dW} and ${db}?${exact ? ' (exact)' : ' (to 2 decimals)'}`,
  change: (cell: string) => `change of ${cell}`,
  why: (dz: string, dzv: number, w: string, wv: number, a: string, av: number) =>
    `dA_prev_pad gets ${w} · ${dz} = ${n(wv)} · ${n(dzv)} = ${n(wv * dzv)}; dW gets ${a} · ${dz} = ${n(av)} · ${n(dzv)} = ${n(av * dzv)}; db gets ${dz} = ${n(dzv)}.`,
} as const;
