// pool_forward's and pool_backward's view models against tests/fixtures/pool.txt and against
// the seed's loops written out here: the data the notebook draws, the window and mask of a
// step, the running sums the stage shows (before + added = after), the steps that write each
// dA_prev cell, both tie rules, the code marks, the link, the printed slice.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PoolTies, Tensor } from '../../src/engine/types';
import { sameConfig, type Config } from '../../src/state/config';
import { poolChoices } from '../../src/ops/pool/choices';
import {
  createMask,
  NOTEBOOK_POOL_BACKWARD,
  NOTEBOOK_POOL_FORWARD,
  poolFormulas,
  poolVisited,
  pyRepr,
  stepList,
  windowsOver,
  writesTo,
} from '../../src/ops/pool/pool';
import {
  openPoolBackward,
  poolBackwardFrame,
  describePoolBackward,
  type PoolBackwardRun,
} from '../../src/ops/pool_backward/model';
import {
  poolBackwardC,
  poolBackwardPython,
  poolCodeMarks,
  poolForwardC,
  poolForwardPython,
} from '../../src/ops/pool/code';
import {
  openPoolForward,
  poolForwardFrame,
  describePoolForward,
  type PoolForwardRun,
} from '../../src/ops/pool_forward/model';
import { tipAprev } from '../../src/ops/pool/tips';
import { tipDA, tipDAprev } from '../../src/ops/pool_backward/tips';
import { tipA } from '../../src/ops/pool_forward/tips';
import { flatOffset, stepNumber } from '../../src/lib/tensor';
import { URL_CODEC } from '../../src/ops/index';

const { parseQuery, toQuery } = URL_CODEC;
import { toListRepr } from '../../src/lib/numpy/index';
import { poolBackwardPrintouts } from '../../src/ops/pool_backward/printouts';
import { poolForwardPrintouts } from '../../src/ops/pool_forward/printouts';
import { maskText } from '../../src/ops/pool/PoolCode';
import { arrangementSize, bestArrangement, fitCell } from '../../src/ops/pool/layout';
import { parseFixtures, tensorOf } from '../engine/fixtures';
import { disposeAfterTest, engine, makeStore } from './setup';

// vitest runs from the repository's top folder (happy-dom's import.meta.url is not a file: URL)
const cases = parseFixtures(
  readFileSync(resolve(process.cwd(), 'tests/fixtures/pool.txt'), 'utf8'),
  'pool.txt',
);
const fixture = (name: string) => {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`no fixture case ${name}`);
  return c;
};

async function openF(c: Config): Promise<PoolForwardRun> {
  return disposeAfterTest(openPoolForward(await engine(), c));
}
async function openB(c: Config): Promise<PoolBackwardRun> {
  return disposeAfterTest(openPoolBackward(await engine(), c));
}

function at(t: Tensor, i: number, h: number, w: number, c: number): number {
  return t.data[flatOffset(t.shape, [i, h, w, c])]!;
}

/** The seed's pool_backward written out, with the mask rule as a parameter. */
function seedPoolBackward(
  dA: Tensor,
  A_prev: Tensor,
  f: number,
  stride: number,
  mode: 'max' | 'average',
  ties: PoolTies,
): Float64Array {
  const [m, H, W, C] = A_prev.shape;
  const [, nH, nW] = dA.shape;
  const out = new Float64Array(m * H * W * C);
  for (let i = 0; i < m; i++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++) {
          const vs = h * stride;
          const hs = w * stride;
          const da = at(dA, i, h, w, c);
          const x: number[] = [];
          for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) x.push(at(A_prev, i, vs + u, hs + v, c));
          const mx = Math.max(...x);
          let first = true;
          for (let u = 0; u < f; u++)
            for (let v = 0; v < f; v++) {
              const o = flatOffset(A_prev.shape, [i, vs + u, hs + v, c]);
              if (mode === 'average') out[o]! += da / (f * f);
              else if (x[u * f + v] === mx && (ties === 'all' || first)) {
                out[o]! += da;
                first = false;
              }
            }
        }
  return out;
}

