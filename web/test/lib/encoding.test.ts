// Link texts (lib/image/encoding.ts): a preset choice and a small W survive the round trip
// exactly and through URLSearchParams; bad text gets a sentence, never an exception.
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/engine/types';
import {
  encodeFilterSpec,
  encodeWeights,
  MAX_ENCODED_WEIGHTS,
  parseFilterSpec,
  parseWeights,
} from '../../src/lib/image/encoding';
import { buildFilterBank, type FilterBankSpec } from '../../src/lib/image/filters';

/** What a link does to a value: into a query string and back out. */
function throughQuery(text: string): string {
  const q = new URLSearchParams({ w: text }).toString();
  expect(q).toBe(`w=${text}`); // nothing needed escaping
  return new URLSearchParams(q).get('w')!;
}

describe('preset choice text', () => {
  it('reads back to the same choice, unchanged by a query string', () => {
    const specs: FilterBankSpec[] = [
      { presets: ['sobel_x', 'sobel_y'], f: 3, mode: 'sum' },
      { presets: ['gaussian'], f: 9, mode: 'each' },
      { presets: ['box', 'identity', 'emboss'], f: 3, mode: 'mean' },
    ];
    for (const spec of specs) {
      const text = encodeFilterSpec(spec);
      expect(parseFilterSpec(throughQuery(text))).toEqual({ ok: true, spec });
    }
    expect(encodeFilterSpec(specs[0]!)).toBe('sobel_x.sobel_y-3-sum');
  });

  it("accepts '+', a space, ':' and capitals as a person or a form may write them", () => {
    const want = { ok: true, spec: { presets: ['sobel_x', 'sobel_y'], f: 3, mode: 'sum' } };
    expect(parseFilterSpec('sobel_x+sobel_y:3:sum')).toEqual(want);
    expect(parseFilterSpec(' Sobel_X sobel_y-3-SUM ')).toEqual(want);
  });

  it.each([
    ['', 'The filter text is empty; write it like sobel_x.sobel_y-3-sum.'],
    [
      'sobel_x-3',
      "The filter text 'sobel_x-3' should have three parts, presets-f-mode, like sobel_x.sobel_y-3-sum.",
    ],
    [
      'blur-3-sum',
      "'blur' is not a filter preset; the presets are identity, box, gaussian, sharpen, sobel_x, sobel_y, laplacian, emboss.",
    ],
    ['box..box-3-sum', "The filter text 'box..box-3-sum' has an empty preset name."],
    ['box-x-sum', "The filter size in 'box-x-sum' must be a whole number such as 3, not 'x'."],
    ['box-3-add', "The channel mode in 'box-3-add' must be each, sum or mean, not 'add'."],
    ['sobel_x-5-sum', 'Sobel x is defined for f = 3 only, not f = 5.'],
    ['box-4-sum', 'Box blur needs an odd f from 1 to 9, not f = 4.'],
    ['box.box.box.box.box.box.box.box.box-3-sum', 'At most 8 presets fit in one layer, not 9.'],
  ])('refuses %j with a sentence', (text, message) => {
    expect(parseFilterSpec(text)).toEqual({ ok: false, message });
  });

  it('never throws on a value that is not text', () => {
    expect(parseFilterSpec(undefined as unknown as string).ok).toBe(false);
  });
});

describe('W text', () => {
  it('writes integer kernels compactly', () => {
    const bank = buildFilterBank({ presets: ['sharpen'], f: 3, mode: 'sum' }, 1);
    if (!bank.ok) throw new Error(bank.message);
    expect(encodeWeights(bank.W)).toEqual({ ok: true, text: '3x3x1x1_0_-1_0_-1_5_-1_0_-1_0' });
  });

  it('reads back every double bit for bit, -0 and exponents included, through a query string', () => {
    const values = [
      0.1,
      -1 / 3,
      1e21,
      2.5e-7,
      -0,
      5e-324,
      1.7976931348623157e308,
      Math.PI,
      -1,
      0,
      123456.789,
      1 / 9,
    ];
    const W: Tensor = { shape: [2, 2, 3, 1], data: Float64Array.from(values) };
    const enc = encodeWeights(W);
    if (!enc.ok) throw new Error(enc.message);
    expect(enc.text).toContain('_1e21_');
    const back = parseWeights(throughQuery(enc.text));
    if (!back.ok) throw new Error(back.message);
    expect(back.W.shape).toEqual(W.shape);
    back.W.data.forEach((v, q) => expect(Object.is(v, values[q])).toBe(true));
  });

  it('carries a 5 x 5 x 3 x 4 W and no more', () => {
    const big: Tensor = { shape: [5, 5, 3, 4], data: new Float64Array(300).map((_, q) => q / 7) };
    expect(MAX_ENCODED_WEIGHTS).toBe(300);
    const enc = encodeWeights(big);
    expect(enc.ok).toBe(true);
    if (enc.ok) expect(parseWeights(enc.text).ok).toBe(true);
    const bigger: Tensor = { shape: [5, 5, 3, 5], data: new Float64Array(375) };
    expect(encodeWeights(bigger)).toEqual({
      ok: false,
      message: 'W has 375 values; a link can carry at most 300.',
    });
  });

  it('refuses NaN and infinities', () => {
    const W: Tensor = { shape: [1, 1, 1, 2], data: Float64Array.from([1, Number.NaN]) };
    expect(encodeWeights(W)).toEqual({ ok: false, message: 'W holds NaN, which a link cannot carry.' });
  });

  it.each([
    ['', 'The weights text is empty; write it like 3x3x1x1_0_-1_0_-1_5_-1_0_-1_0.'],
    [
      '3x3x1_1',
      "The weights text should start with its shape f x f x n_C_prev x n_C, like 3x3x1x1, not '3x3x1'.",
    ],
    ['3x2x1x1_1_2_3_4_5_6', 'The window must be square (f × f), not 3 × 2.'],
    ['11x11x1x1_1', 'The filter size f must be 1 to 9, not 11.'],
    ['1x1x0x1_', 'n_C_prev must be 1 to 16, not 0.'],
    ['1x1x1x33_1', 'n_C must be 1 to 32, not 33.'],
    ['9x9x2x2_1', 'A 9x9x2x2 W has 324 values; a link can carry at most 300.'],
    ['1x1x1x2_1', 'A 1x1x1x2 W needs 2 values, but the text has 1.'],
    ['1x1x1x2_1_abc', "Value 2 of the weights, 'abc', is not a finite number."],
    ['1x1x1x2_1_', "Value 2 of the weights, '', is not a finite number."],
    ['1x1x1x1_Infinity', "Value 1 of the weights, 'Infinity', is not a finite number."],
    ['1x1x1x1_0x10', "Value 1 of the weights, '0x10', is not a finite number."],
    ['1x1x1x1_1e999', "Value 1 of the weights, '1e999', is not a finite number."],
  ])('refuses %j with a sentence', (text, message) => {
    expect(parseWeights(text)).toEqual({ ok: false, message });
  });
});
