// conv_backward: for every window (i, c, h, w), dA_prev_pad += W[:,:,:,c]·dZ, dW[:,:,:,c] +=
// a_slice·dZ and db[c] += dZ, with a selected cell's history and its gradient check.

import { LAYER_FIELDS } from '../../state/config';
import type { Operation } from '../../state/operation';
import { inputChannelPages, validateConvLayer } from '../conv/layer';
import { ConvBackwardStep } from './Arithmetic';
import { ConvBackwardCode } from './Code';
import { info } from './info';
import { convBackwardCheck, predictConvBackward } from './learn';
import { CONV_BACKWARD_MISTAKES } from './mistakes';
import { convBackwardPrintouts } from './printouts';
import {
  CONV_BACKWARD_PRESETS,
  convBackwardFrame,
  describeBackwardStep,
  NOTEBOOK_CONV_BACKWARD,
  openConvBackward,
  type ConvBackwardFrame,
  type ConvBackwardRun,
} from './model';
import { CELL_LINK, createConvBackwardState, type ConvBackwardState } from './selection';
import { ConvBackwardStage } from './Stage';

export const operation: Operation<ConvBackwardRun, ConvBackwardFrame, ConvBackwardState> = {
  info,
  fields: LAYER_FIELDS,
  presets: CONV_BACKWARD_PRESETS,
  fallback: NOTEBOOK_CONV_BACKWARD,
  validate: validateConvLayer,
  open: openConvBackward,
  frame: convBackwardFrame,
  describe: describeBackwardStep,
  printouts: convBackwardPrintouts,
  createState: createConvBackwardState,
  stateLink: CELL_LINK,
  mistakes: CONV_BACKWARD_MISTAKES,
  predict: predictConvBackward,
  check: convBackwardCheck,
  channelPages: inputChannelPages,
  views: { Stage: ConvBackwardStage, Code: ConvBackwardCode, Arithmetic: ConvBackwardStep },
};
