// Draws one grid of numbers on a 2D canvas: colour per value, the number when the cell is big
// enough to read it (else a minus bar on negative values, so that the sign never rests on colour
// alone), padding hatched grey, never-visited rows and columns tinted amber, the current window
// outlined black and yellow (sampled cells boxed when dilated).

import { COLORS, diverging, divergingRGB, textOn } from './colors';

/** The part of a 2D canvas context a grid is drawn with: a real canvas on the page, or
 * svgContext.ts, which writes the same drawing as SVG. */
export type GridContext = Pick<
  CanvasRenderingContext2D,
  | 'beginPath'
  | 'clearRect'
  | 'clip'
  | 'createImageData'
  | 'drawImage'
  | 'fillRect'
  | 'fillText'
  | 'lineTo'
  | 'measureText'
  | 'moveTo'
  | 'rect'
  | 'restore'
  | 'save'
  | 'setLineDash'
  | 'stroke'
  | 'strokeRect'
  | 'translate'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'lineJoin'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'imageSmoothingEnabled'
>;

export interface GridWindow {
  /** top-left cell */
  row: number;
  col: number;
  /** rows and columns the window spans (dilation*(f-1)+1) */
  span: number;
  /** taps per side (f) and their distance (dilation) */
  taps: number;
  step: number;
}

export interface GridPicture {
  rows: number;
  cols: number;
  /** CSS pixels per cell */
  cell: number;
  /** row-major, rows*cols; NaN = not computed yet (drawn empty) */
  values: ArrayLike<number>;
  /** |value| that gets the full colour */
  scale: number;
  text(v: number): string;
  /** a shorter form of text (fewer decimals) for cells too small for the full one */
  shortText?: (v: number) => string;
  /** width of the zero-padding ring, in cells */
  pad?: number;
  /** false for rows / columns no window samples */
  visitedRows?: readonly boolean[];
  visitedCols?: readonly boolean[];
  window?: GridWindow | null;
  /** one cell outlined like the window (the Z cell being written) */
  marked?: { row: number; col: number } | null;
  /** the padding ring holds values (a padded gradient): drawn in their colour under a grey
   * veil, with their number, instead of as zeros */
  padValues?: boolean;
  /** the cell a person selected: ringed in violet */
  selected?: { row: number; col: number } | null;
  /** the keyboard cursor's cell: a black and white dashed box */
  focused?: { row: number; col: number } | null;
  /** a short note in a cell's top corner (e.g. this step's addition), drawn on large cells */
  notes?: (row: number, col: number) => string | null;
  /** the notes' size where the stage is read from afar (presenter mode, an embed): a noted cell
   * draws its note at this size across its upper part and its number below it, at no more than
   * the room left (presentPicture makes the cells large enough for both); unset: notes in the
   * top corner, above the number, where the band there leaves room */
  noteFont?: number;
  /** cells ringed in green: 'hit' solid (a window's maximum, a cell that gets the gradient),
   * 'skip' dashed (a tied maximum that gets nothing under PyTorch's rule) */
  highlights?: readonly CellHighlight[] | null;
  /** draw only this part of the grid (presenter mode's large cells); default: all of it */
  view?: GridView | null;
  /** fit numbers with less room around them (presenter mode: large cells, large type) */
  tight?: boolean;
  /** values of the grids drawn beside this one at its cell size (fitTogether): the numbers'
   * font fits theirs too, so that grids of one size side by side all show their numbers, or
   * none does */
  fitValues?: ArrayLike<number>;
}

/** Grids of one cell size shown side by side decide alike whether their numbers fit, and at
 * which font: each fits the longest number of them all. */
export function fitTogether<T extends GridPicture>(pictures: readonly T[]): T[] {
  const all: number[] = [];
  for (const p of pictures) for (let k = 0; k < p.values.length; k++) all.push(p.values[k] ?? Number.NaN);
  return pictures.map((p) => ({ ...p, fitValues: all }));
}

