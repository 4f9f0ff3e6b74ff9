// conv_forward: Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c]),
// one window per step.

import { convParams, NOTEBOOK, inputShape, LAYER_FIELDS, PRESETS } from '../../state/config';
import type { Operation } from '../../state/operation';
import { ConvForwardArithmetic } from './Arithmetic';
import { ConvForwardCode } from './Code';
import { info } from './info';
import { convForwardCheck, predictConvForward } from './learn';
import type { Preset } from '../../state/config';
import { CONV_FORWARD_MISTAKES } from './mistakes';
import { convForwardPrintouts } from './printouts';
import { convFrame, describeStep, openConvForward, type ConvForwardRun, type ConvFrame } from './model';
import { ConvForwardStage } from './Stage';

/** The 2017 notebook's conv_single_step test as one step of conv_forward: np.random.seed(1);
 * a_slice_prev = randn(4, 4, 3); W = randn(4, 4, 3); b = randn(1, 1, 1), drawn in that order. */
const CONV_SINGLE_STEP_2017: Preset = {
  name: '2017 conv_single_step test',
  why: 'one 4×4×3 window: Z = −6.9991 (−23.1602 with b added to every product)',
  config: { m: 1, H: 4, W: 4, Cin: 3, Cout: 1, f: 4, stride: 1, pad: 0, dil: 1, seed: 1, data: 'gauss' },
};

export const operation: Operation<ConvForwardRun, ConvFrame> = {
  info,
  fields: LAYER_FIELDS,
  presets: [...PRESETS, CONV_SINGLE_STEP_2017],
  fallback: NOTEBOOK,
  validate: (engine, c) => engine.validateConv(inputShape(c), convParams(c)),
  open: openConvForward,
  frame: convFrame,
  describe: describeStep,
  mistakes: CONV_FORWARD_MISTAKES,
  printouts: convForwardPrintouts,
  predict: predictConvForward,
  check: convForwardCheck,
  views: { Stage: ConvForwardStage, Code: ConvForwardCode, Arithmetic: ConvForwardArithmetic },
};
