// What the colours and marks on the stage mean.

import { legendGradient } from './colors';

export interface LegendProps {
  pad: number;
  /** show the "never visited" swatch (only when some row or column is) */
  unvisited: boolean;
  dilated: boolean;
}

export function Legend({ pad, unvisited, dilated }: LegendProps) {
  return (
    <ul class="legend" aria-label="Legend">
      <li>
        <span class="swatch swatch-scale" style={{ background: legendGradient() }} aria-hidden="true" />
        negative · 0 · positive
      </li>
      {pad > 0 && (
        <li>
          <span class="swatch swatch-pad" aria-hidden="true" />
          padding (zeros)
        </li>
      )}
      {unvisited && (
        <li>
          <span class="swatch swatch-unvisited" aria-hidden="true" />
          never visited
        </li>
      )}
      <li>
        <span class="swatch swatch-window" aria-hidden="true" />
        {dilated ? 'window, sampled cells boxed' : 'window, current cell'}
      </li>
      <li>
        <span class="swatch swatch-empty" aria-hidden="true" />
        not computed yet
      </li>
    </ul>
  );
}
