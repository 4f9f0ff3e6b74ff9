// What every operation plugs into the shell: a view model (here, in state/) and a stage
// component (in views/). The shell, the form, the transport and the URL are shared.

import type { Engine, Op, Stepper, Validation } from '../../engine/types';
import type { Config, FieldKey } from '../config';

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
  dispose(): void;
}

export interface OpModel<S extends OpRun = OpRun> {
  info: OpInfo;
  /** the layer fields the form shows for this op */
  fields: readonly FieldKey[];
  /** the C library's check of the whole configuration */
  validate(engine: Engine, c: Config): Validation;
  /** data + stepper; throws ConvstepError with the C library's sentence */
  open(engine: Engine, c: Config): S;
}
