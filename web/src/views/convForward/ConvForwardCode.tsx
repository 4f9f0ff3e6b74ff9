// The code panel for conv_forward: the assignment's loop nest or the C that runs, marked for
// the step just done.

import { useStore } from '../../app/context';
import { longText } from '../../app/format';
import { CodePanel } from '../../components/CodePanel';
import type { ConvFrame } from '../../state/ops/convForward';
import { codeLines, codeMarks } from '../../state/ops/convForwardCode';

export function ConvForwardCode() {
  const store = useStore();
  const lang = store.codeLang.value;
  const cfg = store.config.value;
  const fr = store.frame.value as ConvFrame;
  const texts = { z: fr.win ? longText(fr.win.value, cfg.data) : '', sum: longText(fr.sum, cfg.data) };
  const note =
    lang === 'c'
      ? 'The batch kernel cs_conv_forward loops i, h, w with c innermost for speed; each sum keeps this order.'
      : undefined;
  return (
    <CodePanel
      lang={lang}
      lines={codeLines(lang, cfg)}
      marks={codeMarks(lang, fr, texts)}
      onLang={(l) => store.setCodeLang(l)}
      note={note}
    />
  );
}
