// One channel of a tensor drawn as an image, one pixel per element, scaled up without blurring,
// with the current window outlined: the picture beside the grids of numbers. Grey for values
// that are never negative, blue-white-red for signed ones (lib/image colormap); an image of
// three channels in [0, 1] is drawn in colour.

import { useEffect, useRef } from 'preact/hooks';
import type { Tensor } from '../engine/types';
import { channelToRGBA, imageTensorToRGBA, type ScaleKind } from '../lib/image';

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
  useEffect(() => {
    const cv = ref.current;
    const ctx = cv?.getContext('2d');
    if (cv == null || ctx == null) return;
    const view =
      channel === 'rgb'
        ? imageTensorToRGBA(tensor, sample)
        : channelToRGBA(tensor, { channel, sample, max, scale });
    if (!view.ok) return;
    // not computed yet: light grey, neither end of a scale
    const [m, , , nC] = tensor.shape;
    if (channel !== 'rgb' && sample < m)
      for (let q = 0; q < nH * nW; q++)
        if (Number.isNaN(tensor.data[(sample * nH * nW + q) * nC + channel]))
          view.pixels.set([226, 228, 232, 255], 4 * q);
    const src = new ImageData(new Uint8ClampedArray(view.pixels), nW, nH);
    const tmp = document.createElement('canvas');
    tmp.width = nW;
    tmp.height = nH;
    tmp.getContext('2d')?.putImageData(src, 0, 0);
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
