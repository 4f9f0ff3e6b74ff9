// The store reaches components through context, so that tests can render any part with a store
// of their own.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { WrongLine } from '../state/mistakes';
import type { Store } from '../state/store';

export const StoreContext = createContext<Store | null>(null);

export function useStore(): Store {
  const s = useContext(StoreContext);
  if (s === null) throw new Error('useStore: no StoreContext.Provider above this component');
  return s;
}

/** The wrong lines of the classic mistake chosen (none: the right code); the code panel shows
 * them under the lines they replace. */
export const WrongLinesContext = createContext<readonly WrongLine[]>([]);
