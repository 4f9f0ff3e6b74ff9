// Which components draw each operation. An op plugs in a stage (centre) and its side panels
// (code, arithmetic); the shell around them is shared.

import type { ComponentType } from 'preact';
import type { Op } from '../engine/types';
import { ConvBackwardCode } from './convBackward/ConvBackwardCode';
import { ConvBackwardStage } from './convBackward/ConvBackwardStage';
import { ConvBackwardStep } from './convBackward/ConvBackwardStep';
import { ConvForwardArithmetic } from './convForward/ConvForwardArithmetic';
import { ConvForwardCode } from './convForward/ConvForwardCode';
import { ConvForwardStage } from './convForward/ConvForwardStage';
import { PoolBackwardArithmetic } from './pool/PoolBackwardArithmetic';
import { PoolBackwardStage } from './pool/PoolBackwardStage';
import { PoolBackwardCode, PoolForwardCode } from './pool/PoolCode';
import { PoolBackwardControls, PoolForwardControls } from './pool/PoolControls';
import { PoolForwardArithmetic } from './pool/PoolForwardArithmetic';
import { PoolForwardStage } from './pool/PoolForwardStage';

export interface OpViews {
  Stage: ComponentType;
  Code: ComponentType;
  Arithmetic: ComponentType;
  /** the op's own choices, shown in the form under the layer's sizes */
  Controls?: ComponentType;
}

export const OP_VIEWS: Partial<Record<Op, OpViews>> = {
  conv_forward: { Stage: ConvForwardStage, Code: ConvForwardCode, Arithmetic: ConvForwardArithmetic },
  conv_backward: { Stage: ConvBackwardStage, Code: ConvBackwardCode, Arithmetic: ConvBackwardStep },
  pool_forward: { Stage: PoolForwardStage, Code: PoolForwardCode, Arithmetic: PoolForwardArithmetic, Controls: PoolForwardControls },
  pool_backward: { Stage: PoolBackwardStage, Code: PoolBackwardCode, Arithmetic: PoolBackwardArithmetic, Controls: PoolBackwardControls },
};
