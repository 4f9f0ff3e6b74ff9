// Export for slides, loaded only when asked for: a step as PNG (twice the pixel density) or SVG
// (grids as vectors), and a range of steps as an animated GIF or a WebM / MP4 video, one frame
// per step.
//
// The stage is drawn one of two ways (Look). "page": as the page shows it; a still is read from
// the stage on screen, a range is drawn off screen in a box of the stage's size. "projected": as
// presenter mode draws it (PresentContext at PRESENT_FONT, the shell's presenter classes around
// it), in an off-screen box the size of a slide (SLIDE), so that every cell shown carries its
// number however small the page's window is.
//
// Off screen, a second run of the same configuration (store.openCopy) is stepped, the
// operation's frame() read at each step, and the operation's own Stage view rendered with it
// into a hidden box; its DOM is then read as a scene (scene.ts) and drawn (render.ts). No frame
// waits for the page to paint, and the page's own stage, link and transport do not move. Only
// the Operation contract is used, so every operation in the registry exports the same way.

import { h, render } from 'preact';
import type { Store } from '../../state/store';
import { StoreContext } from '../../ui/context';
import { LectureContext, PRESENT_FONT, PresentContext } from '../../ui/present';
import { drawScene, ScenePainter, sceneSvg } from './render';
import { divergingRGB } from '../../ui/colors';
import { sceneOf, type Scene } from './scene';
import { tApp } from '../messages';

/** How the stage is drawn: as the page shows it, or as presenter mode projects it. */
export type Look = 'page' | 'projected';

/** The box a projected stage is drawn in, CSS px: a 16:9 slide. Presenter mode's smallest
 * number (PRESENT_FONT, 20 px) is then 1/36 of the slide's height: 30 px when the slide fills a
 * 1080-line projector, 40 px on a 1440-line one. */
const SLIDE = { width: 1280, height: 720 } as const;

/** Device pixels per CSS pixel of each kind of file. A projected video is 1920×1080, the size
 * projectors and players expect (and every encoder takes); a page video twice the stage. */
function densityOf(format: 'png' | 'svg' | Movie, look: Look): number {
  if (format === 'gif' || format === 'svg') return 1;
  if (format === 'png') return 2;
  return look === 'projected' ? 1920 / SLIDE.width : 2;
}

/** What a file's name adds for its look, so that the two looks of one step never share a name:
 * "-slide" for the projected one. */
function lookSuffix(look: Look): string {
  return look === 'projected' ? '-slide' : '';
}

export interface Exported {
  blob: Blob;
  /** a file name, e.g. "conv_forward-steps-1-20-slide.gif" (as projected) or
   * "conv_forward-steps-1-20.gif" (as on the page) */
  name: string;
}

/** A step as a PNG at twice its CSS size, or as SVG: the stage on screen (`look` "page"), or the
 * current step drawn off screen as projected. */
export async function exportStill(
  store: Store,
  centre: HTMLElement,
  format: 'png' | 'svg',
  look: Look,
): Promise<Exported> {
  const position = store.position.peek();
  let scene: Scene | null = null;
  if (look === 'page') {
    const stage = centre.firstElementChild;
    if (!(stage instanceof HTMLElement)) throw new Error(tApp('offscreenFailed'));
    scene = sceneOf(stage);
  } else {
    const never = new AbortController().signal;
    for await (const s of stageScenes(store, centre, look, position, position, never)) scene = s;
  }
  if (scene === null) throw new Error(tApp('offscreenFailed'));
  const base = `${store.op.peek()}-step-${position}${lookSuffix(look)}`;
  if (format === 'svg') {
    const title = `${store.op.peek()}, ${tApp('stepOf', { position, total: store.total.peek() })}`;
    return { blob: new Blob([sceneSvg(scene, title)], { type: 'image/svg+xml' }), name: `${base}.svg` };
  }
  const density = densityOf(format, look);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(scene.width * density);
  canvas.height = Math.round(scene.height * density);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(tApp('noCanvasPng'));
  drawScene(ctx, scene, density);
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'));
  if (!blob) throw new Error(tApp('pngFailed'));
  return { blob, name: `${base}.png` };
}

export type Movie = 'gif' | 'webm' | 'mp4';

export interface RangeJob {
  /** first and last step, 1-based, inclusive */
  from: number;
  to: number;
  fps: number;
  format: Movie;
  look: Look;
  /** frames done so far, of all */
  onProgress(done: number, all: number): void;
  signal: AbortSignal;
}

/** A sample of RGBA pixels with the colour scale appended, 16 pixels per shade. */
function withScale(rgba: Uint8ClampedArray): Uint8Array {
  const shades = 129;
  // every third pixel is enough to find a flat picture's colours, and quantizing is slow
  const sample = Math.ceil(rgba.length / 12);
  const out = new Uint8Array(sample * 4 + shades * 16 * 4);
  for (let p = 0; p < sample; p++) out.set(rgba.subarray(12 * p, 12 * p + 4), 4 * p);
  let o = sample * 4;
  for (let k = 0; k < shades; k++) {
    const [r, g, b] = divergingRGB((2 * k) / (shades - 1) - 1);
    for (let j = 0; j < 16; j++, o += 4) {
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = 255;
    }
  }
  return out;
}

