// The loop nests of pool_forward and pool_backward as the code panel shows them: the
// assignment's Python, or the C that runs (c/src/stepper.c apply() and c/src/pool.c). Each
// line has an id; a step marks the line that just ran, the lines it passed through, and puts
// live values beside them. Lines stay under about 52 characters so that the panel needs no
// horizontal scrolling beside the stage on a 1280-pixel-wide projector.

import type { PoolMode } from '../../engine/types';
import * as code from '../../state/code';
import type { CodeLang, CodeLine, CodeMarks, LoopStep } from '../../state/code';
import { tUi } from '../../ui/messages';

/** The loop heads and window bounds both pool ops share, in the seed's order. */
function loopHead(first: CodeLine): CodeLine[] {
  return [
    first,
    ...code.pythonLoopNest(' + f', { id: 'a_prev', text: '    a_prev = A_prev[i]' }),
    { id: 'slice', text: '                a_prev_slice = a_prev[' },
    { id: 'slice', text: '                    vert_start:vert_end,', cont: true },
    { id: 'slice', text: '                    hori_start:hori_end, c]', cont: true, valueHere: true },
  ];
}

export function poolForwardPython(): CodeLine[] {
  return [
    ...loopHead({ id: 'zeros', text: 'A = np.zeros((m, n_H, n_W, n_C))' }),
    { id: 'if_max', text: '                if mode == "max":' },
    { id: 'a_max', text: '                    A[i, h, w, c] = np.max(' },
    { id: 'a_max', text: '                        a_prev_slice)', cont: true, valueHere: true },
    { id: 'elif_avg', text: '                elif mode == "average":' },
    { id: 'a_avg', text: '                    A[i, h, w, c] = np.mean(' },
    { id: 'a_avg', text: '                        a_prev_slice)', cont: true, valueHere: true },
  ];
}

/** The branch this layer's mode does not take is folded to its first line, so that the
 * panel leaves room for the arithmetic below it. */
export function poolBackwardPython(mode: PoolMode = 'max'): CodeLine[] {
  const maxBranch: CodeLine[] =
    mode === 'max'
      ? [
          { id: 'if_max', text: '                if mode == "max":' },
          { id: 'mask', text: '                    mask = create_mask_from_window(' },
          { id: 'mask', text: '                        a_prev_slice)', cont: true, valueHere: true },
          { id: 'add_max', text: '                    dA_prev[i, vert_start:vert_end,' },
          { id: 'add_max', text: '                        hori_start:hori_end, c] += \\', cont: true },
          { id: 'add_max', text: '                        np.multiply(mask,', cont: true },
          { id: 'add_max', text: '                        dA[i, h, w, c])', cont: true, valueHere: true },
        ]
      : [{ id: 'if_max', text: '                if mode == "max":  # mask · dA …' }];
  const avgBranch: CodeLine[] =
    mode === 'average'
      ? [
          { id: 'elif_avg', text: '                elif mode == "average":' },
          { id: 'da', text: '                    da = dA[i, h, w, c]' },
          { id: 'shape', text: '                    shape = (f, f)' },
          { id: 'add_avg', text: '                    dA_prev[i, vert_start:vert_end,' },
          { id: 'add_avg', text: '                        hori_start:hori_end, c] += \\', cont: true },
          { id: 'add_avg', text: '                        distribute_value(da, shape)', cont: true },
        ]
      : [{ id: 'elif_avg', text: '                elif mode == "average":  # …' }];
  return [...loopHead({ id: 'zeros', text: 'dA_prev = np.zeros(A_prev.shape)' }), ...maxBranch, ...avgBranch];
}

/** cs_stepper_next's decoding of the step number into the loop's indices (stepper.c). */
const C_DECODE: CodeLine[] = [...code.cDecodeLines(), ...code.cWindowStartLines()];

/** An excerpt of stepper.c apply() (CS_OP_POOL_FORWARD) and pool.c cs__pool_window;
 * offsets (cs__at) are written as indices. */
export function poolForwardC(): CodeLine[] {
  return [
    ...C_DECODE,
    { id: null, text: '/* pool.c: cs__pool_window */' },
    { id: 'x', text: 'x = &A_prev[i, vert_start, hori_start, c];' },
    { id: 'if_max', text: 'if (mode == CS_POOL_MAX) {' },
    { id: 'mx0', text: '  double mx = x[0, 0];' },
    { id: 'max_uv', text: '  for (u = 0; u < f; u++)' },
    { id: 'max_uv', text: '    for (v = 0; v < f; v++)', cont: true },
    { id: 'max_if', text: '      if (x[u, v] > mx) mx = x[u, v];' },
    { id: 'ret_max', text: '  return mx;' },
    { id: 'close', text: '}' },
    { id: 's0', text: 'double s = 0.0;' },
    { id: 'sum_uv', text: 'for (u = 0; u < f; u++)' },
    { id: 'sum_uv', text: '  for (v = 0; v < f; v++) s += x[u, v];', cont: true, valueHere: true },
    { id: 'ret_avg', text: 'return s / (f * f);' },
    { id: null, text: '/* stepper.c: apply(), CS_OP_POOL_FORWARD */' },
    { id: 'out', text: 'out[i, h, w, c] = cs__pool_window(...);' },
    { id: 'pos', text: 's->pos++;' },
  ];
}

