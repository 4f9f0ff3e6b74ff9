// Predict, then reveal: before a step runs, the question it raises; the student answers by
// typing numbers or clicking cells of the window, then the step runs and the answer is marked
// right or wrong, with why. Each operation asks its own question (ops/<op>/predict.ts); this file
// knows no operation: it grades an answer against a question and keeps the score.

import { parseNumpyText, pyFloatRepr } from '../lib/numpy/index';
import { tState } from './messages';

/** Cells of a window to click: the answer is the set of cells that are right. */
export interface PredictCells {
  rows: number;
  cols: number;
  /** what each cell shows, row-major rows × cols */
  values: readonly number[];
  /** each cell's name in the code, e.g. "A_prev[0, 1, 2, 0]", for screen readers */
  names: readonly string[];
  /** the cells that are the answer, row-major indices */
  answer: readonly number[];
}

/** A number to type: exact (small integers) or to a number of decimals (Gaussian data). */
interface PredictNumber {
  /** what it is, e.g. "Z[0, 1, 2, 3]" */
  label: string;
  answer: number;
  /** null: exact; 2: within half a unit of the second decimal */
  decimals: number | null;
}

export interface Question {
  /** the step the question is about (1-based): it runs once the question is answered */
  step: number;
  /** the question in words, also what a screen reader hears */
  prompt: string;
  cells?: PredictCells;
  numbers: readonly PredictNumber[];
  /** why the answer is what it is: the step's arithmetic */
  why: string;
}

export interface Answer {
  /** the clicked cells (row-major indices) */
  cells: readonly number[];
  /** the typed text of each number, in the question's order */
  numbers: readonly string[];
}

export type Grade =
  | { ok: true; right: boolean; wrongParts: readonly string[] }
  /** the typed text is not a number: nothing is graded, the walk waits */
  | { ok: false; message: string };

/** Is `typed` close enough to `n.answer`? */
function numberRight(n: PredictNumber, typed: number): boolean {
  const a = n.answer;
  if (Number.isNaN(a)) return Number.isNaN(typed);
  if (!Number.isFinite(a)) return typed === a;
  if (n.decimals === null) return Math.abs(typed - a) <= 1e-9 * Math.max(1, Math.abs(a));
  return Math.abs(typed - a) <= 0.5 * 10 ** -n.decimals + 1e-9 * Math.max(1, Math.abs(a));
}

/** Reads a typed number: 3, -2.65, −2.65, 1e-3, nan. */
function readTyped(text: string): { ok: true; value: number } | { ok: false } {
  if (text.trim() === '') return { ok: false };
  const r = parseNumpyText(text.trim());
  if (!r.ok || r.shape.length !== 0) return { ok: false };
  return { ok: true, value: r.data[0] ?? Number.NaN };
}

export function grade(q: Question, a: Answer): Grade {
  const wrongParts: string[] = [];
  if (q.cells) {
    const want = [...q.cells.answer].sort((x, y) => x - y).join();
    const got = [...new Set(a.cells)].sort((x, y) => x - y).join();
    if (got === '') return { ok: false, message: tState('noCells') };
    if (want !== got) wrongParts.push(tState('cellsPart'));
  }
  for (let k = 0; k < q.numbers.length; k++) {
    const n = q.numbers[k]!;
    const typed = readTyped(a.numbers[k] ?? '');
    if (!typed.ok) {
      const text = (a.numbers[k] ?? '').trim();
      const message =
        text === ''
          ? tState('typeANumber', { label: n.label })
          : tState('notANumber', { label: n.label, typed: text.slice(0, 24) });
      return { ok: false, message };
    }
    if (!numberRight(n, typed.value)) wrongParts.push(n.label);
  }
  return { ok: true, right: wrongParts.length === 0, wrongParts };
}

export interface Score {
  right: number;
  wrong: number;
  /** skipped or shown without an answer */
  passed: number;
}

export const NO_SCORE: Score = { right: 0, wrong: 0, passed: 0 };

export function scoreText(s: Score): string {
  const answered = s.right + s.wrong;
  return s.passed > 0
    ? tState('scorePassed', { right: s.right, answered, passed: s.passed })
    : tState('score', { right: s.right, answered });
}

/** A number in a question's answer and its why: at most 4 decimals, as Python prints it, never
 * "-0.0". */
export function answerNumber(x: number): string {
  return pyFloatRepr(Math.round(x * 1e4) / 1e4 + 0);
}
