// The code panels of pool_forward and pool_backward: the assignment's loop nest or the C that
// runs, marked for the step just done, with the loop variables and values beside their lines.

import { useStore } from '../../app/context';
import { longText } from '../../app/format';
import { CodePanel } from '../../components/CodePanel';
import { poolChoices } from '../../state/config';
import type { PoolBackwardFrame } from '../../state/ops/poolBackward';
import { poolCodeLines, poolCodeMarks, type PoolTexts } from '../../state/ops/poolCode';
import type { PoolForwardFrame } from '../../state/ops/poolForward';
import './pool.css';

/** A 2×2 mask as numpy prints its 0/1 view: [[0 1] [0 0]]; larger ones: "1 of 9 set", which
 * fits beside the code line. */
export function maskText(mask: ArrayLike<number>, f: number): string {
  let set = 0;
  for (let j = 0; j < f * f; j++) set += mask[j] ?? 0;
  if (f > 2) return `${set} of ${f * f} set`;
  const rows: string[] = [];
  for (let u = 0; u < f; u++)
    rows.push(`[${Array.from({ length: f }, (_, v) => String(mask[u * f + v] ?? 0)).join(' ')}]`);
  return `[${rows.join(' ')}]`;
}

function PoolCode({ op }: { op: 'pool_forward' | 'pool_backward' }) {
  const store = useStore();
  const lang = store.codeLang.value;
  const cfg = store.config.value;
  const fr = store.frame.value as PoolForwardFrame | PoolBackwardFrame;
  if (store.run.value.op !== op) return null;
  const { mode } = poolChoices(cfg);
  const win = fr.win;
  const data = cfg.data;
  let texts: PoolTexts = { value: '', mask: '', amount: '', cells: 0 };
  if (win !== null) {
    if (op === 'pool_forward') {
      const f2 = fr as PoolForwardFrame;
      texts = {
        value: longText(win.value, data),
        mask: maskText(f2.mask, cfg.f),
        amount: longText(f2.sum, data),
        cells: 1,
      };
    } else {
      const b = fr as PoolBackwardFrame;
      const cells = b.gets.reduce((t, g) => t + g, 0);
      texts = {
        value: longText(win.value, data),
        mask: maskText(b.gets, cfg.f),
        amount: longText(win.amount, data),
        cells,
      };
    }
  }
  const note =
    lang === 'c'
      ? op === 'pool_forward'
        ? 'The batch kernel cs_pool_forward loops i, h, w with c innermost; each window is read in this order.'
        : 'Only the cells the mask marks are added to: numpy adds 0 · dA to the others, which changes nothing.'
      : undefined;
  // a wrapper of our own: a live value too long for its line wraps under it (pool.css)
  return (
    <div class="pool-code">
      <CodePanel
        lang={lang}
        lines={poolCodeLines(op, lang, mode)}
        marks={poolCodeMarks(op, lang, mode, win, texts)}
        onLang={(l) => store.setCodeLang(l)}
        note={note}
      />
    </div>
  );
}

export function PoolForwardCode() {
  return <PoolCode op="pool_forward" />;
}

export function PoolBackwardCode() {
  return <PoolCode op="pool_backward" />;
}
