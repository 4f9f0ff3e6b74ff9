// Which components draw each operation. An op plugs in a stage (centre) and its side panels
// (code, arithmetic); the shell around them is shared.

import type { ComponentType } from 'preact';
import type { Op } from '../engine/types';
import { ConvForwardArithmetic } from './convForward/ConvForwardArithmetic';
import { ConvForwardCode } from './convForward/ConvForwardCode';
import { ConvForwardStage } from './convForward/ConvForwardStage';

export interface OpViews {
  Stage: ComponentType;
  Code: ComponentType;
  Arithmetic: ComponentType;
}

export const OP_VIEWS: Partial<Record<Op, OpViews>> = {
  conv_forward: { Stage: ConvForwardStage, Code: ConvForwardCode, Arithmetic: ConvForwardArithmetic },
};