describe('the notebook’s pool_forward case', () => {
  for (const [name, stride, mode] of [
    ['notebook_pool_forward_s1_max', 1, 'max'],
    ['notebook_pool_forward_s1_average', 1, 'average'],
    ['notebook_pool_forward_s2_max', 2, 'max'],
  ] as const) {
    it(`${name}: the notebook’s A_prev, and A fills in to the fixture’s`, async () => {
      const fx = fixture(name);
      const s = await openF({ ...NOTEBOOK_POOL_FORWARD, stride, mode });
      expect(Array.from(s.data.A_prev.data)).toEqual(Array.from(tensorOf(fx, 'A_prev').data));
      const A = tensorOf(fx, 'A');
      expect(s.total).toBe(A.data.length);
      s.stepper.seek(s.total);
      const fr = poolForwardFrame(s, s.total);
      fr.out!.data.forEach((v, k) =>
        expect(Math.abs(v - A.data[k]!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(A.data[k]!))),
      );
    });
  }

  it('shows each step’s window, mask and value as the seed’s loop computes them', async () => {
    const s = await openF(NOTEBOOK_POOL_FORWARD);
    const A = tensorOf(fixture('notebook_pool_forward_s1_max'), 'A');
    for (const k of [1, 2, 5, 9, 10, 28, 54]) {
      s.stepper.seek(k);
      const fr = poolForwardFrame(s, k);
      // k-1 = ((i*C + c)*nH + h)*nW + w
      const w = (k - 1) % 3;
      const h = Math.floor((k - 1) / 3) % 3;
      const c = Math.floor((k - 1) / 9) % 3;
      const i = Math.floor((k - 1) / 27);
      expect([fr.win!.i, fr.win!.c, fr.win!.h, fr.win!.w]).toEqual([i, c, h, w]);
      expect([fr.win!.vertStart, fr.win!.vertEnd, fr.win!.horiStart, fr.win!.horiEnd]).toEqual([
        h,
        h + 3,
        w,
        w + 3,
      ]);
      const slice: number[] = [];
      for (let u = 0; u < 3; u++)
        for (let v = 0; v < 3; v++) slice.push(at(s.data.A_prev, i, h + u, w + v, c));
      expect(fr.slice).toEqual(slice);
      expect(fr.win!.value).toBe(at(A, i, h, w, c));
      expect(Array.from(fr.mask)).toEqual(slice.map((x) => (x === Math.max(...slice) ? 1 : 0)));
      // the stage's A[i, :, :, c]: filled exactly up to this step
      for (let hh = 0; hh < 3; hh++)
        for (let ww = 0; ww < 3; ww++) {
          const done = stepNumber(s, i, c, hh, ww) <= k;
          const v = fr.A[hh * 3 + ww]!;
          if (done) expect(v).toBe(at(A, i, hh, ww, c));
          else expect(Number.isNaN(v)).toBe(true);
        }
    }
  });

  it('average: the sum of the window / (f·f) is the value written', async () => {
    const s = await openF({ ...NOTEBOOK_POOL_FORWARD, mode: 'average' });
    for (const k of [1, 17, 54]) {
      s.stepper.seek(k);
      const fr = poolForwardFrame(s, k);
      expect(fr.sum / 9).toBe(fr.win!.value);
      expect(fr.mask.every((x) => x === 0)).toBe(true);
    }
    expect(describePoolForward(poolForwardFrame(s, 54), 'gauss')).toMatch(
      /^step 54 of 54: i=1, c=2, h=2, w=2, A = .* \(mean of 9\)$/,
    );
  });

  it('prints A[1, 1] as the notebook does', async () => {
    const s = await openF(NOTEBOOK_POOL_FORWARD);
    s.stepper.seek(s.total);
    const printed = poolForwardPrintouts(s).lines[2]?.value;
    expect(printed?.expr).toBe('A[1, 1]');
    const text = toListRepr(printed!.array);
    // the notebook: A[1, 1] = [[1.96710175 0.84616065 1.27375593] [1.96710175 0.84616065 1.23616403] [1.62765075 1.12141771 1.2245077]]
    const rows = JSON.parse(text) as number[][];
    expect(rows.map((r) => r.map((v) => v.toFixed(8)))).toEqual([
      ['1.96710175', '0.84616065', '1.27375593'],
      ['1.96710175', '0.84616065', '1.23616403'],
      ['1.62765075', '1.12141771', '1.22450770'],
    ]);
  });
});

