// The operations, in the switcher's order: the one registry. Each line names an operation's
// info (known at once) and its code (loaded when first chosen, in a chunk of its own). Adding
// an operation adds its folder and one line here.

import { createRegistry } from '../state/registry';
import { createUrlCodec } from '../state/url';
import { info as convBackward } from './conv_backward/info';
import { info as convForward } from './conv_forward/info';
import { info as convTranspose } from './conv_transpose/info';
import { info as poolBackward } from './pool_backward/info';
import { info as poolForward } from './pool_forward/info';

export const REGISTRY = createRegistry([
  [convForward, () => import('./conv_forward/index')],
  [poolForward, () => import('./pool_forward/index')],
  [convBackward, () => import('./conv_backward/index')],
  [poolBackward, () => import('./pool_backward/index')],
  [convTranspose, () => import('./conv_transpose/index')],
]);

/** The link's reading and writing for these operations. */
export const URL_CODEC = createUrlCodec(REGISTRY);
