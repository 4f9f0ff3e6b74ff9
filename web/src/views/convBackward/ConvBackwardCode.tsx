// The code panel for conv_backward: the seed's loop or the C that runs, with the step's three
// `+=` lines marked.

import { useStore } from '../../app/context';
import { longText } from '../../app/format';
import { CodePanel } from '../../components/CodePanel';
import type { ConvBackwardFrame } from '../../state/ops/convBackward';
import { backwardCodeLines, backwardCodeMarks } from '../../state/ops/convBackwardCode';

export function ConvBackwardCode() {
  const store = useStore();
  const lang = store.codeLang.value;
  const cfg = store.config.value;
  const fr = store.frame.value as ConvBackwardFrame;
  if (fr.dAPad === undefined) return null;
  const texts = { dz: fr.win ? longText(fr.win.value, cfg.data) : '', db: longText(fr.dbAfter, cfg.data) };
  const note =
    lang === 'c'
      ? 'The batch kernel cs_conv_backward puts c innermost for speed: dW and db match bit for bit, dA_prev within 1e-12.'
      : undefined;
  return (
    <CodePanel
      lang={lang}
      lines={backwardCodeLines(lang, cfg)}
      marks={backwardCodeMarks(lang, fr, texts)}
      onLang={(l) => store.setCodeLang(l)}
      note={note}
    />
  );
}
