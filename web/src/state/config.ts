// The configuration a teacher types in: the layer's sizes, the data's seed and kind.
// Every field is parsed on its own here (a sentence for each way it can be wrong); whether the
// fields fit together (does the filter fit the padded input?) is the C library's call.

import type { ConvParams, Shape4 } from '../engine/types';
import { tState } from './messages';
import { liveWords } from './locale';

export type DataKind = 'gauss' | 'ints';

/** The layer every operation shares: its sizes and its data. */
interface LayerConfig {
  /** samples */
  m: number;
  /** n_H_prev */
  H: number;
  /** n_W_prev */
  W: number;
  /** n_C_prev */
  Cin: number;
  /** n_C */
  Cout: number;
  f: number;
  stride: number;
  pad: number;
  /** 1 = no gaps, as in the assignment */
  dil: number;
  seed: number;
  data: DataKind;
}

/** A layer and the operations' own choices (pooling's mode, conv_backward's dZ, ...): each a
 * string under the key its operation declares (ChoiceSpec); an absent key means its default.
 * Choices of other operations are kept, so that switching back finds them again. */
export interface Config extends LayerConfig {
  [choice: string]: number | string | undefined;
}

/** One of an operation's own choices: its key in the configuration and the link, and the values
 * it takes, the first being the default. */
export interface ChoiceSpec {
  key: string;
  values: readonly string[];
}

/** The choice's value in `c`, or its default. */
export function choiceOf(c: Config, spec: ChoiceSpec): string {
  const v = c[spec.key];
  return typeof v === 'string' && spec.values.includes(v) ? v : (spec.values[0] ?? '');
}

export type FieldKey = Exclude<keyof LayerConfig, 'data'>;

export interface FieldSpec {
  key: FieldKey;
  /** the seed's name, shown as the input's label */
  label: string;
  /** what it means, shown under the label */
  hint: string;
  min: number;
  max: number;
}

// Ranges keep every channel drawable and every step fast, up to a small image (128×128) and a
// small layer (16 → 32 channels); the C library would accept far more.
export const FIELDS: Record<FieldKey, FieldSpec> = {
  // 10: the notebook's conv_backward test has ten samples
  m: field('m', 'm', 1, 10),
  H: field('H', 'n_H_prev', 1, 128),
  W: field('W', 'n_W_prev', 1, 128),
  Cin: field('Cin', 'n_C_prev', 1, 16),
  Cout: field('Cout', 'n_C', 1, 32),
  f: field('f', 'f', 1, 9),
  stride: field('stride', 'stride', 1, 8),
  pad: field('pad', 'pad', 0, 8),
  dil: field('dil', 'dilation', 1, 4),
  seed: field('seed', 'seed', 0, 4294967295),
};

/** A field whose hint is said in the page's language. */
function field(key: FieldKey, label: string, min: number, max: number): FieldSpec {
  return liveWords({ key, label, min, max }, { hint: () => tState(`hint_${key}`) });
}

/** The fields of the layer, in the order the form shows them. */
export const LAYER_FIELDS: readonly FieldKey[] = ['m', 'H', 'W', 'Cin', 'Cout', 'f', 'stride', 'pad', 'dil'];

/** The notebook's test case: np.random.seed(1); A_prev (2,5,7,4), W (3,3,4,8), b (1,1,1,8),
 * hparameters {"pad": 1, "stride": 2}. */
export const NOTEBOOK: Config = {
  m: 2,
  H: 5,
  W: 7,
  Cin: 4,
  Cout: 8,
  f: 3,
  stride: 2,
  pad: 1,
  dil: 1,
  seed: 1,
  data: 'gauss',
};

export interface Preset {
  name: string;
  /** one line on what the preset shows */
  why: string;
  config: Config;
}

/** A preset whose name and why are said in the page's language of the moment: they are read
 * each time they are shown. */
export function preset({
  name,
  why,
  config,
}: {
  name: () => string;
  why: () => string;
  config: Config;
}): Preset {
  return liveWords({ config }, { name, why });
}

export const PRESETS: readonly Preset[] = [
  preset({
    name: () => tState('presetNotebook'),
    why: () => tState('presetNotebookWhy'),
    config: NOTEBOOK,
  }),
  preset({
    name: () => tState('presetInts'),
    why: () => tState('presetIntsWhy'),
    config: { m: 1, H: 4, W: 4, Cin: 1, Cout: 1, f: 2, stride: 1, pad: 0, dil: 1, seed: 3, data: 'ints' },
  }),
  preset({
    name: () => tState('presetGap'),
    why: () => tState('presetGapWhy'),
    config: { m: 1, H: 6, W: 6, Cin: 2, Cout: 2, f: 3, stride: 2, pad: 0, dil: 1, seed: 2, data: 'ints' },
  }),
  preset({
    name: () => tState('presetDilation'),
    why: () => tState('presetDilationWhy'),
    config: { m: 1, H: 7, W: 7, Cin: 1, Cout: 2, f: 3, stride: 1, pad: 0, dil: 2, seed: 5, data: 'ints' },
  }),
];

export type FieldResult = { ok: true; value: number } | { ok: false; message: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Quote what the person typed, shortened: it is only ever shown as text, never as HTML. */
function quote(text: string): string {
  const t = text.length > 16 ? `${text.slice(0, 15)}…` : text;
  return `“${t}”`;
}

/** Parse one field's text. Refuses (never clamps) with a sentence that gives the range. */
export function parseField(spec: FieldSpec, raw: string): FieldResult {
  const text = raw.trim();
  const facts = { label: spec.label, min: spec.min, max: spec.max, text: quote(text) };
  if (text === '') return { ok: false, message: tState('fieldEmpty', facts) };
  if (!NUMBER.test(text)) return { ok: false, message: tState('fieldNotNumber', facts) };
  const v = Number(text);
  if (!Number.isFinite(v) || v > spec.max) return { ok: false, message: tState('fieldTooLarge', facts) };
  if (v < 0) return { ok: false, message: tState('fieldNegative', facts) };
  if (!Number.isInteger(v)) return { ok: false, message: tState('fieldNotWhole', facts) };
  if (v < spec.min) return { ok: false, message: tState(v === 0 ? 'fieldZero' : 'fieldTooSmall', facts) };
  return { ok: true, value: v };
}

export type Drafts = Record<FieldKey, string>;

export function draftsOf(c: Config): Drafts {
  const d = {} as Drafts;
  for (const k of Object.keys(FIELDS) as FieldKey[]) d[k] = String(c[k]);
  return d;
}

export function inputShape(c: Config): Shape4 {
  return [c.m, c.H, c.W, c.Cin];
}

export function convParams(c: Config): ConvParams {
  return { f: c.f, nC: c.Cout, stride: c.stride, pad: c.pad, dilation: c.dil };
}

/** The same layer and the same choices; `choices` gives the defaults that an absent key means. */
export function sameConfig(a: Config, b: Config, choices: readonly ChoiceSpec[] = []): boolean {
  if (a.data !== b.data) return false;
  for (const k of Object.keys(FIELDS) as FieldKey[]) if (a[k] !== b[k]) return false;
  const specs = new Map(choices.map((s) => [s.key, s]));
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'data' || k in FIELDS) continue;
    const spec = specs.get(k);
    const same = spec !== undefined ? choiceOf(a, spec) === choiceOf(b, spec) : a[k] === b[k];
    if (!same) return false;
  }
  return true;
}
