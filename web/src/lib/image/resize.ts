// Image -> A_prev: RGBA pixels (what a canvas's getImageData gives) to a (1, outH, outW, C) tensor
// of values in [0, 1], C = 1 (grayscale) or 3 (RGB), at a size the student chooses.
//
// THE FORMULA (tests/fixtures/images.py computes the same, and the fixtures hold it bit for bit)
//
//   Input: straight (not premultiplied) RGBA bytes, row-major, 4 bytes a pixel, as ImageData holds
//   them. Source size H x W (rows x columns), output size outH x outW, each 1..128.
//
//   1. Alpha: every pixel is composited over white. For a colour byte c and alpha byte a,
//        N_c = c*a + 255*(255 - a)            (an integer, 0..65025)
//      and the composited value is N_c / 65025 = (c*a/255 + 255*(1 - a/255)) / 255. An opaque pixel
//      gives exactly c / 255; a fully transparent one gives white, 1.
//   2. Grayscale (C = 1): ITU-R BT.601 luma with weights 0.299, 0.587, 0.114, taken as the integers
//        N_gray = 299*N_R + 587*N_G + 114*N_B    (0..65025000), whose value is N_gray / 65025000.
//      Luma is applied per source pixel, before resizing; since every step here is exact until the
//      one division at the end, applying it after resizing would give the very same doubles.
//   3. Area averaging: output row y covers the source interval [y*H/outH, (y+1)*H/outH), output
//      column x covers [x*W/outW, (x+1)*W/outW); source pixel (i, j) covers [i, i+1) x [j, j+1).
//      The output pixel is the mean of the source values over its footprint, each source pixel
//      weighted by the exact area it shares with the footprint. Scaled by outH (or outW) every
//      interval end is an integer, so the overlaps are integers:
//        Oy[y][i] = max(0, min((y+1)*H, (i+1)*outH) - max(y*H, i*outH))     (sum over i: H)
//        Ox[x][j] = max(0, min((x+1)*W, (j+1)*outW) - max(x*W, j*outW))     (sum over j: W)
//        A_prev[0, y, x, c] = (sum over i, j of Oy[y][i] * Ox[x][j] * N_c[i][j]) / (D * H * W)
//      with D = 65025 for RGB and 65025000 for gray. The numerator is a sum of non-negative
//      integers below 2^53 (because H*W <= 2^26, see MAX_SOURCE_PIXELS), so it is exact whatever
//      the order of the additions, and the result is that exact quotient rounded once: the same
//      double in any correct implementation. At the source's own size the result is N_c / D exactly.
//   Upscaling is allowed (any size 1..128 whatever the source's): the same formula then gives
//   each output pixel the value of the one source pixel its footprint lies in (nearest / box), or
//   the area-weighted mean of the two (or four) it straddles.
//
// Bad sizes or pixels give { ok: false, message } with a sentence; nothing here throws.
import type { Tensor } from '../../engine/types';
import { fail, quote, type Result } from './result';

/** Largest output side a student may choose (the layer editor's limit on n_H_prev, n_W_prev). */
export const MAX_OUTPUT_SIDE = 128;
/** Largest source side accepted (a browser's canvas is at most 32767 pixels wide or high). */
export const MAX_SOURCE_SIDE = 32768;
/** Most source pixels accepted: 2^26 (64 Mi). Keeps every sum of the formula below 2^53, so exact. */
export const MAX_SOURCE_PIXELS = 2 ** 26;

export type ImageChannels = 1 | 3;

