// Image -> A_prev (lib/image/resize.ts) against numpy's values in tests/fixtures/images.txt, and
// the rules of its header: compositing over white, BT.601 luma, exact area averaging, the limits.
//
// The formula sums integers exactly and divides once, so the fixtures must match bit for bit
// (stricter than the 1e-12-of-the-magnitudes bound the conv fixtures need).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fitSize,
  imageToAPrev,
  MAX_SOURCE_PIXELS,
  type ResizeOptions,
  type RgbaImage,
} from '../../src/lib/image/resize';
import { fixtureDir, loadImageFixtures } from './imageFixtures';
import { decodePng } from './png';

const fixtures = loadImageFixtures();

function image(name: string): RgbaImage {
  const im = fixtures.images.get(name);
  if (im === undefined) throw new Error(`no image ${name} in images.txt`);
  return im.image;
}

function resized(img: RgbaImage, options: ResizeOptions): Float64Array {
  const r = imageToAPrev(img, options);
  if (!r.ok) throw new Error(r.message);
  return r.A_prev.data;
}

/** First element that differs, as "(0, y, x, c): got g, want w", or null. */
function firstDifference(got: Float64Array, want: Float64Array, shape: readonly number[]): string | null {
  if (got.length !== want.length) return `length ${got.length}, want ${want.length}`;
  for (let q = 0; q < got.length; q++) {
    if (!Object.is(got[q], want[q])) {
      const c = q % shape[3]!;
      const x = Math.floor(q / shape[3]!) % shape[2]!;
      const y = Math.floor(q / (shape[3]! * shape[2]!));
      return `(0, ${y}, ${x}, ${c}): got ${got[q]}, want ${want[q]}`;
    }
  }
  return null;
}

/** A w x h image of one RGBA colour. */
function solid(w: number, h: number, rgba: [number, number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let q = 0; q < w * h; q++) data.set(rgba, 4 * q);
  return { width: w, height: h, data };
}

describe('the image fixtures', () => {
  it('list every test image, resize case and filter case', () => {
    expect([...fixtures.images.keys()].sort()).toEqual(['alpha_13x10', 'noise_23x17', 'scene_64']);
    expect(fixtures.resizes.length).toBeGreaterThanOrEqual(15);
    expect(fixtures.filters.length).toBeGreaterThanOrEqual(15);
  });

  it.each([...fixtures.images.values()].map((im) => [im.file, im] as const))(
    '%s decodes (in TypeScript) to the RGBA bytes images.txt lists',
    (_file, im) => {
      const png = decodePng(readFileSync(new URL(im.file, fixtureDir)));
      expect([png.width, png.height]).toEqual([im.image.width, im.image.height]);
      expect(Buffer.from(png.data).equals(Buffer.from(im.image.data))).toBe(true);
    },
  );
});

describe.each(fixtures.resizes.map((c) => [c.name, c] as const))('resize fixture %s', (_name, c) => {
  it("equals numpy's A_prev bit for bit", () => {
    const r = imageToAPrev(image(c.image), { outH: c.outH, outW: c.outW, channels: c.channels });
    if (!r.ok) throw new Error(r.message);
    expect(r.A_prev.shape).toEqual(c.A_prev.shape);
    expect(r.A_prev.shape).toEqual([1, c.outH, c.outW, c.channels]);
    expect(firstDifference(r.A_prev.data, c.A_prev.data, r.A_prev.shape)).toBeNull();
  });
});

describe('compositing and luma', () => {
  it('gives an opaque pixel exactly c / 255 in RGB at the source size', () => {
    const img: RgbaImage = {
      width: 2,
      height: 1,
      data: Uint8ClampedArray.from([0, 128, 255, 255, 7, 9, 200, 255]),
    };
    expect(Array.from(resized(img, { outH: 1, outW: 2, channels: 3 }))).toEqual(
      [0, 128, 255, 7, 9, 200].map((c) => c / 255),
    );
  });

  it('turns a fully transparent pixel white, whatever its colour bytes', () => {
    const img = solid(3, 2, [10, 200, 30, 0]);
    expect(Array.from(resized(img, { outH: 2, outW: 3, channels: 3 }))).toEqual(new Array(18).fill(1));
    expect(Array.from(resized(img, { outH: 1, outW: 1, channels: 1 }))).toEqual([1]);
  });

  it('composites half-transparent black over white to (255 - a) / 255', () => {
    const img = solid(1, 1, [0, 0, 0, 128]);
    expect(resized(img, { outH: 1, outW: 1, channels: 3 })[0]).toBe((255 * 127) / 65025);
  });

  it('uses BT.601 luma weights 0.299, 0.587, 0.114', () => {
    const at = (rgba: [number, number, number, number]): number =>
      resized(solid(1, 1, rgba), { outH: 1, outW: 1, channels: 1 })[0]!;
    expect(at([255, 0, 0, 255])).toBe(0.299);
    expect(at([0, 255, 0, 255])).toBe(0.587);
    expect(at([0, 0, 255, 255])).toBe(0.114);
    expect(at([255, 255, 255, 255])).toBe(1);
    expect(at([0, 0, 0, 255])).toBe(0);
  });
});

