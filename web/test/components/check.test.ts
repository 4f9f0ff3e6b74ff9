// "Check my numbers" against tests/fixtures/check.txt, written by check.py with numpy's own
// printing: the panel's numpy lines are the ones check.py ran, and they draw exactly the run's
// data; every pasted text (the right output in each print form, each classic mistake's output,
// one changed cell, all zeros, a wrong shape, a summarised print, garbage) gets the answer the
// fixture states, naming the step (and the mistake) it states.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPaste } from '../../src/state/check';
import { grade } from '../../src/state/predict';
import { configOf, configPairs, configText, OPS, openRun } from './fixtureRuns';

interface Paste {
  name: string;
  text: string;
  which: string | null;
  expect: string[];
}

interface Layer {
  op: string;
  config: Record<string, string>;
  code: string;
  tensors: Map<string, { shape: number[]; data: number[] }>;
  pastes: Paste[];
  /** predict-then-reveal's answers from numpy: step, answer cells, answer numbers */
  predicts: { step: number; cells: number[] | null; numbers: number[] }[];
}

function readLayers(): Layer[] {
  const lines = readFileSync(resolve(process.cwd(), 'tests/fixtures/check.txt'), 'utf8').split('\n');
  const out: Layer[] = [];
  let cur: Layer | null = null;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.startsWith('#') || line.trim() === '') continue;
    const [key, ...rest] = line.split(' ');
    if (key === 'layer')
      cur = { op: rest[0]!, config: {}, code: '', tensors: new Map(), pastes: [], predicts: [] };
    else if (cur === null) continue;
    else if (key === 'config') Object.assign(cur.config, configPairs(rest));
    else if (key === 'code') {
      const n = Number(rest[0]);
      cur.code = lines.slice(k + 1, k + 1 + n).join('\n');
      k += n;
    } else if (key === 'tensor') {
      const nd = Number(rest[1]);
      const shape = rest.slice(2, 2 + nd).map(Number);
      cur.tensors.set(rest[0]!, { shape, data: rest.slice(2 + nd).map(Number) });
    } else if (key === 'paste') {
      const n = Number(rest[1]);
      cur.pastes.push({
        name: rest[0]!,
        text: lines.slice(k + 1, k + 1 + n).join('\n'),
        which: null,
        expect: [],
      });
      k += n;
    } else if (key === 'which') cur.pastes.at(-1)!.which = rest[0]!;
    else if (key === 'expect') cur.pastes.at(-1)!.expect = rest;
    else if (key === 'predict') {
      const at = (w: string) => rest.indexOf(w);
      const ci = at('cells');
      const ni = at('numbers');
      cur.predicts.push({
        step: Number(rest[0]),
        cells: ci < 0 ? null : rest.slice(ci + 1, ni < 0 ? undefined : ni).map(Number),
        numbers: ni < 0 ? [] : rest.slice(ni + 1).map(Number),
      });
    } else if (key === 'end') {
      out.push(cur);
      cur = null;
    }
  }
  return out;
}

const layers = readLayers();

