// The sign of a value never rests on colour alone: where a cell is too small for its number,
// drawGrid draws a bar across a negative cell and nothing across a positive one.
import { describe, expect, it } from 'vitest';
import { drawGrid, type GridPicture, MARGIN, numberFont } from '../../src/ui/drawGrid';
import { embedFont, noteFontFor, PRESENT_FONT, presentPicture } from '../../src/ui/present';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
}

/** A text drawn: where (canvas coordinates), at what size (px) and how it is anchored. */
interface Drawn {
  text: string;
  x: number;
  y: number;
  size: number;
  align: string;
  baseline: string;
}

/** The size in px of a canvas font such as `600 20px system-ui`. */
function fontSize(font: unknown): number {
  const m = /(\d+(?:\.\d+)?)px/.exec(String(font));
  return m ? Number(m[1]) : 0;
}

/** A 2D context that records filled rectangles (in grid coordinates) and texts and ignores the
 * rest. Text is measured 6 px a character, or `em` em a character at the current font. */
function recordingContext(em?: number): {
  ctx: CanvasRenderingContext2D;
  rects: Rect[];
  texts: string[];
  drawn: Drawn[];
} {
  const rects: Rect[] = [];
  const texts: string[] = [];
  const drawn: Drawn[] = [];
  let dx = 0;
  let dy = 0;
  const state: Record<string, unknown> = { fillStyle: '#000' };
  const ctx = new Proxy(state, {
    get(target, key) {
      if (key === 'fillRect')
        return (x: number, y: number, w: number, h: number) =>
          rects.push({ x: x + dx, y: y + dy, w, h, fill: String(target.fillStyle) });
      if (key === 'translate')
        return (x: number, y: number) => {
          dx += x;
          dy += y;
        };
      if (key === 'fillText')
        return (t: string, x: number, y: number) => {
          texts.push(t);
          drawn.push({
            text: t,
            x: x + dx,
            y: y + dy,
            size: fontSize(target.font),
            align: String(target.textAlign),
            baseline: String(target.textBaseline),
          });
        };
      if (key === 'createImageData')
        return (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) });
      if (key === 'measureText')
        return (t: string) => ({
          width: em === undefined ? t.length * 6 : t.length * em * fontSize(target.font),
        });
      if (key in target) return target[key as string];
      return () => {};
    },
    set(target, key, value) {
      target[key as string] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, rects, texts, drawn };
}

/** Thin rectangles (bars) drawn inside cell (r, c), after the cell's own fill. */
function barsIn(rects: Rect[], p: GridPicture, r: number, c: number): Rect[] {
  const s = p.cell;
  const x0 = MARGIN + c * s;
  const y0 = MARGIN + r * s;
  return rects.filter(
    (q) =>
      q.h < s / 2 &&
      q.x >= x0 - 0.01 &&
      q.y >= y0 - 0.01 &&
      q.x + q.w <= x0 + s + 0.01 &&
      q.y + q.h <= y0 + s + 0.01,
  );
}

function picture(cell: number): GridPicture {
  return {
    rows: 1,
    cols: 3,
    cell,
    values: [-0.5, 0.5, -2],
    scale: 2,
    text: (v) => v.toFixed(4),
  };
}

describe('drawGrid: the sign without colour', () => {
  it('cells with room for numbers draw them, with their minus sign, and no bar', () => {
    const p = picture(60);
    const { ctx, rects, texts } = recordingContext();
    drawGrid(ctx, p);
    expect(texts).toEqual(['-0.5000', '0.5000', '-2.0000']);
    expect(barsIn(rects, p, 0, 0)).toHaveLength(0);
  });

  it('cells too small for a number get a bar when negative, none when positive', () => {
    const p = picture(12);
    const { ctx, rects, texts } = recordingContext();
    drawGrid(ctx, p);
    expect(texts).toEqual([]);
    expect(barsIn(rects, p, 0, 0)).toHaveLength(1);
    expect(barsIn(rects, p, 0, 1)).toHaveLength(0);
    expect(barsIn(rects, p, 0, 2)).toHaveLength(1);
  });

  it('image-sized grids (a few pixels a cell) stripe their negative cells', () => {
    const p = picture(4);
    const { ctx, rects } = recordingContext();
    drawGrid(ctx, p);
    expect(barsIn(rects, p, 0, 0)).toHaveLength(1);
    expect(barsIn(rects, p, 0, 1)).toHaveLength(0);
    expect(barsIn(rects, p, 0, 2)).toHaveLength(1);
  });
});

