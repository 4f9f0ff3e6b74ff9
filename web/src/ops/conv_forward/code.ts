// The loop nest as the code panel shows it: the assignment's Python, or the C that runs.
// Each line has an id; a step marks the line that just ran and the loop lines it passed
// through, and puts the live values of the loop variables beside them.

import type { Config } from '../../state/config';
import * as code from '../../state/code';
import type { CodeLang, CodeLine, CodeMarks } from '../../state/code';
import type { ConvFrame } from './model';

export type { CodeLang, CodeLine, CodeMarks } from '../../state/code';

// Lines are kept under about 50 characters, so that the panel needs no horizontal scrolling
// beside the stage on a 1280-pixel-wide projector.
export function pythonLines(c: Config): CodeLine[] {
  const { end, step } = code.windowSyntax(c.dil);
  return [
    { id: 'pad', text: 'A_prev_pad = zero_pad(A_prev, pad)' },
    ...(c.dil > 1 ? [{ id: 'span', text: 'span = dilation * (f - 1) + 1' }] : []),
    { id: 'zeros', text: 'Z = np.zeros((m, n_H, n_W, n_C))' },
    ...code.pythonLoopNest(end, { id: 'a_prev_pad', text: '    a_prev_pad = A_prev_pad[i]' }),
    { id: 'slice', text: '                a_slice_prev = a_prev_pad[' },
    ...code.windowRanges('slice', step, ', :]'),
    { id: 'z', text: '                Z[i, h, w, c] = conv_single_step(' },
    { id: 'z', text: '                    a_slice_prev, W[:, :, :, c],', cont: true },
    { id: 'z', text: '                    b[:, :, :, c])', cont: true, valueHere: true },
  ];
}

/** An excerpt of c/src/stepper.c and c/src/conv.c; offsets (cs__at) are written as indices. */
export function cLines(): CodeLine[] {
  return [
    ...code.cDecodeLines(),
    ...code.cWindowStartLines(),
    { id: null, text: '/* conv.c: cs__conv_single_step_at */' },
    { id: 's0', text: 'double s = 0.0;' },
    { id: 'for_u', text: 'for (int u = 0; u < f; u++)' },
    { id: 'for_v', text: '  for (int v = 0; v < f; v++)' },
    { id: 'for_k', text: '    for (int k = 0; k < n_C_prev; k++)' },
    { id: 'acc', text: '      s += A_pad[i, vert_start + u * d,' },
    { id: 'acc', text: '                 hori_start + v * d, k]', cont: true },
    { id: 'acc', text: '           * W[u, v, k, c];', cont: true, valueHere: true },
    { id: 'z', text: 'out[i, h, w, c] = s + b[c];' },
    { id: 'pos', text: 's->pos++;' },
  ];
}

export function codeLines(lang: CodeLang, c: Config): CodeLine[] {
  return lang === 'python' ? pythonLines(c) : cLines();
}

/** `texts`: Z and the running sum as the page prints them. */
export function codeMarks(lang: CodeLang, fr: ConvFrame, texts: { z: string; sum: string }): CodeMarks {
  const win = fr.win;
  if (win === null) return code.marksBeforeLoop(lang, ['pad', 'span']);
  if (lang === 'c') {
    return {
      current: 'z',
      ran: new Set([...code.C_DECODE_IDS, 's0', 'for_u', 'for_v', 'for_k', 'acc', 'pos']),
      values: { ...code.cDecodeValues(win), acc: `s = ${texts.sum}`, z: `= ${texts.z}` },
    };
  }
  return {
    current: 'z',
    ran: code.pythonLoopRan(win, ['for_w', 'hori_start', 'hori_end', 'slice'], 'a_prev_pad'),
    values: { ...code.pythonLoopValues(win), z: `= ${texts.z}` },
  };
}
