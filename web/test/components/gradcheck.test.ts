// The gradient check: central differences of L = sum(Z * dZ) through the engine's conv_forward,
// next to conv_backward's gradients, and the store's view of it (selected cell, partial walk).
import { describe, expect, it } from 'vitest';
import { convParams } from '../../src/state/config';
import { NOTEBOOK_CONV_BACKWARD, openConvBackward } from '../../src/ops/conv_backward/model';
import { CHECK_BUDGET, DEFAULT_CHECK_CELL, historyAt, targetOf } from '../../src/ops/conv_backward/selection';
import {
  analyticOf,
  epsFor,
  forwardCost,
  gradCheck,
  loss,
  narrowed,
  relativeDifference,
  targetNames,
  type GradTarget,
} from '../../src/ops/conv_backward/gradcheck';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFixtures, tensorOf } from '../engine/fixtures';
import { engine, makeStore, selection } from './setup';

// vitest runs from the repository's top folder (happy-dom's import.meta.url is not a file: URL)
const nb = parseFixtures(readFileSync(resolve(process.cwd(), 'tests/fixtures/conv.txt'), 'utf8')).find(
  (c) => c.name === 'notebook_conv_backward',
)!;
const NB_QUERY =
  '?op=conv_backward&m=10&H=4&W=4&Cin=3&Cout=8&f=2&stride=2&pad=2&dil=1&seed=1&data=gauss&dz=z';

async function notebookInputs() {
  const e = await engine();
  const r = openConvBackward(e, NOTEBOOK_CONV_BACKWARD);
  const inputs = { A_prev: r.data.A_prev, W: r.data.W, b: r.data.b, dZ: r.dZ, params: convParams(r.config) };
  return { e, r, inputs };
}

describe('loss', () => {
  it('is sum(Z * dZ); with dZ = Z it is the sum of squares of the notebook’s Z', async () => {
    const { e, r, inputs } = await notebookInputs();
    let want = 0;
    for (const z of tensorOf(nb, 'Z').data) want += z * z;
    expect(Math.abs(loss(e, inputs) - want)).toBeLessThanOrEqual(1e-12 * want);
    r.dispose();
  });
});

describe('gradCheck', () => {
  const targets: GradTarget[] = [
    { tensor: 'A_prev', i: 0, h: 0, w: 0, k: 0 },
    { tensor: 'A_prev', i: 9, h: 3, w: 1, k: 2 },
    { tensor: 'W', u: 1, v: 0, k: 2, c: 5 },
    { tensor: 'b', c: 3 },
  ];
  for (const t of targets) {
    it(`agrees with conv_backward at ${targetNames(t).grad}`, async () => {
      const { e, r, inputs } = await notebookInputs();
      const g = gradCheck(e, inputs, r.full, t);
      expect(g.eps).toBe(epsFor(g.x));
      expect(g.analytic).toBe(analyticOf(r.full, t));
      // the fixture's (numpy's) gradient
      const fix =
        t.tensor === 'A_prev'
          ? tensorOf(nb, 'dA_prev')
          : t.tensor === 'W'
            ? tensorOf(nb, 'dW')
            : tensorOf(nb, 'db');
      const want = analyticOf({ dA_prev: fix, dW: fix, db: fix }, t);
      expect(relativeDifference(g.analytic, want)).toBeLessThan(1e-12);
      // Z is linear in each input: the central difference is exact but for rounding
      expect(g.relDiff).toBeLessThan(1e-7);
      expect(relativeDifference(g.numeric, want)).toBeLessThan(1e-7);
      expect(g.numeric).toBe((g.lossPlus - g.lossMinus) / (g.x + g.eps - (g.x - g.eps)));
      r.dispose();
    });
  }

  it('finds a zero gradient where no window reaches (stride 3 > f 2)', async () => {
    const e = await engine();
    const r = openConvBackward(e, {
      ...NOTEBOOK_CONV_BACKWARD,
      m: 1,
      H: 7,
      W: 9,
      Cin: 2,
      Cout: 2,
      stride: 3,
      pad: 0,
      seed: 11,
      dz: 'randn',
    });
    const inputs = {
      A_prev: r.data.A_prev,
      W: r.data.W,
      b: r.data.b,
      dZ: r.dZ,
      params: convParams(r.config),
    };
    const g = gradCheck(e, inputs, r.full, { tensor: 'A_prev', i: 0, h: 6, w: 8, k: 1 });
    expect(g.analytic).toBe(0);
    expect(g.numeric).toBe(0);
    expect(g.relDiff).toBe(0);
    r.dispose();
  });

  it('checks a cell of A_prev on its sample alone, as the whole batch would', async () => {
    const { e, r, inputs } = await notebookInputs();
    const t: GradTarget = { tensor: 'A_prev', i: 7, h: 2, w: 3, k: 1 };
    const n = narrowed(inputs, t);
    expect(n.t).toEqual({ ...t, i: 0 });
    expect(n.inp.A_prev.shape).toEqual([1, 4, 4, 3]);
    expect(forwardCost(inputs)).toBe(10 * 4 * 4 * 8 * 2 * 2 * 3);
    expect(forwardCost(n.inp)).toBe(forwardCost(inputs) / 10);
    // the same difference quotient taken on all ten samples
    const g = gradCheck(e, inputs, r.full, t);
    const off = ((7 * 4 + 2) * 4 + 3) * 3 + 1;
    const nudged = (x: number) => {
      const data = inputs.A_prev.data.slice();
      data[off] = x;
      return loss(e, { ...inputs, A_prev: { shape: inputs.A_prev.shape, data } });
    };
    const whole = (nudged(g.x + g.eps) - nudged(g.x - g.eps)) / (g.x + g.eps - (g.x - g.eps));
    expect(relativeDifference(g.numeric, whole)).toBeLessThan(1e-7);
    expect(g.inputName).toBe('A_prev[7, 2, 3, 1]');
    r.dispose();
  });

  it('relative difference: symmetric, 0 for equal values and for two zeros', () => {
    expect(relativeDifference(0, 0)).toBe(0);
    expect(relativeDifference(2, 2)).toBe(0);
    expect(relativeDifference(1, 2)).toBe(0.5);
    expect(relativeDifference(2, 1)).toBe(0.5);
  });
});

