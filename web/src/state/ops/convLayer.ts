// What the conv_forward and conv_backward runs share: the padded input's size, which of its rows
// and columns some window reaches, the inputs' colour scales, and opening a stepper safely.

import type { ConvParams, Engine, Shape4, Stepper } from '../../engine/types';
import { convParams, inputShape, type Config } from '../config';
import { makeData, type LayerData } from '../data';

/** visited[r] for r in 0..n-1: some window start s*t plus some tap u*dilation lands on r. */
export function visitedLines(n: number, nOut: number, stride: number, f: number, dil: number): boolean[] {
  const seen = new Array<boolean>(n).fill(false);
  for (let t = 0; t < nOut; t++)
    for (let u = 0; u < f; u++) {
      const r = t * stride + u * dil;
      if (r < n) seen[r] = true;
    }
  return seen;
}

export function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) if (Math.abs(v) > m) m = Math.abs(v);
  return m > 0 ? m : 1;
}

/** The sizes of a conv layer's walk: the output's (n_H × n_W), the padded input's, one window's
 * span, and the padded rows / columns some window reaches. */
export function convGeometry(c: Config, nH: number, nW: number) {
  /** rows / columns of the padded input */
  const Hp = c.H + 2 * c.pad;
  const Wp = c.W + 2 * c.pad;
  /** dilation*(f-1)+1: rows (and columns) one window spans */
  const span = c.dil * (c.f - 1) + 1;
  const visitedRows: readonly boolean[] = visitedLines(Hp, nH, c.stride, c.f, c.dil);
  const visitedCols: readonly boolean[] = visitedLines(Wp, nW, c.stride, c.f, c.dil);
  return { nH, nW, Hp, Wp, span, visitedRows, visitedCols };
}

export type ConvGeometry = Readonly<ReturnType<typeof convGeometry>>;

/** The colour scales of A_prev and W: 3 for small integers, else their largest magnitude. */
export function inputScale(c: Config, data: LayerData): { A: number; W: number } {
  const ints = c.data === 'ints';
  return { A: ints ? 3 : maxAbs(data.A_prev.data), W: ints ? 3 : maxAbs(data.W.data) };
}

/** Checks the configuration (throwing the C library's own sentence) and makes the layer's data. */
export function convInputs(engine: Engine, c: Config): { p: ConvParams; outShape: Shape4; data: LayerData } {
  const p = convParams(c);
  const v = engine.validateConv(inputShape(c), p);
  if (!v.ok) throw new Error(v.message);
  return { p, outShape: v.outShape, data: makeData(engine, c) };
}

/** Builds a run around a fresh stepper, which is disposed of if building fails. */
export function withStepper<R>(stepper: Stepper, build: () => R): R {
  try {
    return build();
  } catch (e) {
    stepper.dispose();
    throw e;
  }
}

/** What both conv runs hold besides their op's own tensors: the stepper, the data, A_prev
 * zero-padded as the stepper holds it, and the walk's geometry. */
export function convRunBase(engine: Engine, c: Config, data: LayerData, stepper: Stepper, outShape: Shape4) {
  const [, nH, nW] = outShape;
  return {
    config: c,
    total: stepper.total,
    stepper,
    data,
    A_pad: stepper.tensor('A_prev_pad') ?? engine.zeroPad(data.A_prev, c.pad),
    ...convGeometry(c, nH, nW),
    dispose: () => stepper.dispose(),
  };
}

/** "step 37 of 192", the head of a step's description. */
export function stepHead(fr: { position: number; total: number }): string {
  return `step ${fr.position} of ${fr.total}`;
}
