// What every stage's layout shares: the caption above each grid, the gaps between grids and
// groups, the smallest cell of a small grid, and the search for the largest cell that fits.

export const CAPTION = 22; // caption height above each grid, px
export const GAP = 12; // between grids of one group
export const GROUP_GAP = 28; // between groups

/** The smallest cell of W and b, px. */
export const SMALL_CELL = 20;

/** Every row of `n` grids in `cols` columns is used: 3 channels in 2 columns is fine, in 5 is not. */
export function fillsRows(n: number, cols: number): boolean {
  return cols <= 1 || Math.ceil(n / (cols - 1)) !== Math.ceil(n / cols);
}

/** The largest cell size in lo..hi for which `ok` holds, by bisection; `ok(lo)` is taken to hold. */
export function largestCell(lo: number, hi: number, ok: (s: number) => boolean): number {
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
