// The WebAssembly module in Node: batch kernels, steppers and seeks, timed on the raw exports.
//
// Everything calls the module's exported C functions (web/wasm/glue.c) directly, not the
// TypeScript engine: the engine copies tensors in and out on every call, which would be timed
// too. Each size's tensors are allocated once in WebAssembly memory and filled there
// (np.random.seed(1); randn for A_prev, W, b, dZ, dA in turn, as bench/native.c and
// bench/seed_numpy.py do), so no copying is measured.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

import { convOut, poolOut, steps } from './sizes.mjs';
import { MIN_SECONDS, SAMPLES, batch, calibrate, median, timeOnce } from './measure.mjs';

const prod = (a) => a.reduce((x, y) => x * y, 1);

/** Loads convstep.mjs + convstep.wasm from dir the way the engine does in Node. */
export async function loadModule(dir) {
  const { default: createConvstep } = await import(pathToFileURL(join(dir, 'convstep.mjs')).href);
  return createConvstep({ wasmBinary: readFileSync(join(dir, 'convstep.wasm')) });
}

/** Is fn the WebAssembly function itself (not a JavaScript wrapper around it)? */
const isRawExport = (fn) => /\[native code\]/.test(Function.prototype.toString.call(fn));

/**
 * The module's export `name`, after one call of warm(). Emscripten 3.1's glue exposes each
 * export through a small JavaScript function that replaces itself with the WebAssembly
 * function on its first call; reading it after that call gives the raw export.
 */
function exportAfter(mod, name, warm) {
  warm();
  return mod[name];
}

/**
 * np.random.seed(seed); np.random.randn(n) into WebAssembly memory at ptr, with the module's
 * own generator (cs_rng, which bench/native.c uses too).
 */
function fillRandn(mod, seed, ptr, n) {
  const r = mod._csw_rng_create(seed);
  if (r === 0) throw new Error('csw_rng_create failed');
  mod._csw_rng_randn(r, ptr, n);
  mod._free(r);
}

function check(status, what) {
  if (status !== 0) throw new Error(`${what} returned status ${status}`);
}

/**
 * One size's tensors in WebAssembly memory, and the measurements of every kernel and stepper
 * on them: batch (part 1), stepper (part 2) and seeks (part 3). Call free() when done.
 */
export class SizeSetup {
  constructor(mod, size) {
    this.mod = mod;
    this.s = size;
    const s = size;
    this.nIn = s.m * s.H * s.W * s.C;
    this.nW = s.f * s.f * s.C * s.nC;
    this.nZ = prod(convOut(s));
    this.nA = prod(poolOut(s));
    const drawn = this.nIn + this.nW + s.nC + this.nZ + this.nA;
    const outputs = this.nZ + this.nA + this.nIn + this.nW + s.nC;
    this.block = mod._malloc(8 * (drawn + outputs) + 16);
    if (this.block === 0) throw new Error('malloc failed');
    let at = this.block;
    const take = (n) => {
      const p = at;
      at += 8 * n;
      return p;
    };
    // Drawn in this order from one stream, as numpy draws consecutive randn calls.
    this.A_prev = take(this.nIn);
    this.W = take(this.nW);
    this.b = take(s.nC);
    this.dZ = take(this.nZ);
    this.dA = take(this.nA);
    fillRandn(mod, 1, this.A_prev, drawn);
    this.Z = take(this.nZ);
    this.A = take(this.nA);
    this.dA_prev = take(this.nIn);
    this.dW = take(this.nW);
    this.db = take(s.nC);
    this.outPtr = take(2);
  }

  free() {
    this.mod._free(this.block);
  }

