// A scene (scene.ts) drawn on a canvas at any pixel density, or written as SVG: grids through
// drawGrid, on a canvas or on an SvgContext, so that both look as the page does.

import { drawGrid, numberFont } from '../../ui/drawGrid';
import { SvgContext, xmlEscape } from '../../ui/svgContext';
import type { GridPicture } from '../../ui/drawGrid';
import type { Scene, SceneItem } from './scene';

export type Rect = { x: number; y: number; w: number; h: number };

/** Draws `scene` on `ctx`, `density` device pixels per CSS pixel, over white; only inside
 * `dirty` (CSS pixels) when given. */
export function drawScene(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  density: number,
  dirty: readonly Rect[] | null = null,
): void {
  ctx.setTransform(density, 0, 0, density, 0, 0);
  ctx.save();
  ctx.beginPath();
  if (dirty === null) ctx.rect(0, 0, scene.width, scene.height);
  else for (const d of dirty) ctx.rect(d.x, d.y, d.w, d.h);
  ctx.clip();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, scene.width, scene.height);
  for (const it of scene.items) {
    if (dirty !== null && !dirty.some((d) => meets(d, it))) continue;
    switch (it.kind) {
      case 'box':
        ctx.fillStyle = it.fill;
        ctx.fillRect(it.x, it.y, it.w, it.h);
        break;
      case 'scale': {
        const g = ctx.createLinearGradient(it.x, 0, it.x + it.w, 0);
        it.colors.forEach((c, k) => g.addColorStop(k / (it.colors.length - 1), c));
        ctx.fillStyle = g;
        ctx.fillRect(it.x, it.y, it.w, it.h);
        break;
      }
      case 'text':
        ctx.font = it.font;
        ctx.fillStyle = it.color;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(it.text, it.x, it.y + it.h / 2);
        break;
      case 'grid':
        ctx.save();
        ctx.translate(it.x, it.y);
        drawGrid(ctx, it.picture, false);
        ctx.restore();
        break;
      case 'image':
        ctx.drawImage(it.canvas, it.x, it.y, it.w, it.h);
        break;
    }
  }
  ctx.restore();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

function meets(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** What a grid shows, as a string: equal keys draw equal pixels. */
function pictureKey(p: GridPicture): string {
  const notes: string[] = [];
  if (p.notes && p.cell >= 34)
    for (let r = 0; r < p.rows; r++) for (let c = 0; c < p.cols; c++) notes.push(p.notes(r, c) ?? '');
  return JSON.stringify([
    p.rows,
    p.cols,
    p.cell,
    p.scale,
    p.pad ?? 0,
    Array.from(p.values, (v) => (Number.isNaN(v) ? 'n' : v)),
    p.text(1.5),
    p.visitedRows ?? null,
    p.visitedCols ?? null,
    p.window ?? null,
    p.marked ?? null,
    p.padValues ?? false,
    p.selected ?? null,
    p.highlights ?? null,
    notes,
    numberFont(p),
  ]);
}

function itemKey(it: SceneItem): string {
  const at = `${it.kind} ${it.x} ${it.y} ${it.w} ${it.h}`;
  switch (it.kind) {
    case 'box':
      return `${at} ${it.fill}`;
    case 'scale':
      return `${at} ${it.colors.join(' ')}`;
    case 'text':
      return `${at} ${it.font} ${it.color} ${it.text}`;
    case 'grid':
      return `${at} ${pictureKey(it.picture)}`;
    default:
      return `${at} image`; // a canvas: the whole scene is drawn again
  }
}

/** Draws scene after scene on one canvas, each over the last, repainting only the boxes of what
 * changed (the window moves, a cell fills in): a range's frames cost little to draw. paint()
 * returns the canvas pixels it may have changed (one rectangle around them all), or null. */
export class ScenePainter {
  private keys: string[] | null = null;
  private last: Scene | null = null;
  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    private readonly density: number,
  ) {}

  paint(scene: Scene): Rect | null {
    const keys = scene.items.map(itemKey);
    const prev = this.last;
    const old = this.keys;
    this.keys = keys;
    this.last = scene;
    if (
      prev === null ||
      old === null ||
      prev.width !== scene.width ||
      prev.height !== scene.height ||
      old.length !== keys.length ||
      scene.items.some((it) => it.kind === 'image')
    ) {
      drawScene(this.ctx, scene, this.density);
      return { x: 0, y: 0, w: this.ctx.canvas.width, h: this.ctx.canvas.height };
    }
    const dirty: Rect[] = [];
    const grow = (r: Rect) => {
      const x = Math.floor(r.x) - 1;
      const y = Math.floor(r.y) - 1;
      dirty.push({ x, y, w: Math.ceil(r.x + r.w) + 1 - x, h: Math.ceil(r.y + r.h) + 1 - y });
    };
    keys.forEach((k, i) => {
      if (k === old[i]) return;
      const a = prev.items[i];
      const b = scene.items[i];
      if (a) grow(a);
      if (b) grow(b);
    });
    if (dirty.length === 0) return null;
    drawScene(this.ctx, scene, this.density, dirty);
    const d = this.density;
    const x0 = Math.max(0, Math.min(...dirty.map((r) => r.x)) * d);
    const y0 = Math.max(0, Math.min(...dirty.map((r) => r.y)) * d);
    const x1 = Math.min(this.ctx.canvas.width, Math.max(...dirty.map((r) => r.x + r.w)) * d);
    const y1 = Math.min(this.ctx.canvas.height, Math.max(...dirty.map((r) => r.y + r.h)) * d);
    return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
  }
}

const n = (v: number) => String(Math.round(v * 100) / 100);

/** The scene as an SVG document, in CSS pixels; grids as vectors. */
export function sceneSvg(scene: Scene, title: string): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}">`,
    `<title>${xmlEscape(title)}</title>`,
    `<rect width="${scene.width}" height="${scene.height}" fill="#ffffff"/>`,
  ];
  let gradients = 0;
  for (const it of scene.items) {
    const box = `x="${n(it.x)}" y="${n(it.y)}" width="${n(it.w)}" height="${n(it.h)}"`;
    switch (it.kind) {
      case 'box':
        out.push(`<rect ${box} fill="${xmlEscape(it.fill)}"/>`);
        break;
      case 'scale': {
        const id = `scale${++gradients}`;
        const stops = it.colors
          .map((c, k) => `<stop offset="${n(k / (it.colors.length - 1))}" stop-color="${xmlEscape(c)}"/>`)
          .join('');
        out.push(`<linearGradient id="${id}">${stops}</linearGradient><rect ${box} fill="url(#${id})"/>`);
        break;
      }
      case 'text':
        out.push(
          `<text x="${n(it.x)}" y="${n(it.y + it.h / 2)}" dominant-baseline="central" style="font:${xmlEscape(it.font)}" fill="${xmlEscape(it.color)}">${xmlEscape(it.text)}</text>`,
        );
        break;
      case 'grid': {
        const svg = new SvgContext();
        drawGrid(svg, it.picture, false);
        out.push(`<g transform="translate(${n(it.x)} ${n(it.y)})">${svg.markup()}</g>`);
        break;
      }
      case 'image':
        out.push(`<image ${box} href="${it.canvas.toDataURL('image/png')}"/>`);
        break;
    }
  }
  out.push('</svg>');
  return out.join('\n');
}
