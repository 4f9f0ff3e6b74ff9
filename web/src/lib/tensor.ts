// Indexing shared by every operation: where a cell lives in a row-major (NHWC) array, and which
// step of the seed's loop handles a window. One convention for steps everywhere: step numbers
// are 1-based, as the transport counts them; step s is done once the position reaches s.

import type { Tensor } from '../engine/types';

/** Flat offset of index `idx` in a row-major array of `shape` (NHWC for activations, (f, f,
 * n_C_prev, n_C) for filters). */
export function flatOffset(shape: readonly number[], idx: readonly number[]): number {
  let o = 0;
  for (let d = 0; d < shape.length; d++) o = o * (shape[d] ?? 1) + (idx[d] ?? 0);
  return o;
}

/** The index of flat offset `offset` in a row-major array of `shape`: flatOffset undone. */
export function unravel(shape: readonly number[], offset: number): number[] {
  const idx: number[] = [];
  let t = offset;
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d] ?? 1;
    idx.unshift(t % n);
    t = Math.floor(t / n);
  }
  return idx;
}

/** The sizes of a walk's loop: channels looped over (n_C, or n_C_prev for pooling) and the
 * output's height and width. */
export interface LoopDims {
  nC: number;
  nH: number;
  nW: number;
}

/** The 1-based step that handles window (i, c, h, w): the seed's order i, c, h, w, w fastest. */
export function stepNumber(d: LoopDims, i: number, c: number, h: number, w: number): number {
  return ((i * d.nC + c) * d.nH + h) * d.nW + w + 1;
}

/** (i, c, h, w) of the 1-based step s. */
export function loopAt(d: LoopDims, s: number): { i: number; c: number; h: number; w: number } {
  const k = s - 1;
  const w = k % d.nW;
  let t = Math.floor(k / d.nW);
  const h = t % d.nH;
  t = Math.floor(t / d.nH);
  const c = t % d.nC;
  const i = Math.floor(t / d.nC);
  return { i, c, h, w };
}

/** The largest magnitude, or 1 when every value is 0: a colour scale. */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  // plain comparisons, no calls: a layer's opening reads every value before the code is optimised
  for (let j = 0, n = a.length; j < n; j++) {
    const v = a[j] ?? 0;
    const x = v < 0 ? -v : v;
    if (x > m) m = x;
    // a NaN makes the scale 1, as Math.max's NaN did
    else if (Number.isNaN(x)) return 1;
  }
  return m > 0 ? m : 1;
}

/** (m, H, W, C) tensor's channel [i, :, :, c] as a row-major H×W array. */
export function channelOf(
  t: { shape: readonly number[]; data: ArrayLike<number> },
  i: number,
  c: number,
): Float64Array {
  const [, H = 1, W = 1, C = 1] = t.shape;
  const out = new Float64Array(H * W);
  const data = t.data;
  // one strided walk (cheap before the code is optimised: a stage's first drawing runs it)
  for (let q = 0, at = i * H * W * C + c; q < H * W; q++, at += C) out[q] = data[at] ?? 0;
  return out;
}

/** An output (m, n_H, n_W, n_C) as it stands after `position` steps of the loop i, c, h, w, one
 * cell per step: the cells not computed yet are NaN (np.zeros' zeros would read as results). */
export function outputSoFar(out: Tensor, position: number): Tensor {
  return hideUnwritten({ shape: out.shape, data: new Float64Array(out.data) }, position);
}

/** outputSoFar in place: NaN in every cell of `out` that the first `position` steps have not
 * written; returns `out`. For a copy of one's own (a stepper's tensor is one). */
export function hideUnwritten(out: Tensor, position: number): Tensor {
  const [m = 1, nH = 1, nW = 1, nC = 1] = out.shape;
  const cells = nH * nW;
  const data = out.data;
  // the steps of (i, c) are the cells of out[i, :, :, c] row by row: those done are a prefix
  for (let i = 0; i < m; i++)
    for (let c = 0; c < nC; c++) {
      const done = Math.min(cells, Math.max(0, position - stepNumber({ nC, nH, nW }, i, c, 0, 0) + 1));
      for (let q = done, at = (i * cells + done) * nC + c; q < cells; q++, at += nC) data[at] = Number.NaN;
    }
  return out;
}

/** (m, H, W, C) cut by `pad` rows and columns on every side: X_pad[:, pad:-pad, pad:-pad, :]. */
export function cropPad(t: Tensor, pad: number): Tensor {
  if (pad === 0) return t;
  const [m, Hp, Wp, C] = t.shape;
  const H = Math.max(0, Hp - 2 * pad);
  const W = Math.max(0, Wp - 2 * pad);
  const data = new Float64Array(m * H * W * C);
  for (let i = 0; i < m; i++)
    for (let r = 0; r < H; r++)
      for (let q = 0; q < W; q++)
        for (let k = 0; k < C; k++)
          data[((i * H + r) * W + q) * C + k] = t.data[((i * Hp + r + pad) * Wp + q + pad) * C + k] ?? 0;
  return { shape: [m, H, W, C], data };
}