/** The part of a grid that is drawn: rows row..row+rows-1, columns col..col+cols-1. */
export interface GridView {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface CellHighlight {
  row: number;
  col: number;
  kind: 'hit' | 'skip';
}

/** Smallest font worth drawing, in CSS pixels. */
const MIN_FONT = 9;

/** The length of the longest number `text` writes for the picture's values. */
function longestText(p: GridPicture, text: (v: number) => string): number {
  let longest = 1;
  for (let i = 0; i < p.rows * p.cols; i++) {
    const v = p.values[i] ?? Number.NaN;
    if (!Number.isNaN(v)) longest = Math.max(longest, text(v).length);
  }
  const more = p.fitValues ?? [];
  for (let i = 0; i < more.length; i++) {
    const v = more[i] ?? Number.NaN;
    if (!Number.isNaN(v)) longest = Math.max(longest, text(v).length);
  }
  return longest;
}

/** The font size that fits the longest number in a cell, or 0 when numbers would be unreadable. */
function fontFor(p: GridPicture, text: (v: number) => string = p.text): number {
  // Too small for any number: skip formatting every value (an image has thousands).
  if (p.cell * 0.42 < MIN_FONT) return 0;
  const longest = longestText(p, text);
  const { pad, width } = p.tight ? TIGHT : ROOMY;
  const size = Math.min(p.cell * 0.42, (p.cell - pad) / (longest * width), 32);
  return size >= MIN_FONT ? size : 0;
}

/** Room around a cell's number (px) and the width of a character (em) assumed in fitting it. */
const ROOMY = { pad: 10, width: 0.64 };
const TIGHT = { pad: 6, width: 0.58 };

/** The smallest cell in which the picture's numbers (its `text`) are drawn at `font` px. */
export function cellFor(p: GridPicture, font: number): number {
  const longest = longestText(p, p.text);
  const { pad, width } = p.tight ? TIGHT : ROOMY;
  return Math.ceil(Math.max(font / 0.42, pad + font * longest * width));
}

/** The font size the picture's numbers are drawn at (0: none), CSS px. */
export function numberFont(p: GridPicture): number {
  return p.cell < DENSE_CELL ? 0 : cellFont(p).font;
}

/** The text to draw in the cells and its font: full precision when it is readable, else the
 * shorter form (one decimal) when that is, else none. */
function cellFont(p: GridPicture): { font: number; text: (v: number) => string } {
  const full = fontFor(p);
  if (full >= 10 || !p.shortText) return { font: full, text: p.text };
  const short = fontFor(p, p.shortText);
  return short > full ? { font: short, text: p.shortText } : { font: full, text: p.text };
}

function hatch(ctx: GridContext, x: number, y: number, s: number, color: string, back: boolean): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, s, s);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.max(1, s / 16);
  ctx.beginPath();
  const gap = Math.max(4, s / 4);
  for (let d = -s; d < s * 2; d += gap) {
    if (back) {
      ctx.moveTo(x + d, y);
      ctx.lineTo(x + d + s, y + s);
    } else {
      ctx.moveTo(x + d, y + s);
      ctx.lineTo(x + d + s, y);
    }
  }
  ctx.stroke();
  ctx.restore();
}

/** Space around the grid for outlines drawn on its border, in CSS pixels. */
export const MARGIN = 4;

/** Black, yellow, black: visible on red, blue, white and grey alike. Centred on the border. */
function outline(ctx: GridContext, x: number, y: number, w: number, h: number, cell: number): void {
  const width = Math.max(4, Math.min(7, cell / 6));
  ctx.lineJoin = 'miter';
  ctx.strokeStyle = COLORS.windowOuter;
  ctx.lineWidth = width;
  ctx.strokeRect(x, y, w, h);
  ctx.strokeStyle = COLORS.windowInner;
  ctx.lineWidth = width * 0.45;
  ctx.strokeRect(x, y, w, h);
}

/** Below this many pixels a cell is a dot of colour: no lines, hatching or numbers. */
const DENSE_CELL = 6;

