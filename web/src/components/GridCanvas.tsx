// One grid of numbers on one canvas, crisp on HiDPI screens. Hover or tap a cell for its
// index and value. Draws nothing (and throws nothing) where canvas is unavailable.

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { drawGrid, MARGIN, type GridPicture } from './drawGrid';

export interface GridCanvasProps {
  /** what the grid is, for screen readers, e.g. "A_prev[0,:,:,1], padded" */
  label: string;
  picture: GridPicture;
  /** tooltip text for a cell (row, col), or null for none */
  describe?: (row: number, col: number) => string | null;
  /** a click or tap on a cell selects it */
  onSelect?: (row: number, col: number) => void;
}

interface Hover {
  row: number;
  col: number;
  x: number;
  y: number;
  /** the pointer in the window */
  cx: number;
  cy: number;
}

/** Beside the pointer, placed in the window (position: fixed) so that the stage's clipping box
 * cannot cut it off; moved to the pointer's other side when it would leave the window. */
function placeTip(tip: HTMLElement, h: Hover): void {
  const vw = globalThis.innerWidth || 0;
  const vh = globalThis.innerHeight || 0;
  const box = tip.getBoundingClientRect();
  let left = h.cx + 14;
  let top = h.cy + 14;
  if (vw > 0 && left + box.width > vw - 4) left = Math.max(4, h.cx - 14 - box.width);
  if (vh > 0 && top + box.height > vh - 4) top = Math.max(4, h.cy - 14 - box.height);
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}

export function GridCanvas({ label, picture, describe, onSelect }: GridCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const tipRef = useRef<HTMLDivElement>(null);
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

  function cellAt(e: MouseEvent): Hover | null {
    const canvas = ref.current;
    if (!canvas) return null;
    const box = canvas.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const col = Math.floor((x - MARGIN) / picture.cell);
    const row = Math.floor((y - MARGIN) / picture.cell);
    if (row < 0 || col < 0 || row >= picture.rows || col >= picture.cols) return null;
    return { row, col, x, y, cx: e.clientX, cy: e.clientY };
  }

  const tip = hover && describe ? describe(hover.row, hover.col) : null;
  useLayoutEffect(() => {
    if (tipRef.current && hover) placeTip(tipRef.current, hover);
  });
  return (
    <div class="grid-canvas" style={{ width: `${width}px`, height: `${height}px` }}>
      <canvas
        ref={ref}
        role="img"
        aria-label={label}
        style={{ width: `${width}px`, height: `${height}px`, cursor: onSelect ? 'pointer' : undefined }}
        onClick={(e) => {
          const at = onSelect ? cellAt(e) : null;
          if (at !== null) onSelect?.(at.row, at.col);
        }}
        onPointerMove={(e) => setHover(cellAt(e))}
        onPointerDown={(e) => setHover(cellAt(e))}
        onPointerLeave={() => setHover(null)}
      />
      {tip !== null && hover !== null && (
        <div
          class="cell-tip"
          role="tooltip"
          ref={tipRef}
          style={{ position: 'fixed', left: `${hover.cx + 14}px`, top: `${hover.cy + 14}px` }}
        >
          {tip}
        </div>
      )}
    </div>
  );
}
