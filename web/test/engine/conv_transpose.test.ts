// Transposed convolution through the engine: the batch call and the stepper against the fixtures
// of tests/fixtures/conv_transpose.txt (numpy's loop, checked against torch's conv_transpose2d)
// and against the loop written out in reference.ts; validation sentences; conv_backward's
// dA_prev as a special case.
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmEngine } from '../../src/engine/engine';
import {
  ConvstepError,
  type ConvTransposeParams,
  type ConvTransposeStepperSpec,
  type Tensor,
} from '../../src/engine/types';
import { loadFixtures, tensorOf, type FixtureCase } from './fixtures';
import { sharedEngine } from './load';
import { bitwiseMismatch, convTransposePadShape, mismatch, refConvTranspose } from './reference';

let engine: WasmEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const cases = loadFixtures('conv_transpose.txt');

function specOf(c: FixtureCase): ConvTransposeStepperSpec {
  if (c.convTranspose === undefined) throw new Error(`case ${c.name} has no conv_transpose line`);
  return {
    op: 'conv_transpose',
    X: tensorOf(c, 'X'),
    W: tensorOf(c, 'W'),
    b: tensorOf(c, 'b'),
    params: c.convTranspose,
  };
}

describe('conv_transpose fixtures', () => {
  it('has the ten cases generate.py writes, the decoder preset and the conv_backward case among them', () => {
    expect(cases.map((c) => c.name)).toContain('decoder_2x_upsampling');
    expect(cases.map((c) => c.name)).toContain('notebook_conv_backward_dA_prev');
    expect(cases).toHaveLength(10);
  });

  for (const c of cases) {
    it(`batch convTranspose equals ${c.name} (1e-12 of the magnitudes, and exactly: same order)`, () => {
      const s = specOf(c);
      const Y = engine.convTranspose(s.X, s.W, s.b, s.params);
      const want = tensorOf(c, 'Y');
      const ref = refConvTranspose(s.X, s.W, s.b, s.params);
      expect(mismatch('Y', Y, want, ref.y.magnitude)).toBeNull();
      expect(bitwiseMismatch('Y', Y, want)).toBeNull();
      const v = engine.validateConvTranspose(s.X.shape, s.params);
      expect(v).toEqual({ ok: true, outShape: want.shape });
    });

    it(`stepper of ${c.name}: partial sums after k steps are the loop's, the end is the fixture`, () => {
      const s = specOf(c);
      const st = engine.createConvTransposeStepper(s);
      try {
        expect(st.op).toBe('conv_transpose');
        const total = s.X.data.length;
        expect(st.total).toBe(total);
        const padShape = convTransposePadShape(s.X.shape, s.params);
        for (const k of [1, Math.floor(total / 3), Math.floor((2 * total) / 3), total]) {
          st.seek(k);
          const ref = refConvTranspose(s.X, s.W, s.b, s.params, k);
          const pad = st.tensor('out_pad');
          const out = st.tensor('out');
          expect(pad?.shape).toEqual(padShape);
          expect(bitwiseMismatch(`Y_pad after ${k}`, pad!, ref.yPad)).toBeNull();
          expect(bitwiseMismatch(`Y after ${k}`, out!, ref.y.value)).toBeNull();
          // The record: step k is (i, c, h, w) = the (k-1)-th of the loop over X.
          const win = st.window();
          const [, H, Wd, C] = s.X.shape;
          const j = k - 1;
          const w = j % Wd,
            h = Math.floor(j / Wd) % H,
            ch = Math.floor(j / (Wd * H)) % C,
            i = Math.floor(j / (Wd * H * C));
          const span = Math.max(1, s.params.dilation) * (s.params.f - 1) + 1;
          expect([win.step, win.i, win.c, win.h, win.w]).toEqual([k, i, ch, h, w]);
          expect([win.vertStart, win.vertEnd, win.horiStart, win.horiEnd]).toEqual([
            h * s.params.stride,
            h * s.params.stride + span,
            w * s.params.stride,
            w * s.params.stride + span,
          ]);
          const x = s.X.data[((i * H + h) * Wd + w) * C + ch]!;
          expect(win.value).toBe(x);
          expect(win.amount).toBe(x);
        }
        expect(bitwiseMismatch('Y at the end', st.tensor('out')!, tensorOf(c, 'Y'))).toBeNull();
        expect(st.tensor('A_prev_pad')).toEqual(s.X);
        expect(st.tensor('dA_prev_pad')).toBeNull();
        expect(st.tensor('dW')).toBeNull();
        // Back to the start: Y_pad zero, Y = b everywhere.
        st.seek(0);
        expect(st.tensor('out_pad')!.data.every((v) => v === 0)).toBe(true);
        const y0 = st.tensor('out')!;
        expect(y0.data.every((v, k) => v === s.b.data[k % s.params.nCOut]! + 0)).toBe(true);
      } finally {
        st.dispose();
      }
    });
  }
});

