// One grid of numbers on one canvas, crisp on HiDPI screens. Hover or tap a cell for its
// index and value. Draws nothing (and throws nothing) where canvas is unavailable.

import { useEffect, useRef, useState } from 'preact/hooks';
import { drawGrid, MARGIN, type GridPicture } from './drawGrid';

export interface GridCanvasProps {
  /** what the grid is, for screen readers, e.g. "A_prev[0,:,:,1], padded" */
  label: string;
  picture: GridPicture;
  /** tooltip text for a cell (row, col), or null for none */
  describe?: (row: number, col: number) => string | null;
}

interface Hover {
  row: number;
  col: number;
  x: number;
  y: number;
}

export function GridCanvas({ label, picture, describe }: GridCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const width = picture.cols * picture.cell + 2 * MARGIN;
  const height = picture.rows * picture.cell + 2 * MARGIN;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const dpr = Math.max(1, Math.min(4, globalThis.devicePixelRatio || 1));
    const w = Math.round(width * dpr);
    const h = Math.round(height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    let ctx: CanvasRenderingContext2D | null = null;
    try {
      ctx = canvas.getContext('2d');
    } catch {
      ctx = null;
    }
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawGrid(ctx, picture);
  });

  function cellAt(e: PointerEvent): Hover | null {
    const canvas = ref.current;
    if (!canvas) return null;
    const box = canvas.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const col = Math.floor((x - MARGIN) / picture.cell);
    const row = Math.floor((y - MARGIN) / picture.cell);
    if (row < 0 || col < 0 || row >= picture.rows || col >= picture.cols) return null;
    return { row, col, x, y };
  }

  const tip = hover && describe ? describe(hover.row, hover.col) : null;
  return (
    <div class="grid-canvas" style={{ width: `${width}px`, height: `${height}px` }}>
      <canvas
        ref={ref}
        role="img"
        aria-label={label}
        style={{ width: `${width}px`, height: `${height}px` }}
        onPointerMove={(e) => setHover(cellAt(e))}
        onPointerDown={(e) => setHover(cellAt(e))}
        onPointerLeave={() => setHover(null)}
      />
      {tip !== null && hover !== null && (
        <div
          class="cell-tip"
          role="tooltip"
          style={{
            left: `${Math.min(hover.x + 14, width)}px`,
            top: `${hover.y + 14}px`,
          }}
        >
          {tip}
        </div>
      )}
    </div>
  );
}
