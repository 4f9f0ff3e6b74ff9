// What pool_forward and pool_backward share: their parameters, their data (drawn as the
// notebook draws it), the output-size formula, the assignment's create_mask_from_window, and
// the geometry that says which steps read or wrote a cell.
//
// Pooling has no padding and no filters: the window slides over one channel at a time,
// A_prev[i, :, :, c], and the output keeps the input's channels (n_C = n_C_prev).

import type { Engine, PoolParams, PoolTies, Shape4, Tensor, Validation } from '../../engine/types';
import { localized, poolRefusal } from '../../state/refusals';
import { NOTEBOOK, type Config, type FieldKey } from '../../state/config';
import { poolChoices } from './choices';
import { stepNumber, type LoopDims } from '../../lib/tensor';
import type { OpRun } from '../../state/operation';
import { smallInt } from '../../state/data';
import { customOr, type DataSource } from '../../state/source';
import { tUi } from '../../ui/messages';

/** The layer fields pooling uses, in the order the form shows them: no n_C, pad or dilation. */
export const POOL_FIELDS: readonly FieldKey[] = ['m', 'H', 'W', 'Cin', 'f', 'stride'];

/** The notebook's pool_forward test: np.random.seed(1); A_prev = randn(2, 5, 5, 3);
 * hparameters {"stride": 1, "f": 3}. Fields pooling does not read keep the conv notebook's. */
export const NOTEBOOK_POOL_FORWARD: Config = {
  ...NOTEBOOK,
  m: 2,
  H: 5,
  W: 5,
  Cin: 3,
  f: 3,
  stride: 1,
  pad: 0,
  seed: 1,
  data: 'gauss',
  mode: 'max',
};

/** The notebook's pool_backward test: np.random.seed(1); A_prev = randn(5, 5, 3, 2);
 * hparameters {"stride": 1, "f": 2}; dA = randn(5, 4, 2, 2). */
export const NOTEBOOK_POOL_BACKWARD: Config = {
  ...NOTEBOOK,
  m: 5,
  H: 5,
  W: 3,
  Cin: 2,
  f: 2,
  stride: 1,
  pad: 0,
  seed: 1,
  data: 'gauss',
  mode: 'max',
  ties: 'all',
  da: 'randn',
};

export function poolParams(c: Config): PoolParams {
  const p = poolChoices(c);
  return { f: c.f, stride: c.stride, mode: p.mode, ties: p.ties };
}

function poolInputShape(c: Config): Shape4 {
  return [c.m, c.H, c.W, c.Cin];
}

/** The C library's check of a pooling layer; a refusal is said in the page's language. */
export function validatePoolLayer(engine: Engine, c: Config): Validation {
  const shape = poolInputShape(c);
  const p = poolParams(c);
  return localized(engine.validatePool(shape, p), () => poolRefusal(shape, p));
}

export interface PoolData {
  A_prev: Tensor;
  /** the incoming gradient, shape of A: drawn after A_prev (or all ones) */
  dA: Tensor;
}

function toInts(t: Tensor): Tensor {
  return { shape: t.shape, data: t.data.map(smallInt) };
}

/** np.random.seed(seed); A_prev = randn(m, n_H_prev, n_W_prev, n_C_prev); dA = randn(*A.shape),
 * as the notebook's pool_backward cell draws them. Small integers round both. */
export function makePoolData(engine: Engine, c: Config, outShape: Shape4, source?: DataSource): PoolData {
  const [A_prev, dA] = engine.randn(c.seed, [poolInputShape(c), outShape]);
  if (A_prev === undefined || dA === undefined) throw new Error('randn returned too few tensors');
  const ones = poolChoices(c).da === 'ones';
  const grad = ones ? { shape: dA.shape, data: new Float64Array(dA.data.length).fill(1) } : dA;
  const ints = c.data === 'ints';
  return {
    A_prev: customOr(source, 'A_prev', ints ? toInts(A_prev) : A_prev),
    dA: customOr(source, 'dA', ints && !ones ? toInts(grad) : grad),
  };
}

const MINUS = '\u2212';

function one(name: string, n: number, c: Config): { text: string; out: number } {
  const out = Math.floor((n - c.f) / c.stride) + 1;
  const text =
    c.stride === 1
      ? `${name} = (${n} ${MINUS} ${c.f}) + 1 = ${out}`
      : `${name} = ⌊(${n} ${MINUS} ${c.f}) / ${c.stride}⌋ + 1 = ${out}`;
  return { text, out };
}

/** n_H = ⌊(n_H_prev − f) / stride⌋ + 1 with the numbers in, as the page prints it. */
export function poolFormulas(c: Config): { nH: string; nW: string; steps: string } {
  const h = one('n_H', c.H, c);
  const w = one('n_W', c.W, c);
  return {
    nH: h.text,
    nW: w.text,
    steps: `${tUi('stepsWord')} = m·n_C·n_H·n_W = ${c.m}·${c.Cin}·${h.out}·${w.out} = ${c.m * c.Cin * h.out * w.out}`,
  };
}

