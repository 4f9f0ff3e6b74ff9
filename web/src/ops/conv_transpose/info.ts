import { choiceOf, type ChoiceSpec, type Config } from '../../state/config';
import type { OpInfo } from '../../state/operation';
import { t } from './messages';

/** Where conv_transpose's X comes from: np.random.randn from the seed (X, then W, then b, as the
 * fixtures draw them), all ones (then Y_pad is the sum of the filter taps that reach each cell),
 * or Z of a convolution layer, as conv_backward's notebook test passes Z as dZ (then b = 0 and
 * Y is that test's dA_prev). */
export type XSource = 'randn' | 'ones' | 'z';
export const X_SOURCES: readonly XSource[] = ['randn', 'ones', 'z'];
const X_CHOICE: ChoiceSpec = { key: 'x', values: X_SOURCES };

/** output_padding: extra rows and columns at the bottom and right of Y, below the stride (or the
 * dilation), as in PyTorch. The largest stride the form takes is 8. */
export const OUTPUT_PADDINGS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7'];
const OUTPUT_PADDING_CHOICE: ChoiceSpec = { key: 'outpad', values: OUTPUT_PADDINGS };

export function xSourceOf(c: Config): XSource {
  return X_SOURCES.find((s) => s === choiceOf(c, X_CHOICE)) ?? 'randn';
}

export function outputPaddingOf(c: Config): number {
  return Number(choiceOf(c, OUTPUT_PADDING_CHOICE));
}

export const info: OpInfo = {
  id: 'conv_transpose',
  get summary() {
    return t('summary');
  },
  choices: [X_CHOICE, OUTPUT_PADDING_CHOICE],
};
