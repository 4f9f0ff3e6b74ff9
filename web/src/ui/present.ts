// Presenter mode as the shared pieces see it. For a lecture hall every number on the stage is
// drawn at PRESENT_FONT px or more: a grid whose cells the stage's layout made too small for
// that is drawn with larger cells, showing the part of it around the window (or the marked or
// selected cell) that fits the space the layout gave it, its caption saying which rows and
// columns are shown. Stages that page their channels (usePresentPage) leave more room to each.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { cellFor, type GridPicture, type GridView } from './drawGrid';
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

/** Where a window of `n` cells starting at `want` (span `span`) lies within 0..total. */
function place(total: number, n: number, want: number, span: number): number {
  // centre the focus in the view, then keep the view inside the grid
  const start = Math.round(want + span / 2 - n / 2);
  return Math.max(0, Math.min(total - n, start));
}

/** The picture as presenter mode draws it: cells large enough for `font` px, and the part
 * of the grid around its focus that fits the footprint the layout gave the whole grid. */
export function presentPicture(p: GridPicture, font: number = PRESENT_FONT): GridPicture {
  if (p.rows <= 0 || p.cols <= 0) return p;
  const text = p.shortText ?? p.text;
  const big: GridPicture = { ...p, text, shortText: undefined, tight: true };
  const cell = Math.max(p.cell, cellFor(big, font));
  if (cell === p.cell) return big;
  const rows = Math.max(1, Math.min(p.rows, Math.floor((p.rows * p.cell) / cell)));
  const cols = Math.max(1, Math.min(p.cols, Math.floor((p.cols * p.cell) / cell)));
  const f = p.focused ?? p.selected ?? p.marked ?? null;
  const w = p.window ?? null;
  const fr = f ? f.row : w ? w.row : 0;
  const fc = f ? f.col : w ? w.col : 0;
  const span = f ? 1 : w ? w.span : 1;
  const view: GridView = {
    row: place(p.rows, rows, fr, span),
    col: place(p.cols, cols, fc, span),
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
