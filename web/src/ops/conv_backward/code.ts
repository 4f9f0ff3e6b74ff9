// conv_backward's loop as the code panel shows it: the seed's Python, or the C that runs (the
// CS_OP_CONV_BACKWARD branch of apply() in c/src/stepper.c). A step runs the loop body once:
// its three `+=` lines are all marked, with the loop variables beside their lines.

import type { Config } from '../../state/config';
import * as code from '../../state/code';
import type { CodeLang, CodeLine, CodeMarks } from '../../state/code';
import type { ConvBackwardFrame } from './model';
import { tUi } from '../../ui/messages';

// Statements that run in every step, in order: the three `+=` lines are the step's work.
const BODY = ['for_w', 'hori_start', 'hori_end', 'slice', 'dA', 'dW', 'db'];

// Lines are kept under about 50 characters so that the panel needs no horizontal scrolling
// beside the stage on a 1280-pixel-wide projector: long statements continue with a backslash.
export function backwardPythonLines(c: Config): CodeLine[] {
  const { end, step } = code.windowSyntax(c.dil);
  return [
    { id: 'pad', text: 'A_prev_pad = zero_pad(A_prev, pad)' },
    { id: 'zeros', text: 'dA_prev_pad = np.zeros(A_prev_pad.shape)' },
    { id: 'zeros', text: 'dW = np.zeros((f, f, n_C_prev, n_C))' },
    { id: 'zeros', text: 'db = np.zeros((1, 1, 1, n_C))' },
    ...(c.dil > 1 ? [{ id: 'span', text: 'span = dilation * (f - 1) + 1' }] : []),
    ...code.pythonLoopNest(end),
    { id: 'slice', text: '                a_slice = A_prev_pad[i,' },
    ...code.windowRanges('slice', step, ', :]'),
    { id: 'dA', text: '                dA_prev_pad[i,' },
    ...code.windowRanges('dA', step, ', :] \\'),
    { id: 'dA', text: '                    += W[:,:,:,c] * dZ[i, h, w, c]', cont: true },
    { id: 'dW', text: '                dW[:,:,:,c] \\' },
    { id: 'dW', text: '                    += a_slice * dZ[i, h, w, c]', cont: true },
    { id: 'db', text: '                db[:,:,:,c] += dZ[i, h, w, c]' },
    c.pad > 0
      ? { id: 'crop', text: 'dA_prev = dA_prev_pad[:, pad:-pad, pad:-pad, :]' }
      : { id: 'crop', text: `dA_prev = dA_prev_pad  # ${tUi('commentNothingToCrop')}` },
  ];
}

/** An excerpt of c/src/stepper.c; offsets (cs__at) are written as indices. */
export function backwardCLines(): CodeLine[] {
  return [
    ...code.cDecodeLines(),
    { id: null, text: '/* apply(): case CS_OP_CONV_BACKWARD */' },
    ...code.cWindowStartLines(),
    { id: 'dz', text: 'const double dz = dZ[i, h, w, c];' },
    { id: 'for_u', text: 'for (int u = 0; u < f; u++)' },
    { id: 'for_v', text: '  for (int v = 0; v < f; v++)' },
    { id: 'for_k', text: '    for (int k = 0; k < n_C_prev; k++) {' },
    { id: 'dA', text: '      dA_pad[i, vert_start + u * d,' },
    { id: 'dA', text: '             hori_start + v * d, k]', cont: true },
    { id: 'dA', text: '          += dz * W[u, v, k, c];', cont: true },
    { id: 'dW', text: '      dW[u, v, k, c] += dz * A_pad[i,' },
    { id: 'dW', text: '             vert_start + u * d,', cont: true },
    { id: 'dW', text: '             hori_start + v * d, k];', cont: true },
    { id: null, text: '    }' },
    { id: 'db', text: 'db[c] += dz;' },
    { id: 'pos', text: 's->pos++;' },
  ];
}

export function backwardCodeLines(lang: CodeLang, c: Config): CodeLine[] {
  return lang === 'python' ? backwardPythonLines(c) : backwardCLines();
}

/** `texts`: dZ[i, h, w, c] and db[c] after the step, as the page prints them. */
export function backwardCodeMarks(
  lang: CodeLang,
  fr: ConvBackwardFrame,
  texts: { dz: string; db: string },
): CodeMarks {
  const win = fr.win;
  if (win === null) return code.marksBeforeLoop(lang, ['pad', 'span']);
  const last = fr.position === fr.total;
  if (lang === 'c') {
    return {
      current: 'dA',
      alsoCurrent: new Set(['dW', 'db']),
      ran: new Set([...code.C_DECODE_IDS, 'dz', 'for_u', 'for_v', 'for_k', 'pos']),
      values: { ...code.cDecodeValues(win), dz: `= ${texts.dz}`, db: `= ${texts.db}` },
    };
  }
  const ran = code.pythonLoopRan(
    win,
    BODY.filter((id) => id !== 'dA' && id !== 'dW' && id !== 'db'),
  );
  // After the last step the loop is over and the crop runs.
  if (last) ran.add('crop');
  return {
    current: 'dA',
    alsoCurrent: new Set(['dW', 'db']),
    ran,
    values: { ...code.pythonLoopValues(win), dA: `dZ = ${texts.dz}`, dW: `dZ = ${texts.dz}` },
  };
}
