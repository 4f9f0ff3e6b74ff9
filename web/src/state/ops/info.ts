// What the header says about each operation. Kept apart from the view models so that the shell
// can list all four while only the current op's code is loaded.

import type { Op } from '../../engine/types';
import type { OpInfo } from './model';

export const OP_INFO: Record<Op, OpInfo> = {
  conv_forward: {
    op: 'conv_forward',
    summary: 'Z = conv_single_step(a_slice_prev, W[:,:,:,c], b[:,:,:,c]) for every i, c, h, w',
    ready: true,
  },
  pool_forward: {
    op: 'pool_forward',
    summary: 'A[i, h, w, c] = max or mean of the window, one channel at a time',
    ready: true,
  },
  conv_backward: {
    op: 'conv_backward',
    summary: 'dA_prev_pad, dW and db += dZ[i, h, w, c] times W, a_slice and 1, window by window',
    ready: true,
  },
  pool_backward: {
    op: 'pool_backward',
    summary: 'dA_prev[window] += mask · dA (max) or distribute_value(dA) (average)',
    ready: true,
  },
};
