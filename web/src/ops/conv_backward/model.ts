// conv_backward's view model: the data (A_prev, W, b and dZ), the stepper, and what the stage,
// the code panel and the side panels show for the step just done. Every gradient here is read
// from the stepper (the C code that runs) or computed in the seed's order, so that a partial sum
// shown on the page is the partial sum the loop holds. The only engine calls are in
// openConvBackward.
//
// One step is one window (i, c, h, w) of the seed's loop, and runs its three `+=` lines:
//   dA_prev_pad[i, vert_start:vert_end, hori_start:hori_end, :] += W[:,:,:,c] * dZ[i, h, w, c]
//   dW[:,:,:,c] += a_slice * dZ[i, h, w, c]
//   db[:,:,:,c] += dZ[i, h, w, c]

import type { Engine, Shape4, Stepper, Tensor, WindowRecord } from '../../engine/types';
import { maxAbs, stepNumber } from '../../lib/tensor';
import {
  inputShape,
  NOTEBOOK,
  PRESETS,
  preset,
  type Config,
  type DataKind,
  type Preset,
} from '../../state/config';
import { smallInt, type LayerData } from '../../state/data';
import { customOr, type DataSource } from '../../state/source';
import { stepHead, withStepper, type OpFrame, type OpRun } from '../../state/operation';
import { liveWords } from '../../state/locale';
import { longText } from '../../ui/format';
import { convInputs, convRunBase, inputScale, type ConvGeometry } from '../conv/layer';
import { dzOf, type DzSource } from './info';
import { t } from './messages';
import { tUi } from '../../ui/messages';

/** The notebook's conv_backward test: np.random.seed(1); A_prev = randn(10,4,4,3);
 * W = randn(2,2,3,8); b = randn(1,1,1,8); {"pad": 2, "stride": 2}; Z = conv_forward(...);
 * dA, dW, db = conv_backward(Z, cache). It prints dA_mean = 1.4524377775388075,
 * dW_mean = 1.7269914583139097, db_mean = 7.839232564616838. */
export const NOTEBOOK_CONV_BACKWARD: Config = {
  m: 10,
  H: 4,
  W: 4,
  Cin: 3,
  Cout: 8,
  f: 2,
  stride: 2,
  pad: 2,
  dil: 1,
  seed: 1,
  data: 'gauss',
  dz: 'z',
};

// The assignment's own conv_backward case first; the conv_forward notebook layer is named as
// such, so that the two notebook presets cannot be taken for each other.
export const CONV_BACKWARD_PRESETS: readonly Preset[] = [
  preset({
    name: () => t('presetNotebook'),
    why: () => t('presetNotebookWhy'),
    config: NOTEBOOK_CONV_BACKWARD,
  }),
  ...PRESETS.map((p) =>
    p.config === NOTEBOOK
      ? preset({
          config: p.config,
          name: () => t('presetForward'),
          why: () => t('presetForwardWhy'),
        })
      : p,
  ),
  preset({
    name: () => t('presetOverlap'),
    why: () => t('presetOverlapWhy'),
    config: {
      m: 1,
      H: 7,
      W: 7,
      Cin: 1,
      Cout: 1,
      f: 3,
      stride: 2,
      pad: 0,
      dil: 1,
      seed: 2,
      data: 'ints',
      dz: 'ones',
    },
  }),
];

/** What the dZ selector says about each source. */
export const DZ_LABELS: Record<DzSource, { label: string; hint: string }> = {
  randn: liveWords({}, { label: () => t('dzRandn'), hint: () => t('dzRandnHint') }),
  ones: liveWords({}, { label: () => t('dzOnes'), hint: () => t('dzOnesHint') }),
  z: liveWords({}, { label: () => t('dzZ'), hint: () => t('dzZHint') }),
};

export interface ConvBackwardRun extends OpRun, ConvGeometry {
  readonly op: 'conv_backward';
  readonly data: LayerData;
  readonly dzSource: DzSource;
  /** (m, n_H, n_W, n_C): the gradient the layer receives */
  readonly dZ: Tensor;
  /** Z = conv_forward(A_prev, W, b), for dZ = Z and the gradient check */
  readonly Z: Tensor;
  /** A_prev zero-padded by pad, as the stepper holds it */
  readonly A_pad: Tensor;
  /** the batch kernel's gradients: what the walk adds up to at its end */
  readonly full: { dA_prev: Tensor; dW: Tensor; db: Tensor };
  /** |value| that gets the full colour, per tensor (the gradients': see fillScale) */
  readonly scale: { A: number; W: number; dZ: number; dA: number; dW: number; db: number };
}

