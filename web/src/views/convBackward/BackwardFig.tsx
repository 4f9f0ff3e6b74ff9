// One captioned grid of conv_backward's stage. `width` (optional) is the figure's box, wider than
// its grid when the caption needs the room; the grid is centred in it.

import { GridCanvas } from '../../components/GridCanvas';
import { MARGIN, type GridPicture } from '../../components/drawGrid';
import { CAPTION } from '../stageLayout';

export interface BackwardFigure {
  key: string;
  caption: string;
  /** the grid's full name when the caption is short ("W" for W[:,:,0,3]): for screen readers
   * and the caption's tooltip */
  label?: string;
  picture: GridPicture;
  describe?: (row: number, col: number) => string | null;
  onSelect?: (row: number, col: number) => void;
  /** css class suffix: bw-fig-<kind> */
  kind: string;
}

export function BackwardFig({ f, width }: { f: BackwardFigure; width?: number }) {
  const gridWidth = f.picture.cols * f.picture.cell + 2 * MARGIN;
  const box = Math.max(gridWidth, width ?? 0);
  // Captions shrink to their box rather than push the layout around.
  const size = Math.max(10, Math.min(16, (box - 4) / (f.caption.length * 0.62)));
  return (
    <figure class={`grid-fig bw-fig bw-fig-${f.kind}`} style={{ width: `${box}px` }}>
      <figcaption style={{ height: `${CAPTION}px`, fontSize: `${size}px` }} title={f.label ?? f.caption}>
        {f.caption}
      </figcaption>
      <GridCanvas
        label={f.label ?? f.caption}
        picture={f.picture}
        describe={f.describe}
        onSelect={f.onSelect}
      />
    </figure>
  );
}
