// conv_forward: Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c]),
// one window per step.

import { NOTEBOOK, LAYER_FIELDS, PRESETS } from '../../state/config';
import type { Operation } from '../../state/operation';
import { inputChannelPages, validateConvLayer } from '../conv/layer';
import { ConvForwardArithmetic } from './Arithmetic';
import { ConvForwardCode } from './Code';
import { info } from './info';
import { convForwardCheck, predictConvForward } from './learn';
import { type Preset, preset } from '../../state/config';
import { CONV_FORWARD_MISTAKES } from './mistakes';
import { convForwardPrintouts } from './printouts';
import { convFrame, describeStep, openConvForward, type ConvForwardRun, type ConvFrame } from './model';
import { ConvForwardStage } from './Stage';
import { t } from './messages';

/** The 2017 notebook's conv_single_step test as one step of conv_forward: np.random.seed(1);
 * a_slice_prev = randn(4, 4, 3); W = randn(4, 4, 3); b = randn(1, 1, 1), drawn in that order. */
const CONV_SINGLE_STEP_2017: Preset = preset({
  name: () => t('preset2017'),
  why: () => t('preset2017Why'),
  config: { m: 1, H: 4, W: 4, Cin: 3, Cout: 1, f: 4, stride: 1, pad: 0, dil: 1, seed: 1, data: 'gauss' },
});

export const operation: Operation<ConvForwardRun, ConvFrame> = {
  info,
  fields: LAYER_FIELDS,
  presets: [...PRESETS, CONV_SINGLE_STEP_2017],
  fallback: NOTEBOOK,
  validate: validateConvLayer,
  open: openConvForward,
  frame: convFrame,
  describe: describeStep,
  mistakes: CONV_FORWARD_MISTAKES,
  printouts: convForwardPrintouts,
  predict: predictConvForward,
  check: convForwardCheck,
  channelPages: inputChannelPages,
  views: { Stage: ConvForwardStage, Code: ConvForwardCode, Arithmetic: ConvForwardArithmetic },
};
