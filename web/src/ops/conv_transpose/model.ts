// conv_transpose's view model: the data (X, W, b), the stepper, and what the stage, the code
// panel and the step panel show for the step just done. Every value of Y_pad is read from the
// stepper (the C code that runs); the only engine calls are in validateConvTranspose and
// openConvTranspose.
//
// One step is one window (i, c, h, w) of conv_backward's dA_prev loop, with X in dZ's place:
//   Y_pad[i, vert_start:vert_end, hori_start:hori_end, :] += W[:, :, :, c] * X[i, h, w, c]
// and after the loop Y = Y_pad cropped by pad on every side, + b.
//
// Where the data comes from (the x choice; the form's seed and Values as for every op):
//   randn  np.random.seed(seed); X = randn(m, n_H, n_W, n_C); W = randn(f, f, n_C_out, n_C);
//          b = randn(1, 1, 1, n_C_out): the order tests/fixtures/generate.py draws them in.
//   ones   X and W all ones, b = 0: each cell of Y_pad then counts the windows that cover it,
//          and Y shows the overlap map's pattern itself (the checkerboard of f 3, stride 2).
//   z      the conv_backward notebook test: np.random.seed(seed); A_prev = randn(*Y.shape);
//          W = randn(f, f, n_C_out, n_C); b_conv = randn(1, 1, 1, n_C);
//          X = Z = conv_forward(A_prev, W, b_conv) (the notebook passes Z as dZ), and b = 0:
//          then Y is that test's dA_prev.
// "Small integers" turn every draw into round(1.5·x) clamped to −3…3 before anything is computed.

import type {
  ConvTransposeParams,
  ConvTransposeStepper,
  Engine,
  Shape4,
  Tensor,
  Validation,
  WindowRecord,
} from '../../engine/types';
import { flatOffset, maxAbs, stepNumber } from '../../lib/tensor';
import { type Config, type DataKind, type Preset, preset } from '../../state/config';
import { smallInt } from '../../state/data';
import { stepHead, withStepper, type OpFrame, type OpRun } from '../../state/operation';
import { liveWords } from '../../state/locale';
import { longText } from '../../ui/format';
import { outputPaddingOf, xSourceOf, type XSource } from './info';
import { t } from './messages';
import { convTransposeRefusal, localized } from '../../state/refusals';

function transposeParams(c: Config): ConvTransposeParams {
  return {
    f: c.f,
    nCOut: c.Cout,
    stride: c.stride,
    pad: c.pad,
    dilation: c.dil,
    outputPadding: outputPaddingOf(c),
  };
}

function xShape(c: Config): Shape4 {
  return [c.m, c.H, c.W, c.Cin];
}

// ---- presets --------------------------------------------------------------------------------

/** A decoder's classic 2× upsampling layer: f 4, stride 2, pad 1 turns 4×4 into 8×8. Seed 50 and
 * these sizes are the fixture case decoder_2x_upsampling of tests/fixtures/conv_transpose.txt. */
export const DECODER_2X: Config = {
  m: 2,
  H: 4,
  W: 4,
  Cin: 3,
  Cout: 2,
  f: 4,
  stride: 2,
  pad: 1,
  dil: 1,
  seed: 50,
  data: 'gauss',
  x: 'randn',
  outpad: '0',
};

/** The conv_backward notebook test as a transposed convolution: seed 1, A_prev (10,4,4,3),
 * W (2,2,3,8), pad 2, stride 2; X = dZ = Z (10,4,4,8), b = 0; Y is its dA_prev. */
export const NOTEBOOK_DA_PREV: Config = {
  m: 10,
  H: 4,
  W: 4,
  Cin: 8,
  Cout: 3,
  f: 2,
  stride: 2,
  pad: 2,
  dil: 1,
  seed: 1,
  data: 'gauss',
  x: 'z',
  outpad: '0',
};

/** f 3, stride 2: the windows overlap on every other row and column, so the output's cells are
 * reached by 1, 2 or 4 windows in a checkerboard. */
export const CHECKERBOARD: Config = {
  m: 1,
  H: 4,
  W: 4,
  Cin: 1,
  Cout: 1,
  f: 3,
  stride: 2,
  pad: 1,
  dil: 1,
  seed: 2,
  data: 'ints',
  x: 'ones',
  outpad: '1',
};

