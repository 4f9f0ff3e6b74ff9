// What the colours and marks on a pooling stage mean.

import { LegendItem, LegendList } from '../../ui/Legend';
import { tPool } from './messages';
import { tUi } from '../../ui/messages';

export type PoolMark = 'max' | 'gets' | 'skip' | 'added';

const MARK_TEXT: Record<PoolMark, () => string> = {
  max: () => tPool('markMax'),
  gets: () => tPool('markGets'),
  skip: () => tPool('markSkip'),
  added: () => tPool('markAdded'),
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
    <LegendList>
      <LegendItem swatch="swatch-window">{tUi('legendWindow')}</LegendItem>
      {marks.map((m) => (
        <LegendItem key={m} swatch={`swatch-${m}`} mark={m === 'added' ? '+' : ''}>
          {MARK_TEXT[m]()}
        </LegendItem>
      ))}
      {unvisited && <LegendItem swatch="swatch-unvisited">{tUi('legendUnvisited')}</LegendItem>}
      {empty && <LegendItem swatch="swatch-empty">{tUi('legendEmpty')}</LegendItem>}
    </LegendList>
  );
}