/** One cell that the current step adds to. */
export interface Add {
  /** filter row, column, input channel */
  u: number;
  v: number;
  k: number;
  /** padded coordinates of the window cell */
  row: number;
  col: number;
  /** what dZ multiplies: W[u, v, k, c] for dA_prev_pad, a_slice[u, v, k] for dW */
  factor: number;
  /** dZ[i, h, w, c] * factor, the amount added */
  amount: number;
  /** the cell after the step */
  after: number;
  /** the cell is zero padding (dA_prev_pad only) */
  onPad: boolean;
}

export interface ConvBackwardFrame extends OpFrame {
  /** the sample and output channel on stage */
  i: number;
  c: number;
  /** dZ[i, :, :, c], row-major n_H × n_W (an input: all known from the start) */
  dZ: Float64Array;
  /** the accumulators after `position` steps, as the stepper holds them */
  dAPad: Tensor;
  dW: Tensor;
  db: Tensor;
  /** dA_prev_pad[i, r, q, :] has been written by some step so far, row-major Hp × Wp */
  dAWritten: Uint8Array;
  /** dW[:, :, :, c] and db[c] have been written (some step with this c is done), per c */
  cWritten: boolean[];
  /** this step's additions, in the C kernel's order (u, v, k) */
  dAAdds: Add[];
  dWAdds: Add[];
  /** db[c] before and after this step */
  dbBefore: number;
  dbAfter: number;
}

/** The colour scale of a gradient that fills in: the 90th percentile of its final magnitudes, so
 * that partial sums are visible early and a few large cells do not wash out the rest. */
function fillScale(a: Float64Array): number {
  const mags = Array.from(a, (v) => Math.abs(v))
    .filter((v) => v > 0)
    .sort((x, y) => x - y);
  if (mags.length === 0) return 1;
  return mags[Math.min(mags.length - 1, Math.floor(0.9 * mags.length))]!;
}

/** dZ for the chosen source; `Z` is conv_forward's output on the same data. */
function makeDz(engine: Engine, c: Config, Z: Tensor, own?: DataSource): Tensor {
  const drawn = drawDz(engine, c, Z);
  return customOr(own, 'dZ', drawn);
}

function drawDz(engine: Engine, c: Config, Z: Tensor): Tensor {
  const source = dzOf(c);
  if (source === 'z') return { shape: Z.shape, data: Z.data.slice() };
  if (source === 'ones') return { shape: Z.shape, data: new Float64Array(Z.data.length).fill(1) };
  // The notebook draws A_prev, W, b in that order; dZ comes next on the same stream.
  const shapes: Shape4[] = [inputShape(c), [c.f, c.f, c.Cin, c.Cout], [1, 1, 1, c.Cout], Z.shape];
  const dZ = engine.randn(c.seed, shapes)[3];
  if (dZ === undefined) throw new Error('randn returned too few tensors');
  return c.data === 'ints' ? { shape: dZ.shape, data: dZ.data.map(smallInt) } : dZ;
}

export function openConvBackward(engine: Engine, c: Config, source?: DataSource): ConvBackwardRun {
  const { p, outShape, data } = convInputs(engine, c, source);
  const Z = engine.convForward(data.A_prev, data.W, data.b, p);
  const dZ = makeDz(engine, c, Z, source);
  const full = engine.convBackward(dZ, data.A_prev, data.W, p);
  const stepper: Stepper = engine.createStepper({
    op: 'conv_backward',
    dZ,
    A_prev: data.A_prev,
    W: data.W,
    params: p,
  });
  return withStepper<ConvBackwardRun>(stepper, () => ({
    ...convRunBase(engine, c, data, stepper, outShape),
    op: 'conv_backward',
    inputs: { ...data, dZ },
    dzSource: dzOf(c),
    dZ,
    Z,
    full,
    scale: {
      ...inputScale(c, data),
      dZ: maxAbs(dZ.data),
      dA: fillScale(full.dA_prev.data),
      dW: fillScale(full.dW.data),
      db: maxAbs(full.db.data),
    },
  }));
}

// ---- geometry: which steps write where ------------------------------------------------------

/** The shapes and hyperparameters the geometry needs (a run has them all). */
export interface Geometry {
  config: Config;
  /** output channels, the loop's c */
  nC: number;
  nH: number;
  nW: number;
  Hp: number;
  Wp: number;
}

/** Output rows h whose window has a tap on padded row r, with the tap's filter row u. */
export function coveringTaps(
  r: number,
  nOut: number,
  stride: number,
  f: number,
  dil: number,
): { t: number; u: number }[] {
  const out: { t: number; u: number }[] = [];
  for (let t = 0; t < nOut; t++) {
    const d = r - t * stride;
    if (d < 0) break;
    if (d % dil === 0 && d / dil < f) out.push({ t, u: d / dil });
  }
  return out;
}

