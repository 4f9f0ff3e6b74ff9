// conv_transpose's view model against tests/fixtures/conv_transpose.txt (numpy's loop, checked
// there against torch's conv_transpose2d) and against the loop written out here, step by step:
// the data each preset draws, Y_pad after k steps, the cells a step adds to, the final Y, the
// overlap counts (by hand), the code marks and the link.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/engine/types';
import { sameConfig, type Config } from '../../src/state/config';
import { URL_CODEC } from '../../src/ops/index';
import { info } from '../../src/ops/conv_transpose/info';
import {
  CHECKERBOARD,
  CONV_TRANSPOSE_PRESETS,
  convTransposeFrame,
  DECODER_2X,
  describeTransposeStep,
  NOTEBOOK_DA_PREV,
  openConvTranspose,
  overlapCounts,
  validateConvTranspose,
  type ConvTransposeRun,
} from '../../src/ops/conv_transpose/model';
import { transposeCodeLines, transposeCodeMarks } from '../../src/ops/conv_transpose/code';
import { transposeLayout, stageSize } from '../../src/ops/conv_transpose/layout';
import { parseFixtures, tensorOf, type FixtureCase } from '../engine/fixtures';
import { disposeAfterTest, engine } from './setup';

const cases = parseFixtures(
  readFileSync(resolve(process.cwd(), 'tests/fixtures/conv_transpose.txt'), 'utf8'),
  'conv_transpose.txt',
);
const fixture = (name: string): FixtureCase => {
  const c = cases.find((x) => x.name === name);
  if (c === undefined) throw new Error(`conv_transpose.txt has no case ${name}`);
  return c;
};

async function open(c: Config): Promise<ConvTransposeRun> {
  return disposeAfterTest(openConvTranspose(await engine(), c));
}

const at = (s: readonly number[], a: number, b: number, c: number, d: number) =>
  ((a * s[1]! + b) * s[2]! + c) * s[3]! + d;

/** The assignment-style loop, stopped after k steps: Y_pad so far, and the same loop on absolute
 * values (the sum of the magnitudes of each cell's terms, the tolerance's scale). */
function loopPartial(r: ConvTransposeRun, k: number) {
  const { m, Cin, Cout, f, stride, dil } = r.config;
  const shape = [m, r.Hp, r.Wp, Cout];
  const y = new Float64Array(m * r.Hp * r.Wp * Cout);
  const mag = new Float64Array(y.length);
  const X = r.data.X;
  const W = r.data.W;
  let n = 0;
  for (let i = 0; i < m; i++)
    for (let c = 0; c < Cin; c++)
      for (let h = 0; h < r.nH; h++)
        for (let w = 0; w < r.nW; w++) {
          if (n++ >= k) return { y, mag, shape };
          const x = X.data[at(X.shape, i, h, w, c)]!;
          for (let u = 0; u < f; u++)
            for (let v = 0; v < f; v++)
              for (let kk = 0; kk < Cout; kk++) {
                const o = at(shape, i, h * stride + u * dil, w * stride + v * dil, kk);
                const wv = W.data[at(W.shape, u, v, kk, c)]!;
                y[o]! += wv * x;
                mag[o]! += Math.abs(wv * x);
              }
        }
  return { y, mag, shape };
}

/** Every element of `got` within 1e-12 of `mag` (plus `extra`) of `want`. */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, mag: ArrayLike<number>, extra = 0) {
  expect(got.length).toBe(want.length);
  for (let j = 0; j < want.length; j++) {
    const bound = 1e-12 * ((mag[j] ?? 0) + extra);
    if (!(Math.abs(got[j]! - want[j]!) <= bound))
      throw new Error(`element ${j}: got ${got[j]}, want ${want[j]} (bound ${bound})`);
  }
}

function cropPlusB(r: ConvTransposeRun, yPad: Float64Array, mag: Float64Array) {
  const [m, yH, yW, C] = r.yShape;
  const p = r.config.pad;
  const y = new Float64Array(m * yH * yW * C);
  const ym = new Float64Array(y.length);
  for (let i = 0; i < m; i++)
    for (let h = 0; h < yH; h++)
      for (let w = 0; w < yW; w++)
        for (let k = 0; k < C; k++) {
          const o = at([m, r.Hp, r.Wp, C], i, h + p, w + p, k);
          const b = r.data.b.data[k]!;
          y[at(r.yShape, i, h, w, k)] = yPad[o]! + b;
          ym[at(r.yShape, i, h, w, k)] = mag[o]! + Math.abs(b);
        }
  return { y, ym };
}

