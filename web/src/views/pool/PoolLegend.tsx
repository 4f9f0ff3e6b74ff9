// What the colours and marks on a pooling stage mean.

import { legendGradient } from '../../components/colors';

export type PoolMark = 'max' | 'gets' | 'skip' | 'added';

const MARK_TEXT: Record<PoolMark, string> = {
  max: 'a maximum of the window',
  gets: 'gets the gradient this step',
  skip: 'tied maximum, skipped (PyTorch)',
  added: '+ what this step adds',
};

export interface PoolLegendProps {
  /** show the "never visited" swatch (only when some row or column is) */
  unvisited: boolean;
  marks: readonly PoolMark[];
  /** show the "not computed yet" swatch (an output filling in; not a gradient, which starts
   * at zero) */
  empty?: boolean;
}

export function PoolLegend({ unvisited, marks, empty = true }: PoolLegendProps) {
  return (
    <ul class="legend" aria-label="Legend">
      <li>
        <span class="swatch swatch-scale" style={{ background: legendGradient() }} aria-hidden="true" />
        negative · 0 · positive
      </li>
      <li>
        <span class="swatch swatch-window" aria-hidden="true" />
        window, current cell
      </li>
      {marks.map((m) => (
        <li key={m}>
          <span class={`swatch swatch-${m}`} aria-hidden="true">
            {m === 'added' ? '+' : ''}
          </span>
          {MARK_TEXT[m]}
        </li>
      ))}
      {unvisited && (
        <li>
          <span class="swatch swatch-unvisited" aria-hidden="true" />
          never visited
        </li>
      )}
      {empty && (
        <li>
          <span class="swatch swatch-empty" aria-hidden="true" />
          not computed yet
        </li>
      )}
    </ul>
  );
}