describe('the store’s gradient check and cell history', () => {
  it('checks the default cell, partial before the end and complete at the end', async () => {
    const store = await makeStore(`${NB_QUERY}&step=37`);
    const v = selection(store).check.value!;
    expect(v.chosen).toBe(false);
    expect(v.cell).toEqual(DEFAULT_CHECK_CELL(2));
    expect(v.complete).toBe(false);
    expect(v.check!.gradName).toBe('dA_prev[0, 0, 0, 0]');
    // before the end the comparison is with the whole loop's value
    expect(v.analytic).toBe(v.check!.analytic);
    store.toEnd();
    const end = selection(store).check.value!;
    expect(end.complete).toBe(true);
    expect(Math.abs(end.walk - tensorOf(nb, 'dA_prev').data[0]!)).toBeLessThan(1e-13);
    expect(end.analytic).toBe(end.walk);
    expect(end.relDiff).toBeLessThan(1e-7);
  });

  it('follows the selected cell; the padding has no input behind it', async () => {
    const store = await makeStore(`${NB_QUERY}&step=200`);
    const run = store.run.value;
    selection(store).select({ tensor: 'dW', u: 0, v: 1, k: 2, c: 1 });
    expect(selection(store).check.value!.check!.gradName).toBe('dW[0, 1, 2, 1]');
    const h = selection(store).history.value!;
    expect(h.writes).toHaveLength(160);
    // channel c = 1 of sample 0 is steps 17..32, of sample 1 steps 145..160: 32 writes done
    expect(h.done).toBe(32);
    selection(store).select({ tensor: 'dA_prev_pad', i: 1, row: 0, col: 5, k: 0 });
    const pad = selection(store).check.value!;
    expect(pad.check).toBeNull();
    expect(pad.reason).toMatch(/padding/);
    expect(typeof targetOf(run as never, { tensor: 'dA_prev_pad', i: 1, row: 0, col: 5, k: 0 })).toBe(
      'string',
    );
    // selecting the same cell again clears the selection
    selection(store).select({ tensor: 'dA_prev_pad', i: 1, row: 0, col: 5, k: 0 });
    expect(selection(store).selected.value).toBeNull();
    expect(selection(store).history.value).toBeNull();
  });

  it('gives a cell’s value before and after the step that writes it', async () => {
    const store = await makeStore(`${NB_QUERY}&step=1`);
    selection(store).select({ tensor: 'dA_prev_pad', i: 0, row: 3, col: 3, k: 2 });
    const ws = selection(store).history.value!.writes;
    const second = ws[1]!;
    store.seek(second.step);
    const h = selection(store).history.value!;
    expect(h.touchedNow).toBe(true);
    expect(h.before).toBe(ws[0]!.sum);
    expect(h.after).toBe(second.sum);
    store.stepBy(1);
    const next = selection(store).history.value!;
    expect(next.touchedNow).toBe(false);
    expect(next.before).toBe(next.after);
    expect(historyAt(h.cell, ws, 0, false).after).toBe(0);
  });

  it('counts the work of a check: an image-sized layer is beyond the budget, but not one of its samples', () => {
    const none = new Float64Array(0);
    const big = {
      A_prev: { shape: [4, 128, 128, 16] as const, data: none },
      W: { shape: [9, 9, 16, 32] as const, data: none },
      b: { shape: [1, 1, 1, 32] as const, data: none },
      dZ: { shape: [4, 128, 128, 32] as const, data: none },
      params: { f: 9, nC: 32, stride: 1, pad: 4, dilation: 1 },
    };
    expect(forwardCost(big)).toBe(4 * 128 * 128 * 32 * 81 * 16);
    expect(forwardCost(big)).toBeGreaterThan(CHECK_BUDGET);
    const small = {
      ...big,
      A_prev: { shape: [4, 32, 32, 3] as const, data: none },
      params: { ...big.params, f: 3, pad: 1 },
    };
    expect(forwardCost(small)).toBeLessThan(CHECK_BUDGET);
  });

  it('drops a selection the new layer does not have', async () => {
    const store = await makeStore(`${NB_QUERY}&step=5`);
    selection(store).select({ tensor: 'dW', u: 1, v: 1, k: 2, c: 7 });
    expect(selection(store).selected.value).not.toBeNull();
    store.setField('Cout', '4');
    expect(selection(store).selected.value).toBeNull();
  });
});
