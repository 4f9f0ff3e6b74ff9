// Naive reference implementations, written from the seed's loops, independent of the C code.
// Each returns the values and, for the tolerance, the sum of the magnitudes of every term added
// into each element (so a check can allow 1e-12 * (1 + that sum) for a different summation order).
import type {
  ConvParams,
  ConvTransposeParams,
  PoolMode,
  PoolTies,
  Shape4,
  Tensor,
} from '../../src/engine/types';

export interface WithMagnitude {
  value: Tensor;
  /** per element: the sum of |term| over the terms summed into it */
  magnitude: Float64Array;
}

const at = (s: Shape4, i: number, h: number, w: number, c: number): number =>
  ((i * s[1] + h) * s[2] + w) * s[3] + c;

function zeros(shape: Shape4): WithMagnitude {
  const n = shape[0] * shape[1] * shape[2] * shape[3];
  return { value: { shape, data: new Float64Array(n) }, magnitude: new Float64Array(n) };
}

export function convOutShape(s: Shape4, p: ConvParams): Shape4 {
  const d = Math.max(p.dilation, 1);
  const span = d * (p.f - 1) + 1;
  return [
    s[0],
    Math.floor((s[1] + 2 * p.pad - span) / p.stride) + 1,
    Math.floor((s[2] + 2 * p.pad - span) / p.stride) + 1,
    p.nC,
  ];
}

export function poolOutShape(s: Shape4, f: number, stride: number): Shape4 {
  return [s[0], Math.floor((s[1] - f) / stride) + 1, Math.floor((s[2] - f) / stride) + 1, s[3]];
}

/** Value of A_prev at padded coordinates (zero in the padding). */
function padded(A: Tensor, pad: number, i: number, y: number, x: number, k: number): number {
  const yy = y - pad,
    xx = x - pad;
  if (yy < 0 || xx < 0 || yy >= A.shape[1] || xx >= A.shape[2]) return 0;
  return A.data[at(A.shape, i, yy, xx, k)]!;
}

export function refConvForward(A: Tensor, W: Tensor, b: Tensor, p: ConvParams): WithMagnitude {
  const d = Math.max(p.dilation, 1);
  const out = zeros(convOutShape(A.shape, p));
  const [m, nH, nW, nC] = out.value.shape;
  const C = A.shape[3];
  for (let i = 0; i < m; i++)
    for (let c = 0; c < nC; c++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++) {
          let sum = 0,
            mag = 0;
          for (let u = 0; u < p.f; u++)
            for (let v = 0; v < p.f; v++)
              for (let k = 0; k < C; k++) {
                const term =
                  padded(A, p.pad, i, h * p.stride + u * d, w * p.stride + v * d, k) *
                  W.data[at(W.shape, u, v, k, c)]!;
                sum += term;
                mag += Math.abs(term);
              }
          const o = at(out.value.shape, i, h, w, c);
          out.value.data[o] = sum + b.data[c]!;
          out.magnitude[o] = mag + Math.abs(b.data[c]!);
        }
  return out;
}

export function refConvBackward(
  dZ: Tensor,
  A: Tensor,
  W: Tensor,
  p: ConvParams,
): { dA_prev: WithMagnitude; dW: WithMagnitude; db: WithMagnitude } {
  const d = Math.max(p.dilation, 1);
  const dA_prev = zeros(A.shape);
  const dW = zeros(W.shape);
  const db = zeros([1, 1, 1, p.nC]);
  const [m, nH, nW, nC] = dZ.shape;
  const C = A.shape[3];
  for (let i = 0; i < m; i++)
    for (let c = 0; c < nC; c++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++) {
          const g = dZ.data[at(dZ.shape, i, h, w, c)]!;
          for (let u = 0; u < p.f; u++)
            for (let v = 0; v < p.f; v++)
              for (let k = 0; k < C; k++) {
                const y = h * p.stride + u * d - p.pad,
                  x = w * p.stride + v * d - p.pad;
                // dA_prev: the padding's share is cropped away, as the seed's slice does.
                if (y >= 0 && x >= 0 && y < A.shape[1] && x < A.shape[2]) {
                  const t = g * W.data[at(W.shape, u, v, k, c)]!;
                  const o = at(A.shape, i, y, x, k);
                  dA_prev.value.data[o]! += t;
                  dA_prev.magnitude[o]! += Math.abs(t);
                }
                const t = g * padded(A, p.pad, i, y + p.pad, x + p.pad, k);
                const o = at(W.shape, u, v, k, c);
                dW.value.data[o]! += t;
                dW.magnitude[o]! += Math.abs(t);
              }
          db.value.data[c]! += g;
          db.magnitude[c]! += Math.abs(g);
        }
  return { dA_prev, dW, db };
}

