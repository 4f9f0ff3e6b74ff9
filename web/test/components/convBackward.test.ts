// conv_backward's view model against the notebook's conv_backward case (tests/fixtures/conv.txt)
// and against the seed's loops written out here, step by step: the partial sums the page shows
// after k steps, the cells a step writes, every write to one cell, the code marks.
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/engine/types';
import type { Config } from '../../src/state/config';
import { stepNumber } from '../../src/lib/tensor';
import {
  cellWrites,
  convBackwardFrame,
  coveringTaps,
  describeBackwardStep,
  NOTEBOOK_CONV_BACKWARD,
  openConvBackward,
  stepsText,
  writesDone,
  type ConvBackwardRun,
} from '../../src/ops/conv_backward/model';
import { backwardCLines, backwardCodeMarks, backwardPythonLines } from '../../src/ops/conv_backward/code';
import { URL_CODEC } from '../../src/ops/index';

const { parseQuery, toQuery } = URL_CODEC;
import { backwardLayout, stageSize } from '../../src/ops/conv_backward/layout';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFixtures, tensorOf } from '../engine/fixtures';
import { disposeAfterTest, engine } from './setup';

// vitest runs from the repository's top folder (happy-dom's import.meta.url is not a file: URL)
const nb = parseFixtures(readFileSync(resolve(process.cwd(), 'tests/fixtures/conv.txt'), 'utf8')).find(
  (c) => c.name === 'notebook_conv_backward',
)!;

async function open(c: Config = NOTEBOOK_CONV_BACKWARD): Promise<ConvBackwardRun> {
  return disposeAfterTest(openConvBackward(await engine(), c));
}

function mean(t: Tensor): number {
  let s = 0;
  for (const v of t.data) s += v;
  return s / t.data.length;
}

const at = (s: readonly number[], a: number, b: number, c: number, d: number) =>
  ((a * s[1]! + b) * s[2]! + c) * s[3]! + d;

/** The seed's conv_backward loop, stopped after `k` steps: dA_prev_pad, dW and db so far. */
function seedPartial(r: ConvBackwardRun, k: number) {
  const { m, Cout, Cin, f, stride, dil } = r.config;
  const dA = new Float64Array(r.A_pad.data.length);
  const dW = new Float64Array(r.data.W.data.length);
  const db = new Float64Array(Cout);
  let n = 0;
  for (let i = 0; i < m; i++)
    for (let c = 0; c < Cout; c++)
      for (let h = 0; h < r.nH; h++)
        for (let w = 0; w < r.nW; w++) {
          if (n++ >= k) return { dA, dW, db };
          const dz = r.dZ.data[at(r.dZ.shape, i, h, w, c)]!;
          for (let u = 0; u < f; u++)
            for (let v = 0; v < f; v++)
              for (let ch = 0; ch < Cin; ch++) {
                const row = h * stride + u * dil;
                const col = w * stride + v * dil;
                dA[at(r.A_pad.shape, i, row, col, ch)]! +=
                  r.data.W.data[at(r.data.W.shape, u, v, ch, c)]! * dz;
                dW[at(r.data.W.shape, u, v, ch, c)]! +=
                  r.A_pad.data[at(r.A_pad.shape, i, row, col, ch)]! * dz;
              }
          db[c]! += dz;
        }
  return { dA, dW, db };
}

describe('the notebook conv_backward case', () => {
  it('draws the notebook’s arrays and passes dZ = Z', async () => {
    const r = await open();
    expect(Array.from(r.data.A_prev.data)).toEqual(Array.from(tensorOf(nb, 'A_prev').data));
    expect(Array.from(r.data.W.data)).toEqual(Array.from(tensorOf(nb, 'W').data));
    const Z = tensorOf(nb, 'Z');
    expect(r.dZ.shape).toEqual(Z.shape);
    for (let n = 0; n < Z.data.length; n++)
      expect(Math.abs(r.dZ.data[n]! - Z.data[n]!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(Z.data[n]!)));
    expect(r.total).toBe(10 * 8 * 4 * 4);
  });

  it('reproduces the notebook’s printed means at the end of the walk', async () => {
    const r = await open();
    r.stepper.seek(r.total);
    const dA = r.stepper.tensor('dA_prev')!;
    const dW = r.stepper.tensor('dW')!;
    const db = r.stepper.tensor('db')!;
    expect(mean(dA)).toBeCloseTo(1.4524377775388075, 12);
    expect(mean(dW)).toBeCloseTo(1.7269914583139097, 12);
    expect(mean(db)).toBeCloseTo(7.839232564616838, 12);
    // numpy's gradients; not bit for bit, as dZ = Z and numpy's np.sum adds Z in another order
    for (const [got, name] of [
      [dA, 'dA_prev'],
      [dW, 'dW'],
      [db, 'db'],
    ] as const) {
      const want = tensorOf(nb, name).data;
      got.data.forEach((v, n) =>
        expect(Math.abs(v - want[n]!), `${name}[${n}]`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want[n]!))),
      );
    }
  });
});

