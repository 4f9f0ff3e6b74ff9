// The four operations of the shell. conv_forward, the first view, is in the page's main code;
// the other three are loaded (their own chunk each) when first chosen, so the first stage is
// drawn sooner. The store is the only caller of loadModel.

import type { Op } from '../../engine/types';
import type { createConvBackwardState } from './convBackwardState';
import { convForwardModel } from './convForward';
import type { OpModel } from './model';

export { OP_INFO } from './info';

const loaded: Partial<Record<Op, OpModel>> = { conv_forward: convForwardModel };
const pending: Partial<Record<Op, Promise<OpModel>>> = {};
let convBackwardStateMaker: typeof createConvBackwardState | null = null;

const importers: Record<Op, () => Promise<OpModel>> = {
  conv_forward: () => Promise.resolve(convForwardModel),
  pool_forward: () => import('./poolForward').then((m) => m.poolForwardModel as OpModel),
  pool_backward: () => import('./poolBackward').then((m) => m.poolBackwardModel as OpModel),
  conv_backward: () =>
    Promise.all([import('./convBackward'), import('./convBackwardState')]).then(([m, s]) => {
      convBackwardStateMaker = s.createConvBackwardState;
      return m.convBackwardModel as OpModel;
    }),
};

/** The op's view model if its code is loaded, else undefined. */
export function modelNow(op: Op): OpModel | undefined {
  return loaded[op];
}

/** Loads the op's view model (once; later calls share the first load). A failed load may be
 * tried again. */
export function loadModel(op: Op): Promise<OpModel> {
  const have = loaded[op];
  if (have) return Promise.resolve(have);
  let p = pending[op];
  if (!p) {
    p = importers[op]().then(
      (m) => {
        loaded[op] = m;
        delete pending[op];
        return m;
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

/** conv_backward's cell-selection state maker, once conv_backward's code is loaded. */
export function convBackwardStateMakerNow(): typeof createConvBackwardState | null {
  return convBackwardStateMaker;
}

export { convForwardModel };
