// The one result shape of lib/image: a value, or an English sentence saying why there is none.
// Nothing in lib/image throws on bad input; the UI shows `message` as it is.

export type Result<T> = ({ ok: true } & T) | { ok: false; message: string };

export function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

/** "3", "2.5", "NaN", "'abc'": a value as a sentence can quote it. */
export function quote(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}
