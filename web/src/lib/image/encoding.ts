// Short texts for links: a choice of filter presets, and a small W written out value by value.
//
// Both use only letters, digits and '_', '.', '-', which URLSearchParams, encodeURIComponent and
// a URL fragment all leave as they are, so a link shows them readably.
//
// PRESET CHOICE: <preset>[.<preset>...]-<f>-<mode>
//   sobel_x.sobel_y-3-sum     Sobel x and Sobel y, 3 x 3, each summed over the input channels
//   gaussian-5-each           a 5 x 5 Gaussian blur of every input channel on its own
//   Preset names and modes as in filters.ts. When reading, '+' or a space may stand for '.'
//   (a '+' in a query string arrives as a space) and ':' for '-'; letters may be upper case.
//
// SMALL W: <f>x<f>x<n_C_prev>x<n_C>_<v0>_<v1>_..._<vN-1>
//   3x3x1x1_0_-1_0_-1_5_-1_0_-1_0   (the sharpen kernel as a 1-channel W)
//   The N = f*f*n_C_prev*n_C values of W in row-major (f, f, n_C_prev, n_C) order, each the
//   shortest decimal that reads back to the same double (JavaScript's own Number-to-text, with an
//   exponent's '+' left out: 1e21, 2.5e-7), so a W survives the round trip bit for bit; -0 is
//   written "-0". At most MAX_ENCODED_WEIGHTS values (5 x 5 x 3 x 4); NaN and infinities have no
//   text. b is not part of the text (filter links use b = 0).
//
// The readers return { ok: false, message } with a sentence for bad text; nothing here throws.
import type { Tensor } from '../../engine/types';
import {
  MAX_FILTER_F,
  MAX_IN_CHANNELS,
  MAX_OUT_CHANNELS,
  MAX_PRESETS,
  MODES,
  PRESETS,
  presetKernel,
  type BankMode,
  type FilterBankSpec,
  type PresetId,
} from './filters';
import { fail, type Result } from './result';
import { tImage } from './messages';

/** Most values in a W text: 5 * 5 * 3 * 4. */
export const MAX_ENCODED_WEIGHTS = 300;
/** Longest text either reader looks at. */
const MAX_TEXT = 8000;

const EXAMPLE_SPEC = 'sobel_x.sobel_y-3-sum';
const EXAMPLE_W = '3x3x1x1_0_-1_0_-1_5_-1_0_-1_0';

/** The text of a preset choice, e.g. "sobel_x.sobel_y-3-sum". */
export function encodeFilterSpec(spec: FilterBankSpec): string {
  return `${spec.presets.join('.')}-${spec.f}-${spec.mode}`;
}

/** Reads a preset choice; checks the names, the mode, and that every preset has that f. */
export function parseFilterSpec(text: string): Result<{ spec: FilterBankSpec }> {
  if (typeof text !== 'string' || text.trim() === '') {
    return fail(() => tImage('filterEmpty', { example: EXAMPLE_SPEC }));
  }
  if (text.length > MAX_TEXT) return fail(() => tImage('filterTooLong', { n: text.length }));
  const parts = text.trim().toLowerCase().replace(/:/g, '-').split('-');
  if (parts.length !== 3) {
    return fail(() => tImage('filterParts', { text, example: EXAMPLE_SPEC }));
  }
  const [names, fText, modeText] = parts as [string, string, string];
  const ids = names.split(/[.+ ]/);
  if (ids.some((n) => n === '')) return fail(() => tImage('filterEmptyName', { text }));
  for (const n of ids) {
    if (!PRESETS.some((p) => p.id === n)) {
      return fail(() => tImage('filterUnknown', { name: n, list: PRESETS.map((p) => p.id).join(', ') }));
    }
  }
  if (ids.length > MAX_PRESETS)
    return fail(() => tImage('tooManyPresets', { max: MAX_PRESETS, n: ids.length }));
  if (!/^\d{1,2}$/.test(fText)) {
    return fail(() => tImage('filterSize', { text, f: fText }));
  }
  const f = Number(fText);
  const mode = MODES.find((m) => m.id === modeText)?.id;
  if (mode === undefined) {
    return fail(() => tImage('filterMode', { text, mode: modeText }));
  }
  const presets = ids as PresetId[];
  for (const id of presets) {
    const k = presetKernel(id, f);
    if (!k.ok) return k;
  }
  return { ok: true, spec: { presets, f, mode: mode as BankMode } };
}

function numberText(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x).replace('e+', 'e');
}

/** The text of a small W, e.g. "3x3x1x1_0_-1_0_-1_5_-1_0_-1_0". */
export function encodeWeights(W: Tensor): Result<{ text: string }> {
  const [f, f2, nCPrev, nC] = W.shape;
  if (f !== f2) return fail(() => tImage('weightsNotSquare', { shape: W.shape.join(' × ') }));
  if (W.data.length !== f * f * nCPrev * nC) return fail(() => tImage('weightsCount'));
  if (W.data.length > MAX_ENCODED_WEIGHTS) {
    return fail(() => tImage('weightsTooMany', { n: W.data.length, max: MAX_ENCODED_WEIGHTS }));
  }
  const values: string[] = [];
  for (const x of W.data) {
    if (!Number.isFinite(x)) return fail(() => tImage('weightsNotFinite', { x: String(x) }));
    values.push(numberText(x));
  }
  return { ok: true, text: [`${f}x${f}x${nCPrev}x${nC}`, ...values].join('_') };
}

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** Reads a W text back: the shape, then exactly as many finite numbers as it needs. */
export function parseWeights(text: string): Result<{ W: Tensor }> {
  if (typeof text !== 'string' || text.trim() === '') {
    return fail(() => tImage('weightsEmpty', { example: EXAMPLE_W }));
  }
  if (text.length > MAX_TEXT) return fail(() => tImage('weightsTooLong', { n: text.length }));
  const [head, ...rest] = text.trim().split('_');
  const dims = head!.toLowerCase().split('x');
  if (dims.length !== 4 || !dims.every((d) => /^\d{1,3}$/.test(d))) {
    return fail(() => tImage('weightsHead', { head: head ?? '' }));
  }
  const [f, f2, nCPrev, nC] = dims.map(Number) as [number, number, number, number];
  if (f !== f2) return fail(() => tImage('windowNotSquare', { f, f2 }));
  if (f < 1 || f > MAX_FILTER_F) return fail(() => tImage('fRange', { max: MAX_FILTER_F, f }));
  if (nCPrev < 1 || nCPrev > MAX_IN_CHANNELS) {
    return fail(() => tImage('nCPrevRange', { max: MAX_IN_CHANNELS, n: nCPrev }));
  }
  if (nC < 1 || nC > MAX_OUT_CHANNELS) return fail(() => tImage('nCRange', { max: MAX_OUT_CHANNELS, n: nC }));
  const n = f * f * nCPrev * nC;
  if (n > MAX_ENCODED_WEIGHTS) {
    return fail(() =>
      tImage('shapeTooMany', { shape: `${f}x${f}x${nCPrev}x${nC}`, n, max: MAX_ENCODED_WEIGHTS }),
    );
  }
  if (rest.length !== n) {
    return fail(() => tImage('valuesCount', { shape: `${f}x${f}x${nCPrev}x${nC}`, n, found: rest.length }));
  }
  const data = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    const t = rest[q]!;
    const x = NUMBER.test(t) ? Number(t) : Number.NaN;
    if (!Number.isFinite(x)) return fail(() => tImage('valueNotFinite', { q: q + 1, text: t }));
    data[q] = x;
  }
  return { ok: true, W: { shape: [f, f, nCPrev, nC], data } };
}
