// The printer against numpy 1.24's own output (tests/fixtures/numpy_text.txt), byte for byte.
import { describe, expect, it } from 'vitest';
import { arrayRepr, arrayStr, pyFloatRepr, pythonPrint, toListRepr } from '../../src/lib/numpy';
import { loadTextFixtures } from './numpyTextFixtures';

const cases = loadTextFixtures();
const arrays = cases.filter((c) => c.texts.has('str'));
const prints = cases.filter((c) => c.texts.has('print'));
const scalars = cases.find((c) => c.name === 'scalars')!;

describe.each(arrays.map((c) => [c.name, c] as const))('numpy fixture %s', (_name, c) => {
  const a = { data: c.data, shape: c.shape };
  it('print(arr) text equals numpy str(arr) byte for byte', () => {
    expect(arrayStr(a, c.options)).toBe(c.texts.get('str'));
  });
  it('repr(arr) text equals numpy repr(arr) byte for byte', () => {
    expect(arrayRepr(a, c.options)).toBe(c.texts.get('repr'));
  });
  it('tolist text equals Python repr(arr.tolist()) byte for byte', () => {
    expect(toListRepr(a)).toBe(c.texts.get('tolist'));
  });
});

describe.each(prints.map((c) => [c.name, c] as const))('notebook print %s', (_name, c) => {
  it('print(label, value) equals what Python printed', () => {
    const value = c.shape.length === 0 ? c.data[0]! : { data: c.data, shape: c.shape };
    expect(pythonPrint([c.label!, value])).toBe(c.texts.get('print'));
  });
});

describe('scalars', () => {
  it('fixture holds a spread of doubles (random bits, 60 decades, boundaries, ties)', () => {
    expect(scalars.data.length).toBeGreaterThan(1500);
  });
  it('pyFloatRepr equals str(np.float64(v)) == repr(float(v)) for every value', () => {
    const want = scalars.texts.get('scalar')!.split('\n');
    const wrong = Array.from(scalars.data, (v, k) => [pyFloatRepr(v), want[k]!] as const).filter(
      ([got, w]) => got !== w,
    );
    expect(wrong.slice(0, 10)).toEqual([]);
  });
  it('one-element arrays print as numpy prints them (notation, rounding at 8 digits, ties to even)', () => {
    const want = scalars.texts.get('str1')!.split('\n');
    const wrong = Array.from(
      scalars.data,
      (v, k) => [v, arrayStr({ data: [v], shape: [1] }), want[k]!] as const,
    ).filter(([, got, w]) => got !== w);
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});

describe('printer contract', () => {
  it('a plain number[] works as data', () => {
    expect(arrayStr({ data: [1.2, -0.3], shape: [2] })).toBe('[ 1.2 -0.3]');
  });
  it('a shape that does not match the data is a RangeError, not a wrong print', () => {
    expect(() => arrayStr({ data: [1, 2, 3], shape: [2, 2] })).toThrow(RangeError);
    expect(() => arrayRepr({ data: [1], shape: [-1] })).toThrow(RangeError);
  });
});
