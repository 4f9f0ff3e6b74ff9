// One captioned grid, as every stage draws it: a caption naming the slice (A_prev[0,:,:,1],
// W[:,:,2,3], mask, ...) above a grid of cells. The caption shrinks to its box rather than push
// the layout around; `width` (optional) is a box wider than the grid, which is then centred.

import { GridCanvas } from './GridCanvas';
import { MARGIN, type GridPicture } from './drawGrid';
import { CAPTION } from './stageLayout';
import { presentPicture, useLecture, usePresentFont, viewNote } from './present';

export interface CaptionedGridProps {
  caption: string;
  /** a second, lighter part of the caption, e.g. "= mask · 0.4414" */
  sub?: string;
  /** the grid's full name when the caption is short: for screen readers and the tooltip */
  label?: string;
  picture: GridPicture;
  describe?: (row: number, col: number) => string | null;
  onSelect?: (row: number, col: number) => void;
  /** classes of the figure besides grid-fig, e.g. "grid-a" or "pool-fig pool-fig-in" */
  class: string;
  /** the figure's box, when wider than the grid */
  width?: number;
  /** the caption's smallest font size, px */
  minFont?: number;
}

/** A text's width in em, roughly: Hangul and other wide letters a whole em, the rest 0.6. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x1100 ? 1 : 0.6;
  return Math.max(1, w);
}

export function CaptionedGrid(p: CaptionedGridProps) {
  const font = usePresentFont();
  const present = font > 0;
  // large numbers outside presenter mode, embeds and slides: a phone, where the whole grid
  // comes before the step's notes
  const phone = !useLecture();
  const picture = present ? presentPicture(p.picture, font, phone) : p.picture;
  const part = present ? viewNote(picture) : null;
  const text = p.sub ? `${p.caption} ${p.sub}` : p.caption;
  const gridWidth = (picture.view?.cols ?? picture.cols) * picture.cell + 2 * MARGIN;
  const box = Math.max(gridWidth, p.width ?? 0);
  const fit = (box - 4) / (text.length * 0.62);
  const size = present
    ? Math.max(Math.min(14, font), Math.min(font, fit))
    : Math.max(p.minFont ?? 10, Math.min(16, fit));
  // the note of what part is shown: no larger than fits the figure's width (styles/modes.css),
  // without the grid's whole size where even 9 px would not fit (the tooltip keeps it)
  const fitOf = (t: string) => Math.floor((box - 2) / textWidth(t));
  const shortPart = part && fitOf(part) < 9 ? viewNote(picture, true) : null;
  const shown = shortPart ?? part;
  const partFit = shown ? `${Math.max(9, fitOf(shown))}px` : undefined;
  return (
    <figure class={`grid-fig ${p.class}`} style={{ width: `${box}px` }}>
      <figcaption
        // --caption-max: a mode's cap on the caption over a part of a grid (styles/modes.css)
        style={{
          height: present ? undefined : `${CAPTION}px`,
          fontSize: `min(${size}px, var(--caption-max, ${size}px))`,
        }}
        title={p.label ?? text}
      >
        {p.caption}
        {p.sub && <span class="fig-sub">&nbsp;{p.sub}</span>}
      </figcaption>
      {part && (
        <p class="fig-part" title={part} style={{ '--fit': partFit }}>
          {shown}
        </p>
      )}
      <GridCanvas
        label={p.label ?? p.caption}
        picture={picture}
        describe={p.describe}
        onSelect={p.onSelect}
      />
    </figure>
  );
}
