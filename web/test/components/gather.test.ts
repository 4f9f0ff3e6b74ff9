// dA_prev two ways (ops/conv_backward/gather.ts): gathered cell by cell, every cell of dA_prev_pad
// equals what the C stepper scattered into it and what the batch kernel returned; the textbook
// form (dZ with stride−1 zeros between its cells, the rotated filter with its channel axes
// swapped) equals it too, checked here against a convolution written out as a plain loop that
// shares no code with the page; the overlap map against windows counted one by one.
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/engine/types';
import type { Config } from '../../src/state/config';
import {
  dilatedDz,
  gatherCell,
  gatherInputs,
  overlapMap,
  rotatedFilter,
  textbookCell,
  textbookGeometry,
} from '../../src/ops/conv_backward/gather';
import {
  CONV_BACKWARD_PRESETS,
  cellWrites,
  NOTEBOOK_CONV_BACKWARD,
  openConvBackward,
  type ConvBackwardRun,
} from '../../src/ops/conv_backward/model';
import { disposeAfterTest, engine } from './setup';

async function open(c: Config): Promise<ConvBackwardRun> {
  return disposeAfterTest(openConvBackward(await engine(), c));
}

const at = (s: readonly number[], a: number, b: number, c: number, d: number) =>
  ((a * s[1]! + b) * s[2]! + c) * s[3]! + d;

/** The textbook's dA_prev, straight from its definition: dZ with stride−1 zeros between its cells
 * and dil·(f−1) − pad zeros around (fewer than none: rows cropped), convolved at stride 1 with W
 * rotated by 180° and its channel axes swapped, taps dil apart. Returns dA_prev (unpadded) and,
 * per cell, the sum of the products' magnitudes. */
function textbookDaPrev(r: ConvBackwardRun): { dA: Float64Array; mag: Float64Array } {
  const { m, H, W, Cin, Cout, f, stride, pad, dil } = r.config;
  const border = dil * (f - 1) - pad;
  const dZ = r.dZ;
  const Wt = r.data.W;
  const [, nH, nW] = dZ.shape;
  // the dilated dZ, read through its border: zero outside dZ's cells
  const dilated = (i: number, y: number, x: number, c: number) => {
    const a = y - border;
    const b = x - border;
    if (a < 0 || b < 0 || a % stride !== 0 || b % stride !== 0) return 0;
    if (a / stride >= nH! || b / stride >= nW!) return 0;
    return dZ.data[at(dZ.shape, i, a / stride, b / stride, c)]!;
  };
  const dA = new Float64Array(m * H * W * Cin);
  const mag = new Float64Array(m * H * W * Cin);
  for (let i = 0; i < m; i++)
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        for (let k = 0; k < Cin; k++) {
          let s = 0;
          let g = 0;
          for (let c = 0; c < Cout; c++)
            for (let u = 0; u < f; u++)
              for (let v = 0; v < f; v++) {
                const rotated = Wt.data[at(Wt.shape, f - 1 - u, f - 1 - v, k, c)]!; // W_rot[u, v, c, k]
                const p = dilated(i, y + u * dil, x + v * dil, c) * rotated;
                s += p;
                g += Math.abs(p);
              }
          dA[at([m, H, W, Cin], i, y, x, k)] = s;
          mag[at([m, H, W, Cin], i, y, x, k)] = g;
        }
  return { dA, mag };
}

function stepperAtEnd(r: ConvBackwardRun): { dAPad: Tensor; dA: Tensor } {
  r.stepper.seek(r.total);
  return { dAPad: r.stepper.tensor('dA_prev_pad')!, dA: r.stepper.tensor('dA_prev')! };
}

