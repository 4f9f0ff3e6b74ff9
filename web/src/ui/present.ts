// Presenter mode as the shared pieces see it. For a lecture hall every number on the stage is
// drawn at PRESENT_FONT px or more: a grid whose cells the stage's layout made too small for
// that is drawn with larger cells, showing the part of it around the window (or the marked or
// selected cell) that fits the space the layout gave it, its caption saying which rows and
// columns are shown. Stages that page their channels (usePresentPage) leave more room to each.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { cellFor, type GridPicture, type GridView, type GridWindow, noteCell } from './drawGrid';
import { tUi } from './messages';

/** The smallest number drawn on the stage in presenter mode, CSS px. */
export const PRESENT_FONT = 20;

/** The smallest number drawn on the stage of an embed in a 480×320 frame, CSS px. */
const EMBED_FONT = 12;

/** The largest of those smallest numbers, reached from a 1120×640 frame up: beyond it a larger
 * frame gives the cells, and with them the numbers, more room instead of showing less. */
const EMBED_FONT_MAX = 16;

/** The smallest number an embed's stage draws in a frame of `width`×`height` CSS px: 12 px in
 * the smallest frame (480×320), growing with the frame up to 16 px. The numbers grow past it
 * wherever the stage's layout gives their cells more room. */
export function embedFont(width: number, height: number): number {
  const grow = Math.min(width / 480, height / 320) - 1;
  return Math.round(Math.max(EMBED_FONT, Math.min(EMBED_FONT_MAX, EMBED_FONT + grow * 4)));
}

/** The smallest number font the stage must draw: PRESENT_FONT in presenter mode, embedFont in
 * an embed, 0 elsewhere (every number as the layout's cells allow). */
export const PresentContext = createContext(0);

/** The smallest number a phone's stage draws, CSS px: as an embed's in its smallest frame. A
 * phone's stage, laid out to fit a small screen, would otherwise draw its cells a few pixels
 * wide, without their numbers. */
export const PHONE_FONT = EMBED_FONT;

/** True in presenter mode and in an embed, on a phone too: large cells, one channel at a time. */
export function usePresent(): boolean {
  return useContext(PresentContext) > 0;
}

/** True in presenter mode and in an embed, where a stage leaves out its optional controls for
 * room (conv_backward's other views, conv_transpose's data line); false on a phone, which keeps
 * them. */
export const LectureContext = createContext(false);

export function useLecture(): boolean {
  return useContext(LectureContext);
}

export function usePresentFont(): number {
  return useContext(PresentContext);
}

/** The smallest cell that carries a short number ("−0.8") at the stage's smallest font, 0 when
 * numbers need not be drawn: a stage's layout gives its small grids (an f×f filter, a_slice, dW,
 * b) at least this cell, so that they are shown whole while a large grid shows its part around
 * the window. */
export function usePresentCell(): number {
  const font = usePresentFont();
  if (font <= 0) return 0;
  return cellFor({ rows: 1, cols: 1, cell: 0, values: [0], scale: 1, text: () => '−0.0', tight: true }, font);
}

/** The smallest box of the window's cells that carry a note (what this step added to), or null
 * when none does. */
function notedBox(p: GridPicture, w: GridWindow): GridView | null {
  if (!p.notes) return null;
  let top = Number.POSITIVE_INFINITY;
  let left = Number.POSITIVE_INFINITY;
  let bottom = -1;
  let right = -1;
  for (let r = Math.max(0, w.row); r < Math.min(p.rows, w.row + w.span); r++)
    for (let c = Math.max(0, w.col); c < Math.min(p.cols, w.col + w.span); c++)
      if (p.notes(r, c)) {
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }
  return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
}

/** Where a window of `n` cells starting at `want` (span `span`) lies within 0..total. */
function place(total: number, n: number, want: number, span: number): number {
  // centre the focus in the view, then keep the view inside the grid
  const start = Math.round(want + span / 2 - n / 2);
  return Math.max(0, Math.min(total - n, start));
}

/** The smallest note (a step's addition, "+0.25") drawn on a stage whose numbers are at least
 * `font` px: 14 px in presenter mode, 11 px in an embed. */
