// The code panel for conv_forward: the assignment's loop nest or the C that runs, marked for
// the step just done.

import { longText } from '../../ui/format';
import { CodePanel } from '../../ui/CodePanel';
import type { ViewProps } from '../../state/operation';
import type { ConvForwardRun, ConvFrame } from './model';
import { codeLines, codeMarks } from './code';
import { t } from './messages';

export function ConvForwardCode({
  run,
  frame: fr,
  codeLang: lang,
  actions,
}: ViewProps<ConvForwardRun, ConvFrame, unknown>) {
  const cfg = run.config;
  const texts = { z: fr.win ? longText(fr.win.value, cfg.data) : '', sum: longText(fr.sum, cfg.data) };
  const note = lang === 'c' ? t('cNote') : undefined;
  return (
    <CodePanel
      lang={lang}
      lines={codeLines(lang, cfg)}
      marks={codeMarks(lang, fr, texts)}
      onLang={actions.setCodeLang}
      note={note}
    />
  );
}
