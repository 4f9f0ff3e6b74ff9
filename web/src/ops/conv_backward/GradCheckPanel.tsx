// The gradient check of one cell: the central finite difference of L = sum(Z * dZ), computed
// with two conv_forward passes (in the store), next to the value the walk-through produced.

import { cellName } from './model';
import type { ConvBackwardState } from './selection';
import { precise, relText } from './text';
import { t } from './messages';

/** Relative differences below this say "agree" (the estimate is exact but for rounding). */
const AGREE = 1e-6;

export function GradCheckPanel({ state, total }: { state: ConvBackwardState; total: number }) {
  const v = state.check.value;
  if (v === null) return null;
  const chk = v.check;
  return (
    <section class="bw-pane bw-check" aria-labelledby="bw-check-title">
      <header class="bw-pane-head">
        <h3 id="bw-check-title">{t('gradCheck')}</h3>
        <span class="bw-loss">{t('lossFixed')}</span>
      </header>
      {chk === null ? (
        <p class="bw-hint">{v.reason}</p>
      ) : (
        <>
          <p class="bw-check-what">
            ∂L/∂{chk.inputName} = <b>{chk.gradName}</b>
            {!v.chosen && <span class="bw-default">{t('orClick')}</span>}
          </p>
          <table class="bw-check-table" aria-label={t('checkOf', { name: chk.gradName })}>
            <tbody>
              <tr>
                <th scope="row">x ± eps (eps = 1e−5·max(1, |x|))</th>
                <td class="bw-x-eps">
                  <span>{precise(chk.x, 6)}</span> ± <span>{precise(chk.eps, 3)}</span>
                </td>
              </tr>
              <tr class="bw-numeric">
                <th scope="row">(L(x+eps) − L(x−eps)) / 2eps</th>
                <td data-value={chk.numeric}>{precise(chk.numeric)}</td>
              </tr>
              {v.complete ? (
                <tr class="bw-analytic">
                  <th scope="row">{t('walkAll', { total })}</th>
                  <td data-value={v.walk}>{precise(v.walk)}</td>
                </tr>
              ) : (
                <>
                  <tr class="bw-partial">
                    <th scope="row">{t('walkPartial')}</th>
                    <td data-value={v.walk}>{precise(v.walk)}</td>
                  </tr>
                  <tr class="bw-analytic">
                    <th scope="row">{t('wholeLoop')}</th>
                    <td data-value={v.analytic}>{precise(v.analytic)}</td>
                  </tr>
                </>
              )}
              <tr class="bw-rel">
                <th scope="row">{t('relDiff')}</th>
                <td data-value={v.relDiff}>
                  {relText(v.relDiff)}{' '}
                  {v.relDiff <= AGREE ? (
                    <span class="bw-ok">{t('agree')}</span>
                  ) : (
                    <span class="bw-bad">{t('differ')}</span>
                  )}
                </td>
              </tr>
            </tbody>
          </table>
          {!v.complete && <p class="bw-note">{t('partialSum', { name: cellName(v.cell) })}</p>}
        </>
      )}
    </section>
  );
}
