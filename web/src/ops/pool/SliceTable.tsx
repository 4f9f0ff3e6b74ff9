// An f×f window of numbers as a table, to the panel's four decimals: a_prev_slice with its
// maximum (or mask) marked.

import { longText } from '../../ui/format';
import type { DataKind } from '../../state/config';

export interface SliceTableProps {
  f: number;
  values: readonly number[];
  data: DataKind;
  /** 1 = marked (a maximum, or a cell that gets the gradient) */
  marks: ArrayLike<number> | null;
  /** 1 = a tied maximum that is not marked (PyTorch skips it) */
  skipped?: ArrayLike<number> | null;
  label: string;
}

export function SliceTable({ f, values, data, marks, skipped, label }: SliceTableProps) {
  const rows: number[][] = [];
  for (let u = 0; u < f; u++) rows.push(values.slice(u * f, u * f + f));
  return (
    <table class="slice-table" aria-label={label}>
      <tbody>
        {rows.map((r, u) => (
          <tr key={u}>
            {r.map((v, w) => {
              const j = u * f + w;
              const cls = marks?.[j] === 1 ? 'hit' : skipped?.[j] === 1 ? 'skip' : '';
              return (
                <td key={w} class={cls}>
                  {longText(v, data)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
