// What every operation plugs into the shell: a view model (here, in state/) and a stage
// component (in views/). The shell, the form, the transport and the URL are shared.

import type { Engine, Op, Stepper, Tensor, Validation, WindowRecord } from '../../engine/types';
import type { Config, DataKind, FieldKey, Preset } from '../config';

export interface OpInfo {
  op: Op;
  /** one line for the header */
  summary: string;
  /** false: shown in the switcher as "coming next" */
  ready: boolean;
}

/** One configuration of one operation, ready to step: its data and its stepper. */
export interface OpRun {
  readonly op: Op;
  readonly config: Config;
  readonly total: number;
  readonly stepper: Stepper;
  /** the layer's input, drawn from the seed */
  readonly data: { readonly A_prev: Tensor };
  dispose(): void;
}

/** What every op's frame has: the step just done. An op's frame adds what its views draw. */
export interface OpFrame {
  position: number;
  total: number;
  /** the step just done; null at step 0 */
  win: WindowRecord | null;
}

export interface OpModel<S extends OpRun = OpRun, F extends OpFrame = OpFrame> {
  info: OpInfo;
  /** the layer fields the form shows for this op */
  fields: readonly FieldKey[];
  /** the C library's check of the whole configuration */
  validate(engine: Engine, c: Config): Validation;
  /** data + stepper; throws ConvstepError with the C library's sentence */
  open(engine: Engine, c: Config): S;
  /** what the views draw after `position` steps; reads the run's stepper, which the store has
   * put there (only the store calls this) */
  frame(run: S, position: number): F;
  /** what a screen reader hears after a step: "step 37 of 192: i=0, c=3, ..." */
  describe(frame: F, data: DataKind): string;
  /** the form's presets for this op (default: the convolution presets) */
  presets?: readonly Preset[];
  /** shown on switching to this op when the current configuration does not fit it */
  fallback?: Config;
}
