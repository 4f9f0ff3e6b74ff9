// conv_transpose's loop as the code panel shows it: Python in the assignment's style (the dA_prev
// line of conv_backward with X for dZ, then the crop and + b), or the C that runs
// (spread_window() in c/src/stepper.c). A step runs the loop body once: its `+=` is marked, with
// the loop variables beside their lines.

import type { Config } from '../../state/config';
import * as code from '../../state/code';
import type { CodeLang, CodeLine, CodeMarks } from '../../state/code';
import type { ConvTransposeFrame } from './model';
import { tUi } from '../../ui/messages';

// Lines stay under about 50 characters, as the other ops' do, so that the panel needs no
// horizontal scrolling beside the stage: long statements continue with a backslash.
function transposePythonLines(c: Config): CodeLine[] {
  const { end, step } = code.windowSyntax(c.dil);
  const reach = c.dil > 1 ? 'span' : 'f';
  return [
    ...(c.dil > 1 ? [{ id: 'span', text: 'span = dilation * (f - 1) + 1' }] : []),
    { id: 'shape', text: `H_pad = (n_H - 1) * stride + ${reach} \\` },
    { id: 'shape', text: '        + output_padding', cont: true },
    { id: 'shape', text: `W_pad = (n_W - 1) * stride + ${reach} \\` },
    { id: 'shape', text: '        + output_padding', cont: true },
    { id: 'zeros', text: 'Y_pad = np.zeros((m, H_pad, W_pad, n_C_out))' },
    ...code.pythonLoopNest(end),
    { id: 'Y', text: '                Y_pad[i,' },
    ...code.windowRanges('Y', step, ', :] \\'),
    { id: 'Y', text: '                    += W[:, :, :, c] * X[i, h, w, c]', cont: true },
    c.pad > 0
      ? { id: 'crop', text: 'Y = Y_pad[:, pad:H_pad - pad,' }
      : { id: 'crop', text: `Y = Y_pad + b  # ${tUi('commentNothingToCrop')}` },
    ...(c.pad > 0 ? [{ id: 'crop', text: '          pad:W_pad - pad, :] + b', cont: true }] : []),
  ];
}

/** An excerpt of c/src/stepper.c; offsets (cs__at) are written as indices. */
function transposeCLines(): CodeLine[] {
  return [
    ...code.cDecodeLines(),
    { id: null, text: '/* spread_window(): CS_OP_CONV_TRANSPOSE */' },
    ...code.cWindowStartLines(),
    { id: 'xv', text: 'const double xv = X[i, h, w, c];' },
    { id: 'for_u', text: 'for (int u = 0; u < f; u++)' },
    { id: 'for_v', text: '  for (int v = 0; v < f; v++)' },
    { id: 'for_k', text: '    for (int k = 0; k < n_C_out; k++)' },
    { id: 'Y', text: '      Y_pad[i, vert_start + u * d,' },
    { id: 'Y', text: '            hori_start + v * d, k]', cont: true },
    { id: 'Y', text: '          += xv * W[u, v, k, c];', cont: true },
    { id: 'pos', text: 's->pos++;' },
    { id: null, text: `/* transpose_output(): ${tUi('commentReadAtEnd')} */` },
    { id: 'crop', text: 'Y[i, h, w, k] = Y_pad[i, h + pad,' },
    { id: 'crop', text: '                     w + pad, k] + b[k];', cont: true },
  ];
}

export function transposeCodeLines(lang: CodeLang, c: Config): CodeLine[] {
  return lang === 'python' ? transposePythonLines(c) : transposeCLines();
}

/** `x`: X[i, h, w, c] as the page prints it. */
export function transposeCodeMarks(lang: CodeLang, fr: ConvTransposeFrame, x: string): CodeMarks {
  const win = fr.win;
  if (win === null) return code.marksBeforeLoop(lang, ['span', 'shape']);
  const last = fr.position === fr.total;
  if (lang === 'c') {
    const ran = new Set([...code.C_DECODE_IDS, 'xv', 'for_u', 'for_v', 'for_k', 'pos']);
    if (last) ran.add('crop');
    return {
      current: 'Y',
      ran,
      values: { ...code.cDecodeValues(win), xv: `= ${x}` },
    };
  }
  const ran = code.pythonLoopRan(win, ['for_w', 'hori_start', 'hori_end']);
  // After the last step the loop is over and the crop runs.
  if (last) ran.add('crop');
  return { current: 'Y', ran, values: { ...code.pythonLoopValues(win), Y: `X = ${x}` } };
}
