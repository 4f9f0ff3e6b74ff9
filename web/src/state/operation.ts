// The contract every operation fulfils. An operation is one folder under web/src/ops/ that
// exports one `Operation` (its fields and presets, how it opens a run from the engine, its frame,
// its views) and one `OpInfo` (what the header and the link need before its code is loaded).
// The shell, the store, the link and the tests know this contract, never an operation's name.

import type { ReadonlySignal } from '@preact/signals';
import type { VNode } from 'preact';
import type { Engine, Stepper, Tensor, Validation, WindowRecord } from '../engine/types';
import type { NdArrayLike } from '../lib/numpy/index';
import type { ChoiceSpec, Config, DataKind, FieldKey, Preset } from './config';
import type { CodeLang } from './code';
import type { CheckSpec } from './check';
import type { Mistake } from './mistakes';
import type { Question } from './predict';
import type { DataSource } from './source';
import { tState } from './messages';

/** An operation's name as the link and the switcher write it, e.g. the seed's function name. */
export type OpId = string;

/** What is known of an operation before its code loads: enough for the switcher and the link. */
export interface OpInfo {
  id: OpId;
  /** one line for the switcher's tooltip */
  summary: string;
  /** the operation's own choices, read from and written to the link */
  choices: readonly ChoiceSpec[];
}

/** One configuration of one operation, ready to step: its data and its stepper. */
export interface OpRun {
  readonly op: OpId;
  readonly config: Config;
  readonly total: number;
  /** the store never reads its op: the engine's Stepper or an op's own stepper */
  readonly stepper: Omit<Stepper, 'op'>;
  /** the layer's input, drawn from the seed or from the data source */
  readonly data: { readonly A_prev: Tensor };
  /** every input the run was opened with, by the seed's name (A_prev, W, b, dZ, dA): what the
   * data source may replace, with the shapes a replacement must have */
  readonly inputs?: Readonly<Record<string, Tensor>>;
  dispose(): void;
}

/** What every op's frame has: the step just done. An op's frame adds what its views draw. */
export interface OpFrame {
  position: number;
  total: number;
  /** the step just done; null at step 0 */
  win: WindowRecord | null;
}

/** The actions a view may call; the shell's store provides them. */
export interface OpActions {
  seek(k: number): void;
  setChoices(patch: Partial<Config>): void;
  setCodeLang(lang: CodeLang): void;
}

/** What an operation's views receive: its own run and frame types, never a downcast. */
export interface ViewProps<R extends OpRun, F extends OpFrame, S> {
  run: R;
  frame: F;
  /** the op's own state (createState), undefined if it has none */
  state: S;
  codeLang: CodeLang;
  actions: OpActions;
}

/** The signals an op's own state may derive from: the current run, its position and frame. */
export interface OpContext<R extends OpRun, F extends OpFrame> {
  engine: Engine;
  run: ReadonlySignal<R>;
  position: ReadonlySignal<number>;
  frame: ReadonlySignal<F>;
}

// Views and callbacks are written as methods: an Operation<ConvForwardRun, ...> then stands in
// for an Operation<OpRun, ...> in the registry, while each op's own code stays fully typed.
interface OpViews<R extends OpRun, F extends OpFrame, S> {
  /** the centre of the page */
  Stage(props: ViewProps<R, F, S>): VNode | null;
  /** the loop code, with the line that just ran marked */
  Code(props: ViewProps<R, F, S>): VNode | null;
  /** the step's numbers worked out */
  Arithmetic(props: ViewProps<R, F, S>): VNode | null;
  /** the op's own choices, shown in the form under the layer's sizes */
  Controls?(props: { config: Config; actions: OpActions }): VNode | null;
}

/** One print() of the notebook's test cell: the line of Python and what it prints. */
export interface Printout {
  /** the cell's line, e.g. print("Z's mean =\n", np.mean(Z)) */
  code: string;
  /** what it prints, byte for byte as Python and numpy 1.24 print it */
  text: string;
  /** the array or number it prints, for every digit (.tolist()) and "copy as numpy"; absent for
   * a line of words and for an index that does not exist */
  value?: { expr: string; array: NdArrayLike };
}

