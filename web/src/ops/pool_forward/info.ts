import type { OpInfo } from '../../state/operation';
import { MODE_CHOICE } from '../pool/choices';
import { t } from './messages';

export const info: OpInfo = {
  id: 'pool_forward',
  get summary() {
    return t('summary');
  },
  choices: [MODE_CHOICE],
};
