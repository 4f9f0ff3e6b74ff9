// What the colours and marks on conv_backward's stage mean.

import { LegendItem, LegendList } from '../../ui/Legend';

export interface BackwardLegendProps {
  pad: number;
  /** some padded row or column is never written */
  unvisited: boolean;
  dilated: boolean;
}

export function BackwardLegend({ pad, unvisited, dilated }: BackwardLegendProps) {
  return (
    <LegendList>
      {pad > 0 && <LegendItem swatch="swatch-pad">padding: summed, then cropped</LegendItem>}
      {unvisited && <LegendItem swatch="swatch-unvisited">never written</LegendItem>}
      <LegendItem swatch="swatch-window">
        {dilated ? 'window (sampled cells boxed); dZ cell read' : 'window written; dZ cell read'}
      </LegendItem>
      <LegendItem swatch="bw-swatch-selected">selected cell</LegendItem>
      <LegendItem swatch="swatch-empty">not written yet</LegendItem>
    </LegendList>
  );
}
