// dA_prev two ways. The seed's loop scatters: each window (i, c, h, w) adds W[:,:,:,c]·dZ[i,h,w,c]
// into the cells it covers. Gathered instead, one cell of dA_prev_pad is the sum, over every
// window that covers it, of one product dZ[i,h,w,c]·W[u,v,k,c] per output channel c:
//
//   dA_prev_pad[i, r, q, k] = Σ_c Σ_{h·stride + u·dil = r} Σ_{w·stride + v·dil = q} dZ[i,h,w,c]·W[u,v,k,c]
//
// The textbook form writes the same sum as a plain convolution (stride 1): put stride−1 zeros
// between the cells of dZ (so that dZ[h] lands on row h·stride), put dil·(f−1) zeros around (the
// "full" convolution: every window that overlaps the grid at all), and slide W rotated by 180°
// with its two channel axes swapped, W_rot[u', v', c, k] = W[f−1−u', f−1−v', k, c], over it, its
// taps dil apart. The window of cell (r, q) of dA_prev_pad starts at (r, q) of that grid. Rows
// the stride never reached at the bottom (and columns at the right) need as many more zeros
// there (PyTorch calls them output_padding). dA_prev is dA_prev_pad without its pad-wide ring,
// which is the same as putting dil·(f−1) − pad zeros around instead of dil·(f−1) (f−1−pad when
// dil = 1); when that is negative the convolution crops instead.
//
// Everything here is plain arithmetic on the run's tensors: no engine call, no DOM.

import type { Tensor } from '../../engine/types';
import { stepNumber } from '../../lib/tensor';
import { coveringTaps, type ConvBackwardRun, type Geometry } from './model';

const at4 = (s: readonly number[], a: number, b: number, c: number, d: number) =>
  ((a * (s[1] ?? 1) + b) * (s[2] ?? 1) + c) * (s[3] ?? 1) + d;

/** What gathering needs of a run: its geometry, dZ and W. */
export interface GatherInputs extends Geometry {
  dZ: Tensor;
  W: Tensor;
}

/** The run's geometry, dZ and W. */
export function gatherInputs(run: ConvBackwardRun): GatherInputs {
  const { config, nC, nH, nW, Hp, Wp, dZ } = run;
  return { config, nC, nH, nW, Hp, Wp, dZ, W: run.data.W };
}

/** A cell of dA_prev_pad, in padded coordinates. */
export interface PadCell {
  i: number;
  row: number;
  col: number;
  k: number;
}

/** One product of the gather: the window (h, w) of output channel c covers the cell with its
 * filter tap (u, v). */
interface GatherTerm {
  /** the 1-based step of the seed's loop that adds this product */
  step: number;
  c: number;
  h: number;
  w: number;
  u: number;
  v: number;
  /** dZ[i, h, w, c] */
  dz: number;
  /** W[u, v, k, c] */
  weight: number;
  product: number;
  /** the sum of the products so far, in step order */
  sum: number;
}

export interface Gather {
  cell: PadCell;
  /** in step order, which is the order the loop adds them in */
  terms: GatherTerm[];
  /** the cell's final value: the last running sum (0 when no window covers it) */
  sum: number;
  /** windows per channel covering the cell: rows × columns */
  windows: number;
}

/** Every product that ends up in one cell of dA_prev_pad, added in the order the seed's loop
 * adds them (c, then h, then w), so that the sum is the scatter's to the last bit. */
export function gatherCell(g: GatherInputs, cell: PadCell): Gather {
  const { stride, f, dil } = g.config;
  const hs = coveringTaps(cell.row, g.nH, stride, f, dil);
  const ws = coveringTaps(cell.col, g.nW, stride, f, dil);
  const terms: GatherTerm[] = [];
  let sum = 0;
  for (let c = 0; c < g.nC; c++)
    for (const { t: h, u } of hs)
      for (const { t: w, u: v } of ws) {
        const dz = g.dZ.data[at4(g.dZ.shape, cell.i, h, w, c)] ?? 0;
        const weight = g.W.data[at4(g.W.shape, u, v, cell.k, c)] ?? 0;
        const product = dz * weight;
        sum += product;
        terms.push({ step: stepNumber(g, cell.i, c, h, w), c, h, w, u, v, dz, weight, product, sum });
      }
  return { cell, terms, sum, windows: hs.length * ws.length };
}

// ---- the overlap map ---------------------------------------------------------------------------

export interface Overlap {
  /** windows covering each padded row / column */
  rows: number[];
  cols: number[];
  /** windows covering each cell of dA_prev_pad[i, :, :, k], row-major Hp × Wp (rows × cols) */
  counts: Float64Array;
  max: number;
}

/** How many windows cover each cell: the cell's gradient is a sum of that many products per
 * output channel. Uneven when the stride does not divide the window's reach. */
export function overlapMap(g: Geometry): Overlap {
  const { stride, f, dil } = g.config;
  const rows = Array.from({ length: g.Hp }, (_, r) => coveringTaps(r, g.nH, stride, f, dil).length);
  const cols = Array.from({ length: g.Wp }, (_, q) => coveringTaps(q, g.nW, stride, f, dil).length);
  const counts = new Float64Array(g.Hp * g.Wp);
  let max = 0;
  for (let r = 0; r < g.Hp; r++)
    for (let q = 0; q < g.Wp; q++) {
      const n = (rows[r] ?? 0) * (cols[q] ?? 0);
      counts[r * g.Wp + q] = n;
      max = Math.max(max, n);
    }
  return { rows, cols, counts, max };
}