/** Every cell: the gather's sum and the textbook's equal the scatter (stepper and batch kernel). */
async function checkEveryCell(c: Config): Promise<number> {
  const r = await open(c);
  const g = gatherInputs(r);
  const t = textbookGeometry(g);
  const { dAPad, dA } = stepperAtEnd(r);
  const book = textbookDaPrev(r);
  const { m, Cin, pad, H, W } = r.config;
  let cells = 0;
  for (let i = 0; i < m; i++)
    for (let row = 0; row < r.Hp; row++)
      for (let col = 0; col < r.Wp; col++)
        for (let k = 0; k < Cin; k++) {
          const cell = { i, row, col, k };
          const gathered = gatherCell(g, cell);
          const mag = gathered.terms.reduce((s, x) => s + Math.abs(x.product), 0);
          const tol = 1e-12 * mag;
          const where = `dA_prev_pad[${i}, ${row}, ${col}, ${k}]`;
          const scattered = dAPad.data[at(dAPad.shape, i, row, col, k)]!;
          // added in the loop's own order: the stepper's value to the last bit
          expect(gathered.sum, `${where}: gather vs the stepper`).toBe(scattered);
          // the textbook form as the page computes it, in its own order
          expect(
            Math.abs(textbookCell(g, t, cell).sum - scattered),
            `${where}: textbook`,
          ).toBeLessThanOrEqual(tol);
          const y = row - pad;
          const x = col - pad;
          if (y < 0 || x < 0 || y >= H || x >= W) continue;
          const o = at(dA.shape, i, y, x, k);
          expect(
            Math.abs(gathered.sum - r.full.dA_prev.data[o]!),
            `${where}: batch kernel`,
          ).toBeLessThanOrEqual(tol);
          expect(Math.abs(gathered.sum - dA.data[o]!), `${where}: stepper's dA_prev`).toBeLessThanOrEqual(
            tol,
          );
          expect(
            Math.abs(book.dA[o]! - gathered.sum),
            `${where}: the plain-loop textbook convolution`,
          ).toBeLessThanOrEqual(1e-12 * book.mag[o]!);
          cells++;
        }
  return cells;
}

describe('gathering one cell of dA_prev_pad', () => {
  it('equals the scatter for every cell of the notebook case (seed 1, (10,4,4,3), W (2,2,3,8), pad 2, stride 2, dZ = Z)', async () => {
    expect(await checkEveryCell(NOTEBOOK_CONV_BACKWARD)).toBe(10 * 4 * 4 * 3);
  });

  it('equals the scatter with stride 1 (every window overlaps its neighbours)', async () => {
    const c: Config = {
      m: 2,
      H: 5,
      W: 6,
      Cin: 2,
      Cout: 3,
      f: 3,
      stride: 1,
      pad: 1,
      dil: 1,
      seed: 4,
      data: 'gauss',
      dz: 'randn',
    };
    expect(await checkEveryCell(c)).toBe(2 * 5 * 6 * 2);
  });

  it('equals the scatter with dilation 2 and stride 2, rows the stride never reaches included', async () => {
    const c: Config = {
      m: 1,
      H: 8,
      W: 7,
      Cin: 2,
      Cout: 2,
      f: 3,
      stride: 2,
      pad: 1,
      dil: 2,
      seed: 9,
      data: 'gauss',
      dz: 'randn',
    };
    const r = await open(c);
    // (8 + 2 − 5) / 2 = 2.5: the last padded row is never reached, and is handled
    expect(textbookGeometry(gatherInputs(r)).rows.unreached).toBe(1);
    expect(await checkEveryCell(c)).toBe(8 * 7 * 2);
  });

  it('equals the scatter with pad 0 and f 3, stride 2 (the checkerboard preset)', async () => {
    const preset = CONV_BACKWARD_PRESETS.find((p) => p.name === 'Overlap checkerboard');
    expect(preset).toBeDefined();
    const c = preset!.config;
    expect(await checkEveryCell(c)).toBe(c.m * c.H * c.W * c.Cin);
  });

  it('lists the same steps and products as the cell’s writes in the walk', async () => {
    const r = await open(NOTEBOOK_CONV_BACKWARD);
    const cell = { i: 3, row: 3, col: 4, k: 1 };
    const g = gatherCell(gatherInputs(r), cell);
    const writes = cellWrites(r, { tensor: 'dA_prev_pad', ...cell });
    expect(g.terms.map((t) => t.step)).toEqual(writes.map((w) => w.step));
    expect(g.terms.map((t) => t.product)).toEqual(writes.map((w) => w.amount));
    // pad 2, stride 2, f 2: padded row 3 is row 1 of window h = 1 only; one window per channel
    expect(g.windows).toBe(1);
    expect(g.terms.every((t) => t.h === 1 && t.u === 1 && t.w === 2 && t.v === 0)).toBe(true);
  });
});

