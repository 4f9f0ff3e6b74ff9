// A teacher shares a link: the configuration and the step live in the query string,
// e.g. ?op=conv_forward&m=2&H=5&W=7&Cin=4&Cout=8&f=3&stride=2&pad=1&dil=1&seed=1&data=gauss&step=37
// A bad parameter gets the same sentence as a bad input and falls back to the default.

import type { Op } from '../engine/types';
import { DEFAULT_CONFIG, FIELDS, OPS, parseField, type Config, type DataKind, type FieldKey } from './config';

export interface UrlState {
  op: Op;
  config: Config;
  /** the requested step; checked against the total later (null: not given) */
  step: number | null;
  /** one sentence per parameter that was refused */
  notes: string[];
}

const DATA_KINDS: readonly DataKind[] = ['gauss', 'ints'];

export function parseQuery(search: string): UrlState {
  const q = new URLSearchParams(search);
  const notes: string[] = [];
  const config: Config = { ...DEFAULT_CONFIG };
  let op: Op = 'conv_forward';

  const rawOp = q.get('op');
  if (rawOp !== null) {
    if ((OPS as readonly string[]).includes(rawOp)) op = rawOp as Op;
    else notes.push(`URL: op “${short(rawOp)}” is not one of ${OPS.join(', ')}; showing conv_forward.`);
  }
  for (const key of Object.keys(FIELDS) as FieldKey[]) {
    const raw = q.get(key);
    if (raw === null) continue;
    const r = parseField(FIELDS[key], raw);
    if (r.ok) config[key] = r.value;
    else notes.push(`URL: ${r.message} Using ${DEFAULT_CONFIG[key]}.`);
  }
  const rawData = q.get('data');
  if (rawData !== null) {
    if ((DATA_KINDS as readonly string[]).includes(rawData)) config.data = rawData as DataKind;
    else notes.push(`URL: data “${short(rawData)}” is not gauss or ints; using gauss.`);
  }
  let step: number | null = null;
  const rawStep = q.get('step');
  if (rawStep !== null) {
    const r = parseField({ key: 'seed', label: 'step', hint: '', min: 0, max: 1e9 }, rawStep);
    if (r.ok) step = r.value;
    else notes.push(`URL: ${r.message} Starting at step 1.`);
  }
  return { op, config, step, notes };
}

export function toQuery(op: Op, c: Config, step: number): string {
  const q = new URLSearchParams();
  q.set('op', op);
  for (const key of Object.keys(FIELDS) as FieldKey[]) q.set(key, String(c[key]));
  q.set('data', c.data);
  q.set('step', String(step));
  return `?${q.toString()}`;
}

function short(s: string): string {
  return s.length > 16 ? `${s.slice(0, 15)}…` : s;
}
