// The app's state: signals the components read, and the actions they call (storeTypes.ts). It
// owns the current operation's run (opened through the operation, which alone talks to the
// engine) and switches operations once their code is loaded; it composes the form's drafts
// (drafts.ts), the transport (transport.ts) and the link (url.ts, urlSync.ts).

import { batch, computed, signal } from '@preact/signals';
import type { Engine } from '../engine/types';
import { NO_BROWSER } from './browser';
import type { CodeLang } from './code';
import { FIELDS, parseField, sameConfig, type Config } from './config';
import { createDrafts } from './drafts';
import type { OpId, OpRun, Operation } from './operation';
import type { Registry } from './registry';
import { tState } from './messages';
import { SPEEDS, speedLabel } from './speeds';
import { createTransport } from './transport';
import { openStart } from './start';
import { createUrlCodec } from './url';
import { parseView, short, stepRange, viewQuery } from './modes';
import { locale, localeChosen, setLocale } from './locale';
import { patchSource, type DataSource } from './source';
import { syncUrl } from './urlSync';
import type { Store, StoreOptions } from './storeTypes';

export type { Store, StoreOptions } from './storeTypes';

import { messageOf } from './start';

/** Loads the code of the op `search` opens, and what `prepare` loads for it: before createStore,
 * so that the page draws its first stage with the op's code at hand. */
export async function loadStartOp(registry: Registry, opts: StoreOptions = {}): Promise<void> {
  const search = opts.search ?? opts.browser?.query() ?? '';
  const op = createUrlCodec(registry).parseQuery(search).op;
  await Promise.all([registry.load(op), opts.prepare?.(op)]);
}

