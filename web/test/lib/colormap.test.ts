// Tensor -> display pixels (lib/image/colormap.ts): which scale, which colours, NaN, layout.
import { describe, expect, it } from 'vitest';
import type { Shape4, Tensor } from '../../src/engine/types';
import {
  channelToRGBA,
  colorOf,
  DIVERGING_BLUE,
  DIVERGING_RED,
  imageTensorToRGBA,
  NAN_RGB,
  type ChannelViewOptions,
  writeColor,
} from '../../src/lib/image/colormap';

const tensor = (shape: Shape4, values: number[]): Tensor => ({ shape, data: Float64Array.from(values) });

function view(t: Tensor, options: ChannelViewOptions) {
  const r = channelToRGBA(t, options);
  if (!r.ok) throw new Error(r.message);
  return r;
}

/** The RGB of pixel q. */
const rgbAt = (pixels: Uint8ClampedArray, q: number): number[] =>
  Array.from(pixels.subarray(4 * q, 4 * q + 3));

describe('scale choice', () => {
  it('draws non-negative data in grey from black at 0 to white at the maximum', () => {
    const v = view(tensor([1, 1, 3, 1], [0, 1, 4]), { channel: 0 });
    expect(v.scale).toBe('sequential');
    expect(v.max).toBe(4);
    expect([rgbAt(v.pixels, 0), rgbAt(v.pixels, 1), rgbAt(v.pixels, 2)]).toEqual([
      [0, 0, 0],
      [64, 64, 64],
      [255, 255, 255],
    ]);
  });

  it('draws signed data blue-white-red, symmetric around 0 at the largest |v|', () => {
    const v = view(tensor([1, 1, 4, 1], [-2, 0, 1, 0.5]), { channel: 0 });
    expect(v.scale).toBe('diverging');
    expect(v.max).toBe(2);
    expect(rgbAt(v.pixels, 0)).toEqual([...DIVERGING_BLUE]);
    expect(rgbAt(v.pixels, 1)).toEqual([255, 255, 255]);
    expect(rgbAt(v.pixels, 2)).toEqual(DIVERGING_RED.map((e) => Math.round(255 + (e - 255) * 0.5)));
  });

  it('uses a given max for both scales and clamps beyond it', () => {
    const v = view(tensor([1, 1, 2, 1], [-10, 10]), { channel: 0, max: 5 });
    expect(v.max).toBe(5);
    expect(rgbAt(v.pixels, 0)).toEqual([...DIVERGING_BLUE]);
    expect(rgbAt(v.pixels, 1)).toEqual([...DIVERGING_RED]);
    const g = view(tensor([1, 1, 2, 1], [-1, 10]), { channel: 0, max: 5, scale: 'sequential' });
    expect([rgbAt(g.pixels, 0), rgbAt(g.pixels, 1)]).toEqual([
      [0, 0, 0],
      [255, 255, 255],
    ]);
  });

  it('draws all-zero data black (grey scale) or white (diverging), never NaN colours', () => {
    const t = tensor([1, 1, 2, 1], [0, 0]);
    expect(rgbAt(view(t, { channel: 0 }).pixels, 0)).toEqual([0, 0, 0]);
    expect(rgbAt(view(t, { channel: 0, scale: 'diverging' }).pixels, 1)).toEqual([255, 255, 255]);
  });
});