const same = (a: Tensor, b: Tensor) => {
  expect(a.shape).toEqual(b.shape);
  expect(Array.from(a.data)).toEqual(Array.from(b.data));
};

describe('data: drawn as the fixtures draw it', () => {
  it('the decoder preset draws X, W and b of decoder_2x_upsampling bit for bit (seed 50, X, W, b)', async () => {
    const r = await open(DECODER_2X);
    const fx = fixture('decoder_2x_upsampling');
    same(r.data.X, tensorOf(fx, 'X'));
    same(r.data.W, tensorOf(fx, 'W'));
    same(r.data.b, tensorOf(fx, 'b'));
    expect(fx.convTranspose).toEqual(r.params);
  });

  it('the dA_prev preset computes X = Z of the conv_backward notebook test, b = 0', async () => {
    const r = await open(NOTEBOOK_DA_PREV);
    const fx = fixture('notebook_conv_backward_dA_prev');
    expect(fx.convTranspose).toEqual(r.params);
    same(r.data.W, tensorOf(fx, 'W'));
    same(r.data.b, tensorOf(fx, 'b'));
    // Z is a sum of f·f·n_C_prev products and b: our order may differ from numpy's.
    const A = r.data.conv!.A_prev;
    expect(A.shape).toEqual([10, 4, 4, 3]);
    const want = tensorOf(fx, 'X');
    expect(r.data.X.shape).toEqual(want.shape);
    let scale = 0;
    for (const v of A.data) scale = Math.max(scale, Math.abs(v));
    let ws = 0;
    for (const v of r.data.W.data) ws += Math.abs(v);
    // a generous magnitude: every term ≤ max|A| · Σ|W|, plus max|b_conv|
    expectClose(r.data.X.data, want.data, new Float64Array(want.data.length), scale * ws + 10);
  });

  it('"all ones": X and W ones, b = 0, so that Y_pad at the end is the overlap map in every channel', async () => {
    const r = await open({ ...CHECKERBOARD, Cin: 2, Cout: 3 });
    expect(Array.from(r.data.X.data).every((v) => v === 1)).toBe(true);
    expect(Array.from(r.data.W.data).every((v) => v === 1)).toBe(true);
    expect(Array.from(r.data.b.data)).toEqual([0, 0, 0]);
    r.stepper.seek(r.total);
    const fr = convTransposeFrame(r, r.total);
    for (let q = 0; q < r.Hp * r.Wp; q++)
      for (let k = 0; k < 3; k++) expect(fr.yPad.data[q * 3 + k]).toBe(2 * r.overlap[q]!);
  });
});

