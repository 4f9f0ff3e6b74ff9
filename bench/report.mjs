// The results as Markdown: machine, the four parts, and the budget table at the end.
import { KERNELS, SIZES, describeSize, flops } from './sizes.mjs';

const BUDGET = {
  wasmVsNative: 0.8, // native time / WASM time, image and layer sizes
  convBackwardVsTorch: 2, // PyTorch time / WASM time, conv backward, image and layer sizes
  stepperRatio: 1.5, // stepper run to the end / batch kernel, every op and size
  jsSteps: 5e6, // steps per second driven from JavaScript, notebook size
  seekMs: 2, // worst seek, configurations up to seekMaxSteps steps
  seekMaxSteps: 50000,
  seekLargeMs: 16, // worst seek, larger configurations (one frame at 60 Hz)
};

const sig = (x, n = 3) => {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 10 ** n) return Math.round(x).toLocaleString('en-US');
  return Number(x.toPrecision(n)).toString();
};

export function fmtTime(s) {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  if (s < 1e-6) return `${sig(s * 1e9)} ns`;
  if (s < 1e-3) return `${sig(s * 1e6)} µs`;
  if (s < 1) return `${sig(s * 1e3)} ms`;
  return `${sig(s)} s`;
}

const fmtRate = (r) => (r >= 1e6 ? `${sig(r / 1e6)} M` : r >= 1e3 ? `${sig(r / 1e3)} k` : sig(r));
const int = (n) => n.toLocaleString('en-US');
const label = (name) => KERNELS.find((k) => k.name === name)?.label ?? name;

function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A budget row: met or missed, and by how much (relative to the target). */
function judge(target, measured, atLeast, unit = '', fmt = sig) {
  const met = atLeast ? measured >= target : measured <= target;
  const diff = Math.abs(measured - target);
  const pct = Math.round((100 * diff) / target);
  const distance = met
    ? `${fmt(diff)}${unit} to spare (${pct} %)`
    : `${atLeast ? 'short' : 'over'} by ${fmt(diff)}${unit} (${pct} %)`;
  return { met, distance };
}

const find = (rows, kernel, size) => rows?.find((r) => r.kernel === kernel && r.size === size);

/**
 * r: { machine, wasm: { dir, flags, note, kernels, steppers, seeks } | { error },
 *      native: { rows } | { error }, numpy: { rows, numpy, python } | { error }, page, seconds }
 */