describe('the frame after k steps', () => {
  for (const k of [0, 1, 2, 37, 640, 1279, 1280]) {
    it(`holds the seed’s partial sums after ${k} steps, bit for bit`, async () => {
      const r = await open();
      r.stepper.seek(k);
      const fr = convBackwardFrame(r, k);
      const want = seedPartial(r, k);
      expect(Array.from(fr.dAPad.data)).toEqual(Array.from(want.dA));
      expect(Array.from(fr.dW.data)).toEqual(Array.from(want.dW));
      expect(Array.from(fr.db.data)).toEqual(Array.from(want.db));
      if (k === 0) {
        expect(fr.win).toBeNull();
        expect(fr.dAAdds).toHaveLength(0);
        return;
      }
      // the window of step k, and what it added
      const t = k - 1;
      const w = t % 4;
      const h = Math.floor(t / 4) % 4;
      const c = Math.floor(t / 16) % 8;
      const i = Math.floor(t / 128);
      expect([fr.win!.i, fr.win!.c, fr.win!.h, fr.win!.w]).toEqual([i, c, h, w]);
      expect([fr.win!.vertStart, fr.win!.vertEnd, fr.win!.horiStart, fr.win!.horiEnd]).toEqual([
        2 * h,
        2 * h + 2,
        2 * w,
        2 * w + 2,
      ]);
      const dz = r.dZ.data[at(r.dZ.shape, i, h, w, c)]!;
      expect(fr.win!.value).toBe(dz);
      expect(fr.dAAdds).toHaveLength(2 * 2 * 3);
      for (const a of fr.dAAdds) {
        expect(a.amount).toBe(dz * r.data.W.data[at(r.data.W.shape, a.u, a.v, a.k, c)]!);
        expect(a.after).toBe(want.dA[at(r.A_pad.shape, i, a.row, a.col, a.k)]!);
      }
      for (const a of fr.dWAdds) expect(a.after).toBe(want.dW[at(r.data.W.shape, a.u, a.v, a.k, c)]!);
      const before = seedPartial(r, k - 1);
      expect(fr.dbBefore).toBe(before.db[c]);
      expect(fr.dbAfter).toBe(want.db[c]);
      expect(describeBackwardStep(fr, 'gauss')).toMatch(
        new RegExp(`^step ${k} of 1280: i=${i}, c=${c}, h=${h}, w=${w}, dZ = `),
      );
    });
  }

  it('marks as written exactly the padded cells some earlier step wrote', async () => {
    const r = await open();
    const k = 40; // sample 0, c = 2, h = 1, w = 3
    r.stepper.seek(k);
    const fr = convBackwardFrame(r, k);
    for (let row = 0; row < r.Hp; row++)
      for (let col = 0; col < r.Wp; col++) {
        const ws = cellWrites(r, { tensor: 'dA_prev_pad', i: 0, row, col, k: 0 });
        expect(fr.dAWritten[row * r.Wp + col] === 1, `${row},${col}`).toBe(writesDone(ws, k) > 0);
      }
    expect(fr.cWritten).toEqual([true, true, true, false, false, false, false, false]);
  });
});

