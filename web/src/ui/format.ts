// Numbers as people read them: a true minus sign, no "-0", few decimals in a cell,
// more in the arithmetic.

import type { DataKind } from '../state/config';

const MINUS = '\u2212';

function signed(s: string): string {
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

/** Fixed decimals, with a real minus sign and without "-0.00". */
export function fixed(v: number, digits: number): string {
  if (Number.isNaN(v)) return 'NaN';
  let s = v.toFixed(digits);
  if (/^-0\.?0*$/.test(s)) s = s.slice(1);
  return signed(s);
}

/** A value inside a grid cell: short. */
export function cellText(v: number, data: DataKind): string {
  if (data === 'ints' && Number.isInteger(v)) return signed(String(v === 0 ? 0 : v));
  const a = Math.abs(v);
  return fixed(v, a >= 100 ? 0 : a >= 10 ? 1 : 2);
}

/** A value in a small grid cell: one decimal fewer. */
export function shortCellText(v: number, data: DataKind): string {
  if (data === 'ints' && Number.isInteger(v)) return signed(String(v === 0 ? 0 : v));
  const a = Math.abs(v);
  return fixed(v, a >= 10 ? 0 : 1);
}

/** A value in the arithmetic panel and the announcements. */
export function longText(v: number, data: DataKind): string {
  if (data === 'ints' && Number.isInteger(v)) return signed(String(v === 0 ? 0 : v));
  return fixed(v, 4);
}

/** A factor in a written-out product: negative numbers in parentheses. */
export function factor(v: number, data: DataKind): string {
  const s = data === 'ints' && Number.isInteger(v) ? signed(String(v === 0 ? 0 : v)) : fixed(v, 2);
  return s.startsWith(MINUS) ? `(${s})` : s;
}

export { MINUS };
