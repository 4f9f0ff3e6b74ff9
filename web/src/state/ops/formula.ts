// The output-size formula worked out with the current numbers, as the page prints it:
//   n_H = ⌊(5 + 2·1 − 3) / 2⌋ + 1 = 3
// With dilation the filter spans dilation·(f − 1) + 1 cells, which the formula shows.

import type { Config } from '../config';

const MINUS = '\u2212';

function one(name: string, n: number, c: Config): { text: string; out: number } {
  const span = c.dil * (c.f - 1) + 1;
  const reach = c.dil > 1 ? `${c.dil}·(${c.f} ${MINUS} 1) ${MINUS} 1` : `${c.f}`;
  const inner = n + 2 * c.pad - span;
  const out = Math.floor(inner / c.stride) + 1;
  const text =
    c.stride === 1
      ? `${name} = (${n} + 2·${c.pad} ${MINUS} ${reach}) + 1 = ${out}`
      : `${name} = ⌊(${n} + 2·${c.pad} ${MINUS} ${reach}) / ${c.stride}⌋ + 1 = ${out}`;
  return { text, out };
}

export interface SizeFormulas {
  nH: string;
  nW: string;
  steps: string;
}

export function convFormulas(c: Config): SizeFormulas {
  const h = one('n_H', c.H, c);
  const w = one('n_W', c.W, c);
  const total = c.m * c.Cout * h.out * w.out;
  return {
    nH: h.text,
    nW: w.text,
    steps: `steps = m·n_C·n_H·n_W = ${c.m}·${c.Cout}·${h.out}·${w.out} = ${total}`,
  };
}

/** "2 rows and 1 column never visited", or null when every row and column is visited. */
export function unvisitedNote(rows: readonly boolean[], cols: readonly boolean[]): string | null {
  const r = rows.filter((v) => !v).length;
  const c = cols.filter((v) => !v).length;
  if (r === 0 && c === 0) return null;
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [r > 0 ? part(r, 'row') : null, c > 0 ? part(c, 'column') : null].filter((x) => x !== null);
  return `${parts.join(' and ')} never visited`;
}
