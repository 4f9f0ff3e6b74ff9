// pool_backward's views: loaded when the op is first chosen.

import type { OpViews } from '../index';
import { PoolBackwardArithmetic } from './PoolBackwardArithmetic';
import { PoolBackwardStage } from './PoolBackwardStage';
import { PoolBackwardCode } from './PoolCode';
import { PoolBackwardControls } from './PoolControls';

export const poolBackwardViews: OpViews = {
  Stage: PoolBackwardStage,
  Code: PoolBackwardCode,
  Arithmetic: PoolBackwardArithmetic,
  Controls: PoolBackwardControls,
};
