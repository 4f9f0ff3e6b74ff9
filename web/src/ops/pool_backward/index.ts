// pool_backward: dA_prev[window] += mask · dA (max) or distribute_value(dA) (average).

import type { Operation } from '../../state/operation';
import { NOTEBOOK_POOL_BACKWARD, POOL_FIELDS, validatePoolLayer } from '../pool/pool';
import { PoolBackwardControls } from '../pool/PoolControls';
import { PoolBackwardArithmetic } from './Arithmetic';
import { PoolBackwardCode } from './Code';
import { info } from './info';
import { poolBackwardCheck, predictPoolBackward } from './learn';
import { POOL_BACKWARD_MISTAKES } from './mistakes';
import { poolBackwardPrintouts } from './printouts';
import {
  describePoolBackward,
  openPoolBackward,
  POOL_BACKWARD_PRESETS,
  poolBackwardFrame,
  type PoolBackwardFrame,
  type PoolBackwardRun,
} from './model';
import { PoolBackwardStage } from './Stage';

export const operation: Operation<PoolBackwardRun, PoolBackwardFrame> = {
  info,
  fields: POOL_FIELDS,
  presets: POOL_BACKWARD_PRESETS,
  fallback: NOTEBOOK_POOL_BACKWARD,
  validate: validatePoolLayer,
  open: openPoolBackward,
  frame: poolBackwardFrame,
  describe: describePoolBackward,
  mistakes: POOL_BACKWARD_MISTAKES,
  printouts: poolBackwardPrintouts,
  predict: predictPoolBackward,
  check: poolBackwardCheck,
  views: {
    Stage: PoolBackwardStage,
    Code: PoolBackwardCode,
    Arithmetic: PoolBackwardArithmetic,
    Controls: PoolBackwardControls,
  },
};