describe('area averaging', () => {
  it('keeps a one-colour image that colour at every size, up or down', () => {
    const img = solid(7, 5, [51, 102, 153, 255]);
    for (const [outH, outW] of [
      [1, 1],
      [3, 4],
      [5, 7],
      [13, 2],
      [128, 128],
    ] as const) {
      const data = resized(img, { outH, outW, channels: 3 });
      for (let q = 0; q < data.length; q += 3) {
        expect([data[q], data[q + 1], data[q + 2]]).toEqual([51 / 255, 102 / 255, 153 / 255]);
      }
    }
  });

  it('averages 2 x 2 blocks when halving', () => {
    const v = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150];
    const data = new Uint8ClampedArray(64);
    v.forEach((g, q) => data.set([g, g, g, 255], 4 * q));
    const out = resized({ width: 4, height: 4, data }, { outH: 2, outW: 2, channels: 1 });
    // block means of rows (0, 1) x cols (0, 1) etc., each divided by 255 once
    expect(Array.from(out)).toEqual([100 / 1020, 180 / 1020, 420 / 1020, 500 / 1020]);
  });

  it('weights a source pixel by the fraction of the footprint it covers (3 columns to 2)', () => {
    const data = new Uint8ClampedArray(12);
    [0, 90, 255].forEach((g, q) => data.set([g, g, g, 255], 4 * q));
    const out = resized({ width: 3, height: 1, data }, { outH: 1, outW: 2, channels: 1 });
    // column 0 covers [0, 1.5): 1 of pixel 0, 0.5 of pixel 1; column 1 covers [1.5, 3)
    expect(Array.from(out)).toEqual([(0 * 2 + 90) / (3 * 255), (90 + 255 * 2) / (3 * 255)]);
  });

  it('upscales by repeating pixels where footprints fall inside one pixel', () => {
    const data = Uint8ClampedArray.from([0, 0, 0, 255, 255, 255, 255, 255]);
    const out = resized({ width: 2, height: 1, data }, { outH: 2, outW: 4, channels: 1 });
    expect(Array.from(out)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    // 2 -> 3 columns: the middle column straddles both pixels half and half
    expect(Array.from(resized({ width: 2, height: 1, data }, { outH: 1, outW: 3, channels: 1 }))).toEqual([
      0, 0.5, 1,
    ]);
  });
});

/** The header's formula evaluated directly, in floats: for each output pixel, every source pixel
 * weighted by the area (in source pixels) it shares with the footprint, divided by the area. */
function directAreaMean(img: RgbaImage, outH: number, outW: number, C: 1 | 3): Float64Array {
  const { width: W, height: H, data } = img;
  const out = new Float64Array(outH * outW * C);
  for (let y = 0; y < outH; y++)
    for (let x = 0; x < outW; x++) {
      const y0 = (y * H) / outH;
      const y1 = ((y + 1) * H) / outH;
      const x0 = (x * W) / outW;
      const x1 = ((x + 1) * W) / outW;
      for (let i = Math.floor(y0); i < Math.min(H, Math.ceil(y1)); i++)
        for (let j = Math.floor(x0); j < Math.min(W, Math.ceil(x1)); j++) {
          const area = (Math.min(y1, i + 1) - Math.max(y0, i)) * (Math.min(x1, j + 1) - Math.max(x0, j));
          const p = (i * W + j) * 4;
          const a = data[p + 3]! / 255;
          const rgb = [0, 1, 2].map((c) => (data[p + c]! / 255) * a + (1 - a));
          const v = C === 1 ? [0.299 * rgb[0]! + 0.587 * rgb[1]! + 0.114 * rgb[2]!] : rgb;
          for (let c = 0; c < C; c++) out[(y * outW + x) * C + c]! += (area * v[c]!) / (y1 - y0) / (x1 - x0);
        }
    }
  return out;
}