describe('check my numbers against numpy (tests/fixtures/check.txt)', () => {
  it('the fixture covers every operation with a check, and every mistake whose output can be pasted', () => {
    for (const [id, op] of Object.entries(OPS)) {
      expect(op.check, id).toBeDefined();
      expect(
        layers.some((l) => l.op === id),
        id,
      ).toBe(true);
    }
  });

  for (const layer of layers) {
    const title = `${layer.op} ${configText(layer.config)}`;
    it(`${title}: the panel's numpy lines are the ones numpy ran, and draw the run's data bit for bit`, async () => {
      const op = OPS[layer.op]!;
      const run = await openRun(op, configOf(op, layer.config));
      expect(op.check!.code(run)).toBe(layer.code);
      const inputs = run.inputs ?? {};
      for (const [name, t] of layer.tensors) {
        const mine = inputs[name];
        expect(mine, name).toBeDefined();
        expect([...mine!.shape], `${name}'s shape`).toEqual(t.shape);
        expect(Array.from(mine!.data), name).toEqual(t.data);
      }
    });

    if (layer.predicts.length > 0)
      it(`${title}: predict-then-reveal's answers are numpy's for the first steps, and grade as numpy says`, async () => {
        const op = OPS[layer.op]!;
        const run = await openRun(op, configOf(op, layer.config));
        for (const want of layer.predicts) {
          const q = op.predict!(run, want.step);
          expect(q.step).toBe(want.step);
          expect(q.cells ? [...q.cells.answer].sort((a, b) => a - b) : null, `step ${want.step}`).toEqual(
            want.cells,
          );
          expect(q.numbers.length).toBe(want.numbers.length);
          q.numbers.forEach((n, k) => {
            expect(Math.abs(n.answer - want.numbers[k]!), `${n.label}`).toBeLessThanOrEqual(
              1e-12 * Math.max(1, Math.abs(want.numbers[k]!)),
            );
          });
          // numpy's numbers typed to 2 decimals (Gaussian data) are right; 0.02 off is wrong
          const typed = want.numbers.map((v) => v.toFixed(2));
          const off = want.numbers.map((v) => (v + 0.02).toFixed(2));
          const cells = want.cells ?? [];
          expect(grade(q, { cells, numbers: typed })).toMatchObject({ ok: true, right: true });
          expect(grade(q, { cells, numbers: off })).toMatchObject({
            ok: true,
            right: q.numbers.length === 0,
          });
          if (want.cells !== null) {
            const other = want.cells[0] === 0 ? [1] : [0];
            expect(grade(q, { cells: other, numbers: typed })).toMatchObject({ ok: true, right: false });
          }
        }
      });

    for (const p of layer.pastes) {
      it(`${title}: pasted ${p.name} → ${p.expect.join(' ')}`, async () => {
        const op = OPS[layer.op]!;
        const run = await openRun(op, configOf(op, layer.config));
        const v = checkPaste(p.text, op.check!, run, op.mistakes ?? [], p.which);
        const said = v.sentences.join(' ');
        const [kind, ...rest] = p.expect;
        if (kind === 'right') {
          expect(v.right, said).toBe(true);
          expect(v.step).toBeNull();
        } else if (kind === 'refused') {
          expect(v.right).toBe(false);
          expect(v.step).toBeNull();
          expect(v.sentences.length).toBe(1);
          for (const w of rest) expect(said).toContain(w);
        } else {
          const [step, mistake, shape] = rest;
          expect(v.right, said).toBe(false);
          expect(v.step, said).toBe(step === '-' ? null : Number(step));
          expect(v.pattern ?? '-', said).toBe(mistake);
          if (mistake !== '-') {
            const name = op.mistakes!.find((m) => m.id === mistake)!.name;
            expect(said).toContain(`classic mistake: ${name}`);
          }
          if (shape === 'shape') expect(said).toMatch(/Wrong shape: .* has shape \(/);
          else expect(said).toMatch(step === '-' ? /./ : new RegExp(`step ${step} \\(i=`));
        }
      });
    }
  }
});

describe('check my numbers never throws', () => {
  it('answers any text with sentences: random pieces of prints, labels and garbage', async () => {
    const op = OPS.conv_forward!;
    const layer = layers.find((l) => l.op === 'conv_forward')!;
    const run = await openRun(op, configOf(op, layer.config));
    const pieces = [
      '[',
      ']',
      '[[',
      ' 1.5',
      '-2.',
      'e-3',
      'nan',
      '-inf',
      ',',
      '\n',
      'Z[0,2,1] =',
      "Z's mean =",
      'array(',
      ')',
      'dtype=float64',
      '...',
      'Z[9,9,9] =',
      'W =',
      '1e400',
      '  ',
      'np.mean(Z) =',
      'dA =',
      '\u2212',
      'x',
    ];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const texts = [...layer.pastes.map((p) => p.text.slice(0, 200)), 'Z[9,9,9] =\n [1. 2.]'];
    for (let k = 0; k < 300; k++) {
      let t = '';
      for (let j = rand(12); j >= 0; j--) t += pieces[rand(pieces.length)];
      texts.push(t);
    }
    for (const t of texts) {
      const v = checkPaste(t, op.check!, run, op.mistakes ?? [], rand(2) === 0 ? null : 'Z');
      expect(v.sentences.length, t).toBeGreaterThan(0);
      for (const s of v.sentences) expect(s.length, t).toBeGreaterThan(5);
    }
  });
});