// ---- the textbook form ---------------------------------------------------------------------------

/** The dilated, zero-bordered dZ's geometry, along one axis. */
interface TextbookAxis {
  /** zeros put between neighbouring dZ cells: stride − 1 */
  between: number;
  /** zeros put before the first dZ cell: dil·(f − 1) */
  before: number;
  /** zeros after the last: dil·(f − 1), plus the rows the stride never reached */
  after: number;
  /** of `after`, the rows (or columns) the stride never reached */
  unreached: number;
  /** the grid's length */
  size: number;
}

export interface Textbook {
  rows: TextbookAxis;
  cols: TextbookAxis;
  /** the rotated filter's reach: dil·(f − 1) + 1 */
  span: number;
  /** zeros around that give dA_prev directly: dil·(f − 1) − pad (negative: crop) */
  direct: number;
}

function axis(n: number, nPadded: number, stride: number, span: number): TextbookAxis {
  const before = span - 1;
  const data = (n - 1) * stride + 1;
  // The last window ends at (n−1)·stride + span; the cells after it get no gradient.
  const unreached = nPadded - ((n - 1) * stride + span);
  return {
    between: stride - 1,
    before,
    after: before + unreached,
    unreached,
    size: before + data + before + unreached,
  };
}

export function textbookGeometry(g: Geometry): Textbook {
  const { stride, f, dil, pad } = g.config;
  const span = dil * (f - 1) + 1;
  return {
    rows: axis(g.nH, g.Hp, stride, span),
    cols: axis(g.nW, g.Wp, stride, span),
    span,
    direct: span - 1 - pad,
  };
}

/** dZ[i, :, :, c] with stride − 1 zeros between its cells and the zero border around: the grid the
 * rotated filter slides over, row-major `rows.size × cols.size`. */
export function dilatedDz(g: GatherInputs, t: Textbook, i: number, c: number): Float64Array {
  const out = new Float64Array(t.rows.size * t.cols.size);
  const { stride } = g.config;
  for (let h = 0; h < g.nH; h++)
    for (let w = 0; w < g.nW; w++) {
      const r = t.rows.before + h * stride;
      const q = t.cols.before + w * stride;
      out[r * t.cols.size + q] = g.dZ.data[at4(g.dZ.shape, i, h, w, c)] ?? 0;
    }
  return out;
}

/** W rotated by 180° with its channel axes swapped, the slice that maps dZ's channel c to
 * dA_prev's channel k: W_rot[u', v', c, k] = W[f−1−u', f−1−v', k, c], row-major f × f. */
export function rotatedFilter(g: GatherInputs, k: number, c: number): Float64Array {
  const { f } = g.config;
  const out = new Float64Array(f * f);
  for (let u = 0; u < f; u++)
    for (let v = 0; v < f; v++) out[u * f + v] = g.W.data[at4(g.W.shape, f - 1 - u, f - 1 - v, k, c)] ?? 0;
  return out;
}

/** One tap of the textbook convolution's window for a cell: it reads the dilated dZ at
 * (row, col) of the grid and multiplies the rotated filter's (u', v'). */
export interface TextbookTap {
  c: number;
  /** rotated filter's tap */
  ru: number;
  rv: number;
  row: number;
  col: number;
  /** the dilated dZ there (0 for an inserted or bordering zero) */
  x: number;
  wRot: number;
  /** a cell of dZ, not a zero put in */
  isDz: boolean;
}

/** The textbook convolution at one cell, output channel by output channel (c, then u', v'): its
 * window on each channel's dilated dZ, and the sum of all its products. */
export function textbookCell(
  g: GatherInputs,
  t: Textbook,
  cell: PadCell,
): { taps: TextbookTap[]; sum: number } {
  const { f, dil, stride } = g.config;
  const taps: TextbookTap[] = [];
  let sum = 0;
  for (let c = 0; c < g.nC; c++)
    for (let ru = 0; ru < f; ru++)
      for (let rv = 0; rv < f; rv++) {
        const row = cell.row + ru * dil;
        const col = cell.col + rv * dil;
        const dr = row - t.rows.before;
        const dq = col - t.cols.before;
        const isDz =
          dr >= 0 &&
          dq >= 0 &&
          dr % stride === 0 &&
          dq % stride === 0 &&
          dr / stride < g.nH &&
          dq / stride < g.nW;
        const x = isDz ? (g.dZ.data[at4(g.dZ.shape, cell.i, dr / stride, dq / stride, c)] ?? 0) : 0;
        const wRot = g.W.data[at4(g.W.shape, f - 1 - ru, f - 1 - rv, cell.k, c)] ?? 0;
        sum += x * wRot;
        taps.push({ c, ru, rv, row, col, x, wRot, isDz });
      }
  return { taps, sum };
}

/** The textbook convolution over a whole channel: dA_prev_pad[i, :, :, k], row-major Hp × Wp. */
export function textbookChannel(g: GatherInputs, t: Textbook, i: number, k: number): Float64Array {
  const out = new Float64Array(g.Hp * g.Wp);
  for (let row = 0; row < g.Hp; row++)
    for (let col = 0; col < g.Wp; col++) out[row * g.Wp + col] = textbookCell(g, t, { i, row, col, k }).sum;
  return out;
}
