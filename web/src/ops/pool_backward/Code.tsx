// The code panel for pool_backward: the assignment's loop or the C that runs, with the mask (or
// distribute_value) and the `+=` of the step just done marked.

import type { ViewProps } from '../../state/operation';
import { longText } from '../../ui/format';
import { poolChoices } from '../pool/choices';
import type { PoolTexts } from '../pool/code';
import { maskText, PoolCodePanel } from '../pool/PoolCode';
import type { PoolBackwardFrame, PoolBackwardRun } from './model';

export function PoolBackwardCode({
  run,
  frame,
  codeLang,
  actions,
}: ViewProps<PoolBackwardRun, PoolBackwardFrame, unknown>) {
  const cfg = run.config;
  const win = frame.win;
  const texts: PoolTexts =
    win === null
      ? { value: '', mask: '', amount: '', cells: 0 }
      : {
          value: longText(win.value, cfg.data),
          mask: maskText(frame.gets, cfg.f),
          amount: longText(win.amount, cfg.data),
          cells: frame.gets.reduce((t, g) => t + g, 0),
        };
  return (
    <PoolCodePanel
      op="pool_backward"
      lang={codeLang}
      mode={poolChoices(cfg).mode}
      win={win}
      texts={texts}
      onLang={actions.setCodeLang}
    />
  );
}
