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

export interface PredictPanelProps {
  /** the question of the next step, null at the end of the walk */
  question: Question | null;
  /** moves the walk on by one step (the step the question is about) */
  advance(): void;
  /** what the live region says after the step */
  cue(text: string): void;
}

interface Result {
  step: number;
  kind: 'right' | 'wrong' | 'shown' | 'skipped';
  text: string;
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

export function PredictPanel({ question, advance, cue }: PredictPanelProps) {
  const [cells, setCells] = useState<readonly number[]>([]);
  const [numbers, setNumbers] = useState<readonly string[]>([]);
  const [problem, setProblem] = useState('');
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
    setProblem('');
    if (refocus.current) first.current?.focus();
    refocus.current = false;
  }, [step]);
  useEffect(() => {
    cue(result && result.step === (step ?? 0) - 1 ? `${result.text} ${prompt}` : prompt);
  }, [prompt, result, step, cue]);
  useEffect(() => () => cue(''), [cue]);

  function finish(kind: Result['kind'], q: Question, text: string): void {
    setResult({ step: q.step, kind, text });
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
      setProblem(g.message);
      return;
    }
    const head = g.right
      ? tUi('right', { step: question.step })
      : tUi('wrong', { step: question.step, parts: g.wrongParts.join(', ') });
    const clicked =
      question.cells && !g.right
        ? ` ${tUi('yourCells', { names: cells.map((j) => question.cells!.names[j]).join(', ') || tUi('noCell') })}`
        : '';
    const typed =
      question.numbers.length > 0 && !g.right
        ? ` ${tUi('yourNumbers', { said: question.numbers.map((n, k) => `${n.label} = ${(numbers[k] ?? '').trim()}`).join('; ') })}`
        : '';
    finish(
      g.right ? 'right' : 'wrong',
      question,
      `${head} ${answerText(question)}${clicked}${typed} ${question.why}`,
    );
  }

  function pass(kind: 'shown' | 'skipped'): void {
    if (!question) return;
    const head =
      kind === 'shown' ? tUi('shown', { step: question.step }) : tUi('skipped', { step: question.step });
    finish(kind, question, `${head} ${answerText(question)} ${question.why}`);
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
          <p>{result.text}</p>
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
                setProblem('');
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
