// conv_backward's loop as the code panel shows it: the seed's Python, or the C that runs (the
// CS_OP_CONV_BACKWARD branch of apply() in c/src/stepper.c). A step runs the loop body once:
// its three `+=` lines are all marked, with the loop variables beside their lines.

import type { Config } from '../config';
import type { CodeLang, CodeLine, CodeMarks } from './convForwardCode';
import type { ConvBackwardFrame } from './convBackward';

// Statements that run in every step, in order: the three `+=` lines are the step's work.
const BODY = ['for_w', 'hori_start', 'hori_end', 'slice', 'dA', 'dW', 'db'];

// Lines are kept under about 50 characters so that the panel needs no horizontal scrolling
// beside the stage on a 1280-pixel-wide projector: long statements continue with a backslash.
export function backwardPythonLines(c: Config): CodeLine[] {
  const dil = c.dil > 1;
  const end = dil ? ' + span' : ' + f';
  const step = dil ? ':dilation' : '';
  return [
    { id: 'pad', text: 'A_prev_pad = zero_pad(A_prev, pad)' },
    { id: 'zeros', text: 'dA_prev_pad = np.zeros(A_prev_pad.shape)' },
    { id: 'zeros', text: 'dW = np.zeros((f, f, n_C_prev, n_C))' },
    { id: 'zeros', text: 'db = np.zeros((1, 1, 1, n_C))' },
    ...(dil ? [{ id: 'span', text: 'span = dilation * (f - 1) + 1' }] : []),
    { id: 'for_i', text: 'for i in range(m):' },
    { id: 'for_c', text: '    for c in range(n_C):' },
    { id: 'for_h', text: '        for h in range(n_H):' },
    { id: 'vert_start', text: '            vert_start = h * stride' },
    { id: 'vert_end', text: `            vert_end = vert_start${end}` },
    { id: 'for_w', text: '            for w in range(n_W):' },
    { id: 'hori_start', text: '                hori_start = w * stride' },
    { id: 'hori_end', text: `                hori_end = hori_start${end}` },
    { id: 'slice', text: '                a_slice = A_prev_pad[i,' },
    { id: 'slice', text: `                    vert_start:vert_end${step},`, cont: true },
    { id: 'slice', text: `                    hori_start:hori_end${step}, :]`, cont: true },
    { id: 'dA', text: '                dA_prev_pad[i,' },
    { id: 'dA', text: `                    vert_start:vert_end${step},`, cont: true },
    { id: 'dA', text: `                    hori_start:hori_end${step}, :] \\`, cont: true },
    { id: 'dA', text: '                    += W[:,:,:,c] * dZ[i, h, w, c]', cont: true },
    { id: 'dW', text: '                dW[:,:,:,c] \\' },
    { id: 'dW', text: '                    += a_slice * dZ[i, h, w, c]', cont: true },
    { id: 'db', text: '                db[:,:,:,c] += dZ[i, h, w, c]' },
    c.pad > 0
      ? { id: 'crop', text: 'dA_prev = dA_prev_pad[:, pad:-pad, pad:-pad, :]' }
      : { id: 'crop', text: 'dA_prev = dA_prev_pad  # pad 0: nothing to crop' },
  ];
}

/** An excerpt of c/src/stepper.c; offsets (cs__at) are written as indices. */
export function backwardCLines(): CodeLine[] {
  return [
    { id: null, text: '/* stepper.c: cs_stepper_next, one step */' },
    { id: 'k', text: 'int64_t k = s->pos;' },
    { id: 'dec_w', text: 'x.w = k % n_W;  k /= n_W;' },
    { id: 'dec_h', text: 'x.h = k % n_H;  k /= n_H;' },
    { id: 'dec_c', text: 'x.c = k % n_C;  k /= n_C;' },
    { id: 'dec_i', text: 'x.i = k;' },
    { id: null, text: '/* apply(): case CS_OP_CONV_BACKWARD */' },
    { id: 'vert_start', text: 'vert_start = x.h * stride;' },
    { id: 'hori_start', text: 'hori_start = x.w * stride;' },
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
export function backwardCodeMarks(lang: CodeLang, fr: ConvBackwardFrame, texts: { dz: string; db: string }): CodeMarks {
  const win = fr.win;
  if (win === null) {
    return lang === 'python'
      ? { current: 'zeros', ran: new Set(['pad', 'span']), values: {} }
      : { current: null, ran: new Set(), values: {} };
  }
  const { i, c, h, w, vertStart, vertEnd, horiStart, horiEnd } = win;
  const last = fr.position === fr.total;
  if (lang === 'c') {
    return {
      current: 'dA',
      alsoCurrent: new Set(['dW', 'db']),
      ran: new Set(['k', 'dec_w', 'dec_h', 'dec_c', 'dec_i', 'vert_start', 'hori_start', 'dz', 'for_u', 'for_v', 'for_k', 'pos']),
      values: {
        k: `k = ${win.step - 1}`,
        dec_w: `w = ${w}`,
        dec_h: `h = ${h}`,
        dec_c: `c = ${c}`,
        dec_i: `i = ${i}`,
        vert_start: `= ${vertStart}`,
        hori_start: `= ${horiStart}`,
        dz: `= ${texts.dz}`,
        db: `= ${texts.db}`,
      },
    };
  }
  // The step ran the inner loop's body; when w wrapped to 0 it also passed the loop heads
  // above: a new row (vertical position fixed anew), a new channel, a new sample.
  const ran = new Set(BODY.filter((id) => id !== 'dA' && id !== 'dW' && id !== 'db'));
  if (w === 0) ['for_h', 'vert_start', 'vert_end'].forEach((id) => ran.add(id));
  if (w === 0 && h === 0) ran.add('for_c');
  if (w === 0 && h === 0 && c === 0) ran.add('for_i');
  // After the last step the loop is over and the crop runs.
  if (last) ran.add('crop');
  return {
    current: 'dA',
    alsoCurrent: new Set(['dW', 'db']),
    ran,
    values: {
      for_i: `i = ${i}`,
      for_c: `c = ${c}`,
      for_h: `h = ${h}`,
      vert_start: `= ${vertStart}`,
      vert_end: `= ${vertEnd}`,
      for_w: `w = ${w}`,
      hori_start: `= ${horiStart}`,
      hori_end: `= ${horiEnd}`,
      dA: `dZ = ${texts.dz}`,
      dW: `dZ = ${texts.dz}`,
    },
  };
}
