// conv_backward's state beyond the step: the cell a person selected (its every write, its value
// before and after the step) and the gradient check. Created by the store, which passes its
// signals in; the engine is used only for the gradient check's two forward passes, cached per
// run and cell so that stepping costs nothing.

import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { convParams } from '../../state/config';
import {
  forwardCost,
  gradCheck,
  narrowed,
  relativeDifference,
  type GradCheck,
  type GradTarget,
} from './gradcheck';
import {
  cellFits,
  cellName,
  cellWrites,
  onPadding,
  writesDone,
  type CellRef,
  type CellWrite,
  type ConvBackwardFrame,
  type ConvBackwardRun,
} from './model';
import type { OpContext, StateLink } from '../../state/operation';
import { info } from './info';
import { t as tOp } from './messages';

export interface CellHistory {
  cell: CellRef;
  /** "dA_prev_pad[0, 3, 4, 1]" */
  name: string;
  /** every write over the whole walk, in step order, with running sums */
  writes: readonly CellWrite[];
  /** how many of them are done */
  done: number;
  /** the cell before and after the current step */
  before: number;
  after: number;
  /** the current step wrote to it */
  touchedNow: boolean;
  /** its value at the end of the walk */
  final: number;
  /** a dA_prev_pad cell in the zero padding */
  onPad: boolean;
}

interface GradCheckView {
  /** the cell checked, and whether a person chose it */
  cell: CellRef;
  chosen: boolean;
  /** null when the cell has no input behind it (the padding) */
  check: GradCheck | null;
  /** why there is no check */
  reason: string | null;
  /** the walk's value of the gradient so far */
  walk: number;
  /** the walk is at its end: `walk` is the analytic value */
  complete: boolean;
  /** the analytic value compared: the walk's at its end, else the batch kernel's */
  analytic: number;
  relDiff: number;
}

/** What the stage shows: the walk (the seed's scatter, window by window), one cell gathered
 * (and the textbook's rotated-filter form), or how many windows cover each cell. */
export type BackwardView = 'walk' | 'gather' | 'overlap';

export interface ConvBackwardState {
  readonly view: ReadonlySignal<BackwardView>;
  setView(view: BackwardView): void;
  /** the selected cell (null: none, or not conv_backward) */
  readonly selected: ReadonlySignal<CellRef | null>;
  readonly history: ReadonlySignal<CellHistory | null>;
  readonly check: ReadonlySignal<GradCheckView | null>;
  /** select a cell; the same cell again, or null, clears the selection */
  select(cell: CellRef | null): void;
}

/** Multiply-adds one forward pass of the check may take (two run, at a few hundred million a
 * second in WebAssembly): beyond this the page would freeze, and says so instead. */
export const CHECK_BUDGET = 1.5e8;

/** What the gradient check looks at when nothing is selected. */
export const DEFAULT_CHECK_CELL = (pad: number): CellRef => ({
  tensor: 'dA_prev_pad',
  i: 0,
  row: pad,
  col: pad,
  k: 0,
});

/** The input behind a gradient cell, or why there is none. */
export function targetOf(run: ConvBackwardRun, cell: CellRef): GradTarget | string {
  switch (cell.tensor) {
    case 'dA_prev_pad':
      if (onPadding(run, cell.row, cell.col)) {
        return tOp('inPaddingNoInput', { name: cellName(cell) });
      }
      return {
        tensor: 'A_prev',
        i: cell.i,
        h: cell.row - run.config.pad,
        w: cell.col - run.config.pad,
        k: cell.k,
      };
    case 'dW':
      return { tensor: 'W', u: cell.u, v: cell.v, k: cell.k, c: cell.c };
    case 'db':
      return { tensor: 'b', c: cell.c };
  }
}

/** The gradient cell's value in the frame's tensors (the walk so far). */
function walkValue(fr: ConvBackwardFrame, cell: CellRef): number {
  switch (cell.tensor) {
    case 'dA_prev_pad': {
      const s = fr.dAPad.shape;
      return fr.dAPad.data[((cell.i * s[1] + cell.row) * s[2] + cell.col) * s[3] + cell.k] ?? Number.NaN;
    }
    case 'dW': {
      const s = fr.dW.shape;
      return fr.dW.data[((cell.u * s[1] + cell.v) * s[2] + cell.k) * s[3] + cell.c] ?? Number.NaN;
    }
    case 'db':
      return fr.db.data[cell.c] ?? Number.NaN;
  }
}

export function historyAt(
  cell: CellRef,
  writes: readonly CellWrite[],
  position: number,
  onPad: boolean,
): CellHistory {
  const done = writesDone(writes, position);
  const after = done > 0 ? writes[done - 1]!.sum : 0;
  const touchedNow = done > 0 && writes[done - 1]!.step === position;
  const before = touchedNow ? (done > 1 ? writes[done - 2]!.sum : 0) : after;
  const final = writes.length > 0 ? writes[writes.length - 1]!.sum : 0;
  return { cell, name: cellName(cell), writes, done, before, after, touchedNow, final, onPad };
}

