// The loop nest as the code panel shows it: the assignment's Python, or the C that runs.
// Each line has an id; a step marks the line that just ran and the loop lines it passed
// through, and puts the live values of the loop variables beside them.

import type { Config } from '../config';
import type { ConvFrame } from './convForward';

export type CodeLang = 'python' | 'c';

export interface CodeLine {
  /** statement id; continuation rows of a statement share it (null: a comment) */
  id: string | null;
  text: string;
  /** a continuation row of the statement above */
  cont?: boolean;
  /** the row of its statement that carries the live value (default: the first) */
  valueHere?: boolean;
}

export interface CodeMarks {
  /** the statement that just ran */
  current: string | null;
  /** statements that also ran during this step (loop heads passed, bounds recomputed) */
  ran: ReadonlySet<string>;
  /** live values shown beside a statement: 'h = 2' beside a loop head, '= 4' beside an assignment */
  values: Readonly<Record<string, string>>;
  /** statements that also just ran, marked like `current` (a step that runs several lines) */
  alsoCurrent?: ReadonlySet<string>;
}

// Lines are kept under about 50 characters, so that the panel needs no horizontal scrolling
// beside the stage on a 1280-pixel-wide projector.
export function pythonLines(c: Config): CodeLine[] {
  const dil = c.dil > 1;
  const end = dil ? ' + span' : ' + f';
  const step = dil ? ':dilation' : '';
  return [
    { id: 'pad', text: 'A_prev_pad = zero_pad(A_prev, pad)' },
    ...(dil ? [{ id: 'span', text: 'span = dilation * (f - 1) + 1' }] : []),
    { id: 'zeros', text: 'Z = np.zeros((m, n_H, n_W, n_C))' },
    { id: 'for_i', text: 'for i in range(m):' },
    { id: 'a_prev_pad', text: '    a_prev_pad = A_prev_pad[i]' },
    { id: 'for_c', text: '    for c in range(n_C):' },
    { id: 'for_h', text: '        for h in range(n_H):' },
    { id: 'vert_start', text: '            vert_start = h * stride' },
    { id: 'vert_end', text: `            vert_end = vert_start${end}` },
    { id: 'for_w', text: '            for w in range(n_W):' },
    { id: 'hori_start', text: '                hori_start = w * stride' },
    { id: 'hori_end', text: `                hori_end = hori_start${end}` },
    { id: 'slice', text: '                a_slice_prev = a_prev_pad[' },
    { id: 'slice', text: `                    vert_start:vert_end${step},`, cont: true },
    { id: 'slice', text: `                    hori_start:hori_end${step}, :]`, cont: true },
    { id: 'z', text: '                Z[i, h, w, c] = conv_single_step(' },
    { id: 'z', text: '                    a_slice_prev, W[:, :, :, c],', cont: true },
    { id: 'z', text: '                    b[:, :, :, c])', cont: true, valueHere: true },
  ];
}

/** An excerpt of c/src/stepper.c and c/src/conv.c; offsets (cs__at) are written as indices. */
export function cLines(): CodeLine[] {
  return [
    { id: null, text: '/* stepper.c: cs_stepper_next, one step */' },
    { id: 'k', text: 'int64_t k = s->pos;' },
    { id: 'dec_w', text: 'x.w = k % n_W;  k /= n_W;' },
    { id: 'dec_h', text: 'x.h = k % n_H;  k /= n_H;' },
    { id: 'dec_c', text: 'x.c = k % n_C;  k /= n_C;' },
    { id: 'dec_i', text: 'x.i = k;' },
    { id: 'vert_start', text: 'vert_start = x.h * stride;' },
    { id: 'hori_start', text: 'hori_start = x.w * stride;' },
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
  if (win === null) {
    return lang === 'python'
      ? { current: 'zeros', ran: new Set(['pad', 'span']), values: {} }
      : { current: null, ran: new Set(), values: {} };
  }
  const { i, c, h, w, vertStart, vertEnd, horiStart, horiEnd } = win;
  if (lang === 'c') {
    return {
      current: 'z',
      ran: new Set(['k', 'dec_w', 'dec_h', 'dec_c', 'dec_i', 'vert_start', 'hori_start', 's0', 'for_u', 'for_v', 'for_k', 'acc', 'pos']),
      values: {
        k: `k = ${win.step - 1}`,
        dec_w: `w = ${w}`,
        dec_h: `h = ${h}`,
        dec_c: `c = ${c}`,
        dec_i: `i = ${i}`,
        vert_start: `= ${vertStart}`,
        hori_start: `= ${horiStart}`,
        acc: `s = ${texts.sum}`,
        z: `= ${texts.z}`,
      },
    };
  }
  // The step ran the inner loop's body; when w wrapped to 0 it also passed the loop heads
  // above: a new row (vertical position fixed anew), a new channel, a new sample.
  const ran = new Set(['for_w', 'hori_start', 'hori_end', 'slice']);
  if (w === 0) ['for_h', 'vert_start', 'vert_end'].forEach((id) => ran.add(id));
  if (w === 0 && h === 0) ran.add('for_c');
  if (w === 0 && h === 0 && c === 0) ['for_i', 'a_prev_pad'].forEach((id) => ran.add(id));
  return {
    current: 'z',
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
      z: `= ${texts.z}`,
    },
  };
}