describe('the notebook’s pool_backward case', () => {
  for (const mode of ['max', 'average'] as const) {
    it(`${mode}: draws A_prev then dA as the notebook does, and ends at the fixture’s dA_prev, bit for bit`, async () => {
      const fx = fixture(`notebook_pool_backward_${mode}`);
      const s = await openB({ ...NOTEBOOK_POOL_BACKWARD, mode });
      expect(Array.from(s.data.A_prev.data)).toEqual(Array.from(tensorOf(fx, 'A_prev').data));
      expect(Array.from(s.data.dA.data)).toEqual(Array.from(tensorOf(fx, 'dA').data));
      expect(s.total).toBe(5 * 2 * 4 * 2);
      s.stepper.seek(s.total);
      const fr = poolBackwardFrame(s, s.total);
      expect(Array.from(fr.dA_prev!.data)).toEqual(Array.from(tensorOf(fx, 'dA_prev').data));
    });
  }

  it('prints dA_prev[1, 1] at the end of the walk exactly as the notebook does', async () => {
    const want = {
      max: '[[0.0, 0.0], [5.058443935342465, -1.6828270215556507], [0.0, 0.0]]',
      average:
        '[[0.08485462489158352, 0.2787551982460382], [1.2646109838356163, -0.2574937269055999], [1.179756358944033, -0.5362489251516381]]',
    };
    for (const mode of ['max', 'average'] as const) {
      const s = await openB({ ...NOTEBOOK_POOL_BACKWARD, mode });
      const printed = poolBackwardPrintouts(s).lines[2]?.value;
      expect(printed?.expr).toBe('dA_prev[1, 1]');
      expect(toListRepr(printed!.array)).toBe(want[mode]);
    }
  });

  it('every step: before + added = after, cell by cell, and the rest of dA_prev[i,:,:,c] is unchanged', async () => {
    for (const mode of ['max', 'average'] as const) {
      const s = await openB({ ...NOTEBOOK_POOL_BACKWARD, mode });
      let prev: Float64Array = new Float64Array(15);
      let prevIC = '0,0';
      for (let k = 1; k <= s.total; k++) {
        s.stepper.seek(k);
        const fr = poolBackwardFrame(s, k);
        const win = fr.win!;
        const ic = `${fr.i},${fr.c}`;
        if (ic !== prevIC) prev = new Float64Array(15);
        for (let j = 0; j < 4; j++) {
          expect(fr.before[j]! + fr.added[j]!, `step ${k} cell ${j}`).toBe(fr.after[j]);
          const r = win.vertStart + Math.floor(j / 2);
          const q = win.horiStart + (j % 2);
          expect(fr.before[j]).toBe(prev[r * 3 + q]);
        }
        for (let r = 0; r < 5; r++)
          for (let q = 0; q < 3; q++) {
            const inWin = r >= win.vertStart && r < win.vertEnd && q >= win.horiStart && q < win.horiEnd;
            if (!inWin) expect(fr.dAp[r * 3 + q]).toBe(prev[r * 3 + q]);
          }
        // max: the gradient goes where the mask is, all of dA; average: a quarter everywhere
        if (mode === 'max')
          expect(fr.added.filter((_, j) => fr.gets[j] === 1).every((x) => x === win.value)).toBe(true);
        else expect(fr.added).toEqual([1, 2, 3, 4].map(() => win.value / 4));
        prev = fr.dAp;
        prevIC = ic;
      }
    }
  });

  it('lists the steps that write each dA_prev cell; their amounts sum to its final value', async () => {
    for (const mode of ['max', 'average'] as const) {
      const s = await openB({ ...NOTEBOOK_POOL_BACKWARD, mode });
      s.stepper.seek(s.total);
      const fr0 = poolBackwardFrame(s, s.total);
      for (let i = 0; i < 5; i++)
        for (let c = 0; c < 2; c++) {
          const a = Float64Array.from({ length: 15 }, (_, k) =>
            at(s.data.A_prev, i, Math.floor(k / 3), k % 3, c),
          );
          const dA = Float64Array.from({ length: 8 }, (_, k) =>
            at(s.data.dA, i, Math.floor(k / 2), k % 2, c),
          );
          for (let r = 0; r < 5; r++)
            for (let q = 0; q < 3; q++) {
              const ws = writesTo(s, a, dA, i, c, r, q);
              let sum = 0;
              for (const x of ws) sum += x.amount;
              expect(sum).toBe(at(fr0.dA_prev!, i, r, q, c));
              expect(ws.map((x) => x.step)).toEqual([...ws.map((x) => x.step)].sort((x, y) => x - y));
              if (mode === 'average') expect(ws.length).toBe(windowsOver(s, r, q).length);
            }
        }
    }
  });

  it('describes a step for screen readers', async () => {
    const s = await openB(NOTEBOOK_POOL_BACKWARD);
    s.stepper.seek(1);
    expect(describePoolBackward(poolBackwardFrame(s, 1), 'gauss')).toBe(
      'step 1 of 80: i=0, c=0, h=0, w=0, dA = −0.3101, adds −0.3101 to 1 cell',
    );
    s.stepper.seek(0);
    expect(describePoolBackward(poolBackwardFrame(s, 0), 'gauss')).toBe('step 0 of 80: nothing added yet');
  });
});