describe('every write to a cell', () => {
  it('lists the steps whose window covers a dA_prev_pad cell, with the running sums the stepper holds', async () => {
    const r = await open();
    const cell = { tensor: 'dA_prev_pad', i: 3, row: 3, col: 4, k: 1 } as const;
    const ws = cellWrites(r, cell);
    // stride 2 = f: one window per output channel covers it (h = 1, w = 2)
    expect(ws.map((x) => x.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((c) => stepNumber(r, 3, c, 1, 2)));
    for (const x of ws) {
      r.stepper.seek(x.step);
      const dA = r.stepper.tensor('dA_prev_pad')!;
      expect(x.sum).toBe(dA.data[at(dA.shape, 3, 3, 4, 1)]);
    }
  });

  it('gives dW and db cells every window of their channel', async () => {
    const r = await open();
    const ws = cellWrites(r, { tensor: 'dW', u: 1, v: 0, k: 2, c: 5 });
    expect(ws).toHaveLength(10 * 16);
    expect(ws[ws.length - 1]!.sum).toBe(r.full.dW.data[at([2, 2, 3, 8], 1, 0, 2, 5)]);
    const db = cellWrites(r, { tensor: 'db', c: 5 });
    expect(db[db.length - 1]!.sum).toBe(r.full.db.data[5]);
    expect(stepsText(db.map((x) => x.step))).toBe('81–96, 209–224, 337–352, 465–480, …');
  });

  it('finds the windows over a row, with dilation', () => {
    // f 3, dilation 2, stride 1: row 4 is tap 2 of window 0, tap 1 of window 2, tap 0 of window 4
    expect(coveringTaps(4, 5, 1, 3, 2)).toEqual([
      { t: 0, u: 2 },
      { t: 2, u: 1 },
      { t: 4, u: 0 },
    ]);
    expect(coveringTaps(5, 3, 3, 2, 1)).toEqual([]); // stride 3 > f 2: row 5 is never written
    expect(stepsText([3, 19, 35, 51])).toBe('3, 19, 35 and 51');
    expect(stepsText([7])).toBe('7');
  });
});

describe('dZ sources', () => {
  it('draws a random dZ after A_prev, W and b, or all ones', async () => {
    const e = await engine();
    const r = await open({ ...NOTEBOOK_CONV_BACKWARD, dz: 'randn' });
    const [, , , dZ] = e.randn(1, [
      [10, 4, 4, 3],
      [2, 2, 3, 8],
      [1, 1, 1, 8],
      [10, 4, 4, 8],
    ]);
    expect(Array.from(r.dZ.data)).toEqual(Array.from(dZ!.data));
    const ones = await open({ ...NOTEBOOK_CONV_BACKWARD, dz: 'ones' });
    expect(ones.dZ.data.every((v) => v === 1)).toBe(true);
    // the gradient of sum(Z) with respect to b[c] is the number of outputs per channel
    expect(Array.from(ones.full.db.data)).toEqual(new Array(8).fill(160));
  });
});

describe('link', () => {
  it('carries where dZ comes from for conv_backward', () => {
    const q = toQuery('conv_backward', NOTEBOOK_CONV_BACKWARD, 37);
    expect(q).toBe(
      '?op=conv_backward&m=10&H=4&W=4&Cin=3&Cout=8&f=2&stride=2&pad=2&dil=1&seed=1&data=gauss&dz=z&step=37',
    );
    expect(parseQuery(q)).toEqual({
      op: 'conv_backward',
      config: NOTEBOOK_CONV_BACKWARD,
      step: 37,
      notes: [],
    });
    expect(parseQuery('?dz=randn').config.dz).toBeUndefined();
    expect(parseQuery('?dz=zeros').notes).toEqual([
      'URL: dz “zeros” is not one of randn, ones, z; using randn.',
    ]);
  });
});

describe('code marks', () => {
  it('marks the three += lines of every step; every marked id is a line shown', async () => {
    const r = await open({ ...NOTEBOOK_CONV_BACKWARD, dil: 2, pad: 3 });
    for (const k of [0, 1, 5, r.total]) {
      r.stepper.seek(k);
      const fr = convBackwardFrame(r, k);
      for (const [lang, lines] of [
        ['python', backwardPythonLines(r.config)],
        ['c', backwardCLines()],
      ] as const) {
        const ids = new Set(lines.map((l) => l.id));
        const m = backwardCodeMarks(lang, fr, { dz: '1', db: '2' });
        for (const id of [m.current, ...m.ran, ...(m.alsoCurrent ?? []), ...Object.keys(m.values)]) {
          if (id !== null) expect(ids.has(id), `${lang} ${id}`).toBe(true);
        }
        if (k > 0) expect([m.current, ...(m.alsoCurrent ?? [])]).toEqual(['dA', 'dW', 'db']);
        // lines fit the panel beside the stage
        for (const l of lines) expect(l.text.length, l.text).toBeLessThanOrEqual(54);
      }
    }
  });

  it('shows the seed’s three += lines', () => {
    const text = backwardPythonLines(NOTEBOOK_CONV_BACKWARD)
      .map((l) => l.text.trim())
      .join('\n');
    expect(text).toContain('+= W[:,:,:,c] * dZ[i, h, w, c]');
    expect(text).toContain('+= a_slice * dZ[i, h, w, c]');
    expect(text).toContain('db[:,:,:,c] += dZ[i, h, w, c]');
    expect(text).toContain('dA_prev = dA_prev_pad[:, pad:-pad, pad:-pad, :]');
  });
});

describe('stage layout', () => {
  const nbDims = { channels: 3, Hp: 8, Wp: 8, f: 2, nH: 4, nW: 4 };
  it('fits its box and grows with it', () => {
    for (const [w, h] of [
      [600, 420],
      [840, 460],
      [1500, 800],
    ] as const) {
      const l = backwardLayout(nbDims, w, h);
      const size = stageSize(nbDims, l);
      expect(size.w).toBeLessThanOrEqual(w);
      expect(size.h).toBeLessThanOrEqual(h);
    }
    expect(backwardLayout(nbDims, 1500, 800).cell).toBeGreaterThan(backwardLayout(nbDims, 600, 420).cell);
    expect(backwardLayout(nbDims, 600, 420).cell).toBeGreaterThanOrEqual(18);
  });
  it('still gives an image-sized layer a positive cell', () => {
    expect(
      backwardLayout({ channels: 16, Hp: 144, Wp: 144, f: 9, nH: 128, nW: 128 }, 600, 400).cell,
    ).toBeGreaterThan(0);
  });
});
