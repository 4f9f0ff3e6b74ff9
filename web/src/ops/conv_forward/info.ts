import type { OpInfo } from '../../state/operation';
import { t } from './messages';

export const info: OpInfo = {
  id: 'conv_forward',
  get summary() {
    return t('summary');
  },
  choices: [],
};
