// Filter presets (lib/image/filters.ts): W of every fixture case equals numpy's bit for bit, and
// the engine's conv_forward on the TypeScript-resized image with the TypeScript W gives numpy's Z
// within 1e-12 of the sum of the magnitudes of the terms (the bound of tests/fixtures/README.md:
// numpy sums a window pairwise, the C kernel in index order).
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmEngine } from '../../src/engine/engine';
import { parseFilterSpec } from '../../src/lib/image/encoding';
import {
  buildFilterBank,
  channelLabel,
  MAX_FILTER_F,
  MODES,
  PRESETS,
  presetKernel,
  type PresetId,
} from '../../src/lib/image/filters';
import { imageToAPrev } from '../../src/lib/image/resize';
import { sharedEngine } from '../engine/load';
import { mismatch, refConvForward } from '../engine/reference';
import { loadImageFixtures } from './imageFixtures';

let engine: WasmEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const fixtures = loadImageFixtures();

function kernel(id: PresetId, f: number): number[] {
  const k = presetKernel(id, f);
  if (!k.ok) throw new Error(k.message);
  return Array.from(k.kernel);
}

describe.each(fixtures.filters.map((c) => [c.name, c] as const))('filter fixture %s', (_name, c) => {
  const spec = parseFilterSpec(c.filter);

  it("builds numpy's W and b bit for bit from the link text", () => {
    if (!spec.ok) throw new Error(spec.message);
    const bank = buildFilterBank(spec.spec, c.channels);
    if (!bank.ok) throw new Error(bank.message);
    expect(bank.W.shape).toEqual(c.W.shape);
    expect(Array.from(bank.W.data)).toEqual(Array.from(c.W.data));
    expect(bank.b.shape).toEqual(c.b.shape);
    expect(Array.from(bank.b.data)).toEqual(Array.from(c.b.data));
  });

  it("gives numpy's Z when the engine convolves the resized image (pad (f-1)/2, stride 1)", () => {
    if (!spec.ok) throw new Error(spec.message);
    const bank = buildFilterBank(spec.spec, c.channels);
    const image = fixtures.images.get(c.image)!.image;
    const A = imageToAPrev(image, { outH: c.outH, outW: c.outW, channels: c.channels });
    if (!bank.ok || !A.ok) throw new Error('bank or image failed');
    const p = { ...c.conv, pad: (spec.spec.f - 1) / 2, stride: 1 };
    expect(p).toEqual(c.conv);
    const Z = engine.convForward(A.A_prev, bank.W, bank.b, p);
    expect(Z.shape).toEqual([1, c.outH, c.outW, bank.W.shape[3]]);
    const ref = refConvForward(A.A_prev, bank.W, bank.b, p);
    expect(mismatch('reference Z', ref.value, c.Z, ref.magnitude)).toBeNull();
    expect(mismatch('Z', Z, c.Z, ref.magnitude)).toBeNull();
  });
});

describe('the preset table', () => {
  it('has every preset once, with an English label and its sizes', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(ids).toEqual([
      'identity',
      'box',
      'gaussian',
      'sharpen',
      'sobel_x',
      'sobel_y',
      'laplacian',
      'emboss',
    ]);
    for (const p of PRESETS) {
      expect(p.label).toMatch(/^[A-Z]/);
      expect(p.description).toMatch(/\.$/);
      expect(p.sizes.length).toBeGreaterThan(0);
      expect(p.sizes.every((f) => f % 2 === 1 && f <= MAX_FILTER_F)).toBe(true);
      for (const f of p.sizes) expect(presetKernel(p.id, f).ok).toBe(true);
    }
    expect(MODES.map((m) => m.id)).toEqual(['each', 'sum', 'mean']);
  });

  it('sizes identity, box and Gaussian at every odd f to 9, the others at 3 only', () => {
    for (const id of ['identity', 'box', 'gaussian'] as const) {
      expect(PRESETS.find((p) => p.id === id)!.sizes).toEqual([1, 3, 5, 7, 9]);
    }
    for (const id of ['sharpen', 'sobel_x', 'sobel_y', 'laplacian', 'emboss'] as const) {
      expect(PRESETS.find((p) => p.id === id)!.sizes).toEqual([3]);
    }
  });
});