export function refPoolForward(A: Tensor, f: number, stride: number, mode: PoolMode): WithMagnitude {
  const out = zeros(poolOutShape(A.shape, f, stride));
  const [m, nH, nW, C] = out.value.shape;
  for (let i = 0; i < m; i++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++) {
          let best = -Infinity,
            sum = 0,
            mag = 0;
          for (let u = 0; u < f; u++)
            for (let v = 0; v < f; v++) {
              const a = A.data[at(A.shape, i, h * stride + u, w * stride + v, c)]!;
              best = Math.max(best, a);
              sum += a;
              mag += Math.abs(a);
            }
          const o = at(out.value.shape, i, h, w, c);
          out.value.data[o] = mode === 'max' ? best : sum / (f * f);
          out.magnitude[o] = mode === 'max' ? 0 : mag / (f * f);
        }
  return out;
}

/** The window's mask: every maximum ('all', the assignment) or the first in row-major order. */
export function refMask(
  A: Tensor,
  i: number,
  c: number,
  vs: number,
  hs: number,
  f: number,
  ties: PoolTies,
): Uint8Array {
  const mask = new Uint8Array(f * f);
  let best = -Infinity;
  for (let u = 0; u < f; u++)
    for (let v = 0; v < f; v++) best = Math.max(best, A.data[at(A.shape, i, vs + u, hs + v, c)]!);
  for (let u = 0; u < f; u++)
    for (let v = 0; v < f; v++) {
      if (A.data[at(A.shape, i, vs + u, hs + v, c)] === best) {
        mask[u * f + v] = 1;
        if (ties === 'first') return mask;
      }
    }
  return mask;
}

export function refPoolBackward(
  dA: Tensor,
  A: Tensor,
  f: number,
  stride: number,
  mode: PoolMode,
  ties: PoolTies,
): WithMagnitude {
  const out = zeros(A.shape);
  const [m, nH, nW, C] = dA.shape;
  for (let i = 0; i < m; i++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++) {
          const g = dA.data[at(dA.shape, i, h, w, c)]!;
          const mask = mode === 'max' ? refMask(A, i, c, h * stride, w * stride, f, ties) : null;
          for (let u = 0; u < f; u++)
            for (let v = 0; v < f; v++) {
              const t = mask === null ? g / (f * f) : g * mask[u * f + v]!;
              const o = at(A.shape, i, h * stride + u, w * stride + v, c);
              out.value.data[o]! += t;
              out.magnitude[o]! += Math.abs(t);
            }
        }
  return out;
}

/** Index (i, h, w, c) of flat position k in a tensor of shape s, for messages. */
function indexOf(s: Shape4, k: number): string {
  const c = k % s[3];
  const w = Math.floor(k / s[3]) % s[2];
  const h = Math.floor(k / (s[3] * s[2])) % s[1];
  const i = Math.floor(k / (s[3] * s[2] * s[1]));
  return `(${i}, ${h}, ${w}, ${c})`;
}

/** Tolerance of the comparisons: |got - want| <= REL * (1 + sum of |terms| of that element). */
const REL = 1e-12;

