// A teacher shares a link: the configuration and the step live in the query string,
// e.g. ?op=conv_forward&m=2&H=5&W=7&Cin=4&Cout=8&f=3&stride=2&pad=1&dil=1&seed=1&data=gauss&step=37
// A bad parameter gets the same sentence as a bad input and falls back to the default. Each
// operation's own choices (OpInfo.choices) travel under their keys.

import { NOTEBOOK, FIELDS, parseField, type Config, type DataKind, type FieldKey } from './config';
import { choiceOf } from './config';
import { tState } from './messages';
import type { OpId } from './operation';
import type { Registry } from './registry';
import { FILTER_KEY, filterTensors, NO_SOURCE, WEIGHTS_KEY, weightsTensor, type DataSource } from './source';

export interface UrlState {
  op: OpId;
  config: Config;
  /** the requested step; checked against the total later (null: not given) */
  step: number | null;
  /** one sentence per parameter that was refused */
  notes: string[];
  /** the tensors the link carries (a filter preset, a small W); absent when it carries none */
  source?: DataSource;
}

export interface UrlCodec {
  parseQuery(search: string): UrlState;
  toQuery(op: OpId, c: Config, step: number, source?: DataSource): string;
}

const DATA_KINDS: readonly DataKind[] = ['gauss', 'ints'];

export function createUrlCodec(registry: Pick<Registry, 'infos' | 'info' | 'choices'>): UrlCodec {
  const ids = registry.infos.map((i) => i.id);
  const first = ids[0] ?? '';
  return {
    parseQuery(search) {
      const q = new URLSearchParams(search);
      const notes: string[] = [];
      const config: Config = { ...NOTEBOOK };
      let op: OpId = first;

      const rawOp = q.get('op');
      if (rawOp !== null) {
        if (ids.includes(rawOp)) op = rawOp;
        else notes.push(tState('linkBadOp', { raw: short(rawOp), ops: ids.join(', '), first }));
      }
      for (const key of Object.keys(FIELDS) as FieldKey[]) {
        const raw = q.get(key);
        if (raw === null) continue;
        const r = parseField(FIELDS[key], raw);
        if (r.ok) config[key] = r.value;
        else notes.push(tState('linkBadField', { why: r.message, value: NOTEBOOK[key] }));
      }
      const rawData = q.get('data');
      if (rawData !== null) {
        if ((DATA_KINDS as readonly string[]).includes(rawData)) config.data = rawData as DataKind;
        else notes.push(tState('linkBadData', { raw: short(rawData) }));
      }
      // the operations' choices; an absent or default one is left out of the configuration
      for (const spec of registry.choices) {
        const raw = q.get(spec.key);
        if (raw === null) continue;
        if (spec.values.includes(raw)) {
          if (raw !== spec.values[0]) config[spec.key] = raw;
        } else {
          const values = spec.values.join(', ');
          notes.push(
            tState('linkBadChoice', { key: spec.key, raw: short(raw), values, first: spec.values[0] ?? '' }),
          );
        }
      }
      // the data source's tensors that travel: a filter preset, then a small W
      let source: DataSource = NO_SOURCE;
      const rawFilter = q.get(FILTER_KEY);
      if (rawFilter !== null) {
        const t = filterTensors(rawFilter, config.Cin);
        if (typeof t === 'string') notes.push(tState('linkBadFilter', { why: t }));
        else source = { ...source, W: t.W, b: t.b };
      }
      const rawWeights = q.get(WEIGHTS_KEY);
      if (rawWeights !== null) {
        const t = weightsTensor(rawWeights);
        if (typeof t === 'string') notes.push(tState('linkBadWeights', { why: t }));
        else source = { ...source, W: t };
      }
      let step: number | null = null;
      const rawStep = q.get('step');
      if (rawStep !== null) {
        const r = parseField({ key: 'seed', label: 'step', hint: '', min: 0, max: 1e9 }, rawStep);
        if (r.ok) step = r.value;
        else notes.push(tState('linkBadStep', { why: r.message }));
      }
      return source === NO_SOURCE ? { op, config, step, notes } : { op, config, step, notes, source };
    },

    toQuery(op, c, step, source = NO_SOURCE) {
      const q = new URLSearchParams();
      q.set('op', op);
      for (const key of Object.keys(FIELDS) as FieldKey[]) q.set(key, String(c[key]));
      q.set('data', c.data);
      for (const spec of registry.info(op)?.choices ?? []) q.set(spec.key, choiceOf(c, spec));
      for (const t of Object.values(source)) if (t.link !== undefined) q.set(t.link[0], t.link[1]);
      q.set('step', String(step));
      return `?${q.toString()}`;
    },
  };
}

/** What the link said, shortened and quoted: “…”. */
function short(s: string): string {
  return `“${s.length > 16 ? `${s.slice(0, 15)}…` : s}”`;
}