// A step's note ("+0.25", what this step added) sits in the cell's top corner: inside the green
// ring that marks the cell (the ring stays whole) and above the cell's number (the number stays
// readable), at every cell size that draws notes.
describe('a step’s note covers neither the green ring nor the number', () => {
  for (const cell of [34, 40, 48, 56, 64, 80, 96]) {
    it(`cells of ${cell} px`, () => {
      const p: GridPicture = {
        rows: 2,
        cols: 2,
        cell,
        values: [0.5, -1.25, 2.5, 0],
        scale: 3,
        text: (v) => v.toFixed(2),
        highlights: [{ row: 0, col: 0, kind: 'hit' }],
        notes: (r, c) => (r === 0 && c === 0 ? '+0.25' : null),
      };
      const { ctx, rects } = recordingContext();
      drawGrid(ctx, p);
      const plates = rects.filter((q) => q.fill === 'rgba(255, 255, 255, 0.9)');
      if (plates.length === 0) return; // no room for a note at this size: none is drawn
      const plate = plates[0]!;
      // the ring: drawHighlights' inset and width, and its white inner line (1 px)
      const width = Math.max(3, Math.min(5, cell / 12));
      const inset = Math.max(2, Math.min(4, cell / 24));
      const inner = inset + width + 1;
      const x0 = MARGIN;
      const y0 = MARGIN;
      expect(plate.x).toBeGreaterThanOrEqual(x0 + inner);
      expect(plate.y).toBeGreaterThanOrEqual(y0 + inner);
      expect(plate.x + plate.w).toBeLessThanOrEqual(x0 + cell - inner);
      const font = numberFont(p);
      const numberTop = font > 0 ? y0 + cell / 2 - font * 0.6 : y0 + cell - inner;
      expect(plate.y + plate.h).toBeLessThanOrEqual(numberTop);
    });
  }
  it('a note is drawn where the cells leave room for it', () => {
    const p: GridPicture = {
      rows: 1,
      cols: 1,
      cell: 96,
      values: [0.5],
      scale: 1,
      text: (v) => v.toFixed(2),
      notes: () => '+0.25',
    };
    const { ctx, texts } = recordingContext();
    drawGrid(ctx, p);
    expect(texts).toContain('+0.25');
  });
});

