// The four operations of the shell. Only conv_forward is stepped so far; the others are shown
// in the switcher as coming next.

import type { Op } from '../../engine/types';
import { convBackwardModel } from './convBackward';
import { convForwardModel } from './convForward';
import type { OpInfo, OpModel } from './model';
import { poolBackwardModel } from './poolBackward';
import { poolForwardModel } from './poolForward';

export const OP_INFO: Record<Op, OpInfo> = {
  conv_forward: convForwardModel.info,
  pool_forward: poolForwardModel.info,
  conv_backward: convBackwardModel.info,
  pool_backward: poolBackwardModel.info,
};

/** The stepped operations' view models; the store opens a run with the current op's. */
export const MODELS: Partial<Record<Op, OpModel>> = {
  conv_forward: convForwardModel,
  conv_backward: convBackwardModel,
  pool_forward: poolForwardModel,
  pool_backward: poolBackwardModel,
};

export { convForwardModel };
