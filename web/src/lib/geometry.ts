// Which rows and columns of an input some window reaches: a stride larger than the window leaves
// lines no window visits, and the stage marks them.

import { tLib } from './messages';

/** visited[r] for r in 0..n-1: some window start s*t plus some tap u*dilation lands on r. */
export function visitedLines(n: number, nOut: number, stride: number, f: number, dil: number): boolean[] {
  const seen = new Array<boolean>(n).fill(false);
  for (let t = 0; t < nOut; t++)
    for (let u = 0; u < f; u++) {
      const r = t * stride + u * dil;
      if (r < n) seen[r] = true;
    }
  return seen;
}

/** "2 rows and 1 column never visited", or null when every row and column is visited. */
export function unvisitedNote(rows: readonly boolean[], cols: readonly boolean[]): string | null {
  const r = rows.filter((v) => !v).length;
  const c = cols.filter((v) => !v).length;
  if (r === 0 && c === 0) return null;
  if (c === 0) return tLib('unvisitedRows', { n: r });
  if (r === 0) return tLib('unvisitedCols', { n: c });
  return tLib('unvisitedBoth', { rows: r, cols: c });
}
