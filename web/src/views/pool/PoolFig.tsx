// One captioned grid of the pooling stages: the caption names the slice it shows
// (A_prev[0,:,:,1], mask, dA_prev[0,:,:,1]); hover a cell for what it holds.

import { GridCanvas } from '../../components/GridCanvas';
import { MARGIN, type GridPicture } from '../../components/drawGrid';
import { CAPTION } from '../stageLayout';
import { captionWidth } from './poolLayout';
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
  const text = sub ? `${caption} ${sub}` : caption;
  // a narrow grid keeps room for its caption (the stage's layout counts it too)
  const width = Math.max(picture.cols * picture.cell + 2 * MARGIN, captionWidth(text));
  const size = Math.max(11, Math.min(16, (width - 6) / (text.length * 0.62)));
  return (
    <figure class={`grid-fig pool-fig pool-fig-${kind}`} style={{ width: `${width}px` }}>
      <figcaption style={{ height: `${CAPTION}px`, fontSize: `${size}px` }} title={text}>
        {caption}
        {sub && <span class="pool-fig-sub">&nbsp;{sub}</span>}
      </figcaption>
      <GridCanvas label={caption} picture={picture} describe={describe} />
    </figure>
  );
}
