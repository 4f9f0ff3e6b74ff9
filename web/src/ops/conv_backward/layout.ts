// How big the cells of conv_backward's stage can be so that it fits its box without scrolling.
// The stage has a head (where dZ comes from, dZ[i,:,:,c] and db[c]) and one card per input
// channel k:
//     dA_prev_pad[i,:,:,k]                 (large: the gradient filling in)
//     W[:,:,k,c]  a_slice[:,:,k]  dW[:,:,k,c]     (small: the factors and the filter's gradient)
// Three arrangements are tried, the head in a row on top of the cards ("top"), in a column beside
// them ("side") or in a column on top of them ("column": a phone's narrow screen), with the cards
// in any number of columns. The dA_prev_pad cell is made as large as it can be; the
// small grids then fill the card's width, and dZ gets as large a cell as still fits.

import { MARGIN } from '../../ui/drawGrid';
import { CAPTION, fillsRows, GAP, GROUP_GAP, largestCell } from '../../ui/stageLayout';
import type { StageDims } from '../conv/layer';

/** The stage's tensors' sizes: the same as conv_forward's stage needs. */
export type BackwardDims = StageDims;

type Arrangement = 'top' | 'side' | 'column';

export interface BackwardLayout {
  arrangement: Arrangement;
  /** dA_prev_pad cells */
  cell: number;
  /** W, a_slice and dW cells */
  small: number;
  /** dZ and db cells */
  dz: number;
  /** columns of channel cards */
  cols: number;
}

const M = 2 * MARGIN;
/** Between channel cards. */
export const CARD_GAP = 20;
/** The dZ selector: its width, and its height when it sits above dZ. */
/** wide enough for its longest choice, "random (seeded)", and the arrow */
export const SELECT_WIDTH = 176;
export const SELECT_HEIGHT = 46;
const MAX_SMALL = 40;
const DZ_TRIES = [48, 40, 32, 24, 16];

/** db[c] is one cell, a partial sum that may be pale on the final scale: never smaller than
 * the cell in which a five-character number ("−3.76", "−59.5") is drawn at the smallest font. */
const MIN_DB = 40;

/** The cell of db[c]. */
export function dbCell(l: Pick<BackwardLayout, 'dz'>): number {
  return Math.max(l.dz, MIN_DB);
}

/** Small cells: as large as fills the card under the dA_prev_pad grid, at least `s`. */
function smallFor(d: BackwardDims, s: number): number {
  const room = Math.floor((d.Wp * s + M - 2 * GAP - 3 * M) / (3 * d.f));
  return Math.max(s, Math.min(MAX_SMALL, room));
}

/** A small grid's box is never narrower than its longest caption, "a_slice", at the captions'
 * smallest font (10 px, CaptionedGrid): tiny cells (a 128 × 128 layer) must not clip it. */
const SMALL_BOX = Math.ceil(4 + 'a_slice'.length * 0.62 * 10);

export function cardSize(d: BackwardDims, s: number, small: number): { w: number; h: number } {
  const smallRow = 3 * Math.max(d.f * small + M, SMALL_BOX) + 2 * GAP;
  return {
    w: Math.max(d.Wp * s + M, smallRow),
    h: CAPTION + d.Hp * s + M + GAP + CAPTION + d.f * small + M,
  };
}

/** The head: the selector, dZ and db; a column beside the cards or above them, or a row above
 * them. */
export function headSize(
  d: BackwardDims,
  l: Pick<BackwardLayout, 'arrangement' | 'dz'>,
): { w: number; h: number } {
  const zW = d.nW * l.dz + M;
  const zH = CAPTION + d.nH * l.dz + M;
  const bW = dbCell(l) + M;
  const bH = CAPTION + dbCell(l) + M;
  if (l.arrangement !== 'top') {
    return { w: Math.max(SELECT_WIDTH, zW, bW), h: SELECT_HEIGHT + zH + GAP + bH };
  }
  return { w: SELECT_WIDTH + GROUP_GAP + zW + GROUP_GAP + bW, h: Math.max(SELECT_HEIGHT, zH, bH) };
}

export function stageSize(d: BackwardDims, l: BackwardLayout): { w: number; h: number } {
  const rows = Math.ceil(d.channels / l.cols);
  const card = cardSize(d, l.cell, l.small);
  const head = headSize(d, l);
  const cardsW = l.cols * card.w + (l.cols - 1) * CARD_GAP;
  const cardsH = rows * card.h + (rows - 1) * GAP;
  if (l.arrangement === 'side') return { w: head.w + GROUP_GAP + cardsW, h: Math.max(head.h, cardsH) };
  return { w: Math.max(head.w, cardsW), h: head.h + GROUP_GAP + cardsH };
}

function fits(d: BackwardDims, l: BackwardLayout, width: number, height: number): boolean {
  const { w, h } = stageSize(d, l);
  return w <= width && h <= height;
}

/** `minSmall`: the least cell of W, a_slice and dW (presenter mode and embeds: one that carries a
 * number, ui/present.ts usePresentCell); ignored if nothing fits with it. */
export function backwardLayout(
  d: BackwardDims,
  width: number,
  height: number,
  maxCell = 72,
  minSmall = 0,
): BackwardLayout {
  const at = (arrangement: Arrangement, s: number, cols: number): BackwardLayout => ({
    arrangement,
    cell: s,
    small: Math.max(smallFor(d, s), minSmall),
    dz: s,
    cols,
  });
  let best: BackwardLayout = at('top', 1, d.channels);
  let found = false;
  for (const arrangement of ['top', 'side', 'column'] as const)
    for (let cols = 1; cols <= d.channels; cols++) {
      // Rows of cards must all be used.
      if (!fillsRows(d.channels, cols)) continue;
      if (!fits(d, at(arrangement, best.cell + 1, cols), width, height)) continue;
      best = at(
        arrangement,
        largestCell(best.cell + 1, maxCell, (s) => fits(d, at(arrangement, s, cols), width, height)),
        cols,
      );
      found = true;
    }
  // Whole small grids must not cost dA_prev_pad the window: at cells that carry a number it still
  // shows f×f cells around it.
  const window = Math.min(d.f, d.Hp, d.Wp);
  const shows = (n: number) => Math.floor((n * best.cell) / minSmall) >= Math.min(window, n);
  if (minSmall > 0 && !(found && shows(d.Hp) && shows(d.Wp)))
    return backwardLayout(d, width, height, maxCell);
  // dZ is what the step reads: give it a larger cell where that costs the rest nothing.
  for (const dz of DZ_TRIES) {
    const l = { ...best, dz: Math.max(best.cell, dz) };
    if (fits(d, l, width, height)) return l;
  }
  return best;
}
