// pool_backward's view model: the data (A_prev, then dA drawn after it as the notebook does),
// the stepper, and what the stage, the code panel and the arithmetic panel show for the step
// just done: the window's mask (max) or distribute_value's grid (average), the amounts added to
// dA_prev and the running sums they land on. Pure reads of the run; the only engine calls are
// in openPoolBackward and in poolBackwardFrame's reads of the stepper.

import type { Engine, Stepper, Tensor } from '../../engine/types';
import { channelOf, maxAbs } from '../../lib/tensor';
import { type Config, type DataKind, type Preset, preset } from '../../state/config';
import type { OpFrame } from '../../state/operation';
import { longText } from '../../ui/format';
import { poolChoices } from '../pool/choices';
import {
  createMask,
  makePoolData,
  NOTEBOOK_POOL_BACKWARD,
  validatePoolLayer,
  poolParams,
  poolVisited,
  windowOf,
  writesTo,
  type PoolRun,
} from '../pool/pool';
import type { DataSource } from '../../state/source';
import { t } from './messages';
import { stepHead } from '../../state/operation';

export interface PoolBackwardRun extends PoolRun {
  readonly op: 'pool_backward';
  /** dA_prev computed by the batch kernel: only for the colour scale */
  readonly dA_prev_final: Tensor;
  readonly scale: { A_prev: number; dA: number; dA_prev: number };
}

export interface PoolBackwardFrame extends OpFrame {
  i: number;
  c: number;
  /** A_prev[i, :, :, c], row-major n_H_prev × n_W_prev */
  a: Float64Array;
  /** dA[i, :, :, c], row-major n_H × n_W: the incoming gradient, known from the start */
  dA: Float64Array;
  /** dA_prev[i, :, :, c] as it stands after this step */
  dAp: Float64Array;
  /** the whole of dA_prev as the stepper holds it */
  dA_prev: Tensor | null;
  /** a_prev_slice, row-major f×f (empty at step 0) */
  slice: number[];
  /** 1 on the window cells this step adds to: the mask (max) or every cell (average) */
  gets: Uint8Array;
  /** max: 1 on every cell equal to the window's maximum, whichever of them gets the gradient */
  tied: Uint8Array;
  /** np.multiply(mask, dA[i, h, w, c]) or distribute_value(da, (f, f)): what each cell gets */
  added: number[];
  /** the window of dA_prev[i, :, :, c] before and after this step's addition */
  before: number[];
  after: number[];
}

export function openPoolBackward(engine: Engine, c: Config, source?: DataSource): PoolBackwardRun {
  const p = poolParams(c);
  const v = validatePoolLayer(engine, c);
  if (!v.ok) throw new Error(v.message);
  const data = makePoolData(engine, c, v.outShape, source);
  const dA_prev_final = engine.poolBackward(data.dA, data.A_prev, p);
  const stepper: Stepper = engine.createStepper({
    op: 'pool_backward',
    dA: data.dA,
    A_prev: data.A_prev,
    params: p,
  });
  const [, nH, nW] = v.outShape;
  const ints = c.data === 'ints';
  return {
    op: 'pool_backward',
    config: c,
    total: stepper.total,
    stepper,
    data,
    inputs: { ...data },
    dA_prev_final,
    nC: c.Cin,
    nH,
    nW,
    visitedRows: poolVisited(c.H, nH, c.stride, c.f),
    visitedCols: poolVisited(c.W, nW, c.stride, c.f),
    scale: {
      A_prev: ints ? 3 : maxAbs(data.A_prev.data),
      dA: maxAbs(data.dA.data),
      dA_prev: maxAbs(dA_prev_final.data),
    },
    dispose: () => stepper.dispose(),
  };
}

