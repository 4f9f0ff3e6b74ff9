// pool_forward's arithmetic for the current window: the f·f values of a_prev_slice; for max,
// the maximum ringed (every tied one) and A = that value; for average, their sum, / (f·f), = A.

import type { ViewProps } from '../../state/operation';
import { cellText, longText } from '../../ui/format';
import { poolChoices } from '../pool/choices';
import type { PoolForwardFrame, PoolForwardRun } from './model';
import { SliceTable } from '../pool/SliceTable';
import { t } from './messages';
import { ArithmeticPanel } from '../../ui/ArithmeticPanel';
import { tUi } from '../../ui/messages';

export function PoolForwardArithmetic({
  run: s,
  frame: fr,
}: ViewProps<PoolForwardRun, PoolForwardFrame, unknown>) {
  const cfg = s.config;
  const data = cfg.data;
  const { f } = cfg;
  const { mode } = poolChoices(cfg);
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
  const where = `${win.i}, ${win.h}, ${win.w}, ${win.c}`;
  const slice = `A_prev[${win.i}, ${win.vertStart}:${win.vertEnd}, ${win.horiStart}:${win.horiEnd}, ${win.c}]`;
  const n = f * f;
  const count = fr.mask.reduce((t, x) => t + x, 0);
  return (
    <>
      <ArithmeticPanel title={tUi('arithmetic')}>
        <p class="arith-head">a_prev_slice = {slice}</p>
        <SliceTable
          f={f}
          values={fr.slice}
          data={data}
          marks={mode === 'max' ? fr.mask : null}
          label="a_prev_slice"
        />
        {mode === 'max' ? (
          <dl class="arith-total">
            <dt>{t('maxOf', { n })}</dt>
            <dd>{longText(win.value, data)}</dd>
            {count > 1 && (
              <>
                <dt>{t('cellsHolding')}</dt>
                <dd>{t('tied', { n: count })}</dd>
              </>
            )}
            <dt class="arith-z">A[{where}]</dt>
            <dd class="arith-z">{longText(win.value, data)}</dd>
          </dl>
        ) : (
          <dl class="arith-total">
            <dt>{t('sumOf', { n })}</dt>
            <dd>{longText(fr.sum, data)}</dd>
            <dt>
              / ({f}·{f})
            </dt>
            <dd>/ {n}</dd>
            <dt class="arith-z">A[{where}]</dt>
            <dd class="arith-z">{longText(win.value, data)}</dd>
          </dl>
        )}
        {mode === 'average' && n <= 9 && (
          <p class="arith-terms pool-terms">
            ({fr.slice.map((v) => cellText(v, data)).join(' + ')}) / {n}
          </p>
        )}
      </ArithmeticPanel>
    </>
  );
}