/** An excerpt of stepper.c apply() (CS_OP_POOL_BACKWARD) with pool.c's
 * cs_create_mask_from_window folded in; offsets written as indices. */
export function poolBackwardC(): CodeLine[] {
  return [
    ...C_DECODE,
    { id: null, text: '/* stepper.c: apply(), CS_OP_POOL_BACKWARD */' },
    { id: 'da', text: 'const double da = dA[i, h, w, c];' },
    { id: 'if_max', text: 'if (mode == CS_POOL_MAX) {' },
    { id: null, text: `  /* pool.c: mask = (x == max(x)), ${tUi('commentPerTies')} */` },
    { id: 'mask', text: '  cs_create_mask_from_window(' },
    { id: 'mask', text: '      &A_prev[i, vert_start, hori_start, c],', cont: true },
    { id: 'mask', text: '      f, ld, n_C, ties, mask);', cont: true, valueHere: true },
    { id: 'max_uv', text: '  for (u = 0; u < f; u++)' },
    { id: 'max_uv', text: '    for (v = 0; v < f; v++)', cont: true },
    { id: 'add_max', text: '      if (mask[u * f + v])' },
    { id: 'add_max', text: '        dA_prev[i, vert_start + u,', cont: true },
    { id: 'add_max', text: '                hori_start + v, c] += da;', cont: true, valueHere: true },
    { id: 'else', text: '} else {' },
    { id: 'share', text: '  const double share = da / (f * f);' },
    { id: 'avg_uv', text: '  for (u = 0; u < f; u++)' },
    { id: 'avg_uv', text: '    for (v = 0; v < f; v++)', cont: true },
    { id: 'add_avg', text: '      dA_prev[i, vert_start + u,' },
    { id: 'add_avg', text: '              hori_start + v, c] += share;', cont: true, valueHere: true },
    { id: 'close', text: '}' },
    { id: 'pos', text: 's->pos++;' },
  ];
}

export function poolCodeLines(
  op: 'pool_forward' | 'pool_backward',
  lang: CodeLang,
  mode: PoolMode = 'max',
): CodeLine[] {
  if (op === 'pool_forward') return lang === 'python' ? poolForwardPython() : poolForwardC();
  return lang === 'python' ? poolBackwardPython(mode) : poolBackwardC();
}

/** The step just done, as the code panel needs it. */
export type PoolStep = LoopStep;

/** Values printed beside the lines, formatted by the view: the output or the incoming gradient,
 * the mask, the amount added to each cell. */
export interface PoolTexts {
  /** forward: A[i, h, w, c]; backward: dA[i, h, w, c] */
  value: string;
  /** the window as the code sees it, e.g. "[[0 1] [0 0]]" for a mask (max) */
  mask: string;
  /** backward: what each touched cell gets; forward average: the running sum s */
  amount: string;
  /** how many cells this step adds to */
  cells: number;
}

function cellsText(n: number): string {
  return n === 1 ? '1 cell' : `${n} cells`;
}

export function poolCodeMarks(
  op: 'pool_forward' | 'pool_backward',
  lang: CodeLang,
  mode: PoolMode,
  st: PoolStep | null,
  t: PoolTexts,
): CodeMarks {
  const max = mode === 'max';
  if (st === null) return code.marksBeforeLoop(lang, []);
  if (lang === 'c') {
    const decode = code.cDecodeValues(st);
    const ran = new Set([...code.C_DECODE_IDS, 'if_max', 'pos']);
    if (op === 'pool_forward') {
      ['x', ...(max ? ['mx0', 'max_uv', 'max_if', 'ret_max'] : ['s0', 'sum_uv', 'ret_avg'])].forEach((id) =>
        ran.add(id),
      );
      return {
        current: 'out',
        ran,
        values: { ...decode, out: `= ${t.value}`, ...(max ? {} : { sum_uv: `s = ${t.amount}` }) },
      };
    }
    ['da', ...(max ? ['mask', 'max_uv'] : ['else', 'share', 'avg_uv'])].forEach((id) => ran.add(id));
    return {
      current: max ? 'add_max' : 'add_avg',
      ran,
      values: {
        ...decode,
        da: `= ${t.value}`,
        ...(max
          ? { mask: t.mask, add_max: `${cellsText(t.cells)}` }
          : { share: `= ${t.amount}`, add_avg: `${cellsText(t.cells)}` }),
      },
    };
  }
  const ran = code.pythonLoopRan(st, ['for_w', 'hori_start', 'hori_end', 'slice', 'if_max'], 'a_prev');
  if (!max) ran.add('elif_avg');
  const loops = code.pythonLoopValues(st);
  if (op === 'pool_forward') {
    return {
      current: max ? 'a_max' : 'a_avg',
      ran,
      values: { ...loops, ...(max ? { a_max: `= ${t.value}` } : { a_avg: `= ${t.value}` }) },
    };
  }
  if (max) ran.add('mask');
  else ['da', 'shape'].forEach((id) => ran.add(id));
  return {
    current: max ? 'add_max' : 'add_avg',
    ran,
    values: max
      ? { ...loops, mask: t.mask, add_max: `= ${t.value}` }
      : {
          ...loops,
          da: `= ${t.value}`,
          shape: `= (${st.vertEnd - st.vertStart}, ${st.horiEnd - st.horiStart})`,
        },
  };
}
