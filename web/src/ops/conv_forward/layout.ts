// How big a cell can be so that the whole stage fits its box without scrolling: every input
// channel of A_prev, every f×f slice of W, b and Z. Two arrangements are tried:
//   "stacked": A_prev's channels on top; W, b and Z in a row below
//   "side":    A_prev's channels on the left; W above b and Z on the right
// with the channels in any number of columns; the largest cell wins.

import { MARGIN } from '../../ui/drawGrid';
import { CAPTION, fillsRows, GAP, GROUP_GAP, largestCell, SMALL_CELL } from '../../ui/stageLayout';
import type { StageDims } from '../conv/layer';

export interface StageLayout {
  arrangement: 'stacked' | 'side';
  /** cell size of the large grids (A_prev, Z) */
  cell: number;
  /** cell size of the small ones (W, b): never below SMALL_CELL, so a 3×3 filter stays
   * visible beside a 128×128 image */
  wCell: number;
  /** columns of A_prev's channel grids */
  aCols: number;
  /** columns of W's channel grids */
  wCols: number;
}

const M = 2 * MARGIN;

function blockW(cols: number, gridCells: number, s: number): number {
  return cols * (gridCells * s + M) + (cols - 1) * GAP;
}
function blockH(rows: number, gridCells: number, s: number): number {
  return rows * (gridCells * s + M + CAPTION) + (rows - 1) * GAP;
}

function fits(
  d: StageDims,
  l: Omit<StageLayout, 'cell' | 'wCell'>,
  s: number,
  width: number,
  height: number,
  minSmall: number,
): boolean {
  const aRows = Math.ceil(d.channels / l.aCols);
  const wRows = Math.ceil(d.channels / l.wCols);
  const aW = blockW(l.aCols, d.Wp, s);
  const aH = blockH(aRows, d.Hp, s);
  const ws = Math.max(s, minSmall);
  const wW = blockW(l.wCols, d.f, ws);
  const wH = blockH(wRows, d.f, ws);
  const bW = ws + M;
  const bH = ws + M + CAPTION;
  const zW = d.nW * s + M;
  const zH = d.nH * s + M + CAPTION;
  if (l.arrangement === 'stacked') {
    const w = Math.max(aW, wW + GROUP_GAP + bW + GROUP_GAP + zW);
    const h = aH + GROUP_GAP + Math.max(wH, bH, zH);
    return w <= width && h <= height;
  }
  const w = aW + GROUP_GAP + Math.max(wW, bW + GROUP_GAP + zW);
  const h = Math.max(aH, wH + GROUP_GAP + Math.max(bH, zH));
  return w <= width && h <= height;
}

/** `minSmall`: the least cell of W and b (presenter mode and embeds: one that carries a number,
 * ui/present.ts usePresentCell); if nothing fits with it, SMALL_CELL. */
export function stageLayout(
  d: StageDims,
  width: number,
  height: number,
  maxCell = 96,
  minSmall = SMALL_CELL,
): StageLayout {
  const small = Math.max(minSmall, SMALL_CELL);
  // The smallest cell is 1 px: a 128×128 image then still fits a projector's stage.
  let best: StageLayout = {
    arrangement: 'stacked',
    cell: 1,
    wCell: small,
    aCols: d.channels,
    wCols: d.channels,
  };
  let found = false;
  for (const arrangement of ['stacked', 'side'] as const)
    for (let aCols = 1; aCols <= d.channels; aCols++)
      for (let wCols = 1; wCols <= d.channels; wCols++) {
        // Rows of a group must all be used.
        if (!fillsRows(d.channels, aCols) || !fillsRows(d.channels, wCols)) continue;
        const l = { arrangement, aCols, wCols };
        if (!fits(d, l, best.cell + 1, width, height, small)) continue;
        const cell = largestCell(best.cell, maxCell, (s) => fits(d, l, s, width, height, small));
        best = { ...l, cell, wCell: Math.max(cell, small) };
        found = true;
      }
  // Whole small grids must not cost A_prev the window: at cells that carry a number it still
  // shows f×f cells around it.
  const window = Math.min(d.f, d.Hp, d.Wp);
  const shows = (n: number) => Math.floor((n * best.cell) / small) >= Math.min(window, n);
  if (small > SMALL_CELL && !(found && shows(d.Hp) && shows(d.Wp)))
    return stageLayout(d, width, height, maxCell);
  return best;
}
