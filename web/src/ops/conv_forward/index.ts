// conv_forward: Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c]),
// one window per step.

import { convParams, NOTEBOOK, inputShape, LAYER_FIELDS, PRESETS } from '../../state/config';
import type { Operation } from '../../state/operation';
import { ConvForwardArithmetic } from './Arithmetic';
import { ConvForwardCode } from './Code';
import { info } from './info';
import { convForwardPrintouts } from './printouts';
import { convFrame, describeStep, openConvForward, type ConvForwardRun, type ConvFrame } from './model';
import { ConvForwardStage } from './Stage';

export const operation: Operation<ConvForwardRun, ConvFrame> = {
  info,
  fields: LAYER_FIELDS,
  presets: PRESETS,
  fallback: NOTEBOOK,
  validate: (engine, c) => engine.validateConv(inputShape(c), convParams(c)),
  open: openConvForward,
  frame: convFrame,
  describe: describeStep,
  printouts: convForwardPrintouts,
  views: { Stage: ConvForwardStage, Code: ConvForwardCode, Arithmetic: ConvForwardArithmetic },
};
