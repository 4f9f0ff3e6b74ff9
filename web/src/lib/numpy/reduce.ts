// What a notebook's test cell computes before it prints: np.mean of a whole array, added in
// numpy's own order so that the printed digits are numpy's to the last, and integer indexing
// (arr[1, 1], cache[0][1][2]) with numpy's IndexError sentence when an index does not exist.

import type { NdArrayLike } from './print';

function leftToRight(x: ArrayLike<number>, from: number, to: number, start: number): number {
  let s = start;
  for (let k = from; k < to; k++) s += x[k] ?? 0;
  return s;
}

/** numpy 1.24's pairwise_sum (numpy/core/src/umath/loops_utils.h.src): fewer than 8 terms left
 * to right; up to 128 terms, 8 running partial sums over elements j, j+8, j+16, ... combined as
 * ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the leftover terms; more, the two halves (split at
 * a multiple of 8) recursively. */
function pairwise(x: ArrayLike<number>, from: number, n: number): number {
  if (n < 8) return leftToRight(x, from, from + n, 0);
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0].map((_, j) => x[from + j] ?? 0);
    let k = 8;
    for (; k < n - (n % 8); k += 8) for (let j = 0; j < 8; j++) r[j] = (r[j] ?? 0) + (x[from + k + j] ?? 0);
    const [r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0] = r;
    const res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    return leftToRight(x, from + k, from + n, res);
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwise(x, from, half) + pairwise(x, from + half, n - half);
}

/** np.sum(arr) of a C-contiguous float64 array: 0.0 plus numpy's pairwise sum of its values,
 * taken in blocks of numpy's buffer size (8192) as its reduction loop does. */
export function npSum(a: NdArrayLike): number {
  const BUFFER = 8192;
  let s = 0;
  for (let from = 0; from < a.data.length; from += BUFFER) {
    s += pairwise(a.data, from, Math.min(BUFFER, a.data.length - from));
  }
  return s;
}

/** np.sum(terms) of a fresh 1-d (or any C-contiguous) array holding `terms` in order: what
 * conv_single_step's np.sum(a_slice_prev * W) adds, since the product array is C-contiguous. */
export function npSumOf(terms: ArrayLike<number>): number {
  return npSum({ data: terms, shape: [terms.length] });
}

/** np.mean(arr): np.sum(arr) / arr.size (NaN for an empty array, as numpy gives with a warning). */
export function npMean(a: NdArrayLike): number {
  return npSum(a) / a.data.length;
}

/**
 * arr[i0, i1, ...] with non-negative integer indices: the sub-array (a 0-d array when every
 * axis is indexed), or numpy's sentence when an index is out of range, e.g.
 * "IndexError: index 2 is out of bounds for axis 1 with size 2".
 */
export function npIndex(a: NdArrayLike, index: readonly number[]): NdArrayLike | string {
  if (index.length > a.shape.length) {
    return `IndexError: too many indices for array: array is ${a.shape.length}-dimensional, but ${index.length} were indexed`;
  }
  let offset = 0;
  let stride = a.data.length;
  for (let d = 0; d < index.length; d++) {
    const size = a.shape[d] ?? 0;
    const k = index[d] ?? 0;
    if (k < 0 || k >= size) return `IndexError: index ${k} is out of bounds for axis ${d} with size ${size}`;
    stride = size === 0 ? 0 : stride / size;
    offset += k * stride;
  }
  const shape = a.shape.slice(index.length);
  return { data: Array.from({ length: stride }, (_, k) => a.data[offset + k] ?? 0), shape };
}
