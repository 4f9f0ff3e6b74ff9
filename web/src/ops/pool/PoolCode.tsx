// The code panels of pool_forward and pool_backward: the assignment's loop nest or the C that
// runs, marked for the step just done, with the loop variables and values beside their lines.

import type { PoolMode } from '../../engine/types';
import type { CodeLang } from '../../state/code';
import { CodePanel } from '../../ui/CodePanel';
import { poolCodeLines, poolCodeMarks, type PoolStep, type PoolTexts } from './code';
import './pool.css';
import { tPool } from './messages';
import { tUi } from '../../ui/messages';

/** A 2×2 mask as numpy prints its 0/1 view: [[0 1] [0 0]]; larger ones: "1 of 9 set", which
 * fits beside the code line. */
export function maskText(mask: ArrayLike<number>, f: number): string {
  let set = 0;
  for (let j = 0; j < f * f; j++) set += mask[j] ?? 0;
  if (f > 2) return tUi('maskSet', { n: set, all: f * f });
  const rows: string[] = [];
  for (let u = 0; u < f; u++)
    rows.push(`[${Array.from({ length: f }, (_, v) => String(mask[u * f + v] ?? 0)).join(' ')}]`);
  return `[${rows.join(' ')}]`;
}

export interface PoolCodePanelProps {
  op: 'pool_forward' | 'pool_backward';
  lang: CodeLang;
  mode: PoolMode;
  win: PoolStep | null;
  texts: PoolTexts;
  onLang(lang: CodeLang): void;
}

export function PoolCodePanel({ op, lang, mode, win, texts, onLang }: PoolCodePanelProps) {
  const note =
    lang === 'c' ? (op === 'pool_forward' ? tPool('cNoteForward') : tPool('cNoteBackward')) : undefined;
  // a wrapper of our own: a live value too long for its line wraps under it (pool.css)
  return (
    <div class="pool-code">
      <CodePanel
        lang={lang}
        lines={poolCodeLines(op, lang, mode)}
        marks={poolCodeMarks(op, lang, mode, win, texts)}
        onLang={onLang}
        note={note}
      />
    </div>
  );
}
