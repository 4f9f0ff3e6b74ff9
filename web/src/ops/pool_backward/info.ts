import type { OpInfo } from '../../state/operation';
import { DA_CHOICE, MODE_CHOICE, TIES_CHOICE } from '../pool/choices';
import { t } from './messages';

export const info: OpInfo = {
  id: 'pool_backward',
  get summary() {
    return t('summary');
  },
  choices: [MODE_CHOICE, TIES_CHOICE, DA_CHOICE],
};
