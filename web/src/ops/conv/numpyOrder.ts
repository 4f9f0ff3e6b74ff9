// The notebook's conv_forward and conv_backward as numpy runs them, for the printouts alone.
//
// The C kernels and the stepper add a window's products left to right, as the loops read. numpy's
// conv_single_step does np.sum(a_slice_prev * W): the product is a fresh C-contiguous
// (f, f, n_C_prev) array, and np.sum adds it pairwise (eight running sums, see lib/numpy's
// npSum). The two orders round differently, so Z can differ from numpy's in the last digit or
// two, and so can everything computed from it (np.mean(Z), dW when dZ = Z). The printout
// panel promises numpy's text to the last digit, so it recomputes here in numpy's order; what
// the walk shows stays the C kernels' own sums.

import type { ConvParams, Tensor } from '../../engine/types';
import { npSumOf } from '../../lib/numpy/index';

interface Geometry {
  m: number;
  H: number;
  W: number;
  C: number;
  f: number;
  nC: number;
  s: number;
  p: number;
  d: number;
  nH: number;
  nW: number;
}

function geometry(A_prev: Tensor, p: ConvParams): Geometry {
  const [m, H, W, C] = A_prev.shape;
  const d = Math.max(1, p.dilation);
  const span = d * (p.f - 1) + 1;
  return {
    m,
    H,
    W,
    C,
    f: p.f,
    nC: p.nC,
    s: p.stride,
    p: p.pad,
    d,
    nH: Math.floor((H + 2 * p.pad - span) / p.stride) + 1,
    nW: Math.floor((W + 2 * p.pad - span) / p.stride) + 1,
  };
}

/** A_prev[i, row - pad, col - pad, k], 0 in the padding (zero_pad without the copy). */
function padded(A_prev: Tensor, g: Geometry, i: number, row: number, col: number, k: number): number {
  const r = row - g.p;
  const q = col - g.p;
  if (r < 0 || r >= g.H || q < 0 || q >= g.W) return 0;
  return A_prev.data[((i * g.H + r) * g.W + q) * g.C + k] ?? 0;
}

/** Z = conv_forward(A_prev, W, b, hparameters), each Z[i, h, w, c] = np.sum(a_slice_prev * W[..., c]) + b[c]. */
export function npConvForward(A_prev: Tensor, W: Tensor, b: Tensor, params: ConvParams): Tensor {
  const g = geometry(A_prev, params);
  const Z = new Float64Array(g.m * g.nH * g.nW * g.nC);
  const terms = new Float64Array(g.f * g.f * g.C);
  for (let i = 0; i < g.m; i++)
    for (let c = 0; c < g.nC; c++)
      for (let h = 0; h < g.nH; h++)
        for (let w = 0; w < g.nW; w++) {
          let t = 0;
          for (let u = 0; u < g.f; u++)
            for (let v = 0; v < g.f; v++)
              for (let k = 0; k < g.C; k++) {
                const a = padded(A_prev, g, i, h * g.s + u * g.d, w * g.s + v * g.d, k);
                terms[t++] = a * (W.data[((u * g.f + v) * g.C + k) * g.nC + c] ?? 0);
              }
          Z[((i * g.nH + h) * g.nW + w) * g.nC + c] = npSumOf(terms) + (b.data[c] ?? 0);
        }
  return { shape: [g.m, g.nH, g.nW, g.nC], data: Z };
}

/** dA_prev, dW, db = conv_backward(dZ, cache): the notebook's loops, each += in numpy's order. */
export function npConvBackward(
  dZ: Tensor,
  A_prev: Tensor,
  W: Tensor,
  params: ConvParams,
): { dA_prev: Tensor; dW: Tensor; db: Tensor } {
  const g = geometry(A_prev, params);
  const Hp = g.H + 2 * g.p;
  const Wp = g.W + 2 * g.p;
  const dAPad = new Float64Array(g.m * Hp * Wp * g.C);
  const dW = new Float64Array(g.f * g.f * g.C * g.nC);
  const db = new Float64Array(g.nC);
  for (let i = 0; i < g.m; i++)
    for (let c = 0; c < g.nC; c++)
      for (let h = 0; h < g.nH; h++)
        for (let w = 0; w < g.nW; w++) {
          const dz = dZ.data[((i * g.nH + h) * g.nW + w) * g.nC + c] ?? 0;
          for (let u = 0; u < g.f; u++)
            for (let v = 0; v < g.f; v++)
              for (let k = 0; k < g.C; k++) {
                const row = h * g.s + u * g.d;
                const col = w * g.s + v * g.d;
                const wk = ((u * g.f + v) * g.C + k) * g.nC + c;
                const at = ((i * Hp + row) * Wp + col) * g.C + k;
                dAPad[at] = (dAPad[at] ?? 0) + dz * (W.data[wk] ?? 0);
                dW[wk] = (dW[wk] ?? 0) + dz * padded(A_prev, g, i, row, col, k);
              }
          db[c] = (db[c] ?? 0) + dz;
        }
  const dA = new Float64Array(g.m * g.H * g.W * g.C);
  for (let i = 0; i < g.m; i++)
    for (let r = 0; r < g.H; r++)
      for (let q = 0; q < g.W; q++)
        for (let k = 0; k < g.C; k++)
          dA[((i * g.H + r) * g.W + q) * g.C + k] = dAPad[((i * Hp + r + g.p) * Wp + q + g.p) * g.C + k] ?? 0;
  return {
    dA_prev: { shape: A_prev.shape, data: dA },
    dW: { shape: [g.f, g.f, g.C, g.nC], data: dW },
    db: { shape: [1, 1, 1, g.nC], data: db },
  };
}
