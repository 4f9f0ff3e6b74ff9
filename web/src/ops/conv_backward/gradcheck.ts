// Checking a gradient the walk-through produced against a finite difference.
//
// conv_backward computes dA_prev, dW and db for the loss L = sum(Z * dZ), dZ held fixed: the
// derivative of L with respect to Z is then dZ, which is what conv_backward is given. Nudging one
// input x by ±eps and running conv_forward twice gives the central difference
//     (L(x + eps) - L(x - eps)) / (2 eps)
// next to the analytic value. Z is linear in each of A_prev, W and b, so the estimate is exact
// but for rounding: their relative difference should be around 1e-9 or smaller.
//
// Pure functions of their arguments; the engine's batch kernels do the arithmetic. A target in
// A_prev[i] is checked on sample i alone (see narrowed).

import type { ConvParams, Engine, Tensor } from '../../engine/types';
import { t as tOp } from './messages';

/** An input whose gradient is checked: A_prev (gives dA_prev), W (dW) or b (db). */
export type GradTarget =
  | { tensor: 'A_prev'; i: number; h: number; w: number; k: number }
  | { tensor: 'W'; u: number; v: number; k: number; c: number }
  | { tensor: 'b'; c: number };

export interface GradInputs {
  A_prev: Tensor;
  W: Tensor;
  b: Tensor;
  dZ: Tensor;
  params: ConvParams;
}

export interface Gradients {
  dA_prev: Tensor;
  dW: Tensor;
  db: Tensor;
}

export interface GradCheck {
  target: GradTarget;
  /** "A_prev[0, 1, 2, 0]" and "dA_prev[0, 1, 2, 0]" */
  inputName: string;
  gradName: string;
  /** the input's value and the nudge */
  x: number;
  eps: number;
  lossPlus: number;
  lossMinus: number;
  /** (lossPlus - lossMinus) / (2 eps) */
  numeric: number;
  /** the gradient conv_backward gives (the batch kernel, = the walk's end result) */
  analytic: number;
  /** |numeric - analytic| / max(|numeric|, |analytic|); 0 when both are 0 */
  relDiff: number;
}

/** Relative size of the nudge: eps = REL_EPS * max(1, |x|). */
const REL_EPS = 1e-5;

const at4 = (s: readonly number[], a: number, b: number, c: number, d: number) =>
  ((a * (s[1] ?? 1) + b) * (s[2] ?? 1) + c) * (s[3] ?? 1) + d;

/** Where the target sits in its tensor's data. */
function targetOffset(inp: GradInputs, t: GradTarget): number {
  switch (t.tensor) {
    case 'A_prev':
      return at4(inp.A_prev.shape, t.i, t.h, t.w, t.k);
    case 'W':
      return at4(inp.W.shape, t.u, t.v, t.k, t.c);
    case 'b':
      return t.c;
  }
}

export function targetNames(t: GradTarget): { input: string; grad: string } {
  switch (t.tensor) {
    case 'A_prev':
      return {
        input: `A_prev[${t.i}, ${t.h}, ${t.w}, ${t.k}]`,
        grad: `dA_prev[${t.i}, ${t.h}, ${t.w}, ${t.k}]`,
      };
    case 'W':
      return { input: `W[${t.u}, ${t.v}, ${t.k}, ${t.c}]`, grad: `dW[${t.u}, ${t.v}, ${t.k}, ${t.c}]` };
    case 'b':
      return { input: `b[${t.c}]`, grad: `db[${t.c}]` };
  }
}

/** The nudge for an input of value x. */
export function epsFor(x: number): number {
  return REL_EPS * Math.max(1, Math.abs(x));
}

/** L = sum(Z * dZ) with Z = conv_forward(A_prev, W, b), summed in index order. */
export function loss(engine: Engine, inp: GradInputs): number {
  const Z = engine.convForward(inp.A_prev, inp.W, inp.b, inp.params);
  let L = 0;
  for (let n = 0; n < Z.data.length; n++) L += (Z.data[n] ?? 0) * (inp.dZ.data[n] ?? 0);
  return L;
}

/** The same inputs with the target set to x. */
function withValue(inp: GradInputs, t: GradTarget, x: number): GradInputs {
  const key = t.tensor;
  const src = inp[key];
  const data = src.data.slice();
  data[targetOffset(inp, t)] = x;
  return { ...inp, [key]: { shape: src.shape, data } };
}

/** The analytic gradient of the target from conv_backward's results. */
export function analyticOf(g: Gradients, t: GradTarget): number {
  switch (t.tensor) {
    case 'A_prev':
      return g.dA_prev.data[at4(g.dA_prev.shape, t.i, t.h, t.w, t.k)] ?? Number.NaN;
    case 'W':
      return g.dW.data[at4(g.dW.shape, t.u, t.v, t.k, t.c)] ?? Number.NaN;
    case 'b':
      return g.db.data[t.c] ?? Number.NaN;
  }
}

export function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

/** Multiply-adds of one conv_forward on these inputs. */
export function forwardCost(inp: GradInputs): number {
  const [m, H, W, C] = inp.A_prev.shape;
  const { f, nC, stride, pad } = inp.params;
  const span = Math.max(1, inp.params.dilation) * (f - 1) + 1;
  const nH = Math.floor((H + 2 * pad - span) / stride) + 1;
  const nW = Math.floor((W + 2 * pad - span) / stride) + 1;
  return m * Math.max(0, nH) * Math.max(0, nW) * nC * f * f * C;
}

/** A_prev[i] moves only sample i's part of Z: the other samples' terms of L are the same on both
 * sides of the difference, so sample i alone gives the same derivative, with less to add up. */
export function narrowed(inp: GradInputs, t: GradTarget): { inp: GradInputs; t: GradTarget } {
  if (t.tensor !== 'A_prev' || inp.A_prev.shape[0] === 1) return { inp, t };
  const sample = (x: GradInputs['A_prev']) => {
    const n = x.shape[1] * x.shape[2] * x.shape[3];
    return {
      shape: [1, x.shape[1], x.shape[2], x.shape[3]] as const,
      data: x.data.slice(t.i * n, (t.i + 1) * n),
    };
  };
  return { inp: { ...inp, A_prev: sample(inp.A_prev), dZ: sample(inp.dZ) }, t: { ...t, i: 0 } };
}

/** Central finite difference of L at the target, next to conv_backward's value. */
export function gradCheck(engine: Engine, inputs: GradInputs, g: Gradients, target: GradTarget): GradCheck {
  const { inp, t } = narrowed(inputs, target);
  const src = inp[t.tensor];
  const x = src.data[targetOffset(inp, t)];
  if (x === undefined) throw new Error(tOp('outsideTensor', { name: targetNames(target).input }));
  const eps = epsFor(x);
  const lossPlus = loss(engine, withValue(inp, t, x + eps));
  const lossMinus = loss(engine, withValue(inp, t, x - eps));
  // (x + eps) - (x - eps) is not exactly 2 eps in floating point: divide by the real step.
  const numeric = (lossPlus - lossMinus) / (x + eps - (x - eps));
  const analytic = analyticOf(g, target);
  const names = targetNames(target);
  return {
    target,
    inputName: names.input,
    gradName: names.grad,
    x,
    eps,
    lossPlus,
    lossMinus,
    numeric,
    analytic,
    relDiff: relativeDifference(numeric, analytic),
  };
}
