// The address bar follows the state, so that a teacher can share the link. Not while playing,
// and at most a few times a second (browsers limit replaceState).

import { effect, type ReadonlySignal } from '@preact/signals';
import type { Browser } from './browser';

/** Keeps the browser's query equal to `query` (when not `paused`); returns the stop function. */
export function syncUrl(query: ReadonlySignal<string>, paused: ReadonlySignal<boolean>, browser: Browser) {
  return effect(() => {
    const q = query.value;
    if (paused.value) return;
    const t = setTimeout(() => {
      if (browser.query() !== q) browser.replaceQuery(q);
    }, 250);
    return () => clearTimeout(t);
  });
}