export function createConvBackwardState(
  ctx: OpContext<ConvBackwardRun, ConvBackwardFrame>,
): ConvBackwardState {
  const { engine, run, position, frame } = ctx;
  const chosen = signal<CellRef | null>(null);
  const view = signal<BackwardView>('walk');
  // The store replaces this state when another op is chosen; until then its run is this op's.
  const backRun = computed(() => (run.value.op === info.id ? run.value : null));
  // A selection survives a change of layer only if the cell still exists.
  const selected = computed(() => {
    const r = backRun.value;
    const c = chosen.value;
    return r !== null && c !== null && cellFits(r, c) ? c : null;
  });
  const writes = computed(() => {
    const r = backRun.value;
    const c = selected.value;
    return r !== null && c !== null ? cellWrites(r, c) : null;
  });
  const history = computed(() => {
    const r = backRun.value;
    const c = selected.value;
    const ws = writes.value;
    if (r === null || c === null || ws === null) return null;
    return historyAt(c, ws, position.value, c.tensor === 'dA_prev_pad' && onPadding(r, c.row, c.col));
  });
  const checkCell = computed(() => {
    const r = backRun.value;
    if (r === null) return null;
    return { cell: selected.value ?? DEFAULT_CHECK_CELL(r.config.pad), chosen: selected.value !== null };
  });
  // The two forward passes: once per run and cell, not per step.
  const numeric = computed(() => {
    const r = backRun.value;
    const cc = checkCell.value;
    if (r === null || cc === null) return null;
    const t = targetOf(r, cc.cell);
    if (typeof t === 'string') return { check: null, reason: t };
    const inputs = {
      A_prev: r.data.A_prev,
      W: r.data.W,
      b: r.data.b,
      dZ: r.dZ,
      params: convParams(r.config),
    };
    const cost = forwardCost(narrowed(inputs, t).inp);
    if (cost > CHECK_BUDGET) {
      return {
        check: null,
        reason: tOp('tooLargeCheck', { cost: cost.toExponential(1) }),
      };
    }
    return { check: gradCheck(engine, inputs, r.full, t), reason: null };
  });
  const check = computed((): GradCheckView | null => {
    const r = backRun.value;
    const cc = checkCell.value;
    const n = numeric.value;
    if (r === null || cc === null || n === null) return null;
    const fr = frame.value;
    const walk = walkValue(fr, cc.cell);
    const complete = fr.position >= fr.total;
    const analytic = n.check === null ? walk : complete ? walk : n.check.analytic;
    const relDiff = n.check === null ? Number.NaN : relativeDifference(n.check.numeric, analytic);
    return {
      cell: cc.cell,
      chosen: cc.chosen,
      check: n.check,
      reason: n.reason,
      walk,
      complete,
      analytic,
      relDiff,
    };
  });
  return {
    view,
    setView(v) {
      view.value = v;
    },
    selected,
    history,
    check,
    select(cell) {
      const cur = selected.peek();
      chosen.value =
        cell === null || (cur !== null && JSON.stringify(cur) === JSON.stringify(cell)) ? null : cell;
    },
  };
}

/** The selected cell in the link: "dA_prev_pad.0.3.4.1" (i, row, col, k), "dW.0.0.0.2" (u, v, k,
 * c), "db.3" (c). */
function cellLinkText(cell: CellRef): string {
  switch (cell.tensor) {
    case 'dA_prev_pad':
      return `dA_prev_pad.${cell.i}.${cell.row}.${cell.col}.${cell.k}`;
    case 'dW':
      return `dW.${cell.u}.${cell.v}.${cell.k}.${cell.c}`;
    case 'db':
      return `db.${cell.c}`;
  }
}

/** A link's cell back, or a sentence: unknown tensor, wrong count of indices, or a cell this
 * layer does not have. */
function cellFromLink(text: string, run: ConvBackwardRun): CellRef | (() => string) {
  const [tensor, ...rest] = text.split('.');
  const n = rest.map((x) => (/^[0-9]{1,6}$/.test(x) ? Number(x) : Number.NaN));
  const bad = () => tOp('cellRefused', { text: text.length > 24 ? `${text.slice(0, 23)}…` : text });
  if (n.some(Number.isNaN)) return bad;
  let cell: CellRef | null = null;
  if (tensor === 'dA_prev_pad' && n.length === 4)
    cell = { tensor, i: n[0]!, row: n[1]!, col: n[2]!, k: n[3]! };
  else if (tensor === 'dW' && n.length === 4) cell = { tensor, u: n[0]!, v: n[1]!, k: n[2]!, c: n[3]! };
  else if (tensor === 'db' && n.length === 1) cell = { tensor, c: n[0]! };
  return cell !== null && cellFits(run, cell) ? cell : bad;
}

/** conv_backward's selected cell travels in the link as &cell=... */
export const CELL_LINK: StateLink<ConvBackwardRun, ConvBackwardState> = {
  key: 'cell',
  write: (state) => {
    const c = state.selected.value;
    return c === null ? null : cellLinkText(c);
  },
  read: (state, text, run) => {
    const cell = cellFromLink(text, run);
    if (typeof cell === 'function') return cell;
    state.select(cell);
    return null;
  },
};
