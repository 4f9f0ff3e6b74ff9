import type { OpInfo } from '../../state/operation';
import { MODE_CHOICE } from '../pool/choices';

export const info: OpInfo = {
  id: 'pool_forward',
  summary: 'A[i, h, w, c] = max or mean of the window, one channel at a time',
  choices: [MODE_CHOICE],
};