describe('the textbook form', () => {
  it('puts dZ[h, w] at (dil·(f−1) + h·stride, dil·(f−1) + w·stride), zeros everywhere else', async () => {
    const r = await open(NOTEBOOK_CONV_BACKWARD);
    const g = gatherInputs(r);
    const t = textbookGeometry(g);
    // 4 cells, 1 zero between each, 1 zero around: 1 + 7 + 1
    expect([t.rows.size, t.cols.size, t.rows.between, t.rows.before, t.direct]).toEqual([9, 9, 1, 1, -1]);
    // a stride-1 convolution of reach 2 over it gives Hp = 8 rows
    expect(t.rows.size - t.span + 1).toBe(r.Hp);
    const grid = dilatedDz(g, t, 2, 5);
    let nonzero = 0;
    grid.forEach((v, n) => {
      const row = Math.floor(n / t.cols.size);
      const col = n % t.cols.size;
      const onDz = (row - 1) % 2 === 0 && (col - 1) % 2 === 0 && row >= 1 && col >= 1 && row <= 7 && col <= 7;
      if (onDz) {
        expect(v).toBe(r.dZ.data[at(r.dZ.shape, 2, (row - 1) / 2, (col - 1) / 2, 5)]);
        nonzero++;
      } else expect(v).toBe(0);
    });
    expect(nonzero).toBe(16);
  });

  it('rotates W by 180° and swaps its channel axes', async () => {
    const r = await open(NOTEBOOK_CONV_BACKWARD);
    const rot = rotatedFilter(gatherInputs(r), 2, 6);
    const W = r.data.W;
    expect(Array.from(rot)).toEqual([
      W.data[at(W.shape, 1, 1, 2, 6)],
      W.data[at(W.shape, 1, 0, 2, 6)],
      W.data[at(W.shape, 0, 1, 2, 6)],
      W.data[at(W.shape, 0, 0, 2, 6)],
    ]);
  });

  it('reads, for each nonzero tap, the dZ cell and W tap the gather multiplies', async () => {
    const r = await open({ ...NOTEBOOK_CONV_BACKWARD, f: 3, stride: 2, pad: 1 });
    const g = gatherInputs(r);
    const cell = { i: 1, row: 4, col: 2, k: 0 };
    const gathered = gatherCell(g, cell);
    const taps = textbookCell(g, textbookGeometry(g), cell).taps.filter((x) => x.isDz);
    const key = (c: number, x: number, w: number) => `${c}:${x}:${w}`;
    expect(new Set(taps.map((x) => key(x.c, x.x, x.wRot)))).toEqual(
      new Set(gathered.terms.map((x) => key(x.c, x.dz, x.weight))),
    );
    expect(taps.length).toBe(gathered.terms.length);
  });
});

describe('the overlap map', () => {
  it('counts the windows over each cell, as a loop over every window and tap does', async () => {
    for (const c of [
      { ...NOTEBOOK_CONV_BACKWARD, m: 1 },
      { ...NOTEBOOK_CONV_BACKWARD, m: 1, f: 3, stride: 2, pad: 0, H: 7, W: 9 },
      { ...NOTEBOOK_CONV_BACKWARD, m: 1, f: 3, stride: 1, pad: 2, H: 5, W: 5, dil: 2 },
    ]) {
      const r = await open(c);
      const counted = new Float64Array(r.Hp * r.Wp);
      const { f, stride, dil } = r.config;
      for (let h = 0; h < r.nH; h++)
        for (let w = 0; w < r.nW; w++)
          for (let u = 0; u < f; u++)
            for (let v = 0; v < f; v++) counted[(h * stride + u * dil) * r.Wp + w * stride + v * dil]! += 1;
      expect(Array.from(overlapMap(r).counts)).toEqual(Array.from(counted));
    }
  });

  it('alternates 1, 2, 4 windows when f 3 and stride 2: the checkerboard', async () => {
    const r = await open({ ...NOTEBOOK_CONV_BACKWARD, m: 1, f: 3, stride: 2, pad: 0, H: 7, W: 7 });
    const o = overlapMap(r);
    expect(o.rows).toEqual([1, 1, 2, 1, 2, 1, 1]);
    expect(Array.from(o.counts.slice(2 * 7, 3 * 7))).toEqual([2, 2, 4, 2, 4, 2, 2]);
    expect(o.max).toBe(4);
  });
});
