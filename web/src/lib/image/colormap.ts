// Tensor -> pixels for display: one channel of an NHWC tensor as RGBA bytes (alpha 255), one
// pixel per element, row-major, ready for `new ImageData(pixels, width, height)`.
//
// THE SCALES (t below is clamped to its range; every byte is Math.round of the formula)
//   sequential  for data >= 0, on [0, max]: grey = 255 * clamp(v / max, 0, 1); black is 0, white
//               is max. Negative values draw black. max = 0 draws everything black.
//   diverging   for signed data, symmetric around 0 on [-max, +max]: t = clamp(v / max, -1, 1);
//               t = 0 is white, t = -1 is DIVERGING_BLUE, t = +1 is DIVERGING_RED, each channel
//               255 + (end - 255) * |t| in between (straight lines in sRGB). max = 0 draws white.
//   max         by default the largest finite value (sequential) or the largest finite |v|
//               (diverging) of the channel drawn; pass `max` to share one scale between views.
//   'auto'      (the default) picks diverging if the channel has a finite negative value,
//               otherwise sequential.
//   NaN draws NAN_RGB (green, in neither scale); +-Infinity draw as the scale's ends.
import type { Tensor } from '../../engine/types';
import { fail, type Result } from './result';

export type ScaleKind = 'sequential' | 'diverging';
export type RGB = readonly [number, number, number];

/** -max in the diverging scale (ColorBrewer RdBu's darkest blue). */
export const DIVERGING_BLUE: RGB = [33, 102, 172];
/** +max in the diverging scale (ColorBrewer RdBu's darkest red). */
export const DIVERGING_RED: RGB = [178, 24, 43];
/** Not a number. */
export const NAN_RGB: RGB = [0, 200, 0];

export interface ChannelViewOptions {
  /** the channel (last index) to draw */
  channel: number;
  /** the sample (first index), default 0 */
  sample?: number;
  /** default 'auto' */
  scale?: ScaleKind | 'auto';
  /** the value drawn at the scale's end; default from the data (see the header) */
  max?: number;
}

export interface ChannelView {
  /** width * height * 4 bytes */
  pixels: Uint8ClampedArray;
  /** n_W */
  width: number;
  /** n_H */
  height: number;
  scale: ScaleKind;
  /** the max the colours were computed with, for a legend */
  max: number;
}

export interface ChannelRange {
  /** smallest and largest finite value; both 0 when there is none */
  min: number;
  max: number;
  hasNaN: boolean;
}