// Presenter mode and an embed draw numbers at 20 px and 12–16 px: the band above a number is too
// thin for a corner note there, so a noted cell draws its note across its upper part at a size
// read from the back of a hall (14 px, 11 px in an embed) and its number below it, the note
// covering neither the number nor the green ring, and the number still at the stage's size.
describe('a step’s note on a stage read from afar', () => {
  // dA_prev_pad as conv_backward's stage gives it (7×9, padded, 2 decimals, the window at 0,3):
  // a cell the layout gave it, which presentPicture enlarges; room for the window's 3×3 cells
  // with their notes in every mode
  const values = Array.from({ length: 63 }, (_, k) => ((k * 37) % 19) / 4 - 2.3);
  const noted = new Map([
    ['0,3', '+0.84'],
    ['0,4', '−1.49'],
    ['1,4', '−0.48'],
    ['2,5', '+0.21'],
  ]);
  const stage: GridPicture = {
    rows: 7,
    cols: 9,
    cell: 36,
    values,
    scale: 3,
    text: (v) => v.toFixed(2).replace('-', '−'),
    shortText: (v) => v.toFixed(1).replace('-', '−'),
    pad: 1,
    padValues: true,
    window: { row: 0, col: 3, span: 3, taps: 3, step: 1 },
    highlights: [{ row: 0, col: 3, kind: 'hit' }],
    notes: (r, c) => noted.get(`${r},${c}`) ?? null,
  };
  const modes: [string, number, number][] = [
    ['presenter mode', PRESENT_FONT, 14],
    ['an embed in a 480×320 frame', embedFont(480, 320), 11],
    ['an embed in an 800×500 frame', embedFont(800, 500), 11],
    ['an embed in a 1280×800 frame', embedFont(1280, 800), 11],
  ];
  for (const [mode, font, legible] of modes)
    it(`${mode}: each noted cell in view shows its note at ${legible} px or more, above its number`, () => {
      expect(noteFontFor(font)).toBeGreaterThanOrEqual(legible);
      const p = presentPicture(stage, font);
      const view = p.view ?? { row: 0, col: 0, rows: p.rows, cols: p.cols };
      const { ctx, drawn } = recordingContext(0.7);
      drawGrid(ctx, p);
      const s = p.cell;
      // the green ring's far edge and its white inner line (drawHighlights)
      const ring = Math.max(2, Math.min(4, s / 24)) + Math.max(3, Math.min(5, s / 12)) + 1;
      const inView = [...noted.keys()]
        .map((k) => k.split(',').map(Number) as [number, number])
        .filter(
          ([r, c]) => r >= view.row && r < view.row + view.rows && c >= view.col && c < view.col + view.cols,
        );
      expect(inView.length).toBeGreaterThan(0);
      for (const [r, c] of inView) {
        const x0 = MARGIN + (c - view.col) * s;
        const y0 = MARGIN + (r - view.row) * s;
        const note = noted.get(`${r},${c}`)!;
        const n = drawn.find((d) => d.text === note);
        expect(n, `${note} is drawn`).toBeDefined();
        if (!n) continue;
        expect(n.size).toBeGreaterThanOrEqual(legible);
        // centred, top-anchored: its box, as wide as the context measures it
        expect(n.align).toBe('center');
        expect(n.baseline).toBe('top');
        const nw = note.length * 0.7 * n.size;
        const box = { left: n.x - nw / 2, right: n.x + nw / 2, top: n.y, bottom: n.y + n.size };
        expect(box.left).toBeGreaterThanOrEqual(x0 + ring);
        expect(box.right).toBeLessThanOrEqual(x0 + s - ring);
        expect(box.top).toBeGreaterThanOrEqual(y0 + ring);
        // the cell's number: drawn below the note, whole inside the ring, at the stage's size
        const label = (stage.shortText ?? stage.text)(values[r * 9 + c]!);
        const num = drawn.find(
          (d) => d.text === label && d.x > x0 && d.x < x0 + s && d.y > y0 && d.y < y0 + s,
        );
        expect(num, `the number ${label} in (${r}, ${c})`).toBeDefined();
        if (!num) continue;
        expect(num.size).toBeGreaterThanOrEqual(font);
        expect(num.baseline).toBe('middle');
        const top = num.y - 1 - num.size * 0.6;
        expect(top).toBeGreaterThanOrEqual(box.bottom);
        expect(num.y - 1 + num.size * 0.6).toBeLessThanOrEqual(y0 + s - ring);
        const half = (label.length * 0.7 * num.size) / 2;
        expect(num.x - half).toBeGreaterThanOrEqual(x0 + ring);
        expect(num.x + half).toBeLessThanOrEqual(x0 + s - ring);
      }
    });

  it('the window comes first: where cells large enough for the notes would cut it and plain ones would not, the window is whole and no note is drawn', () => {
    // a footprint of 7×9 cells of 24 px: presenter mode's plain cells show 3 rows, those with
    // room for a note only 2
    const small = { ...stage, cell: 24 };
    const p = presentPicture(small, PRESENT_FONT);
    const view = p.view ?? { row: 0, col: 0, rows: p.rows, cols: p.cols };
    expect(view.row).toBeLessThanOrEqual(0);
    expect(view.row + view.rows).toBeGreaterThanOrEqual(3);
    expect(view.col).toBeLessThanOrEqual(3);
    expect(view.col + view.cols).toBeGreaterThanOrEqual(6);
    const { ctx, drawn } = recordingContext(0.7);
    drawGrid(ctx, p);
    for (const note of noted.values()) expect(drawn.find((d) => d.text === note)).toBeUndefined();
    // and with the room, the same grid has its notes
    const roomy = presentPicture(stage, PRESENT_FONT);
    const r = recordingContext(0.7);
    drawGrid(r.ctx, roomy);
    expect(r.drawn.find((d) => d.text === '+0.84')).toBeDefined();
  });

  it('on a phone the whole grid comes first: where cells large enough for the notes would cut a grid that plain cells show whole, it is whole and has no notes', () => {
    // 7×9 cells of 36 px: plain cells for 12 px numbers fit (34 px), cells with a note above
    // the number (62 px) do not
    const phone = { ...stage, cell: 36 };
    const p = presentPicture(phone, 12, true);
    expect([p.view?.rows ?? 7, p.view?.cols ?? 9]).toEqual([7, 9]);
    const { ctx, drawn } = recordingContext(0.7);
    drawGrid(ctx, p);
    for (const note of noted.values()) expect(drawn.find((d) => d.text === note)).toBeUndefined();
    // presenter mode and embeds (not a phone) keep the notes and show the part around the window
    const lecture = presentPicture(phone, 12);
    expect((lecture.view?.rows ?? 7) * (lecture.view?.cols ?? 9)).toBeLessThan(63);
    const r = recordingContext(0.7);
    drawGrid(r.ctx, lecture);
    expect(r.drawn.find((d) => d.text === '+0.84')).toBeDefined();
  });

  it('a grid without a window (dW, db) stays whole: its notes only where cells large enough for them fit its footprint', () => {
    // dW[:,:,k,c], 3×3, every cell noted (each gets a_slice · dZ)
    const dw: GridPicture = {
      rows: 3,
      cols: 3,
      cell: 80,
      values: [0.5, -1.25, 2, 0.75, -0.5, 1, -2, 0.25, 1.5],
      scale: 2,
      text: (v) => v.toFixed(2).replace('-', '−'),
      notes: () => '+0.84',
    };
    // cells of 80 px hold a 20 px number, not a 14 px note above it (92 px): the whole grid, no
    // notes
    const tight = presentPicture(dw, PRESENT_FONT);
    expect([tight.view?.rows ?? 3, tight.view?.cols ?? 3]).toEqual([3, 3]);
    const { ctx, drawn } = recordingContext(0.7);
    drawGrid(ctx, tight);
    expect(drawn.find((d) => d.text === '+0.84')).toBeUndefined();
    // a footprint with room for the notes: whole, and the notes drawn
    const roomy = presentPicture({ ...dw, cell: 100 }, PRESENT_FONT);
    expect([roomy.view?.rows ?? 3, roomy.view?.cols ?? 3]).toEqual([3, 3]);
    const r = recordingContext(0.7);
    drawGrid(r.ctx, roomy);
    expect(r.drawn.filter((d) => d.text === '+0.84')).toHaveLength(9);
  });

  it('a cell without a note keeps its number where and as large as the grid draws it', () => {
    const p = presentPicture(stage, PRESENT_FONT);
    const view = p.view ?? { row: 0, col: 0, rows: p.rows, cols: p.cols };
    const { ctx, drawn } = recordingContext(0.7);
    drawGrid(ctx, p);
    const [r, c] = [view.row + view.rows - 1, view.col];
    expect(noted.has(`${r},${c}`)).toBe(false);
    const label = (stage.shortText ?? stage.text)(values[r * 9 + c]!);
    const x = MARGIN + (c - view.col) * p.cell + p.cell / 2;
    const y = MARGIN + (r - view.row) * p.cell + p.cell / 2 + 1;
    const num = drawn.find((d) => d.text === label && d.x === x && d.y === y);
    expect(num?.size).toBe(numberFont(p));
  });

  it('the page’s own grids (no presenter sizes) keep the note in the corner', () => {
    const p: GridPicture = { ...stage, cell: 64 };
    const { ctx, drawn } = recordingContext();
    drawGrid(ctx, p);
    const n = drawn.find((d) => d.text === '+0.84');
    expect(n?.align).toBe('right');
    expect(n?.size).toBeLessThanOrEqual(14);
  });
});
