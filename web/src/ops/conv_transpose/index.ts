// conv_transpose: for every window (i, c, h, w), Y_pad[i, window, :] += W[:, :, :, c] · X[i, h, w, c]
// (conv_backward's dA_prev loop with X for dZ), then Y = Y_pad cropped by pad, + b.

import { LAYER_FIELDS } from '../../state/config';
import type { Operation } from '../../state/operation';
import { liveWords } from '../../state/locale';
import { ConvTransposeStep } from './Arithmetic';
import { ConvTransposeCode } from './Code';
import { ConvTransposeControls } from './Controls';
import { info } from './info';
import { predictConvTranspose } from './learn';
import {
  CONV_TRANSPOSE_PRESETS,
  convTransposeFrame,
  DECODER_2X,
  describeTransposeStep,
  openConvTranspose,
  validateConvTranspose,
  type ConvTransposeFrame,
  type ConvTransposeRun,
} from './model';
import { ConvTransposeStage, outputChannelPages } from './Stage';
import { t } from './messages';

export const operation: Operation<ConvTransposeRun, ConvTransposeFrame, undefined> = {
  info,
  fields: LAYER_FIELDS,
  // X is (m, n_H, n_W, n_C), in dZ's place; W is (f, f, n_C_out, n_C)
  fieldNames: {
    H: liveWords({ label: 'n_H' }, { hint: () => t('hintH') }),
    W: liveWords({ label: 'n_W' }, { hint: () => t('hintW') }),
    Cin: liveWords({ label: 'n_C' }, { hint: () => t('hintCin') }),
    Cout: liveWords({ label: 'n_C_out' }, { hint: () => t('hintCout') }),
  },
  presets: CONV_TRANSPOSE_PRESETS,
  fallback: DECODER_2X,
  validate: validateConvTranspose,
  open: openConvTranspose,
  frame: convTransposeFrame,
  describe: describeTransposeStep,
  predict: predictConvTranspose,
  channelPages: outputChannelPages,
  views: {
    Stage: ConvTransposeStage,
    Code: ConvTransposeCode,
    Arithmetic: ConvTransposeStep,
    Controls: ConvTransposeControls,
  },
};
