// Steppers and batch calls give back every byte: 1,000 create/dispose cycles of each op leave the
// malloc heap exactly as it was and the WebAssembly memory no larger.
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmEngine } from '../../src/engine/engine';
import type { StepperSpec } from '../../src/engine/types';
import { loadFixtures, tensorOf } from './fixtures';
import { freshEngine } from './load';

let engine: WasmEngine;
beforeAll(async () => {
  engine = await freshEngine();
});

const conv = loadFixtures('conv.txt').find((c) => c.name === 'notebook_conv_backward')!;
const pool = loadFixtures('pool.txt').find((c) => c.name === 'notebook_pool_backward_max')!;
const specs: StepperSpec[] = [
  {
    op: 'conv_forward',
    A_prev: tensorOf(conv, 'A_prev'),
    W: tensorOf(conv, 'W'),
    b: tensorOf(conv, 'b'),
    params: conv.conv!,
  },
  {
    op: 'conv_backward',
    dZ: tensorOf(conv, 'dZ'),
    A_prev: tensorOf(conv, 'A_prev'),
    W: tensorOf(conv, 'W'),
    params: conv.conv!,
  },
  { op: 'pool_forward', A_prev: tensorOf(pool, 'A_prev'), params: { ...pool.pool!, ties: 'all' } },
  {
    op: 'pool_backward',
    dA: tensorOf(pool, 'dA'),
    A_prev: tensorOf(pool, 'A_prev'),
    params: { ...pool.pool!, ties: 'first' },
  },
];

describe.each(specs.map((s) => [s.op, s] as const))('%s steppers', (_op, spec) => {
  it('1,000 created, stepped and disposed do not grow the heap', () => {
    // Warm up once, so the heap has reached the size one stepper needs.
    const first = engine.createStepper(spec);
    first.seek(first.total);
    first.dispose();
    const before = engine.heapStats();
    for (let k = 0; k < 1000; k++) {
      const s = engine.createStepper(spec);
      s.next();
      s.seek(Math.floor(s.total / 2));
      s.window();
      s.tensor('A_prev_pad');
      s.dispose();
      s.dispose();
    }
    const after = engine.heapStats();
    expect(after.inUse).toBe(before.inUse);
    expect(after.top).toBe(before.top);
    expect(after.memoryBytes).toBe(before.memoryBytes);
  });
});

describe('batch calls', () => {
  it('1,000 rounds of every kernel do not grow the heap', () => {
    const A = tensorOf(conv, 'A_prev'),
      W = tensorOf(conv, 'W'),
      b = tensorOf(conv, 'b'),
      dZ = tensorOf(conv, 'dZ');
    const P = tensorOf(pool, 'A_prev'),
      dA = tensorOf(pool, 'dA');
    const pp = { ...pool.pool!, ties: 'all' as const };
    const round = (): void => {
      engine.convForward(A, W, b, conv.conv!);
      engine.convBackward(dZ, A, W, conv.conv!);
      engine.poolForward(P, pp);
      engine.poolBackward(dA, P, pp);
      engine.zeroPad(A, 2);
      engine.randn(1, [[2, 5, 7, 4]]);
      engine.validateConv(A.shape, conv.conv!);
    };
    round();
    const before = engine.heapStats();
    for (let k = 0; k < 1000; k++) round();
    const after = engine.heapStats();
    expect(after).toEqual(before);
  });
});
