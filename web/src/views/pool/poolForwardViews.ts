// pool_forward's views: loaded when the op is first chosen.

import type { OpViews } from '../index';
import { PoolForwardCode } from './PoolCode';
import { PoolForwardControls } from './PoolControls';
import { PoolForwardArithmetic } from './PoolForwardArithmetic';
import { PoolForwardStage } from './PoolForwardStage';

export const poolForwardViews: OpViews = {
  Stage: PoolForwardStage,
  Code: PoolForwardCode,
  Arithmetic: PoolForwardArithmetic,
  Controls: PoolForwardControls,
};