export const CONV_TRANSPOSE_PRESETS: readonly Preset[] = [
  preset({
    name: () => t('presetDecoder'),
    why: () => t('presetDecoderWhy'),
    config: DECODER_2X,
  }),
  preset({
    name: () => t('presetDaPrev'),
    why: () => t('presetDaPrevWhy'),
    config: NOTEBOOK_DA_PREV,
  }),
  preset({
    name: () => t('presetInts'),
    why: () => t('presetIntsWhy'),
    config: {
      m: 1,
      H: 3,
      W: 3,
      Cin: 1,
      Cout: 1,
      f: 2,
      stride: 1,
      pad: 0,
      dil: 1,
      seed: 3,
      data: 'ints',
      x: 'randn',
      outpad: '0',
    },
  }),
  preset({
    name: () => t('presetChecker'),
    why: () => t('presetCheckerWhy'),
    config: CHECKERBOARD,
  }),
];

/** What the X selector says about each source. */
export const X_LABELS: Record<XSource, { label: string; hint: string }> = {
  randn: liveWords({ label: 'np.random.randn' }, { hint: () => t('xRandnHint') }),
  ones: liveWords({}, { label: () => t('xOnes'), hint: () => t('xOnesHint') }),
  z: liveWords({}, { label: () => t('xZ'), hint: () => t('xZHint') }),
};

// ---- validation and data --------------------------------------------------------------------

/** The convolution whose Z is X (x = z): A_prev has Y's shape, W is shared, its b has n_C. */
function forwardParams(c: Config) {
  return { f: c.f, nC: c.Cin, stride: c.stride, pad: c.pad, dilation: c.dil };
}

/** The C library's check; with X = Z, also that the convolution of Y's shape gives X's shape. */
export function validateConvTranspose(engine: Engine, c: Config): Validation {
  const shape = xShape(c);
  const p = transposeParams(c);
  const v = localized(engine.validateConvTranspose(shape, p), () => convTransposeRefusal(shape, p));
  if (!v.ok || xSourceOf(c) !== 'z') return v;
  const fwd = engine.validateConv(v.outShape, forwardParams(c));
  const [, h, w] = fwd.ok ? fwd.outShape : [0, -1, -1];
  if (h === c.H && w === c.W) return v;
  const [, yH, yW] = v.outShape;
  const facts = { yH, yW, h: c.H, w: c.W, op: outputPaddingOf(c) };
  return liveWords({ ok: false, status: 0 }, { message: () => t('xIsZNoFit', facts) });
}

interface TransposeData {
  X: Tensor;
  W: Tensor;
  b: Tensor;
  /** x = z: the convolution's input and bias that made X = Z */
  conv?: { A_prev: Tensor; b: Tensor };
}

const ints = (t: Tensor): Tensor => ({ shape: t.shape, data: t.data.map(smallInt) });

/** The data of the header comment, drawn from the seed. `yShape` is Y's shape. */
function makeTransposeData(engine: Engine, c: Config, yShape: Shape4): TransposeData {
  const source = xSourceOf(c);
  const wShape: Shape4 = [c.f, c.f, c.Cout, c.Cin];
  const kind = (t: Tensor | undefined): Tensor => {
    if (t === undefined) throw new Error('randn returned too few tensors');
    return c.data === 'ints' ? ints(t) : t;
  };
  if (source === 'z') {
    const drawn = engine.randn(c.seed, [yShape, wShape, [1, 1, 1, c.Cin]]);
    const A_prev = kind(drawn[0]);
    const W = kind(drawn[1]);
    const bConv = kind(drawn[2]);
    const X = engine.convForward(A_prev, W, bConv, forwardParams(c));
    const b: Tensor = { shape: [1, 1, 1, c.Cout], data: new Float64Array(c.Cout) };
    return { X, W, b, conv: { A_prev, b: bConv } };
  }
  const drawn = engine.randn(c.seed, [xShape(c), wShape, [1, 1, 1, c.Cout]]);
  const X = kind(drawn[0]);
  const data = { X, W: kind(drawn[1]), b: kind(drawn[2]) };
  if (source === 'ones') {
    const ones = (t: Tensor): Tensor => ({ shape: t.shape, data: new Float64Array(t.data.length).fill(1) });
    return { X: ones(data.X), W: ones(data.W), b: { shape: data.b.shape, data: new Float64Array(c.Cout) } };
  }
  return data;
}

// ---- geometry -------------------------------------------------------------------------------