describe('against the formula evaluated directly', () => {
  it('agrees to 1e-12 relative on random images and sizes, up and down', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    for (let trial = 0; trial < 60; trial++) {
      const W = 1 + rand(40);
      const H = 1 + rand(40);
      const outW = 1 + rand(trial % 3 === 0 ? 128 : 40);
      const outH = 1 + rand(trial % 3 === 1 ? 128 : 40);
      const C = trial % 2 === 0 ? 1 : 3;
      const data = new Uint8ClampedArray(W * H * 4).map(() => rand(256));
      const img = { width: W, height: H, data };
      const got = resized(img, { outH, outW, channels: C });
      const want = directAreaMean(img, outH, outW, C);
      for (let q = 0; q < got.length; q++) {
        expect(
          Math.abs(got[q]! - want[q]!),
          `${W}x${H} -> ${outW}x${outH}, C ${C}, element ${q}`,
        ).toBeLessThanOrEqual(1e-12 * want[q]!);
      }
    }
  });
});

describe('bad sizes and images', () => {
  const img = solid(4, 4, [0, 0, 0, 255]);
  it.each([
    [{ outH: 0, outW: 4, channels: 3 }, /output height must be at least 1 pixel, not 0/],
    [{ outH: 4, outW: 129, channels: 3 }, /output width can be at most 128 pixels/],
    [{ outH: 2.5, outW: 4, channels: 3 }, /output height must be a whole number of pixels, not 2\.5/],
    [{ outH: Number.NaN, outW: 4, channels: 3 }, /whole number of pixels, not NaN/],
    [{ outH: 4, outW: 4, channels: 2 }, /channels must be 1 \(grayscale\) or 3 \(RGB\), not 2/],
  ] as [ResizeOptions, RegExp][])('refuses %o with a sentence', (options, message) => {
    const r = imageToAPrev(img, options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('refuses an empty image', () => {
    const r = imageToAPrev(
      { width: 0, height: 0, data: new Uint8ClampedArray(0) },
      { outH: 1, outW: 1, channels: 1 },
    );
    expect(r).toEqual({ ok: false, message: 'The image is empty (0 × 0 pixels); choose another file.' });
  });

  it('refuses more than 2^26 source pixels before reading any', () => {
    const big = { width: 10000, height: 10000, data: new Uint8ClampedArray(0) };
    const r = imageToAPrev(big, { outH: 8, outW: 8, channels: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`at most ${MAX_SOURCE_PIXELS}`);
    const wide = imageToAPrev(
      { width: 40000, height: 1, data: new Uint8ClampedArray(0) },
      { outH: 1, outW: 1, channels: 1 },
    );
    expect(wide.ok).toBe(false);
  });

  it('refuses pixels that do not fill the image', () => {
    const r = imageToAPrev(
      { width: 2, height: 2, data: new Uint8ClampedArray(15) },
      { outH: 1, outW: 1, channels: 1 },
    );
    expect(r).toEqual({
      ok: false,
      message: 'A 2 × 2 image needs 16 bytes of RGBA pixels, but 15 were given.',
    });
  });

  it('never throws, even on nonsense', () => {
    expect(() => imageToAPrev(null as unknown as RgbaImage, { outH: 1, outW: 1, channels: 1 })).not.toThrow();
    expect(() => imageToAPrev(img, null as unknown as ResizeOptions)).not.toThrow();
    expect(imageToAPrev(img, undefined as unknown as ResizeOptions).ok).toBe(false);
  });
});

describe('fitSize', () => {
  it('keeps the aspect ratio with the longer side at the chosen size', () => {
    expect(fitSize(640, 480, 64)).toEqual({ ok: true, outH: 48, outW: 64 });
    expect(fitSize(480, 640, 64)).toEqual({ ok: true, outH: 64, outW: 48 });
    expect(fitSize(1000, 3, 100)).toEqual({ ok: true, outH: 1, outW: 100 });
  });

  it('does not enlarge an image smaller than the chosen size', () => {
    expect(fitSize(20, 10, 128)).toEqual({ ok: true, outH: 10, outW: 20 });
  });

  it('refuses a side over 128', () => {
    expect(fitSize(20, 10, 200).ok).toBe(false);
  });
});
