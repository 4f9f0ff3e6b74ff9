// The batch functions against every reference fixture (numpy's results) and against the naive
// reference of reference.ts on random layers.
//
// Tolerance, per element: |got - want| <= 1e-12 * (1 + the sum of |term| over the terms summed into
// that element), the terms computed by reference.ts from the same inputs. numpy sums a window with
// pairwise summation while the C code sums in index order, so the last bits may differ.
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmEngine } from '../../src/engine/engine';
import type { ConvParams, PoolParams, PoolTies, Shape4, Tensor } from '../../src/engine/types';
import { loadFixtures, tensorOf, type FixtureCase } from './fixtures';
import { sharedEngine } from './load';
import {
  convOutShape,
  mismatch,
  poolOutShape,
  refConvBackward,
  refConvForward,
  refPoolBackward,
  refPoolForward,
} from './reference';

let engine: WasmEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const convCases = loadFixtures('conv.txt');
const poolCases = loadFixtures('pool.txt');

function convParams(c: FixtureCase): ConvParams {
  if (c.conv === undefined) throw new Error(`${c.name}: no conv line`);
  return c.conv;
}

describe('the comparison', () => {
  it('catches a difference beyond the tolerance and allows one within it', () => {
    const want: Tensor = { shape: [1, 1, 2, 1], data: Float64Array.from([1, 2]) };
    const mag = Float64Array.from([10, 10]);
    expect(
      mismatch('t', { shape: want.shape, data: Float64Array.from([1, 2 + 1e-13]) }, want, mag),
    ).toBeNull();
    expect(mismatch('t', { shape: want.shape, data: Float64Array.from([1, 2 + 1e-10]) }, want, mag)).toMatch(
      /^t\(0, 0, 1, 0\): got/,
    );
    expect(
      mismatch('t', { shape: want.shape, data: Float64Array.from([1, Number.NaN]) }, want, mag),
    ).not.toBeNull();
    expect(mismatch('t', { shape: [1, 1, 1, 2], data: want.data }, want, mag)).toMatch(/shape/);
  });
});

describe('fixtures', () => {
  it('are there to test against', () => {
    expect(convCases.length).toBeGreaterThan(5);
    expect(poolCases.length).toBeGreaterThan(5);
    expect(convCases.every((c) => c.op === 'conv')).toBe(true);
    expect(poolCases.every((c) => c.op === 'pool')).toBe(true);
  });
});

describe.each(convCases.map((c) => [c.name, c] as const))('conv fixture %s', (_name, c) => {
  const p = convParams(c);
  const A_prev = tensorOf(c, 'A_prev');
  const W = tensorOf(c, 'W');
  const b = tensorOf(c, 'b');
  const dZ = tensorOf(c, 'dZ');

  it('has the shape its header line gives', () => {
    expect(A_prev.shape).toEqual(c.shape);
    expect(W.shape).toEqual([p.f, p.f, A_prev.shape[3], p.nC]);
  });

  it('conv_forward matches numpy', () => {
    const ref = refConvForward(A_prev, W, b, p);
    const want = tensorOf(c, 'Z');
    // The naive reference agrees with numpy too, so its magnitudes are those of the right terms.
    expect(mismatch('reference Z', ref.value, want, ref.magnitude)).toBeNull();
    const Z = engine.convForward(A_prev, W, b, p);
    expect(Z.shape).toEqual(convOutShape(A_prev.shape, p));
    expect(mismatch('Z', Z, want, ref.magnitude)).toBeNull();
  });

  it('conv_backward matches numpy', () => {
    const ref = refConvBackward(dZ, A_prev, W, p);
    const got = engine.convBackward(dZ, A_prev, W, p);
    for (const name of ['dA_prev', 'dW', 'db'] as const) {
      const want = tensorOf(c, name);
      expect(mismatch(`reference ${name}`, ref[name].value, want, ref[name].magnitude)).toBeNull();
      expect(mismatch(name, got[name], want, ref[name].magnitude)).toBeNull();
    }
  });

  it('validateConv gives the output shape', () => {
    expect(engine.validateConv(A_prev.shape, p)).toEqual({ ok: true, outShape: tensorOf(c, 'Z').shape });
  });
});

describe.each(poolCases.map((c) => [c.name, c] as const))('pool fixture %s', (_name, c) => {
  if (c.pool === undefined) throw new Error(`${c.name}: no pool line`);
  const { f, stride, mode } = c.pool;
  const A_prev = tensorOf(c, 'A_prev');
  const dA = tensorOf(c, 'dA');
  const params = (ties: PoolTies): PoolParams => ({ f, stride, mode, ties });

  it('pool_forward matches numpy', () => {
    const ref = refPoolForward(A_prev, f, stride, mode);
    const want = tensorOf(c, 'A');
    expect(mismatch('reference A', ref.value, want, ref.magnitude)).toBeNull();
    const A = engine.poolForward(A_prev, params('all'));
    expect(A.shape).toEqual(poolOutShape(A_prev.shape, f, stride));
    expect(mismatch('A', A, want, ref.magnitude)).toBeNull();
    if (mode === 'max') expect(mismatch('A (max is exact)', A, want, null)).toBeNull();
  });

  // Tie cases carry one expected gradient per rule; the others one for both (no ties there).
  const expectations: [PoolTies, string][] = c.tensors.has('dA_prev')
    ? [
        ['all', 'dA_prev'],
        ['first', 'dA_prev'],
      ]
    : [
        ['all', 'dA_prev_ties_all'],
        ['first', 'dA_prev_ties_first'],
      ];
  it.each(expectations)('pool_backward with ties %s matches %s', (ties, wantName) => {
    const ref = refPoolBackward(dA, A_prev, f, stride, mode, ties);
    const want = tensorOf(c, wantName);
    expect(mismatch(`reference ${wantName}`, ref.value, want, ref.magnitude)).toBeNull();
    const got = engine.poolBackward(dA, A_prev, params(ties));
    expect(mismatch(wantName, got, want, ref.magnitude)).toBeNull();
  });
});