  /** The batch kernel as a function of no arguments returning its status, on raw exports. */
  kernelCall(k) {
    const { mod, s } = this;
    switch (k.name) {
      case 'conv_forward': {
        const fn = exportAfter(mod, '_csw_conv_forward', () => this.callConvForward(mod._csw_conv_forward));
        return { fn: () => this.callConvForward(fn), raw: isRawExport(fn), out: this.Z, nOut: this.nZ };
      }
      case 'conv_backward': {
        const fn = exportAfter(mod, '_csw_conv_backward', () =>
          this.callConvBackward(mod._csw_conv_backward),
        );
        return {
          fn: () => this.callConvBackward(fn),
          raw: isRawExport(fn),
          out: this.dA_prev,
          nOut: this.nIn,
        };
      }
      default: {
        const forward = k.op === 'pool_forward';
        const name = forward ? '_csw_pool_forward' : '_csw_pool_backward';
        const call = forward
          ? (f) => f(this.A_prev, s.m, s.H, s.W, s.C, s.pool_f, s.pool_stride, k.mode, 0, this.A)
          : (f) =>
              f(this.dA, this.A_prev, s.m, s.H, s.W, s.C, s.pool_f, s.pool_stride, k.mode, 0, this.dA_prev);
        const fn = exportAfter(mod, name, () => call(mod[name]));
        return {
          fn: () => call(fn),
          raw: isRawExport(fn),
          out: forward ? this.A : this.dA_prev,
          nOut: forward ? this.nA : this.nIn,
        };
      }
    }
  }

  callConvForward(f) {
    const s = this.s;
    return f(this.A_prev, s.m, s.H, s.W, s.C, this.W, this.b, s.f, s.nC, s.stride, s.pad, 0, this.Z);
  }

  callConvBackward(f) {
    const s = this.s;
    return f(
      this.dZ,
      this.A_prev,
      s.m,
      s.H,
      s.W,
      s.C,
      this.W,
      s.f,
      s.nC,
      s.stride,
      s.pad,
      0,
      this.dA_prev,
      this.dW,
      this.db,
    );
  }

  /** A new stepper for kernel k (its address). */
  createStepper(k) {
    const { mod, s } = this;
    let st;
    switch (k.op) {
      case 'conv_forward':
        st = mod._csw_stepper_create_conv_forward(
          this.A_prev,
          s.m,
          s.H,
          s.W,
          s.C,
          this.W,
          this.b,
          s.f,
          s.nC,
          s.stride,
          s.pad,
          0,
          this.outPtr,
        );
        break;
      case 'conv_backward':
        st = mod._csw_stepper_create_conv_backward(
          this.dZ,
          this.A_prev,
          s.m,
          s.H,
          s.W,
          s.C,
          this.W,
          s.f,
          s.nC,
          s.stride,
          s.pad,
          0,
          this.outPtr,
        );
        break;
      case 'pool_forward':
        st = mod._csw_stepper_create_pool_forward(
          this.A_prev,
          s.m,
          s.H,
          s.W,
          s.C,
          s.pool_f,
          s.pool_stride,
          k.mode,
          0,
          this.outPtr,
        );
        break;
      default:
        st = mod._csw_stepper_create_pool_backward(
          this.dA,
          this.A_prev,
          s.m,
          s.H,
          s.W,
          s.C,
          s.pool_f,
          s.pool_stride,
          k.mode,
          0,
          this.outPtr,
        );
    }
    check(st, `creating a ${k.name} stepper`);
    // Creation may have grown memory: take the view afresh.
    return mod.HEAP32[this.outPtr >> 2];
  }

  /** Sum of n doubles at ptr, in index order (bench/native.c sums the same way). */
  checksum(ptr, n) {
    const v = this.mod.HEAPF64.subarray(ptr >> 3, (ptr >> 3) + n);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += v[j];
    return sum;
  }

  /**
   * Part 1: the batch kernel k, median of SAMPLES batches of at least MIN_SECONDS. `before(j)`,
   * if given, runs before batch j: run.mjs times the native batch there, so that the two
   * alternate.
   */
  batch(k, { before } = {}) {
    const { fn, raw, out, nOut } = this.kernelCall(k);
    check(fn(), k.name);
    const n = calibrate(fn);
    const per = [];
    for (let j = 0; j < SAMPLES; j++) {
      before?.(j);
      per.push(batch(fn, n) / n);
    }
    return { seconds: median(per), calls: n, raw, checksum: this.checksum(out, nOut) };
  }

