// What hovering a cell of dA or dA_prev says: its value, its flat offset, and the steps that use
// or write it (for max-pool gradients, only the windows whose mask includes the cell).

import { stepNumber } from '../../lib/tensor';
import { longText } from '../../ui/format';
import { windowsOver, writesTo } from '../pool/pool';
import { offsetLine } from '../pool/tips';
import type { PoolBackwardFrame, PoolBackwardRun } from './model';
import { t } from './messages';

/** dA[i, h, w, c]: the incoming gradient, used by one step. */
export function tipDA(s: PoolBackwardRun, fr: PoolBackwardFrame, h: number, w: number): string {
  const { i, c } = fr;
  const cfg = s.config;
  const v = fr.dA[h * s.nW + w] ?? 0;
  const at = stepNumber(s, i, c, h, w);
  const when =
    at < fr.position
      ? t('usedBy', { step: at })
      : at === fr.position
        ? t('usedByThis', { step: at })
        : t('toBeUsed', { step: at });
  return `dA[${i}, ${h}, ${w}, ${c}] = ${longText(v, cfg.data)}\n${offsetLine([cfg.m, s.nH, s.nW, cfg.Cin], [i, h, w, c])}\n${when}`;
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
  const show = (head: (n: number) => string, xs: readonly { step: number; amount: number }[]) => [
    head(xs.length),
    ...xs
      .slice(0, limit)
      .map(
        (x) =>
          `${t('writeLine', { step: x.step, amount: signed(x.amount) })}${x.step === position ? t('thisStep') : ''}`,
      ),
    ...(xs.length > limit ? [t('andMore', { n: xs.length - limit })] : []),
  ];
  const done = ws.filter((x) => x.step <= position);
  const later = ws.filter((x) => x.step > position);
  return [
    ...(done.length > 0 ? show((n) => t('writtenBy', { n }), done) : []),
    ...(later.length > 0 ? show((n) => t('toCome', { n }), later) : []),
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
    lines.push(covered ? t('noMaskPicks') : t('noWindow'));
  } else lines.push(...writeLines(ws, fr.position, cfg.data));
  return lines.join('\n');
}
