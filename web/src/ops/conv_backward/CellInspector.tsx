// Under conv_backward's grids: the selected cell's story (its value before and after this step,
// every step that writes to it, with the running sum) and the gradient check. Folds away to give
// the grids the room.

import { useEffect, useRef, useState } from 'preact/hooks';
import { longText } from '../../ui/format';
import type { DataKind } from '../../state/config';
import { flatOffset } from '../../lib/tensor';
import type { ViewProps } from '../../state/operation';
import type { CellRef, ConvBackwardFrame, ConvBackwardRun } from './model';
import type { CellHistory, ConvBackwardState } from './selection';
import { GradCheckPanel } from './GradCheckPanel';
import { addText } from './text';
import { t } from './messages';
import { tUi } from '../../ui/messages';

/** Rows of the write list shown around the current step; the rest are summarised. */
const AROUND = 40;

/** "= dA_prev[0, 1, 2, 1]" or "padding: cropped away" for a dA_prev_pad cell. */
function alias(run: ConvBackwardRun, cell: CellRef): string {
  if (cell.tensor === 'dW')
    return tUi('flatOffset', { offset: flatOffset(run.data.W.shape, [cell.u, cell.v, cell.k, cell.c]) });
  if (cell.tensor === 'db') return `db[0, 0, 0, ${cell.c}]`;
  const { pad, H, W } = run.config;
  const h = cell.row - pad;
  const w = cell.col - pad;
  if (h < 0 || w < 0 || h >= H || w >= W) return t('inPaddingCropped');
  return `= dA_prev[${cell.i}, ${h}, ${w}, ${cell.k}]`;
}

function factorName(cell: CellRef): string {
  if (cell.tensor === 'dA_prev_pad') return `× W[u,v,${cell.k},c]`;
  if (cell.tensor === 'dW') return '× a';
  return '';
}

function History({
  h,
  run,
  data,
  position,
  onSeek,
}: {
  h: CellHistory;
  run: ConvBackwardRun;
  data: DataKind;
  position: number;
  onSeek(step: number): void;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const n = h.writes.length;
  const from = Math.max(0, h.done - AROUND);
  const to = Math.min(n, h.done + AROUND);
  const shown = h.writes.slice(from, to);
  const long = (v: number) => longText(v, data);
  const withFactor = h.cell.tensor !== 'db';

  // Keep the last write done (or the next one) in view as the steps go by.
  useEffect(() => {
    const box = listRef.current;
    const row = box?.querySelector<HTMLElement>('tr.now, tr.next');
    if (box && row) box.scrollTop = Math.max(0, row.offsetTop - box.clientHeight / 2);
  }, [h.done, h.cell]);

  const amount = h.touchedNow ? h.writes[h.done - 1]!.amount : 0;
  return (
    <>
      {h.touchedNow ? (
        <p class="bw-cell-value">
          <span class="bw-label">{t('stepAdds', { position, amount: addText(amount, data) })}</span>{' '}
          {long(h.before)} → <b>{long(h.after)}</b>
        </p>
      ) : (
        <p class="bw-cell-value">
          <span class="bw-label">{t('afterStep', { position })}</span> <b>{long(h.after)}</b>{' '}
          <span class="bw-label">{t('notHere')}</span>
        </p>
      )}
      <p class="bw-cell-count">
        {n === 0 ? t('noWindowReaches') : t('writtenBy', { n, done: h.done, final: long(h.final) })}
      </p>
      {n > 0 && (
        <div class="bw-writes" ref={listRef}>
          <table aria-label={t('everyWrite', { name: h.name })}>
            <thead>
              <tr>
                <th scope="col">{t('colStep')}</th>
                <th scope="col">i,c,h,w</th>
                <th scope="col">dZ</th>
                {withFactor && <th scope="col">{factorName(h.cell)}</th>}
                <th scope="col">{t('colAdded')}</th>
                <th scope="col">{t('colSum')}</th>
              </tr>
            </thead>
            <tbody>
              {from > 0 && (
                <tr class="bw-more">
                  <td colSpan={withFactor ? 6 : 5}>{t('earlier', { n: from })}</td>
                </tr>
              )}
              {shown.map((w, j) => {
                const idx = from + j;
                const cls =
                  w.step === position ? 'now' : idx === h.done ? 'next' : idx < h.done ? 'done' : 'later';
                return (
                  <tr key={w.step} class={cls}>
                    <td>
                      <button
                        type="button"
                        onClick={() => onSeek(w.step)}
                        title={t('goToStep', { step: w.step })}
                      >
                        {w.step}
                      </button>
                    </td>
                    <td>
                      {w.i},{w.c},{w.h},{w.w}
                    </td>
                    <td>{long(w.dz)}</td>
                    {withFactor && <td>{long(w.factor)}</td>}
                    <td>{addText(w.amount, data)}</td>
                    <td>{long(w.sum)}</td>
                  </tr>
                );
              })}
              {to < n && (
                <tr class="bw-more">
                  <td colSpan={withFactor ? 6 : 5}>{t('later', { n: n - to })}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <p class="bw-note">{alias(run, h.cell)}</p>
    </>
  );
}

export function CellInspector({
  run,
  frame,
  state,
  actions,
}: ViewProps<ConvBackwardRun, ConvBackwardFrame, ConvBackwardState>) {
  const [open, setOpen] = useState(false);
  const selected = state.selected.value;
  const h = state.history.value;
  // Selecting a cell opens the inspector.
  useEffect(() => {
    if (selected !== null) setOpen(true);
  }, [selected]);
  const position = frame.position;
  const data = run.config.data;
  return (
    <section class={open ? 'bw-inspector' : 'bw-inspector closed'} aria-label={t('inspector')}>
      <button type="button" class="bw-fold" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('inspectorOpen') : t('inspectorClosed')}
      </button>
      {open && (
        <div class="bw-panes">
          <section class="bw-pane" aria-labelledby="bw-cell-title">
            <header class="bw-pane-head">
              <h3 id="bw-cell-title">{h ? h.name : t('selectedCell')}</h3>
              {h && (
                <button type="button" class="bw-clear" onClick={() => state.select(null)}>
                  {t('clear')}
                </button>
              )}
            </header>
            {h ? (
              <History h={h} run={run} data={data} position={position} onSeek={actions.seek} />
            ) : (
              <p class="bw-hint">{t('clickHint')}</p>
            )}
          </section>
          <GradCheckPanel state={state} total={frame.total} />
        </div>
      )}
    </section>
  );
}