/** Finite range of one channel of one sample. */
export function channelRange(t: Tensor, channel: number, sample = 0): ChannelRange {
  const [, nH, nW, nC] = t.shape;
  let min = Infinity;
  let max = -Infinity;
  let hasNaN = false;
  const base = sample * nH * nW * nC + channel;
  for (let q = 0; q < nH * nW; q++) {
    const v = t.data[base + q * nC]!;
    if (Number.isNaN(v)) hasNaN = true;
    else if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min > max ? { min: 0, max: 0, hasNaN } : { min, max, hasNaN };
}

/** The colour of one value on a scale whose end is `max` (see the header). */
export function colorOf(v: number, scale: ScaleKind, max: number): RGB {
  const px = new Uint8ClampedArray(4);
  writeColor(px, 0, v, scale, max);
  return [px[0]!, px[1]!, px[2]!];
}

/** Writes colorOf(v, scale, max) and alpha 255 into `pixels` at byte `o`, allocating nothing
 * (every pixel of a picture goes through here, the first ones before the code is optimised). */
export function writeColor(
  pixels: Uint8ClampedArray,
  o: number,
  v: number,
  scale: ScaleKind,
  max: number,
): void {
  pixels[o + 3] = 255;
  if (Number.isNaN(v)) {
    pixels[o] = NAN_RGB[0];
    pixels[o + 1] = NAN_RGB[1];
    pixels[o + 2] = NAN_RGB[2];
    return;
  }
  const t = max > 0 ? v / max : v === Infinity ? 1 : v === -Infinity ? -1 : 0;
  if (scale === 'sequential') {
    const g = Math.round(255 * Math.min(Math.max(t, 0), 1));
    pixels[o] = g;
    pixels[o + 1] = g;
    pixels[o + 2] = g;
    return;
  }
  const end = t < 0 ? DIVERGING_BLUE : DIVERGING_RED;
  const a = t < -1 || t > 1 ? 1 : Math.abs(t);
  pixels[o] = Math.round(255 + (end[0] - 255) * a);
  pixels[o + 1] = Math.round(255 + (end[1] - 255) * a);
  pixels[o + 2] = Math.round(255 + (end[2] - 255) * a);
}

/** One channel of one sample of an NHWC tensor as RGBA pixels (see the header for the scales). */
export function channelToRGBA(t: Tensor, options: ChannelViewOptions): Result<ChannelView> {
  const [m, nH, nW, nC] = t.shape;
  const { channel, sample = 0 } = options;
  if (!Number.isInteger(channel) || channel < 0 || channel >= nC) {
    return fail(`There is no channel ${channel}: the tensor has channels 0 to ${nC - 1}.`);
  }
  if (!Number.isInteger(sample) || sample < 0 || sample >= m) {
    return fail(`There is no sample ${sample}: the tensor has samples 0 to ${m - 1}.`);
  }
  if (options.max !== undefined && !(options.max >= 0 && Number.isFinite(options.max))) {
    return fail(`The end of the colour scale must be a finite number of 0 or more, not ${options.max}.`);
  }
  const given = options.scale === 'sequential' || options.scale === 'diverging' ? options.scale : null;
  // the channel's range only when the scale or its end is taken from the data
  const range = given !== null && options.max !== undefined ? null : channelRange(t, channel, sample);
  const scale: ScaleKind = given ?? (range !== null && range.min < 0 ? 'diverging' : 'sequential');
  const max =
    options.max ??
    (range === null ? 0 : scale === 'diverging' ? Math.max(-range.min, range.max) : Math.max(range.max, 0));
  const pixels = new Uint8ClampedArray(nH * nW * 4);
  const data = t.data;
  for (let q = 0, at = sample * nH * nW * nC + channel; q < nH * nW; q++, at += nC)
    writeColor(pixels, 4 * q, data[at]!, scale, max);
  return { ok: true, pixels, width: nW, height: nH, scale, max };
}

/**
 * A (m, n_H, n_W, 1 or 3) tensor of values in [0, 1] (an A_prev made from an image) as RGBA
 * pixels: grey for one channel, colour for three; byte = round(255 * clamp(v, 0, 1)), NaN as NAN_RGB.
 */
export function imageTensorToRGBA(
  t: Tensor,
  sample = 0,
): Result<{ pixels: Uint8ClampedArray; width: number; height: number }> {
  const [m, nH, nW, nC] = t.shape;
  if (nC !== 1 && nC !== 3) return fail(`An image has 1 or 3 channels, not ${nC}.`);
  if (!Number.isInteger(sample) || sample < 0 || sample >= m) {
    return fail(`There is no sample ${sample}: the tensor has samples 0 to ${m - 1}.`);
  }
  const pixels = new Uint8ClampedArray(nH * nW * 4);
  const byte = (v: number): number => Math.round(255 * Math.min(Math.max(v, 0), 1));
  const base = sample * nH * nW * nC;
  for (let q = 0; q < nH * nW; q++) {
    const src = base + q * nC;
    let rgb: RGB;
    if (nC === 1) {
      const v = t.data[src]!;
      rgb = Number.isNaN(v) ? NAN_RGB : [byte(v), byte(v), byte(v)];
    } else {
      const r = t.data[src]!;
      const g = t.data[src + 1]!;
      const b = t.data[src + 2]!;
      rgb = Number.isNaN(r) || Number.isNaN(g) || Number.isNaN(b) ? NAN_RGB : [byte(r), byte(g), byte(b)];
    }
    pixels.set(rgb, 4 * q);
    pixels[4 * q + 3] = 255;
  }
  return { ok: true, pixels, width: nW, height: nH };
}
