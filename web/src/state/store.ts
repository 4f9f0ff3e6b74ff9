// The app's state: signals the components read, and the actions they call. This module is the
// only one that talks to the engine (through the op view models); components never do.

import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { Engine, Op } from '../engine/types';
import {
  DEFAULT_CONFIG,
  draftsOf,
  FIELDS,
  parseField,
  sameConfig,
  type Config,
  type DataKind,
  type Drafts,
  type FieldKey,
} from './config';
import type { ConvBackwardState } from './ops/convBackwardState';
import type { CodeLang } from './ops/codeLines';
import { convBackwardStateMakerNow, convForwardModel, loadModel, modelNow, OP_INFO } from './ops/index';
import type { OpFrame, OpModel, OpRun } from './ops/model';
import { DEFAULT_SPEED, SPEEDS } from './speeds';
import { parseQuery, toQuery } from './url';

export interface StoreOptions {
  /** the page's query string, e.g. location.search */
  search?: string;
  /** keep the address bar's query in step with the state (history.replaceState) */
  syncUrl?: boolean;
  /** what else must be loaded before the store switches to `op` (its views' code): a promise,
   * or null when it is loaded already */
  prepare?: (op: Op) => Promise<unknown> | null;
}

export type FieldErrors = Partial<Record<FieldKey, string>>;

export interface Store {
  readonly op: ReadonlySignal<Op>;
  /** the op chosen whose code is still loading (the stage says so), else null */
  readonly loading: ReadonlySignal<Op | null>;
  /** what the inputs hold, valid or not */
  readonly drafts: ReadonlySignal<Drafts>;
  readonly dataKind: ReadonlySignal<DataKind>;
  /** one sentence per refused field */
  readonly fieldErrors: ReadonlySignal<FieldErrors>;
  /** the C library's sentence when the fields do not fit together */
  readonly comboError: ReadonlySignal<string | null>;
  /** sentences about refused URL parameters */
  readonly notes: ReadonlySignal<readonly string[]>;
  /** the last valid configuration: what the stage shows */
  readonly config: ReadonlySignal<Config>;
  /** the current op's run: a view casts it to its op's run type (ConvForwardRun, ...) */
  readonly run: ReadonlySignal<OpRun>;
  /** steps done, 0..total */
  readonly position: ReadonlySignal<number>;
  readonly total: ReadonlySignal<number>;
  /** the current op's frame (ConvFrame, ...), from its model's frame() */
  readonly frame: ReadonlySignal<OpFrame>;
  readonly playing: ReadonlySignal<boolean>;
  readonly speedIndex: ReadonlySignal<number>;
  readonly codeLang: ReadonlySignal<CodeLang>;
  /** what the aria-live region says */
  readonly announcement: ReadonlySignal<string>;
  /** conv_backward's selected cell, its history and the gradient check */
  readonly convBackward: ConvBackwardState;

  setField(key: FieldKey, text: string): void;
  /** ArrowUp / ArrowDown in a field: +1 / -1 within the field's range */
  nudgeField(key: FieldKey, delta: number): void;
  setDataKind(kind: DataKind): void;
  applyConfig(c: Config): void;
  /** the choices that are not typed fields (pool mode, ties, where a gradient comes from):
   * merged into the configuration, applied at once */
  setChoices(patch: Partial<Config>): void;
  /** switches to `op` (if it is stepped) on `c`, by default the current configuration; a
   * configuration that does not fit the op gives way to the op's fallback. At once when the op's
   * code is loaded, else once it is (`loading` says which op meanwhile); the promise settles
   * then, and never rejects: a failed load is said in `notes`. */
  setOp(op: Op, c?: Config): Promise<void>;
  seek(k: number): void;
  stepBy(delta: number): void;
  toStart(): void;
  toEnd(): void;
  togglePlay(): void;
  pause(): void;
  setSpeed(index: number): void;
  setCodeLang(lang: CodeLang): void;
  dispose(): void;
}

