// The transport: the step on stage, stepping, seeking, and the player, a requestAnimationFrame
// loop that lives as long as `playing` is true. It moves the current run's stepper; the run
// itself belongs to the store.

import { effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Browser } from './browser';
import type { OpRun } from './operation';
import { DEFAULT_SPEED, SPEEDS } from './speeds';

export interface Transport {
  /** steps done, 0..total */
  readonly position: Signal<number>;
  readonly playing: Signal<boolean>;
  readonly speedIndex: ReadonlySignal<number>;
  /** moves the stepper to step k (clamped), without pausing */
  seekTo(k: number): void;
  seek(k: number): void;
  stepBy(delta: number): void;
  toStart(): void;
  toEnd(): void;
  togglePlay(): void;
  pause(): void;
  setSpeed(index: number): void;
  dispose(): void;
}

/** `range`: the steps the transport may show (an embed locked to from..to); default 0..total. */
export function createTransport(
  run: ReadonlySignal<OpRun>,
  start: number,
  browser: Browser,
  range: (total: number) => { lo: number; hi: number } = (total) => ({ lo: 0, hi: total }),
): Transport {
  const position = signal(start);
  const playing = signal(false);
  const speedIndex = signal(DEFAULT_SPEED);

  function seekTo(k: number): void {
    const s = run.peek();
    const { lo, hi } = range(s.total);
    const target = Math.max(lo, Math.min(hi, Math.round(k)));
    if (target === s.stepper.position) {
      position.value = target;
      return;
    }
    if (target === s.stepper.position + 1) s.stepper.next();
    else s.stepper.seek(target);
    position.value = s.stepper.position;
  }

  const stopPlayer = effect(() => {
    if (!playing.value) return;
    let id = 0;
    let last: number | null = null;
    let carry = 1; // the first frame steps at once, whatever the speed
    const tick = (now: number) => {
      const speed = SPEEDS[speedIndex.peek()] ?? SPEEDS[0]!;
      let n: number;
      if (speed.perFrame !== undefined) n = speed.perFrame;
      else {
        carry += last === null ? 0 : ((now - last) / 1000) * speed.perSecond;
        n = Math.floor(carry);
        carry -= n;
      }
      last = now;
      if (n > 0) seekTo(position.peek() + n);
      if (position.peek() >= range(run.peek().total).hi) {
        playing.value = false;
        return;
      }
      id = browser.requestFrame(tick);
    };
    id = browser.requestFrame(tick);
    return () => browser.cancelFrame(id);
  });

  const t: Transport = {
    position,
    playing,
    speedIndex,
    seekTo,
    seek(k) {
      playing.value = false;
      seekTo(k);
    },
    stepBy(delta) {
      playing.value = false;
      seekTo(position.peek() + delta);
    },
    toStart() {
      t.seek(range(run.peek().total).lo);
    },
    toEnd() {
      t.seek(range(run.peek().total).hi);
    },
    togglePlay() {
      if (playing.peek()) {
        playing.value = false;
        return;
      }
      const { lo, hi } = range(run.peek().total);
      if (position.peek() >= hi) seekTo(lo);
      playing.value = true;
    },
    pause() {
      playing.value = false;
    },
    setSpeed(index) {
      if (index >= 0 && index < SPEEDS.length) speedIndex.value = index;
    },
    dispose() {
      playing.value = false;
      stopPlayer();
    },
  };
  return t;
}