const PAD_RGB = [201, 204, 209] as const;
const EMPTY_RGB = [248, 249, 251] as const;

/** A dense grid's picture as last drawn on one context: one pixel per cell, and the values it
 * shows, so that the next drawing recolours only the cells that changed (a playing stage writes a
 * few cells per frame, and the input's grids none). */
interface DenseImage {
  rows: number;
  cols: number;
  pad: number;
  scale: number;
  values: Float64Array;
  image: ImageData;
  canvas: HTMLCanvasElement;
}

const denseImages = new WeakMap<object, DenseImage>();

/** Large grids (an image) at a few pixels per cell: one pixel per cell in an image, scaled up
 * without smoothing; a single draw instead of one rectangle per cell. */
function drawDense(ctx: GridContext, p: GridPicture): void {
  const { rows, cols, cell: s } = p;
  const pad = p.pad ?? 0;
  let d = denseImages.get(ctx);
  const fresh = d === undefined || d.rows !== rows || d.cols !== cols || d.pad !== pad || d.scale !== p.scale;
  if (d === undefined || fresh) {
    const canvas = document.createElement('canvas');
    canvas.width = cols;
    canvas.height = rows;
    d = {
      rows,
      cols,
      pad,
      scale: p.scale,
      values: new Float64Array(rows * cols),
      image: ctx.createImageData(cols, rows),
      canvas,
    };
    denseImages.set(ctx, d);
  }
  const px = d.image.data;
  const seen = d.values;
  let changed = fresh;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const q = r * cols + c;
      const v = p.values[q] ?? Number.NaN;
      const was = seen[q] ?? Number.NaN;
      // the same value (NaN too) keeps its colour
      if (!fresh && (was === v || (Number.isNaN(was) && Number.isNaN(v)))) continue;
      seen[q] = v;
      changed = true;
      const isPad = r < pad || r >= rows - pad || c < pad || c >= cols - pad;
      const rgb = isPad
        ? PAD_RGB
        : Number.isNaN(v)
          ? EMPTY_RGB
          : divergingRGB(Math.max(-1, Math.min(1, v / p.scale)));
      const o = 4 * q;
      px[o] = rgb[0];
      px[o + 1] = rgb[1];
      px[o + 2] = rgb[2];
      px[o + 3] = 255;
    }
  const tmp = d.canvas;
  if (changed) tmp.getContext('2d')?.putImageData(d.image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tmp, 0, 0, cols * s, rows * s);
  // the sign without colour: a dark bar across each negative cell (a striped texture at a
  // distance), where a cell has room for one
  if (s >= 3) {
    ctx.fillStyle = COLORS.negativeMark;
    const h = Math.max(1, Math.floor(s / 3));
    for (let r = pad; r < rows - pad; r++)
      for (let c = pad; c < cols - pad; c++)
        if ((p.values[r * cols + c] ?? 0) < 0) ctx.fillRect(c * s, r * s + (s - h) / 2, s, h);
  }
  ctx.fillStyle = COLORS.unvisited;
  p.visitedRows?.forEach((seen, r) => {
    if (!seen) ctx.fillRect(0, r * s, cols * s, s);
  });
  p.visitedCols?.forEach((seen, c) => {
    if (!seen) ctx.fillRect(c * s, 0, s, rows * s);
  });
  ctx.strokeStyle = COLORS.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, 0.5, cols * s - 1, rows * s - 1);
}

/** Draws the grid with its margin at the context's origin; `clear` (the default) first clears
 * the area, as a canvas redrawn in place needs, and an export drawing over a background does not. */
