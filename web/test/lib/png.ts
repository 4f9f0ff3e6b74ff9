// A small PNG reader for the tests (Node's zlib inflates): 8-bit, non-interlaced grey, RGB or
// RGBA, all five row filters. It lets a test check that the committed PNGs hold the bytes that
// images.txt lists, without an image library.
import { inflateSync } from 'node:zlib';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export function decodePng(file: Uint8Array): { width: number; height: number; data: Uint8Array } {
  if (!SIGNATURE.every((b, i) => file[i] === b)) throw new Error('not a PNG');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Uint8Array[] = [];
  while (pos < file.length) {
    const length = view.getUint32(pos);
    const kind = String.fromCharCode(...file.subarray(pos + 4, pos + 8));
    const body = file.subarray(pos + 8, pos + 8 + length);
    if (kind === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      const [depth, ct, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || interlace !== 0 || (ct !== 0 && ct !== 2 && ct !== 6)) {
        throw new Error('only 8-bit non-interlaced grey, RGB and RGBA PNGs');
      }
      colorType = ct;
    } else if (kind === 'IDAT') idat.push(body);
    else if (kind === 'IEND') break;
    pos += 12 + length;
  }
  const c = colorType === 0 ? 1 : colorType === 2 ? 3 : 4;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * c;
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= c ? px[y * stride + x - c]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + x]! : 0;
      const d = x >= c && y > 0 ? px[(y - 1) * stride + x - c]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - d;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - d);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : d;
      } else if (filter !== 0) throw new Error(`unknown PNG row filter ${filter}`);
      px[y * stride + x] = (line[x]! + pred) & 255;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let q = 0; q < width * height; q++) {
    if (c === 1) data.set([px[q]!, px[q]!, px[q]!, 255], 4 * q);
    else if (c === 3) data.set([px[3 * q]!, px[3 * q + 1]!, px[3 * q + 2]!, 255], 4 * q);
    else data.set(px.subarray(4 * q, 4 * q + 4), 4 * q);
  }
  return { width, height, data };
}