/** Creates the store. The op the query string opens must have its code loaded (loadStartOp). */
export function createStore(engine: Engine, registry: Registry, opts: StoreOptions = {}): Store {
  const browser = opts.browser ?? NO_BROWSER;
  const url = createUrlCodec(registry);
  const search = opts.search ?? browser.query();
  const start = openStart(engine, registry, url.parseQuery(search));
  const view = parseView(search);
  if (view.view.lang !== null) setLocale(view.view.lang);
  // The notes are made again when read, so that they follow the page's language: the link's
  // refused parameters (parsed again), what its first run could not do, the view's parameters.
  const noteSources = signal<readonly (() => readonly string[])[]>([
    () => url.parseQuery(search).notes,
    () => start.notes.map((say) => say()),
    () => parseView(search).notes,
  ]);
  const notes = computed(() => noteSources.value.flatMap((say) => say()));
  const embed = view.view.embed;
  const present = signal(view.view.present);
  const predict = signal(view.view.predict);
  /** what predict mode asks next, said after the step's description */
  const cue = signal('');
  const paramsOpen = signal(view.view.paramsOpen);
  const printoutsOpen = signal(view.view.printoutsOpen);
  const mistake = signal('');
  const channelPage = signal(0);
  const startOperation = start.operation;
  const startConfig = start.config;
  const first = start.run;
  const startStep = start.step;

  const op = signal<OpId>(startOperation.info.id);
  const operation = signal<Operation>(startOperation);
  const config = signal<Config>(startConfig);
  const source = signal<DataSource>(start.source);
  const form = createDrafts(startConfig);
  /** why the drafts' layer is refused, said when read (a validation's message follows the page's
   * language) */
  const comboSay = signal<(() => string) | null>(null);
  const comboError = computed(() => comboSay.value?.() ?? null);
  const run = signal<OpRun>(first);
  const transport = createTransport(run, startStep, browser, (t) => stepRange(embed, t));
  const { position, playing } = transport;
  transport.seekTo(startStep); // into an embed's range
  transport.setSpeed(view.view.speed);
  const codeLang = signal<CodeLang>(view.view.codeLang);
  const total = computed(() => run.value.total);
  const range = computed(() => stepRange(embed, run.value.total));
  const frame = computed(() => operation.value.frame(run.value, position.value));
  const opState = signal<unknown>(undefined);
  const makeOpState = (o: Operation) => o.createState?.({ engine, run, position, frame });
  opState.value = makeOpState(startOperation);
  // the op's own state from the link (a selected cell), once the first run is open
  const startLink = startOperation.stateLink;
  const linkText = startLink ? new URLSearchParams(search).get(startLink.key) : null;
  if (startLink && linkText !== null && opState.value !== undefined) {
    const refused = startLink.read(opState.value, linkText, first);
    if (refused !== null)
      noteSources.value = [...noteSources.peek(), () => [tState('linkNote', { why: refused() })]];
  }
  // the mistake from the link, if the operation has one of that id
  const linkMistake = view.view.mistake;
  if (linkMistake !== '') {
    const ids = (startOperation.mistakes ?? []).map((m) => m.id);
    if (ids.includes(linkMistake)) mistake.value = linkMistake;
    else
      noteSources.value = [
        ...noteSources.peek(),
        () => [
          ids.length === 0
            ? tState('linkNoMistakes', { raw: short(linkMistake), op: startOperation.info.id })
            : tState('linkBadMistake', { raw: short(linkMistake), ids: ids.join(', ') }),
        ],
      ];
  }
  const loading = signal<OpId | null>(null);
  /** counts op choices: a load that finishes after a later choice is not switched to */
  let choice = 0;
  let disposed = false;
  const announcement = computed(() => {
    if (playing.value) return tState('playing', { speed: speedLabel(SPEEDS[transport.speedIndex.value]) });
    const said = operation.value.describe(frame.value, config.value.data);
    return cue.value === '' ? said : `${said}. ${cue.value}`;
  });
  const layerQuery = computed(() => url.toQuery(op.value, config.value, position.value, source.value));
  const viewNow = () => ({
    present: present.value,
    predict: predict.value,
    embed,
    codeLang: codeLang.value,
    speed: transport.speedIndex.value,
    paramsOpen: paramsOpen.value,
    printoutsOpen: printoutsOpen.value,
    mistake: mistake.value,
    lang: localeChosen.value ? locale.value : null,
  });
  /** the op's own state that travels (conv_backward's selected cell): "&cell=dW.0.0.0.2" */
  const stateQuery = computed(() => {
    const link = operation.value.stateLink;
    const state = opState.value;
    if (!link || state === undefined) return '';
    const text = link.write(state);
    return text === null ? '' : `&${new URLSearchParams({ [link.key]: text }).toString()}`;
  });
  const query = computed(() => layerQuery.value + stateQuery.value + viewQuery(viewNow()));
  const pageQuery = computed(
    () =>
      layerQuery.value +
      stateQuery.value +
      viewQuery({ ...viewNow(), embed: null, present: false, paramsOpen: true }),
  );

  /** Build a run for the drafts if they are all valid and fit together. */
  function tryApply(): void {
    const cand = form.candidate();
    if (cand === null) {
      comboSay.value = null; // the field sentences say what is wrong
      return;
    }
    if (sameConfig(cand, config.peek(), registry.choices)) {
      comboSay.value = null;
      return;
    }
    let next: OpRun;
    try {
      const v = operation.peek().validate(engine, cand);
      if (!v.ok) {
        comboSay.value = () => v.message;
        return;
      }
      next = operation.peek().open(engine, cand, source.peek());
    } catch (e) {
      const why = messageOf(e);
      comboSay.value = () => why;
      return;
    }
    const k = Math.max(
      stepRange(embed, next.total).lo,
      Math.min(position.peek(), stepRange(embed, next.total).hi),
    );
    next.stepper.seek(k);
    const old = run.peek();
    batch(() => {
      run.value = next;
      config.value = cand;
      position.value = k;
      comboSay.value = null;
      noteSources.value = []; // they were about the link, which no longer describes the stage
      if (k >= next.total) playing.value = false;
    });
    old.dispose();
  }

  /** Opens `next` on `want`, or on the op's fallback when `want` does not fit it; step 1. */
  function switchOp(next: Operation, want: Config): void {
    let c = want;
    let r: OpRun;
    try {
      const v = next.validate(engine, c);
      if (!v.ok) throw new Error(v.message);
      r = next.open(engine, c, source.peek());
    } catch {
      c = next.fallback;
      r = next.open(engine, c, source.peek());
    }
    const k = Math.max(stepRange(embed, r.total).lo, Math.min(1, r.total));
    r.stepper.seek(k);
    const old = run.peek();
    batch(() => {
      loading.value = null;
      op.value = next.info.id;
      operation.value = next;
      channelPage.value = 0;
      run.value = r;
      config.value = c;
      form.reset(c);
      position.value = k;
      playing.value = false;
      comboSay.value = null;
      noteSources.value = [];
      opState.value = makeOpState(next);
      mistake.value = ''; // a mistake belongs to its operation
    });
    old.dispose();
  }

  const store: Store = {
    registry,
    op,
    operation,
    loading,
    drafts: form.drafts,
    dataKind: form.dataKind,
    fieldErrors: form.fieldErrors,
    comboError,
    notes,
    config,
    source,
    run,
    position,
    total,
    frame,
    opState,
    playing,
    speedIndex: transport.speedIndex,
    codeLang,
    announcement,
    query,
    pageQuery,
    present,
    predict,
    embed,
    range,
    paramsOpen,
    printoutsOpen,
    mistake,
    channelPage,

    setField(key, text) {
      form.setField(key, text);
      tryApply();
    },
    nudgeField(key, delta) {
      const spec = FIELDS[key];
      const r = parseField(spec, form.drafts.peek()[key]);
      const base = r.ok ? r.value : config.peek()[key];
      const v = Math.max(spec.min, Math.min(spec.max, base + delta));
      store.setField(key, String(v));
    },
    setDataKind(kind) {
      form.setDataKind(kind);
      tryApply();
    },
    applyConfig(c) {
      form.reset(c);
      tryApply();
    },
    setSource(patch, layer = {}) {
      const cand: Config = { ...config.peek(), ...layer };
      const own = patchSource(source.peek(), patch);
      let next: OpRun;
      try {
        const v = operation.peek().validate(engine, cand);
        if (!v.ok) return () => v.message;
        next = operation.peek().open(engine, cand, own);
      } catch (e) {
        const why = messageOf(e);
        return () => why;
      }
      const k = Math.min(position.peek(), next.total);
      next.stepper.seek(k);
      const old = run.peek();
      batch(() => {
        source.value = own;
        run.value = next;
        config.value = cand;
        form.reset(cand);
        position.value = k;
        comboSay.value = null;
        if (k >= next.total) playing.value = false;
      });
      old.dispose();
      return null;
    },
    setChoices(patch) {
      form.setChoices(patch);
      tryApply();
    },
    setOp(next, c) {
      if (registry.info(next) === undefined) return Promise.resolve();
      const mine = ++choice;
      if (next === op.peek()) {
        loading.value = null; // a load still running for another op is not switched to
        if (c !== undefined) store.applyConfig(c);
        return Promise.resolve();
      }
      const have = registry.now(next);
      const extra = opts.prepare?.(next) ?? null;
      if (have !== undefined && extra === null) {
        switchOp(have, c ?? config.peek());
        return Promise.resolve();
      }
      loading.value = next;
      return Promise.all([registry.load(next), extra]).then(
        ([loaded]) => {
          if (mine !== choice || disposed) return;
          switchOp(loaded, c ?? config.peek());
        },
        (e: unknown) => {
          if (mine !== choice || disposed) return;
          batch(() => {
            loading.value = null;
            const why = messageOf(e);
            noteSources.value = [...noteSources.peek(), () => [tState('opLoadFailed', { op: next, why })]];
          });
        },
      );
    },
    seek: transport.seek,
    stepBy: transport.stepBy,
    toStart: transport.toStart,
    toEnd: transport.toEnd,
    togglePlay: transport.togglePlay,
    pause: transport.pause,
    setSpeed: transport.setSpeed,
    setCodeLang(lang) {
      codeLang.value = lang;
    },
    setPresent(on) {
      present.value = on;
    },
    setPredict(on) {
      predict.value = on;
      if (!on) cue.value = '';
    },
    setCue(text) {
      cue.value = text;
    },
    setChannelPage(k) {
      channelPage.value = Number.isFinite(k) ? Math.max(0, Math.floor(k)) : 0;
    },
    setParamsOpen(open) {
      paramsOpen.value = open;
    },
    setPrintoutsOpen(open) {
      printoutsOpen.value = open;
    },
    setMistake(id) {
      mistake.value = id;
    },
    openCopy() {
      return operation.peek().open(engine, config.peek(), source.peek());
    },
    dispose() {
      disposed = true;
      transport.dispose();
      stopUrl();
      run.peek().dispose();
    },
  };

  const stopUrl = opts.syncUrl === true ? syncUrl(query, playing, browser) : () => {};
  return store;
}
