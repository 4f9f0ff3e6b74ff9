// Predict, then reveal: the question the next step raises, answered by typing numbers or clicking
// the window's cells; then the step runs and the answer is marked right or wrong, with why.
// "Skip" and "Show me" move on without an answer; the transport keys still step the walk (the
// answer fields keep their own keys). The question is said in the live region (store.setCue).
// Knows questions only through the contract (state/predict.ts).

import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type Answer,
  answerNumber,
  grade,
  NO_SCORE,
  type Question,
  type Score,
  scoreText,
} from '../state/predict';
import { tUi } from './messages';
import { useSentence } from './useSentence';

export interface PredictPanelProps {
  /** the question of the next step, null at the end of the walk */
  question: Question | null;
  /** moves the walk on by one step (the step the question is about) */
  advance(): void;
  /** what the live region says after the step */
  cue(text: string): void;
  /** the question step `step` raises, asked anew (in the page's language now); without it, the
   * last answer is said with the words its question had */
  ask?(step: number): Question | null;
}

/** The last answer: what was given, not its words, which are said at each render. */
interface Result {
  kind: 'right' | 'wrong' | 'shown' | 'skipped';
  question: Question;
  answer: Answer;
}

/** The sentence that marks an answer to `q`, with the answer and why. */
function resultText(kind: Result['kind'], q: Question, a: Answer): string {
  if (kind === 'shown' || kind === 'skipped') {
    const head = kind === 'shown' ? tUi('shown', { step: q.step }) : tUi('skipped', { step: q.step });
    return `${head} ${answerText(q)} ${q.why}`;
  }
  const g = grade(q, a);
  const right = g.ok && g.right;
  const head = right
    ? tUi('right', { step: q.step })
    : tUi('wrong', { step: q.step, parts: g.ok ? g.wrongParts.join(', ') : '' });
  const clicked =
    q.cells && !right
      ? ` ${tUi('yourCells', { names: a.cells.map((j) => q.cells!.names[j]).join(', ') || tUi('noCell') })}`
      : '';
  const typed =
    q.numbers.length > 0 && !right
      ? ` ${tUi('yourNumbers', { said: q.numbers.map((n, k) => `${n.label} = ${(a.numbers[k] ?? '').trim()}`).join('; ') })}`
      : '';
  return `${head} ${answerText(q)}${clicked}${typed} ${q.why}`;
}

function answerText(q: Question): string {
  const parts: string[] = [];
  if (q.cells)
    parts.push(tUi('cellsAnswer', { names: q.cells.answer.map((j) => q.cells!.names[j]).join(', ') }));
  for (const n of q.numbers) parts.push(`${n.label} = ${answerNumber(n.answer)}`);
  return tUi('theAnswer', { text: parts.join('; ') });
}

function cellText(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

export function PredictPanel({ question, advance, cue, ask }: PredictPanelProps) {
  const [cells, setCells] = useState<readonly number[]>([]);
  const [numbers, setNumbers] = useState<readonly string[]>([]);
  const [problem, setProblem] = useSentence();
  const [score, setScore] = useState<Score>(NO_SCORE);
  const [result, setResult] = useState<Result | null>(null);
  const first = useRef<HTMLInputElement | HTMLButtonElement | null>(null);
  /** the answer was given from the panel: the next question's first field takes the focus */
  const refocus = useRef(false);
  const step = question?.step ?? null;
  const prompt = question?.prompt ?? tUi('done');

  useEffect(() => {
    setCells([]);
    setNumbers([]);
    setProblem(null);
    if (refocus.current) first.current?.focus();
    refocus.current = false;
  }, [step]);
  const resultSaid =
    result === null
      ? null
      : resultText(result.kind, ask?.(result.question.step) ?? result.question, result.answer);
  useEffect(() => {
    cue(result && result.question.step === (step ?? 0) - 1 ? `${resultSaid} ${prompt}` : prompt);
  }, [prompt, result, resultSaid, step, cue]);
  useEffect(() => () => cue(''), [cue]);

  function finish(kind: Result['kind'], q: Question, a: Answer): void {
    setResult({ kind, question: q, answer: a });
    setScore((s) => ({
      right: s.right + (kind === 'right' ? 1 : 0),
      wrong: s.wrong + (kind === 'wrong' ? 1 : 0),
      passed: s.passed + (kind === 'shown' || kind === 'skipped' ? 1 : 0),
    }));
    refocus.current = true;
    advance();
  }

  function submit(e: Event): void {
    e.preventDefault();
    if (!question) return;
    const a: Answer = { cells, numbers };
    const g = grade(question, a);
    if (!g.ok) {
      const q = question;
      setProblem(() => {
        const again = grade(ask?.(q.step) ?? q, a);
        return again.ok ? '' : again.message;
      });
      return;
    }
    finish(g.right ? 'right' : 'wrong', question, a);
  }

  function pass(kind: 'shown' | 'skipped'): void {
    if (!question) return;
    finish(kind, question, { cells, numbers });
  }

  const toggle = (j: number) => setCells((c) => (c.includes(j) ? c.filter((x) => x !== j) : [...c, j]));
  const q = question;
  return (
    <section class="panel learn-box predict-panel" aria-labelledby="predict-title">
      <header class="panel-head">
        <h2 id="predict-title">{tUi('predictTitle')}</h2>
        <p class="predict-score" role="status" aria-live="off" aria-label={tUi('scoreLabel')}>
          {scoreText(score)}
        </p>
      </header>
      {result && (
        <div class={`learn-verdict predict-${result.kind}`} role="group" aria-label={tUi('lastAnswer')}>
          <p>{resultSaid}</p>
        </div>
      )}
      <form class="predict-form" onSubmit={submit} aria-describedby="predict-question">
        <p id="predict-question" class="predict-question">
          {prompt}
        </p>
        {q?.cells && (
          <fieldset class="predict-cells">
            <legend>{tUi('cellsLabel')}</legend>
            <div class="predict-grid" style={{ gridTemplateColumns: `repeat(${q.cells.cols}, auto)` }}>
              {q.cells.values.map((v, j) => (
                <button
                  key={j}
                  type="button"
                  class="predict-cell"
                  aria-pressed={cells.includes(j)}
                  aria-label={`${q.cells!.names[j]} = ${cellText(v)}`}
                  ref={
                    j === 0
                      ? (el) => {
                          first.current = el;
                        }
                      : undefined
                  }
                  onClick={() => toggle(j)}
                >
                  {cellText(v)}
                </button>
              ))}
            </div>
          </fieldset>
        )}
        {q?.numbers.map((n, k) => (
          <label key={`${q.step}-${k}`} class="predict-number">
            {n.label}
            <input
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellcheck={false}
              value={numbers[k] ?? ''}
              ref={
                k === 0 && !q.cells
                  ? (el) => {
                      first.current = el;
                    }
                  : undefined
              }
              onInput={(e) => {
                const next = [...numbers];
                next[k] = (e.target as HTMLInputElement).value;
                setNumbers(next);
                setProblem(null);
              }}
            />
          </label>
        ))}
        {problem && (
          <p class="field-error" role="alert">
            {problem}
          </p>
        )}
        {q && (
          <div class="predict-actions">
            <button type="submit">{tUi('answer')}</button>
            <button type="button" onClick={() => pass('shown')}>
              {tUi('showMe')}
            </button>
            <button type="button" onClick={() => pass('skipped')}>
              {tUi('skip')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