/** Moves the frame gifenc just wrote (it writes every image at 0, 0) to (x, y) on the screen:
 * its graphic control block is 8 bytes, then the image descriptor, 0x2c and x, y (16-bit, little
 * endian). */
function placeFrame(bytes: Uint8Array, at: number, x: number, y: number): void {
  if (bytes[at] !== 0x21 || bytes[at + 8] !== 0x2c)
    throw new Error('The GIF encoder wrote an unexpected frame.');
  bytes[at + 9] = x & 255;
  bytes[at + 10] = x >> 8;
  bytes[at + 11] = y & 255;
  bytes[at + 12] = y >> 8;
}

const nextTask = () => new Promise<void>((done) => setTimeout(done, 0));

/** A hidden box for the stage off screen, and the element the Stage view is rendered into:
 * `centre`'s size and classes for the page's look; a slide inside the shell's presenter classes
 * for the projected one (so that presenter mode's styles apply). */
function offscreenBox(centre: HTMLElement, look: Look): { box: HTMLElement; host: HTMLElement } {
  const size = look === 'projected' ? SLIDE : centre.getBoundingClientRect();
  const box = document.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  box.setAttribute('data-offscreen', ''); // its grids' canvases are not drawn: only read
  box.inert = true;
  Object.assign(box.style, {
    position: 'fixed',
    left: `${-4 * size.width - 1000}px`,
    top: '0px',
    width: `${size.width}px`,
    height: `${size.height}px`,
    pointerEvents: 'none',
  });
  if (look === 'page') {
    box.className = centre.className;
    return { box, host: box };
  }
  box.className = 'app present';
  box.style.display = 'flex';
  const host = document.createElement('div');
  host.className = 'centre';
  Object.assign(host.style, { flex: '1', height: '100%' });
  box.append(host);
  return { box, host };
}

/** The stage at steps from..to (0: before the first), drawn off screen as `look` says. */
async function* stageScenes(
  store: Store,
  centre: HTMLElement,
  look: Look,
  from: number,
  to: number,
  signal: AbortSignal,
): AsyncGenerator<Scene> {
  const operation = store.operation.peek();
  const Stage = operation.views.Stage;
  const { box, host } = offscreenBox(centre, look);
  document.body.append(box);
  const run = store.openCopy();
  const font = look === 'projected' ? PRESENT_FONT : 0;
  const show = (k: number) => {
    if (run.stepper.position + 1 === k) run.stepper.next();
    else run.stepper.seek(k);
    const frame = operation.frame(run, k);
    const props = {
      run,
      frame,
      state: store.opState.peek(),
      codeLang: store.codeLang.peek(),
      actions: store,
    };
    render(
      h(
        StoreContext.Provider,
        { value: store },
        h(
          PresentContext.Provider,
          { value: font },
          // projected: presenter mode's stage, without the controls it leaves out for room
          h(LectureContext.Provider, { value: look === 'projected' }, h(Stage, props)),
        ),
      ),
      host,
    );
  };
  try {
    show(from);
    // the stage measures its box once mounted, and lays itself out again
    await nextTask();
    await new Promise<void>((done) => requestAnimationFrame(() => done()));
    for (let k = from; k <= to; k++) {
      if (signal.aborted) return;
      if (k > from) show(k);
      await Promise.resolve(); // a re-render the layout asked for
      const root = host.firstElementChild;
      if (!(root instanceof HTMLElement)) throw new Error(tApp('offscreenFailed'));
      yield sceneOf(root);
    }
  } finally {
    render(null, host);
    box.remove();
    run.dispose();
  }
}

/** Steps job.from..job.to as a GIF (one pixel per CSS pixel of the stage or slide) or a video
 * (densityOf); null when cancelled. */
