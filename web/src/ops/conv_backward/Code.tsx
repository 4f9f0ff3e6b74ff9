// The code panel for conv_backward: the seed's loop or the C that runs, with the step's three
// `+=` lines marked.

import { longText } from '../../ui/format';
import { CodePanel } from '../../ui/CodePanel';
import type { ViewProps } from '../../state/operation';
import type { ConvBackwardFrame, ConvBackwardRun } from './model';
import type { ConvBackwardState } from './selection';
import { backwardCodeLines, backwardCodeMarks } from './code';
import { t } from './messages';

export function ConvBackwardCode({
  run,
  frame: fr,
  codeLang: lang,
  actions,
}: ViewProps<ConvBackwardRun, ConvBackwardFrame, ConvBackwardState>) {
  const cfg = run.config;
  const texts = { dz: fr.win ? longText(fr.win.value, cfg.data) : '', db: longText(fr.dbAfter, cfg.data) };
  const note = lang === 'c' ? t('cNote') : undefined;
  return (
    <CodePanel
      lang={lang}
      lines={backwardCodeLines(lang, cfg)}
      marks={backwardCodeMarks(lang, fr, texts)}
      onLang={actions.setCodeLang}
      note={note}
    />
  );
}
