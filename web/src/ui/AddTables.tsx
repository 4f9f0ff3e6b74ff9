// What one step added to a window of an accumulator (dA_prev_pad, dW, Y_pad): a table per
// channel of the window, f rows of f amounts; a summary line when the window is too large for
// tables beside the stage.

import type { ComponentChildren } from 'preact';
import { tUi } from './messages';

/** One cell's addition: filter row u, column v, channel k; the amount, and the cell after. */
export interface WindowAdd {
  u: number;
  v: number;
  k: number;
  amount: number;
}

/** Windows with at most this many cells (f·f·channels) get tables. */
const TABLES = 48;

export interface AddTablesProps<A extends WindowAdd> {
  adds: readonly A[];
  f: number;
  channels: number;
  /** the amount as a cell shows it, and as the summary's range shows it */
  cellText(v: number): string;
  rangeText(v: number): string;
  /** the table of channel k: its name for screen readers, and its caption */
  label(k: number): string;
  caption(k: number): ComponentChildren;
  /** a cell drawn grey (padding, a cell cropped away) */
  greyed(a: A): boolean;
  /** a cell's tooltip: what was multiplied and where the sum stands */
  title(a: A): string;
}

export function AddTables<A extends WindowAdd>(p: AddTablesProps<A>) {
  const { adds, f } = p;
  if (adds.length > TABLES) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const a of adds) {
      lo = Math.min(lo, a.amount);
      hi = Math.max(hi, a.amount);
    }
    return (
      <p class="add-summary">
        {tUi('addRange', { n: adds.length, lo: p.rangeText(lo), hi: p.rangeText(hi) })}
      </p>
    );
  }
  const tables = [];
  for (let k = 0; k < p.channels; k++) {
    const rows: A[][] = [];
    for (let u = 0; u < f; u++) rows.push(adds.filter((a) => a.k === k && a.u === u));
    tables.push(
      <table key={k} aria-label={p.label(k)}>
        <caption>{p.caption(k)}</caption>
        <tbody>
          {rows.map((r, u) => (
            <tr key={u}>
              {r.map((a) => (
                <td
                  key={a.v}
                  class={p.greyed(a) ? 'on-pad' : a.amount === 0 ? 'zero' : ''}
                  title={p.title(a)}
                >
                  {p.cellText(a.amount)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>,
    );
  }
  return <div class="add-tables">{tables}</div>;
}
