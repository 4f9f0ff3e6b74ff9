#!/usr/bin/env node
// npm run bench: times convstep's kernels and steppers (WebAssembly in Node, the same C built
// natively, PyTorch float64 on one thread, the seed's numpy loops) and the page (headless Chromium), prints the tables and
// writes them to bench/RESULTS.md. Benchmarks, not tests: nothing here fails on a missed budget;
// a part that cannot run says why in the results.
//
// Environment:
//   BENCH_WASM_DIR  measure convstep.mjs + convstep.wasm from this folder instead of the one
//                   build.sh writes (for comparing builds); build.sh is then not called
//   BENCH_SKIP      comma-separated parts to leave out: native, torch, numpy, page, export
//   CC_BENCH        the native compiler (default gcc)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

import { KERNELS, SIZES } from './sizes.mjs';
import { cpuTicks, machineInfo, otherLoad, sourceInfo } from './machine.mjs';
import { MIN_SECONDS, SAMPLES, median } from './measure.mjs';
import { SizeSetup, loadModule } from './wasm.mjs';
import { benchExport, benchPage } from './page.mjs';
import { renderReport } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const skip = new Set(
  (process.env.BENCH_SKIP ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const log = (msg) => console.log(`bench: ${msg}`);
/** Error text without this machine's folders. */
const clean = (s) => String(s).split(root).join('.').split('\n')[0].slice(0, 240);

// ---- the WebAssembly module ----------------------------------------------------------------

/** Builds (if needed) and loads the module; returns { mod, dir, flags, note } or { error }. */
async function wasmModule() {
  let dir = join(root, 'web/src/engine/generated');
  let note = null;
  if (process.env.BENCH_WASM_DIR) {
    dir = resolve(process.env.BENCH_WASM_DIR);
    note = 'module taken from BENCH_WASM_DIR, not from build.sh';
  } else {
    log('bash build.sh wasm (does nothing when the module is up to date)');
    const r = spawnSync('bash', ['build.sh', 'wasm'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (r.status !== 0) {
      const why =
        `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n').find((l) => /error/i.test(l)) ?? `exit ${r.status}`;
      if (!existsSync(join(dir, 'convstep.wasm')))
        return { error: `bash build.sh wasm failed: ${clean(why.trim())}` };
      note = `bash build.sh wasm failed (${clean(why.trim())}); measured the module already there, which may be older than the sources`;
    }
  }
  if (!existsSync(join(dir, 'convstep.wasm')) || !existsSync(join(dir, 'convstep.mjs'))) {
    return { error: 'convstep.mjs / convstep.wasm not found' };
  }
  // The optimisation flags of the build, from build.sh's stamp file.
  let flags = null;
  const stamp = join(dir, '.flags');
  if (existsSync(stamp)) {
    const f = readFileSync(stamp, 'utf8')
      .split('\n')
      .filter((l) => /^-(O\d|O[sz]|m[a-z0-9-]+)$/.test(l));
    if (f.length) flags = f.join(' ');
  }
  try {
    return { mod: await loadModule(dir), flags, note };
  } catch (e) {
    return { error: `loading the module failed: ${clean(e?.message ?? e)}` };
  }
}

// ---- native --------------------------------------------------------------------------------

/** Builds bench/native.c with the library; returns { exe } or { error }. */
function buildNative() {
  const cc = process.env.CC_BENCH || 'gcc';
  const out = join(here, '.build');
  mkdirSync(out, { recursive: true });
  const exe = join(out, 'native');
  const sources = readdirSync(join(root, 'c/src'))
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => `c/src/${f}`);
  log(`${cc} -O2 -> bench/.build/native`);
  const build = spawnSync(
    cc,
    ['-std=c11', '-O2', '-Ic/include', ...sources, 'bench/native.c', '-lm', '-o', exe],
    { cwd: root, encoding: 'utf8' },
  );
  if (build.status !== 0) {
    return { error: `${cc} failed: ${clean((build.stderr || build.error?.message || '').trim())}` };
  }
  return { exe };
}

/**
 * One kernel on one size, natively, one batch: { kernel, seconds (per call), calls, checksum }.
 * Without `calls` the binary calibrates (batches of at least MIN_SECONDS).
 */
function runNative(exe, s, k, calls) {
  const args = [
    s.m,
    s.H,
    s.W,
    s.C,
    s.f,
    s.nC,
    s.stride,
    s.pad,
    s.pool_f,
    s.pool_stride,
    MIN_SECONDS,
    1,
    k.name,
  ];
  if (calls) args.push(calls);
  return JSON.parse(execFileSync(exe, args.map(String), { encoding: 'utf8' }).trim());
}

// ---- numpy ---------------------------------------------------------------------------------

function benchNumpy() {
  const py = '/usr/bin/python3';
  if (!existsSync(py)) return { error: `no ${py}` };
  const probe = spawnSync(py, ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return { error: `${py} has no numpy (apt-get install python3-numpy)` };
  log("numpy: the seed's loops");
  const plan = { sizes: SIZES, limit_s: 10, min_s: 0.2, max_runs: 3 };
  const r = spawnSync(py, [join(here, 'seed_numpy.py'), JSON.stringify(plan)], {
    encoding: 'utf8',
    timeout: 150000,
  });
  if (r.status !== 0)
    return {
      error: `seed_numpy.py failed: ${clean((r.stderr || r.error?.message || '').trim().split('\n').pop())}`,
    };
  const res = JSON.parse(r.stdout);
  return { rows: res.results, numpy: res.numpy, python: res.python };
}

// ---- PyTorch -------------------------------------------------------------------------------

function benchTorch() {
  const py = '/usr/bin/python3';
  if (!existsSync(py)) return { error: `no ${py}` };
  const probe = spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return { error: `${py} has no torch (apt-get install python3-torch)` };
  log('PyTorch: float64, one thread');
  const plan = { sizes: SIZES, min_s: MIN_SECONDS, samples: SAMPLES };
  const r = spawnSync(py, [join(here, 'torch_f64.py'), JSON.stringify(plan)], {
    encoding: 'utf8',
    timeout: 300000,
  });
  if (r.status !== 0)
    return {
      error: `torch_f64.py failed: ${clean((r.stderr || r.error?.message || '').trim().split('\n').pop())}`,
    };
  const res = JSON.parse(r.stdout.trim().split('\n').pop());
  return { rows: res.results, torch: res.torch, threads: res.threads };
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  const t0 = performance.now();
  const machine = machineInfo();
  log(`${machine.cpu}, ${machine.cores} cores, node ${machine.node}`);

  const report = { machine, source: sourceInfo(root) };
  const ticks0 = cpuTicks();

  // Parts 1-3, one kernel at a time: native, then the same kernel in WebAssembly (batch,
  // stepper, seeks), so that the numbers compared with each other are taken side by side.
  const native = skip.has('native') ? { error: 'left out (BENCH_SKIP)' } : buildNative();
  if (native.error) log(`native: not measured (${native.error})`);
  report.native = native.error ? { error: native.error } : { rows: [] };
  const w = await wasmModule();
  if (w.error) log(`WASM: not measured (${w.error})`);
  report.wasm = w.error
    ? { error: w.error }
    : { flags: w.flags, note: w.note, kernels: [], steppers: [], seeks: [] };
  for (const size of SIZES) {
    const setup = w.error ? null : new SizeSetup(w.mod, size);
    try {
      for (const k of KERNELS) {
        log(`${size.name}: ${k.label}`);
        const tag = { kernel: k.name, size: size.name };
        // Native: calibrate, then SAMPLES batches, each right before a WebAssembly batch.
        let nat = null;
        const natSamples = [];
        if (native.exe) {
          try {
            nat = runNative(native.exe, size, k);
          } catch (e) {
            log(`native: ${k.name} on ${size.name} failed: ${clean(e?.message ?? e)}`);
          }
        }
        const nativeBatch = () => {
          try {
            natSamples.push(runNative(native.exe, size, k, nat.calls).seconds);
          } catch (e) {
            log(`native: ${k.name} on ${size.name} failed: ${clean(e?.message ?? e)}`);
          }
        };
        if (setup) {
          report.wasm.kernels.push({ ...setup.batch(k, { before: nat ? nativeBatch : undefined }), ...tag });
        } else if (nat) {
          for (let j = 0; j < SAMPLES; j++) nativeBatch();
        }
        if (nat && natSamples.length)
          report.native.rows.push({ ...nat, seconds: median(natSamples), ...tag });
        if (!setup) continue;
        report.wasm.steppers.push({ ...setup.stepper(k, { minSeconds: 0.1 }), ...tag });
        if (k.op.endsWith('backward')) report.wasm.seeks.push({ ...setup.seeks(k), ...tag });
      }
    } finally {
      setup?.free();
    }
  }

  report.torch = skip.has('torch') ? { error: 'left out (BENCH_SKIP)' } : benchTorch();
  if (report.torch.error) log(`PyTorch: not measured (${report.torch.error})`);

  report.numpy = skip.has('numpy') ? { error: 'left out (BENCH_SKIP)' } : benchNumpy();
  if (report.numpy.error) log(`numpy: not measured (${report.numpy.error})`);

  if (skip.has('page')) {
    report.page = { measured: false, reason: 'left out (BENCH_SKIP)' };
  } else {
    log('page: headless Chromium');
    report.page = await benchPage(
      root,
      SIZES.find((s) => s.name === 'image'),
      log,
    );
    if (!report.page.measured) report.page.reason = clean(report.page.reason);
  }
  if (!report.page.measured) log(`page: not measured (${report.page.reason})`);

  if (skip.has('export')) {
    report.export = { measured: false, reason: 'left out (BENCH_SKIP)' };
  } else {
    log('export: headless Chromium');
    report.export = await benchExport(root, log);
    if (!report.export.measured) report.export.reason = clean(report.export.reason);
  }
  if (!report.export.measured) log(`export: not measured (${report.export.reason})`);

  report.seconds = (performance.now() - t0) / 1000;
  report.otherLoad = otherLoad(ticks0, cpuTicks(), machine.cores);
  const md = renderReport(report);
  writeFileSync(join(here, 'RESULTS.md'), md);
  console.log(`\n${md}`);
  log(`written to bench/RESULTS.md in ${Math.round(report.seconds)} s`);
}

main().catch((e) => {
  console.error(`bench: ${e?.stack ?? e}`);
  process.exit(1);
});