/** Windows h (of `nIn`) that reach padded row r, with the tap u that lands there. */
export function tapsAt(r: number, nIn: number, stride: number, f: number, dil: number) {
  const out: { t: number; u: number }[] = [];
  for (let t = 0; t < nIn; t++) {
    const d = r - t * stride;
    if (d < 0) break;
    if (d % dil === 0 && d / dil < f) out.push({ t, u: d / dil });
  }
  return out;
}

/** How many windows of one input channel cover each cell of Y_pad, row-major Hp × Wp: the
 * product of the windows that reach its row and those that reach its column. */
export function overlapCounts(
  c: Pick<Config, 'H' | 'W' | 'f' | 'stride' | 'dil'>,
  Hp: number,
  Wp: number,
): Uint16Array {
  const rows = Array.from({ length: Hp }, (_, r) => tapsAt(r, c.H, c.stride, c.f, c.dil).length);
  const cols = Array.from({ length: Wp }, (_, q) => tapsAt(q, c.W, c.stride, c.f, c.dil).length);
  const out = new Uint16Array(Hp * Wp);
  for (let r = 0; r < Hp; r++) for (let q = 0; q < Wp; q++) out[r * Wp + q] = rows[r]! * cols[q]!;
  return out;
}

export interface ConvTransposeRun extends OpRun {
  readonly op: 'conv_transpose';
  readonly stepper: ConvTransposeStepper;
  /** A_prev: the layer's input, X */
  readonly data: TransposeData & { A_prev: Tensor };
  readonly xSource: XSource;
  readonly params: ConvTransposeParams;
  /** the loop's sizes: input channels c, X's rows and columns */
  readonly nC: number;
  readonly nH: number;
  readonly nW: number;
  /** Y_pad's rows and columns: (n_H − 1)·stride + span + output_padding */
  readonly Hp: number;
  readonly Wp: number;
  readonly span: number;
  readonly outputPadding: number;
  /** Y's shape (m, Hp − 2·pad, Wp − 2·pad, n_C_out) */
  readonly yShape: Shape4;
  /** rows and columns of Y_pad some window writes (output_padding rows are not) */
  readonly reachedRows: readonly boolean[];
  readonly reachedCols: readonly boolean[];
  readonly overlap: Uint16Array;
  readonly maxOverlap: number;
  /** the batch kernel's Y: what the walk ends with */
  readonly full: Tensor;
  readonly scale: { X: number; W: number; Y: number };
}

export function openConvTranspose(engine: Engine, c: Config): ConvTransposeRun {
  const v = validateConvTranspose(engine, c);
  if (!v.ok) throw new Error(v.message);
  const params = transposeParams(c);
  const data = makeTransposeData(engine, c, v.outShape);
  const full = engine.convTranspose(data.X, data.W, data.b, params);
  const stepper = engine.createConvTransposeStepper({
    op: 'conv_transpose',
    X: data.X,
    W: data.W,
    b: data.b,
    params,
  });
  return withStepper<ConvTransposeRun>(stepper, () => {
    const span = c.dil * (c.f - 1) + 1;
    const op = params.outputPadding;
    const Hp = (c.H - 1) * c.stride + span + op;
    const Wp = (c.W - 1) * c.stride + span + op;
    const overlap = overlapCounts(c, Hp, Wp);
    const lines = (n: number, nIn: number) =>
      Array.from({ length: n }, (_, r) => tapsAt(r, nIn, c.stride, c.f, c.dil).length > 0);
    const ints = c.data === 'ints';
    return {
      op: 'conv_transpose',
      config: c,
      total: stepper.total,
      stepper,
      data: { ...data, A_prev: data.X },
      xSource: xSourceOf(c),
      params,
      nC: c.Cin,
      nH: c.H,
      nW: c.W,
      Hp,
      Wp,
      span,
      outputPadding: op,
      yShape: v.outShape,
      reachedRows: lines(Hp, c.H),
      reachedCols: lines(Wp, c.W),
      overlap,
      maxOverlap: Math.max(1, ...overlap),
      full,
      scale: {
        X: ints && xSourceOf(c) === 'randn' ? 3 : maxAbs(data.X.data),
        W: ints ? 3 : maxAbs(data.W.data),
        Y: maxAbs(full.data),
      },
      dispose: () => stepper.dispose(),
    };
  });
}

// ---- the frame ------------------------------------------------------------------------------

