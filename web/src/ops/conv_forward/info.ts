import type { OpInfo } from '../../state/operation';

export const info: OpInfo = {
  id: 'conv_forward',
  summary: 'Z = conv_single_step(a_slice_prev, W[:,:,:,c], b[:,:,:,c]) for every i, c, h, w',
  choices: [],
};
