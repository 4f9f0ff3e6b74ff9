// What this step added: X[i, h, w, c] times W[:, :, k, c], added to the window of Y_pad, a table
// per output channel (a summary line for large windows); at the end of a sample, Y = crop + b.

import { AddTables } from '../../ui/AddTables';
import { fixed, longText } from '../../ui/format';
import type { DataKind } from '../../state/config';
import type { ViewProps } from '../../state/operation';
import type { Add, ConvTransposeFrame, ConvTransposeRun } from './model';
import { t } from './messages';
import { ArithmeticPanel } from '../../ui/ArithmeticPanel';
import { tUi } from '../../ui/messages';

function signed(v: number, data: DataKind, digits = 2): string {
  const s = fixed(v, data === 'ints' && Number.isInteger(v) ? 0 : digits);
  return s.startsWith('\u2212') ? s : `+${s}`;
}

/** This step's additions to Y_pad, a table per output channel. */
function Adds({ adds, f, channels, data }: { adds: Add[]; f: number; channels: number; data: DataKind }) {
  return (
    <AddTables
      adds={adds}
      f={f}
      channels={channels}
      cellText={(v) => signed(v, data)}
      rangeText={(v) => signed(v, data)}
      label={(k) => t('addedChannel', { k })}
      caption={(k) => `k = ${k}`}
      greyed={(a) => a.cropped}
      title={(a) =>
        `W[${a.u}, ${a.v}, ${a.k}, c] = ${longText(a.factor, data)}; × X = ${signed(a.amount, data, 4)} → ${longText(a.after, data)}`
      }
    />
  );
}

export function ConvTransposeStep({
  run,
  frame: fr,
}: ViewProps<ConvTransposeRun, ConvTransposeFrame, undefined>) {
  const cfg = run.config;
  const data = cfg.data;
  const win = fr.win;
  if (win === null) {
    return (
      <ArithmeticPanel title={tUi('thisStep')} class="ct-step">
        <p class="arith-empty">{t('step0')}</p>
      </ArithmeticPanel>
    );
  }
  const { i, c, h, w, vertStart, vertEnd, horiStart, horiEnd } = win;
  const step = cfg.dil > 1 ? `:${cfg.dil}` : '';
  const slice = `${vertStart}:${vertEnd}${step}, ${horiStart}:${horiEnd}${step}`;
  const [, yH, yW] = run.yShape;
  return (
    <ArithmeticPanel title={tUi('thisStep')} class="ct-step">
      <p class="ct-x">
        X[{i}, {h}, {w}, {c}] = <b class="ct-x-value">{longText(win.value, data)}</b>
      </p>
      <p class="ct-line-head">
        Y_pad[{i}, {slice}, :] += W[:,:,:,{c}] · X
      </p>
      <Adds adds={fr.adds} f={cfg.f} channels={cfg.Cout} data={data} />
      {fr.sampleDone && (
        <p class="ct-crop">
          {t('sampleDone', { i })}Y[{i}] = Y_pad[{i}, {cfg.pad}:{cfg.pad + yH}, {cfg.pad}:{cfg.pad + yW}, :] +
          b, b = [{Array.from(run.data.b.data, (v) => longText(v, data)).join(', ')}]
        </p>
      )}
    </ArithmeticPanel>
  );
}