/** Reads the run's stepper, which the store has put at `position`. */
export function poolBackwardFrame(s: PoolBackwardRun, position: number): PoolBackwardFrame {
  const win = position > 0 ? s.stepper.window() : null;
  const i = win?.i ?? 0;
  const c = win?.c ?? 0;
  const { f, W } = s.config;
  const { mode } = poolChoices(s.config);
  const a = channelOf(s.data.A_prev, i, c);
  const dA = channelOf(s.data.dA, i, c);
  const dA_prev = position > 0 ? s.stepper.tensor('dA_prev') : null;
  const dAp = dA_prev ? channelOf(dA_prev, i, c) : new Float64Array(s.config.H * W);
  if (win === null) {
    const none = new Uint8Array(f * f);
    return {
      position,
      total: s.total,
      win,
      i,
      c,
      a,
      dA,
      dAp,
      dA_prev,
      slice: [],
      gets: none,
      tied: none,
      added: [],
      before: [],
      after: [],
    };
  }
  const r0 = win.vertStart;
  const q0 = win.horiStart;
  const slice = windowOf(a, W, r0, q0, f);
  const gets = mode === 'max' ? win.mask : new Uint8Array(f * f).fill(1);
  const tied = mode === 'max' ? createMask(slice, 'all') : new Uint8Array(f * f);
  const added = Array.from(gets, (g) => (g === 1 ? win.amount : 0));
  const after = windowOf(dAp, W, r0, q0, f);
  // The running sums before this step, replayed in loop order from zero as the kernel adds
  // them, so that before + added = after exactly.
  const before: number[] = [];
  for (let u = 0; u < f; u++)
    for (let v = 0; v < f; v++) {
      let b = 0;
      for (const wr of writesTo(s, a, dA, i, c, r0 + u, q0 + v)) if (wr.step < position) b += wr.amount;
      before.push(b);
    }
  return {
    position,
    total: s.total,
    win,
    i,
    c,
    a,
    dA,
    dAp,
    dA_prev,
    slice,
    gets,
    tied,
    added,
    before,
    after,
  };
}

/** "step 5 of 80: i=0, c=1, h=1, w=0, dA = 0.4414 to 1 cell" */
export function describePoolBackward(fr: PoolBackwardFrame, data: DataKind): string {
  const head = stepHead(fr);
  const w = fr.win;
  if (w === null) return t('describeNone', { head });
  const n = fr.gets.reduce((sum, g) => sum + g, 0);
  const where = n === 1 ? t('oneCell') : t('eachOf', { n });
  const facts = {
    head,
    i: w.i,
    c: w.c,
    h: w.h,
    w: w.w,
    da: longText(w.value, data),
    amount: longText(w.amount, data),
  };
  return t('describe', { ...facts, where });
}

export const POOL_BACKWARD_PRESETS: readonly Preset[] = [
  preset({
    name: () => t('presetNotebook'),
    why: () => t('presetNotebookWhy'),
    config: NOTEBOOK_POOL_BACKWARD,
  }),
  preset({
    name: () => t('presetAvg'),
    why: () => t('presetAvgWhy'),
    config: { ...NOTEBOOK_POOL_BACKWARD, mode: 'average' },
  }),
  preset({
    name: () => t('presetTies'),
    why: () => t('presetTiesWhy'),
    config: {
      ...NOTEBOOK_POOL_BACKWARD,
      m: 1,
      H: 4,
      W: 5,
      Cin: 1,
      f: 2,
      stride: 1,
      seed: 345,
      data: 'ints',
      mode: 'max',
      ties: 'all',
    },
  }),
  preset({
    name: () => t('presetOverlap'),
    why: () => t('presetOverlapWhy'),
    config: {
      ...NOTEBOOK_POOL_BACKWARD,
      m: 1,
      H: 5,
      W: 5,
      Cin: 1,
      f: 3,
      stride: 1,
      seed: 33,
      data: 'ints',
      mode: 'max',
    },
  }),
  preset({
    name: () => t('presetOnes'),
    why: () => t('presetOnesWhy'),
    config: {
      ...NOTEBOOK_POOL_BACKWARD,
      m: 1,
      H: 5,
      W: 5,
      Cin: 1,
      f: 2,
      stride: 1,
      seed: 1,
      mode: 'average',
      da: 'ones',
    },
  }),
];