export async function exportRange(
  store: Store,
  centre: HTMLElement,
  job: RangeJob,
): Promise<Exported | null> {
  const all = job.to - job.from + 1;
  const name = `${store.op.peek()}-steps-${job.from}-${job.to}${lookSuffix(job.look)}.${job.format}`;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: job.format === 'gif' });
  if (!ctx) throw new Error(tApp('noCanvasSteps'));
  job.onProgress(0, all);
  if (job.format === 'gif') {
    const { GIFEncoder, quantize, nearestColorIndex } = await import('gifenc');
    const gif = GIFEncoder();
    const delay = Math.round(1000 / job.fps);
    const painter = new ScenePainter(ctx, 1);
    // one palette for all frames, from the first frame and the whole colour scale (cells that
    // fill in later take its colours), its last entry kept for "unchanged". A frame after the
    // first is only the rectangle around the pixels that changed, at its place on the screen,
    // its unchanged pixels transparent over the frame before: a step reads back, maps and
    // compresses a few cells, not the whole stage.
    let palette: number[][] | null = null;
    const KEEP = 255;
    let screen = new Uint32Array(0); // the picture so far, as the GIF's viewer composes it
    const nearest = new Map<number, number>();
    const indexOf = (px: number): number => {
      const rgb = px & 0xffffff;
      let ix = nearest.get(rgb);
      if (ix === undefined) {
        ix = nearestColorIndex(palette!.slice(0, KEEP), [rgb & 255, (rgb >> 8) & 255, (rgb >> 16) & 255]);
        nearest.set(rgb, ix);
      }
      return ix;
    };
    let done = 0;
    for await (const scene of stageScenes(store, centre, job.look, job.from, job.to, job.signal)) {
      if (done === 0) {
        canvas.width = scene.width;
        canvas.height = scene.height;
      }
      const W = canvas.width;
      const painted = painter.paint(scene);
      let box = { x: 0, y: 0, w: 1, h: 1 }; // nothing changed: one transparent pixel
      let index = new Uint8Array([KEEP]);
      if (palette === null || painted !== null) {
        const r = palette === null ? { x: 0, y: 0, w: W, h: canvas.height } : painted!;
        const { data } = ctx.getImageData(r.x, r.y, r.w, r.h);
        const now = new Uint32Array(data.buffer, data.byteOffset, data.length / 4);
        if (palette === null) {
          palette = quantize(withScale(data), KEEP, { format: 'rgb444' });
          while (palette.length < 256) palette.push([0, 0, 0]);
          screen = now.slice();
          box = r;
          index = Uint8Array.from(now, indexOf);
        } else {
          // the changed pixels' own rectangle, inside the repainted one
          let x0 = r.w;
          let y0 = r.h;
          let x1 = -1;
          let y1 = -1;
          for (let y = 0; y < r.h; y++) {
            const row = (r.y + y) * W + r.x;
            for (let x = 0; x < r.w; x++) {
              if (now[y * r.w + x] === screen[row + x]) continue;
              if (x < x0) x0 = x;
              if (x > x1) x1 = x;
              if (y < y0) y0 = y;
              y1 = y;
            }
          }
          if (x1 >= 0) {
            box = { x: r.x + x0, y: r.y + y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
            index = new Uint8Array(box.w * box.h);
            for (let y = 0; y < box.h; y++) {
              const src = (y0 + y) * r.w + x0;
              const row = (box.y + y) * W + box.x;
              for (let x = 0; x < box.w; x++) {
                const px = now[src + x] ?? 0;
                if (px === screen[row + x]) index[y * box.w + x] = KEEP;
                else {
                  index[y * box.w + x] = indexOf(px);
                  screen[row + x] = px;
                }
              }
            }
          }
        }
      }
      const at = gif.bytesView().length;
      gif.writeFrame(index, box.w, box.h, {
        palette: done === 0 ? palette! : undefined,
        delay,
        repeat: 0,
        transparent: done > 0,
        transparentIndex: KEEP,
        dispose: 1, // keep the frame: the next draws over it
      });
      if (done > 0) placeFrame(gif.bytesView(), at, box.x, box.y);
      done++;
      job.onProgress(done, all);
      if (done % 8 === 0) await nextTask(); // let the progress bar and Cancel through
    }
    if (job.signal.aborted) return null;
    gif.finish();
    return { blob: new Blob([gif.bytes() as Uint8Array<ArrayBuffer>], { type: 'image/gif' }), name };
  }
  const mb = await import('mediabunny');
  const format = job.format === 'mp4' ? new mb.Mp4OutputFormat() : new mb.WebMOutputFormat();
  const density = densityOf(job.format, job.look);
  let output: InstanceType<typeof mb.Output> | null = null;
  let source: InstanceType<typeof mb.CanvasSource> | null = null;
  const painter = new ScenePainter(ctx, density);
  let done = 0;
  try {
    for await (const scene of stageScenes(store, centre, job.look, job.from, job.to, job.signal)) {
      if (output === null) {
        canvas.width = Math.round(scene.width * density);
        canvas.height = Math.round(scene.height * density);
        const codec = await mb.getFirstEncodableVideoCodec(format.getSupportedVideoCodecs(), {
          width: canvas.width,
          height: canvas.height,
        });
        if (codec === null) throw new Error(tApp('noVideoFormat', { format: job.format.toUpperCase() }));
        output = new mb.Output({ format, target: new mb.BufferTarget() });
        source = new mb.CanvasSource(canvas, { codec, bitrate: mb.QUALITY_HIGH });
        output.addVideoTrack(source, { frameRate: job.fps });
        await output.start();
      }
      painter.paint(scene);
      await source?.add(done / job.fps, 1 / job.fps);
      done++;
      job.onProgress(done, all);
    }
    if (job.signal.aborted || output === null) {
      await output?.cancel();
      return null;
    }
    await output.finalize();
    const buffer = (output.target as InstanceType<typeof mb.BufferTarget>).buffer;
    if (!buffer) throw new Error(tApp('noVideoData'));
    return { blob: new Blob([buffer], { type: format.mimeType }), name };
  } catch (e) {
    if (output && output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
    throw e;
  }
}
