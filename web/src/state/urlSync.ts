// The address bar follows the state, so that a teacher can share the link. Not while playing.
// A change is written at once; changes that come faster than browsers allow (Safari: 100
// replaceState calls in 30 seconds, Chrome: 200 in 10) are gathered and the last of them is
// written when the interval has passed.

import { effect, type ReadonlySignal } from '@preact/signals';
import type { Browser } from './browser';

/** At most one write per this many milliseconds: 100 in 30 s. */
export const MIN_INTERVAL = 300;

/** Keeps the browser's query equal to `query` (when not `paused`); returns the stop function.
 * The first write waits for the task that called this to end: a page opening does not spend
 * its first frame on the address bar (replaceState costs a cold browser milliseconds). `now`
 * is the clock (milliseconds), for tests. */
export function syncUrl(
  query: ReadonlySignal<string>,
  paused: ReadonlySignal<boolean>,
  browser: Browser,
  now: () => number = () => Date.now(),
) {
  let last = Number.NEGATIVE_INFINITY;
  let pending: string | null = null;
  // the first write, after this task; later ones as the interval allows
  let timer: ReturnType<typeof setTimeout> | null = setTimeout(() => write(), 0);
  const write = () => {
    timer = null;
    const q = pending;
    pending = null;
    if (q === null) return;
    last = now();
    if (browser.query() !== q) browser.replaceQuery(q);
  };
  const stop = effect(() => {
    const q = query.value;
    if (paused.value) return;
    pending = q;
    if (timer !== null) return; // the waiting write takes the newest query
    const wait = last + MIN_INTERVAL - now();
    if (wait <= 0) write();
    else timer = setTimeout(write, wait);
  });
  return () => {
    stop();
    if (timer !== null) clearTimeout(timer);
  };
}
