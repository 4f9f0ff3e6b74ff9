// Filter presets: the classic image kernels as a conv layer's W (f, f, n_C_prev, n_C) and b.
//
// THE KERNELS (K[u][v], u the row, v the column; convolution here is the assignment's, which is a
// cross-correlation: Z = sum of a_slice * W, the kernel is NOT flipped, so a kernel acts as written)
//
//   identity   f = 1, 3, 5, 7, 9: 1 at the centre ((f-1)/2, (f-1)/2), 0 elsewhere.
//   box        f = 1, 3, 5, 7, 9: every entry 1 / (f*f) (computed as that one division).
//   gaussian   f = 1, 3, 5, 7, 9: binomial, K[u][v] = C(f-1, u) * C(f-1, v) / 4^(f-1), an exact
//              binary fraction. The binomial row of length f is the Gaussian of variance (f-1)/4,
//              so sigma = sqrt(f-1) / 2: 0.71 for f = 3, 1 for f = 5, 1.22 for f = 7, 1.41 for f = 9.
//   sharpen    f = 3:  [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]   (identity + 4-neighbour edges)
//   sobel_x    f = 3:  [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]    (> 0 where brightness grows rightwards)
//   sobel_y    f = 3:  [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]    (> 0 where brightness grows downwards)
//   laplacian  f = 3:  [[0, 1, 0], [1, -4, 1], [0, 1, 0]]      (4-neighbour; no one larger standard)
//   emboss     f = 3:  [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]    (sums to 1: flat areas keep their value)
//
// THE BANK: a list of P presets (1..8), one f for all, and a mode, for an input with n_C_prev
// channels (1..16). b is always zeros (1, 1, 1, n_C). With K_p the kernel of preset p:
//
//   each   n_C = P * n_C_prev; output channel c = p * n_C_prev + k filters input channel k alone:
//          W[:, :, k, p * n_C_prev + k] = K_p, every other entry 0. (One preset on RGB: R, G, B
//          filtered separately; two presets: the first's R, G, B, then the second's.)
//   sum    n_C = P; W[:, :, k, p] = K_p for every k: each output channel applies the kernel to
//          every input channel and adds them up (a blur of an RGB image then reaches 3 on white).
//   mean   n_C = P; W[:, :, k, p] = K_p[u][v] / n_C_prev (one division per entry): the sum divided
//          by n_C_prev, so a blur keeps [0, 1].
//   With n_C_prev = 1 the three modes give the same W.
//   n_C may not exceed 32 (the layer editor's limit on n_C).
//
// Labels live in PRESETS and MODES, the one place to translate them.
import type { Tensor } from '../../engine/types';
import { fail, quote, type Result } from './result';
import { liveWords } from '../i18n';
import { tImage } from './messages';

export type PresetId =
  | 'identity'
  | 'box'
  | 'gaussian'
  | 'sharpen'
  | 'sobel_x'
  | 'sobel_y'
  | 'laplacian'
  | 'emboss';

export type BankMode = 'each' | 'sum' | 'mean';

export interface PresetInfo {
  readonly id: PresetId;
  /** the label for a menu, in the page's language when read */
  readonly label: string;
  /** one short sentence, in the page's language when read: what the filter shows */
  readonly description: string;
  /** the filter sizes f it is defined for */
  readonly sizes: readonly number[];
}

const ODD_SIZES = [1, 3, 5, 7, 9] as const;

