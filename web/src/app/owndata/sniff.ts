// What a file is, from its first bytes, before anything is decoded: its format and, read from
// its header, its width and height, so that a 20000 × 20000 image is refused before a single
// pixel is allocated. Pure: bytes in, a verdict out.
//
//   PNG   signature 89 50 4E 47 0D 0A 1A 0A, then IHDR: width, height as big-endian u32 at 16, 20
//   GIF   "GIF87a" / "GIF89a", logical screen width, height as little-endian u16 at 6, 8
//   WebP  "RIFF" .... "WEBP", then VP8 (lossy: 14-bit sizes at 26, 28), VP8L (lossless: 14-bit
//         sizes packed from byte 21) or VP8X (extended: 24-bit sizes minus one at 24, 27)
//   JPEG  FF D8, then segments up to a start-of-frame (C0..CF but C4, C8, CC): height, width as
//         big-endian u16 at 5, 7 of the segment

import { refusal } from '../../lib/i18n';
import { MAX_OUTPUT_SIDE } from '../../lib/image';
import { tOwnData } from './messages';

type ImageFormat = 'png' | 'gif' | 'webp' | 'jpeg';

export type Sniffed =
  | { ok: true; format: ImageFormat; width: number; height: number }
  | { ok: false; readonly message: string };

/** Most pixels a file may have to be read here: 16 Mi (4096 × 4096). Decoding allocates 4 bytes
 * a pixel, and the page reduces the image to at most 128 × 128 anyway. */
const MAX_DECODE_PIXELS = 4096 * 4096;

/** Bytes read to find the size: a JPEG's start of frame may come after large metadata. */
export const HEADER_BYTES = 256 * 1024;

const u16be = (b: Uint8Array, k: number) => (b[k]! << 8) | b[k + 1]!;
const u16le = (b: Uint8Array, k: number) => b[k]! | (b[k + 1]! << 8);
const u24le = (b: Uint8Array, k: number) => b[k]! | (b[k + 1]! << 8) | (b[k + 2]! << 16);
const u32be = (b: Uint8Array, k: number) =>
  ((b[k]! << 24) >>> 0) + (b[k + 1]! << 16) + (b[k + 2]! << 8) + b[k + 3]!;
const ascii = (b: Uint8Array, k: number, n: number) => String.fromCharCode(...b.subarray(k, k + n));

function looksLikeSvg(b: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(b.subarray(0, 4096))
    .trimStart()
    .toLowerCase();
  return (
    head.startsWith('<svg') || ((head.startsWith('<?xml') || head.startsWith('<!')) && head.includes('<svg'))
  );
}

function formatOf(b: Uint8Array): { format: ImageFormat; width: number; height: number } | 'short' | null {
  if (b.length >= 8 && u32be(b, 0) === 0x89504e47 && u32be(b, 4) === 0x0d0a1a0a) {
    if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return 'short';
    return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) {
    if (b.length < 10) return 'short';
    return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
  }
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    if (b.length < 30) return 'short';
    const chunk = ascii(b, 12, 4);
    if (chunk === 'VP8 ')
      return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    return 'short';
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    let k = 2;
    while (k + 9 < b.length) {
      if (b[k] !== 0xff) return 'short';
      const marker = b[k + 1]!;
      if (marker === 0xff) {
        k++;
        continue;
      }
      const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (sof) return { format: 'jpeg', width: u16be(b, k + 7), height: u16be(b, k + 5) };
      k += 2 + u16be(b, k + 2);
    }
    return 'short';
  }
  return null;
}

/** The verdict on a file's first bytes (at most HEADER_BYTES of them); `name` is only quoted. */
export function sniffImage(b: Uint8Array, name: string): Sniffed {
  const quoted = `“${name.length > 40 ? `${name.slice(0, 39)}…` : name}”`;
  if (b.length === 0) return refusal(() => tOwnData('emptyFile', { name: quoted }));
  const f = formatOf(b);
  if (f === null) {
    if (looksLikeSvg(b)) {
      return refusal(() => tOwnData('svgFile', { name: quoted }));
    }
    return refusal(() => tOwnData('unknownFormat', { name: quoted }));
  }
  if (f === 'short') return refusal(() => tOwnData('cutShort', { name: quoted }));
  const { width, height } = f;
  if (width < 1 || height < 1)
    return refusal(() => tOwnData('zeroPixels', { name: quoted, w: width, h: height }));
  if (width * height > MAX_DECODE_PIXELS) {
    return refusal(() =>
      tOwnData('tooManyPixels', { name: quoted, w: width, h: height, side: MAX_OUTPUT_SIDE }),
    );
  }
  return { ok: true, ...f };
}
