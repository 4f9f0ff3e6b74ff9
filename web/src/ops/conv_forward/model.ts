// conv_forward's view model: the data, the stepper, and everything the stage, the code panel
// and the arithmetic panel show for the step just done. Pure reads of the run; the only
// engine calls are in openConvForward.

import type { Engine, Stepper, Tensor, WindowRecord } from '../../engine/types';
import { hideUnwritten, maxAbs, stepNumber } from '../../lib/tensor';
import type { Config, DataKind } from '../../state/config';
import type { LayerData } from '../../state/data';
import type { DataSource } from '../../state/source';
import { stepHead, withStepper, type OpRun } from '../../state/operation';
import { longText } from '../../ui/format';
import { convInputs, convRunBase, inputScale, type ConvGeometry } from '../conv/layer';
import { t } from './messages';

export interface ConvForwardRun extends OpRun, ConvGeometry {
  readonly op: 'conv_forward';
  readonly data: LayerData;
  /** A_prev zero-padded by pad, as the stepper holds it */
  readonly A_pad: Tensor;
  /** Z computed by the batch kernel: only for the colour scale, never shown before its step */
  readonly Z_final: Tensor;
  readonly scale: { A: number; W: number; Z: number };
}

export interface Product {
  /** filter row, column, input channel: W[u, v, k, c] */
  u: number;
  v: number;
  k: number;
  /** padded coordinates of the input cell */
  row: number;
  col: number;
  a: number;
  w: number;
  /** a * w */
  p: number;
  /** the input cell is zero padding */
  onPad: boolean;
}

export interface ConvFrame {
  position: number;
  total: number;
  /** the step just done; null at step 0 */
  win: WindowRecord | null;
  /** the sample and output channel on stage */
  i: number;
  c: number;
  /** Z[i, :, :, c], row-major n_H × n_W; NaN where the loop has not been yet */
  Z: Float64Array;
  /** products of the current window in the C kernel's order (u, v, k) */
  products: Product[];
  /** their sum, added in that order */
  sum: number;
  /** b[c] */
  bias: number;
  /** Z as far as the loop has come, NaN elsewhere (for the pictures of Z), made on request */
  zSoFar?(): Tensor | null;
}

export function openConvForward(engine: Engine, c: Config, source?: DataSource): ConvForwardRun {
  const { p, outShape, data } = convInputs(engine, c, source);
  const Z_final = engine.convForward(data.A_prev, data.W, data.b, p);
  const stepper: Stepper = engine.createStepper({
    op: 'conv_forward',
    A_prev: data.A_prev,
    W: data.W,
    b: data.b,
    params: p,
  });
  return withStepper<ConvForwardRun>(stepper, () => ({
    ...convRunBase(engine, c, data, stepper, outShape),
    op: 'conv_forward',
    Z_final,
    scale: { ...inputScale(c, data), Z: maxAbs(Z_final.data) },
  }));
}

/** Reads the run's stepper, which the store has put at `position`. */
export function convFrame(s: ConvForwardRun, position: number): ConvFrame {
  const win = position > 0 ? s.stepper.window() : null;
  const i = win?.i ?? 0;
  const c = win?.c ?? 0;
  const { nH, nW } = s;
  const C = s.config.Cout;
  const Z = new Float64Array(nH * nW).fill(Number.NaN);
  const out = position > 0 ? s.stepper.tensor('out') : null;
  if (out !== null) {
    for (let h = 0; h < nH; h++)
      for (let w = 0; w < nW; w++)
        if (stepNumber({ nC: C, nH, nW }, i, c, h, w) <= position)
          Z[h * nW + w] = out.data[((i * nH + h) * nW + w) * C + c] ?? Number.NaN;
  }
  // `out` is this frame's own copy: the cells not written yet become NaN in it, once asked
  const zSoFar = (): Tensor | null => (out === null ? null : hideUnwritten(out, position));
  const products: Product[] = [];
  let sum = 0;
  if (win !== null) {
    const { f, dil, Cin, pad, H, W } = s.config;
    for (let u = 0; u < f; u++)
      for (let v = 0; v < f; v++)
        for (let k = 0; k < Cin; k++) {
          const row = win.vertStart + u * dil;
          const col = win.horiStart + v * dil;
          const a = s.A_pad.data[((i * s.Hp + row) * s.Wp + col) * Cin + k] ?? 0;
          const w = s.data.W.data[((u * f + v) * Cin + k) * C + c] ?? 0;
          const p = a * w;
          sum += p;
          const onPad = row < pad || row >= pad + H || col < pad || col >= pad + W;
          products.push({ u, v, k, row, col, a, w, p, onPad });
        }
  }
  return { position, total: s.total, win, i, c, Z, products, sum, bias: s.data.b.data[c] ?? 0, zSoFar };
}

/** "step 37 of 192: i=0, c=3, h=0, w=0, Z = 1.2345" */
export function describeStep(fr: ConvFrame, data: DataKind): string {
  const head = stepHead(fr);
  const w = fr.win;
  if (w === null) return t('describeNone', { head });
  return `${head}: i=${w.i}, c=${w.c}, h=${w.h}, w=${w.w}, Z = ${longText(w.value, data)}`;
}
