// Bad input: every failure is a ConvstepError with a status and a sentence for people, nothing
// leaks, and the engine keeps working afterwards.
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmEngine } from '../../src/engine/engine';
import { Status } from '../../src/engine/status';
import {
  ConvstepError,
  type ConvParams,
  type PoolParams,
  type Shape4,
  type StepperSpec,
  type Tensor,
} from '../../src/engine/types';
import { loadFixtures, tensorOf } from './fixtures';
import { freshEngine, sharedEngine } from './load';
import { bitwiseMismatch } from './reference';

let engine: WasmEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const conv = loadFixtures('conv.txt').find((c) => c.name === 'notebook_conv_forward')!;
const pool = loadFixtures('pool.txt').find((c) => c.name === 'notebook_pool_forward_s2_max')!;
const A_prev = tensorOf(conv, 'A_prev');
const W = tensorOf(conv, 'W');
const b = tensorOf(conv, 'b');
const cp: ConvParams = conv.conv!;
const pp: PoolParams = { ...pool.pool!, ties: 'all' };
const P_prev = tensorOf(pool, 'A_prev');
const dA = tensorOf(pool, 'dA');

const zeros = (shape: Shape4): Tensor => ({
  shape,
  data: new Float64Array(shape[0] * shape[1] * shape[2] * shape[3]),
});
const short = (t: Tensor): Tensor => ({ shape: t.shape, data: t.data.subarray(1) });

/** What was called, the status it must fail with, and words its sentence must hold. */
const bad: [string, () => unknown, number, RegExp][] = [
  [
    'A_prev with too few values',
    () => engine.convForward(short(A_prev), W, b, cp),
    Status.SHAPE,
    /A_prev has 279 values, but its shape 2×5×7×4 needs 280/,
  ],
  [
    'a shape of three numbers',
    () => engine.poolForward({ shape: [2, 5, 5] as unknown as Shape4, data: new Float64Array(50) }, pp),
    Status.SHAPE,
    /a shape is four whole numbers/,
  ],
  [
    'f of 0',
    () => engine.convForward(A_prev, W, b, { ...cp, f: 0 }),
    Status.PARAM,
    /filter size f must be at least 1, got 0/,
  ],
  [
    'stride of 1.5',
    () => engine.convForward(A_prev, W, b, { ...cp, stride: 1.5 }),
    Status.PARAM,
    /stride must be a whole number, not 1.5/,
  ],
  [
    'negative pad',
    () => engine.convForward(A_prev, W, b, { ...cp, pad: -1 }),
    Status.PARAM,
    /pad must be 0 or more, got -1/,
  ],
  [
    'a filter larger than the padded input',
    () => engine.convForward(A_prev, zeros([9, 9, 4, 8]), b, { ...cp, f: 9 }),
    Status.SHAPE,
    /does not fit/,
  ],
  [
    'W of the wrong shape',
    () => engine.convForward(A_prev, zeros([3, 3, 3, 8]), b, cp),
    Status.SHAPE,
    /W has shape 3×3×3×8, but f 3 with 4 input channels and n_C 8 needs 3×3×4×8/,
  ],
  [
    'b of the wrong length',
    () => engine.convForward(A_prev, W, zeros([1, 1, 1, 7]), cp),
    Status.SHAPE,
    /b has shape 1×1×1×7/,
  ],
  [
    'dZ of the wrong shape',
    () => engine.convBackward(zeros([2, 3, 4, 7]), A_prev, W, cp),
    Status.SHAPE,
    /dZ has shape 2×3×4×7, but the output Z of this layer needs 2×3×4×8/,
  ],
  [
    'dA of the wrong shape',
    () => engine.poolBackward(zeros([2, 3, 3, 3]), P_prev, pp),
    Status.SHAPE,
    /dA has shape 2×3×3×3, but the output A of this layer needs 2×2×2×3/,
  ],
  [
    'an unknown pooling mode',
    () => engine.poolForward(P_prev, { ...pp, mode: 'median' as 'max' }),
    Status.PARAM,
    /pooling mode must be "max" or "average", not "median"/,
  ],
  [
    'an unknown tie rule',
    () => engine.poolForward(P_prev, { ...pp, ties: 'last' as 'all' }),
    Status.PARAM,
    /ties must be "all" or "first", not "last"/,
  ],
  [
    'a pooling window larger than the input',
    () => engine.poolForward(P_prev, { ...pp, f: 6 }),
    Status.SHAPE,
    /window 6×6 does not fit the input 5×5/,
  ],
  [
    'a missing tensor',
    () => engine.poolForward(undefined as unknown as Tensor, pp),
    Status.NULL,
    /A_prev is missing/,
  ],
  [
    'values that are not a Float64Array',
    () =>
      engine.poolForward(
        { shape: P_prev.shape, data: Array.from(P_prev.data) as unknown as Float64Array },
        pp,
      ),
    Status.SHAPE,
    /must be a Float64Array/,
  ],
  [
    'a negative pad for zeroPad',
    () => engine.zeroPad(A_prev, -2),
    Status.PARAM,
    /pad must be a whole number of 0 or more/,
  ],
  [
    'a stepper with a bad stride',
    () => engine.createStepper({ op: 'conv_forward', A_prev, W, b, params: { ...cp, stride: 0 } }),
    Status.PARAM,
    /stride must be at least 1, got 0/,
  ],
  [
    'a stepper with dZ of the wrong shape',
    () => engine.createStepper({ op: 'conv_backward', dZ: zeros([1, 1, 1, 1]), A_prev, W, params: cp }),
    Status.SHAPE,
    /dZ has shape 1×1×1×1/,
  ],
  [
    'a stepper for an unknown op',
    () => engine.createStepper({ op: 'conv_sideways' } as unknown as StepperSpec),
    Status.PARAM,
    /no operation is called "conv_sideways"/,
  ],
];

