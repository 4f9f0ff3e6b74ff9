// Which components draw each operation. An op plugs in a stage (centre) and its side panels
// (code, arithmetic); the shell around them is shared. conv_forward's views are in the page's
// main code; the other ops' views (and their CSS) are loaded when the op is first chosen.

import type { ComponentType } from 'preact';
import type { Op } from '../engine/types';
import { ConvForwardArithmetic } from './convForward/ConvForwardArithmetic';
import { ConvForwardCode } from './convForward/ConvForwardCode';
import { ConvForwardStage } from './convForward/ConvForwardStage';

export interface OpViews {
  Stage: ComponentType;
  Code: ComponentType;
  Arithmetic: ComponentType;
  /** the op's own choices, shown in the form under the layer's sizes */
  Controls?: ComponentType;
}

const loaded: Partial<Record<Op, OpViews>> = {
  conv_forward: { Stage: ConvForwardStage, Code: ConvForwardCode, Arithmetic: ConvForwardArithmetic },
};
const pending: Partial<Record<Op, Promise<OpViews>>> = {};

const importers: Record<Op, () => Promise<OpViews>> = {
  conv_forward: () => Promise.resolve(loaded.conv_forward!),
  conv_backward: () => import('./convBackward/convBackwardViews').then((m) => m.convBackwardViews),
  pool_forward: () => import('./pool/poolForwardViews').then((m) => m.poolForwardViews),
  pool_backward: () => import('./pool/poolBackwardViews').then((m) => m.poolBackwardViews),
};

/** The op's views if their code is loaded, else undefined. */
export function viewsNow(op: Op): OpViews | undefined {
  return loaded[op];
}

/** Loads the op's views (once; a failed load may be tried again). */
export function loadViews(op: Op): Promise<OpViews> {
  const have = loaded[op];
  if (have) return Promise.resolve(have);
  let p = pending[op];
  if (!p) {
    p = importers[op]().then(
      (v) => {
        loaded[op] = v;
        delete pending[op];
        return v;
      },
      (e: unknown) => {
        delete pending[op];
        throw e;
      },
    );
    pending[op] = p;
  }
  return p;
}