/** Every preset, in menu order; its words come from the catalog (./messages.ts). */
export const PRESETS: readonly PresetInfo[] = [
  liveWords(
    { id: 'identity', sizes: ODD_SIZES },
    { label: () => tImage('identity'), description: () => tImage('identityWhy') },
  ),
  liveWords(
    { id: 'box', sizes: ODD_SIZES },
    { label: () => tImage('box'), description: () => tImage('boxWhy') },
  ),
  liveWords(
    { id: 'gaussian', sizes: ODD_SIZES },
    { label: () => tImage('gaussian'), description: () => tImage('gaussianWhy') },
  ),
  liveWords(
    { id: 'sharpen', sizes: [3] },
    { label: () => tImage('sharpen'), description: () => tImage('sharpenWhy') },
  ),
  liveWords(
    { id: 'sobel_x', sizes: [3] },
    { label: () => tImage('sobelX'), description: () => tImage('sobelXWhy') },
  ),
  liveWords(
    { id: 'sobel_y', sizes: [3] },
    { label: () => tImage('sobelY'), description: () => tImage('sobelYWhy') },
  ),
  liveWords(
    { id: 'laplacian', sizes: [3] },
    { label: () => tImage('laplacian'), description: () => tImage('laplacianWhy') },
  ),
  liveWords(
    { id: 'emboss', sizes: [3] },
    { label: () => tImage('emboss'), description: () => tImage('embossWhy') },
  ),
];

/** How the kernels meet the input channels; words as for PRESETS. */
export const MODES: readonly {
  readonly id: BankMode;
  readonly label: string;
  readonly description: string;
}[] = [
  liveWords({ id: 'each' as const }, { label: () => tImage('each'), description: () => tImage('eachWhy') }),
  liveWords({ id: 'sum' as const }, { label: () => tImage('sum'), description: () => tImage('sumWhy') }),
  liveWords({ id: 'mean' as const }, { label: () => tImage('mean'), description: () => tImage('meanWhy') }),
];

/** Most presets in one bank. */
export const MAX_PRESETS = 8;
/** Largest f (the layer editor's limit). */
export const MAX_FILTER_F = 9;
/** Most input channels (the layer editor's limit on n_C_prev). */
export const MAX_IN_CHANNELS = 16;
/** Most output channels (the layer editor's limit on n_C). */
export const MAX_OUT_CHANNELS = 32;

export interface FilterBankSpec {
  presets: readonly PresetId[];
  f: number;
  mode: BankMode;
}

export interface FilterBank {
  /** (f, f, n_C_prev, n_C), row-major */
  W: Tensor;
  /** (1, 1, 1, n_C), zeros */
  b: Tensor;
  /** per output channel: which preset and which input channel(s) it reads */
  channels: readonly { preset: PresetId; input: number | 'all' }[];
}

export function presetInfo(id: string): PresetInfo | undefined {
  return PRESETS.find((p) => p.id === id);
}

const FIXED_3X3: Partial<Record<PresetId, readonly number[]>> = {
  sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
  sobel_x: [-1, 0, 1, -2, 0, 2, -1, 0, 1],
  sobel_y: [-1, -2, -1, 0, 0, 0, 1, 2, 1],
  laplacian: [0, 1, 0, 1, -4, 1, 0, 1, 0],
  emboss: [-2, -1, 0, -1, 1, 1, 0, 1, 2],
};

/** Row n of Pascal's triangle: C(n, 0) .. C(n, n), exact. */
function binomialRow(n: number): number[] {
  const row = [1];
  for (let k = 1; k <= n; k++) row.push((row[k - 1]! * (n - k + 1)) / k);
  return row;
}

function checkSize(info: PresetInfo, f: number): string | null {
  if (typeof f !== 'number' || !Number.isInteger(f)) return tImage('fWhole', { f: quote(f) });
  if (!info.sizes.includes(f)) {
    return info.sizes.length === 1
      ? tImage('presetOneSize', { preset: info.label, size: info.sizes[0] ?? 3, f })
      : tImage('presetOddSize', { preset: info.label, max: MAX_FILTER_F, f });
  }
  return null;
}