describe('bad input', () => {
  it.each(bad)('%s: ConvstepError with a sentence', (_what, call, status, words) => {
    const before = engine.heapStats().inUse;
    let caught: unknown = null;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConvstepError);
    const e = caught as ConvstepError;
    expect(e.name).toBe('ConvstepError');
    expect(e.status).toBe(status);
    expect(e.message).toMatch(words);
    expect(e.message.length).toBeGreaterThan(12);
    // Nothing allocated for the failed call stays allocated.
    expect(engine.heapStats().inUse).toBe(before);
  });

  it('leaves the engine working', () => {
    for (const [, call] of bad) {
      try {
        call();
      } catch {
        /* expected */
      }
    }
    const Z = engine.convForward(A_prev, W, b, cp);
    const again = engine.convForward(A_prev, W, b, cp);
    expect(bitwiseMismatch('Z', Z, again)).toBeNull();
    expect(engine.poolBackward(dA, P_prev, pp).shape).toEqual(P_prev.shape);
  });
});

describe('validation', () => {
  it("answers with the C library's sentence and status, without throwing", () => {
    expect(engine.validateConv([2, 5, 7, 4], cp)).toEqual({ ok: true, outShape: [2, 3, 4, 8] });
    expect(engine.validateConv([2, 5, 7, 4], { ...cp, nC: 0 })).toEqual({
      ok: false,
      status: Status.PARAM,
      message: 'n_C (number of filters) must be at least 1, got 0',
    });
    expect(engine.validateConv([0, 5, 7, 4], cp)).toEqual({
      ok: false,
      status: Status.SHAPE,
      message: 'm (samples) must be at least 1, got 0',
    });
    const huge = engine.validateConv([1, 4096, 4096, 1], { ...cp, nC: 1 });
    expect(huge.ok).toBe(false);
    if (!huge.ok) {
      expect(huge.status).toBe(Status.TOO_LARGE);
      expect(huge.message).toMatch(/more than the limit of 4194304 elements/);
    }
    expect(engine.validatePool([2, 5, 5, 3], pp)).toEqual({ ok: true, outShape: [2, 2, 2, 3] });
    const p = engine.validatePool([2, 5, 5, 3], { ...pp, stride: 2.5 });
    expect(p).toEqual({ ok: false, status: Status.PARAM, message: 'stride must be a whole number, not 2.5' });
  });

  it('gives every status a sentence', () => {
    for (const st of Object.values(Status)) {
      expect(engine.statusMessage(st).length, String(st)).toBeGreaterThan(1);
    }
  });
});

describe('running out of memory', () => {
  it('is a ConvstepError with a sentence, and disposing brings the memory back', async () => {
    // A module of its own: the WebAssembly memory grows to its 1 GiB limit here and never shrinks.
    const big = await freshEngine();
    const side: Shape4 = [1, 2048, 2048, 1]; // 2^22 values, the library's limit per tensor
    const X: Tensor = { shape: side, data: new Float64Array(2 ** 22).fill(1) };
    const spec: StepperSpec = {
      op: 'conv_forward',
      A_prev: X,
      W: zeros([1, 1, 1, 1]),
      b: zeros([1, 1, 1, 1]),
      params: { f: 1, nC: 1, stride: 1, pad: 0, dilation: 0 },
    };
    const held = [];
    let failure: unknown = null;
    for (let k = 0; k < 40 && failure === null; k++) {
      try {
        held.push(big.createStepper(spec));
      } catch (e) {
        failure = e;
      }
    }
    expect(failure).toBeInstanceOf(ConvstepError);
    expect((failure as ConvstepError).status).toBe(Status.NOMEM);
    expect((failure as ConvstepError).message).toMatch(/out of memory/);
    expect(held.length).toBeGreaterThan(3);
    // A batch call in the full heap fails the same way.
    expect(() => big.poolForward(X, { f: 1, stride: 1, mode: 'max', ties: 'all' })).toThrow(/out of memory/);
    for (const s of held) s.dispose();
    const out = big.poolForward(X, { f: 2, stride: 2, mode: 'average', ties: 'all' });
    expect(out.shape).toEqual([1, 1024, 1024, 1]);
    expect(out.data.every((v) => v === 1)).toBe(true);
  }, 60_000);
});