/** What the notebook's test cell prints for a run, and the run's tensors by name. */
export interface Printouts {
  /** the cell, e.g. "conv_forward's test cell" */
  title: string;
  lines: readonly Printout[];
  /** every tensor of the run by its name in the code (A_prev, W, b, Z, ...), for "copy as numpy" */
  tensors: readonly { name: string; array: NdArrayLike }[];
}

/** An op's own state that travels in the link, under its own key (conv_backward's selected
 * cell: &cell=dW.0.0.0.2). */
export interface StateLink<R extends OpRun, S> {
  /** the query key; none of the layer's, the view's or the choices' keys */
  key: string;
  /** the state's text for the link; null when there is nothing to write */
  write(state: S): string | null;
  /** applies a link's text to the state of the run it opened; when the text is refused, the
   * state does not change and the result says why (in the page's language when called) */
  read(state: S, text: string, run: R): (() => string) | null;
}

export interface Operation<R extends OpRun = OpRun, F extends OpFrame = OpFrame, S = unknown> {
  info: OpInfo;
  /** the layer fields the form shows for this op */
  fields: readonly FieldKey[];
  /** the form's label and hint for fields this op reads differently (its input's height is not
   * n_H_prev when its input is another layer's output); the others keep FIELDS' */
  fieldNames?: Partial<Record<FieldKey, { label: string; hint: string }>>;
  /** the form's presets */
  presets: readonly Preset[];
  /** shown on switching to this op when the current configuration does not fit it */
  fallback: Config;
  /** the C library's check of the whole configuration */
  validate(engine: Engine, c: Config): Validation;
  /** data + stepper; throws ConvstepError with the C library's sentence. Each input it draws
   * is replaced by the source's tensor of that name when the shapes agree (source.ts customOr). */
  open(engine: Engine, c: Config, source?: DataSource): R;
  /** what the views draw after `position` steps; reads the run's stepper, which the store has
   * put there (only the store calls this) */
  frame(run: R, position: number): F;
  /** what a screen reader hears after a step: "step 37 of 192: i=0, c=3, ..." */
  describe(frame: F, data: DataKind): string;
  /** what the notebook's test cell prints once the function has run to the end, computed from
   * the run's finished tensors (not the stepper's position): the shared printout panel shows it
   * at the end of a walk and on demand. An op without a test cell leaves it out. */
  printouts?(run: R): Printouts;
  /** the op's own state beyond the step (e.g. a selected cell), made when the op is chosen */
  createState?(ctx: OpContext<R, F>): S;
  /** the part of that state a shared link carries (read once, when the page opens) */
  stateLink?: StateLink<R, S>;
  /** classic mistakes: wrong versions of the loop that the page runs beside the right one */
  mistakes?: readonly Mistake<R>[];
  /** predict, then reveal: the question step `step` (1-based) raises, asked before it runs */
  predict?(run: R, step: number): Question;
  /** check my numbers: the numpy lines that rebuild the run's inputs and its right outputs */
  check?: CheckSpec<R>;
  /** the channels presenter mode and its slides show one at a time (ui/ChannelPager): how many,
   * and what one is called ("input channel"); an op that draws every channel leaves it out */
  channelPages?(c: Config): { count: number; what: () => string };
  views: OpViews<R, F, S>;
}

/** Builds a run around a fresh stepper, which is disposed of if building fails. */
export function withStepper<R>(stepper: Omit<Stepper, 'op'>, build: () => R): R {
  try {
    return build();
  } catch (e) {
    stepper.dispose();
    throw e;
  }
}

/** "step 37 of 192", the head of a step's description. */
export function stepHead(fr: { position: number; total: number }): string {
  return tState('stepHead', { position: fr.position, total: fr.total });
}
