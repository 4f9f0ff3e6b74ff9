// The code panel for conv_transpose: the loop in the assignment's style or the C that runs, with
// the step's `+=` marked.

import { longText } from '../../ui/format';
import { CodePanel } from '../../ui/CodePanel';
import type { ViewProps } from '../../state/operation';
import type { ConvTransposeFrame, ConvTransposeRun } from './model';
import { transposeCodeLines, transposeCodeMarks } from './code';
import { t } from './messages';

export function ConvTransposeCode({
  run,
  frame: fr,
  codeLang: lang,
  actions,
}: ViewProps<ConvTransposeRun, ConvTransposeFrame, undefined>) {
  const cfg = run.config;
  const x = fr.win ? longText(fr.win.value, cfg.data) : '';
  const note = lang === 'c' ? t('cNote') : t('pyNote');
  return (
    <CodePanel
      lang={lang}
      lines={transposeCodeLines(lang, cfg)}
      marks={transposeCodeMarks(lang, fr, x)}
      onLang={actions.setCodeLang}
      note={note}
    />
  );
}