describe('the kernels', () => {
  it('are the textbook 3 x 3 forms, not flipped', () => {
    expect(kernel('sobel_x', 3)).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    expect(kernel('sobel_y', 3)).toEqual([-1, -2, -1, 0, 0, 0, 1, 2, 1]);
    expect(kernel('laplacian', 3)).toEqual([0, 1, 0, 1, -4, 1, 0, 1, 0]);
    expect(kernel('sharpen', 3)).toEqual([0, -1, 0, -1, 5, -1, 0, -1, 0]);
    expect(kernel('emboss', 3)).toEqual([-2, -1, 0, -1, 1, 1, 0, 1, 2]);
    expect(kernel('identity', 3)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('make the Gaussian from binomial coefficients, summing to exactly 1', () => {
    expect(kernel('gaussian', 3)).toEqual([1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16));
    expect(kernel('gaussian', 5).slice(0, 5)).toEqual([1, 4, 6, 4, 1].map((v) => v / 256));
    for (const f of [1, 3, 5, 7, 9]) expect(kernel('gaussian', f).reduce((s, v) => s + v, 0)).toBe(1);
    expect(kernel('gaussian', 1)).toEqual([1]);
  });

  it('make the box blur 1 / f^2 everywhere', () => {
    expect(kernel('box', 5)).toEqual(new Array(25).fill(1 / 25));
  });

  it('refuse a size a preset is not defined for, with a sentence', () => {
    expect(presetKernel('sobel_x', 5)).toEqual({
      ok: false,
      message: 'Sobel x is defined for f = 3 only, not f = 5.',
    });
    expect(presetKernel('box', 4)).toEqual({
      ok: false,
      message: 'Box blur needs an odd f from 1 to 9, not f = 4.',
    });
    expect(presetKernel('gaussian', 11).ok).toBe(false);
    expect(presetKernel('nope' as PresetId, 3)).toEqual({
      ok: false,
      message: "There is no filter preset called 'nope'.",
    });
    expect(presetKernel('box', 2.5).ok).toBe(false);
  });
});

describe('the bank', () => {
  it("'each' gives n_C = P * n_C_prev, each output channel reading only its own input channel", () => {
    const bank = buildFilterBank({ presets: ['identity', 'sobel_x'], f: 3, mode: 'each' }, 3);
    if (!bank.ok) throw new Error(bank.message);
    expect(bank.W.shape).toEqual([3, 3, 3, 6]);
    const at = (u: number, v: number, k: number, c: number): number =>
      bank.W.data[((u * 3 + v) * 3 + k) * 6 + c]!;
    for (let k = 0; k < 3; k++) {
      for (let c = 0; c < 6; c++) {
        // identity's centre for channel c = k; Sobel x's (0, 2) = 1 for channel c = 3 + k
        expect(at(1, 1, k, c)).toBe(c === k ? 1 : 0);
        expect(at(0, 2, k, c)).toBe(c === 3 + k ? 1 : 0);
      }
    }
    expect(bank.channels.map((ch) => channelLabel(ch, 3))).toEqual([
      'Identity (R)',
      'Identity (G)',
      'Identity (B)',
      'Sobel x (R)',
      'Sobel x (G)',
      'Sobel x (B)',
    ]);
  });

  it("'sum' puts the kernel on every input channel, 'mean' divides it by n_C_prev", () => {
    const sum = buildFilterBank({ presets: ['box'], f: 3, mode: 'sum' }, 3);
    const mean = buildFilterBank({ presets: ['box'], f: 3, mode: 'mean' }, 3);
    if (!sum.ok || !mean.ok) throw new Error('bank failed');
    expect(sum.W.shape).toEqual([3, 3, 3, 1]);
    expect(Array.from(sum.W.data)).toEqual(new Array(27).fill(1 / 9));
    expect(Array.from(mean.W.data)).toEqual(new Array(27).fill(1 / 9 / 3));
    expect(channelLabel(sum.channels[0]!, 3)).toBe('Box blur (all channels)');
    expect(Array.from(sum.b.data)).toEqual([0]);
  });

  it('gives the same W in all three modes for one input channel', () => {
    const ws = (['each', 'sum', 'mean'] as const).map((mode) => {
      const b = buildFilterBank({ presets: ['emboss', 'gaussian'], f: 3, mode }, 1);
      if (!b.ok) throw new Error(b.message);
      return Array.from(b.W.data);
    });
    expect(ws[1]).toEqual(ws[0]);
    expect(ws[2]).toEqual(ws[0]);
  });

  it.each([
    [{ presets: [], f: 3, mode: 'sum' }, 3, 'Choose at least one filter preset.'],
    [
      { presets: ['box'], f: 3, mode: 'max' },
      3,
      "The channel mode must be 'each', 'sum' or 'mean', not 'max'.",
    ],
    [{ presets: ['box'], f: 3, mode: 'sum' }, 0, 'The input must have 1 to 16 channels, not 0.'],
    [{ presets: ['sobel_x'], f: 5, mode: 'sum' }, 1, 'Sobel x is defined for f = 3 only, not f = 5.'],
    [
      { presets: new Array(9).fill('box'), f: 3, mode: 'sum' },
      1,
      'At most 8 presets fit in one layer, not 9.',
    ],
    [
      { presets: ['box', 'box', 'box'], f: 3, mode: 'each' },
      16,
      '3 presets on each of 16 channels make 48 output channels; at most 32 fit in one layer.',
    ],
  ] as const)('refuses %o on %i channels with a sentence', (spec, nCPrev, message) => {
    expect(buildFilterBank(spec as never, nCPrev)).toEqual({ ok: false, message });
  });
});
