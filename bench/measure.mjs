// Timing: the same method as bench/native.c, so that the two columns compare like with like.
//
// A measurement calls fn n times in a row, n chosen so that one batch takes about minSeconds
// (grow n until a batch takes an eighth of that, then scale up); the calibration also warms the
// code (V8 compiles WebAssembly with a baseline compiler first and optimises it in the
// background). Then `samples` batches are timed and the median time per call is kept.
import { performance } from 'node:perf_hooks';

export const MIN_SECONDS = 0.2;
export const SAMPLES = 5;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Seconds for n calls of fn in a row. */
export function batch(fn, n) {
  const t0 = performance.now();
  for (let k = 0; k < n; k++) fn();
  return (performance.now() - t0) / 1000;
}

/** Calls per batch so that a batch of fn takes about minSeconds (at least that, within 5 %). */
export function calibrate(fn, minSeconds = MIN_SECONDS) {
  let n = 1;
  for (;;) {
    const dt = batch(fn, n);
    if (dt >= minSeconds) return n;
    if (dt >= minSeconds / 8) return Math.ceil((n * minSeconds * 1.05) / dt);
    n *= 4;
  }
}

/** Median seconds per call of fn. */
export function timePerCall(fn, { minSeconds = MIN_SECONDS, samples = SAMPLES } = {}) {
  const n = calibrate(fn, minSeconds);
  const per = [];
  for (let s = 0; s < samples; s++) per.push(batch(fn, n) / n);
  return { seconds: median(per), calls: n };
}

/**
 * Median seconds of one call of `timed`, with `setup` run untimed before each call: for work
 * that cannot be repeated as it is (a seek from a fresh stepper). At least `samples` calls, more
 * while they add up to less than minSeconds (at most maxCalls).
 */
export function timeOnce(setup, timed, { minSeconds = 0.05, samples = SAMPLES, maxCalls = 101 } = {}) {
  const per = [];
  let total = 0;
  while (per.length < samples || (total < minSeconds && per.length < maxCalls)) {
    setup();
    const t0 = performance.now();
    timed();
    const dt = (performance.now() - t0) / 1000;
    per.push(dt);
    total += dt;
  }
  return { seconds: median(per), calls: per.length, max: Math.max(...per) };
}
