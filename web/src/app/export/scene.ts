// The stage as a list of things to draw, read from its DOM: boxes (backgrounds and borders),
// lines of text, and grids, each grid as the GridPicture its canvas shows. Any operation's stage
// is read the same way, so an export knows no operation: the raster and SVG writers
// (render.ts) draw a scene at any pixel density, and as vectors.

import type { GridPicture } from '../../ui/drawGrid';
import { pictureOf } from '../../ui/gridPictures';

interface At {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type SceneItem =
  | (At & { kind: 'box'; fill: string })
  /** a horizontal colour scale (a legend's swatch): its colours left to right */
  | (At & { kind: 'scale'; colors: string[] })
  | (At & { kind: 'text'; text: string; font: string; color: string })
  | (At & { kind: 'grid'; picture: GridPicture })
  /** a canvas that is not a grid: copied as pixels */
  | (At & { kind: 'image'; canvas: HTMLCanvasElement });

export interface Scene {
  /** CSS pixels */
  width: number;
  height: number;
  items: SceneItem[];
}

function transparent(color: string): boolean {
  return color === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(color);
}

/** Screen-reader-only text, tooltips, and what asks to be left out of exports. */
function hidden(el: Element, style: CSSStyleDeclaration): boolean {
  if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return true;
  if (el.getAttribute('role') === 'tooltip' || el.getAttribute('data-export') === 'omit') return true;
  return (
    style.clipPath === 'inset(50%)' ||
    (style.position === 'absolute' && style.clip === 'rect(0px, 0px, 0px, 0px)')
  );
}

function fontOf(style: CSSStyleDeclaration): string {
  return `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}

/** The lines a text node is laid out on, each with its words and its box. */
function textLines(node: Text, white: string): { text: string; box: DOMRect }[] {
  const raw = node.data;
  const range = document.createRange();
  range.selectNodeContents(node);
  const rects = range.getClientRects();
  const collapse = !white.startsWith('pre');
  if (rects.length === 0) return [];
  if (rects.length === 1) {
    const text = collapse ? raw.replace(/\s+/g, ' ').trim() : raw;
    const box = rects[0];
    return text === '' || !box ? [] : [{ text, box }];
  }
  // wrapped: group the words by the line they sit on
  const lines: { text: string; box: DOMRect }[] = [];
  const word = /\S+/g;
  let m: RegExpExecArray | null = word.exec(raw);
  let cur: { words: string[]; left: number; top: number; right: number; bottom: number } | null = null;
  const flush = () => {
    if (cur)
      lines.push({
        text: cur.words.join(' '),
        box: new DOMRect(cur.left, cur.top, cur.right - cur.left, cur.bottom - cur.top),
      });
  };
  while (m !== null) {
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const b = range.getBoundingClientRect();
    if (b.width > 0) {
      if (cur && Math.abs(b.top - cur.top) < b.height / 2) {
        cur.words.push(m[0]);
        cur.right = Math.max(cur.right, b.right);
        cur.bottom = Math.max(cur.bottom, b.bottom);
      } else {
        flush();
        cur = { words: [m[0]], left: b.left, top: b.top, right: b.right, bottom: b.bottom };
      }
    }
    m = word.exec(raw);
  }
  flush();
  return lines;
}

/** Reads the scene of `root` (the stage's element) as laid out now. */
export function sceneOf(root: HTMLElement): Scene {
  const origin = root.getBoundingClientRect();
  const items: SceneItem[] = [];
  const at = (b: DOMRect): At => ({
    x: b.left - origin.left,
    y: b.top - origin.top,
    w: b.width,
    h: b.height,
  });

  function visit(el: Element): void {
    const style = getComputedStyle(el);
    if (hidden(el, style)) return;
    const box = el.getBoundingClientRect();
    if (!transparent(style.backgroundColor) && box.width > 0 && box.height > 0)
      items.push({ kind: 'box', ...at(box), fill: style.backgroundColor });
    if (style.backgroundImage.includes('linear-gradient')) {
      const colors = style.backgroundImage.match(/rgba?\([^)]*\)/g) ?? [];
      if (colors.length > 1) items.push({ kind: 'scale', ...at(box), colors });
    }
    borders(style, box);
    if (el instanceof HTMLCanvasElement) {
      const picture = pictureOf(el);
      items.push(picture ? { kind: 'grid', ...at(box), picture } : { kind: 'image', ...at(box), canvas: el });
      return;
    }
    if (el instanceof HTMLSelectElement || el instanceof HTMLInputElement) {
      const text = el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.text ?? '') : el.value;
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        if (el.checked)
          items.push({
            kind: 'box',
            ...at(box),
            x: at(box).x + 3,
            y: at(box).y + 3,
            w: box.width - 6,
            h: box.height - 6,
            fill: style.accentColor === 'auto' ? '#1a56db' : style.accentColor,
          });
        return;
      }
      const pad = Number.parseFloat(style.paddingLeft) || 0;
      const b = at(box);
      items.push({
        kind: 'text',
        x: b.x + pad + 1,
        y: b.y,
        w: b.w,
        h: b.h,
        text,
        font: fontOf(style),
        color: style.color,
      });
      return;
    }
    for (const child of el.childNodes) {
      if (child instanceof Text) {
        for (const line of textLines(child, style.whiteSpace))
          items.push({
            kind: 'text',
            ...at(line.box),
            text: line.text,
            font: fontOf(style),
            color: style.color,
          });
      } else if (child instanceof Element) visit(child);
    }
  }

  function borders(style: CSSStyleDeclaration, b: DOMRect): void {
    const a = at(b);
    const side = (width: string, color: string, r: At) => {
      const w = Number.parseFloat(width) || 0;
      if (w > 0 && !transparent(color)) items.push({ kind: 'box', ...r, fill: color });
    };
    const top = Number.parseFloat(style.borderTopWidth) || 0;
    const right = Number.parseFloat(style.borderRightWidth) || 0;
    const bottom = Number.parseFloat(style.borderBottomWidth) || 0;
    const left = Number.parseFloat(style.borderLeftWidth) || 0;
    if (style.borderTopStyle !== 'none') side(style.borderTopWidth, style.borderTopColor, { ...a, h: top });
    if (style.borderBottomStyle !== 'none')
      side(style.borderBottomWidth, style.borderBottomColor, { ...a, y: a.y + a.h - bottom, h: bottom });
    if (style.borderLeftStyle !== 'none')
      side(style.borderLeftWidth, style.borderLeftColor, { ...a, w: left });
    if (style.borderRightStyle !== 'none')
      side(style.borderRightWidth, style.borderRightColor, { ...a, x: a.x + a.w - right, w: right });
  }

  visit(root);
  return { width: Math.round(origin.width), height: Math.round(origin.height), items };
}
