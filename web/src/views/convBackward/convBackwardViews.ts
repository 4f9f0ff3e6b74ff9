// conv_backward's views: one chunk, loaded when the op is first chosen.

import type { OpViews } from '../index';
import { ConvBackwardCode } from './ConvBackwardCode';
import { ConvBackwardStage } from './ConvBackwardStage';
import { ConvBackwardStep } from './ConvBackwardStep';

export const convBackwardViews: OpViews = {
  Stage: ConvBackwardStage,
  Code: ConvBackwardCode,
  Arithmetic: ConvBackwardStep,
};
