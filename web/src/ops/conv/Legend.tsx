// The conv stages' legend: padding, cells no window reaches, dilation's skipped cells.

import { LegendItem, LegendList } from '../../ui/Legend';

export interface LegendProps {
  pad: number;
  /** show the "never visited" swatch (only when some row or column is) */
  unvisited: boolean;
  dilated: boolean;
}

export function Legend({ pad, unvisited, dilated }: LegendProps) {
  return (
    <LegendList>
      {pad > 0 && <LegendItem swatch="swatch-pad">padding (zeros)</LegendItem>}
      {unvisited && <LegendItem swatch="swatch-unvisited">never visited</LegendItem>}
      <LegendItem swatch="swatch-window">
        {dilated ? 'window, sampled cells boxed' : 'window, current cell'}
      </LegendItem>
      <LegendItem swatch="swatch-empty">not computed yet</LegendItem>
    </LegendList>
  );
}
