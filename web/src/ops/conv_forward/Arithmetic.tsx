// The current window's arithmetic: a·w for each cell, channel by channel, their sum, + b,
// = Z[i, h, w, c]. Written out term by term for small windows, as a table of products for
// middling ones, summarised for large ones.

import { Fragment } from 'preact';
import { cellText, factor, longText } from '../../ui/format';
import type { DataKind } from '../../state/config';
import type { ViewProps } from '../../state/operation';
import type { ConvForwardRun, ConvFrame, Product } from './model';
import { t } from './messages';
import { ArithmeticPanel } from '../../ui/ArithmeticPanel';
import { tUi } from '../../ui/messages';

/** Windows with at most this many products are written out term by term. */
const WRITE_OUT = 12;
/** Windows with at most this many products (and at most 2 channels) get a table per channel;
 * larger ones a line per channel, so that the panel fits beside the stage. */
const TABLE = 50;

function ChannelTerms({ k, products, data }: { k: number; products: Product[]; data: DataKind }) {
  const sub = products.reduce((t, p) => t + p.p, 0);
  return (
    <div class="arith-ch">
      <span class="arith-ch-name">{t('ch', { k })}</span>
      <span class="arith-terms">
        {products.map((p, n) => (
          <Fragment key={n}>
            {n > 0 && ' + '}
            <span class={p.onPad ? 'term on-pad' : 'term'}>
              {factor(p.a, data)}·{factor(p.w, data)}
            </span>
          </Fragment>
        ))}
        {' = '}
        <b>{longText(sub, data)}</b>
      </span>
    </div>
  );
}

function ChannelSummary({ k, products, data }: { k: number; products: Product[]; data: DataKind }) {
  const sub = products.reduce((t, p) => t + p.p, 0);
  const inPad = products.filter((p) => p.onPad).length;
  return (
    <div class="arith-ch">
      <span class="arith-ch-name">{t('ch', { k })}</span>
      <span>
        {inPad > 0 ? t('sumOfOnPad', { n: products.length, pad: inPad }) : t('sumOf', { n: products.length })}{' '}
        = <b>{longText(sub, data)}</b>
      </span>
    </div>
  );
}

function ChannelTable({
  k,
  f,
  products,
  data,
}: {
  k: number;
  f: number;
  products: Product[];
  data: DataKind;
}) {
  const sub = products.reduce((t, p) => t + p.p, 0);
  const rows: Product[][] = [];
  for (let u = 0; u < f; u++) rows.push(products.filter((p) => p.u === u));
  return (
    <div class="arith-table">
      <table aria-label={t('channelProducts', { k })}>
        <caption>{t('ch', { k })}: a·w</caption>
        <tbody>
          {rows.map((r, u) => (
            <tr key={u}>
              {r.map((p) => (
                <td
                  key={p.v}
                  class={p.p === 0 ? 'zero' : ''}
                  title={`${longText(p.a, data)} · ${longText(p.w, data)}`}
                >
                  {cellText(p.p, data)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div class="arith-sub">
        Σ = <b>{longText(sub, data)}</b>
      </div>
    </div>
  );
}

export function ConvForwardArithmetic({ run, frame: fr }: ViewProps<ConvForwardRun, ConvFrame, unknown>) {
  const cfg = run.config;
  const data = cfg.data;
  const win = fr.win;

  if (win === null) {
    return (
      <ArithmeticPanel title={tUi('arithmetic')}>
        <p class="arith-empty">{t('step0')}</p>
      </ArithmeticPanel>
    );
  }
  const n = fr.products.length;
  const byChannel: Product[][] = [];
  for (let k = 0; k < cfg.Cin; k++) byChannel.push(fr.products.filter((p) => p.k === k));
  const where = `${win.i}, ${win.h}, ${win.w}, ${win.c}`;
  const tier = n <= WRITE_OUT ? 'terms' : n <= TABLE && cfg.Cin <= 2 ? 'table' : 'summary';

  return (
    <ArithmeticPanel title={tUi('arithmetic')}>
      <p class="arith-head">
        Z[{where}] = Σ a_slice_prev·W[:,:,:,{win.c}] + b[{win.c}]
      </p>
      <div class={`arith-channels arith-${tier}`}>
        {byChannel.map((ps, k) =>
          tier === 'terms' ? (
            <ChannelTerms key={k} k={k} products={ps} data={data} />
          ) : tier === 'table' ? (
            <ChannelTable key={k} k={k} f={cfg.f} products={ps} data={data} />
          ) : (
            <ChannelSummary key={k} k={k} products={ps} data={data} />
          ),
        )}
      </div>
      <dl class="arith-total">
        <dt>{t('sumOf', { n })}</dt>
        <dd>{longText(fr.sum, data)}</dd>
        <dt>+ b[{win.c}]</dt>
        <dd>{longText(fr.bias, data)}</dd>
        <dt class="arith-z">Z[{where}]</dt>
        <dd class="arith-z">{longText(win.value, data)}</dd>
      </dl>
    </ArithmeticPanel>
  );
}
