// What the conv_forward and conv_backward runs share: the padded input's size, which of its rows
// and columns some window reaches, the inputs' colour scales, and opening a stepper safely.

import type { ConvParams, Engine, Shape4, Stepper, Validation } from '../../engine/types';
import { convRefusal, localized } from '../../state/refusals';
import { convParams, inputShape, type Config } from '../../state/config';
import { makeData, type LayerData } from '../../state/data';
import type { DataSource } from '../../state/source';
import { visitedLines } from '../../lib/geometry';
import { maxAbs } from '../../lib/tensor';
import { tUi } from '../../ui/messages';

/** The channels presenter mode pages, one at a time (Operation.channelPages): the input's. */
export function inputChannelPages(c: Config): { count: number; what: () => string } {
  return { count: c.Cin, what: () => tUi('inputChannel') };
}

/** The sizes of a conv layer's walk: the output's (n_H × n_W), the padded input's, one window's
 * span, and the padded rows / columns some window reaches. */
function convGeometry(c: Config, nH: number, nW: number) {
  /** rows / columns of the padded input */
  const Hp = c.H + 2 * c.pad;
  const Wp = c.W + 2 * c.pad;
  /** dilation*(f-1)+1: rows (and columns) one window spans */
  const span = c.dil * (c.f - 1) + 1;
  const visitedRows: readonly boolean[] = visitedLines(Hp, nH, c.stride, c.f, c.dil);
  const visitedCols: readonly boolean[] = visitedLines(Wp, nW, c.stride, c.f, c.dil);
  /** the loop's sizes: output channels, rows, columns */
  const nC = c.Cout;
  return { nC, nH, nW, Hp, Wp, span, visitedRows, visitedCols };
}

export type ConvGeometry = Readonly<ReturnType<typeof convGeometry>>;

/** The colour scales of A_prev and W: 3 for small integers, else their largest magnitude. */
export function inputScale(c: Config, data: LayerData): { A: number; W: number } {
  const ints = c.data === 'ints';
  return { A: ints ? 3 : maxAbs(data.A_prev.data), W: ints ? 3 : maxAbs(data.W.data) };
}

/** The C library's check of a conv layer; a refusal is said in the page's language. */
export function validateConvLayer(engine: Engine, c: Config): Validation {
  const shape = inputShape(c);
  const p = convParams(c);
  return localized(engine.validateConv(shape, p), () => convRefusal(shape, p));
}

/** Checks the configuration (throwing the refusal's sentence) and makes the layer's data. */
export function convInputs(
  engine: Engine,
  c: Config,
  source?: DataSource,
): { p: ConvParams; outShape: Shape4; data: LayerData } {
  const p = convParams(c);
  const v = validateConvLayer(engine, c);
  if (!v.ok) throw new Error(v.message);
  return { p, outShape: v.outShape, data: makeData(engine, c, source) };
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
    inputs: { ...data },
    A_pad: stepper.tensor('A_prev_pad') ?? engine.zeroPad(data.A_prev, c.pad),
    ...convGeometry(c, nH, nW),
    dispose: () => stepper.dispose(),
  };
}

/** The sizes a conv stage lays out. */
export interface StageDims {
  channels: number;
  /** padded input */
  Hp: number;
  Wp: number;
  f: number;
  nH: number;
  nW: number;
}
