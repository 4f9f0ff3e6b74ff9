// The notebook's printout, for whichever operation is on stage: what the assignment's test cell
// prints (the op's `printouts`), in numpy's own format, each line with a copy button; arrays
// also with every digit (.tolist()) and "copy as numpy"; and every tensor of the run as an
// np.array([...]) literal that numpy reads back to the same float64 values. It opens by itself
// when the walk reaches its end; its heading opens it at any step.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { numpyLiteral, toListRepr } from '../lib/numpy/index';
import type { OpRun, Printouts } from '../state/operation';
import './printouts.css';

export interface PrintoutPanelProps {
  run: OpRun;
  make(run: OpRun): Printouts;
  position: number;
  total: number;
}

/** Copies text; says what happened in a sentence (a browser may refuse the clipboard). */
async function copyText(text: string, what: string): Promise<string> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return `Copied ${what}.`;
  } catch {
    return `The browser did not allow copying ${what}: select the text and press Ctrl+C (⌘C).`;
  }
}

export function PrintoutPanel({ run, make, position, total }: PrintoutPanelProps) {
  const p = useMemo(() => make(run), [make, run]);
  const atEnd = position >= total;
  const [open, setOpen] = useState(atEnd);
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (atEnd) setOpen(true);
  }, [atEnd]);
  const copy = (text: string, what: string) => {
    void copyText(text, what).then(setSaid);
  };
  return (
    <details
      class="printouts"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>The notebook’s printout</summary>
      <p class="printouts-note">
        {atEnd
          ? `What ${p.title} prints, run to the end:`
          : `What ${p.title} prints once all ${total} steps have run (the walk is at step ${position}):`}
      </p>
      {p.lines.map((line) => (
        <div class="printout" key={line.code}>
          <div class="printout-head">
            <code class="printout-code">{`>>> ${line.code}`}</code>
            <button type="button" onClick={() => copy(line.text, 'the printed text')}>
              Copy
            </button>
            {line.value && (
              <button
                type="button"
                onClick={() => copy(numpyLiteral(line.value!.array), `${line.value!.expr} as numpy`)}
                aria-label={`Copy ${line.value.expr} as numpy`}
              >
                Copy as numpy
              </button>
            )}
          </div>
          <pre class="printout-text" role="region" aria-label={`what ${line.code} prints`}>
            {line.text}
          </pre>
          {line.value && line.value.array.shape.length > 0 && (
            <pre class="printout-full" role="region" aria-label={`${line.value.expr}, every digit`}>
              {`>>> ${line.value.expr}.tolist()\n${toListRepr(line.value.array)}`}
            </pre>
          )}
        </div>
      ))}
      <div class="printout-tensors" role="group" aria-label="Copy a tensor as numpy">
        <span>Copy as numpy:</span>
        {p.tensors.map((t) => (
          <button
            type="button"
            key={t.name}
            aria-label={`Copy ${t.name} as numpy`}
            title={`np.array([...]) of ${t.name}, shape (${t.array.shape.join(', ')}), every digit`}
            onClick={() => copy(numpyLiteral(t.array), `${t.name} as numpy`)}
          >
            {t.name}
          </button>
        ))}
      </div>
      <p class="printouts-said" role="status">
        {said}
      </p>
    </details>
  );
}