describe('a given scale and end', () => {
  // the header's formula, written out by hand: 255 + (end - 255) * |t|, t = clamp(v / max, -1, 1)
  const byHand = (v: number, max: number): number[] => {
    const t = Math.min(1, Math.max(-1, v / max));
    const end = t < 0 ? DIVERGING_BLUE : DIVERGING_RED;
    return end.map((e) => Math.round(255 + (e - 255) * Math.abs(t)));
  };

  it('colours every cell by the formula on the given scale, whatever the channel holds', () => {
    const values = [-1.5, -0.25, 0, 0.3, 1.2, 7];
    const v = view(tensor([1, 1, 6, 1], values), { channel: 0, max: 1.2, scale: 'diverging' });
    expect(v.max).toBe(1.2);
    values.forEach((x, q) => expect(rgbAt(v.pixels, q)).toEqual(byHand(x, 1.2)));
    const g = view(tensor([1, 1, 3, 1], [0.5, 1, 3]), { channel: 0, max: 2, scale: 'sequential' });
    expect([rgbAt(g.pixels, 0), rgbAt(g.pixels, 1), rgbAt(g.pixels, 2)]).toEqual([
      [64, 64, 64],
      [128, 128, 128],
      [255, 255, 255],
    ]);
  });

  it('writes one pixel in place: the colour of colorOf and alpha 255 at the offset, its neighbours untouched', () => {
    const px = new Uint8ClampedArray(12).fill(7);
    writeColor(px, 4, -0.6, 'diverging', 2);
    expect(Array.from(px)).toEqual([7, 7, 7, 7, ...byHand(-0.6, 2), 255, 7, 7, 7, 7]);
    writeColor(px, 8, Number.NaN, 'sequential', 2);
    expect(Array.from(px.subarray(8))).toEqual([...NAN_RGB, 255]);
    expect(colorOf(-0.6, 'diverging', 2)).toEqual(byHand(-0.6, 2));
  });
});

describe('special values', () => {
  it('draws NaN in its own colour and infinities at the ends of the scale', () => {
    const v = view(
      tensor([1, 1, 4, 1], [Number.NaN, -1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]),
      {
        channel: 0,
      },
    );
    expect(v.max).toBe(1);
    expect(rgbAt(v.pixels, 0)).toEqual([...NAN_RGB]);
    expect(rgbAt(v.pixels, 2)).toEqual([...DIVERGING_RED]);
    expect(rgbAt(v.pixels, 3)).toEqual([...DIVERGING_BLUE]);
  });

  it('keeps the NaN colour out of both scales', () => {
    const seen = new Set<string>();
    for (let s = -1; s <= 1; s += 1 / 64) {
      seen.add(colorOf(s, 'diverging', 1).join());
      seen.add(colorOf(s, 'sequential', 1).join());
    }
    expect(seen.has(NAN_RGB.join())).toBe(false);
  });
});

describe('layout', () => {
  it('reads one channel of one sample of an NHWC tensor, row-major, alpha 255', () => {
    // (2, 2, 3, 2): value = 100*i + 10*(h*3 + w) + c
    const values: number[] = [];
    for (let i = 0; i < 2; i++)
      for (let h = 0; h < 2; h++)
        for (let w = 0; w < 3; w++) for (let c = 0; c < 2; c++) values.push(100 * i + 10 * (h * 3 + w) + c);
    const v = view(tensor([2, 2, 3, 2], values), { channel: 1, sample: 1, max: 255 });
    expect([v.width, v.height, v.pixels.length]).toEqual([3, 2, 24]);
    for (let q = 0; q < 6; q++) {
      expect(rgbAt(v.pixels, q)).toEqual([101 + 10 * q, 101 + 10 * q, 101 + 10 * q]);
      expect(v.pixels[4 * q + 3]).toBe(255);
    }
  });

  it('refuses a channel or sample that does not exist, with a sentence', () => {
    const t = tensor([1, 1, 1, 2], [0, 0]);
    expect(channelToRGBA(t, { channel: 2 })).toEqual({
      ok: false,
      message: 'There is no channel 2: the tensor has channels 0 to 1.',
    });
    expect(channelToRGBA(t, { channel: 0, sample: 1 }).ok).toBe(false);
    expect(channelToRGBA(t, { channel: 0, max: -1 }).ok).toBe(false);
  });
});

describe('image tensors', () => {
  it('draws a 3-channel A_prev in colour and a 1-channel one in grey, clamped to [0, 1]', () => {
    const rgb = imageTensorToRGBA(tensor([1, 1, 1, 3], [1, 0.5, -3]));
    const grey = imageTensorToRGBA(tensor([1, 1, 2, 1], [0.2, 7]));
    if (!rgb.ok || !grey.ok) throw new Error('failed');
    expect(Array.from(rgb.pixels)).toEqual([255, 128, 0, 255]);
    expect(Array.from(grey.pixels)).toEqual([51, 51, 51, 255, 255, 255, 255, 255]);
    expect(imageTensorToRGBA(tensor([1, 1, 1, 2], [0, 0])).ok).toBe(false);
  });
});
