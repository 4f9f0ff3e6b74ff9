// What the colours and marks on conv_backward's stage mean.

import { legendGradient } from '../../components/colors';

export interface BackwardLegendProps {
  pad: number;
  /** some padded row or column is never written */
  unvisited: boolean;
  dilated: boolean;
}

export function BackwardLegend({ pad, unvisited, dilated }: BackwardLegendProps) {
  return (
    <ul class="legend" aria-label="Legend">
      <li>
        <span class="swatch swatch-scale" style={{ background: legendGradient() }} aria-hidden="true" />
        negative · 0 · positive
      </li>
      {pad > 0 && (
        <li>
          <span class="swatch swatch-pad" aria-hidden="true" />
          padding: summed, then cropped
        </li>
      )}
      {unvisited && (
        <li>
          <span class="swatch swatch-unvisited" aria-hidden="true" />
          never written
        </li>
      )}
      <li>
        <span class="swatch swatch-window" aria-hidden="true" />
        {dilated ? 'window (sampled cells boxed); dZ cell read' : 'window written; dZ cell read'}
      </li>
      <li>
        <span class="swatch bw-swatch-selected" aria-hidden="true" />
        selected cell
      </li>
      <li>
        <span class="swatch swatch-empty" aria-hidden="true" />
        not written yet
      </li>
    </ul>
  );
}
