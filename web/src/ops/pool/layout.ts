// How big a cell can be so that the pooling stage fits its box without scrolling. A stage is
// a few rows of figures laid out left to right (a figure may be a stack of small grids, such
// as the mask over mask · dA); each candidate arrangement gets the largest cell that fits and
// the largest wins. Small grids (f×f) never go below SMALL_CELL, so that a 2×2 mask stays
// readable beside a 128×128 image.

import { MARGIN } from '../../ui/drawGrid';
import { CAPTION, GAP, GROUP_GAP, SMALL_CELL } from '../../ui/stageLayout';

export interface GridDims {
  rows: number;
  cols: number;
  /** an f×f grid: at least SMALL_CELL */
  small?: boolean;
  /** the figure's caption, which needs room even over a narrow grid */
  caption?: string;
}

/** The width a caption needs at its smallest font (11 px), so that it never runs into the
 * next figure. */
export function captionWidth(text: string): number {
  return Math.ceil(text.length * 0.62 * 11) + 6;
}

/** A grid, or a column of grids stacked with GAP between them. */
export type Item = GridDims | { stack: readonly GridDims[] };

/** Rows of items, each row laid out left to right with GROUP_GAP between items. */
export type Arrangement = readonly (readonly Item[])[];

function cellOf(g: GridDims, s: number, minSmall: number): number {
  return g.small ? Math.max(s, minSmall) : s;
}

function gridSize(g: GridDims, s: number, minSmall: number): { w: number; h: number } {
  const c = cellOf(g, s, minSmall);
  const w = Math.max(g.cols * c + 2 * MARGIN, g.caption ? captionWidth(g.caption) : 0);
  return { w, h: g.rows * c + 2 * MARGIN + CAPTION };
}

function itemSize(it: Item, s: number, minSmall: number): { w: number; h: number } {
  if (!('stack' in it)) return gridSize(it, s, minSmall);
  const sizes = it.stack.map((g) => gridSize(g, s, minSmall));
  return {
    w: Math.max(0, ...sizes.map((z) => z.w)),
    h: sizes.reduce((t, z) => t + z.h, 0) + GAP * Math.max(0, sizes.length - 1),
  };
}

/** `minSmall`: the least cell of a small grid (SMALL_CELL; presenter mode and embeds: one
 * that carries a number, smallCell). */
export function arrangementSize(a: Arrangement, s: number, minSmall = SMALL_CELL): { w: number; h: number } {
  let w = 0;
  let h = 0;
  for (const row of a) {
    const sizes = row.map((it) => itemSize(it, s, minSmall));
    w = Math.max(w, sizes.reduce((t, z) => t + z.w, 0) + GROUP_GAP * Math.max(0, sizes.length - 1));
    h += Math.max(0, ...sizes.map((z) => z.h));
  }
  return { w, h: h + GROUP_GAP * Math.max(0, a.length - 1) };
}

/** The largest cell (1..maxCell) at which `a` fits width × height; 1 if none does. */
export function fitCell(
  a: Arrangement,
  width: number,
  height: number,
  maxCell = 88,
  minSmall = SMALL_CELL,
): number {
  const fits = (s: number) => {
    const z = arrangementSize(a, s, minSmall);
    return z.w <= width && z.h <= height;
  };
  let lo = 1;
  let hi = maxCell;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The arrangement with the largest cell; the first wins a tie. `present`: the cell that
 * carries a number at presenter mode's or an embed's smallest font (ui/present.ts
 * usePresentCell), 0 elsewhere: the small grids get at least that, whole, unless it would cost
 * the large ones (`window` cells a side, shown around the window) their window. `small` is the
 * small grids' cell. */
export function bestArrangement(
  as: readonly Arrangement[],
  width: number,
  height: number,
  maxCell = 88,
  present?: { cell: number; window: number; large: readonly GridDims[] },
): { index: number; cell: number; small: number } {
  const minSmall = Math.max(SMALL_CELL, present?.cell ?? 0);
  let best = { index: 0, cell: 0, small: minSmall };
  as.forEach((a, index) => {
    const cell = fitCell(a, width, height, maxCell, minSmall);
    if (cell > best.cell) best = { index, cell, small: Math.max(cell, minSmall) };
  });
  if (present && minSmall > SMALL_CELL) {
    const shows = (n: number) =>
      n <= 1 || Math.floor((n * best.cell) / minSmall) >= Math.min(present.window, n);
    // fitCell's 1 is also what it gives when nothing fits
    if (best.cell <= 1 || !present.large.every((g) => shows(g.rows) && shows(g.cols)))
      return bestArrangement(as, width, height, maxCell);
  }
  return best;
}