/** The f x f kernel of a preset, row-major, as the header defines it. */
export function presetKernel(id: PresetId, f: number): Result<{ kernel: Float64Array }> {
  const info = presetInfo(id);
  if (info === undefined) return fail(() => tImage('noPreset', { id: quote(id) }));
  const bad = checkSize(info, f);
  if (bad !== null) return fail(() => checkSize(info, f) ?? bad);
  const K = new Float64Array(f * f);
  const centre = (f - 1) / 2;
  switch (id) {
    case 'identity':
      K[centre * f + centre] = 1;
      break;
    case 'box':
      K.fill(1 / (f * f));
      break;
    case 'gaussian': {
      const row = binomialRow(f - 1);
      const scale = 4 ** (f - 1);
      for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) K[u * f + v] = (row[u]! * row[v]!) / scale;
      break;
    }
    default:
      K.set(FIXED_3X3[id]!);
  }
  return { ok: true, kernel: K };
}

/** W and b for a list of presets, as the header's "THE BANK" defines them. */
export function buildFilterBank(spec: FilterBankSpec, nCPrev: number): Result<FilterBank> {
  if (spec === null || typeof spec !== 'object' || !Array.isArray(spec.presets)) {
    return fail(() => tImage('noChoice'));
  }
  const { presets, f, mode } = spec;
  if (presets.length === 0) return fail(() => tImage('choosePreset'));
  if (presets.length > MAX_PRESETS) {
    return fail(() => tImage('tooManyPresets', { max: MAX_PRESETS, n: presets.length }));
  }
  if (!MODES.some((m) => m.id === mode)) {
    return fail(() => tImage('modeChoice', { mode: quote(mode) }));
  }
  if (typeof nCPrev !== 'number' || !Number.isInteger(nCPrev) || nCPrev < 1 || nCPrev > MAX_IN_CHANNELS) {
    return fail(() => tImage('inputChannels', { max: MAX_IN_CHANNELS, n: quote(nCPrev) }));
  }
  const kernels: Float64Array[] = [];
  for (const id of presets) {
    const k = presetKernel(id, f);
    if (!k.ok) return k;
    kernels.push(k.kernel);
  }
  const P = presets.length;
  const nC = mode === 'each' ? P * nCPrev : P;
  if (nC > MAX_OUT_CHANNELS) {
    return fail(() => tImage('tooManyOutputs', { p: P, k: nCPrev, n: nC, max: MAX_OUT_CHANNELS }));
  }
  const W = new Float64Array(f * f * nCPrev * nC);
  const channels: { preset: PresetId; input: number | 'all' }[] = [];
  // W[u, v, k, c] is element ((u*f + v)*nCPrev + k)*nC + c.
  const put = (k: number, c: number, K: Float64Array, divide: number): void => {
    for (let uv = 0; uv < f * f; uv++) W[(uv * nCPrev + k) * nC + c] = K[uv]! / divide; // x / 1 is x
  };
  kernels.forEach((K, p) => {
    if (mode === 'each') {
      for (let k = 0; k < nCPrev; k++) {
        put(k, p * nCPrev + k, K, 1);
        channels.push({ preset: presets[p]!, input: k });
      }
    } else {
      for (let k = 0; k < nCPrev; k++) put(k, p, K, mode === 'mean' ? nCPrev : 1);
      channels.push({ preset: presets[p]!, input: 'all' });
    }
  });
  return {
    ok: true,
    W: { shape: [f, f, nCPrev, nC], data: W },
    b: { shape: [1, 1, 1, nC], data: new Float64Array(nC) },
    channels,
  };
}

/** "Sobel x (G)", "Box blur (all channels)": a name for an output channel of a bank. */
export function channelLabel(ch: { preset: PresetId; input: number | 'all' }, nCPrev: number): string {
  const label = presetInfo(ch.preset)?.label ?? ch.preset;
  if (nCPrev === 1) return label;
  if (ch.input === 'all') return tImage('allChannels', { label });
  const name = nCPrev === 3 ? ['R', 'G', 'B'][ch.input]! : tImage('channelN', { n: ch.input });
  return `${label} (${name})`;
}