/** The assignment's create_mask_from_window: mask = (x == np.max(x)) over an f×f window
 * (row-major); with 'first', only the first maximum in row-major order, as PyTorch does. */
export function createMask(x: ArrayLike<number>, ties: PoolTies): Uint8Array {
  const n = x.length;
  const mask = new Uint8Array(n);
  // np.max's running maximum, as the C library keeps it: a larger value wins, and a NaN wins for
  // good (the maximum of a window holding NaN is NaN, so x == max(x) then picks no cell).
  let mx = x[0] ?? 0;
  for (let j = 1; j < n; j++) {
    const v = x[j] ?? 0;
    if (v > mx || (Number.isNaN(v) && !Number.isNaN(mx))) mx = v;
  }
  let count = 0;
  for (let j = 0; j < n; j++) {
    const hit = x[j] === mx && !(ties === 'first' && count > 0);
    mask[j] = hit ? 1 : 0;
    if (hit) count++;
  }
  return mask;
}

/** What a pool run's geometry needs: the configuration and the loop's sizes (its channels are
 * the input's: nC = n_C_prev). */
export interface PoolGeometry extends LoopDims {
  readonly config: Config;
}

/** What both pooling runs have: the data, the loop's sizes, the rows and columns some window
 * covers, and A_prev's colour scale. */
export interface PoolRun extends OpRun, PoolGeometry {
  readonly data: PoolData;
  /** input rows / columns that some window covers */
  readonly visitedRows: readonly boolean[];
  readonly visitedCols: readonly boolean[];
  readonly scale: { readonly A_prev: number };
}

/** The f×f window of a row-major H×W channel whose top-left cell is (r0, q0). */
export function windowOf(ch: ArrayLike<number>, W: number, r0: number, q0: number, f: number): number[] {
  const out: number[] = [];
  for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) out.push(ch[(r0 + u) * W + q0 + v] ?? 0);
  return out;
}

/** The output cells (h, w) whose window covers input cell (r, q), in loop order. */
export function windowsOver(g: PoolGeometry, r: number, q: number): { h: number; w: number }[] {
  const { f, stride } = g.config;
  const out: { h: number; w: number }[] = [];
  for (let h = 0; h < g.nH; h++) {
    if (r < h * stride || r >= h * stride + f) continue;
    for (let w = 0; w < g.nW; w++) if (q >= w * stride && q < w * stride + f) out.push({ h, w });
  }
  return out;
}

/** One step's addition to one dA_prev cell. */
export interface Write {
  /** 1-based step number */
  step: number;
  h: number;
  w: number;
  amount: number;
}

/** The steps that add to dA_prev[i, r, q, c], in the order they run: every window over the
 * cell for average pooling, for max pooling only those whose mask includes it. `a` is
 * A_prev[i, :, :, c] and `dA` is dA[i, :, :, c] (row-major). */
export function writesTo(
  g: PoolGeometry,
  a: ArrayLike<number>,
  dA: ArrayLike<number>,
  i: number,
  c: number,
  r: number,
  q: number,
): Write[] {
  const { f, stride, W } = g.config;
  const p = poolChoices(g.config);
  const out: Write[] = [];
  for (const { h, w } of windowsOver(g, r, q)) {
    const da = dA[h * g.nW + w] ?? 0;
    const step = stepNumber(g, i, c, h, w);
    if (p.mode === 'average') {
      out.push({ step, h, w, amount: da / (f * f) });
      continue;
    }
    const mask = createMask(windowOf(a, W, h * stride, w * stride, f), p.ties);
    if (mask[(r - h * stride) * f + (q - w * stride)] === 1) out.push({ step, h, w, amount: da });
  }
  return out;
}

/** visited[r]: some window covers row (or column) r. */
export function poolVisited(n: number, nOut: number, stride: number, f: number): boolean[] {
  const seen = new Array<boolean>(n).fill(false);
  for (let t = 0; t < nOut; t++)
    for (let u = 0; u < f && t * stride + u < n; u++) seen[t * stride + u] = true;
  return seen;
}

/** "steps 3, 4 and 7", "step 5", shortened after `limit` numbers. */
export function stepList(steps: readonly number[], limit = 8): string {
  if (steps.length === 0) return tUi('noStep');
  const shown = steps.slice(0, limit).map(String);
  if (steps.length === 1) return tUi('stepOne', { n: shown[0] ?? '' });
  if (steps.length > limit) return tUi('stepsMore', { list: shown.join(', '), more: steps.length - limit });
  return tUi('stepsAnd', { list: shown.slice(0, -1).join(', '), last: shown[shown.length - 1] ?? '' });
}

/** Python's repr of a float, as numpy's tolist() prints it: 0.0, 5.0, -1.6828270215556507. */
export function pyRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Object.is(v, -0)) return '-0.0';
  // Both print the shortest digits that read back to the same double; they differ in when
  // they switch to an exponent (Python: below 1e-4 and from 1e16) and in its form (1e-05).
  const a = Math.abs(v);
  if (v !== 0 && (a < 1e-4 || a >= 1e16)) return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  const s = String(v);
  return Number.isInteger(v) ? `${s}.0` : s;
}
