// The one result shape of lib/image: a value, or a sentence saying why there is none, said
// when it is read (in the page's language then). Nothing in lib/image throws on bad input; the
// UI shows `message` as it is.

import { refusal } from '../i18n';

export type Result<T> = ({ ok: true } & T) | { ok: false; readonly message: string };

/** A refusal; `say` makes its sentence each time it is read (a fixed text stays as it is). */
export function fail(say: string | (() => string)): { ok: false; readonly message: string } {
  return refusal(typeof say === 'string' ? () => say : say);
}

/** "3", "2.5", "NaN", "'abc'": a value as a sentence can quote it. */
export function quote(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}
