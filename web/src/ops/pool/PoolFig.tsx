// One captioned grid of the pooling stages: the caption names the slice it shows
// (A_prev[0,:,:,1], mask, dA_prev[0,:,:,1]); hover a cell for what it holds.

import { CaptionedGrid } from '../../ui/CaptionedGrid';
import type { GridPicture } from '../../ui/drawGrid';
import { captionWidth } from './layout';
import './pool.css';

export interface PoolFigProps {
  caption: string;
  /** a second, lighter part of the caption, e.g. "= mask · 0.4414" */
  sub?: string;
  picture: GridPicture;
  describe?: (row: number, col: number) => string | null;
  /** colours the caption: input, the step's own small grids, output or gradient */
  kind: 'in' | 'step' | 'out';
}

export function PoolFig({ caption, sub, picture, describe, kind }: PoolFigProps) {
  // a narrow grid keeps room for its caption (the stage's layout counts it too)
  const width = captionWidth(sub ? `${caption} ${sub}` : caption);
  return (
    <CaptionedGrid
      class={`pool-fig pool-fig-${kind}`}
      caption={caption}
      sub={sub}
      picture={picture}
      describe={describe}
      width={width}
      minFont={11}
    />
  );
}
