// The sign of a value never rests on colour alone: where a cell is too small for its number,
// drawGrid draws a bar across a negative cell and nothing across a positive one.
import { describe, expect, it } from 'vitest';
import { drawGrid, type GridPicture, MARGIN, numberFont } from '../../src/ui/drawGrid';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
}

/** A 2D context that records filled rectangles (in grid coordinates) and ignores the rest. */
function recordingContext(): { ctx: CanvasRenderingContext2D; rects: Rect[]; texts: string[] } {
  const rects: Rect[] = [];
  const texts: string[] = [];
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
      if (key === 'fillText') return (t: string) => texts.push(t);
      if (key === 'createImageData')
        return (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) });
      if (key === 'measureText') return (t: string) => ({ width: t.length * 6 });
      if (key in target) return target[key as string];
      return () => {};
    },
    set(target, key, value) {
      target[key as string] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, rects, texts };
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