  /**
   * Part 2: k's stepper run to the end (reset, then one seek to the last step: every step runs
   * inside WebAssembly), and driven from JavaScript (reset untimed, then `while (next(s)) {}`:
   * one call of the raw cs_stepper_next export per step, nothing read).
   */
  stepper(k, { minSeconds = MIN_SECONDS, samples = SAMPLES } = {}) {
    const mod = this.mod;
    const s = this.createStepper(k);
    try {
      const total = mod._csw_stepper_total(s);
      const next = exportAfter(mod, '_cs_stepper_next', () => mod._cs_stepper_next(0));
      const reset = exportAfter(mod, '_cs_stepper_reset', () => mod._cs_stepper_reset(0));
      const seek = exportAfter(mod, '_csw_stepper_seek', () => mod._csw_stepper_seek(0, 0));
      // the run to the end and the batch kernel in alternating batches, so that the ratio of
      // the two compares times taken under the same load (a neighbour's burst hits both)
      const toEndFn = () => {
        reset(s);
        seek(s, total);
      };
      const { fn: batchFn } = this.kernelCall(k);
      check(batchFn(), k.name);
      const nEnd = calibrate(toEndFn, minSeconds);
      const nBatch = calibrate(batchFn, minSeconds);
      const perEnd = [];
      const perBatch = [];
      for (let j = 0; j < samples; j++) {
        perEnd.push(batch(toEndFn, nEnd) / nEnd);
        perBatch.push(batch(batchFn, nBatch) / nBatch);
      }
      const toEnd = { seconds: median(perEnd) };
      const batchSeconds = median(perBatch);
      if (mod._csw_stepper_position(s) !== total) throw new Error(`${k.name}: seek did not reach the end`);

      // Driven from JavaScript: one full pass to warm up, then whole passes timed.
      reset(s);
      while (next(s)) {
        /* one step */
      }
      const rates = [];
      for (let j = 0; j < samples; j++) {
        let secs = 0;
        let done = 0;
        while (secs < minSeconds) {
          reset(s);
          const t0 = performance.now();
          while (next(s)) {
            /* one step */
          }
          secs += (performance.now() - t0) / 1000;
          done += total;
        }
        rates.push(done / secs);
      }
      const stepsPerSecond = median(rates);
      return {
        steps: total,
        toEndSeconds: toEnd.seconds,
        batchSeconds,
        nextRunSeconds: total / stepsPerSecond,
        stepsPerSecond,
        raw: isRawExport(next) && isRawExport(seek) && isRawExport(reset),
      };
    } finally {
      mod._cs_stepper_destroy(s);
    }
  }

  /**
   * Part 3: the worst seek of a backward op, to the last step (total-1): from step 0 of a
   * stepper just created (no snapshots yet: the whole run is replayed), and from the end
   * (position total, snapshots taken on the way; seeking back one step restores the last
   * snapshot and replays the rest).
   */
  seeks(k) {
    const mod = this.mod;
    const seek = exportAfter(mod, '_csw_stepper_seek', () => mod._csw_stepper_seek(0, 0));
    const total = steps(k, this.s);
    let s = 0;
    try {
      const fresh = timeOnce(
        () => {
          if (s) mod._cs_stepper_destroy(s);
          s = 0;
          s = this.createStepper(k);
        },
        () => check(seek(s, total - 1), 'seek'),
      );
      mod._cs_stepper_destroy(s);
      s = 0;
      s = this.createStepper(k);
      const fromEnd = timeOnce(
        () => check(seek(s, total), 'seek'),
        () => check(seek(s, total - 1), 'seek'),
      );
      return {
        steps: total,
        freshSeconds: fresh.seconds,
        freshMax: fresh.max,
        fromEndSeconds: fromEnd.seconds,
        fromEndMax: fromEnd.max,
      };
    } finally {
      if (s) mod._cs_stepper_destroy(s);
    }
  }
}
