// The output-size formula worked out with the current numbers, as the page prints it:
//   n_H = ⌊(5 + 2·1 − 3) / 2⌋ + 1 = 3
// With dilation the filter spans dilation·(f − 1) + 1 cells, which the formula shows.

import type { Config } from '../../state/config';
import type { SizeFormulas } from '../../ui/StageHead';
import { tUi } from '../../ui/messages';

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

export function convFormulas(c: Config): SizeFormulas {
  const h = one('n_H', c.H, c);
  const w = one('n_W', c.W, c);
  const total = c.m * c.Cout * h.out * w.out;
  return {
    nH: h.text,
    nW: w.text,
    steps: `${tUi('stepsWord')} = m·n_C·n_H·n_W = ${c.m}·${c.Cout}·${h.out}·${w.out} = ${total}`,
  };
}
