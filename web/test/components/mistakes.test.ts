// The classic mistakes against tests/fixtures/mistakes.txt, written by mistakes.py from the same
// wrong code in numpy: every step's written cells equal numpy's to 1e-12 of the magnitudes
// summed, numpy's exceptions are raised at the same step with the same message, and the page
// finds the first step where the wrong loop parts from the right one where numpy does. The right
// loops, written out in TypeScript, equal the C steppers step by step.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/engine/types';
import { convBackwardLoop } from '../../src/ops/conv_backward/mistakes';
import { operation as convForward } from '../../src/ops/conv_forward/index';
import { convForwardLoop } from '../../src/ops/conv_forward/mistakes';
import { operation as poolBackward } from '../../src/ops/pool_backward/index';
import { poolBackwardLoop } from '../../src/ops/pool_backward/mistakes';
import { operation as poolForward } from '../../src/ops/pool_forward/index';
import { poolForwardLoop } from '../../src/ops/pool_forward/mistakes';
import { findParting, type LoopRunner, NumpyError } from '../../src/state/mistakes';
import type { OpRun } from '../../src/state/operation';
import { partingText } from '../../src/ui/MistakePanel';
import { configOf, configPairs, configText, OPS, openRun } from './fixtureRuns';

interface Case {
  op: string;
  mistake: string;
  config: Record<string, string>;
  steps: { tensor: string; index: number; value: number; mag: number }[][];
  parts: string[];
}

function readCases(): Case[] {
  const text = readFileSync(resolve(process.cwd(), 'tests/fixtures/mistakes.txt'), 'utf8');
  const cases: Case[] = [];
  let cur: Case | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [key, ...rest] = line.split(' ');
    if (key === 'case') cur = { op: rest[0]!, mistake: rest[1]!, config: {}, steps: [], parts: [] };
    else if (cur === null) continue;
    else if (key === 'config') Object.assign(cur.config, configPairs(rest));
    else if (key === 'step') {
      const cells = [];
      for (let j = 1; j < rest.length; j += 4)
        cells.push({
          tensor: rest[j]!,
          index: Number(rest[j + 1]),
          value: Number(rest[j + 2]),
          mag: Number(rest[j + 3]),
        });
      cur.steps.push(cells);
    } else if (key === 'parts') cur.parts = rest;
    else if (key === 'end') {
      cases.push(cur);
      cur = null;
    }
  }
  return cases;
}

const cases = readCases();