/** Decoded pixels: straight RGBA, row-major, 4 bytes a pixel (the fields of an ImageData). */
export interface RgbaImage {
  readonly data: Uint8ClampedArray | Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface ResizeOptions {
  /** output rows, n_H_prev: a whole number 1..128 */
  outH: number;
  /** output columns, n_W_prev: a whole number 1..128 */
  outW: number;
  /** 1: grayscale (BT.601 luma), 3: RGB */
  channels: ImageChannels;
}

/** Denominator of the composited value of one channel (step 1). */
const ALPHA_DENOMINATOR = 255 * 255;
/** BT.601 weights scaled to integers (step 2); they sum to LUMA_DENOMINATOR. */
const LUMA_R = 299;
const LUMA_G = 587;
const LUMA_B = 114;
const LUMA_DENOMINATOR = 1000;

function checkSide(name: string, v: number, max: number, what: string): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    return `The ${name} must be a whole number of pixels, not ${quote(v)}.`;
  }
  if (v < 1) return `The ${name} must be at least 1 pixel, not ${v}.`;
  if (v > max) return `The ${name} can be at most ${max} pixels ${what}, not ${v}.`;
  return null;
}

/** Why these pixels and options cannot be turned into A_prev, or null if they can. */
export function checkResize(image: RgbaImage, options: ResizeOptions): string | null {
  if (image === null || typeof image !== 'object') return 'There is no image to read.';
  const { width, height, data } = image;
  if (width === 0 || height === 0) {
    return `The image is empty (${width} × ${height} pixels); choose another file.`;
  }
  const bad =
    checkSide('image width', width, MAX_SOURCE_SIDE, 'for an image to read') ??
    checkSide('image height', height, MAX_SOURCE_SIDE, 'for an image to read');
  if (bad !== null) return bad;
  if (width * height > MAX_SOURCE_PIXELS) {
    return (
      `The image has ${width} × ${height} = ${width * height} pixels; at most ${MAX_SOURCE_PIXELS} ` +
      '(64 Mi) can be read. Make it smaller first.'
    );
  }
  if (!(data instanceof Uint8ClampedArray || data instanceof Uint8Array)) {
    return 'The pixels must be bytes (a Uint8ClampedArray, as ImageData holds them).';
  }
  if (data.length !== width * height * 4) {
    return (
      `A ${width} × ${height} image needs ${width * height * 4} bytes of RGBA pixels, ` +
      `but ${data.length} were given.`
    );
  }
  if (options === null || typeof options !== 'object') return 'The output size is missing.';
  const badOut =
    checkSide('output height', options.outH, MAX_OUTPUT_SIDE, 'for a layer input') ??
    checkSide('output width', options.outW, MAX_OUTPUT_SIDE, 'for a layer input');
  if (badOut !== null) return badOut;
  if (options.channels !== 1 && options.channels !== 3) {
    return `The channels must be 1 (grayscale) or 3 (RGB), not ${quote(options.channels)}.`;
  }
  return null;
}

/** For each source index s, the output indices it overlaps, first[s] .. first[s] + slots - 1, and
 * the integer overlaps in weight[s * slots + t] (0 past the last one it really overlaps). */
interface OverlapMap {
  first: Int32Array;
  slots: number;
  weight: Float64Array;
}

/** The overlaps Oy (or Ox) of the header, grouped by source index. A source pixel overlaps a run
 * of consecutive output intervals: at most 2 when downscaling, ceil(nOut / nSrc) + 1 at most. */
function overlapMap(nSrc: number, nOut: number): OverlapMap {
  const slots = Math.ceil(nOut / nSrc) + 1;
  const first = new Int32Array(nSrc);
  const weight = new Float64Array(nSrc * slots);
  for (let s = 0; s < nSrc; s++) {
    const lo = s * nOut; // source pixel s is [s*nOut, (s+1)*nOut) in these units
    const hi = lo + nOut;
    const y0 = Math.floor(lo / nSrc); // the output interval [y*nSrc, (y+1)*nSrc) holding lo
    first[s] = y0;
    for (let y = y0; y < nOut && y * nSrc < hi; y++) {
      weight[s * slots + y - y0] = Math.min((y + 1) * nSrc, hi) - Math.max(y * nSrc, lo);
    }
  }
  return { first, slots, weight };
}

