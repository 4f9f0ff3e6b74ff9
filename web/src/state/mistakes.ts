// Classic mistakes: a named, wrong version of an operation's loop, run beside the right one until
// the two part. Both loops are written out in TypeScript, one window per step in the seed's
// order: the operation writes each window's work with its flaws (ops/<op>/mistakes.ts), this file
// the loop nest around it; the C kernels that the walk shows are never changed. This file knows
// no operation: it steps two loops in lockstep and reports the first step at which some cell
// differs, or numpy would have raised, or the result has another shape.

import { flatOffset, type LoopDims, loopAt, unravel } from '../lib/tensor';
import type { Config } from './config';
import { tState } from './messages';
import { liveWords } from './locale';

/** Where one step of the loop stood: its indices and the window's corner (padded coordinates). */
export interface LoopAt {
  i: number;
  c: number;
  h: number;
  w: number;
  vertStart: number;
  horiStart: number;
}

/** One cell of one of a loop's tensors, by its flat (row-major) offset. */
export interface LoopCell {
  tensor: string;
  index: number;
}

/** What numpy raises where the wrong code would stop, with numpy's own message. */
export class NumpyError extends Error {
  constructor(
    message: string,
    /** the exception's class, e.g. ValueError */
    readonly kind = 'ValueError',
  ) {
    super(message);
    this.name = 'NumpyError';
  }
}

/** A tensor a loop hands back after its last step (e.g. dA_prev, cropped from dA_prev_pad). */
interface LoopResult {
  tensor: string;
  shape: readonly number[];
  data: Float64Array;
}

/** A loop written out, one window per step. `step` runs steps 1, 2, ... in order. */
export interface LoopRunner {
  readonly total: number;
  /** runs the next step; where it stood and the cells it wrote. Throws NumpyError where numpy
   * raises. */
  step(): { at: LoopAt; wrote: readonly LoopCell[] };
  /** what runs after the last step, if anything */
  finish?(): LoopResult;
  value(cell: LoopCell): number;
  shape(tensor: string): readonly number[];
}

/** The id of the loop nest's own flaw, `vert_start = h`: see strideForgotten. */
const STRIDE_FORGOTTEN = 'stride_forgotten';

/** The loop nest every operation's loop shares (state/code.ts pythonLoopNest): the samples, the
 * channels looped over and the output's rows and columns, and the stride. */
export interface LoopNest extends LoopDims {
  m: number;
  stride: number;
}

/** An operation's loop, right (`flaw` null) or with one flaw, written out one window per step:
 * the nest visits the windows in the seed's order i, c, h, w and finds each window's corner;
 * `work` does the operation's work at that window and names the cells it wrote; `finish`, if
 * given, is what runs after the last step. The nest's own flaw is the stride forgotten. */
export function windowLoop(
  tensors: LoopTensors,
  nest: LoopNest,
  flaw: string | null,
  work: (at: LoopAt) => readonly LoopCell[],
  finish?: () => LoopResult,
): LoopRunner {
  const forgotten = flaw === STRIDE_FORGOTTEN;
  let k = 0;
  const runner: LoopRunner = {
    total: nest.m * nest.nC * nest.nH * nest.nW,
    value: (cell) => tensors.value(cell),
    shape: (name) => tensors.shape(name),
    step() {
      k++;
      const { i, c, h, w } = loopAt(nest, k);
      // fix the vertical position, slide horizontally by the stride
      const vertStart = forgotten ? h : h * nest.stride;
      const horiStart = forgotten ? w : w * nest.stride;
      const at = { i, c, h, w, vertStart, horiStart };
      return { at, wrote: work(at) };
    },
  };
  if (finish) runner.finish = finish;
  return runner;
}

/** For each flaw of an operation's loop, the right loop and the wrong one over a run. */
export function loopPair<R, F extends string>(
  loop: (run: R, flaw: F | null) => LoopRunner,
): (flaw: F) => (run: R) => { right: LoopRunner; wrong: LoopRunner } {
  return (flaw) => (run) => ({ right: loop(run, null), wrong: loop(run, flaw) });
}

/** A wrong line of code as a student writes it: the right line's id in the Python code panel and
 * the wrong text (the right line's indentation kept). */
export interface WrongLine {
  id: string;
  text: string;
}

export interface Mistake<R = unknown> {
  /** the key of the mistake, e.g. "stride_forgotten" */
  id: string;
  /** a few words for the selector: "stride forgotten" */
  name: string;
  /** the lines the wrong version changes */
  lines: readonly WrongLine[];
  /** what goes wrong, and why */
  why: string;
  /** a sentence when this configuration never runs the changed line (or it changes nothing) */
  idle?(c: Config): string | null;
  /** the right and the wrong loop over the run's inputs */
  loops(run: R): { right: LoopRunner; wrong: LoopRunner };
}

/** A mistake as an operation writes it: its name and why as functions, read each time they are
 * shown, so that they follow the page's language. */
interface MistakeSpec<R> extends Omit<Mistake<R>, 'name' | 'why'> {
  name: () => string;
  why: () => string;
}

/** The mistake, its name and why said in the page's language of the moment. */
export function mistake<R>({ name, why, ...rest }: MistakeSpec<R>): Mistake<R> {
  return liveWords(rest, { name, why });
}

/** The loop nest's own mistake, the same in every operation (state/code.ts pythonLoopNest):
 * `vert_start = h` and `hori_start = w`, the stride forgotten. `why` says what it breaks here. */
