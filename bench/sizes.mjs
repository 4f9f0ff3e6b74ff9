// The configurations every part of the benchmark runs, and how much arithmetic each kernel does.
//
// Pooling runs on the same inputs as convolution, with a 2×2 window and stride 2 (no padding, as
// in the seed).

/** @typedef {{ name: string, m: number, H: number, W: number, C: number, f: number, nC: number,
 *   stride: number, pad: number, pool_f: number, pool_stride: number }} Size */

/** @type {Size[]} smallest first: the numpy run predicts the larger sizes from the first */
export const SIZES = [
  // The assignment's notebook layer: A_prev (2,5,7,4), W (3,3,4,8), stride 2, pad 1.
  { name: 'notebook', m: 2, H: 5, W: 7, C: 4, f: 3, nC: 8, stride: 2, pad: 1, pool_f: 2, pool_stride: 2 },
  // One 128×128 RGB image through eight 3×3 filters.
  { name: 'image', m: 1, H: 128, W: 128, C: 3, f: 3, nC: 8, stride: 1, pad: 1, pool_f: 2, pool_stride: 2 },
  // A hidden layer: two 32×32 maps of 16 channels into 32.
  { name: 'layer', m: 2, H: 32, W: 32, C: 16, f: 3, nC: 32, stride: 1, pad: 1, pool_f: 2, pool_stride: 2 },
];

/** The six batch kernels, in table order. `op` is the stepper's op; `mode` 0 max, 1 average. */
export const KERNELS = [
  { name: 'conv_forward', label: 'conv forward', op: 'conv_forward' },
  { name: 'conv_backward', label: 'conv backward', op: 'conv_backward' },
  { name: 'pool_forward_max', label: 'pool forward max', op: 'pool_forward', mode: 0 },
  { name: 'pool_forward_average', label: 'pool forward average', op: 'pool_forward', mode: 1 },
  { name: 'pool_backward_max', label: 'pool backward max', op: 'pool_backward', mode: 0 },
  { name: 'pool_backward_average', label: 'pool backward average', op: 'pool_backward', mode: 1 },
];

/** Output shape of the convolution (m, n_H, n_W, n_C). */
export function convOut(s) {
  const n_H = Math.floor((s.H + 2 * s.pad - s.f) / s.stride) + 1;
  const n_W = Math.floor((s.W + 2 * s.pad - s.f) / s.stride) + 1;
  return [s.m, n_H, n_W, s.nC];
}

/** Output shape of the pooling layer (m, n_H, n_W, C). */
export function poolOut(s) {
  const n_H = Math.floor((s.H - s.pool_f) / s.pool_stride) + 1;
  const n_W = Math.floor((s.W - s.pool_f) / s.pool_stride) + 1;
  return [s.m, n_H, n_W, s.C];
}

const prod = (a) => a.reduce((x, y) => x * y, 1);

/** Windows the seed's loop visits = steps of a stepper = elements of the output. */
export function steps(kernel, s) {
  return prod(kernel.name.startsWith('conv') ? convOut(s) : poolOut(s));
}

/**
 * Floating-point operations of one call, counting a multiply-add as two:
 *   conv forward   2 * m*n_H*n_W*n_C * f*f*n_C_prev
 *   conv backward  twice that (dA_prev and dW; db is left out)
 *   pooling        one per window element: m*n_H*n_W*C * f*f, forward and backward alike
 */
export function flops(kernel, s) {
  if (kernel.name === 'conv_forward') return 2 * prod(convOut(s)) * s.f * s.f * s.C;
  if (kernel.name === 'conv_backward') return 4 * prod(convOut(s)) * s.f * s.f * s.C;
  return prod(poolOut(s)) * s.pool_f * s.pool_f;
}

/** "(2,5,7,4) W (3,3,4,8) s2 p1": the size as the tables show it. */
export function describeSize(s) {
  return `A_prev (${s.m},${s.H},${s.W},${s.C}), W (${s.f},${s.f},${s.C},${s.nC}), stride ${s.stride}, pad ${s.pad}`;
}
