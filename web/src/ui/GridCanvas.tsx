// One grid of numbers on one canvas, crisp on HiDPI screens. Hover or tap a cell for its
// index and value. Draws nothing (and throws nothing) where canvas is unavailable.
// Keyboard: a grid with a tooltip or a selection takes focus (Tab); the arrow keys move a cursor
// over its cells (Home and End: the row's first and last cell, with Ctrl the grid's), the
// cursor's tooltip is shown and read out, Enter or space selects the cell, Escape hides the tip
// and leaves the grid, so that the arrows step the transport again.
// Keys the grid uses are marked handled (preventDefault) so the transport's keys leave them be.

import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { drawGrid, MARGIN, numberFont, type GridPicture } from './drawGrid';
import { keepPicture } from './gridPictures';

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
  const tipId = useId();
  /** the keyboard cursor, kept while the grid is away from focus */
  const [cursor, setCursor] = useState<{ row: number; col: number } | null>(null);
  /** the grid has focus from the keyboard (not from a click), and its tip is not dismissed */
  const [keyed, setKeyed] = useState(false);
  const pointerDown = useRef(false);
  /** the cell just clicked to select it: its tip stays away (the selection's own panel tells
   * its story, and a tip would cover it) until the pointer moves to another cell */
  const quiet = useRef<{ row: number; col: number } | null>(null);
  /** Escape gave the keys back to the transport: the grid leaves them be until it is entered again */
  const [released, setReleased] = useState(false);
  // the part drawn (presenter mode may show part of a grid, larger)
  const view = picture.view ?? { row: 0, col: 0, rows: picture.rows, cols: picture.cols };
  const width = view.cols * picture.cell + 2 * MARGIN;
  const height = view.rows * picture.cell + 2 * MARGIN;
  const focusable = describe !== undefined || onSelect !== undefined;
  // the grid may have shrunk since the cursor was placed
  const at =
    cursor === null
      ? null
      : { row: Math.min(cursor.row, picture.rows - 1), col: Math.min(cursor.col, picture.cols - 1) };
  const shown = keyed && at !== null && picture.rows > 0 && picture.cols > 0 ? at : null;

  // known at once (a layout effect runs within the render), before the canvas is drawn
  useLayoutEffect(() => {
    if (ref.current) keepPicture(ref.current, picture);
  });

  // drawn within the render (a layout effect): the first paint shows the grid, and a playing
  // stage draws its step in the frame that took it
  useLayoutEffect(() => {
    const canvas = ref.current;
    // a stage rendered off screen to be exported is read, never shown
    if (!canvas || canvas.closest('[data-offscreen]')) return;
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
    drawGrid(ctx, shown ? { ...picture, focused: shown } : picture);
  });

  /** Where the keyboard cursor's tip goes: beside its cell, in the window. */
  function cursorPlace(c: { row: number; col: number }): Hover {
    const box = ref.current?.getBoundingClientRect();
    const x = MARGIN + (c.col - view.col + 1) * picture.cell;
    const y = MARGIN + (c.row - view.row + 1) * picture.cell;
    return { row: c.row, col: c.col, x, y, cx: (box?.left ?? 0) + x - 10, cy: (box?.top ?? 0) + y - 10 };
  }

  function startCell(): { row: number; col: number } {
    if (at !== null) return at;
    const s = picture.selected ?? picture.marked ?? picture.window ?? null;
    if (s && s.row >= 0 && s.col >= 0 && s.row < picture.rows && s.col < picture.cols)
      return { row: s.row, col: s.col };
    return { row: 0, col: 0 };
  }

  function onKeyDown(e: KeyboardEvent): void {
    if (e.altKey || e.metaKey || picture.rows <= 0 || picture.cols <= 0) return;
    if (released && e.key !== 'Enter') return;
    const c = startCell();
    let row = c.row;
    let col = c.col;
    switch (e.key) {
      case 'ArrowLeft':
        col = Math.max(0, col - 1);
        break;
      case 'ArrowRight':
        col = Math.min(picture.cols - 1, col + 1);
        break;
      case 'ArrowUp':
        row = Math.max(0, row - 1);
        break;
      case 'ArrowDown':
        row = Math.min(picture.rows - 1, row + 1);
        break;
      case 'Home':
        col = 0;
        if (e.ctrlKey) row = 0;
        break;
      case 'End':
        col = picture.cols - 1;
        if (e.ctrlKey) row = picture.rows - 1;
        break;
      case 'Enter':
      case ' ':
        setReleased(false);
        if (!onSelect) return;
        setKeyed(true);
        setCursor(c);
        onSelect(c.row, c.col);
        e.preventDefault();
        return;
      case 'Escape':
        // hides the tip and gives the keys back to the transport
        setKeyed(false);
        setReleased(true);
        e.preventDefault();
        return;
      default:
        return;
    }
    if (e.ctrlKey && e.key !== 'Home' && e.key !== 'End') return;
    setHover(null);
    setCursor({ row, col });
    setKeyed(true);
    e.preventDefault();
  }

  function cellAt(e: MouseEvent): Hover | null {
    const canvas = ref.current;
    if (!canvas) return null;
    const box = canvas.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const col = view.col + Math.floor((x - MARGIN) / picture.cell);
    const row = view.row + Math.floor((y - MARGIN) / picture.cell);
    if (row < view.row || col < view.col || row >= view.row + view.rows || col >= view.col + view.cols)
      return null;
    return { row, col, x, y, cx: e.clientX, cy: e.clientY };
  }

  // the pointer's tip, else the keyboard cursor's
  const tipAt = hover ?? (shown ? cursorPlace(shown) : null);
  const tip = tipAt && describe ? describe(tipAt.row, tipAt.col) : null;
  useLayoutEffect(() => {
    if (tipRef.current && tipAt) placeTip(tipRef.current, tipAt);
  });
  return (
    <div class="grid-canvas" style={{ width: `${width}px`, height: `${height}px` }}>
      <canvas
        ref={ref}
        role="img"
        aria-label={label}
        aria-describedby={focusable && tip !== null && hover === null ? tipId : undefined}
        tabIndex={focusable ? 0 : undefined}
        // the size its numbers are drawn at, CSS px (0: colour only), for tests and checks
        data-font={Math.round(numberFont(picture) * 10) / 10}
        style={{ width: `${width}px`, height: `${height}px`, cursor: onSelect ? 'pointer' : undefined }}
        onClick={(e) => {
          const hit = onSelect ? cellAt(e) : null;
          if (hit !== null) {
            setCursor({ row: hit.row, col: hit.col });
            onSelect?.(hit.row, hit.col);
            quiet.current = { row: hit.row, col: hit.col };
            setHover(null);
          }
        }}
        onPointerMove={(e) => {
          const c = cellAt(e);
          const q = quiet.current;
          if (q !== null && c !== null && c.row === q.row && c.col === q.col) return;
          quiet.current = null;
          setHover(c);
        }}
        onPointerDown={(e) => {
          pointerDown.current = true;
          setReleased(false);
          setKeyed(false);
          setHover(cellAt(e));
        }}
        onPointerUp={() => {
          pointerDown.current = false;
        }}
        onPointerLeave={() => {
          quiet.current = null;
          setHover(null);
        }}
        onFocus={() => {
          // a click focuses the grid too: the pointer's tip is enough then
          if (pointerDown.current) {
            pointerDown.current = false;
            return;
          }
          setReleased(false);
          setCursor(startCell());
          setKeyed(true);
        }}
        onBlur={() => {
          pointerDown.current = false;
          setKeyed(false);
        }}
        onKeyDown={focusable ? onKeyDown : undefined}
      />
      {tip !== null && tipAt !== null && (
        <div
          class="cell-tip"
          role="tooltip"
          id={tipId}
          ref={tipRef}
          // the keyboard cursor's tip is read out as it moves
          aria-live={hover === null ? 'polite' : undefined}
          style={{ position: 'fixed', left: `${tipAt.cx + 14}px`, top: `${tipAt.cy + 14}px` }}
        >
          {tip}
        </div>
      )}
    </div>
  );
}
