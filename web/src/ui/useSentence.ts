// A sentence a component keeps until the next action (a refusal, "Copied", a verdict), kept as
// what to say rather than as its words: it is said at each render, in the page's language then,
// so that the header's switch says it anew with the rest of the page.

import { useCallback, useState } from 'preact/hooks';

/** Says a sentence in the current language (calls a catalog's `t` when called). */
export type Say = () => string;

/** The sentence kept now (null: none) and the setter that keeps the next one. */
export function useSentence(): [string | null, (say: Say | null) => void] {
  const [say, setSay] = useState<Say | null>(null);
  // a function given to a state setter is an update: wrap it, so that it is kept, not called
  const keep = useCallback((next: Say | null) => setSay(() => next), []);
  return [say === null ? null : say(), keep];
}
