// What the colours and marks on conv_backward's stage mean.

import { LegendItem, LegendList } from '../../ui/Legend';
import { tBackward } from './messages';
import { precise } from './text';

export interface BackwardLegendProps {
  pad: number;
  /** some padded row or column is never written */
  unvisited: boolean;
  dilated: boolean;
  /** |value| that gets the full colour: the final gradients' (model.ts, fillScale) */
  scale: { dA: number; dW: number; db: number };
}

export function BackwardLegend({ pad, unvisited, dilated, scale }: BackwardLegendProps) {
  return (
    <LegendList>
      <li class="bw-scale-note">
        {tBackward('gradientScale', {
          dA: precise(scale.dA, 3),
          dW: precise(scale.dW, 3),
          db: precise(scale.db, 3),
        })}
      </li>
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
