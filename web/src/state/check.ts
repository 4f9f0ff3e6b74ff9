// Check my numbers: the student runs their own function on the inputs the page shows (the
// operation gives the numpy lines that draw them) and pastes what their notebook printed. The
// paste is read (lib/numpy), matched to one of the run's outputs, a slice of it or its mean,
// compared cell by cell, and answered in words: which cells differ, the first in the loop's
// order and the step that writes it, and the classic mistake it is, when it is one (the
// operation's mistakes, run to the end: state/mistakes.ts). This file knows no operation.

import type { Tensor } from '../engine/types';
import { npMean, parseNumpyText, pyFloatRepr } from '../lib/numpy/index';
import { unravel } from '../lib/tensor';
import { tState } from './messages';
import { findParting, type LoopAt, type LoopRunner, type Mistake, NumpyError, shapeText } from './mistakes';

/** One output of the student's function, by the name its test cell gives it. */
interface CheckOutput {
  /** the notebook's name: Z, A, dA, dW, db, dA_prev */
  name: string;
  /** its name in the loop the mistakes run (LoopRunner.shape / finish), e.g. dA_prev for dA */
  loopName: string;
  /** the right values */
  tensor: Tensor;
  /** the steps that write cell `index`, in loop order (empty: no window reaches it) */
  writers(index: number): readonly number[];
}

/** What an operation gives "check my numbers". */
export interface CheckSpec<R> {
  /** numpy lines that draw exactly the run's inputs (seed, shapes, hyper-parameters), call the
   * student's function and print its outputs in full */
  code(run: R): string;
  outputs(run: R): readonly CheckOutput[];
  /** where step `step` (1-based) stood */
  at(run: R, step: number): LoopAt;
}

/** What the paste is: a whole output, a slice of it (leading indices) or its mean. */
interface CheckTarget {
  output: string;
  index: readonly number[];
  mean: boolean;
}

export interface CheckVerdict {
  /** right: every value agrees */
  right: boolean;
  /** the answer in sentences */
  sentences: readonly string[];
  /** the step the walk jumps to, if the answer names one */
  step: number | null;
  /** the classic mistake recognised, by its id */
  pattern?: string;
}

function atText(at: LoopAt): string {
  return `i=${at.i}, c=${at.c}, h=${at.h}, w=${at.w}, vert_start=${at.vertStart}, hori_start=${at.horiStart}`;
}

function matchText(what: string, n: number): string {
  return n === 1 ? tState('matchOne', { what }) : tState('match', { n, what });
}

function targetName(t: CheckTarget): string {
  if (t.mean) return `np.mean(${t.output})`;
  return t.index.length === 0 ? t.output : `${t.output}[${t.index.join(', ')}]`;
}

/** Reads a print's label: "Z[0,2,1]", "Z's mean", "dA_mean", "mean of dA", "np.mean(dW)", "Z". */
function targetOfLabel(label: string, names: readonly string[]): CheckTarget | null {
  const s = label.trim().replace(/^print\(\s*/, '');
  const known = (n: string) => names.includes(n);
  let m = /^([A-Za-z_]\w*)\s*\[([\d\s,]*)\]$/.exec(s);
  if (m && known(m[1]!)) {
    const index = m[2]!
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '')
      .map(Number);
    return { output: m[1]!, index, mean: false };
  }
  m =
    /^([A-Za-z_]\w*?)(?:'s mean|_mean)$/.exec(s) ??
    /^mean of ([A-Za-z_]\w*)$/.exec(s) ??
    /^np\.mean\(([A-Za-z_]\w*)\)$/.exec(s);
  if (m && known(m[1]!)) return { output: m[1]!, index: [], mean: true };
  if (known(s)) return { output: s, index: [], mean: false };
  return null;
}

/** The values a target picks from a tensor, and the tensor's flat index of each. */
function pick(
  t: Tensor,
  target: CheckTarget,
): { shape: number[]; data: Float64Array; cells: number[] } | null {
  const shape = [...t.shape];
  if (target.mean) return { shape: [], data: Float64Array.of(npMean(t)), cells: [] };
  if (target.index.length > shape.length) return null;
  let offset = 0;
  let size = t.data.length;
  for (let k = 0; k < target.index.length; k++) {
    const n = shape[k] ?? 0;
    const x = target.index[k]!;
    if (x >= n) return null;
    size /= n;
    offset += x * size;
  }
  const cells = Array.from({ length: size }, (_, j) => offset + j);
  return { shape: shape.slice(target.index.length), data: t.data.slice(offset, offset + size), cells };
}

/** How close a printed value must be: half a unit of the last decimal printed (numpy rounds),
 * relative for scientific notation, and a little slack for another order of adding. */
function tolerance(text: string): (expected: number) => number {
  let decimals = 0;
  let scientific = false;
  for (const m of text.matchAll(/\d\.(\d*)([eE][+-]?\d+)?/g)) {
    decimals = Math.max(decimals, m[1]!.length);
    if (m[2] !== undefined) scientific = true;
  }
  const half = 0.51 * 10 ** -decimals;
  return (e) => (scientific ? half * Math.abs(e) : half) + 1e-10 * Math.max(1, Math.abs(e));
}

function agrees(e: number, g: number, tol: number): boolean {
  if (Number.isNaN(e) || Number.isNaN(g)) return Number.isNaN(e) && Number.isNaN(g);
  if (!Number.isFinite(e) || !Number.isFinite(g)) return e === g;
  return Math.abs(e - g) <= tol;
}

function same(a: ArrayLike<number>, b: ArrayLike<number>, tol: (e: number) => number): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (!agrees(a[j]!, b[j]!, tol(a[j]!))) return false;
  return true;
}

