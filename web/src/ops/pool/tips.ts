// What hovering a cell of a pooling stage says: its index (i, h, w, c), its flat NHWC offset,
// its value, and the steps that read or wrote it, worked out from the geometry (for max-pool
// gradients, only the windows whose mask includes the cell).

import { flatOffset, stepNumber } from '../../lib/tensor';
import { longText } from '../../ui/format';
import { stepList, windowsOver, type PoolRun } from './pool';
import { tPool } from './messages';
import { tUi } from '../../ui/messages';

export function offsetLine(shape: readonly number[], idx: readonly number[]): string {
  return tUi('flatOffset', { offset: flatOffset(shape, idx) });
}

/** "steps 1, 2 and 5" of the windows over input cell (r, q) of sample i, channel c. */
function readers(s: PoolRun, i: number, c: number, r: number, q: number): number[] {
  return windowsOver(s, r, q).map(({ h, w }) => stepNumber(s, i, c, h, w));
}

/** A_prev[i, r, q, c] in either pooling op. */
export function tipAprev(s: PoolRun, i: number, c: number, r: number, q: number): string {
  const cfg = s.config;
  const v = s.data.A_prev.data[flatOffset(s.data.A_prev.shape, [i, r, q, c])] ?? 0;
  const steps = readers(s, i, c, r, q);
  const read = steps.length === 0 ? tPool('neverRead') : tPool('readBy', { steps: stepList(steps) });
  return `A_prev[${i}, ${r}, ${q}, ${c}] = ${longText(v, cfg.data)}\n${offsetLine(s.data.A_prev.shape, [i, r, q, c])}\n${read}`;
}
