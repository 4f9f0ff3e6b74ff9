// pool_backward's arithmetic for the current window: for max, a_prev_slice with the mask that
// create_mask_from_window makes of it, for average, distribute_value's share; then each cell
// of dA_prev the step adds to, as running sum before + amount = after.

import type { ViewProps } from '../../state/operation';
import { longText } from '../../ui/format';
import { poolChoices } from '../pool/choices';
import type { PoolBackwardFrame, PoolBackwardRun } from './model';
import { SliceTable } from '../pool/SliceTable';
import { t } from './messages';
import { ArithmeticPanel } from '../../ui/ArithmeticPanel';
import { tUi } from '../../ui/messages';

/** Touched cells listed one by one up to this many; more get a summary line. */
const LIST = 9;

export function PoolBackwardArithmetic({
  run: s,
  frame: fr,
}: ViewProps<PoolBackwardRun, PoolBackwardFrame, unknown>) {
  const cfg = s.config;
  const data = cfg.data;
  const { f } = cfg;
  const { mode, ties } = poolChoices(cfg);
  const max = mode === 'max';
  const win = fr.win;

  if (win === null) {
    return (
      <>
        <ArithmeticPanel title={tUi('arithmetic')}>
          <p class="arith-empty">{t('step0')}</p>
        </ArithmeticPanel>
      </>
    );
  }
  const da = `dA[${win.i}, ${win.h}, ${win.w}, ${win.c}]`;
  const touched: { r: number; q: number; before: number; add: number; after: number }[] = [];
  for (let j = 0; j < f * f; j++)
    if (fr.gets[j] === 1)
      touched.push({
        r: win.vertStart + Math.floor(j / f),
        q: win.horiStart + (j % f),
        before: fr.before[j] ?? 0,
        add: fr.added[j] ?? 0,
        after: fr.after[j] ?? 0,
      });
  const tiedCount = fr.tied.reduce((t, x) => t + x, 0);
  const skipped =
    max && ties === 'first' ? Array.from(fr.tied, (t, j) => (t === 1 && fr.gets[j] !== 1 ? 1 : 0)) : null;

  return (
    <>
      <ArithmeticPanel title={tUi('arithmetic')}>
        {max ? (
          <>
            <p class="arith-head">
              mask = create_mask_from_window(A_prev[{win.i}, {win.vertStart}:{win.vertEnd}, {win.horiStart}:
              {win.horiEnd}, {win.c}])
            </p>
            <SliceTable
              f={f}
              values={fr.slice}
              data={data}
              marks={fr.gets}
              skipped={skipped}
              label={t('sliceRinged')}
            />
            {tiedCount > 1 && (
              <p class="tie-note" role="note">
                {t('tieNote', { max: longText(Math.max(...fr.slice), data), n: tiedCount })}
                {ties === 'all' ? t('tieAll') : t('tieFirst')}
              </p>
            )}
            <dl class="arith-total">
              <dt>{da}</dt>
              <dd>{longText(win.value, data)}</dd>
              <dt>{t('addsItTo')}</dt>
              <dd>{t('cells', { n: touched.length })}</dd>
            </dl>
          </>
        ) : (
          <dl class="arith-total">
            <dt>da = {da}</dt>
            <dd>{longText(win.value, data)}</dd>
            <dt>
              distribute_value(da, ({f}, {f})) = da / {f * f}
            </dt>
            <dd>{longText(win.amount, data)}</dd>
            <dt>{t('addedToEach')}</dt>
            <dd>{t('cells', { n: f * f })}</dd>
          </dl>
        )}
        <table class="sum-table" aria-label={t('cellsThisStep')}>
          <thead>
            <tr>
              <th scope="col">
                dA_prev[{win.i}, r, q, {win.c}]
              </th>
              <th scope="col">{t('before')}</th>
              <th scope="col">{t('added')}</th>
              <th scope="col">{t('now')}</th>
            </tr>
          </thead>
          <tbody>
            {touched.slice(0, LIST).map((t) => (
              <tr key={`${t.r},${t.q}`} class={t.before !== 0 ? 'grows' : ''}>
                <th scope="row">
                  [{t.r}, {t.q}]
                </th>
                <td>{longText(t.before, data)}</td>
                <td>{longText(t.add, data)}</td>
                <td class="now">{longText(t.after, data)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {touched.length > LIST && (
          <p class="arith-empty">
            {t('moreCells', { n: touched.length - LIST, amount: longText(win.amount, data) })}
          </p>
        )}
      </ArithmeticPanel>
    </>
  );
}