/** as numpy prints it: at most 8 decimals */
const num = (x: number) =>
  pyFloatRepr(Number.isFinite(x) && Math.abs(x) < 1e8 ? Math.round(x * 1e8) / 1e8 : x);

/** Runs a loop to its end; the tensor named `name` (its finish() result or its accumulator). */
function finalTensor(r: LoopRunner, name: string): Tensor | null {
  try {
    for (let s = 0; s < r.total; s++) r.step();
    const done = r.finish?.();
    if (done && done.tensor === name) return { shape: done.shape as Tensor['shape'], data: done.data };
  } catch (e) {
    if (e instanceof NumpyError) return null;
    throw e;
  }
  const shape = r.shape(name);
  if (shape.length === 0) return null;
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  for (let j = 0; j < n; j++) data[j] = r.value({ tensor: name, index: j });
  return { shape: shape as Tensor['shape'], data };
}

/** Beyond this many steps the mistakes are not run to recognise a paste. */
const MAX_PATTERN_STEPS = 50_000;

/** The first classic mistake whose output is the paste (and the right output is not). */
function recognise<R>(
  run: R & { total: number },
  mistakes: readonly Mistake<R>[],
  out: CheckOutput,
  target: CheckTarget,
  got: { shape: readonly number[]; data: Float64Array },
  tol: (e: number) => number,
): { mistake: Mistake<R>; step: number; at: LoopAt | null } | null {
  if (run.total > MAX_PATTERN_STEPS) return null;
  for (const m of mistakes) {
    const wrong = finalTensor(m.loops(run).wrong, out.loopName);
    if (wrong === null) continue;
    const p = pick(wrong, target);
    if (p === null || p.shape.join() !== got.shape.join() || !same(p.data, got.data, tol)) continue;
    const { right, wrong: w } = m.loops(run);
    const parting = findParting(right, w);
    if (parting.kind === 'value' || parting.kind === 'error')
      return { mistake: m, step: parting.step, at: parting.at };
    if (parting.kind === 'shape') return { mistake: m, step: parting.step, at: null };
  }
  return null;
}

/**
 * Judges a paste. `chosen` names the output when the paste has no label (null: by its label,
 * else by its shape). Never throws for any text.
 */