export function drawGrid(ctx: GridContext, p: GridPicture, clear = true): void {
  const { rows, cols, cell: s } = p;
  const pad = p.pad ?? 0;
  const { font, text } = cellFont(p);
  const view = p.view ?? { row: 0, col: 0, rows, cols };
  if (clear) ctx.clearRect(0, 0, view.cols * s + 2 * MARGIN, view.rows * s + 2 * MARGIN);
  ctx.save();
  if (p.view) {
    // only the view's cells: the rest of the grid lies outside the clip
    ctx.beginPath();
    ctx.rect(0, 0, view.cols * s + 2 * MARGIN, view.rows * s + 2 * MARGIN);
    ctx.clip();
  }
  ctx.translate(MARGIN - view.col * s, MARGIN - view.row * s);
  if (s < DENSE_CELL) {
    drawDense(ctx, p);
    if (p.window) outline(ctx, p.window.col * s, p.window.row * s, p.window.span * s, p.window.span * s, s);
    if (p.marked) outline(ctx, p.marked.col * s, p.marked.row * s, s, s, s);
    if (p.highlights) drawHighlights(ctx, p.highlights, s);
    if (p.selected) ring(ctx, p.selected.col * s, p.selected.row * s, s);
    if (p.focused) cursorBox(ctx, p.focused.col * s, p.focused.row * s, s);
    ctx.restore();
    return;
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = numberFontText(font);
  const loudNotes = p.notes !== undefined && (p.noteFont ?? 0) > 0;
  const ringAt = p.highlights ? new Map(p.highlights.map((h) => [h.row * cols + h.col, h])) : null;

  for (let r = view.row; r < view.row + view.rows; r++)
    for (let c = view.col; c < view.col + view.cols; c++) {
      const x = c * s;
      const y = r * s;
      const v = p.values[r * cols + c] ?? Number.NaN;
      const isPad = r < pad || r >= rows - pad || c < pad || c >= cols - pad;
      let label: string | null = null;
      let ink = '#111111';
      if (isPad && p.padValues === true && !Number.isNaN(v)) {
        const t = Math.max(-1, Math.min(1, v / p.scale));
        ctx.fillStyle = diverging(t);
        ctx.fillRect(x, y, s, s);
        ctx.fillStyle = COLORS.padVeil;
        ctx.fillRect(x, y, s, s);
        hatch(ctx, x, y, s, COLORS.padValueHatch, false);
        label = text(v);
        ink = '#3d424a';
      } else if (isPad && p.padValues === true) {
        ctx.fillStyle = COLORS.pad;
        ctx.fillRect(x, y, s, s);
        hatch(ctx, x, y, s, COLORS.padHatch, false);
      } else if (isPad) {
        ctx.fillStyle = COLORS.pad;
        ctx.fillRect(x, y, s, s);
        hatch(ctx, x, y, s, COLORS.padHatch, false);
        label = '0';
        ink = '#3d424a';
      } else if (Number.isNaN(v)) {
        ctx.fillStyle = COLORS.empty;
        ctx.fillRect(x, y, s, s);
        ctx.save();
        ctx.setLineDash([Math.max(2, s / 10), Math.max(2, s / 10)]);
        ctx.strokeStyle = COLORS.emptyDash;
        ctx.lineWidth = 1;
        const inset = Math.max(2, s / 8);
        ctx.strokeRect(x + inset, y + inset, s - 2 * inset, s - 2 * inset);
        ctx.restore();
      } else {
        const t = Math.max(-1, Math.min(1, v / p.scale));
        ctx.fillStyle = diverging(t);
        ctx.fillRect(x, y, s, s);
        label = text(v);
        ink = textOn(t);
      }
      const unvisited = p.visitedRows?.[r] === false || p.visitedCols?.[c] === false;
      if (unvisited) {
        ctx.fillStyle = COLORS.unvisited;
        ctx.fillRect(x, y, s, s);
        hatch(ctx, x, y, s, COLORS.unvisitedHatch, true);
      }
      const hl = ringAt?.get(r * cols + c);
      // under the number, which may span the whole cell
      if (hl) drawHighlights(ctx, [hl], s);
      // a noted cell of a stage read from afar: the number in the part below the note
      const below = font > 0 && label !== null && loudNotes ? notedNumber(ctx, p, font, label, r, c) : null;
      if (below) ctx.font = numberFontText(below.font);
      const size = below ? below.font : font;
      const mid = below ? below.mid : s / 2 + 1;
      if (font > 0 && label !== null) {
        if (unvisited) {
          // a light plate keeps the number readable over the hatching
          const w = ctx.measureText(label).width + 4;
          ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
          ctx.fillRect(x + (s - w) / 2, y + mid - 1 - size * 0.6, w, size * 1.2);
          ink = '#111111';
        }
        ctx.fillStyle = ink;
        ctx.fillText(label, x + s / 2, y + mid);
        if (below) ctx.font = numberFontText(font);
      } else if (label !== null && v < 0) {
        // no room for the number: a minus bar says the sign
        ctx.fillStyle = ink;
        const bar = Math.max(1, Math.round(s / 10));
        ctx.fillRect(x + s * 0.25, y + (s - bar) / 2, s * 0.5, bar);
      }
    }

  // grid lines
  ctx.strokeStyle = COLORS.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let r = 0; r <= rows; r++) {
    const y = Math.min(rows * s - 0.5, Math.max(0.5, r * s));
    ctx.moveTo(0, y);
    ctx.lineTo(cols * s, y);
  }
  for (let c = 0; c <= cols; c++) {
    const x = Math.min(cols * s - 0.5, Math.max(0.5, c * s));
    ctx.moveTo(x, 0);
    ctx.lineTo(x, rows * s);
  }
  ctx.stroke();

  const w = p.window;
  if (w) {
    if (w.step > 1) {
      // dilated: veil the cells the window skips, box the ones it samples
      ctx.fillStyle = COLORS.veil;
      for (let r = 0; r < w.span; r++)
        for (let c = 0; c < w.span; c++)
          if (r % w.step !== 0 || c % w.step !== 0) ctx.fillRect((w.col + c) * s, (w.row + r) * s, s, s);
      for (let u = 0; u < w.taps; u++)
        for (let v = 0; v < w.taps; v++) {
          const x = (w.col + v * w.step) * s;
          const y = (w.row + u * w.step) * s;
          ctx.strokeStyle = COLORS.windowOuter;
          ctx.lineWidth = Math.max(2, s / 12);
          ctx.strokeRect(x + 2, y + 2, s - 4, s - 4);
        }
    }
    outline(ctx, w.col * s, w.row * s, w.span * s, w.span * s, s);
  }
  if (p.marked) outline(ctx, p.marked.col * s, p.marked.row * s, s, s, s);
  if (p.selected) ring(ctx, p.selected.col * s, p.selected.row * s, s);
  if (loudNotes) drawLoudNotes(ctx, p);
  else if (p.notes && s >= NOTE_CELL) drawNotes(ctx, p);
  if (p.focused) cursorBox(ctx, p.focused.col * s, p.focused.row * s, s);
  ctx.restore();
}

