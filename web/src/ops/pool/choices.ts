// Pooling's own choices: the mode (both walks), and for pool_backward the rule for tied maxima
// and where dA comes from. Each travels in the link under its key; an absent one is its default.

import type { PoolMode, PoolTies } from '../../engine/types';
import { choiceOf, type ChoiceSpec, type Config } from '../../state/config';

/** Where pool_backward's dA comes from: np.random.randn(*A.shape) drawn after A_prev (the
 * notebook's pool_backward cell), or all ones (the gradient of sum(A)). */
export type DaSource = 'randn' | 'ones';
const DA_SOURCES: readonly DaSource[] = ['randn', 'ones'];

const MODES: readonly PoolMode[] = ['max', 'average'];
const TIES: readonly PoolTies[] = ['all', 'first'];

export const MODE_CHOICE: ChoiceSpec = { key: 'mode', values: MODES };
export const TIES_CHOICE: ChoiceSpec = { key: 'ties', values: TIES };
export const DA_CHOICE: ChoiceSpec = { key: 'da', values: DA_SOURCES };

export interface PoolChoices {
  mode: PoolMode;
  ties: PoolTies;
  da: DaSource;
}

/** A configuration's pooling choices, absent ones at their defaults. */
export function poolChoices(c: Config): PoolChoices {
  const pick = <T extends string>(spec: ChoiceSpec, all: readonly T[]): T =>
    all.find((v) => v === choiceOf(c, spec)) ?? all[0]!;
  return { mode: pick(MODE_CHOICE, MODES), ties: pick(TIES_CHOICE, TIES), da: pick(DA_CHOICE, DA_SOURCES) };
}
