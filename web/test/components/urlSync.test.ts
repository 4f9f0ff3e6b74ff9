// The link is written as soon as the state changes, and no more often than browsers allow
// (Safari: 100 replaceState calls in 30 s); the last of a burst of changes is never lost. The
// first write waits for the task that opened the page to end, so that the first frame is drawn
// sooner.
import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_BROWSER } from '../../src/state/browser';
import { MIN_INTERVAL, syncUrl } from '../../src/state/urlSync';

describe('syncUrl', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const writes: string[] = [];
    let address = '';
    const browser = {
      ...NO_BROWSER,
      query: () => address,
      replaceQuery: (q: string) => {
        address = q;
        writes.push(q);
      },
    };
    const query = signal('?step=1');
    const paused = signal(false);
    const stop = syncUrl(query, paused, browser, () => Date.now());
    return { writes, query, paused, stop };
  }

  it('writes the opening state after the task that opened it, with its newest value', () => {
    const { writes, query, stop } = setup();
    expect(writes).toEqual([]);
    query.value = '?step=3';
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(writes).toEqual(['?step=3']);
    stop();
  });

  it('writes nothing once stopped, not even the opening state', () => {
    const { writes, stop } = setup();
    stop();
    vi.advanceTimersByTime(MIN_INTERVAL);
    expect(writes).toEqual([]);
  });

  it('writes a change at once, not after a delay', () => {
    const { writes, query, stop } = setup();
    vi.advanceTimersByTime(0);
    expect(writes).toEqual(['?step=1']);
    vi.advanceTimersByTime(MIN_INTERVAL);
    query.value = '?step=2';
    expect(writes).toEqual(['?step=1', '?step=2']);
    stop();
  });

  it('gathers a burst and writes its last value once the interval has passed', () => {
    const { writes, query, stop } = setup();
    vi.advanceTimersByTime(0);
    for (let k = 2; k <= 50; k++) query.value = `?step=${k}`;
    expect(writes).toEqual(['?step=1']);
    vi.advanceTimersByTime(MIN_INTERVAL);
    expect(writes).toEqual(['?step=1', '?step=50']);
    stop();
  });

  it('stays within 100 writes in 30 seconds however fast the steps come', () => {
    const { writes, query, stop } = setup();
    for (let t = 0; t < 30000; t += 16) {
      query.value = `?step=${t}`;
      vi.advanceTimersByTime(16);
    }
    expect(writes.length).toBeLessThanOrEqual(101);
    stop();
  });

  it('does not write while playing', () => {
    const { writes, query, paused, stop } = setup();
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(MIN_INTERVAL);
    paused.value = true;
    query.value = '?step=7';
    vi.advanceTimersByTime(MIN_INTERVAL * 3);
    expect(writes).toEqual(['?step=1']);
    paused.value = false;
    expect(writes).toEqual(['?step=1', '?step=7']);
    stop();
  });
});