describe('frames against the loop and the fixtures', () => {
  for (const [name, config] of [
    ['decoder_2x_upsampling', DECODER_2X],
    ['notebook_conv_backward_dA_prev', NOTEBOOK_DA_PREV],
  ] as const) {
    it(`${name}: Y_pad after chosen steps is the loop's, the adds are X·W, the end is the fixture's Y`, async () => {
      const r = await open(config);
      const picks = [1, 2, r.nW, r.nW + 1, Math.floor(r.total / 2), r.total - 1, r.total];
      for (const k of picks) {
        r.stepper.seek(k);
        const fr = convTransposeFrame(r, k);
        const want = loopPartial(r, k);
        expectClose(fr.yPad.data, want.y, want.mag);
        // the window: vert_start = h * stride, hori_start = w * stride
        const win = fr.win!;
        expect(win.step).toBe(k);
        expect(win.vertStart).toBe(win.h * r.config.stride);
        expect(win.horiStart).toBe(win.w * r.config.stride);
        expect(win.value).toBe(r.data.X.data[at(r.data.X.shape, win.i, win.h, win.w, win.c)]);
        expect(fr.adds).toHaveLength(r.config.f * r.config.f * r.config.Cout);
        for (const a of fr.adds) {
          expect(a.amount).toBe(win.value * r.data.W.data[at(r.data.W.shape, a.u, a.v, a.k, win.c)]!);
          expect(a.after).toBe(fr.yPad.data[at(fr.yPad.shape, win.i, a.row, a.col, a.k)]);
        }
        // every cell written so far is marked so, no other
        const before = loopPartial(r, k);
        for (let rr = 0; rr < r.Hp; rr++)
          for (let q = 0; q < r.Wp; q++) {
            let any = false;
            for (let kk = 0; kk < r.config.Cout; kk++)
              any ||= before.mag[at(before.shape, win.i, rr, q, kk)]! > 0;
            if (any) expect(fr.written[rr * r.Wp + q]).toBe(1);
          }
      }
      const fr = convTransposeFrame(r, r.total);
      const fx = fixture(name);
      const end = loopPartial(r, r.total);
      const { ym } = cropPlusB(r, end.y, end.mag);
      expectClose(fr.y.data, tensorOf(fx, 'Y').data, ym);
      expect(fr.y.shape).toEqual(tensorOf(fx, 'Y').shape);
      expect(fr.sampleDone).toBe(true);
    });
  }

  it('Y of a sample is shown once its loop is over, not before', async () => {
    const r = await open(DECODER_2X);
    const perSample = r.config.Cin * r.nH * r.nW;
    r.stepper.seek(perSample - 1);
    expect(convTransposeFrame(r, perSample - 1).sampleDone).toBe(false);
    r.stepper.seek(perSample);
    expect(convTransposeFrame(r, perSample).sampleDone).toBe(true);
    r.stepper.seek(perSample + 1);
    expect(convTransposeFrame(r, perSample + 1).sampleDone).toBe(false);
  });

  it('step 0 has no window and an empty Y_pad; the announcement names the step', async () => {
    const r = await open(DECODER_2X);
    r.stepper.seek(0);
    const fr0 = convTransposeFrame(r, 0);
    expect(fr0.win).toBeNull();
    expect(fr0.written.every((v) => v === 0)).toBe(true);
    expect(describeTransposeStep(fr0, 'gauss')).toBe('step 0 of 96: Y_pad is all zeros');
    r.stepper.seek(7);
    expect(describeTransposeStep(convTransposeFrame(r, 7), 'gauss')).toMatch(
      /^step 7 of 96: i=0, c=0, h=1, w=2, X = −?\d/,
    );
  });
});

