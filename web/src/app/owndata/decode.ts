// A file (picked, dropped, pasted or fetched) to RGBA pixels, in the browser: the header is
// checked first (sniff.ts), then createImageBitmap decodes it (a GIF's first frame) and a canvas
// gives its pixels back, straight (not premultiplied) and without colour conversion.

import { refusal } from '../../lib/i18n';
import type { RgbaImage } from '../../lib/image';
import { HEADER_BYTES, sniffImage } from './sniff';
import { tOwnData } from './messages';

export type Decoded = { ok: true; image: RgbaImage; name: string } | { ok: false; readonly message: string };

function canvasOf(
  width: number,
  height: number,
): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height).getContext('2d');
  const cv = document.createElement('canvas');
  cv.width = width;
  cv.height = height;
  return cv.getContext('2d');
}

/** Decodes `blob`; every failure is a sentence, never an exception. */
export async function decodeImage(blob: Blob, name: string): Promise<Decoded> {
  let head: Uint8Array;
  try {
    head = new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer());
  } catch {
    return refusal(() => tOwnData('couldNotRead', { name: `“${name}”` }));
  }
  const s = sniffImage(head, name);
  if (!s.ok) return s;
  if (typeof createImageBitmap !== 'function') {
    return refusal(() => tOwnData('noBitmap'));
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch {
    return refusal(() => tOwnData('damaged', { name: `“${name}”`, format: s.format.toUpperCase() }));
  }
  try {
    const { width, height } = bitmap;
    // (a JPEG turned by its EXIF orientation swaps the sides, not the area)
    if (width * height !== s.width * s.height) {
      return refusal(() => tOwnData('sizeMismatch', { name: `“${name}”` }));
    }
    const ctx = canvasOf(width, height);
    if (ctx === null) return refusal(() => tOwnData('noCanvas'));
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { ok: true, image: { data, width, height }, name };
  } catch {
    return refusal(() => tOwnData('pixelsUnreadable', { name: `“${name}”` }));
  } finally {
    bitmap.close();
  }
}