/** One write to a cell: a step, the factors it multiplied and the running sum after it. */
export interface CellWrite {
  /** 1-based step */
  step: number;
  i: number;
  c: number;
  h: number;
  w: number;
  /** dZ[i, h, w, c] */
  dz: number;
  /** what dZ multiplied (W[...] for dA_prev_pad, A_prev_pad[...] for dW, 1 for db) */
  factor: number;
  amount: number;
  /** the cell after this write, added in the seed's order */
  sum: number;
}

/** A cell of a gradient the page can select. dA_prev_pad uses padded coordinates. */
export type CellRef =
  | { tensor: 'dA_prev_pad'; i: number; row: number; col: number; k: number }
  | { tensor: 'dW'; u: number; v: number; k: number; c: number }
  | { tensor: 'db'; c: number };

/** "dA_prev_pad[0, 3, 4, 1]" */
export function cellName(cell: CellRef): string {
  switch (cell.tensor) {
    case 'dA_prev_pad':
      return `dA_prev_pad[${cell.i}, ${cell.row}, ${cell.col}, ${cell.k}]`;
    case 'dW':
      return `dW[${cell.u}, ${cell.v}, ${cell.k}, ${cell.c}]`;
    case 'db':
      return `db[${cell.c}]`;
  }
}

/** Is the cell inside the tensors of this configuration? */
export function cellFits(g: Geometry, cell: CellRef): boolean {
  const { m, Cin, Cout, f } = g.config;
  const inside = (x: number, n: number) => Number.isInteger(x) && x >= 0 && x < n;
  switch (cell.tensor) {
    case 'dA_prev_pad':
      return inside(cell.i, m) && inside(cell.row, g.Hp) && inside(cell.col, g.Wp) && inside(cell.k, Cin);
    case 'dW':
      return inside(cell.u, f) && inside(cell.v, f) && inside(cell.k, Cin) && inside(cell.c, Cout);
    case 'db':
      return inside(cell.c, Cout);
  }
}

/** A padded dA_prev cell that lies in the zero padding: the seed crops it away at the end. */
export function onPadding(g: Geometry, row: number, col: number): boolean {
  const { pad, H, W } = g.config;
  return row < pad || row >= pad + H || col < pad || col >= pad + W;
}

const at4 = (s: readonly number[], a: number, b: number, c: number, d: number) =>
  ((a * (s[1] ?? 1) + b) * (s[2] ?? 1) + c) * (s[3] ?? 1) + d;

/** Every write to `cell` over the whole walk, in step order, with the running sums the loop
 * holds: the additions are done one per step in the seed's order, as the C stepper does. */
export function cellWrites(run: ConvBackwardRun, cell: CellRef): CellWrite[] {
  const { Cout, stride, f, dil, m } = run.config;
  const { nH, nW } = run;
  const dZ = run.dZ;
  const out: CellWrite[] = [];
  let sum = 0;
  const push = (i: number, c: number, h: number, w: number, factor: number) => {
    const dz = dZ.data[at4(dZ.shape, i, h, w, c)] ?? 0;
    const amount = dz * factor;
    sum += amount;
    out.push({ step: stepNumber(run, i, c, h, w), i, c, h, w, dz, factor, amount, sum });
  };
  if (cell.tensor === 'dA_prev_pad') {
    const hs = coveringTaps(cell.row, nH, stride, f, dil);
    const ws = coveringTaps(cell.col, nW, stride, f, dil);
    for (let c = 0; c < Cout; c++)
      for (const { t: h, u } of hs)
        for (const { t: w, u: v } of ws)
          push(cell.i, c, h, w, run.data.W.data[at4(run.data.W.shape, u, v, cell.k, c)] ?? 0);
    return out;
  }
  for (let i = 0; i < m; i++)
    for (let h = 0; h < nH; h++)
      for (let w = 0; w < nW; w++) {
        if (cell.tensor === 'db') push(i, cell.c, h, w, 1);
        else {
          const row = h * stride + cell.u * dil;
          const col = w * stride + cell.v * dil;
          push(i, cell.c, h, w, run.A_pad.data[at4(run.A_pad.shape, i, row, col, cell.k)] ?? 0);
        }
      }
  return out;
}

