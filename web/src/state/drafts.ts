// The form's drafts: what the inputs hold, valid or not, and the choices that are not typed.
// A configuration is made of them only when every field parses; whether the fields fit together
// is the operation's (the C library's) call, made by the store.

import { computed, signal, type ReadonlySignal } from '@preact/signals';
import {
  draftsOf,
  FIELDS,
  parseField,
  type Config,
  type DataKind,
  type Drafts,
  type FieldKey,
} from './config';

export type FieldErrors = Partial<Record<FieldKey, string>>;

function fieldErrorsOf(d: Drafts): FieldErrors {
  const out: FieldErrors = {};
  for (const key of Object.keys(FIELDS) as FieldKey[]) {
    const r = parseField(FIELDS[key], d[key]);
    if (!r.ok) out[key] = r.message;
  }
  return out;
}

/** The configuration's keys that are not typed fields: the operations' choices. */
function choicesOf(c: Config): Partial<Config> {
  const out: Partial<Config> = { ...c };
  for (const key of Object.keys(FIELDS) as FieldKey[]) delete out[key];
  delete out.data;
  return out;
}

export interface FormDrafts {
  readonly drafts: ReadonlySignal<Drafts>;
  readonly dataKind: ReadonlySignal<DataKind>;
  readonly fieldErrors: ReadonlySignal<FieldErrors>;
  /** the configuration the drafts describe, or null while a field is refused */
  candidate(): Config | null;
  setField(key: FieldKey, text: string): void;
  setDataKind(kind: DataKind): void;
  setChoices(patch: Partial<Config>): void;
  /** every draft from `c` */
  reset(c: Config): void;
}

export function createDrafts(start: Config): FormDrafts {
  const drafts = signal<Drafts>(draftsOf(start));
  const dataKind = signal<DataKind>(start.data);
  const choices = signal<Partial<Config>>(choicesOf(start));
  return {
    drafts,
    dataKind,
    fieldErrors: computed(() => fieldErrorsOf(drafts.value)),
    candidate() {
      const c = { ...choices.peek(), data: dataKind.peek() } as Config;
      const d = drafts.peek();
      for (const key of Object.keys(FIELDS) as FieldKey[]) {
        const r = parseField(FIELDS[key], d[key]);
        if (!r.ok) return null;
        c[key] = r.value;
      }
      return c;
    },
    setField(key, text) {
      drafts.value = { ...drafts.peek(), [key]: text };
    },
    setDataKind(kind) {
      dataKind.value = kind;
    },
    setChoices(patch) {
      choices.value = { ...choices.peek(), ...patch };
    },
    reset(c) {
      drafts.value = draftsOf(c);
      dataKind.value = c.data;
      choices.value = choicesOf(c);
    },
  };
}
