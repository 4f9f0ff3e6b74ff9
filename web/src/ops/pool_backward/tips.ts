// What hovering a cell of dA or dA_prev says: its value, its flat offset, and the steps that use
// or write it (for max-pool gradients, only the windows whose mask includes the cell).

import { stepNumber } from '../../lib/tensor';
import { longText } from '../../ui/format';
import { windowsOver, writesTo } from '../pool/pool';
import { offsetLine } from '../pool/tips';
import type { PoolBackwardFrame, PoolBackwardRun } from './model';

/** dA[i, h, w, c]: the incoming gradient, used by one step. */
export function tipDA(s: PoolBackwardRun, fr: PoolBackwardFrame, h: number, w: number): string {
  const { i, c } = fr;
  const cfg = s.config;
  const v = fr.dA[h * s.nW + w] ?? 0;
  const at = stepNumber(s, i, c, h, w);
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