/** How many of the writes are done after `position` steps (writes are in step order). */
export function writesDone(writes: readonly CellWrite[], position: number): number {
  let lo = 0;
  let hi = writes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (writes[mid]!.step <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** "3, 19, 35 and 51" or "49–64, 369–384, …": the steps, runs of consecutive ones joined, at
 * most `max` runs listed. */
export function stepsText(steps: readonly number[], max = 4): string {
  if (steps.length === 0) return tUi('noStep');
  const runs: [number, number][] = [];
  for (const s of steps) {
    const last = runs[runs.length - 1];
    if (last && s === last[1] + 1) last[1] = s;
    else runs.push([s, s]);
  }
  const parts = runs.slice(0, max).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`));
  if (runs.length > max) return `${parts.join(', ')}, …`;
  if (parts.length === 1) return parts[0]!;
  return t('and', { list: parts.slice(0, -1).join(', '), last: parts[parts.length - 1] ?? '' });
}

// ---- the frame ----------------------------------------------------------------------------

/** Reads the run's stepper, which the store has put at `position`. */
export function convBackwardFrame(s: ConvBackwardRun, position: number): ConvBackwardFrame {
  const win: WindowRecord | null = position > 0 ? s.stepper.window() : null;
  const i = win?.i ?? 0;
  const c = win?.c ?? 0;
  const { nH, nW, Hp, Wp } = s;
  const { Cout, Cin, f, dil, stride } = s.config;
  const dZ = new Float64Array(nH * nW);
  for (let h = 0; h < nH; h++)
    for (let w = 0; w < nW; w++) dZ[h * nW + w] = s.dZ.data[at4(s.dZ.shape, i, h, w, c)] ?? 0;
  const dAPad = s.stepper.tensor('dA_prev_pad') ?? {
    shape: s.A_pad.shape,
    data: new Float64Array(s.A_pad.data.length),
  };
  const dW = s.stepper.tensor('dW') ?? {
    shape: s.data.W.shape,
    data: new Float64Array(s.data.W.data.length),
  };
  const db = s.stepper.tensor('db') ?? { shape: [1, 1, 1, Cout] as Shape4, data: new Float64Array(Cout) };

  // A padded cell is first written by the first window (c = 0, smallest h, then w) over it.
  const dAWritten = new Uint8Array(Hp * Wp);
  const firstRow = new Array<number>(Hp).fill(-1);
  const firstCol = new Array<number>(Wp).fill(-1);
  for (let r = 0; r < Hp; r++) firstRow[r] = coveringTaps(r, nH, stride, f, dil)[0]?.t ?? -1;
  for (let q = 0; q < Wp; q++) firstCol[q] = coveringTaps(q, nW, stride, f, dil)[0]?.t ?? -1;
  for (let r = 0; r < Hp; r++)
    for (let q = 0; q < Wp; q++) {
      const h = firstRow[r]!;
      const w = firstCol[q]!;
      if (h >= 0 && w >= 0 && stepNumber(s, i, 0, h, w) <= position) dAWritten[r * Wp + q] = 1;
    }
  const cWritten: boolean[] = [];
  for (let cc = 0; cc < Cout; cc++) cWritten.push(stepNumber(s, 0, cc, 0, 0) <= position);

  const dAAdds: Add[] = [];
  const dWAdds: Add[] = [];
  let dbBefore = 0;
  let dbAfter = 0;
  if (win !== null) {
    const dz = win.value;
    for (let u = 0; u < f; u++)
      for (let v = 0; v < f; v++)
        for (let k = 0; k < Cin; k++) {
          const row = win.vertStart + u * dil;
          const col = win.horiStart + v * dil;
          const wv = s.data.W.data[at4(s.data.W.shape, u, v, k, c)] ?? 0;
          const a = s.A_pad.data[at4(s.A_pad.shape, i, row, col, k)] ?? 0;
          const onPad = onPadding(s, row, col);
          dAAdds.push({
            u,
            v,
            k,
            row,
            col,
            factor: wv,
            amount: dz * wv,
            after: dAPad.data[at4(dAPad.shape, i, row, col, k)] ?? 0,
            onPad,
          });
          dWAdds.push({
            u,
            v,
            k,
            row,
            col,
            factor: a,
            amount: dz * a,
            after: dW.data[at4(dW.shape, u, v, k, c)] ?? 0,
            onPad,
          });
        }
    // db[c] is a running sum of dZ[:, :, :, c] in step order: recompute the sum before this step.
    for (let ii = 0; ii < s.config.m; ii++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++) {
          if (stepNumber(s, ii, c, h, w) >= position) continue;
          dbBefore += s.dZ.data[at4(s.dZ.shape, ii, h, w, c)] ?? 0;
        }
    dbAfter = db.data[c] ?? 0;
  }
  return {
    position,
    total: s.total,
    win,
    i,
    c,
    dZ,
    dAPad,
    dW,
    db,
    dAWritten,
    cWritten,
    dAAdds,
    dWAdds,
    dbBefore,
    dbAfter,
  };
}

/** "step 37 of 1280: i=0, c=2, h=1, w=0, dZ = 0.7123" */
export function describeBackwardStep(fr: ConvBackwardFrame, data: DataKind): string {
  const head = stepHead(fr);
  const w = fr.win;
  if (w === null) return t('describeNone', { head });
  return `${head}: i=${w.i}, c=${w.c}, h=${w.h}, w=${w.w}, dZ = ${longText(w.value, data)}`;
}
