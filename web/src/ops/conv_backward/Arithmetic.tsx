// What this step added, line by line of the loop body: the amounts dZ·W[:,:,:,c] added to the
// window of dA_prev_pad, dZ·a_slice added to dW[:,:,:,c], and dZ added to db[c]. Small windows get
// a table per input channel; large ones a summary line.

import { longText } from '../../ui/format';
import type { DataKind } from '../../state/config';
import type { ViewProps } from '../../state/operation';
import type { Add, ConvBackwardFrame, ConvBackwardRun } from './model';
import type { ConvBackwardState } from './selection';
import { addText, signedText } from './text';

/** Windows with at most this many cells (f·f·n_C_prev) get tables. */
const TABLES = 48;

function AddTables({
  adds,
  f,
  channels,
  what,
  data,
}: {
  adds: Add[];
  f: number;
  channels: number;
  what: string;
  data: DataKind;
}) {
  if (adds.length > TABLES) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const a of adds) {
      lo = Math.min(lo, a.amount);
      hi = Math.max(hi, a.amount);
    }
    return (
      <p class="bw-add-summary">
        {adds.length} cells, each += between {signedText(lo, 2)} and {signedText(hi, 2)}
      </p>
    );
  }
  const tables = [];
  for (let k = 0; k < channels; k++) {
    const rows: Add[][] = [];
    for (let u = 0; u < f; u++) rows.push(adds.filter((a) => a.k === k && a.u === u));
    tables.push(
      <table key={k} aria-label={`${what}, channel ${k}`}>
        <caption>ch {k}</caption>
        <tbody>
          {rows.map((r, u) => (
            <tr key={u}>
              {r.map((a) => (
                <td
                  key={a.v}
                  class={a.onPad && what.startsWith('dA') ? 'on-pad' : a.amount === 0 ? 'zero' : ''}
                  title={`${longText(a.factor, data)} × dZ = ${addText(a.amount, data)} → ${longText(a.after, data)}`}
                >
                  {addText(a.amount, data, 2)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>,
    );
  }
  return <div class="bw-add-tables">{tables}</div>;
}

export function ConvBackwardStep({
  run,
  frame: fr,
}: ViewProps<ConvBackwardRun, ConvBackwardFrame, ConvBackwardState>) {
  const cfg = run.config;
  const data = cfg.data;
  const win = fr.win;

  if (win === null) {
    return (
      <section class="panel arith-panel bw-step" aria-labelledby="arith-title">
        <h2 id="arith-title">This step</h2>
        <p class="arith-empty">
          Step 0: dA_prev_pad, dW and db are all zeros. Press Step (or →) to run the first window.
        </p>
      </section>
    );
  }
  const { i, c, h, w, vertStart, vertEnd, horiStart, horiEnd } = win;
  const step = cfg.dil > 1 ? `:${cfg.dil}` : '';
  const slice = `${vertStart}:${vertEnd}${step}, ${horiStart}:${horiEnd}${step}`;
  return (
    <section class="panel arith-panel bw-step" aria-labelledby="arith-title">
      <h2 id="arith-title">This step</h2>
      <p class="bw-dz">
        dZ[{i}, {h}, {w}, {c}] = <b class="bw-dz-value">{longText(win.value, data)}</b>
      </p>
      <div class="bw-line">
        <p class="bw-line-head">
          dA_prev_pad[{i}, {slice}, :] += W[:,:,:,{c}] · dZ
        </p>
        <AddTables adds={fr.dAAdds} f={cfg.f} channels={cfg.Cin} what="dA_prev_pad added" data={data} />
      </div>
      <div class="bw-line">
        <p class="bw-line-head">dW[:,:,:,{c}] += a_slice · dZ</p>
        <AddTables adds={fr.dWAdds} f={cfg.f} channels={cfg.Cin} what="dW added" data={data} />
      </div>
      <dl class="bw-db">
        <dt>db[{c}] += dZ</dt>
        <dd>
          {longText(fr.dbBefore, data)} +{' '}
          {win.value < 0 ? `(${longText(win.value, data)})` : longText(win.value, data)} ={' '}
          <b>{longText(fr.dbAfter, data)}</b>
        </dd>
      </dl>
    </section>
  );
}
