import type { OpInfo } from '../../state/operation';
import { DA_CHOICE, MODE_CHOICE, TIES_CHOICE } from '../pool/choices';

export const info: OpInfo = {
  id: 'pool_backward',
  summary: 'dA_prev[window] += mask · dA (max) or distribute_value(dA) (average)',
  choices: [MODE_CHOICE, TIES_CHOICE, DA_CHOICE],
};
