// The notebook's printout, for whichever operation is on stage: what the assignment's test cell
// prints (the op's `printouts`), in numpy's own format, each line with a copy button; arrays
// also with every digit (.tolist()) and "copy as numpy"; and every tensor of the run as an
// np.array([...]) literal that numpy reads back to the same float64 values. It opens by itself
// when the walk reaches its end; its heading opens it at any step. Folded, it holds its heading
// only: a large layer's printout is many thousand numbers, formatted when it is opened.

import { useEffect, useMemo } from 'preact/hooks';
import { numpyLiteral, toListRepr } from '../lib/numpy/index';
import type { OpRun, Printouts } from '../state/operation';
import './printouts.css';
import { tUi } from './messages';
import { type Say, useSentence } from './useSentence';

export interface PrintoutPanelProps {
  run: OpRun;
  make(run: OpRun): Printouts;
  position: number;
  total: number;
  /** open or folded: the page keeps it, so that it travels in the link */
  open: boolean;
  onOpen(open: boolean): void;
}

/** Copies text; returns what says what happened (a browser may refuse the clipboard). `what`
 * names the copied thing in the language of the moment it is said. */
async function copyText(text: string, what: Say): Promise<Say> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return () => tUi('copiedWhat', { what: what() });
  } catch {
    return () => tUi('copyRefused', { what: what() });
  }
}

export function PrintoutPanel({ run, make, position, total, open, onOpen }: PrintoutPanelProps) {
  const atEnd = position >= total;
  useEffect(() => {
    if (atEnd) onOpen(true);
  }, [atEnd, onOpen]);
  return (
    <details
      class="printouts"
      open={open}
      onToggle={(e) => onOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{tUi('printoutTitle')}</summary>
      {open && <PrintoutBody run={run} make={make} position={position} total={total} />}
    </details>
  );
}

/** The opened panel's body: the printed lines, their copy buttons, the tensors. */
function PrintoutBody({ run, make, position, total }: Omit<PrintoutPanelProps, 'open' | 'onOpen'>) {
  const p = useMemo(() => make(run), [make, run]);
  const atEnd = position >= total;
  const [said, setSaid] = useSentence();
  const copy = (text: string, what: Say) => {
    void copyText(text, what).then(setSaid);
  };
  return (
    <>
      <p class="printouts-note">
        {atEnd
          ? tUi('printoutAtEnd', { title: p.title })
          : tUi('printoutBefore', { title: p.title, total, position })}
      </p>
      {p.lines.map((line) => (
        <div class="printout" key={line.code}>
          <div class="printout-head">
            <code class="printout-code">{`>>> ${line.code}`}</code>
            <button type="button" onClick={() => copy(line.text, () => tUi('thePrintedText'))}>
              {tUi('copy')}
            </button>
            {line.value && (
              <button
                type="button"
                onClick={() =>
                  copy(numpyLiteral(line.value!.array), () => tUi('asNumpy', { name: line.value!.expr }))
                }
                aria-label={tUi('copyNamed', { name: line.value.expr })}
              >
                {tUi('copyAsNumpy')}
              </button>
            )}
          </div>
          <pre class="printout-text" role="region" aria-label={tUi('whatPrints', { code: line.code })}>
            {line.text}
          </pre>
          {line.value && line.value.array.shape.length > 0 && (
            <pre
              class="printout-full"
              role="region"
              aria-label={tUi('everyDigit', { expr: line.value.expr })}
            >
              {`>>> ${line.value.expr}.tolist()\n${toListRepr(line.value.array)}`}
            </pre>
          )}
        </div>
      ))}
      <div class="printout-tensors" role="group" aria-label={tUi('copyTensorGroup')}>
        <span>{tUi('copyAsNumpyColon')}</span>
        {p.tensors.map((t) => (
          <button
            type="button"
            key={t.name}
            aria-label={tUi('copyNamed', { name: t.name })}
            title={tUi('copyTitle', { name: t.name, shape: t.array.shape.join(', ') })}
            onClick={() => copy(numpyLiteral(t.array), () => tUi('asNumpy', { name: t.name }))}
          >
            {t.name}
          </button>
        ))}
      </div>
      <p class="printouts-said" role="status">
        {said}
      </p>
    </>
  );
}
