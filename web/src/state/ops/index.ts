// The four operations of the shell. Only conv_forward is stepped so far; the others are shown
// in the switcher as coming next.

import type { Op } from '../../engine/types';
import { convForwardModel } from './convForward';
import type { OpInfo } from './model';

export const OP_INFO: Record<Op, OpInfo> = {
  conv_forward: convForwardModel.info,
  pool_forward: { op: 'pool_forward', summary: 'A = max or mean of each window, channel by channel', ready: false },
  conv_backward: { op: 'conv_backward', summary: 'dA_prev, dW, db accumulated window by window', ready: false },
  pool_backward: { op: 'pool_backward', summary: 'the gradient routed back through each window', ready: false },
};

export { convForwardModel };
