// One captioned grid of conv_backward's stage. `width` (optional) is the figure's box, wider than
// its grid when the caption needs the room; the grid is centred in it.

import { CaptionedGrid } from '../../ui/CaptionedGrid';
import type { GridPicture } from '../../ui/drawGrid';

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
  return (
    <CaptionedGrid
      class={`bw-fig bw-fig-${f.kind}`}
      caption={f.caption}
      label={f.label}
      picture={f.picture}
      describe={f.describe}
      onSelect={f.onSelect}
      width={width}
    />
  );
}