/** Cells at least this large get their notes. */
const NOTE_CELL = 34;

/** A note's plate keeps inside the green ring (drawHighlights) and above the cell's number: it
 * never covers either. Where that band is too thin for a legible note, none is drawn (the
 * step's panel lists the same additions). */
function drawNotes(ctx: GridContext, p: GridPicture): void {
  const s = p.cell;
  const ring = ringBand(s);
  const font = numberFont(p);
  // the number's top (it is centred, font·1.2 high), or the ring's far side when there is none
  const below = font > 0 ? s / 2 - font * 0.6 : s - ring;
  const size = Math.min(14, s * 0.22, below - ring - 3);
  if (size < MIN_NOTE_FONT) return;
  ctx.save();
  ctx.font = `700 ${size}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  for (let r = 0; r < p.rows; r++)
    for (let c = 0; c < p.cols; c++) {
      const note = p.notes?.(r, c);
      if (!note) continue;
      const w = ctx.measureText(note).width + 4;
      const x = (c + 1) * s - ring - 1;
      const y = r * s + ring + 2;
      if (w > s - 2 * ring - 2) continue; // wider than the inside of the ring
      ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
      ctx.fillRect(x - w + 1, y - 1, w, size + 2);
      ctx.fillStyle = '#111111';
      ctx.fillText(note, x - 1, y);
    }
  ctx.restore();
}

/** The numbers' font, `size` px. */
function numberFontText(size: number): string {
  return `600 ${size}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
}

