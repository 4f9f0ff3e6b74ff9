// pool_forward: A[i, h, w, c] = max or mean of the window, one channel at a time.

import type { Operation } from '../../state/operation';
import { NOTEBOOK_POOL_FORWARD, POOL_FIELDS, validatePoolLayer } from '../pool/pool';
import { PoolForwardControls } from '../pool/PoolControls';
import { PoolForwardArithmetic } from './Arithmetic';
import { PoolForwardCode } from './Code';
import { info } from './info';
import { poolForwardCheck, predictPoolForward } from './learn';
import { POOL_FORWARD_MISTAKES } from './mistakes';
import { poolForwardPrintouts } from './printouts';
import {
  describePoolForward,
  openPoolForward,
  POOL_FORWARD_PRESETS,
  poolForwardFrame,
  type PoolForwardFrame,
  type PoolForwardRun,
} from './model';
import { PoolForwardStage } from './Stage';

export const operation: Operation<PoolForwardRun, PoolForwardFrame> = {
  info,
  fields: POOL_FIELDS,
  presets: POOL_FORWARD_PRESETS,
  fallback: NOTEBOOK_POOL_FORWARD,
  validate: validatePoolLayer,
  open: openPoolForward,
  frame: poolForwardFrame,
  describe: describePoolForward,
  mistakes: POOL_FORWARD_MISTAKES,
  printouts: poolForwardPrintouts,
  predict: predictPoolForward,
  check: poolForwardCheck,
  views: {
    Stage: PoolForwardStage,
    Code: PoolForwardCode,
    Arithmetic: PoolForwardArithmetic,
    Controls: PoolForwardControls,
  },
};