describe('max-pool ties', () => {
  it('create_mask_from_window: every tied maximum, or only the first (PyTorch)', () => {
    expect(Array.from(createMask([1, 3, 3, 2], 'all'))).toEqual([0, 1, 1, 0]);
    expect(Array.from(createMask([1, 3, 3, 2], 'first'))).toEqual([0, 1, 0, 0]);
    expect(Array.from(createMask([2, 2, 2, 2, 2, 2, 2, 2, 2], 'all'))).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(createMask([-1, -3, -2, -1], 'first'))).toEqual([1, 0, 0, 0]);
  });

  it('create_mask_from_window with NaN: np.max is NaN, so no cell is picked, as the C library routes it', async () => {
    // np.max([1, nan, 3, 3]) is nan and x == nan is False everywhere: the mask is all zeros,
    // wherever the NaN sits in the window (the C kernel's `beats` keeps a NaN for good).
    for (const ties of ['all', 'first'] as const) {
      expect(Array.from(createMask([1, Number.NaN, 3, 3], ties))).toEqual([0, 0, 0, 0]);
      expect(Array.from(createMask([Number.NaN, 1, 3, 3], ties))).toEqual([0, 0, 0, 0]);
      expect(Array.from(createMask([1, 2, 3, Number.NaN], ties))).toEqual([0, 0, 0, 0]);
    }
    // the same window through the C stepper: its mask for step 1
    const e = await engine();
    const st = e.createStepper({
      op: 'pool_backward',
      A_prev: { shape: [1, 2, 2, 1], data: Float64Array.from([1, Number.NaN, 3, 3]) },
      dA: { shape: [1, 1, 1, 1], data: Float64Array.from([1]) },
      params: { f: 2, stride: 1, mode: 'max', ties: 'all' },
    });
    try {
      st.seek(1);
      expect(Array.from(st.window().mask)).toEqual(Array.from(createMask([1, Number.NaN, 3, 3], 'all')));
    } finally {
      st.dispose();
    }
  });

  for (const name of ['ties_f2_s1', 'ties_f2_s2', 'ties_f3_s1', 'ties_f3_s2_constant_window']) {
    it(`${name}: the writes of each cell add up to the fixture, under both rules`, () => {
      const fx = fixture(name);
      const [m, H, W, C] = fx.shape!;
      const { f, stride } = fx.pool!;
      const A_prev = tensorOf(fx, 'A_prev');
      const dA = tensorOf(fx, 'dA');
      const [, nH, nW] = dA.shape;
      for (const ties of ['all', 'first'] as const) {
        const want = tensorOf(fx, `dA_prev_ties_${ties}`);
        const cfg: Config = { ...NOTEBOOK_POOL_BACKWARD, m, H, W, Cin: C, f, stride, ties };
        const g = { config: cfg, nC: cfg.Cin, nH, nW };
        // the seed's loop, written out here, agrees with the fixture too
        expect(Array.from(seedPoolBackward(dA, A_prev, f, stride, 'max', ties))).toEqual(
          Array.from(want.data),
        );
        for (let i = 0; i < m; i++)
          for (let c = 0; c < C; c++) {
            const a = Float64Array.from({ length: H * W }, (_, k) =>
              at(A_prev, i, Math.floor(k / W), k % W, c),
            );
            const d = Float64Array.from({ length: nH * nW }, (_, k) =>
              at(dA, i, Math.floor(k / nW), k % nW, c),
            );
            for (let r = 0; r < H; r++)
              for (let q = 0; q < W; q++) {
                const sum = writesTo(g, a, d, i, c, r, q).reduce((t, x) => t + x.amount, 0);
                expect(sum, `${ties} (${i}, ${r}, ${q}, ${c})`).toBe(at(want, i, r, q, c));
              }
          }
      }
    });
  }

  it('the ties preset has a tie early, and the two rules then differ on stage', async () => {
    const s = await openB({
      ...NOTEBOOK_POOL_BACKWARD,
      m: 1,
      H: 4,
      W: 5,
      Cin: 1,
      f: 2,
      stride: 1,
      seed: 345,
      data: 'ints',
      ties: 'all',
    });
    const t = await openB({ ...s.config, ties: 'first' });
    let firstTie = 0;
    for (let k = 1; k <= s.total && firstTie === 0; k++) {
      s.stepper.seek(k);
      const fr = poolBackwardFrame(s, k);
      if (fr.tied.reduce((x, y) => x + y, 0) > 1) firstTie = k;
    }
    expect(firstTie).toBeGreaterThan(0);
    expect(firstTie).toBe(2);
    s.stepper.seek(firstTie);
    t.stepper.seek(firstTie);
    const a = poolBackwardFrame(s, firstTie);
    const b = poolBackwardFrame(t, firstTie);
    expect(a.gets.reduce((x, y) => x + y, 0)).toBeGreaterThan(1);
    expect(b.gets.reduce((x, y) => x + y, 0)).toBe(1);
    expect(Array.from(a.tied)).toEqual(Array.from(b.tied));
  });
});