describe('tie fixtures', () => {
  it('tell the two tie rules apart', () => {
    const ties = poolCases.filter((c) => c.tensors.has('dA_prev_ties_all'));
    expect(ties.length).toBeGreaterThan(0);
    for (const c of ties) {
      const all = tensorOf(c, 'dA_prev_ties_all').data;
      const first = tensorOf(c, 'dA_prev_ties_first').data;
      expect(
        all.some((v, k) => v !== first[k]),
        c.name,
      ).toBe(true);
    }
  });
});

// ---- random layers against the naive reference ----

/** A small deterministic generator (mulberry32), so failures reproduce. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTensor(rand: () => number, shape: Shape4): Tensor {
  const n = shape[0] * shape[1] * shape[2] * shape[3];
  return { shape, data: Float64Array.from({ length: n }, () => rand() * 4 - 2) };
}

describe('random layers', () => {
  const rand = generator(20240611);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

  it('conv forward and backward agree with the naive reference (60 layers)', () => {
    let done = 0;
    while (done < 60) {
      const inShape: Shape4 = [int(1, 3), int(1, 9), int(1, 9), int(1, 4)];
      const p: ConvParams = {
        f: int(1, 4),
        nC: int(1, 4),
        stride: int(1, 3),
        pad: int(0, 3),
        dilation: int(0, 3),
      };
      if (!engine.validateConv(inShape, p).ok) continue;
      const A = randomTensor(rand, inShape);
      const W = randomTensor(rand, [p.f, p.f, inShape[3], p.nC]);
      const b = randomTensor(rand, [1, 1, 1, p.nC]);
      const fwd = refConvForward(A, W, b, p);
      const label = `layer ${JSON.stringify({ inShape, ...p })}`;
      expect(mismatch(`${label} Z`, engine.convForward(A, W, b, p), fwd.value, fwd.magnitude)).toBeNull();
      const dZ = randomTensor(rand, fwd.value.shape);
      const ref = refConvBackward(dZ, A, W, p);
      const got = engine.convBackward(dZ, A, W, p);
      for (const name of ['dA_prev', 'dW', 'db'] as const) {
        expect(mismatch(`${label} ${name}`, got[name], ref[name].value, ref[name].magnitude)).toBeNull();
      }
      done++;
    }
  });

  it('pool forward and backward agree with the naive reference (60 layers)', () => {
    let done = 0;
    while (done < 60) {
      const inShape: Shape4 = [int(1, 3), int(1, 8), int(1, 8), int(1, 3)];
      const p: PoolParams = {
        f: int(1, 4),
        stride: int(1, 3),
        mode: rand() < 0.5 ? 'max' : 'average',
        ties: rand() < 0.5 ? 'all' : 'first',
      };
      if (!engine.validatePool(inShape, p).ok) continue;
      // Values on a coarse grid, so that max windows often tie.
      const A = randomTensor(rand, inShape);
      A.data.forEach((v, k) => {
        A.data[k] = Math.round(v);
      });
      const label = `layer ${JSON.stringify({ inShape, ...p })}`;
      const fwd = refPoolForward(A, p.f, p.stride, p.mode);
      expect(mismatch(`${label} A`, engine.poolForward(A, p), fwd.value, fwd.magnitude)).toBeNull();
      const dA = randomTensor(rand, fwd.value.shape);
      const ref = refPoolBackward(dA, A, p.f, p.stride, p.mode, p.ties);
      expect(
        mismatch(`${label} dA_prev`, engine.poolBackward(dA, A, p), ref.value, ref.magnitude),
      ).toBeNull();
      done++;
    }
  });

  it('zeroPad puts zeros around each image', () => {
    const X = randomTensor(rand, [2, 3, 4, 2]);
    const P = engine.zeroPad(X, 2);
    expect(P.shape).toEqual([2, 7, 8, 2]);
    const at = (s: Shape4, i: number, h: number, w: number, c: number): number =>
      ((i * s[1] + h) * s[2] + w) * s[3] + c;
    for (let i = 0; i < 2; i++)
      for (let h = 0; h < 7; h++)
        for (let w = 0; w < 8; w++)
          for (let c = 0; c < 2; c++) {
            const inside = h >= 2 && h < 5 && w >= 2 && w < 6;
            const want = inside ? X.data[at(X.shape, i, h - 2, w - 2, c)] : 0;
            expect(P.data[at(P.shape, i, h, w, c)]).toBe(want);
          }
    expect(engine.zeroPad(X, 0).data).toEqual(X.data);
  });
});
