// What the pictures of a walk are drawn from (lib/tensor.ts): an output as far as the loop
// i, c, h, w has come, and a padded gradient cut back to its input's size.
import { describe, expect, it } from 'vitest';
import type { Shape4, Tensor } from '../../src/engine/types';
import { channelOf, cropPad, maxAbs, outputSoFar } from '../../src/lib/tensor';

/** Each cell holds its own flat NHWC offset + 1, so that a wrong index shows as a wrong value. */
function numbered(shape: Shape4): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float64Array.from({ length: n }, (_, q) => q + 1) };
}

describe('maxAbs (the end of a colour scale)', () => {
  it('is the largest magnitude, a negative one included', () => {
    expect(maxAbs(Float64Array.from([0.5, -3.25, 2, -0]))).toBe(3.25);
    expect(maxAbs([1e-300, -2e-300])).toBe(2e-300);
    expect(maxAbs([-Infinity, 5])).toBe(Infinity);
  });

  it('is 1 when every value is 0 (or there is none), and when a value is NaN', () => {
    expect(maxAbs(new Float64Array(4))).toBe(1);
    expect(maxAbs([])).toBe(1);
    expect(maxAbs([7, Number.NaN, -9])).toBe(1);
    expect(maxAbs([Number.NaN])).toBe(1);
  });
});

describe('channelOf', () => {
  it('reads [i, :, :, c] of an NHWC tensor row-major, each cell from its own flat offset', () => {
    // (2, 2, 3, 4): cell (i, h, w, c) holds ((i·2 + h)·3 + w)·4 + c + 1
    const t = numbered([2, 2, 3, 4]);
    const at = (i: number, h: number, w: number, c: number) => ((i * 2 + h) * 3 + w) * 4 + c + 1;
    const want = (i: number, c: number) => [0, 1].flatMap((h) => [0, 1, 2].map((w) => at(i, h, w, c)));
    expect(Array.from(channelOf(t, 0, 0))).toEqual(want(0, 0));
    expect(Array.from(channelOf(t, 1, 3))).toEqual(want(1, 3));
    expect(Array.from(channelOf(t, 1, 2))).toEqual([27, 31, 35, 39, 43, 47]);
  });
});

describe('outputSoFar', () => {
  // (m, n_H, n_W, n_C) = (2, 2, 3, 2): 24 steps, channel c of sample i is steps 6·(2i + c) + 1 … + 6
  const out = numbered([2, 2, 3, 2]);

  it('keeps the cells of the first `position` steps in the order i, c, h, w and makes the rest NaN', () => {
    const got = outputSoFar(out, 8);
    // steps 1-6: sample 0, channel 0, every (h, w); steps 7-8: sample 0, channel 1, (0, 0), (0, 1)
    const kept: number[] = [];
    got.data.forEach((v, q) => {
      if (!Number.isNaN(v)) kept.push(q);
    });
    // NHWC offset of (0, h, w, 0) is 2·(3h + w); of (0, 0, w, 1) is 2w + 1
    expect(kept).toEqual([0, 1, 2, 3, 4, 6, 8, 10]);
    for (const q of kept) expect(got.data[q]).toBe(q + 1);
    expect(got.shape).toEqual(out.shape);
  });

  it('moves on to the next sample after its last channel', () => {
    // steps 1-12: all of sample 0; steps 13-15: sample 1, channel 0, (0, 0), (0, 1), (0, 2),
    // whose NHWC offsets are 12 + 2w
    const kept: number[] = [];
    outputSoFar(out, 15).data.forEach((v, q) => {
      if (!Number.isNaN(v)) kept.push(q);
    });
    expect(kept).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16]);
  });

  it('is all NaN before the first step and the whole output after the last', () => {
    expect([...outputSoFar(out, 0).data].every(Number.isNaN)).toBe(true);
    expect([...outputSoFar(out, 24).data]).toEqual([...out.data]);
  });
});

describe('cropPad', () => {
  it('cuts pad rows and columns from every side of every sample and channel', () => {
    // (2, 4, 5, 2) cut by 1: (2, 2, 3, 2); cell (i, r, q, k) comes from (i, r + 1, q + 1, k)
    const t = numbered([2, 4, 5, 2]);
    const got = cropPad(t, 1);
    expect(got.shape).toEqual([2, 2, 3, 2]);
    for (let i = 0; i < 2; i++)
      for (let r = 0; r < 2; r++)
        for (let q = 0; q < 3; q++)
          for (let k = 0; k < 2; k++)
            expect(got.data[((i * 2 + r) * 3 + q) * 2 + k]).toBe(((i * 4 + r + 1) * 5 + q + 1) * 2 + k + 1);
  });

  it('returns the tensor itself for pad 0', () => {
    const t = numbered([1, 2, 2, 1]);
    expect(cropPad(t, 0)).toBe(t);
  });
});