export function checkPaste<R extends { total: number }>(
  text: string,
  spec: CheckSpec<R>,
  run: R,
  mistakes: readonly Mistake<R>[],
  chosen: string | null,
): CheckVerdict {
  const refuse = (s: string): CheckVerdict => ({ right: false, sentences: [s], step: null });
  if (text.trim() === '') return refuse(tState('empty'));
  const parsed = parseNumpyText(text);
  if (!parsed.ok) return refuse(parsed.message);
  const outputs = spec.outputs(run);
  const names = outputs.map((o) => o.name);
  const got = { shape: parsed.shape, data: parsed.data };
  let target: CheckTarget | null = null;
  const labelled = parsed.label === undefined ? null : targetOfLabel(parsed.label, names);
  if (labelled !== null) target = labelled;
  else if (chosen !== null && names.includes(chosen)) target = { output: chosen, index: [], mean: false };
  else if (parsed.label !== undefined) return refuse(tState('unknownLabel', { label: parsed.label }));
  else {
    const fits = outputs.filter((o) => o.tensor.shape.join() === got.shape.join());
    const one = fits.length === 1 ? fits[0] : outputs.length === 1 ? outputs[0] : undefined;
    if (one === undefined)
      return refuse(tState('noTarget', { shape: shapeText(got.shape), names: names.join(', ') }));
    target = { output: one.name, index: [], mean: false };
  }
  const out = outputs.find((o) => o.name === target.output)!;
  const want = pick(out.tensor, target);
  const what = targetName(target);
  if (want === null) return refuse(tState('unknownLabel', { label: parsed.label ?? what }));
  const tol = tolerance(text);
  const wrongAnswer = (sentences: string[], step: number | null, pattern?: string): CheckVerdict =>
    pattern === undefined ? { right: false, sentences, step } : { right: false, sentences, step, pattern };

  const sameShape = want.shape.join() === got.shape.join();
  if (sameShape && same(want.data, got.data, tol))
    return { right: true, sentences: [matchText(what, want.data.length)], step: null };
  const known = recognise(run, mistakes, out, target, got, tol);
  const patternSentences = known
    ? [
        tState('pattern', {
          name: known.mistake.name,
          step: known.step,
          at: known.at ? atText(known.at) : tState('afterLast'),
        }),
        known.mistake.why,
      ]
    : [];

  if (!sameShape) {
    const s = [
      tState('wrongShape', { what, got: shapeText(got.shape), want: shapeText(want.shape) }),
      ...patternSentences,
    ];
    return wrongAnswer(s, known?.step ?? null, known?.mistake.id);
  }
  if (target.mean) {
    const s = [
      tState('scalarDiffer', { what, want: num(want.data[0]!), got: num(got.data[0]!) }),
      ...patternSentences,
    ];
    if (!known) s.push(tState('scalarHint'));
    return wrongAnswer(s, known?.step ?? null, known?.mistake.id);
  }
  // the differing cells, the first in the loop's order: by the first step that writes each
  const differing: number[] = [];
  for (let j = 0; j < want.data.length; j++)
    if (!agrees(want.data[j]!, got.data[j]!, tol(want.data[j]!))) differing.push(j);
  const firstWriter = (j: number) => out.writers(want.cells[j]!)[0] ?? Number.POSITIVE_INFINITY;
  const first = differing.reduce((a, b) => (firstWriter(b) < firstWriter(a) ? b : a));
  const sentences = [
    ...patternSentences,
    tState('differ', { count: differing.length, total: want.data.length, what }),
  ];
  if (got.data.every((v) => v === 0)) sentences.unshift(tState('allZeros', { what }));
  const cellIndex = unravel(out.tensor.shape, want.cells[first]!);
  sentences.push(
    tState('firstCell', {
      cell: `${out.name}[${cellIndex.join(', ')}]`,
      want: num(want.data[first]!),
      got: num(got.data[first]!),
    }),
  );
  const writers = out.writers(want.cells[first]!);
  let step: number | null = null;
  if (known) step = known.step;
  else if (writers.length > 0) {
    step = writers[0]!;
    const at = atText(spec.at(run, step));
    sentences.push(
      writers.length === 1
        ? tState('step', { step, at })
        : tState('stepMany', {
            step,
            at,
            others: writers.slice(1, 9).join(', ') + (writers.length > 9 ? ', …' : ''),
          }),
    );
  }
  return wrongAnswer(sentences, step, known?.mistake.id);
}

/** The numpy lines that draw a run's inputs as the page does: one seed, then randn in the
 * notebook's order; `ints` lists the draws the page turns into small integers (state/data.ts). */
export function numpyDrawLines(
  seed: number,
  draws: readonly { name: string; shape: readonly number[] }[],
  ints: readonly string[],
): string[] {
  const lines = ['import sys', 'import numpy as np', 'np.set_printoptions(threshold=sys.maxsize)'];
  lines.push(`np.random.seed(${seed})`);
  for (const d of draws) lines.push(`${d.name} = np.random.randn(${d.shape.join(', ')})`);
  if (ints.length > 0) {
    lines.push('# small integers: round(1.5 x), halves up, clamped to -3..3');
    for (const n of ints) lines.push(`${n} = np.clip(np.floor(1.5 * ${n} + 0.5), -3, 3) + 0.0`);
  }
  return lines;
}

/** Where step `step` stood in the seed's loop over (i, c, h, w): vert_start = h * stride. */
export function loopAtStride(
  dims: { nC: number; nH: number; nW: number },
  stride: number,
  step: number,
): LoopAt {
  const k = step - 1;
  const w = k % dims.nW;
  const t = Math.floor(k / dims.nW);
  const h = t % dims.nH;
  const t2 = Math.floor(t / dims.nH);
  const c = t2 % dims.nC;
  const i = Math.floor(t2 / dims.nC);
  return { i, c, h, w, vertStart: h * stride, horiStart: w * stride };
}
