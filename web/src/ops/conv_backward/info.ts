import { choiceOf, type ChoiceSpec, type Config } from '../../state/config';
import type { OpInfo } from '../../state/operation';
import { t } from './messages';

/** Where conv_backward's dZ comes from: np.random.randn(*Z.shape) drawn after b, all ones (the
 * gradient of sum(Z)), or Z itself (the notebook's conv_backward test passes Z as dZ). */
export type DzSource = 'randn' | 'ones' | 'z';
export const DZ_SOURCES: readonly DzSource[] = ['randn', 'ones', 'z'];
const DZ_CHOICE: ChoiceSpec = { key: 'dz', values: DZ_SOURCES };

export function dzOf(c: Config): DzSource {
  return DZ_SOURCES.find((s) => s === choiceOf(c, DZ_CHOICE)) ?? 'randn';
}

export const info: OpInfo = {
  id: 'conv_backward',
  get summary() {
    return t('summary');
  },
  choices: [DZ_CHOICE],
};
