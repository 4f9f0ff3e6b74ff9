// What pool_forward and pool_backward share for predict-then-reveal and "check my numbers": the
// window a step reads, as cells to click, and the numpy lines that draw the notebook's data.

import { numpyDrawLines } from '../../state/check';
import type { PredictCells } from '../../state/predict';
import { poolChoices } from './choices';
import type { PoolRun } from './pool';

/** A_prev[i, vs:vs+f, hs:hs+f, c] as cells to click, none marked yet. */
export function windowCells(
  run: PoolRun,
  i: number,
  c: number,
  vs: number,
  hs: number,
): Omit<PredictCells, 'answer'> {
  const { f, H, W, Cin } = run.config;
  const values: number[] = [];
  const names: string[] = [];
  for (let u = 0; u < f; u++)
    for (let v = 0; v < f; v++) {
      values.push(run.data.A_prev.data[((i * H + vs + u) * W + hs + v) * Cin + c] ?? 0);
      names.push(`A_prev[${i}, ${vs + u}, ${hs + v}, ${c}]`);
    }
  return { rows: f, cols: f, values, names };
}

/** np.random.seed; A_prev (and dA after it) as the notebook draws them; hparameters. */
export function poolDrawLines(run: PoolRun, withDa: boolean): string[] {
  const { seed, m, H, W, Cin, f, stride, data } = run.config;
  const draws = [{ name: 'A_prev', shape: [m, H, W, Cin] }];
  const ones = poolChoices(run.config).da === 'ones';
  if (withDa && !ones) draws.push({ name: 'dA', shape: [m, run.nH, run.nW, Cin] });
  const ints = data === 'ints' ? draws.map((d) => d.name) : [];
  const lines = numpyDrawLines(seed, draws, ints);
  if (withDa && ones) lines.push(`dA = np.ones((${m}, ${run.nH}, ${run.nW}, ${Cin}))`);
  lines.push(`hparameters = {"stride": ${stride}, "f": ${f}}`);
  return lines;
}
