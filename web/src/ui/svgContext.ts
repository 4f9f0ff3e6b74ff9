// A stand-in for a canvas's 2D context that writes what is drawn on it as SVG elements: drawGrid
// draws a grid through it exactly as it draws on the page, and the grid comes out as vectors
// (rectangles, lines, text). What is an image on the page (a large grid's one pixel per cell)
// is embedded as a PNG. Only what drawGrid uses is implemented: translations, rectangles,
// straight lines, rectangular clips, dashes and text.

import type { GridContext } from './drawGrid';

interface DrawState {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  lineJoin: CanvasLineJoin;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  dash: number[];
  tx: number;
  ty: number;
  /** groups opened by clip() since the matching save() */
  opened: number;
}

const r2 = (v: number) => String(Math.round(v * 100) / 100);

/** Text and attribute values, escaped for XML. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const ANCHOR: Partial<Record<CanvasTextAlign, string>> = { center: 'middle', right: 'end', end: 'end' };
const BASELINE: Partial<Record<CanvasTextBaseline, string>> = {
  middle: 'central',
  top: 'hanging',
  hanging: 'hanging',
  bottom: 'text-after-edge',
};

let clipIds = 0;

export class SvgContext implements GridContext {
  private out: string[] = [];
  private path: string[] = [];
  private st: DrawState = {
    fillStyle: '#000000',
    strokeStyle: '#000000',
    lineWidth: 1,
    lineJoin: 'miter',
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    dash: [],
    tx: 0,
    ty: 0,
    opened: 0,
  };
  private stack: DrawState[] = [];
  /** a real context, for measuring text and making image data */
  private measurer: CanvasRenderingContext2D | null;
  imageSmoothingEnabled = true;

  constructor() {
    this.measurer = document.createElement('canvas').getContext('2d');
  }

  /** The SVG elements drawn so far. */
  markup(): string {
    let tail = '';
    for (let k = this.st.opened; k > 0; k--) tail += '</g>';
    for (const s of this.stack) for (let k = s.opened; k > 0; k--) tail += '</g>';
    return this.out.join('') + tail;
  }

  get fillStyle(): string {
    return this.st.fillStyle;
  }
  set fillStyle(v: string | CanvasGradient | CanvasPattern) {
    if (typeof v === 'string') this.st.fillStyle = v;
  }
  get strokeStyle(): string {
    return this.st.strokeStyle;
  }
  set strokeStyle(v: string | CanvasGradient | CanvasPattern) {
    if (typeof v === 'string') this.st.strokeStyle = v;
  }
  get lineWidth(): number {
    return this.st.lineWidth;
  }
  set lineWidth(v: number) {
    this.st.lineWidth = v;
  }
  get lineJoin(): CanvasLineJoin {
    return this.st.lineJoin;
  }
  set lineJoin(v: CanvasLineJoin) {
    this.st.lineJoin = v;
  }
  get font(): string {
    return this.st.font;
  }
  set font(v: string) {
    this.st.font = v;
  }
  get textAlign(): CanvasTextAlign {
    return this.st.textAlign;
  }
  set textAlign(v: CanvasTextAlign) {
    this.st.textAlign = v;
  }
  get textBaseline(): CanvasTextBaseline {
    return this.st.textBaseline;
  }
  set textBaseline(v: CanvasTextBaseline) {
    this.st.textBaseline = v;
  }

  save(): void {
    this.stack.push(this.st);
    this.st = { ...this.st, dash: [...this.st.dash], opened: 0 };
  }
  restore(): void {
    const prev = this.stack.pop();
    if (!prev) return;
    for (let k = this.st.opened; k > 0; k--) this.out.push('</g>');
    this.st = prev;
  }
  translate(x: number, y: number): void {
    this.st.tx += x;
    this.st.ty += y;
  }
  setLineDash(segments: number[]): void {
    this.st.dash = [...segments];
  }
  clearRect(): void {
    // an export draws on a background of its own
  }

  private rectAttrs(x: number, y: number, w: number, h: number): string {
    return `x="${r2(x + this.st.tx)}" y="${r2(y + this.st.ty)}" width="${r2(w)}" height="${r2(h)}"`;
  }
  private strokeAttrs(): string {
    const s = this.st;
    const dash = s.dash.length > 0 ? ` stroke-dasharray="${s.dash.map(r2).join(' ')}"` : '';
    return `fill="none" stroke="${xmlEscape(s.strokeStyle)}" stroke-width="${r2(s.lineWidth)}" stroke-linejoin="${s.lineJoin}"${dash}`;
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    this.out.push(`<rect ${this.rectAttrs(x, y, w, h)} fill="${xmlEscape(this.st.fillStyle)}"/>`);
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.out.push(`<rect ${this.rectAttrs(x, y, w, h)} ${this.strokeAttrs()}/>`);
  }
  beginPath(): void {
    this.path = [];
  }
  rect(x: number, y: number, w: number, h: number): void {
    const X = x + this.st.tx;
    const Y = y + this.st.ty;
    this.path.push(`M${r2(X)} ${r2(Y)}h${r2(w)}v${r2(h)}h${r2(-w)}Z`);
  }
  moveTo(x: number, y: number): void {
    this.path.push(`M${r2(x + this.st.tx)} ${r2(y + this.st.ty)}`);
  }
  lineTo(x: number, y: number): void {
    this.path.push(`L${r2(x + this.st.tx)} ${r2(y + this.st.ty)}`);
  }
  stroke(): void {
    if (this.path.length === 0) return;
    this.out.push(`<path d="${this.path.join('')}" ${this.strokeAttrs()}/>`);
  }
  clip(): void {
    const id = `clip${++clipIds}`;
    this.out.push(
      `<clipPath id="${id}"><path d="${this.path.join('')}"/></clipPath><g clip-path="url(#${id})">`,
    );
    this.st.opened++;
  }
  fillText(text: string, x: number, y: number): void {
    const s = this.st;
    const anchor = ANCHOR[s.textAlign];
    const base = BASELINE[s.textBaseline];
    this.out.push(
      `<text x="${r2(x + s.tx)}" y="${r2(y + s.ty)}"${anchor ? ` text-anchor="${anchor}"` : ''}${base ? ` dominant-baseline="${base}"` : ''} style="font:${xmlEscape(s.font)}" fill="${xmlEscape(s.fillStyle)}">${xmlEscape(text)}</text>`,
    );
  }
  measureText(text: string): TextMetrics {
    if (!this.measurer) return { width: text.length * 7 } as TextMetrics;
    this.measurer.font = this.st.font;
    return this.measurer.measureText(text);
  }
  createImageData(sw: number | ImageData, sh?: number): ImageData {
    if (typeof sw !== 'number') return new ImageData(sw.width, sw.height);
    return new ImageData(sw, sh ?? 1);
  }
  // drawGrid draws only a canvas of one pixel per cell, scaled: embedded as a PNG, unsmoothed.
  drawImage(image: CanvasImageSource, ...args: number[]): void {
    if (!(image instanceof HTMLCanvasElement)) return;
    const [dx = 0, dy = 0, dw = image.width, dh = image.height] = args.length >= 8 ? args.slice(4) : args;
    const smooth = this.imageSmoothingEnabled
      ? ''
      : ' style="image-rendering:pixelated" image-rendering="optimizeSpeed"';
    this.out.push(
      `<image ${this.rectAttrs(dx, dy, dw, dh)} preserveAspectRatio="none"${smooth} href="${image.toDataURL('image/png')}"/>`,
    );
  }
}
