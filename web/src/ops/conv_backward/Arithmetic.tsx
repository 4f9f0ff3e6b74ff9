// What this step added, line by line of the loop body: the amounts dZ·W[:,:,:,c] added to the
// window of dA_prev_pad, dZ·a_slice added to dW[:,:,:,c], and dZ added to db[c]. Small windows get
// a table per input channel; large ones a summary line.

import { AddTables } from '../../ui/AddTables';
import { longText } from '../../ui/format';
import type { DataKind } from '../../state/config';
import type { ViewProps } from '../../state/operation';
import type { Add, ConvBackwardFrame, ConvBackwardRun } from './model';
import type { ConvBackwardState } from './selection';
import { addText, signedText } from './text';
import { t } from './messages';
import { ArithmeticPanel } from '../../ui/ArithmeticPanel';
import { tUi } from '../../ui/messages';

/** This step's additions to dA_prev_pad or dW: `what` names them ("dA_prev_pad added"). */
function Adds({
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
  return (
    <AddTables
      adds={adds}
      f={f}
      channels={channels}
      cellText={(v) => addText(v, data, 2)}
      rangeText={(v) => signedText(v, 2)}
      label={(k) => t('addedChannel', { what, k })}
      caption={(k) => t('ch', { k })}
      greyed={(a) => a.onPad && what.startsWith('dA')}
      title={(a) =>
        `${longText(a.factor, data)} × dZ = ${addText(a.amount, data)} → ${longText(a.after, data)}`
      }
    />
  );
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
      <ArithmeticPanel title={tUi('thisStep')} class="bw-step">
        <p class="arith-empty">{t('step0')}</p>
      </ArithmeticPanel>
    );
  }
  const { i, c, h, w, vertStart, vertEnd, horiStart, horiEnd } = win;
  const step = cfg.dil > 1 ? `:${cfg.dil}` : '';
  const slice = `${vertStart}:${vertEnd}${step}, ${horiStart}:${horiEnd}${step}`;
  return (
    <ArithmeticPanel title={tUi('thisStep')} class="bw-step">
      <p class="bw-dz">
        dZ[{i}, {h}, {w}, {c}] = <b class="bw-dz-value">{longText(win.value, data)}</b>
      </p>
      <div class="bw-line">
        <p class="bw-line-head">
          dA_prev_pad[{i}, {slice}, :] += W[:,:,:,{c}] · dZ
        </p>
        <Adds adds={fr.dAAdds} f={cfg.f} channels={cfg.Cin} what="dA_prev_pad" data={data} />
      </div>
      <div class="bw-line">
        <p class="bw-line-head">dW[:,:,:,{c}] += a_slice · dZ</p>
        <Adds adds={fr.dWAdds} f={cfg.f} channels={cfg.Cin} what="dW" data={data} />
      </div>
      <dl class="bw-db">
        <dt>db[{c}] += dZ</dt>
        <dd>
          {longText(fr.dbBefore, data)} +{' '}
          {win.value < 0 ? `(${longText(win.value, data)})` : longText(win.value, data)} ={' '}
          <b>{longText(fr.dbAfter, data)}</b>
        </dd>
      </dl>
    </ArithmeticPanel>
  );
}
