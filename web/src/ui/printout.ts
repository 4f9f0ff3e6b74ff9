// Building the lines of a notebook's test cell for the printout panel: each op's printouts.ts
// says which print() calls its cell makes; these helpers turn them into what Python prints.

import { type NdArrayLike, npIndex, pythonPrint } from '../lib/numpy/index';
import type { Printout } from '../state/operation';

/** print("mode = max"): a line of words only. */
export function printWords(code: string, text: string): Printout {
  return { code, text };
}

/**
 * print(label, value): `value` is a number (np.float64), an array, or numpy's IndexError sentence
 * when the cell's index does not exist in this run's tensors (then that sentence is the output).
 * `expr` names the value in Python: Z[0, 2, 1], np.mean(dA).
 */
export function printValue(
  code: string,
  label: string,
  expr: string,
  value: number | NdArrayLike | string,
): Printout {
  if (typeof value === 'string') return { code, text: value };
  const array: NdArrayLike = typeof value === 'number' ? { data: [value], shape: [] } : value;
  return {
    code,
    text: pythonPrint([label, typeof value === 'number' ? value : array]),
    value: { expr, array },
  };
}

/** a[i][j][k]: one index at a time, as chained indexing fails (each on its own axis 0). */
export function chainedIndex(a: NdArrayLike, index: readonly number[]): NdArrayLike | string {
  let cur: NdArrayLike | string = a;
  for (const k of index) {
    if (typeof cur === 'string') return cur;
    cur = npIndex(cur, [k]);
  }
  return cur;
}
