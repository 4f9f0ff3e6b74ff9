// A teacher shares a link: the configuration and the step live in the query string,
// e.g. ?op=conv_forward&m=2&H=5&W=7&Cin=4&Cout=8&f=3&stride=2&pad=1&dil=1&seed=1&data=gauss&step=37
// A bad parameter gets the same sentence as a bad input and falls back to the default.

import type { Op, PoolMode, PoolTies } from '../engine/types';
import { DEFAULT_CONFIG, FIELDS, OPS, parseField, type Config, type DataKind, type FieldKey } from './config';
import { DZ_SOURCES, dzOf, type DzSource } from './config';
import { DA_SOURCES, poolChoices, type DaSource } from './config';

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
  const rawDz = q.get('dz');
  if (rawDz !== null) {
    if ((DZ_SOURCES as readonly string[]).includes(rawDz)) {
      if (rawDz !== 'randn') config.dz = rawDz as DzSource;
    } else notes.push(`URL: dz “${short(rawDz)}” is not one of ${DZ_SOURCES.join(', ')}; using randn.`);
  }
  // pooling's choices; absent ones mean max, every tied maximum (the assignment), dA by randn
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | null => {
    const raw = q.get(name);
    if (raw === null) return null;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    notes.push(`URL: ${name} “${short(raw)}” is not one of ${allowed.join(', ')}; using ${allowed[0]}.`);
    return null;
  };
  const mode = pick<PoolMode>('mode', ['max', 'average']);
  if (mode !== null && mode !== 'max') config.mode = mode;
  const ties = pick<PoolTies>('ties', ['all', 'first']);
  if (ties !== null && ties !== 'all') config.ties = ties;
  const da = pick<DaSource>('da', DA_SOURCES);
  if (da !== null && da !== 'randn') config.da = da;
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
  if (op === 'conv_backward') q.set('dz', dzOf(c));
  if (op === 'pool_forward' || op === 'pool_backward') q.set('mode', poolChoices(c).mode);
  if (op === 'pool_backward') {
    q.set('ties', poolChoices(c).ties);
    q.set('da', poolChoices(c).da);
  }
  q.set('step', String(step));
  return `?${q.toString()}`;
}

function short(s: string): string {
  return s.length > 16 ? `${s.slice(0, 15)}…` : s;
}