describe('pool_forward with a stride that leaves a gap', () => {
  it('marks the rows and columns no window reads, and the tooltips say so', async () => {
    const s = await openF({ ...NOTEBOOK_POOL_FORWARD, m: 1, H: 7, W: 9, Cin: 1, f: 2, stride: 3, seed: 31 });
    expect(poolVisited(7, 2, 3, 2)).toEqual([true, true, false, true, true, false, false]);
    expect(s.visitedRows).toEqual([true, true, false, true, true, false, false]);
    expect(s.visitedCols).toEqual([true, true, false, true, true, false, true, true, false]);
    expect(tipAprev(s, 0, 0, 2, 0)).toMatch(/never read: no window covers it/);
    expect(tipAprev(s, 0, 0, 1, 1)).toMatch(/read by step 1$/);
    expect(tipAprev(s, 0, 0, 3, 4)).toMatch(/read by step 5$/);
  });
});

describe('tooltips', () => {
  it('give index, flat NHWC offset, value and the steps that wrote the cell', async () => {
    const s = await openB(NOTEBOOK_POOL_BACKWARD);
    s.stepper.seek(s.total);
    const fr = poolBackwardFrame(s, s.total); // i = 4, c = 1
    const tip = tipDAprev(s, fr, 3, 2);
    expect(tip.split('\n')[0]).toBe(`dA_prev[4, 3, 2, 1] = 2.2460`);
    expect(tip).toContain(`flat NHWC offset ${flatOffset([5, 5, 3, 2], [4, 3, 2, 1])}`);
    expect(tip).toMatch(/\nwritten by \d+ steps?:\n {2}step \d+ {2}[+−]\d/);
    expect(tip.endsWith('  step 80  −0.2034  (this step)')).toBe(true);
    expect(tipDA(s, fr, 3, 1)).toMatch(
      /^dA\[4, 3, 1, 1\] = −0\.2034\nflat NHWC offset 79\nused by this step, step 80$/,
    );
    // a cell no mask picks
    const none = [0, 1, 2, 3, 4]
      .flatMap((r) => [0, 1, 2].map((q) => ({ r, q })))
      .find(({ r, q }) => fr.dAp[r * 3 + q] === 0);
    expect(tipDAprev(s, fr, none!.r, none!.q)).toMatch(/no step adds to it/);
    const f = await openF(NOTEBOOK_POOL_FORWARD);
    f.stepper.seek(1);
    const ff = poolForwardFrame(f, 1);
    expect(tipA(f, ff, 0, 0)).toBe(
      `A[0, 0, 0, 0] = 1.7448 (step 1)\nflat NHWC offset 0\n= np.max(A_prev[0, 0:3, 0:3, 0])`,
    );
    expect(tipA(f, ff, 2, 2)).toMatch(/^A\[0, 2, 2, 0\]: not computed yet \(step 9\)/);
  });

  it('shorten long step lists', () => {
    expect(stepList([])).toBe('no step');
    expect(stepList([4])).toBe('step 4');
    expect(stepList([1, 2, 5])).toBe('steps 1, 2 and 5');
    expect(stepList([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3)).toBe('steps 1, 2, 3 and 7 more');
  });
});

describe('formulas, repr, layout', () => {
  it('works out the output size with pooling’s formula (no padding)', () => {
    expect(poolFormulas(NOTEBOOK_POOL_BACKWARD)).toEqual({
      nH: 'n_H = (5 − 2) + 1 = 4',
      nW: 'n_W = (3 − 2) + 1 = 2',
      steps: 'steps = m·n_C·n_H·n_W = 5·2·4·2 = 80',
    });
    expect(poolFormulas({ ...NOTEBOOK_POOL_FORWARD, stride: 2 }).nH).toBe('n_H = ⌊(5 − 3) / 2⌋ + 1 = 2');
    expect(poolFormulas({ ...NOTEBOOK_POOL_FORWARD, H: 7, f: 2, stride: 3 }).nH).toBe(
      'n_H = ⌊(7 − 2) / 3⌋ + 1 = 2',
    );
  });

  it('prints floats as Python’s repr does', () => {
    const cases: [number, string][] = [
      [0, '0.0'],
      [5, '5.0'],
      [-1.6828270215556507, '-1.6828270215556507'],
      [1e-5, '1e-05'],
      [1.5e-7, '1.5e-07'],
      [1e16, '1e+16'],
      [1.5e17, '1.5e+17'],
      [0.0001, '0.0001'],
      [123456789012345.6, '123456789012345.6'],
      [-2.5e-10, '-2.5e-10'],
    ];
    for (const [v, s] of cases) expect(pyRepr(v), String(v)).toBe(s);
  });

  it('fits the stage: more room, larger cells; never past the box', () => {
    const a = [
      [
        { rows: 5, cols: 3 },
        {
          stack: [
            { rows: 2, cols: 2, small: true },
            { rows: 2, cols: 2, small: true },
          ],
        },
        { rows: 4, cols: 2 },
        { rows: 5, cols: 3 },
      ],
    ];
    const small = fitCell(a, 600, 400);
    const big = fitCell(a, 1200, 800);
    expect(big).toBeGreaterThan(small);
    const z = arrangementSize(a, small);
    expect(z.w).toBeLessThanOrEqual(600);
    expect(z.h).toBeLessThanOrEqual(400);
    const zz = arrangementSize(a, small + 1);
    expect(zz.w > 600 || zz.h > 400).toBe(true);
    // a tall narrow box prefers two rows
    expect(
      bestArrangement(
        [
          a,
          [
            [a[0]![0]!, a[0]![1]!],
            [a[0]![2]!, a[0]![3]!],
          ],
        ],
        300,
        900,
      ).index,
    ).toBe(1);
    expect(
      fitCell(
        [
          [
            { rows: 128, cols: 128 },
            { rows: 64, cols: 64 },
          ],
        ],
        300,
        200,
      ),
    ).toBeGreaterThan(0);
  });
});

describe('code panel', () => {
  const st = { step: 6, i: 0, c: 0, h: 2, w: 1, vertStart: 2, vertEnd: 4, horiStart: 1, horiEnd: 3 };
  const texts = { value: '−0.5171', mask: '[[1 0] [0 0]]', amount: '−0.1293', cells: 1 };
  const sets = [
    ['pool_forward', 'python', 'max', poolForwardPython()],
    ['pool_forward', 'python', 'average', poolForwardPython()],
    ['pool_forward', 'c', 'max', poolForwardC()],
    ['pool_forward', 'c', 'average', poolForwardC()],
    ['pool_backward', 'python', 'max', poolBackwardPython('max')],
    ['pool_backward', 'python', 'average', poolBackwardPython('average')],
    ['pool_backward', 'c', 'max', poolBackwardC()],
    ['pool_backward', 'c', 'average', poolBackwardC()],
  ] as const;
  it('marks only lines that are shown; lines fit the panel beside the stage', () => {
    for (const [op, lang, mode, lines] of sets) {
      const ids = new Set(lines.map((l) => l.id));
      const m = poolCodeMarks(op, lang, mode, st, texts);
      for (const id of [m.current, ...m.ran, ...Object.keys(m.values)])
        expect(ids.has(id), `${op} ${lang} ${mode} ${id}`).toBe(true);
      for (const l of lines) expect(l.text.length, l.text).toBeLessThanOrEqual(52);
      // a live value fits beside its line (about 53 columns in all at 1280 px)
      for (const l of lines) {
        const here = l.valueHere === true || (!l.cont && !lines.some((x) => x.id === l.id && x.valueHere));
        const v = here && l.id !== null ? m.values[l.id] : undefined;
        if (v !== undefined)
          expect(l.text.length + v.length + 3, `${op} ${lang} ${mode}: ${l.text} ${v}`).toBeLessThanOrEqual(
            56,
          );
      }
      const zero = poolCodeMarks(op, lang, mode, null, texts);
      expect(zero.current === null || ids.has(zero.current)).toBe(true);
    }
  });

  it('marks the branch the mode takes, and the assignment’s lines', () => {
    const maxM = poolCodeMarks('pool_backward', 'python', 'max', st, texts);
    expect(maxM.current).toBe('add_max');
    expect(maxM.ran.has('mask')).toBe(true);
    expect(maxM.values.mask).toBe('[[1 0] [0 0]]');
    const avgM = poolCodeMarks('pool_backward', 'python', 'average', st, texts);
    expect(avgM.current).toBe('add_avg');
    expect(avgM.ran.has('elif_avg') && avgM.ran.has('da') && avgM.ran.has('shape')).toBe(true);
    expect(avgM.values.shape).toBe('= (2, 2)');
    const text = poolBackwardPython('max')
      .map((l) => l.text.trim())
      .join(' ');
    expect(text).toContain('mask = create_mask_from_window( a_prev_slice)');
    expect(text).toContain('np.multiply(mask, dA[i, h, w, c])');
    expect(
      poolBackwardPython('average')
        .map((l) => l.text.trim())
        .join(' '),
    ).toContain('distribute_value(da, shape)');
    // a new row passes the vertical loop
    const row = poolCodeMarks('pool_forward', 'python', 'max', { ...st, w: 0 }, texts);
    expect(row.ran.has('vert_start')).toBe(true);
    expect(poolCodeMarks('pool_forward', 'python', 'max', st, texts).ran.has('vert_start')).toBe(false);
    expect(maskText([0, 1, 0, 0], 2)).toBe('[[0 1] [0 0]]');
    expect(maskText([0, 1, 0, 0, 0, 0, 0, 0, 1], 3)).toBe('2 of 9 set');
  });
});

describe('link and store', () => {
  it('round-trips the pooling choices through the link', () => {
    const c: Config = { ...NOTEBOOK_POOL_BACKWARD, mode: 'average', ties: 'first', da: 'ones' };
    const q = toQuery('pool_backward', c, 12);
    expect(q).toContain('mode=average&ties=first&da=ones');
    const back = parseQuery(q);
    expect(back.op).toBe('pool_backward');
    expect(sameConfig(back.config, c)).toBe(true);
    expect(back.step).toBe(12);
    expect(toQuery('pool_forward', c, 1)).not.toContain('ties=');
    const bad = parseQuery('?op=pool_backward&mode=median&ties=some');
    expect(bad.notes).toHaveLength(2);
    expect(bad.notes[0]).toMatch(/mode “median” is not one of max, average; using max/);
    expect(poolChoices(bad.config)).toEqual({ mode: 'max', ties: 'all', da: 'randn' });
  });

  it('opens pool_backward from a link, switches op keeping a layer that fits, falls back when not', async () => {
    const store = await makeStore(
      '?op=pool_backward&m=5&H=5&W=3&Cin=2&f=2&stride=1&seed=1&data=gauss&mode=max&step=80',
    );
    expect(store.op.value).toBe('pool_backward');
    expect(store.total.value).toBe(80);
    expect(store.position.value).toBe(80);
    store.setChoices({ mode: 'average' });
    expect(poolChoices(store.config.value).mode).toBe('average');
    // a typed field keeps the choice
    store.setField('seed', '2');
    expect(poolChoices(store.config.value).mode).toBe('average');
    expect(store.config.value.seed).toBe(2);
    store.setOp('pool_forward');
    expect(store.op.value).toBe('pool_forward');
    expect(store.config.value.H).toBe(5);
    expect(store.position.value).toBe(1);
    // the conv notebook with a 2-row input: pooling's 3×3 window does not fit; the pool notebook instead
    store.setOp('conv_forward', { ...store.config.value, H: 2, W: 2, f: 3, pad: 1, stride: 1 });
    expect(store.op.value).toBe('conv_forward');
    store.setOp('pool_forward');
    expect(sameConfig(store.config.value, NOTEBOOK_POOL_FORWARD)).toBe(true);
  });
});
