// Average pooling as numpy runs the notebook's pool_forward, for the printouts alone.
//
// The notebook takes np.ma.average(a_prev_slice): np.ma.asarray copies the (f, f) window into
// a C-contiguous array, whose np.mean adds its f·f values pairwise (lib/numpy's npSum) and
// divides by f·f. The C kernel and the stepper add the window left to right, so their averages
// can differ from numpy's in the last digit; the printout panel shows numpy's.

import type { PoolParams, Tensor } from '../../engine/types';
import { npSumOf } from '../../lib/numpy/index';

/** A = pool_forward(A_prev, hparameters, mode="average"), each window's mean in numpy's order. */
export function npAveragePool(A_prev: Tensor, p: PoolParams): Tensor {
  const [m, H, W, C] = A_prev.shape;
  const nH = Math.floor((H - p.f) / p.stride) + 1;
  const nW = Math.floor((W - p.f) / p.stride) + 1;
  const A = new Float64Array(m * nH * nW * C);
  const window = new Float64Array(p.f * p.f);
  for (let i = 0; i < m; i++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++) {
          for (let u = 0; u < p.f; u++)
            for (let v = 0; v < p.f; v++)
              window[u * p.f + v] =
                A_prev.data[((i * H + h * p.stride + u) * W + w * p.stride + v) * C + c] ?? 0;
          A[((i * nH + h) * nW + w) * C + c] = npSumOf(window) / (p.f * p.f);
        }
  return { shape: [m, nH, nW, C], data: A };
}
