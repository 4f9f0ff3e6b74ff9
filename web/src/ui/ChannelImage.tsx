// One channel of a tensor drawn as an image, one pixel per element, scaled up without blurring,
// with the current window outlined: the picture beside the grids of numbers. Grey for values
// that are never negative, blue-white-red for signed ones (lib/image colormap); an image of
// three channels in [0, 1] is drawn in colour.

import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Tensor } from '../engine/types';
import { channelToRGBA, imageTensorToRGBA, type ScaleKind, writeColor } from '../lib/image';

/** A cell not computed yet: light grey, neither end of a scale. */
const NOT_YET = [226, 228, 232, 255] as const;

/** A picture as drawn: its channel and scale, what it showed, its values and pixels. */
interface Drawn {
  kind: string;
  version: string | number | undefined;
  values: Float64Array;
  pixels: Uint8ClampedArray<ArrayBuffer>;
  canvas: HTMLCanvasElement;
}

export interface ImageWindow {
  /** first row and column covered, in the tensor's own (unpadded) coordinates; may be < 0 */
  row: number;
  col: number;
  /** rows and columns covered */
  span: number;
}

export interface ChannelImageProps {
  tensor: Tensor;
  /** the channel drawn, or 'rgb' for the three channels of an image as colour */
  channel: number | 'rgb';
  sample: number;
  caption: string;
  /** what a screen reader hears; not the grid's own label, which names the numbers */
  label: string;
  /** the scale's end, shared by the channels of one tensor */
  max?: number;
  /** grey or blue-white-red, chosen for the whole tensor (a channel's own values would flip
   * between them as it fills in); by default from the channel's values */
  scale?: ScaleKind;
  window?: ImageWindow | null;
  /** the side of the drawn square, in CSS pixels */
  size: number;
  /** what the picture shows, when the caller knows it (e.g. how many cells of the channel are
   * written): it is drawn again only when this or its window changes, not on every render */
  version?: string | number;
}

export function ChannelImage({
  tensor,
  channel,
  sample,
  caption,
  label,
  max,
  scale,
  window: win,
  size,
  version,
}: ChannelImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [, nH, nW] = tensor.shape;
  const zoom = Math.max(1, Math.floor(size / Math.max(nH, nW)));
  // `version` stands for the tensor's content (a caller that gives none redraws on every render)
  const deps =
    version === undefined
      ? undefined
      : [version, win?.row, win?.col, win?.span, zoom, channel, sample, max, scale, nH, nW];
  /** the picture without its window as last drawn: what it shows (`version`, when given) and
   * the channel's values, so that a moving window draws it again without recolouring a pixel,
   * and a channel filling in recolours only the cells written since */
  const base = useRef<Drawn | null>(null);
  // drawn within the render (a layout effect), so that the first paint shows the picture
  useLayoutEffect(() => {
    const cv = ref.current;
    const ctx = cv?.getContext('2d');
    if (cv == null || ctx == null) return;
    const [m, , , nC] = tensor.shape;
    const kind = [channel, sample, max, scale, nH, nW].join('|');
    const last = base.current;
    let tmp: HTMLCanvasElement | null = null;
    if (last !== null && last.kind === kind && version !== undefined && last.version === version)
      tmp = last.canvas;
    else if (
      last !== null &&
      last.kind === kind &&
      channel !== 'rgb' &&
      max !== undefined &&
      scale !== undefined
    ) {
      // the same channel on the same scale: only the cells whose value changed get a new colour
      const at = sample * nH * nW * nC + channel;
      let changed = false;
      for (let q = 0; q < nH * nW; q++) {
        const v = tensor.data[at + q * nC] ?? Number.NaN;
        const was = last.values[q] ?? Number.NaN;
        if (was === v || (Number.isNaN(was) && Number.isNaN(v))) continue;
        last.values[q] = v;
        if (Number.isNaN(v)) last.pixels.set(NOT_YET, 4 * q);
        else writeColor(last.pixels, 4 * q, v, scale, max);
        changed = true;
      }
      if (changed) last.canvas.getContext('2d')?.putImageData(new ImageData(last.pixels, nW, nH), 0, 0);
      last.version = version;
      tmp = last.canvas;
    } else {
      const view =
        channel === 'rgb'
          ? imageTensorToRGBA(tensor, sample)
          : channelToRGBA(tensor, { channel, sample, max, scale });
      if (!view.ok) return;
      const values = new Float64Array(nH * nW);
      if (channel !== 'rgb' && sample < m)
        for (let q = 0, at = sample * nH * nW * nC + channel; q < nH * nW; q++, at += nC) {
          const v = tensor.data[at] ?? Number.NaN;
          values[q] = v;
          if (Number.isNaN(v)) view.pixels.set(NOT_YET, 4 * q);
        }
      const pixels = new Uint8ClampedArray(view.pixels);
      tmp = last?.canvas ?? document.createElement('canvas');
      tmp.width = nW;
      tmp.height = nH;
      tmp.getContext('2d')?.putImageData(new ImageData(pixels, nW, nH), 0, 0);
      base.current = { kind, version, values, pixels, canvas: tmp };
    }
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, cv.width, cv.height);
    ctx.drawImage(tmp, 0, 0, nW * zoom, nH * zoom);
    if (win != null) {
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#111';
      ctx.strokeRect(win.col * zoom - 1, win.row * zoom - 1, win.span * zoom + 2, win.span * zoom + 2);
      ctx.strokeStyle = '#ffd400';
      ctx.strokeRect(win.col * zoom + 1, win.row * zoom + 1, win.span * zoom - 2, win.span * zoom - 2);
    }
  }, deps);
  return (
    <figure class="channel-image">
      <canvas ref={ref} width={nW * zoom} height={nH * zoom} role="img" aria-label={label} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
