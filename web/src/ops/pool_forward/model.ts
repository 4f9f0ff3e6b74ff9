// pool_forward's view model: the data, the stepper, and what the stage, the code panel and the
// arithmetic panel show for the step just done. Pure reads of the run; the only engine calls
// are in openPoolForward and in poolForwardFrame's reads of the stepper.

import type { Engine, Stepper, Tensor } from '../../engine/types';
import { channelOf, maxAbs, stepNumber } from '../../lib/tensor';
import { type Config, type DataKind, type Preset, preset } from '../../state/config';
import type { OpFrame } from '../../state/operation';
import { longText } from '../../ui/format';
import { poolChoices } from '../pool/choices';
import {
  makePoolData,
  NOTEBOOK_POOL_FORWARD,
  validatePoolLayer,
  poolParams,
  poolVisited,
  windowOf,
  type PoolRun,
} from '../pool/pool';
import type { DataSource } from '../../state/source';
import { t } from './messages';
import { stepHead } from '../../state/operation';

export interface PoolForwardRun extends PoolRun {
  readonly op: 'pool_forward';
  /** A computed by the batch kernel: only for the colour scale, never shown before its step */
  readonly A_final: Tensor;
  readonly scale: { A_prev: number; A: number };
}

export interface PoolForwardFrame extends OpFrame {
  /** the sample and channel on stage */
  i: number;
  c: number;
  /** A_prev[i, :, :, c], row-major n_H_prev × n_W_prev */
  a: Float64Array;
  /** A[i, :, :, c], row-major n_H × n_W; NaN where the loop has not been yet */
  A: Float64Array;
  /** the whole of A as the stepper holds it: zeros where the loop has not been (np.zeros) */
  out: Tensor | null;
  /** a_prev_slice, row-major f×f (empty at step 0) */
  slice: number[];
  /** max: 1 on every cell equal to the maximum (the C stepper's mask); average: all 0 */
  mask: Uint8Array;
  /** average: the window's sum, added in row-major order as the C kernel adds it */
  sum: number;
}

export function openPoolForward(engine: Engine, c: Config, source?: DataSource): PoolForwardRun {
  const p = poolParams(c);
  const v = validatePoolLayer(engine, c);
  if (!v.ok) throw new Error(v.message);
  const data = makePoolData(engine, c, v.outShape, source);
  const A_final = engine.poolForward(data.A_prev, p);
  const stepper: Stepper = engine.createStepper({ op: 'pool_forward', A_prev: data.A_prev, params: p });
  const [, nH, nW] = v.outShape;
  const ints = c.data === 'ints';
  return {
    op: 'pool_forward',
    config: c,
    total: stepper.total,
    stepper,
    data,
    inputs: { A_prev: data.A_prev },
    A_final,
    nC: c.Cin,
    nH,
    nW,
    visitedRows: poolVisited(c.H, nH, c.stride, c.f),
    visitedCols: poolVisited(c.W, nW, c.stride, c.f),
    scale: { A_prev: ints ? 3 : maxAbs(data.A_prev.data), A: ints ? 3 : maxAbs(A_final.data) },
    dispose: () => stepper.dispose(),
  };
}

/** Reads the run's stepper, which the store has put at `position`. */
export function poolForwardFrame(s: PoolForwardRun, position: number): PoolForwardFrame {
  const win = position > 0 ? s.stepper.window() : null;
  const i = win?.i ?? 0;
  const c = win?.c ?? 0;
  const { nH, nW } = s;
  const { f, W } = s.config;
  const a = channelOf(s.data.A_prev, i, c);
  const out = position > 0 ? s.stepper.tensor('out') : null;
  const A = new Float64Array(nH * nW).fill(Number.NaN);
  if (out !== null) {
    const all = channelOf(out, i, c);
    for (let h = 0; h < nH; h++)
      for (let w = 0; w < nW; w++)
        if (stepNumber(s, i, c, h, w) <= position) A[h * nW + w] = all[h * nW + w] ?? Number.NaN;
  }
  const slice = win ? windowOf(a, W, win.vertStart, win.horiStart, f) : [];
  let sum = 0;
  for (const x of slice) sum += x;
  const mask = win && poolChoices(s.config).mode === 'max' ? win.mask : new Uint8Array(f * f);
  return { position, total: s.total, win, i, c, a, A, out, slice, mask, sum };
}

/** "step 5 of 150: i=0, c=1, h=1, w=1, A = 1.7448 (max of 9)" */
export function describePoolForward(fr: PoolForwardFrame, data: DataKind): string {
  const head = stepHead(fr);
  const w = fr.win;
  if (w === null) return t('describeNone', { head });
  const n = fr.slice.length;
  const how = fr.mask.some((x) => x === 1) ? t('howMax', { n }) : t('howMean', { n });
  return `${head}: i=${w.i}, c=${w.c}, h=${w.h}, w=${w.w}, A = ${longText(w.value, data)} (${how})`;
}

export const POOL_FORWARD_PRESETS: readonly Preset[] = [
  preset({
    name: () => t('presetNotebook'),
    why: () => t('presetNotebookWhy'),
    config: NOTEBOOK_POOL_FORWARD,
  }),
  preset({
    name: () => t('presetStride2'),
    why: () => t('presetStride2Why'),
    config: { ...NOTEBOOK_POOL_FORWARD, stride: 2 },
  }),
  preset({
    name: () => t('presetAvg'),
    why: () => t('presetAvgWhy'),
    config: {
      ...NOTEBOOK_POOL_FORWARD,
      m: 1,
      H: 4,
      W: 4,
      Cin: 1,
      f: 2,
      stride: 2,
      seed: 3,
      data: 'ints',
      mode: 'average',
    },
  }),
  preset({
    name: () => t('presetTies'),
    why: () => t('presetTiesWhy'),
    config: {
      ...NOTEBOOK_POOL_FORWARD,
      m: 1,
      H: 4,
      W: 5,
      Cin: 1,
      f: 2,
      stride: 1,
      seed: 345,
      data: 'ints',
      mode: 'max',
    },
  }),
  preset({
    name: () => t('presetGap'),
    why: () => t('presetGapWhy'),
    config: { ...NOTEBOOK_POOL_FORWARD, m: 1, H: 7, W: 9, Cin: 1, f: 2, stride: 3, seed: 31, mode: 'max' },
  }),
];