describe('overlap map', () => {
  it('f 3, stride 2 (4 inputs, output_padding 1): rows covered 1,1,2,1,2,1,2,1,1,0 times, cells their products', () => {
    const rows = [1, 1, 2, 1, 2, 1, 2, 1, 1, 0];
    const counts = overlapCounts(CHECKERBOARD, 10, 10);
    for (let r = 0; r < 10; r++)
      for (let q = 0; q < 10; q++) expect(counts[r * 10 + q]).toBe(rows[r]! * rows[q]!);
    // inside the crop (pad 1): the checkerboard of 1, 2 and 4
    expect(Array.from(counts.slice(11, 19))).toEqual([1, 2, 1, 2, 1, 2, 1, 1]);
    expect(Array.from(counts.slice(21, 29))).toEqual([2, 4, 2, 4, 2, 4, 2, 2]);
  });

  it('f 4, stride 2: every inner cell is covered by 2 × 2 windows, the border by fewer', () => {
    const rows = [1, 1, 2, 2, 2, 2, 2, 2, 1, 1];
    const counts = overlapCounts(DECODER_2X, 10, 10);
    for (let r = 0; r < 10; r++)
      for (let q = 0; q < 10; q++) expect(counts[r * 10 + q]).toBe(rows[r]! * rows[q]!);
  });

  it('dilation 2, stride 3 (f 2, 2 inputs): taps at 0, 2, 3, 5; gaps get 0', () => {
    const counts = overlapCounts({ H: 2, W: 1, f: 2, stride: 3, dil: 2 }, 6, 3);
    expect([0, 1, 2, 3, 4, 5].map((r) => counts[r * 3])).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it('the overlap map equals the number of windows the loop actually sends to each cell', async () => {
    const r = await open({ ...CHECKERBOARD, H: 3, W: 5, dil: 2, f: 2, stride: 1, outpad: '1' });
    const hits = new Uint16Array(r.Hp * r.Wp);
    for (let h = 0; h < r.nH; h++)
      for (let w = 0; w < r.nW; w++)
        for (let u = 0; u < r.config.f; u++)
          for (let v = 0; v < r.config.f; v++)
            hits[(h * r.config.stride + u * r.config.dil) * r.Wp + w * r.config.stride + v * r.config.dil]! +=
              1;
    expect(Array.from(r.overlap)).toEqual(Array.from(hits));
  });
});

describe('validation', () => {
  it('refuses output_padding not below the stride or the dilation with the C library’s sentence', async () => {
    const v = validateConvTranspose(await engine(), { ...DECODER_2X, outpad: '2' });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toMatch(/output_padding/);
  });

  it('refuses X = Z when no convolution of Y’s shape gives X’s shape, with a sentence', async () => {
    const c = { ...NOTEBOOK_DA_PREV, stride: 1, dil: 2, outpad: '1' };
    const e = await engine();
    expect(
      e.validateConvTranspose([10, 4, 4, 8], {
        f: 2,
        nCOut: 3,
        stride: 1,
        pad: 2,
        dilation: 2,
        outputPadding: 1,
      }).ok,
    ).toBe(true);
    const v = validateConvTranspose(e, c);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toMatch(/^X = Z needs a convolution/);
    expect(validateConvTranspose(e, { ...c, x: 'randn' }).ok).toBe(true);
  });

  it('every preset validates and opens', async () => {
    for (const p of CONV_TRANSPOSE_PRESETS) {
      expect(validateConvTranspose(await engine(), p.config).ok).toBe(true);
      await open(p.config);
    }
  });
});

describe('code marks and the link', () => {
  it('marks the += line with X, the loop values beside their heads, the crop after the last step', async () => {
    const r = await open(DECODER_2X);
    for (const lang of ['python', 'c'] as const) {
      const ids = new Set(transposeCodeLines(lang, r.config).map((l) => l.id));
      for (const k of [1, 7, r.total]) {
        r.stepper.seek(k);
        const fr = convTransposeFrame(r, k);
        const marks = transposeCodeMarks(lang, fr, '0.5');
        expect(marks.current).toBe('Y');
        for (const id of [...marks.ran, ...Object.keys(marks.values)]) expect(ids.has(id)).toBe(true);
        expect(marks.ran.has('crop')).toBe(k === r.total);
        const w = fr.win!;
        if (lang === 'python') {
          expect(marks.values).toMatchObject({
            for_i: `i = ${w.i}`,
            for_c: `c = ${w.c}`,
            for_h: `h = ${w.h}`,
            for_w: `w = ${w.w}`,
            vert_start: `= ${w.h * 2}`,
            hori_end: `= ${w.w * 2 + 4}`,
            Y: 'X = 0.5',
          });
        } else expect(marks.values).toMatchObject({ xv: '= 0.5', dec_c: `c = ${w.c}` });
      }
    }
    expect(transposeCodeLines('python', r.config).map((l) => l.text)).toContain(
      '                    += W[:, :, :, c] * X[i, h, w, c]',
    );
  });

  it('output_padding and the source of X travel in the link and come back', () => {
    const q = URL_CODEC.toQuery('conv_transpose', CHECKERBOARD, 5);
    expect(q).toContain('x=ones');
    expect(q).toContain('outpad=1');
    const back = URL_CODEC.parseQuery(q);
    expect(back.op).toBe('conv_transpose');
    expect(back.step).toBe(5);
    expect(back.notes).toEqual([]);
    expect(sameConfig(back.config, CHECKERBOARD, info.choices)).toBe(true);
    expect(URL_CODEC.parseQuery('?op=conv_transpose&outpad=9').notes).toEqual([
      'URL: outpad “9” is not one of 0, 1, 2, 3, 4, 5, 6, 7; using 0.',
    ]);
  });

  it('the stage fits its box at 1440×900 and on a phone without overlapping grids', () => {
    for (const [w, h] of [
      [680, 690],
      [360, 1200],
    ])
      for (const p of CONV_TRANSPOSE_PRESETS) {
        const c = p.config;
        const span = c.dil * (c.f - 1) + 1;
        const op = Number(c.outpad ?? 0);
        const Hp = (c.H - 1) * c.stride + span + op;
        const Wp = (c.W - 1) * c.stride + span + op;
        const d = { cards: c.Cout, nH: c.H, nW: c.W, Hp, Wp, yH: Hp - 2 * c.pad, yW: Wp - 2 * c.pad, f: c.f };
        const l = transposeLayout(d, w, h);
        const size = stageSize(d, l);
        expect(size.w).toBeLessThanOrEqual(w);
        expect(size.h).toBeLessThanOrEqual(h);
        expect(l.cell).toBeGreaterThanOrEqual(6);
      }
  });
});