/** One cell of Y_pad that the current step adds to. */
export interface Add {
  /** filter row, column; output channel */
  u: number;
  v: number;
  k: number;
  /** Y_pad coordinates */
  row: number;
  col: number;
  /** W[u, v, k, c] */
  factor: number;
  /** X[i, h, w, c] · W[u, v, k, c] */
  amount: number;
  /** the cell after the step */
  after: number;
  /** the cell is cropped away at the end */
  cropped: boolean;
}

export interface ConvTransposeFrame extends OpFrame {
  /** the sample and input channel on stage */
  i: number;
  c: number;
  /** X[i, :, :, c], row-major n_H × n_W */
  X: Float64Array;
  /** Y_pad after `position` steps, as the stepper holds it */
  yPad: Tensor;
  /** Y = Y_pad cropped + b, as the stepper computes it now */
  y: Tensor;
  /** Y_pad[i, r, q, :] has been written by some step so far, row-major Hp × Wp */
  written: Uint8Array;
  /** every step of sample i is done: its Y is final */
  sampleDone: boolean;
  /** this step's additions, in the C kernel's order (u, v, k) */
  adds: Add[];
}

/** A Y_pad cell that the crop removes: within pad of an edge. */
export function isCropped(
  run: Pick<ConvTransposeRun, 'Hp' | 'Wp' | 'config'>,
  r: number,
  q: number,
): boolean {
  const p = run.config.pad;
  return r < p || q < p || r >= run.Hp - p || q >= run.Wp - p;
}

/** Reads the run's stepper, which the store has put at `position`. */
export function convTransposeFrame(s: ConvTransposeRun, position: number): ConvTransposeFrame {
  const win: WindowRecord | null = position > 0 ? s.stepper.window() : null;
  const i = win?.i ?? 0;
  const c = win?.c ?? 0;
  const { nH, nW, Hp, Wp } = s;
  const { f, dil, stride, Cout } = s.config;
  const X = new Float64Array(nH * nW);
  for (let h = 0; h < nH; h++)
    for (let w = 0; w < nW; w++) X[h * nW + w] = s.data.X.data[flatOffset(s.data.X.shape, [i, h, w, c])] ?? 0;
  const padShape: Shape4 = [s.config.m, Hp, Wp, Cout];
  const yPad = s.stepper.tensor('out_pad') ?? {
    shape: padShape,
    data: new Float64Array(s.config.m * Hp * Wp * Cout),
  };
  const y = s.stepper.tensor('out') ?? s.full;

  // A cell is first written by the first window over it: c = 0, the smallest h, then w.
  const written = new Uint8Array(Hp * Wp);
  const firstRow = Array.from({ length: Hp }, (_, r) => tapsAt(r, nH, stride, f, dil)[0]?.t ?? -1);
  const firstCol = Array.from({ length: Wp }, (_, q) => tapsAt(q, nW, stride, f, dil)[0]?.t ?? -1);
  for (let r = 0; r < Hp; r++)
    for (let q = 0; q < Wp; q++) {
      const h = firstRow[r]!;
      const w = firstCol[q]!;
      if (h >= 0 && w >= 0 && stepNumber(s, i, 0, h, w) <= position) written[r * Wp + q] = 1;
    }
  const sampleDone = position > 0 && stepNumber(s, i, s.nC - 1, nH - 1, nW - 1) <= position;

  const adds: Add[] = [];
  if (win !== null) {
    for (let u = 0; u < f; u++)
      for (let v = 0; v < f; v++)
        for (let k = 0; k < Cout; k++) {
          const row = win.vertStart + u * dil;
          const col = win.horiStart + v * dil;
          const wv = s.data.W.data[flatOffset(s.data.W.shape, [u, v, k, c])] ?? 0;
          adds.push({
            u,
            v,
            k,
            row,
            col,
            factor: wv,
            amount: win.value * wv,
            after: yPad.data[flatOffset(yPad.shape, [i, row, col, k])] ?? 0,
            cropped: isCropped(s, row, col),
          });
        }
  }
  return { position, total: s.total, win, i, c, X, yPad, y, written, sampleDone, adds };
}

/** "step 37 of 96: i=0, c=2, h=1, w=0, X = 0.7123" */
export function describeTransposeStep(fr: ConvTransposeFrame, data: DataKind): string {
  const head = stepHead(fr);
  const w = fr.win;
  if (w === null) return t('describeNone', { head });
  return `${head}: i=${w.i}, c=${w.c}, h=${w.h}, w=${w.w}, X = ${longText(w.value, data)}`;
}
