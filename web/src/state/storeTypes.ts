// What the components see of the state: the Store's signals and actions, and the options it is
// made with. store.ts composes it from drafts, the transport, the current run and the link.

import type { ReadonlySignal } from '@preact/signals';
import type { Browser } from './browser';
import type { CodeLang } from './code';
import type { EmbedRange } from './modes';
import type { Config, DataKind, Drafts, FieldKey } from './config';
import type { FieldErrors } from './drafts';
import type { OpFrame, OpId, OpRun, Operation } from './operation';
import type { Registry } from './registry';
import type { CustomTensor, DataSource } from './source';

export interface StoreOptions {
  /** the page's query string, e.g. location.search (default: the browser's) */
  search?: string;
  /** frames, timers and the address bar; without one nothing plays and the link is not kept */
  browser?: Browser;
  /** keep the address bar's query in step with the state */
  syncUrl?: boolean;
  /** what else must be loaded before the store switches to `op`: a promise, or null when it is
   * loaded already */
  prepare?: (op: OpId) => Promise<unknown> | null;
}

export interface Store {
  readonly registry: Registry;
  readonly op: ReadonlySignal<OpId>;
  /** the current operation's code */
  readonly operation: ReadonlySignal<Operation>;
  /** the op chosen whose code is still loading (the stage says so), else null */
  readonly loading: ReadonlySignal<OpId | null>;
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
  /** the tensors the student brought (an image, pasted arrays, a filter preset), used by a run
   * in place of the seed's draws while their shapes fit the layer */
  readonly source: ReadonlySignal<DataSource>;
  /** the current op's run; its views get it typed as their own */
  readonly run: ReadonlySignal<OpRun>;
  /** steps done, 0..total */
  readonly position: ReadonlySignal<number>;
  readonly total: ReadonlySignal<number>;
  /** the current op's frame, from its operation's frame() */
  readonly frame: ReadonlySignal<OpFrame>;
  /** the current op's own state (Operation.createState), undefined if it has none */
  readonly opState: ReadonlySignal<unknown>;
  readonly playing: ReadonlySignal<boolean>;
  readonly speedIndex: ReadonlySignal<number>;
  readonly codeLang: ReadonlySignal<CodeLang>;
  /** what the aria-live region says */
  readonly announcement: ReadonlySignal<string>;
  /** the link to what is on screen */
  readonly query: ReadonlySignal<string>;
  /** the link to the full page at the same state: no embed, no presenter mode */
  readonly pageQuery: ReadonlySignal<string>;
  /** presenter mode: large type, numbers in every cell, parameters hidden */
  readonly present: ReadonlySignal<boolean>;
  /** predict, then reveal: a question before each step (?predict=1) */
  readonly predict: ReadonlySignal<boolean>;
  /** embed mode and its locked range (from the link), or null */
  readonly embed: EmbedRange | null;
  /** the steps the transport may show: 0..total, or an embed's from..to */
  readonly range: ReadonlySignal<{ lo: number; hi: number }>;
  /** the parameter column is open */
  readonly paramsOpen: ReadonlySignal<boolean>;
  /** the notebook's printouts are open (?printouts=1) */
  readonly printoutsOpen: ReadonlySignal<boolean>;
  /** the id of the classic mistake shown beside the right loop, '' for none (?mistake=) */
  readonly mistake: ReadonlySignal<string>;
  /** the channel presenter mode shows of those it pages (Operation.channelPages), the same one
   * on screen and on an exported slide; 0 again when the operation changes */
  readonly channelPage: ReadonlySignal<number>;

  setField(key: FieldKey, text: string): void;
  /** ArrowUp / ArrowDown in a field: +1 / -1 within the field's range */
  nudgeField(key: FieldKey, delta: number): void;
  setDataKind(kind: DataKind): void;
  applyConfig(c: Config): void;
  /** merges `patch` into the data source (null removes a tensor) and `layer` into the
   * configuration, and opens the run on both at once; on a refusal changes nothing and returns
   * what says its sentence (in the page's language when it is called) */
  setSource(
    patch: Readonly<Record<string, CustomTensor | null>>,
    layer?: Partial<Config>,
  ): (() => string) | null;
  /** the choices that are not typed fields (pool mode, ties, where a gradient comes from):
   * merged into the configuration, applied at once */
  setChoices(patch: Partial<Config>): void;
  /** switches to `op` on `c`, by default the current configuration; a configuration that does
   * not fit the op gives way to the op's fallback. At once when the op's code is loaded, else
   * once it is (`loading` says which op meanwhile); the promise settles then, and never rejects:
   * a failed load is said in `notes`. */
  setOp(op: OpId, c?: Config): Promise<void>;
  seek(k: number): void;
  stepBy(delta: number): void;
  toStart(): void;
  toEnd(): void;
  togglePlay(): void;
  pause(): void;
  setSpeed(index: number): void;
  setCodeLang(lang: CodeLang): void;
  setPresent(on: boolean): void;
  setPredict(on: boolean): void;
  /** what the live region says after the step's description (predict mode's question) */
  setCue(text: string): void;
  setParamsOpen(open: boolean): void;
  setPrintoutsOpen(open: boolean): void;
  setMistake(id: string): void;
  setChannelPage(k: number): void;
  /** a second run of what is on stage, with a stepper of its own: a reader (an export) steps it
   * and asks the operation for its frames without moving the stage; the caller disposes of it */
  openCopy(): OpRun;
  dispose(): void;
}