describe('conv_transpose as conv_backward', () => {
  it("with X = dZ and b = 0 gives conv_backward's dA_prev of the notebook case", () => {
    const nb = loadFixtures('conv.txt').find((c) => c.name === 'notebook_conv_backward');
    if (nb === undefined || nb.conv === undefined) throw new Error('conv.txt has no notebook_conv_backward');
    const W = tensorOf(nb, 'W');
    const dZ = tensorOf(nb, 'dZ');
    const nCOut = W.shape[2];
    const p: ConvTransposeParams = {
      f: nb.conv.f,
      nCOut,
      stride: nb.conv.stride,
      pad: nb.conv.pad,
      dilation: nb.conv.dilation,
      outputPadding: 0,
    };
    const b: Tensor = { shape: [1, 1, 1, nCOut], data: new Float64Array(nCOut) };
    const Y = engine.convTranspose(dZ, W, b, p);
    expect(bitwiseMismatch('Y vs the fixture dA_prev', Y, tensorOf(nb, 'dA_prev'))).toBeNull();
    const { dA_prev } = engine.convBackward(dZ, tensorOf(nb, 'A_prev'), W, nb.conv);
    const ref = refConvTranspose(dZ, W, b, p);
    expect(mismatch('Y vs convBackward', Y, dA_prev, ref.y.magnitude)).toBeNull();
  });
});

describe('conv_transpose errors', () => {
  const X: Tensor = { shape: [1, 2, 2, 1], data: Float64Array.of(1, 2, 3, 4) };
  const W: Tensor = { shape: [2, 2, 1, 1], data: Float64Array.of(1, 1, 1, 1) };
  const b: Tensor = { shape: [1, 1, 1, 1], data: Float64Array.of(0) };
  const ok: ConvTransposeParams = { f: 2, nCOut: 1, stride: 2, pad: 0, dilation: 1, outputPadding: 1 };

  it('validates with the C library sentences', () => {
    expect(engine.validateConvTranspose([1, 2, 2, 1], ok)).toEqual({ ok: true, outShape: [1, 5, 5, 1] });
    const bad = engine.validateConvTranspose([1, 2, 2, 1], { ...ok, outputPadding: 2 });
    expect(bad).toMatchObject({
      ok: false,
      message: expect.stringContaining('must be smaller than the stride 2'),
    });
    const crop = engine.validateConvTranspose([1, 2, 2, 1], { ...ok, stride: 1, outputPadding: 0, pad: 2 });
    expect(crop).toMatchObject({ ok: false, message: expect.stringContaining('crops the whole output') });
    const frac = engine.validateConvTranspose([1, 2, 2, 1], { ...ok, outputPadding: 0.5 });
    expect(frac).toMatchObject({
      ok: false,
      message: expect.stringContaining('output_padding must be a whole number'),
    });
  });

  it('throws a ConvstepError for a W of the wrong shape or a bad spec, and leaks nothing', () => {
    const before = engine.heapStats().inUse;
    expect(() => engine.convTranspose(X, { shape: [2, 2, 2, 1], data: new Float64Array(8) }, b, ok)).toThrow(
      ConvstepError,
    );
    expect(() =>
      engine.createConvTransposeStepper({ op: 'conv_transpose', X, W, b, params: { ...ok, f: 0 } }),
    ).toThrow(/filter size f must be at least 1/);
    expect(() =>
      engine.createConvTransposeStepper({ op: 'conv_forward' } as unknown as ConvTransposeStepperSpec),
    ).toThrow(ConvstepError);
    expect(engine.heapStats().inUse).toBe(before);
  });

  it('a hand case: stride 2 copies each input into a 2×2 block, output_padding adds b only', () => {
    const Y = engine.convTranspose(X, W, { shape: [1, 1, 1, 1], data: Float64Array.of(0.5) }, ok);
    expect(Y.shape).toEqual([1, 5, 5, 1]);
    expect(Array.from(Y.data)).toEqual([
      1.5, 1.5, 2.5, 2.5, 0.5, 1.5, 1.5, 2.5, 2.5, 0.5, 3.5, 3.5, 4.5, 4.5, 0.5, 3.5, 3.5, 4.5, 4.5, 0.5, 0.5,
      0.5, 0.5, 0.5, 0.5,
    ]);
  });
});
