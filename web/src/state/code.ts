// What the code panels of every op share: the line and mark types, the seed's loop nest over
// (i, c, h, w) with its window bounds, the C stepper's decoding of a step number into those
// indices, and the live values and loop heads a step marks on them.

import type { WindowRecord } from '../engine/types';
import { tState } from './messages';

export type CodeLang = 'python' | 'c';

export interface CodeLine {
  /** statement id; continuation rows of a statement share it (null: a comment) */
  id: string | null;
  text: string;
  /** a continuation row of the statement above */
  cont?: boolean;
  /** the row of its statement that carries the live value (default: the first) */
  valueHere?: boolean;
  /** a classic mistake: the right row it replaces ('right'), or the wrong row ('wrong') */
  mistake?: 'right' | 'wrong';
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

/** The loop indices and window bounds of one step (1-based `step`), as the window record has them. */
export type LoopStep = Pick<
  WindowRecord,
  'step' | 'i' | 'c' | 'h' | 'w' | 'vertStart' | 'vertEnd' | 'horiStart' | 'horiEnd'
>;

/** How the window's end and slice read: `+ span` and `:dilation` with dilation, else `+ f`. */
export function windowSyntax(dil: number): { end: string; step: string } {
  return dil > 1 ? { end: ' + span', step: ':dilation' } : { end: ' + f', step: '' };
}

/** The two continuation rows of a window slice: `vert_start:vert_end,` and
 * `hori_start:hori_end<close>`, indented under a statement of the inner loop. */
export function windowRanges(id: string, step: string, close: string): CodeLine[] {
  return [
    { id, text: `                    vert_start:vert_end${step},`, cont: true },
    { id, text: `                    hori_start:hori_end${step}${close}`, cont: true },
  ];
}

/** The seed's loops over i, c, h and w with the window bounds: from `for i` to `hori_end`.
 * `sample`: the statement right below `for i`, if any. */
export function pythonLoopNest(end: string, sample?: CodeLine): CodeLine[] {
  return [
    { id: 'for_i', text: 'for i in range(m):' },
    ...(sample ? [sample] : []),
    { id: 'for_c', text: '    for c in range(n_C):' },
    { id: 'for_h', text: '        for h in range(n_H):' },
    { id: 'vert_start', text: '            vert_start = h * stride' },
    { id: 'vert_end', text: `            vert_end = vert_start${end}` },
    { id: 'for_w', text: '            for w in range(n_W):' },
    { id: 'hori_start', text: '                hori_start = w * stride' },
    { id: 'hori_end', text: `                hori_end = hori_start${end}` },
  ];
}

/** cs_stepper_next's decoding of the step number into the loop's indices (stepper.c). */
export function cDecodeLines(): CodeLine[] {
  return [
    { id: null, text: `/* stepper.c: cs_stepper_next, ${tState('commentOneStep')} */` },
    { id: 'k', text: 'int64_t k = s->pos;' },
    ...(['w', 'h', 'c'] as const).map((x) => ({
      id: `dec_${x}`,
      text: `x.${x} = k % n_${x.toUpperCase()};  k /= n_${x.toUpperCase()};`,
    })),
    { id: 'dec_i', text: 'x.i = k;' },
  ];
}

/** The window's top-left corner as apply() computes it. */
export function cWindowStartLines(): CodeLine[] {
  return [
    { id: 'vert_start', text: 'vert_start = x.h * stride;' },
    { id: 'hori_start', text: 'hori_start = x.w * stride;' },
  ];
}

/** The C lines every step runs before the op's own work: the decoding and the window corner. */
export const C_DECODE_IDS: readonly string[] = [
  'k',
  'dec_w',
  'dec_h',
  'dec_c',
  'dec_i',
  'vert_start',
  'hori_start',
];

/** Live values beside the C decoding and window corner. */
export function cDecodeValues(st: LoopStep): Record<string, string> {
  return {
    k: `k = ${st.step - 1}`,
    dec_w: `w = ${st.w}`,
    dec_h: `h = ${st.h}`,
    dec_c: `c = ${st.c}`,
    dec_i: `i = ${st.i}`,
    vert_start: `= ${st.vertStart}`,
    hori_start: `= ${st.horiStart}`,
  };
}

/** Live values beside the Python loop heads and window bounds. */
export function pythonLoopValues(st: LoopStep): Record<string, string> {
  return {
    for_i: `i = ${st.i}`,
    for_c: `c = ${st.c}`,
    for_h: `h = ${st.h}`,
    vert_start: `= ${st.vertStart}`,
    vert_end: `= ${st.vertEnd}`,
    for_w: `w = ${st.w}`,
    hori_start: `= ${st.horiStart}`,
    hori_end: `= ${st.horiEnd}`,
  };
}

/** The Python lines a step ran besides its current one. The step ran the inner loop's body
 * (`body`); when w wrapped to 0 it also passed the loop heads above: a new row (vertical
 * position fixed anew), a new channel, a new sample (`for_i` and `sample`, if any). */
export function pythonLoopRan(st: LoopStep, body: readonly string[], sample?: string): Set<string> {
  const { c, h, w } = st;
  const ran = new Set(body);
  if (w === 0) ['for_h', 'vert_start', 'vert_end'].forEach((id) => ran.add(id));
  if (w === 0 && h === 0) ran.add('for_c');
  if (w === 0 && h === 0 && c === 0) {
    ran.add('for_i');
    if (sample !== undefined) ran.add(sample);
  }
  return ran;
}

/** The marks at step 0, before the loop: Python stands on the zeros (after `ranPython`). */
export function marksBeforeLoop(lang: CodeLang, ranPython: readonly string[]): CodeMarks {
  return lang === 'python'
    ? { current: 'zeros', ran: new Set(ranPython), values: {} }
    : { current: null, ran: new Set(), values: {} };
}

/** The lines with a classic mistake's wrong statements shown under the right ones they replace:
 * each replaced statement's rows marked 'right', then the wrong text's rows marked 'wrong'. The
 * wrong rows take no live value: the values beside the code are the right loop's. */
export function withWrongLines(
  lines: readonly CodeLine[],
  wrong: readonly { id: string; text: string }[],
): CodeLine[] {
  if (wrong.length === 0) return [...lines];
  const byId = new Map(wrong.map((w) => [w.id, w.text]));
  const out: CodeLine[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const text = line.id !== null ? byId.get(line.id) : undefined;
    if (text === undefined) {
      out.push(line);
      continue;
    }
    out.push({ ...line, mistake: 'right' });
    const next = lines[n + 1];
    if (next !== undefined && next.cont === true && next.id === line.id) continue;
    text.split('\n').forEach((row, j) => out.push({ id: null, text: row, cont: j > 0, mistake: 'wrong' }));
  }
  return out;
}
