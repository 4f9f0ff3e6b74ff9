// numpy's legacy generator against tests/fixtures/rng.txt, bit for bit.
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmEngine } from '../../src/engine/engine';
import { ConvstepError, type Shape4 } from '../../src/engine/types';
import { loadFixtures } from './fixtures';
import { sharedEngine } from './load';
import { bitwiseMismatch } from './reference';

let engine: WasmEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const cases = loadFixtures('rng.txt');

describe.each(cases.map((c) => [c.name, c] as const))('rng fixture %s', (_name, c) => {
  it('draws the same numbers as numpy, in the fixture order on one stream', () => {
    expect(c.seed).toBeDefined();
    expect(c.tensors.size).toBeGreaterThan(0);
    const rs = engine.randomState(c.seed!);
    try {
      for (const [name, want] of c.tensors) {
        if (name.startsWith('randn')) {
          expect(bitwiseMismatch(name, rs.randn(want.shape), want)).toBeNull();
        } else if (name.startsWith('random_sample')) {
          expect(bitwiseMismatch(name, rs.randomSample(want.shape), want)).toBeNull();
        } else if (name === 'raw_u32') {
          expect(rs.nextU32(want.data.length)).toEqual(Array.from(want.data));
        } else {
          throw new Error(`rng fixture ${c.name}: no rule for tensor ${name}`);
        }
      }
    } finally {
      rs.dispose();
    }
  });
});

// Cases drawn with randn alone also go through Engine.randn, the app's way in.
const randnCases = cases.filter((c) => [...c.tensors.keys()].every((name) => name.startsWith('randn')));
describe.each(randnCases.map((c) => [c.name, c] as const))('rng fixture %s', (_name, c) => {
  it('engine.randn(seed, shapes) gives the same arrays', () => {
    const want = [...c.tensors.values()];
    const got = engine.randn(
      c.seed!,
      want.map((t) => t.shape),
    );
    got.forEach((t, k) => expect(bitwiseMismatch(`array ${k}`, t, want[k]!)).toBeNull());
  });
});

describe('randn', () => {
  it('carries the cached Gaussian from one shape to the next, as consecutive numpy calls do', () => {
    const [a, b] = engine.randn(3, [
      [1, 1, 1, 7],
      [1, 1, 1, 5],
    ]);
    const [all] = engine.randn(3, [[1, 1, 1, 12]]);
    expect([...a!.data, ...b!.data]).toEqual([...all!.data]);
  });

  it('gives the notebook seed-1 arrays the fixtures start from', () => {
    const c = cases.find((x) => x.name === 'seed_1')!;
    const [t] = engine.randn(1, [[1, 1, 1, 7]]);
    expect(bitwiseMismatch('randn7', t!, c.tensors.get('randn7')!)).toBeNull();
  });

  it('keeps shapes and accepts empty ones', () => {
    const shapes: Shape4[] = [
      [2, 1, 3, 1],
      [0, 4, 4, 1],
      [1, 1, 1, 1],
    ];
    const out = engine.randn(0, shapes);
    expect(out.map((t) => t.shape)).toEqual(shapes);
    expect(out.map((t) => t.data.length)).toEqual([6, 0, 1]);
  });

  it('refuses seeds numpy refuses, with a sentence', () => {
    for (const seed of [-1, 2 ** 32, 0.5, Number.NaN]) {
      expect(() => engine.randn(seed, [[1, 1, 1, 1]]), String(seed)).toThrow(ConvstepError);
      expect(() => engine.randn(seed, [[1, 1, 1, 1]]), String(seed)).toThrow(
        /a seed is a whole number from 0 to 2\^32 - 1/,
      );
    }
  });
});