export function fieldErrorsOf(d: Drafts): FieldErrors {
  const out: FieldErrors = {};
  for (const key of Object.keys(FIELDS) as FieldKey[]) {
    const r = parseField(FIELDS[key], d[key]);
    if (!r.ok) out[key] = r.message;
  }
  return out;
}

/** The configuration's keys that are not typed fields: data and the optional choices. */
function choicesOf(c: Config): Partial<Config> {
  const out: Partial<Config> = { ...c };
  for (const key of Object.keys(FIELDS) as FieldKey[]) delete out[key];
  return out;
}

function parseDrafts(d: Drafts, data: DataKind, choices: Partial<Config> = {}): Config | null {
  const c = { ...choices, data } as Config;
  for (const key of Object.keys(FIELDS) as FieldKey[]) {
    const r = parseField(FIELDS[key], d[key]);
    if (!r.ok) return null;
    c[key] = r.value;
  }
  return c;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export { describeStep } from './ops/convForward';

function modelOf(op: Op): OpModel {
  return modelNow(op) ?? convForwardModel;
}

/** The op a query string opens (conv_forward when its op is not stepped). */
export function startOp(search: string): Op {
  const op = parseQuery(search).op;
  return OP_INFO[op].ready ? op : 'conv_forward';
}

/** Loads the code of the op `opts.search` opens, and what `opts.prepare` loads for it: before
 * createStore, so that the page draws its first stage with the op's code at hand. */
export async function loadStartOp(opts: StoreOptions = {}): Promise<void> {
  const op = startOp(opts.search ?? '');
  await Promise.all([loadModel(op), opts.prepare?.(op)]);
}

/** Creates the store. The op the query string opens must have its code loaded (loadStartOp). */
export function createStore(engine: Engine, opts: StoreOptions = {}): Store {
  const fromUrl = parseQuery(opts.search ?? '');
  const notes = signal<readonly string[]>(fromUrl.notes);
  const op = signal<Op>(OP_INFO[fromUrl.op].ready ? fromUrl.op : 'conv_forward');
  if (!OP_INFO[fromUrl.op].ready) {
    notes.value = [...notes.value, `URL: ${fromUrl.op} is coming next; showing conv_forward.`];
  }

  const startModel = modelNow(op.peek());
  if (startModel === undefined) throw new Error(`the code of ${op.peek()} is not loaded`);
  let model = startModel;
  let startConfig = fromUrl.config;
  let first: OpRun;
  try {
    const v = model.validate(engine, startConfig);
    if (!v.ok) throw new Error(v.message);
    first = model.open(engine, startConfig);
  } catch (e) {
    notes.value = [...notes.value, `URL: ${messageOf(e)}; showing the notebook example instead.`];
    startConfig = model.fallback ?? DEFAULT_CONFIG;
    first = model.open(engine, startConfig);
  }
  let startStep = Math.min(1, first.total);
  if (fromUrl.step !== null) {
    if (fromUrl.step > first.total) {
      notes.value = [
        ...notes.value,
        `URL: step ${fromUrl.step} is past the last step; showing step ${first.total}.`,
      ];
    }
    startStep = Math.min(fromUrl.step, first.total);
  }
  first.stepper.seek(startStep);

  const config = signal<Config>(startConfig);
  const drafts = signal<Drafts>(draftsOf(startConfig));
  const dataKind = signal<DataKind>(startConfig.data);
  const choices = signal<Partial<Config>>(choicesOf(startConfig));
  const comboError = signal<string | null>(null);
  const run = signal<OpRun>(first);
  const position = signal(startStep);
  const playing = signal(false);
  const speedIndex = signal(DEFAULT_SPEED);
  const codeLang = signal<CodeLang>('python');

  const fieldErrors = computed(() => fieldErrorsOf(drafts.value));
  const total = computed(() => run.value.total);
  const frame = computed(() => modelOf(run.value.op).frame(run.value, position.value));
  // conv_backward's own state, made once its code is loaded; until then nothing is selected.
  const backward = signal<ConvBackwardState | null>(null);
  function makeOpState(): void {
    const make = convBackwardStateMakerNow();
    if (backward.peek() === null && make !== null) backward.value = make(engine, run, position, frame);
  }
  makeOpState();
  const convBackward: ConvBackwardState = {
    selected: computed(() => backward.value?.selected.value ?? null),
    history: computed(() => backward.value?.history.value ?? null),
    check: computed(() => backward.value?.check.value ?? null),
    select(cell) {
      backward.peek()?.select(cell);
    },
  };
  const loading = signal<Op | null>(null);
  /** counts op choices: a load that finishes after a later choice is not switched to */
  let choice = 0;
  let disposed = false;
  const announcement = computed(() => {
    if (playing.value) return `playing, ${SPEEDS[speedIndex.value]?.label ?? ''}`;
    return modelOf(run.value.op).describe(frame.value, config.value.data);
  });

  /** Build a run for the drafts if they are all valid and fit together. */
  function tryApply(): void {
    const cand = parseDrafts(drafts.peek(), dataKind.peek(), choices.peek());
    if (cand === null) {
      comboError.value = null; // the field sentences say what is wrong
      return;
    }
    if (sameConfig(cand, config.peek())) {
      comboError.value = null;
      return;
    }
    let next: OpRun;
    try {
      const v = model.validate(engine, cand);
      if (!v.ok) {
        comboError.value = v.message;
        return;
      }
      next = model.open(engine, cand);
    } catch (e) {
      comboError.value = messageOf(e);
      return;
    }
    const k = Math.min(position.peek(), next.total);
    next.stepper.seek(k);
    const old = run.peek();
    batch(() => {
      run.value = next;
      config.value = cand;
      position.value = k;
      comboError.value = null;
      notes.value = []; // they were about the link, which no longer describes the stage
      if (k >= next.total) playing.value = false;
    });
    old.dispose();
  }

  /** Opens `next` on `want`, or on the op's fallback when `want` does not fit it; step 1. */
  function switchOp(next: Op, m: OpModel, want: Config): void {
    makeOpState();
    let c = want;
    let r: OpRun;
    try {
      const v = m.validate(engine, c);
      if (!v.ok) throw new Error(v.message);
      r = m.open(engine, c);
    } catch {
      c = m.fallback ?? DEFAULT_CONFIG;
      r = m.open(engine, c);
    }
    const k = Math.min(1, r.total);
    r.stepper.seek(k);
    const old = run.peek();
    batch(() => {
      model = m;
      loading.value = null;
      op.value = next;
      run.value = r;
      config.value = c;
      drafts.value = draftsOf(c);
      dataKind.value = c.data;
      choices.value = choicesOf(c);
      position.value = k;
      playing.value = false;
      comboError.value = null;
      notes.value = [];
    });
    old.dispose();
  }

  function seekTo(k: number): void {
    const s = run.peek();
    const target = Math.max(0, Math.min(s.total, Math.round(k)));
    if (target === s.stepper.position) {
      position.value = target;
      return;
    }
    if (target === s.stepper.position + 1) s.stepper.next();
    else s.stepper.seek(target);
    position.value = s.stepper.position;
  }

  const store: Store = {
    op,
    loading,
    drafts,
    dataKind,
    fieldErrors,
    comboError,
    notes,
    config,
    run,
    position,
    total,
    frame,
    playing,
    speedIndex,
    codeLang,
    announcement,
    convBackward,

    setField(key, text) {
      drafts.value = { ...drafts.peek(), [key]: text };
      tryApply();
    },
    nudgeField(key, delta) {
      const spec = FIELDS[key];
      const r = parseField(spec, drafts.peek()[key]);
      const base = r.ok ? r.value : config.peek()[key];
      const v = Math.max(spec.min, Math.min(spec.max, base + delta));
      store.setField(key, String(v));
    },
    setDataKind(kind) {
      dataKind.value = kind;
      tryApply();
    },
    applyConfig(c) {
      batch(() => {
        drafts.value = draftsOf(c);
        dataKind.value = c.data;
        choices.value = choicesOf(c);
      });
      tryApply();
    },
    setChoices(patch) {
      choices.value = { ...choices.peek(), ...patch };
      tryApply();
    },
    setOp(next, c) {
      if (!OP_INFO[next].ready) return Promise.resolve();
      const mine = ++choice;
      if (next === op.peek()) {
        loading.value = null; // a load still running for another op is not switched to
        if (c !== undefined) store.applyConfig(c);
        return Promise.resolve();
      }
      const m = modelNow(next);
      const views = opts.prepare?.(next) ?? null;
      if (m !== undefined && views === null) {
        switchOp(next, m, c ?? config.peek());
        return Promise.resolve();
      }
      loading.value = next;
      return Promise.all([loadModel(next), views]).then(
        ([loaded]) => {
          if (mine !== choice || disposed) return;
          switchOp(next, loaded, c ?? config.peek());
        },
        (e: unknown) => {
          if (mine !== choice || disposed) return;
          batch(() => {
            loading.value = null;
            notes.value = [
              ...notes.peek(),
              `The code of ${next} could not be loaded (${messageOf(e)}); choose it again to retry.`,
            ];
          });
        },
      );
    },
    seek(k) {
      playing.value = false;
      seekTo(k);
    },
    stepBy(delta) {
      playing.value = false;
      seekTo(position.peek() + delta);
    },
    toStart() {
      store.seek(0);
    },
    toEnd() {
      store.seek(run.peek().total);
    },
    togglePlay() {
      if (playing.peek()) {
        playing.value = false;
        return;
      }
      if (position.peek() >= run.peek().total) seekTo(0);
      playing.value = true;
    },
    pause() {
      playing.value = false;
    },
    setSpeed(index) {
      if (index >= 0 && index < SPEEDS.length) speedIndex.value = index;
    },
    setCodeLang(lang) {
      codeLang.value = lang;
    },
    dispose() {
      disposed = true;
      stopPlayer();
      stopUrl();
      run.peek().dispose();
    },
  };

  // Playing: a requestAnimationFrame loop that lives as long as `playing` is true.
  const stopPlayer = effect(() => {
    if (!playing.value) return;
    let id = 0;
    let last: number | null = null;
    let carry = 1; // the first frame steps at once, whatever the speed
    const tick = (now: number) => {
      const speed = SPEEDS[speedIndex.peek()] ?? SPEEDS[0]!;
      let n: number;
      if (speed.perFrame !== undefined) n = speed.perFrame;
      else {
        carry += last === null ? 0 : ((now - last) / 1000) * speed.perSecond;
        n = Math.floor(carry);
        carry -= n;
      }
      last = now;
      const s = run.peek();
      if (n > 0) seekTo(position.peek() + n);
      if (position.peek() >= s.total) {
        playing.value = false;
        return;
      }
      id = requestAnimationFrame(tick);
    };
    id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  });

  // The address bar follows the state, so that a teacher can share the link. Not while playing,
  // and at most a few times a second (browsers limit replaceState).
  const stopUrl =
    opts.syncUrl === true
      ? effect(() => {
          const query = toQuery(op.value, config.value, position.value);
          if (playing.value) return;
          const t = setTimeout(() => {
            try {
              if (window.location.search !== query) {
                window.history.replaceState(
                  window.history.state,
                  '',
                  `${window.location.pathname}${query}${window.location.hash}`,
                );
              }
            } catch {
              // a browser that refuses (too many calls) keeps the old address; nothing is lost
            }
          }, 250);
          return () => clearTimeout(t);
        })
      : () => {};

  return store;
}
