// The conv stages' legend: padding, cells no window reaches, dilation's skipped cells.

import { LegendItem, LegendList } from '../../ui/Legend';
import { tUi } from '../../ui/messages';

export interface LegendProps {
  pad: number;
  /** show the "never visited" swatch (only when some row or column is) */
  unvisited: boolean;
  dilated: boolean;
}

export function Legend({ pad, unvisited, dilated }: LegendProps) {
  return (
    <LegendList>
      {pad > 0 && <LegendItem swatch="swatch-pad">{tUi('legendPad')}</LegendItem>}
      {unvisited && <LegendItem swatch="swatch-unvisited">{tUi('legendUnvisited')}</LegendItem>}
      <LegendItem swatch="swatch-window">
        {dilated ? tUi('legendWindowDilated') : tUi('legendWindow')}
      </LegendItem>
      <LegendItem swatch="swatch-empty">{tUi('legendEmpty')}</LegendItem>
    </LegendList>
  );
}