export function noteFontFor(font: number): number {
  return Math.max(11, Math.round(font * 0.7));
}

/** The picture as presenter mode draws it: cells large enough for `font` px, and the part
 * of the grid around its focus that fits the footprint the layout gave the whole grid. A grid
 * with notes gets cells large enough for a note at noteFontFor(font) above a number at `font`,
 * unless those cells would cut its window (a grid without one: itself) where plain ones would
 * not: then it has no notes.
 * `wholeFirst` (a phone, read up close): nor where they would cut the grid that plain cells
 * show whole, as the page's own grids keep it whole. */
export function presentPicture(p: GridPicture, font: number = PRESENT_FONT, wholeFirst = false): GridPicture {
  if (p.rows <= 0 || p.cols <= 0) return p;
  const text = p.shortText ?? p.text;
  const plain: GridPicture = { ...p, text, shortText: undefined, tight: true };
  const least = Math.max(p.cell, cellFor(plain, font));
  const w = p.window ?? null;
  const shown = (c: number) => ({
    rows: Math.max(1, Math.min(p.rows, Math.floor((p.rows * p.cell) / c))),
    cols: Math.max(1, Math.min(p.cols, Math.floor((p.cols * p.cell) / c))),
  });
  /** does a view at cells of `c` show the whole grid? */
  const wholeGrid = (c: number) => shown(c).rows >= p.rows && shown(c).cols >= p.cols;
  /** does a view at cells of `c` show the whole window (as much of it as the grid has), or, for
   * a grid without one (dW, db), the whole grid? */
  const wholeWindow = (c: number) =>
    w === null
      ? wholeGrid(c)
      : shown(c).rows >= Math.min(w.span, p.rows) && shown(c).cols >= Math.min(w.span, p.cols);
  // notes need larger cells; the window comes first: where those cells would cut the window
  // and plain ones would not, the grid is drawn without its notes (on a phone, also where they
  // would cut the grid)
  let noteFont = p.notes ? noteFontFor(font) : undefined;
  let cell = least;
  if (noteFont !== undefined) {
    const noted = noteCell({ ...plain, noteFont }, p.text, font, noteFont, least);
    const keepsWindow = wholeWindow(noted) || !wholeWindow(least);
    const keepsGrid = !wholeFirst || wholeGrid(noted) || !wholeGrid(least);
    if (keepsWindow && keepsGrid) cell = noted;
    else noteFont = undefined;
  }
  // a grid whose notes gave way draws none (not even the page's small ones in a corner)
  const big: GridPicture = { ...plain, noteFont, notes: noteFont === undefined ? undefined : p.notes };
  if (cell === p.cell) return big;
  const { rows, cols } = shown(cell);
  const f = p.focused ?? p.selected ?? p.marked ?? null;
  // the cells this step added to, when the view cannot show the whole window
  const noted = !f && w && (rows < w.span || cols < w.span) ? notedBox(p, w) : null;
  const box = f
    ? { row: f.row, col: f.col, rows: 1, cols: 1 }
    : (noted ??
      (w ? { row: w.row, col: w.col, rows: w.span, cols: w.span } : { row: 0, col: 0, rows: 1, cols: 1 }));
  const view: GridView = {
    row: place(p.rows, rows, box.row, box.rows),
    col: place(p.cols, cols, box.col, box.cols),
    rows,
    cols,
  };
  return { ...big, cell, view };
}

/** "rows 2–5, cols 0–3 of 7×9" (`short`: "rows 2–5, cols 0–3"): what part of a grid presenter
 * mode shows, or null for all. */
export function viewNote(p: GridPicture, short = false): string | null {
  const v = p.view;
  if (!v || (v.rows === p.rows && v.cols === p.cols)) return null;
  const span = (a: number, n: number) => (n === 1 ? `${a}` : `${a}–${a + n - 1}`);
  const rows = span(v.row, v.rows);
  const cols = span(v.col, v.cols);
  return short ? tUi('viewNoteShort', { rows, cols }) : tUi('viewNote', { rows, cols, h: p.rows, w: p.cols });
}