describe('classic mistakes against numpy (tests/fixtures/mistakes.txt)', () => {
  it('covers every mistake of every operation', () => {
    for (const [id, op] of Object.entries(OPS))
      for (const m of op.mistakes ?? [])
        expect(
          cases.some((c) => c.op === id && c.mistake === m.id),
          `${id} ${m.id}`,
        ).toBe(true);
  });

  for (const cs of cases) {
    const title = `${cs.op} ${cs.mistake} on ${configText(cs.config)}`;
    it(`${title}: every step equals numpy's, and they part where numpy says`, async () => {
      const op = OPS[cs.op]!;
      const mistake = op.mistakes?.find((m) => m.id === cs.mistake);
      expect(mistake, cs.mistake).toBeDefined();
      const run = await openRun(op, configOf(op, cs.config));
      const { wrong } = mistake!.loops(run);
      cs.steps.forEach((cells, n) => {
        const got = wrong.step();
        expect(
          got.wrote.map((x) => `${x.tensor} ${x.index}`),
          `step ${n + 1}: cells`,
        ).toEqual(cells.map((x) => `${x.tensor} ${x.index}`));
        cells.forEach((x, j) => {
          const v = wrong.value(got.wrote[j]!);
          const err = Math.abs(v - x.value);
          expect(err <= 1e-12 * x.mag, `step ${n + 1} ${x.tensor}[${x.index}]: ${v} vs ${x.value}`).toBe(
            true,
          );
        });
      });
      const [kind, step, ...rest] = cs.parts;
      if (kind === 'error') {
        expect(() => wrong.step()).toThrow(NumpyError);
      }
      const fresh = mistake!.loops(run);
      const p = findParting(fresh.right, fresh.wrong);
      expect(p.kind).toBe(kind);
      if (p.kind === 'value') {
        expect(p.step).toBe(Number(step));
        const name = rest.slice(0, -2).join(' ');
        expect(p.cell).toBe(name);
        const [r, w] = rest.slice(-2).map(Number);
        expect(Math.abs(p.right - r!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(r!)));
        expect(Math.abs(p.wrong - w!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(w!)));
      } else if (p.kind === 'error') {
        expect(p.step).toBe(Number(step));
        expect(p.error).toBe(rest[0]);
        expect(p.message.trim()).toBe(rest.slice(1).join(' '));
        expect(partingText(p, run.config)).toContain(`numpy raises ${rest[0]}`);
      } else if (p.kind === 'shape') {
        expect(p.step).toBe(Number(step));
        expect(p.tensor).toBe(rest[0]);
        expect(p.wrong.join(' ')).toBe(rest.slice(1).join(' '));
      }
      // a mistake that never parts says why when the configuration cannot show it
      if (p.kind === 'none') expect(mistake!.idle?.(run.config) ?? 'none').not.toBe('');
    });
  }

  it('the 2017 notebook’s conv_single_step: bias added to every product gives its -23.1602122025', async () => {
    const preset = convForward.presets.find((p) => p.name.startsWith('2017'));
    expect(preset).toBeDefined();
    const run = await openRun(OPS.conv_forward!, preset!.config);
    const m = convForward.mistakes!.find((x) => x.id === 'bias_every_product')!;
    const p = findParting(m.loops(run as never).right, m.loops(run as never).wrong);
    expect(p.kind).toBe('value');
    if (p.kind !== 'value') return;
    expect(p.right.toFixed(11)).toBe('-6.99908945068');
    expect(p.wrong.toFixed(10)).toBe('-23.1602122025');
  });
});

/** Steps `loop` and the C stepper together; every cell the loop writes equals the stepper's. */
function sameAsStepper(run: OpRun, loop: LoopRunner, tensorOf: (name: string) => Tensor | null): void {
  run.stepper.reset();
  for (let k = 1; k <= loop.total; k++) {
    const { wrote } = loop.step();
    run.stepper.next();
    for (const cell of wrote) {
      const t = tensorOf(cell.tensor);
      const want = t?.data[cell.index] ?? Number.NaN;
      const got = loop.value(cell);
      expect(Math.abs(got - want), `step ${k} ${cell.tensor}[${cell.index}]`).toBeLessThanOrEqual(
        1e-12 * (1 + Math.abs(want)),
      );
    }
  }
}

describe('the right loops written out equal the C steppers at every step', () => {
  it('conv_forward (notebook)', async () => {
    const run = await openRun(OPS.conv_forward!, convForward.fallback);
    sameAsStepper(run, convForwardLoop(run as never, null), () => run.stepper.tensor('out'));
  });
  it('conv_backward (small, pad 1, stride 2)', async () => {
    const c = configOf(OPS.conv_backward!, cases.find((x) => x.op === 'conv_backward')!.config);
    const run = await openRun(OPS.conv_backward!, c);
    sameAsStepper(run, convBackwardLoop(run as never, null), (name) => run.stepper.tensor(name as 'dW'));
  });
  for (const mode of ['max', 'average']) {
    it(`pool_forward and pool_backward (notebook, ${mode})`, async () => {
      const f = await openRun(OPS.pool_forward!, { ...poolForward.fallback, mode });
      sameAsStepper(f, poolForwardLoop(f as never, null), () => f.stepper.tensor('out'));
      const b = await openRun(OPS.pool_backward!, { ...poolBackward.fallback, mode });
      sameAsStepper(b, poolBackwardLoop(b as never, null), () => b.stepper.tensor('dA_prev'));
    });
  }
});
