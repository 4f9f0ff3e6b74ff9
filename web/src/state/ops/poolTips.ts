// What hovering a cell of a pooling stage says: its index (i, h, w, c), its flat NHWC offset,
// its value, and the steps that read or wrote it, worked out from the geometry (for max-pool
// gradients, only the windows whose mask includes the cell).

import { longText } from '../../app/format';
import { poolChoices } from '../config';
import { flatOffset, poolStepIndex, stepList, windowsOver, writesTo } from './pool';
import type { PoolBackwardFrame, PoolBackwardRun } from './poolBackward';
import type { PoolForwardFrame, PoolForwardRun } from './poolForward';

function offsetLine(shape: readonly number[], idx: readonly number[]): string {
  return `flat NHWC offset ${flatOffset(shape, idx)}`;
}

/** "steps 1, 2 and 5" of the windows over input cell (r, q) of sample i, channel c. */
function readers(s: PoolForwardRun | PoolBackwardRun, i: number, c: number, r: number, q: number): number[] {
  return windowsOver(s, r, q).map(({ h, w }) => poolStepIndex(s, i, c, h, w) + 1);
}

/** A_prev[i, r, q, c] in either pooling op. */
export function tipAprev(
  s: PoolForwardRun | PoolBackwardRun,
  i: number,
  c: number,
  r: number,
  q: number,
): string {
  const cfg = s.config;
  const v = s.data.A_prev.data[flatOffset(s.data.A_prev.shape, [i, r, q, c])] ?? 0;
  const steps = readers(s, i, c, r, q);
  const read = steps.length === 0 ? 'never read: no window covers it' : `read by ${stepList(steps)}`;
  return `A_prev[${i}, ${r}, ${q}, ${c}] = ${longText(v, cfg.data)}\n${offsetLine(s.data.A_prev.shape, [i, r, q, c])}\n${read}`;
}

/** A[i, h, w, c]: written by one step. */
export function tipA(s: PoolForwardRun, fr: PoolForwardFrame, h: number, w: number): string {
  const { i, c } = fr;
  const cfg = s.config;
  const v = fr.A[h * s.nW + w] ?? Number.NaN;
  const at = poolStepIndex(s, i, c, h, w) + 1;
  const how = poolChoices(cfg).mode === 'max' ? 'np.max' : 'np.mean';
  const r0 = h * cfg.stride;
  const q0 = w * cfg.stride;
  const head = Number.isNaN(v)
    ? `A[${i}, ${h}, ${w}, ${c}]: not computed yet (step ${at})`
    : `A[${i}, ${h}, ${w}, ${c}] = ${longText(v, cfg.data)} (step ${at})`;
  return `${head}\n${offsetLine([cfg.m, s.nH, s.nW, cfg.Cin], [i, h, w, c])}\n= ${how}(A_prev[${i}, ${r0}:${r0 + cfg.f}, ${q0}:${q0 + cfg.f}, ${c}])`;
}

/** dA[i, h, w, c]: the incoming gradient, used by one step. */
export function tipDA(s: PoolBackwardRun, fr: PoolBackwardFrame, h: number, w: number): string {
  const { i, c } = fr;
  const cfg = s.config;
  const v = fr.dA[h * s.nW + w] ?? 0;
  const at = poolStepIndex(s, i, c, h, w) + 1;
  const when = at < fr.position ? 'used by' : at === fr.position ? 'used by this step,' : 'to be used by';
  return `dA[${i}, ${h}, ${w}, ${c}] = ${longText(v, cfg.data)}\n${offsetLine([cfg.m, s.nH, s.nW, cfg.Cin], [i, h, w, c])}\n${when} step ${at}`;
}

/** Lines naming the steps that add to a cell, one per line with what each adds:
 *   written by 2 steps:
 *     step 17  +0.9863
 *     step 20  +2.5283  (this step)
 */
function writeLines(
  ws: readonly { step: number; amount: number }[],
  position: number,
  data: 'gauss' | 'ints',
  limit = 5,
): string[] {
  const signed = (v: number) => (v < 0 ? longText(v, data) : `+${longText(v, data)}`);
  const show = (head: string, xs: readonly { step: number; amount: number }[]) => [
    `${head} ${xs.length === 1 ? '1 step' : `${xs.length} steps`}:`,
    ...xs
      .slice(0, limit)
      .map((x) => `  step ${x.step}  ${signed(x.amount)}${x.step === position ? '  (this step)' : ''}`),
    ...(xs.length > limit ? [`  … and ${xs.length - limit} more`] : []),
  ];
  const done = ws.filter((x) => x.step <= position);
  const later = ws.filter((x) => x.step > position);
  return [
    ...(done.length > 0 ? show('written by', done) : []),
    ...(later.length > 0 ? show('still to come,', later) : []),
  ];
}

/** dA_prev[i, r, q, c]: the running sum, and the steps that add to it. */
export function tipDAprev(s: PoolBackwardRun, fr: PoolBackwardFrame, r: number, q: number): string {
  const { i, c } = fr;
  const cfg = s.config;
  const v = fr.dAp[r * cfg.W + q] ?? 0;
  const ws = writesTo(s, fr.a, fr.dA, i, c, r, q);
  const lines = [
    `dA_prev[${i}, ${r}, ${q}, ${c}] = ${longText(v, cfg.data)}`,
    offsetLine([cfg.m, cfg.H, cfg.W, cfg.Cin], [i, r, q, c]),
  ];
  if (ws.length === 0) {
    const covered = windowsOver(s, r, q).length > 0;
    lines.push(
      covered ? 'no step adds to it: no window’s mask picks it' : 'no step adds to it: no window covers it',
    );
  } else lines.push(...writeLines(ws, fr.position, cfg.data));
  return lines.join('\n');
}
