// Check my numbers: the numpy lines that draw the run's inputs, a box for what the student's
// notebook printed, and the answer in words (state/check.ts); a wrong answer that names a step
// moves the walk there. Knows operations only through the contract.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { type CheckSpec, type CheckVerdict, checkPaste } from '../state/check';
import type { Mistake } from '../state/mistakes';
import { type Locale, locale } from '../state/locale';
import type { OpRun } from '../state/operation';
import { tUi } from './messages';
import { useSentence } from './useSentence';

export interface CheckPanelProps {
  spec: CheckSpec<OpRun>;
  mistakes: readonly Mistake<OpRun>[];
  run: OpRun;
  seek(k: number): void;
}

interface Asked {
  text: string;
  which: string;
  lang: Locale;
  verdict: CheckVerdict;
}

export function CheckPanel({ spec, mistakes, run, seek }: CheckPanelProps) {
  const code = useMemo(() => spec.code(run), [spec, run]);
  const outputs = useMemo(() => spec.outputs(run).map((o) => o.name), [spec, run]);
  const [text, setText] = useState('');
  const [which, setWhich] = useState('');
  // what was checked, with the verdict in the language it was checked in; in another language
  // the check is made again (it is pure, so it answers the same) to say it in that one
  const [asked, setAsked] = useState<Asked | null>(null);
  const [said, setSaid] = useSentence();
  useEffect(() => setAsked(null), [run]);
  const lang = locale.value;
  const verdict = useMemo(
    () => (asked === null ? null : asked.lang === lang ? asked.verdict : verdictOf(asked.text, asked.which)),
    [asked, lang],
  );

  function verdictOf(pasted: string, name: string): CheckVerdict {
    try {
      return checkPaste(pasted, spec, run, mistakes, name === '' ? null : name);
    } catch (err) {
      return { right: false, sentences: [String(err)], step: null };
    }
  }

  function check(e: Event): void {
    e.preventDefault();
    const v = verdictOf(text, which);
    setAsked({ text, which, lang: locale.peek(), verdict: v });
    if (v.step !== null) seek(v.step);
  }

  async function copy(): Promise<void> {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(code);
      setSaid(() => tUi('checkCopied'));
    } catch {
      setSaid(() => tUi('checkCopyRefused'));
    }
  }

  return (
    <section class="panel learn-box check-panel" aria-labelledby="check-title">
      <header class="panel-head">
        <h2 id="check-title">{tUi('checkTitle')}</h2>
      </header>
      <p>{tUi('checkIntro')}</p>
      <pre class="check-code" role="region" aria-label={tUi('numpyLines')}>
        {code}
      </pre>
      <p>
        <button type="button" onClick={() => void copy()}>
          {tUi('copyCode')}
        </button>{' '}
        <span role="status">{said}</span>
      </p>
      <form onSubmit={check} class="check-form">
        <label>
          {tUi('pasteLabel')}
          <textarea
            rows={6}
            spellcheck={false}
            value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <label>
          {tUi('whichLabel')}
          <select value={which} onChange={(e) => setWhich((e.target as HTMLSelectElement).value)}>
            <option value="">{tUi('whichAuto')}</option>
            {outputs.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{tUi('check')}</button>
      </form>
      {verdict && (
        <div
          class={verdict.right ? 'learn-verdict' : 'learn-verdict parted'}
          role="status"
          aria-label={tUi('checkResult')}
        >
          {verdict.sentences.map((s, k) => (
            <p key={k}>{s}</p>
          ))}
          {verdict.step !== null && (
            <button type="button" onClick={() => seek(verdict.step!)}>
              {tUi('goTo', { step: verdict.step })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
