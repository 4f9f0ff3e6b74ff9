// The code panel for pool_forward: the assignment's loop or the C that runs, marked for the
// step just done.

import type { ViewProps } from '../../state/operation';
import { longText } from '../../ui/format';
import { poolChoices } from '../pool/choices';
import type { PoolTexts } from '../pool/code';
import { maskText, PoolCodePanel } from '../pool/PoolCode';
import type { PoolForwardFrame, PoolForwardRun } from './model';

export function PoolForwardCode({
  run,
  frame,
  codeLang,
  actions,
}: ViewProps<PoolForwardRun, PoolForwardFrame, unknown>) {
  const cfg = run.config;
  const win = frame.win;
  const texts: PoolTexts =
    win === null
      ? { value: '', mask: '', amount: '', cells: 0 }
      : {
          value: longText(win.value, cfg.data),
          mask: maskText(frame.mask, cfg.f),
          amount: longText(frame.sum, cfg.data),
          cells: 1,
        };
  return (
    <PoolCodePanel
      op="pool_forward"
      lang={codeLang}
      mode={poolChoices(cfg).mode}
      win={win}
      texts={texts}
      onLang={actions.setCodeLang}
    />
  );
}