function noteFontText(size: number): string {
  return `700 ${size}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
}

/** A bold note's character width assumed in sizing cells for it, em: digits, sign and point of
 * a wide sans-serif (DejaVu Sans Bold measures 0.66 em a character in "+0.25"). */
const NOTE_EM = 0.7;

/** Where a noted cell of a stage read from afar puts its note and its number, px from the cell's
 * top: the note's plate (`noteFont` + 2 high) just inside the green ring, the number's box
 * between the plate and the ring's far side. */
function loudLayout(s: number, noteFont: number): { plate: number; top: number; bottom: number } {
  const ring = ringBand(s);
  const plate = ring + 1;
  return { plate, top: plate + noteFont + 3, bottom: s - ring };
}

/** The number of a noted cell (r, c) when notes are loud: its font, capped to the room below
 * the note, and its middle; null when the cell has no note. */
function notedNumber(
  ctx: GridContext,
  p: GridPicture,
  font: number,
  label: string,
  r: number,
  c: number,
): { font: number; mid: number } | null {
  if (!p.notes?.(r, c)) return null;
  const { top, bottom } = loudLayout(p.cell, p.noteFont ?? 0);
  // inside the green ring across too (ctx.font is the numbers' at `font`)
  const inside = p.cell - 2 * ringBand(p.cell) - 2;
  const wide = ctx.measureText(label).width;
  const size = Math.min(font, (bottom - top) / 1.2, wide > inside ? (font * inside) / wide : font);
  return { font: size, mid: (top + bottom) / 2 + 1 };
}

/** The characters a note of the picture may need: an addition is about as long as the numbers
 * it adds up to (the picture's values and its colour scale) as `noteText` writes them, with its
 * sign. */
function noteChars(p: GridPicture, noteText: (v: number) => string): number {
  const unsigned = (v: number) => noteText(Math.abs(v));
  return Math.max(unsigned(p.scale).length, longestText(p, unsigned)) + 1;
}

/** The smallest cell, from `from` px up, in which a noted cell draws its note at `noteFont` px
 * inside the green ring and its number at `font` px below it, both inside the ring: `p` as it is
 * drawn (its `text` the numbers'), `noteText` writing values as long as the notes write them. */
export function noteCell(
  p: GridPicture,
  noteText: (v: number) => string,
  font: number,
  noteFont: number,
  from: number,
): number {
  const note = noteChars(p, noteText) * NOTE_EM * noteFont + 4;
  const number = longestText(p, p.text) * NOTE_EM * font;
  for (let s = Math.max(1, Math.ceil(from)); s < 1000; s++) {
    const { top, bottom } = loudLayout(s, noteFont);
    const inside = s - 2 * ringBand(s) - 2;
    if (inside >= Math.max(note, number) && bottom - top >= font * 1.2) return s;
  }
  return 1000;
}

/** Notes on a stage read from afar (presenter mode, an embed): each across its cell's upper part,
 * inside the green ring, at the picture's `noteFont` (smaller only where a note is longer than the
 * cell was made for), above the number that drawGrid placed below it. */
function drawLoudNotes(ctx: GridContext, p: GridPicture): void {
  const s = p.cell;
  const ring = ringBand(s);
  const want = p.noteFont ?? 0;
  const { plate } = loudLayout(s, want);
  const inside = s - 2 * ring - 2;
  ctx.save();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const view = p.view ?? { row: 0, col: 0, rows: p.rows, cols: p.cols };
  for (let r = view.row; r < view.row + view.rows; r++)
    for (let c = view.col; c < view.col + view.cols; c++) {
      const note = p.notes?.(r, c);
      if (!note) continue;
      ctx.font = noteFontText(want);
      const wide = ctx.measureText(note).width + 4;
      const size = wide > inside ? Math.floor(want * (inside / wide) * 10) / 10 : want;
      if (size < MIN_NOTE_FONT) continue;
      if (size !== want) ctx.font = noteFontText(size);
      const w = Math.min(inside, ctx.measureText(note).width + 4);
      const x = c * s + s / 2;
      const y = r * s + plate;
      ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
      ctx.fillRect(x - w / 2, y, w, want + 2);
      ctx.fillStyle = '#111111';
      ctx.fillText(note, x, y + 1 + (want - size) / 2);
    }
  ctx.restore();
}

/** The smallest note worth drawing, CSS px. */
const MIN_NOTE_FONT = 8;

/** How far from a cell's edge the green ring reaches (its inset and width, drawHighlights). */
function ringBand(s: number): number {
  const width = s < 12 ? Math.max(1, s / 4) : Math.max(3, Math.min(5, s / 12));
  const inset = s < 12 ? 0 : Math.max(2, Math.min(4, s / 24));
  return inset + width + 1;
}

/** The selected cell: violet and white, apart from the window's black and yellow. */
function ring(ctx: GridContext, x: number, y: number, s: number): void {
  const width = s < 12 ? Math.max(1, s / 3) : Math.max(3, Math.min(6, s / 7));
  ctx.save();
  ctx.strokeStyle = COLORS.selected;
  ctx.lineWidth = width;
  ctx.strokeRect(x + width / 2, y + width / 2, s - width, s - width);
  if (s >= 12) {
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1;
    ctx.strokeRect(x + width + 0.5, y + width + 0.5, s - 2 * width - 1, s - 2 * width - 1);
  }
  ctx.restore();
}

/** The keyboard cursor: a white box under a black dashed one, on the cell's edge (over the window's
 * outline and the violet ring, which stay visible inside it) and readable on any colour. */
function cursorBox(ctx: GridContext, x: number, y: number, s: number): void {
  const width = s < 12 ? 1 : 2;
  const dash = Math.max(2, Math.min(6, s / 6));
  ctx.save();
  ctx.lineWidth = width + 1;
  ctx.strokeStyle = '#ffffff';
  ctx.strokeRect(x - 1 + width / 2, y - 1 + width / 2, s + 2 - width, s + 2 - width);
  ctx.setLineDash([dash, dash]);
  ctx.lineWidth = width;
  ctx.strokeStyle = '#111111';
  ctx.strokeRect(x - 1 + width / 2, y - 1 + width / 2, s + 2 - width, s + 2 - width);
  ctx.restore();
}

/** Green rings inside cells, inset so that the window's outline on the border stays visible:
 * dark green with a white inner line, readable on red, blue and white cells alike. Drawn
 * under the cell's number. */
function drawHighlights(ctx: GridContext, hs: readonly CellHighlight[], s: number): void {
  // keep in step with ringBand, which keeps the notes inside the ring
  const width = s < 12 ? Math.max(1, s / 4) : Math.max(3, Math.min(5, s / 12));
  const inset = s < 12 ? 0 : Math.max(2, Math.min(4, s / 24));
  ctx.save();
  for (const h of hs) {
    const x = h.col * s + inset + width / 2;
    const y = h.row * s + inset + width / 2;
    const side = s - 2 * inset - width;
    if (side <= 0) continue;
    ctx.setLineDash(h.kind === 'skip' ? [Math.max(3, s / 8), Math.max(2, s / 12)] : []);
    ctx.strokeStyle = COLORS.hit;
    ctx.lineWidth = width;
    ctx.strokeRect(x, y, side, side);
    if (s >= 12) {
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1;
      ctx.strokeRect(x + width / 2 + 0.5, y + width / 2 + 0.5, side - width - 1, side - width - 1);
    }
  }
  ctx.restore();
}