export function renderReport(r) {
  const out = [];
  const budgets = [];
  const m = r.machine;
  out.push('# convstep benchmark results', '');
  out.push('Written by `npm run bench` (bench/run.mjs); see bench/README.md for what each row means.', '');
  out.push('## Machine', '');
  out.push(
    table(
      ['', ''],
      [
        ['CPU', `${m.cpu}, ${m.cores} logical core${m.cores === 1 ? '' : 's'}, ${m.memoryGiB} GiB`],
        ['OS', m.os],
        ['Node', m.node],
        ['Emscripten', `${m.emcc}${r.wasm?.flags ? ` (module built with ${r.wasm.flags})` : ''}`],
        ['gcc', `${m.gcc} (native bench: -O2, no -march)`],
        [
          'PyTorch',
          r.torch?.torch
            ? `${r.torch.torch} (Debian's python3-torch), float64, ${r.torch.threads} thread${r.torch.threads === 1 ? '' : 's'}`
            : (r.torch?.error ?? '—'),
        ],
        ['Python', r.numpy?.python ? `${r.numpy.python}, numpy ${r.numpy.numpy}` : (r.numpy?.error ?? '—')],
        ['Chromium', r.page?.version ?? '—'],
        ['date', m.date],
        ['sources', r.source ?? '—'],
        ['run time', `${Math.round(r.seconds)} s`],
        [
          'other load',
          r.otherLoad === null || r.otherLoad === undefined
            ? 'unknown'
            : `other processes kept ${sig(r.otherLoad, 2)} of the ${m.cores} cores busy on average during the run${r.otherLoad > 0.25 ? ' (a busy machine: times are slower and noisier than on an idle one)' : ''}`,
        ],
      ],
    ),
  );
  out.push('');
  for (const s of SIZES)
    out.push(`- **${s.name}**: ${describeSize(s)}; pooling f ${s.pool_f}, stride ${s.pool_stride}`);
  out.push('');

  // ---- 1. kernels
  out.push('## 1. Batch kernels', '');
  const wasm = r.wasm?.kernels;
  const native = r.native?.rows;
  const raw = wasm
    ? wasm.every((x) => x.raw)
      ? 'raw WebAssembly exports'
      : "the glue's wrappers of the exports"
    : '';
  out.push(
    `WASM: the module's exported C functions called directly from Node (${raw || 'not measured'}), on buffers allocated once in WebAssembly memory (no copying timed). Native: the same C built with \`gcc -O2\`. PyTorch: its own operators in float64 on one thread (bench/torch_f64.py, NCHW), timed the same way in the same run; "PyTorch / WASM" above 1 means WASM is faster. Each time is the median of 5 batches of at least 0.2 s; native and WASM batches alternate. GFLOP/s counts a multiply-add as 2 flops; pooling counts one per window element. numpy: the seed's Python loops (bench/seed_numpy.py), median of up to 3 runs.`,
  );
  if (r.wasm?.error) out.push('', `WASM: not measured (${r.wasm.error}).`);
  if (r.wasm?.note) out.push('', `WASM: ${r.wasm.note}.`);
  if (r.native?.error) out.push('', `Native: not measured (${r.native.error}).`);
  if (r.torch?.error) out.push('', `PyTorch: not measured (${r.torch.error}).`);
  if (r.numpy?.error) out.push('', `numpy: not measured (${r.numpy.error}).`);
  out.push('');
  const rows1 = [];
  let same = 0;
  let compared = 0;
  for (const s of SIZES) {
    for (const k of KERNELS) {
      const w = find(wasm, k.name, s.name);
      const n = find(native, k.name, s.name);
      const py = find(r.numpy?.rows, k.name, s.name);
      const pt = find(r.torch?.rows, k.name, s.name);
      const vsTorch = w && pt ? pt.seconds / w.seconds : null;
      const fl = flops(k, s);
      const ratio = w && n ? n.seconds / w.seconds : null;
      if (w && n) {
        compared++;
        if (w.checksum === n.checksum) same++;
      }
      let pyText = '—';
      if (py?.skipped) pyText = `skipped (too slow: ~${sig(py.predicted_s, 2)} s predicted)`;
      else if (py) pyText = fmtTime(py.seconds);
      rows1.push([
        label(k.name),
        s.name,
        w ? fmtTime(w.seconds) : '—',
        n ? fmtTime(n.seconds) : '—',
        ratio === null ? '—' : sig(ratio, 2),
        w ? sig(fl / w.seconds / 1e9, 3) : '—',
        n ? sig(fl / n.seconds / 1e9, 3) : '—',
        pt ? fmtTime(pt.seconds) : '—',
        vsTorch === null ? '—' : `${sig(vsTorch, 2)}×`,
        pyText,
        py?.seconds && w ? `${sig(py.seconds / w.seconds, 2)}×` : '—',
      ]);
      if (vsTorch !== null && k.name === 'conv_backward' && s.name !== 'notebook') {
        const j = judge(BUDGET.convBackwardVsTorch, vsTorch, true, '×', (x) => sig(x, 2));
        budgets.push([
          `WASM speed vs PyTorch float64 (one thread) ≥ ${BUDGET.convBackwardVsTorch}×: ${label(k.name)}, ${s.name}`,
          `${sig(vsTorch, 2)}×`,
          j.met ? 'met' : '**missed**',
          j.distance,
        ]);
      }
      if (ratio !== null && s.name !== 'notebook') {
        const j = judge(BUDGET.wasmVsNative, ratio, true, '', (x) => sig(x, 2));
        budgets.push([
          `WASM speed vs native ≥ ${BUDGET.wasmVsNative}: ${label(k.name)}, ${s.name}`,
          sig(ratio, 2),
          j.met ? 'met' : '**missed**',
          j.distance,
        ]);
      }
    }
  }
  out.push(
    table(
      [
        'kernel',
        'size',
        'WASM',
        'native gcc -O2',
        'WASM speed vs native',
        'GFLOP/s WASM',
        'GFLOP/s native',
        'PyTorch f64, 1 thread',
        'PyTorch / WASM',
        'seed numpy loops',
        'numpy / WASM',
      ],
      rows1,
    ),
  );
  if (compared) {
    out.push(
      '',
      `Outputs: WASM and native agree bit for bit (sum of the output, in index order) on ${same} of ${compared} runs.`,
    );
  }
  out.push('');

  // ---- 2. steppers
  out.push('## 2. Stepper against the batch kernel (WASM)', '');
  out.push(
    '"to the end": `cs_stepper_reset`, then one `seek(total)`: every step runs inside WebAssembly (snapshots of backward partial sums included), median of 5 batches of at least 0.1 s, in turns with 5 batches of the batch kernel (the "batch" column), so that both are timed under the same load. "next() from JS": `while (next(s)) {}` with the raw `cs_stepper_next` export, one call per step, nothing else read (reset not timed). Ratios are against that batch time.',
    '',
  );
  const rows2 = [];
  for (const s of SIZES) {
    for (const k of KERNELS) {
      const st = find(r.wasm?.steppers, k.name, s.name);
      const w = find(wasm, k.name, s.name);
      if (!st || !w) continue;
      // against the batch kernel timed in turns with the stepper (part 1's, from a run before)
      const batchSeconds = st.batchSeconds ?? w.seconds;
      const ratio = st.toEndSeconds / batchSeconds;
      const ratioNext = st.nextRunSeconds / batchSeconds;
      rows2.push([
        label(k.name),
        s.name,
        int(st.steps),
        fmtTime(batchSeconds),
        fmtTime(st.toEndSeconds),
        `${sig(ratio, 2)}×`,
        fmtTime(st.nextRunSeconds),
        `${sig(ratioNext, 2)}×`,
        fmtRate(st.stepsPerSecond),
      ]);
      const j = judge(BUDGET.stepperRatio, ratio, false, '×', (x) => sig(x, 2));
      budgets.push([
        `stepper to the end / batch ≤ ${BUDGET.stepperRatio}×: ${label(k.name)}, ${s.name}`,
        `${sig(ratio, 2)}×`,
        j.met ? 'met' : '**missed**',
        j.distance,
      ]);
      if (s.name === 'notebook') {
        const jj = judge(BUDGET.jsSteps, st.stepsPerSecond, true, ' steps/s', fmtRate);
        budgets.push([
          `steps/s from JS ≥ ${fmtRate(BUDGET.jsSteps)}: ${label(k.name)}, notebook`,
          fmtRate(st.stepsPerSecond),
          jj.met ? 'met' : '**missed**',
          jj.distance,
        ]);
      }
    }
  }
  if (rows2.length) {
    out.push(
      table(
        [
          'op',
          'size',
          'steps',
          'batch',
          'stepper to the end',
          'ratio',
          'next() from JS, whole run',
          'ratio',
          'steps/s from JS',
        ],
        rows2,
      ),
    );
  } else {
    out.push('Not measured.');
  }
  out.push('');

  // ---- 3. seeks
  out.push('## 3. Worst seek (WASM)', '');
  out.push(
    'To the last step (total − 1) of each backward op: from step 0 of a stepper just created (no snapshots yet) and from the end (position total, snapshots taken on the way there). Median of at least 5 seeks (more while they add up to less than 50 ms); the slowest one in brackets.',
    '',
  );
  const rows3 = [];
  for (const s of SIZES) {
    for (const k of KERNELS.filter((x) => x.op.endsWith('backward'))) {
      const sk = find(r.wasm?.seeks, k.name, s.name);
      if (!sk) continue;
      rows3.push([
        label(k.name),
        s.name,
        int(sk.steps),
        `${fmtTime(sk.freshSeconds)} (${fmtTime(sk.freshMax)})`,
        `${fmtTime(sk.fromEndSeconds)} (${fmtTime(sk.fromEndMax)})`,
      ]);
      for (const [how, sec] of [
        ['from step 0', sk.freshSeconds],
        ['from the end', sk.fromEndSeconds],
      ]) {
        const large = sk.steps > BUDGET.seekMaxSteps;
        const limit = large ? BUDGET.seekLargeMs : BUDGET.seekMs;
        const name = `seek to the last step ≤ ${limit} ms (${how}): ${label(k.name)}, ${s.name}, ${int(sk.steps)} steps`;
        const j = judge(limit, sec * 1e3, false, ' ms', (x) => sig(x, 2));
        budgets.push([name, fmtTime(sec), j.met ? 'met' : '**missed**', j.distance]);
      }
    }
  }
  out.push(
    rows3.length
      ? table(['op', 'size', 'steps', 'from step 0 (slowest)', 'from the end (slowest)'], rows3)
      : 'Not measured.',
  );
  out.push('');

  // ---- 4. page
  out.push('## 4. The page (headless Chromium)', '');
  const p = r.page;
  if (!p?.measured) {
    out.push(`page: not measured (${p?.reason ?? 'not run'})`);
  } else {
    const sz = p.size;
    const asked = SIZES.find((s) => s.name === 'image');
    const note = p.refused.length
      ? ` The page refused the benchmark's image size (${p.refused.join(', ')}), so this is the largest size it accepted.`
      : '';
    out.push(
      `Built folder (dist/) served from 127.0.0.1; page opened at \`${p.query}\` (A_prev (${sz.m},${sz.H},${sz.W},${sz.C}), W (${sz.f},${sz.f},${sz.C},${sz.nC}); asked for ${asked.H}×${asked.W}).${note}`,
      '',
    );
    const fps = p.playing.frames / p.playing.seconds;
    const idleFps = p.idle.frames / p.idle.seconds;
    // the page's budgets: a first stage within 250 ms of navigation (a fresh browser profile),
    // 55 frames a second at the fastest speed, and 60 KB gzipped for the first view
    const first = judge(250, p.firstStageMs, false, ' ms');
    budgets.push([
      'first drawn stage ≤ 250 ms',
      p.cold?.measured
        ? `${sig(p.firstStageMs, 3)} ms (a page that draws one rectangle: ${sig(p.cold.floorMs, 3)} ms)`
        : `${sig(p.firstStageMs, 3)} ms`,
      first.met ? 'met' : '**missed**',
      first.distance,
    ]);
    const smooth = judge(55, fps, true, ' fps');
    budgets.push([
      'frames per second at the fastest speed ≥ 55',
      `${sig(fps, 3)}`,
      smooth.met ? 'met' : '**missed**',
      smooth.distance,
    ]);
    const weight = (p.bytes.js + p.bytes.css + p.bytes.wasm) / 1000;
    const light = judge(60, weight, false, ' KB');
    budgets.push([
      'first view ≤ 60 KB gzipped',
      `${sig(weight, 3)} KB`,
      light.met ? 'met' : '**missed**',
      light.distance,
    ]);
    const steps = p.playing.steps;
    const restarts = p.playing.restarts
      ? `, played from the start again ${p.playing.restarts}× after reaching the end`
      : '';
    out.push(
      table(
        ['measure', 'value'],
        [
          [
            'frames per second, playing at the fastest speed',
            `${sig(fps, 3)} (${p.playing.frames} frames in ${sig(p.playing.seconds, 3)} s at "${p.speedLabel}"; slowest frame ${sig(p.playing.worstFrameMs, 3)} ms; ${int(steps)} steps played${restarts})`,
          ],
          ['frames per second, idle', `${sig(idleFps, 3)}`],
          [
            'main thread while playing',
            p.playing.busy
              ? `busy ${Math.round(100 * p.playing.busy.task)} % of the time: script ${Math.round(100 * p.playing.busy.script)} %, style ${Math.round(100 * p.playing.busy.style)} %, layout ${Math.round(100 * p.playing.busy.layout)} % (the rest: painting and other tasks); ${sig(p.playing.drawCallsPerFrame, 3)} canvas drawing calls per frame`
              : `${sig(p.playing.drawCallsPerFrame, 3)} canvas drawing calls per frame`,
          ],
          ['navigation to the first drawn stage', `${sig(p.firstStageMs, 3)} ms (${p.firstStageHow})`],
          ...(p.cold?.measured
            ? [
                [
                  'the same for the floor page (one script drawing one rectangle)',
                  `${sig(p.cold.floorMs, 3)} ms (median; each: ${p.cold.floor.map((x) => sig(x, 3)).join(', ')})`,
                ],
                ['each cold start of the page', `${p.cold.page.map((x) => sig(x, 3)).join(', ')} ms`],
                [
                  `the same in a browser running for ${sig(p.cold.settleMs / 1000, 2)} s before (its own start-up done), page and floor page`,
                  `${sig(p.cold.settled.pageMs, 3)} ms and ${sig(p.cold.settled.floorMs, 3)} ms (medians; each: ${p.cold.settled.page.map((x) => sig(x, 3)).join(', ')} and ${p.cold.settled.floor.map((x) => sig(x, 3)).join(', ')})`,
                ],
              ]
            : [['cold starts', `not measured (${p.cold?.reason ?? 'not run'})`]]),
          ['JS, gzipped', `${int(p.bytes.js)} B`],
          ['CSS, gzipped', `${int(p.bytes.css)} B`],
          ['WASM, gzipped', `${int(p.bytes.wasm)} B`],
          ['total, gzipped', `${int(p.bytes.js + p.bytes.css + p.bytes.wasm)} B`],
          ['errors in the console', p.errors.length ? p.errors.slice(0, 3).join('; ') : 'none'],
        ],
      ),
    );
    out.push(
      '',
      'Files: ' +
        p.bytes.files.map((f) => `${f.file} ${int(f.raw)} B (${int(f.gzip)} B gzipped)`).join(', ') +
        '.',
    );
  }
  out.push('');

  // ---- 5. export
  out.push('## 5. Export for slides (headless Chromium)', '');
  const ex = r.export;
  if (!ex?.measured) {
    out.push(`export: not measured (${ex?.reason ?? 'not run'})`);
  } else {
    out.push(
      'The Export dialog at 1440×900, timed from the click to the download: the steps drawn off screen, read, painted and encoded as projected, the dialog’s default (presenter mode’s look on a 16:9 slide of 1280×720 CSS px: GIF at 1280×720, WebM at 1920×1080); "stage" is the page’s own stage, which the export leaves as it is.',
      '',
      table(
        ['case', 'format', 'steps', 'stage', 'seconds', 'bytes'],
        ex.rows.map((x) =>
          x.note
            ? [x.case, x.format, int(x.steps), '—', x.note, '—']
            : [x.case, x.format, int(x.steps), x.stage, sig(x.seconds, 3), int(x.bytes)],
        ),
      ),
    );
    for (const x of ex.rows) {
      if (x.note) continue;
      // a 200-step export of the notebook case takes seconds, not minutes
      const j = judge(30, x.seconds, false, ' s');
      budgets.push([
        `export ≤ 30 s: ${x.case}, ${x.format}`,
        `${sig(x.seconds, 3)} s`,
        j.met ? 'met' : '**missed**',
        j.distance,
      ]);
    }
  }
  out.push('');

  // ---- budgets
  out.push('## Budgets', '');
  if (budgets.length) {
    const missed = budgets.filter((b) => b[2] !== 'met' && b[2] !== 'n/a').length;
    const met = budgets.filter((b) => b[2] === 'met').length;
    out.push(
      `${met} met, ${missed} missed${budgets.some((b) => b[2] === 'n/a') ? `, ${budgets.filter((b) => b[2] === 'n/a').length} not budgeted` : ''}.`,
      '',
    );
    out.push(table(['target', 'measured', 'result', 'distance'], budgets));
  } else {
    out.push('Nothing measured.');
  }
  out.push('');
  return out.join('\n');
}