/** The first element outside the tolerance, described; null when all agree. */
export function mismatch(
  what: string,
  got: Tensor,
  want: Tensor,
  magnitude: Float64Array | null,
): string | null {
  if (got.shape.join() !== want.shape.join()) {
    return `${what}: shape ${got.shape.join('×')}, want ${want.shape.join('×')}`;
  }
  for (let k = 0; k < want.data.length; k++) {
    const g = got.data[k]!,
      w = want.data[k]!;
    const bound = magnitude === null ? 0 : REL * (1 + magnitude[k]!);
    if (!(Math.abs(g - w) <= bound)) {
      return `${what}${indexOf(want.shape, k)}: got ${g}, want ${w} (difference ${Math.abs(g - w)}, tolerance ${bound})`;
    }
  }
  return null;
}

/** Bitwise equality (NaN payloads aside), described on the first difference. */
export function bitwiseMismatch(what: string, got: Tensor, want: Tensor): string | null {
  if (got.shape.join() !== want.shape.join()) {
    return `${what}: shape ${got.shape.join('×')}, want ${want.shape.join('×')}`;
  }
  for (let k = 0; k < want.data.length; k++) {
    if (!Object.is(got.data[k], want.data[k])) {
      return `${what}${indexOf(want.shape, k)}: got ${got.data[k]}, want ${want.data[k]} bit for bit`;
    }
  }
  return null;
}

/** Y_pad's shape of a transposed convolution: the windows' reach plus output_padding. */
export function convTransposePadShape(s: Shape4, p: ConvTransposeParams): Shape4 {
  const span = Math.max(1, p.dilation) * (p.f - 1) + 1;
  return [
    s[0],
    (s[1] - 1) * p.stride + span + p.outputPadding,
    (s[2] - 1) * p.stride + span + p.outputPadding,
    p.nCOut,
  ];
}

/**
 * Transposed convolution, the first `windows` windows of the loop (i, c, h, w) over X (all when
 * omitted): Y_pad[i, window, :] += W[:, :, :, c] * X[i, h, w, c]; Y = crop of Y_pad + b.
 * The magnitude of Y counts |b| too.
 */
export function refConvTranspose(
  X: Tensor,
  W: Tensor,
  b: Tensor,
  p: ConvTransposeParams,
  windows = Number.POSITIVE_INFINITY,
): { yPad: Tensor; y: WithMagnitude } {
  const s = X.shape;
  const ps = convTransposePadShape(s, p);
  const d = Math.max(1, p.dilation);
  const ws: Shape4 = [p.f, p.f, p.nCOut, s[3]];
  const yPad = zeros(ps);
  let done = 0;
  loop: for (let i = 0; i < s[0]; i++)
    for (let c = 0; c < s[3]; c++)
      for (let h = 0; h < s[1]; h++)
        for (let w = 0; w < s[2]; w++) {
          if (done >= windows) break loop;
          done++;
          const x = X.data[at(s, i, h, w, c)]!;
          for (let u = 0; u < p.f; u++)
            for (let v = 0; v < p.f; v++)
              for (let k = 0; k < p.nCOut; k++) {
                const o = at(ps, i, h * p.stride + u * d, w * p.stride + v * d, k);
                const t = x * W.data[at(ws, u, v, k, c)]!;
                yPad.value.data[o]! += t;
                yPad.magnitude[o]! += Math.abs(t);
              }
        }
  const os: Shape4 = [s[0], ps[1] - 2 * p.pad, ps[2] - 2 * p.pad, p.nCOut];
  const y = zeros(os);
  for (let i = 0; i < os[0]; i++)
    for (let r = 0; r < os[1]; r++)
      for (let q = 0; q < os[2]; q++)
        for (let k = 0; k < os[3]; k++) {
          const from = at(ps, i, r + p.pad, q + p.pad, k);
          y.value.data[at(os, i, r, q, k)] = yPad.value.data[from]! + b.data[k]!;
          y.magnitude[at(os, i, r, q, k)] = yPad.magnitude[from]! + Math.abs(b.data[k]!);
        }
  return { yPad: yPad.value, y };
}
