// How big the cells of conv_transpose's stage can be so that it fits its box without scrolling.
// The stage has a head (X[i,:,:,c] and the overlap map, at the small cell) and one card per output channel k:
//     Y_pad[i,:,:,k]                 (large: the output filling in under the window)
//     W[:,:,k,c]   Y[i,:,:,k]        (small: the filter slice spread, the cropped result)
// The head sits beside the cards ("side") or above them ("top"), or, on a narrow screen, stacked
// above them ("column": X over the overlap map, as beside the cards); the cards take any number
// of columns. The Y_pad cell is made as large as it can be.

import { MARGIN } from '../../ui/drawGrid';
import { CAPTION, fillsRows, GAP, GROUP_GAP, largestCell } from '../../ui/stageLayout';

export interface TransposeDims {
  /** output channels: one card each */
  cards: number;
  /** X's rows and columns */
  nH: number;
  nW: number;
  /** Y_pad's */
  Hp: number;
  Wp: number;
  /** Y's */
  yH: number;
  yW: number;
  f: number;
}

type Arrangement = 'top' | 'side' | 'column';

/** X over the overlap map (not beside it)? */
export const stackedHead = (a: Arrangement): boolean => a !== 'top';

export interface TransposeLayout {
  arrangement: Arrangement;
  /** Y_pad cells */
  cell: number;
  /** W and Y cells */
  small: number;
  /** W's cells: the small cell, or more where presenter mode and embeds need it whole */
  w: number;
  /** overlap-map cells: at least the small cell, larger where that costs the rest nothing */
  overlap: number;
  /** X cells */
  x: number;
  cols: number;
}

const M = 2 * MARGIN;
export const CARD_GAP = 20;
const MAX_X = 56;

/** W's and Y's cells: 10 px or more, but never larger than Y_pad's (many output channels need
 * small cells everywhere). */
function smallFor(s: number): number {
  return Math.max(Math.min(10, s), Math.min(40, Math.floor(s * 0.6)));
}

export function cardSize(
  d: TransposeDims,
  s: number,
  small: number,
  w: number = small,
): { w: number; h: number } {
  const smallRow = d.f * w + M + GAP + d.yW * small + M;
  return {
    w: Math.max(d.Wp * s + M, smallRow),
    h: CAPTION + d.Hp * s + M + GAP + CAPTION + Math.max(d.f * w, d.yH * small) + M,
  };
}

export function headSize(d: TransposeDims, l: TransposeLayout): { w: number; h: number } {
  const xw = d.nW * l.x + M;
  const xh = CAPTION + d.nH * l.x + M;
  const ow = d.Wp * l.overlap + M;
  const oh = CAPTION + d.Hp * l.overlap + M;
  if (stackedHead(l.arrangement)) return { w: Math.max(xw, ow), h: xh + GAP + oh };
  return { w: xw + GROUP_GAP + ow, h: Math.max(xh, oh) };
}

export function stageSize(d: TransposeDims, l: TransposeLayout): { w: number; h: number } {
  const rows = Math.ceil(d.cards / l.cols);
  const card = cardSize(d, l.cell, l.small, l.w);
  const head = headSize(d, l);
  const cardsW = l.cols * card.w + (l.cols - 1) * CARD_GAP;
  const cardsH = rows * card.h + (rows - 1) * GAP;
  if (l.arrangement === 'side') return { w: head.w + GROUP_GAP + cardsW, h: Math.max(head.h, cardsH) };
  return { w: Math.max(head.w, cardsW), h: head.h + GROUP_GAP + cardsH };
}

/** `minW`: the least cell of W (presenter mode and embeds: one that carries a number,
 * ui/present.ts usePresentCell); ignored if nothing fits with it. */
export function transposeLayout(
  d: TransposeDims,
  width: number,
  height: number,
  maxCell = 64,
  minW = 0,
): TransposeLayout {
  const at = (arrangement: Arrangement, s: number, cols: number): TransposeLayout => ({
    arrangement,
    cell: s,
    small: smallFor(s),
    w: Math.max(smallFor(s), minW),
    overlap: smallFor(s),
    x: s,
    cols,
  });
  const fits = (l: TransposeLayout) => {
    const { w, h } = stageSize(d, l);
    return w <= width && h <= height;
  };
  // nothing fits at all: the cards in a square-ish block under the head
  let best = at('top', 1, Math.ceil(Math.sqrt(d.cards)));
  let found = false;
  for (const arrangement of ['side', 'top', 'column'] as const)
    for (let cols = 1; cols <= d.cards; cols++) {
      if (!fillsRows(d.cards, cols)) continue;
      if (!fits(at(arrangement, best.cell + 1, cols))) continue;
      best = at(
        arrangement,
        largestCell(best.cell + 1, maxCell, (s) => fits(at(arrangement, s, cols))),
        cols,
      );
      found = true;
    }
  // A whole W must not cost Y_pad the window: at cells that carry a number it still shows f×f
  // cells around it.
  const window = Math.min(d.f, d.Hp, d.Wp);
  const shows = (n: number) => Math.floor((n * best.cell) / minW) >= Math.min(window, n);
  if (minW > 0 && !(found && shows(d.Hp) && shows(d.Wp))) return transposeLayout(d, width, height, maxCell);
  // The overlap map's counts are worth reading, and X is what the step reads: larger cells for
  // them where that costs the rest nothing.
  best = {
    ...best,
    overlap: largestCell(best.overlap, Math.max(best.overlap, best.cell), (o) =>
      fits({ ...best, overlap: o }),
    ),
  };
  for (let x = MAX_X; x > best.cell; x -= 8) {
    const l = { ...best, x };
    if (fits(l)) return l;
  }
  return best;
}
