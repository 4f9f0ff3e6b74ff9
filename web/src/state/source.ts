// The data source: tensors the student brought (an image, a pasted array, a filter preset) in
// place of what the seed draws. The store holds one DataSource and hands it to an operation when
// it opens a run; the operation asks `customOr` for each input it draws, by the seed's name
// (A_prev, W, b, dZ, dA). A custom tensor is used only while its shape is the one the layer
// needs; otherwise the seed's draw is, and the input panel says why.
//
// A filter preset or a small W travels in the link (`link`, written by url.ts); an image does
// not: its pixels would make the link too long, and the page says so.

import type { Tensor } from '../engine/types';
import { buildFilterBank, encodeWeights, parseFilterSpec, parseWeights } from '../lib/image';
import { tState } from './messages';
import { liveWords } from './locale';

export interface CustomTensor {
  readonly tensor: Tensor;
  /** where it came from, for the panel: "scene.png, 64 × 64, gray", "pasted", "Sobel x, Sobel y" */
  readonly origin: string;
  /** how it travels in the link: a query key and its text; absent: it does not travel */
  readonly link?: readonly [string, string];
}

/** Custom tensors by the seed's name of the input they replace. */
export type DataSource = Readonly<Record<string, CustomTensor>>;

export const NO_SOURCE: DataSource = {};

/** The link keys a data source writes: a preset choice, a small W written out. */
export const FILTER_KEY = 'filter';
export const WEIGHTS_KEY = 'weights';

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, k) => d === b[k]);
}

/** The custom tensor called `name` if it has the shape of `drawn`, else `drawn`. */
export function customOr(source: DataSource | undefined, name: string, drawn: Tensor): Tensor {
  const own = source?.[name];
  return own !== undefined && sameShape(own.tensor.shape, drawn.shape) ? own.tensor : drawn;
}

/** "(1, 64, 64, 3)", as numpy prints a shape. */
export function shapeText(shape: readonly number[]): string {
  return `(${shape.join(', ')})`;
}

/** The source with `patch` merged in; null removes an entry. */
export function patchSource(
  source: DataSource,
  patch: Readonly<Record<string, CustomTensor | null>>,
): DataSource {
  const next: Record<string, CustomTensor> = { ...source };
  for (const [name, t] of Object.entries(patch)) {
    if (t === null) delete next[name];
    else next[name] = t;
  }
  return next;
}

/** W and b as a filter's link text makes them for `nCPrev` input channels. */
export function filterTensors(text: string, nCPrev: number): { W: CustomTensor; b: CustomTensor } | string {
  const parsed = parseFilterSpec(text);
  if (!parsed.ok) return parsed.message;
  const bank = buildFilterBank(parsed.spec, nCPrev);
  if (!bank.ok) return bank.message;
  const link = [FILTER_KEY, text] as const;
  const origin = () => tState('originFilter', { text });
  return {
    W: liveWords({ tensor: bank.W, link }, { origin }),
    b: liveWords({ tensor: bank.b, link }, { origin }),
  };
}

/** W from a small W's link text (b stays the seed's). */
export function weightsTensor(text: string): CustomTensor | string {
  const parsed = parseWeights(text);
  if (!parsed.ok) return parsed.message;
  return liveWords(
    { tensor: parsed.W, link: [WEIGHTS_KEY, text] as const },
    { origin: () => tState('originLinkW') },
  );
}

/** A pasted W's link text, when it is small enough to travel (else undefined). */
export function weightsLink(W: Tensor): readonly [string, string] | undefined {
  const e = encodeWeights(W);
  return e.ok ? [WEIGHTS_KEY, e.text] : undefined;
}

/** The entries that do not travel in the link (an image, a large pasted array). */
export function unlinked(source: DataSource): string[] {
  return Object.entries(source)
    .filter(([, t]) => t.link === undefined)
    .map(([name]) => name);
}