/**
 * The image as A_prev (1, outH, outW, channels), by the formula of this file's header.
 * Returns { ok: false, message } for an empty, too large or malformed image, or a bad size.
 */
export function imageToAPrev(image: RgbaImage, options: ResizeOptions): Result<{ A_prev: Tensor }> {
  const bad = checkResize(image, options);
  if (bad !== null) return fail(() => checkResize(image, options) ?? bad);
  const { width: W, height: H, data } = image;
  const { outH, outW, channels: C } = options;
  const rows = overlapMap(H, outH);
  const cols = overlapMap(W, outW);
  const { first: colFirst, slots: K, weight: colWeight } = cols;

  // Row by row: the horizontal sums of one source row (sum over j of Ox * N), then added, times
  // Oy, into every output row that source row overlaps. Every value is an integer below 2^53.
  // rowSum has K spare columns at the end for the zero weights of the last source pixels.
  const rowSum = new Float64Array((outW + K) * C);
  const acc = new Float64Array(outH * outW * C);
  for (let i = 0; i < H; i++) {
    rowSum.fill(0);
    let p = i * W * 4;
    if (C === 1) {
      for (let j = 0; j < W; j++, p += 4) {
        const a = data[p + 3]!;
        const white = 255 * (255 - a);
        const n =
          LUMA_R * (data[p]! * a + white) +
          LUMA_G * (data[p + 1]! * a + white) +
          LUMA_B * (data[p + 2]! * a + white);
        const x = colFirst[j]!;
        for (let t = 0; t < K; t++) rowSum[x + t]! += colWeight[j * K + t]! * n;
      }
    } else {
      for (let j = 0; j < W; j++, p += 4) {
        const a = data[p + 3]!;
        const white = 255 * (255 - a);
        const r = data[p]! * a + white;
        const g = data[p + 1]! * a + white;
        const b = data[p + 2]! * a + white;
        let o = colFirst[j]! * 3;
        for (let t = 0; t < K; t++, o += 3) {
          const w = colWeight[j * K + t]!;
          rowSum[o]! += w * r;
          rowSum[o + 1]! += w * g;
          rowSum[o + 2]! += w * b;
        }
      }
    }
    for (let t = 0; t < rows.slots; t++) {
      const w = rows.weight[i * rows.slots + t]!;
      if (w === 0) break;
      const base = (rows.first[i]! + t) * outW * C;
      for (let q = 0; q < outW * C; q++) acc[base + q]! += w * rowSum[q]!;
    }
  }

  const denominator = (C === 1 ? LUMA_DENOMINATOR : 1) * ALPHA_DENOMINATOR * H * W;
  for (let q = 0; q < acc.length; q++) acc[q] = acc[q]! / denominator;
  return { ok: true, A_prev: { shape: [1, outH, outW, C], data: acc } };
}

/**
 * An output size for an image that keeps its aspect ratio: the longer side becomes `maxSide`
 * (1..128), the other side round(maxSide * shorter / longer), at least 1. Never upscales beyond
 * maxSide; a source smaller than maxSide keeps its size.
 */
export function fitSize(
  width: number,
  height: number,
  maxSide: number = MAX_OUTPUT_SIDE,
): Result<{ outH: number; outW: number }> {
  const check = () =>
    checkSide('image width', width, MAX_SOURCE_SIDE, 'for an image to read') ??
    checkSide('image height', height, MAX_SOURCE_SIDE, 'for an image to read') ??
    checkSide('largest side', maxSide, MAX_OUTPUT_SIDE, 'for a layer input');
  const bad = check();
  if (bad !== null) return fail(() => check() ?? bad);
  const longer = Math.max(width, height);
  const side = Math.min(maxSide, longer);
  const scaled = (n: number): number => Math.max(1, Math.round((side * n) / longer));
  return { ok: true, outH: scaled(height), outW: scaled(width) };
}
