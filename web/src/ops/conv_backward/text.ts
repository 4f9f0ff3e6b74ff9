// Small text helpers shared by conv_backward's views: offsets, step lists, precise numbers.

import { fixed, MINUS } from '../../ui/format';
import type { DataKind } from '../../state/config';

/** A number with `digits` significant digits, a true minus sign, exponent form when tiny or huge. */
export function precise(v: number, digits = 10): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a < 1e-4 || a >= 1e7 ? v.toExponential(digits - 1) : v.toPrecision(digits);
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

/** A relative difference such as "3.1e−10". */
export function relText(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (v === 0) return '0 (identical)';
  return v.toExponential(1).replace('e-', `e${MINUS}`).replace('e+', 'e');
}

/** An amount added: "+0.37" or "−0.37". */
export function signedText(v: number, digits: number): string {
  const s = fixed(v, digits);
  return s.startsWith(MINUS) ? s : `+${s}`;
}

/** An amount added, as precise as the data: "+2" for small integers, else "+0.3712". */
export function addText(v: number, data: DataKind, digits = 4): string {
  return signedText(v, data === 'ints' && Number.isInteger(v) ? 0 : digits);
}
