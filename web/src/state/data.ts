// The layer's data, drawn like the notebook does it:
//   np.random.seed(seed); A_prev = np.random.randn(m, n_H_prev, n_W_prev, n_C_prev)
//   W = np.random.randn(f, f, n_C_prev, n_C); b = np.random.randn(1, 1, 1, n_C)
// "Small integers" are the same draws turned into -3..3 so sums can be done in one's head.

import type { Engine, Shape4, Tensor } from '../engine/types';
import type { Config } from './config';
import { customOr, type DataSource } from './source';

export interface LayerData {
  A_prev: Tensor;
  W: Tensor;
  b: Tensor;
}

/** round(1.5·x) clamped to -3..3; never -0. */
export function smallInt(x: number): number {
  const r = Math.max(-3, Math.min(3, Math.round(1.5 * x)));
  return r === 0 ? 0 : r;
}

function toInts(t: Tensor): Tensor {
  return { shape: t.shape, data: t.data.map(smallInt) };
}

/** The seed's draws, each replaced by the data source's tensor of that name when it fits. */
export function makeData(engine: Engine, c: Config, source?: DataSource): LayerData {
  const shapes: Shape4[] = [
    [c.m, c.H, c.W, c.Cin],
    [c.f, c.f, c.Cin, c.Cout],
    [1, 1, 1, c.Cout],
  ];
  const [A_prev, W, b] = engine.randn(c.seed, shapes);
  if (A_prev === undefined || W === undefined || b === undefined)
    throw new Error('randn returned too few tensors');
  const ints = c.data === 'ints';
  const own = (name: string, t: Tensor) => customOr(source, name, ints ? toInts(t) : t);
  return { A_prev: own('A_prev', A_prev), W: own('W', W), b: own('b', b) };
}
