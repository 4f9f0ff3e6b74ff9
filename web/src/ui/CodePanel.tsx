// The loop nest, with the statement that just ran marked (▶) and the loop heads it passed
// through on this step shaded; live values of the loop variables beside them.

import { useContext, useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { type CodeLang, type CodeLine, type CodeMarks, withWrongLines } from '../state/code';
import { WrongLinesContext } from './context';
import { usePresent } from './present';
import { tUi } from './messages';

export interface CodePanelProps {
  lang: CodeLang;
  lines: readonly CodeLine[];
  marks: CodeMarks;
  onLang(lang: CodeLang): void;
  /** one line under the code: what differs between what is shown and what runs */
  note?: string;
}

const LANGS: readonly { lang: CodeLang; label: () => string }[] = [
  { lang: 'python', label: () => tUi('langPython') },
  { lang: 'c', label: () => tUi('langC') },
];

/** Presenter mode's narrow code column: each indentation level two spaces instead of four. */
function compactIndent(text: string): string {
  return text.replace(/^ +/, (m) => ' '.repeat(Math.ceil(m.length / 2)));
}

export function CodePanel({ lang, lines: rightLines, marks, onLang, note }: CodePanelProps) {
  const present = usePresent();
  // a classic mistake chosen: its wrong lines under the right ones (the Python only)
  const wrong = useContext(WrongLinesContext);
  const lines = lang === 'python' ? withWrongLines(rightLines, wrong) : rightLines;
  // a mistake chosen: bring its first wrong line into view in the panel
  useEffect(() => {
    if (wrong.length > 0) list.current?.querySelector('.wrong-line')?.scrollIntoView?.({ block: 'nearest' });
  }, [wrong]);
  const mistakeNote = wrong.length > 0 && lang === 'c' ? tUi('mistakeInPython') : null;
  const valueRows = new Set(lines.filter((l) => l.valueHere).map((l) => l.id));
  const list = useRef<HTMLOListElement>(null);
  // Where the list is shorter than the code (presenter and embed modes clip it), the line that
  // just ran is kept in the middle of what is shown. Only when that line changes: measuring
  // makes the browser lay the page out there and then, which playing would pay in every frame.
  const currentKey = [marks.current, ...(marks.alsoCurrent ?? [])].join(' ');
  useLayoutEffect(() => {
    const ol = list.current;
    const cur = ol?.querySelector<HTMLElement>('.code-line.current');
    if (!ol || !cur || ol.scrollHeight <= ol.clientHeight) return;
    const at = cur.getBoundingClientRect().top - ol.getBoundingClientRect().top + ol.scrollTop;
    ol.scrollTop = Math.max(0, at - (ol.clientHeight - cur.offsetHeight) / 2);
  }, [currentKey, lang, lines.length, present]);
  return (
    <section class="panel code-panel" aria-labelledby="code-title">
      <header class="panel-head">
        <h2 id="code-title">{tUi('code')}</h2>
        <div class="toggle" role="group" aria-label={tUi('codeLanguage')}>
          {LANGS.map((l) => (
            <button key={l.lang} type="button" aria-pressed={lang === l.lang} onClick={() => onLang(l.lang)}>
              {l.label()}
            </button>
          ))}
        </div>
      </header>
      <ol
        ref={list}
        class={`code code-${lang}`}
        aria-label={lang === 'python' ? tUi('pythonLoops') : tUi('cLoop')}
      >
        {lines.map((line, n) => {
          const current =
            line.id !== null && (line.id === marks.current || marks.alsoCurrent?.has(line.id) === true);
          const ran = line.id !== null && !current && marks.ran.has(line.id);
          const here = line.valueHere === true || (!line.cont && !valueRows.has(line.id));
          const value = here && line.id !== null ? marks.values[line.id] : undefined;
          const cls = [
            'code-line',
            current ? 'current' : '',
            ran ? 'ran' : '',
            line.id === null && line.mistake === undefined ? 'comment' : '',
            line.mistake === 'right' ? 'right-line' : '',
            line.mistake === 'wrong' ? 'wrong-line' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <li
              key={n}
              class={cls}
              aria-current={line.id === marks.current && !line.cont ? 'step' : undefined}
            >
              <span class="gutter" aria-hidden="true">
                {current && !line.cont ? '▶' : line.mistake === 'wrong' && !line.cont ? '✗' : ''}
              </span>
              {line.mistake !== undefined && !line.cont && (
                <span class="sr-only">{line.mistake === 'wrong' ? tUi('srWrong') : tUi('srRight')}</span>
              )}
              <code>{present ? compactIndent(line.text) : line.text}</code>
              {value !== undefined && <span class="live">{value}</span>}
            </li>
          );
        })}
      </ol>
      <p class="code-legend">
        <span class="key key-current">{tUi('justRan')}</span>{' '}
        <span class="key key-ran">{tUi('alsoRan')}</span>
        {wrong.length > 0 && lang === 'python' && <span class="key key-wrong">{tUi('theMistake')}</span>}
        {note && <span class="code-note"> {note}</span>}
        {mistakeNote && <span class="code-note"> {mistakeNote}</span>}
      </p>
    </section>
  );
}