export function strideForgotten<R>(
  why: () => string,
  loops: (run: R) => { right: LoopRunner; wrong: LoopRunner },
): Mistake<R> {
  return mistake({
    id: STRIDE_FORGOTTEN,
    name: () => tState('mistakeStrideForgotten'),
    lines: [
      { id: 'vert_start', text: '            vert_start = h' },
      { id: 'hori_start', text: '                hori_start = w' },
    ],
    why,
    idle: (c) => (c.stride === 1 ? tState('mistakeStrideIdle') : null),
    loops,
  });
}

/** The window's end one stride on instead of f on: `vert_end = vert_start + stride`. */
export function endByStride<R>(
  why: () => string,
  idle: (c: Config) => string | null,
  loops: (run: R) => { right: LoopRunner; wrong: LoopRunner },
): Mistake<R> {
  return mistake({
    id: 'end_stride',
    name: () => 'vert_end = vert_start + stride',
    lines: [
      { id: 'vert_end', text: '            vert_end = vert_start + stride' },
      { id: 'hori_end', text: '                hori_end = hori_start + stride' },
    ],
    why,
    idle,
    loops,
  });
}

/** Where the two loops part. */
export type Parting =
  /** some cell differs after `step` */
  | { kind: 'value'; step: number; at: LoopAt | null; cell: string; right: number; wrong: number }
  /** numpy raises at `step` in the wrong code */
  | {
      kind: 'error';
      step: number;
      at: LoopAt | null;
      message: string;
      error: string;
      /** the first cell the right code writes there, and its value */
      cell: string | null;
      right: number;
    }
  /** after the last step, the result has another shape */
  | { kind: 'shape'; step: number; tensor: string; right: readonly number[]; wrong: readonly number[] }
  /** the two never part on this configuration */
  | { kind: 'none'; total: number }
  /** the walk is too long to run beside the right one */
  | { kind: 'too_long'; total: number };

/** Beyond this many steps the page does not run the two loops (a few seconds of work at most). */
const MAX_MISTAKE_STEPS = 50_000;

/** "Z[0, 1, 2, 3]" */
function loopCellName(tensor: string, shape: readonly number[], index: number): string {
  return `${tensor}[${unravel(shape, index).join(', ')}]`;
}

/** "(4, 4, 3)", as numpy prints a shape. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Steps the two loops in lockstep; the first step after which they differ. */
export function findParting(right: LoopRunner, wrong: LoopRunner): Parting {
  const total = right.total;
  if (total > MAX_MISTAKE_STEPS) return { kind: 'too_long', total };
  for (let s = 1; s <= total; s++) {
    const r = right.step();
    let w: { at: LoopAt; wrote: readonly LoopCell[] };
    try {
      w = wrong.step();
    } catch (e) {
      if (!(e instanceof NumpyError)) throw e;
      const first = r.wrote[0];
      return {
        kind: 'error',
        step: s,
        at: r.at,
        message: e.message,
        error: e.kind,
        cell: first ? loopCellName(first.tensor, right.shape(first.tensor), first.index) : null,
        right: first ? right.value(first) : Number.NaN,
      };
    }
    // the cells either loop wrote, the right loop's first: the first named is what the walk shows
    for (const cell of [...r.wrote, ...w.wrote]) {
      const a = right.value(cell);
      const b = wrong.value(cell);
      if (!same(a, b))
        return {
          kind: 'value',
          step: s,
          at: r.at,
          cell: loopCellName(cell.tensor, right.shape(cell.tensor), cell.index),
          right: a,
          wrong: b,
        };
    }
  }
  if (right.finish && wrong.finish) {
    const a = right.finish();
    let b: LoopResult;
    try {
      b = wrong.finish();
    } catch (e) {
      if (!(e instanceof NumpyError)) throw e;
      return {
        kind: 'error',
        step: total,
        at: null,
        message: e.message,
        error: e.kind,
        cell: null,
        right: Number.NaN,
      };
    }
    if (a.shape.join() !== b.shape.join())
      return { kind: 'shape', step: total, tensor: a.tensor, right: a.shape, wrong: b.shape };
    for (let j = 0; j < a.data.length; j++)
      if (!same(a.data[j] ?? 0, b.data[j] ?? 0))
        return {
          kind: 'value',
          step: total,
          at: null,
          cell: loopCellName(a.tensor, a.shape, j),
          right: a.data[j] ?? 0,
          wrong: b.data[j] ?? 0,
        };
  }
  return { kind: 'none', total };
}

/** A zero tensor and its reads, for a loop's accumulators. */
export class LoopTensors {
  private readonly t = new Map<string, { shape: readonly number[]; data: Float64Array }>();

  add(name: string, shape: readonly number[]): Float64Array {
    const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
    this.t.set(name, { shape, data });
    return data;
  }

  value(cell: LoopCell): number {
    return this.t.get(cell.tensor)?.data[cell.index] ?? Number.NaN;
  }

  shape(name: string): readonly number[] {
    return this.t.get(name)?.shape ?? [];
  }

  at(name: string, idx: readonly number[]): number {
    return flatOffset(this.shape(name), idx);
  }
}

/** The rows (or columns) of a numpy slice start:end:step of an axis of length n, as numpy
 * clips it: the indices it picks. */
export function sliceIndices(n: number, start: number, end: number, step = 1): number[] {
  const out: number[] = [];
  for (let x = Math.max(0, start); x < Math.min(n, end); x += step) out.push(x);
  return out;
}
