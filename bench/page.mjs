// Part 4: the page in headless Chromium, served from the built folder (dist/).
//
//   frames per second   requestAnimationFrame callbacks counted for a few seconds while the page
//                       plays at its fastest speed (the page's own animation runs in the same
//                       frames, so a slow step or draw shows up as fewer callbacks)
//   first stage         time from navigation start to the first drawing on a canvas (or to an
//                       element with a data-stage-drawn attribute, if the page marks one); the
//                       median of COLD_LOADS loads, each in a browser started for it with a fresh
//                       profile, beside the same measure of a floor page (one module script that
//                       draws one rectangle) loaded the same way in turns with it: what a cold
//                       browser on this machine takes before any page of its own can draw; and
//                       the same again in a browser that has been running for a second (an
//                       empty cache, but the browser's own start-up done)
//   bytes               the JS, CSS and WASM files the page loaded, gzipped (level 9)
//
// The page is found the way a person finds it: the Play button by its name, the speed by its
// label (the option that steps most per second is chosen). The layer comes from the address:
// ?op=conv_forward&m=..&H=..&W=..&Cin=..&Cout=..&f=..&stride=..&pad=..; a page that writes its
// state back into the address shows whether it accepted the size, and if not the next smaller
// candidate is tried. Anything missing makes the part "not measured (why)", never an error.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const FPS_SECONDS = 3;
/** Cold starts of each kind: on 2 busy cores one start can take 1.5× another, and a median of
 * five still moved by 30 ms from run to run. */
const COLD_LOADS = 9;
/** How long the browser runs before the page is opened, in the second kind of cold start. */
const SETTLE_MS = 1000;

/** Newest modification time under dir (ms), skipping node_modules. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * dist/ as the page's sources are now: `npm run build` when dist/index.html is missing or older
 * than a file under web/. Returns null when ready, else why not.
 */
export function ensureBuilt(root, log) {
  const index = join(root, 'dist', 'index.html');
  const stale = existsSync(index) && statSync(index).mtimeMs < newest(join(root, 'web'));
  if (existsSync(index) && !stale) return null;
  log(`page: ${stale ? 'dist/ is older than web/' : 'no dist/'}; running npm run build`);
  const r = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status === 0 && existsSync(index)) return null;
  const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').filter((l) => /error/i.test(l));
  return `npm run build failed${out.length ? `: ${out[0].trim().slice(0, 160)}` : ''}`;
}

/** Starts bench/serve.mjs on dir in a process of its own; resolves to its address and a close. */
function serve(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('serve.mjs', import.meta.url)), dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the static server stopped (exit ${code})`)));
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n'))
        resolve({
          url: line.trim(),
          close: () =>
            new Promise((r) => {
              child.removeAllListeners('exit');
              child.on('exit', () => r());
              child.kill();
            }),
        });
    });
  });
}

/** Runs in the page before its scripts: notes the first canvas drawing and data-stage-drawn. */
function pageProbe() {
  const probe = { firstDraw: null, marked: null, draws: 0 };
  window.__benchProbe = probe;
  const note = () => {
    probe.draws++;
    if (probe.firstDraw === null) probe.firstDraw = performance.now();
  };
  const wrap = (proto, names) => {
    if (!proto) return;
    for (const name of names) {
      const orig = proto[name];
      if (typeof orig !== 'function') continue;
      proto[name] = function (...args) {
        note();
        return orig.apply(this, args);
      };
    }
  };
  wrap(globalThis.CanvasRenderingContext2D?.prototype, [
    'fillRect',
    'strokeRect',
    'fillText',
    'strokeText',
    'fill',
    'stroke',
    'drawImage',
    'putImageData',
  ]);
  wrap(globalThis.WebGLRenderingContext?.prototype, ['drawArrays', 'drawElements']);
  wrap(globalThis.WebGL2RenderingContext?.prototype, ['drawArrays', 'drawElements']);
  const watch = () => {
    if (document.querySelector('[data-stage-drawn]')) {
      probe.marked = performance.now();
      return;
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}

/** Frames counted by requestAnimationFrame over `seconds`, with the range input's value. */
function countFrames(seconds) {
  return new Promise((resolve) => {
    const range = document.querySelector('input[type=range]');
    const pos = () => (range ? Number(range.value) : NaN);
    const startPos = pos();
    const t0 = performance.now();
    let frames = 0;
    let last = t0;
    let worst = 0;
    let endPos = startPos;
    let endedAt = null;
    const tick = (now) => {
      frames++;
      worst = Math.max(worst, now - last);
      last = now;
      const p = pos();
      // Stop counting when playing reached the end: later frames would be an idle page.
      if (range && p === Number(range.max) && endedAt === null && p !== startPos) endedAt = now;
      endPos = p;
      if (endedAt === null && now - t0 < seconds * 1000) requestAnimationFrame(tick);
      else
        resolve({
          frames,
          seconds: (now - t0) / 1000,
          worstFrameMs: worst,
          startPos,
          endPos,
          reachedEnd: endedAt !== null,
        });
    };
    requestAnimationFrame(tick);
  });
}

/** The layer sizes to try, largest first: the benchmark's image size, then smaller ones. */
function candidates(size) {
  const out = [];
  for (const hw of [size.H, 64, 32, 16]) {
    if (hw > size.H || out.some((c) => c.H === hw)) continue;
    out.push({ ...size, H: hw, W: hw });
  }
  return out;
}

function query(s) {
  return `?op=conv_forward&m=${s.m}&H=${s.H}&W=${s.W}&Cin=${s.C}&Cout=${s.nC}&f=${s.f}&stride=${s.stride}&pad=${s.pad}`;
}

/** Did the page keep the size? Judged from the address the page writes back (if it does). */
function accepted(url, s) {
  const q = new URL(url).searchParams;
  if (!q.has('H')) return true; // the page does not echo its state: take it as accepted
  return (
    q.get('H') === String(s.H) &&
    q.get('W') === String(s.W) &&
    q.get('Cin') === String(s.C) &&
    q.get('Cout') === String(s.nC) &&
    q.get('m') === String(s.m)
  );
}

/** Steps per second an option's label promises ("100 steps/frame" at 60 Hz, "30 steps/s"). */
function optionRate(label) {
  const frame = /([\d.]+)\s*steps?\s*\/\s*frame/i.exec(label);
  if (frame) return Number(frame[1]) * 60;
  const sec = /([\d.]+)\s*steps?\s*\/\s*s/i.exec(label);
  if (sec) return Number(sec[1]);
  return -1;
}

/**
 * Runs `use(context)` in a cold Chromium (a fresh profile) with the built site served from a
 * process of its own; `use` gets the context and the site's address and returns the result.
 * Anything missing or failing gives { measured: false, reason }.
 */
async function inBrowser(root, log, options, use) {
  if (!existsSync(CHROMIUM))
    return { measured: false, reason: `no Chromium at ${CHROMIUM} (apt-get install chromium)` };
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return { measured: false, reason: 'playwright-core is not installed (npm ci)' };
  }
  const buildProblem = ensureBuilt(root, log);
  if (buildProblem) return { measured: false, reason: buildProblem };
  const server = await serve(join(root, 'dist'));
  let browser;
  try {
    browser = await coldBrowser(chromium, options);
    return await use(browser.context, server.url);
  } catch (e) {
    return {
      measured: false,
      reason: `the browser run failed: ${String(e?.message ?? e)
        .split('\n')[0]
        .slice(0, 200)}`,
    };
  } finally {
    await browser?.close();
    await server.close();
  }
}

/** A Chromium started with a fresh profile of its own (a cold browser: no cache, no history);
 * `close` shuts it and removes the profile. */
async function coldBrowser(chromium, options) {
  const profile = mkdtempSync(join(os.tmpdir(), 'convstep-bench-'));
  const remove = () => rmSync(profile, { recursive: true, force: true });
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      ...options,
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => {});
        remove();
      },
    };
  } catch (e) {
    remove();
    throw e;
  }
}

/** Waits (15 s at most) until a page that runs pageProbe has drawn on a canvas or marked its
 * stage drawn. */
function firstDrawing(page) {
  return page.waitForFunction(
    () => {
      const p = window.__benchProbe;
      return p && (p.firstDraw !== null || p.marked !== null);
    },
    null,
    { timeout: 15000 },
  );
}

/** The floor page: one module script that draws one rectangle on a canvas, in a folder of its
 * own; returns the folder. */
function floorPage() {
  const dir = mkdtempSync(join(os.tmpdir(), 'convstep-floor-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title>' +
      '<script type="module" src="./draw.js"></script></head><body><canvas width="64" height="64"></canvas></body></html>\n',
  );
  writeFileSync(
    join(dir, 'draw.js'),
    "document.querySelector('canvas').getContext('2d').fillRect(0, 0, 8, 8);\n",
  );
  return dir;
}

/** The median of a list of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const k = Math.floor(s.length / 2);
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

/**
 * First drawn stage in cold browsers: `loads` times the page at `query` and the floor page, in
 * turns, each in a Chromium started for it with a fresh profile. Returns the milliseconds of
 * each load and their medians, or { measured: false, reason }.
 */
async function coldStarts(root, query_, loads) {
  const { chromium } = await import('playwright-core');
  const site = await serve(join(root, 'dist'));
  const floorDir = floorPage();
  const floor = await serve(floorDir);
  const one = async (url, settle) => {
    const browser = await coldBrowser(chromium, { viewport: { width: 1400, height: 900 } });
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.addInitScript(pageProbe);
      if (settle) {
        await page.goto('about:blank');
        await page.waitForTimeout(SETTLE_MS);
      }
      await page.goto(url, { waitUntil: 'load' });
      await firstDrawing(page);
      return await page.evaluate(() => window.__benchProbe.marked ?? window.__benchProbe.firstDraw);
    } finally {
      await browser.close();
    }
  };
  try {
    const page = [];
    const bare = [];
    const settledPage = [];
    const settledBare = [];
    for (let i = 0; i < loads; i++) {
      page.push(await one(site.url + query_, false));
      bare.push(await one(floor.url, false));
      settledPage.push(await one(site.url + query_, true));
      settledBare.push(await one(floor.url, true));
    }
    return {
      measured: true,
      page,
      floor: bare,
      pageMs: median(page),
      floorMs: median(bare),
      settleMs: SETTLE_MS,
      settled: {
        page: settledPage,
        floor: settledBare,
        pageMs: median(settledPage),
        floorMs: median(settledBare),
      },
    };
  } catch (e) {
    return {
      measured: false,
      reason: String(e?.message ?? e)
        .split('\n')[0]
        .slice(0, 200),
    };
  } finally {
    await site.close();
    await floor.close();
    rmSync(floorDir, { recursive: true, force: true });
  }
}

/**
 * Measures the page. `size` is the image size of sizes.mjs. Returns
 * { measured: true, ... } or { measured: false, reason }.
 */
export async function benchPage(root, size, log) {
  const r = await playPage(root, size, log);
  if (!r.measured) return r;
  log(`page: ${COLD_LOADS} cold starts, each beside one of a floor page`);
  r.cold = await coldStarts(root, r.query, COLD_LOADS);
  if (r.cold.measured) {
    r.firstStageMs = r.cold.pageMs;
    r.firstStageHow += `, the median of ${COLD_LOADS} cold starts`;
  }
  return r;
}

/** The page's frame rate, bytes and one cold start, in one browser. */
function playPage(root, size, log) {
  const dist = join(root, 'dist');
  return inBrowser(root, log, { viewport: { width: 1400, height: 900 } }, async (context, url) => {
    const version = context.browser()?.version() ?? null;
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e.message ?? e)));
    page.on('console', (m) => {
      // A failed request is reported below with its address.
      if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(m.text());
    });
    page.on('response', (res) => {
      const u = new URL(res.url());
      if (res.status() >= 400 && u.pathname !== '/favicon.ico')
        errors.push(`${res.status()} for ${u.pathname}`);
    });
    const loaded = new Set();
    page.on('requestfinished', (req) => {
      const u = new URL(req.url());
      if (u.origin === new URL(url).origin) loaded.add(u.pathname);
    });
    await page.addInitScript(pageProbe);

    // Load at the largest size the page accepts.
    let used = null;
    const refused = [];
    for (const s of candidates(size)) {
      loaded.clear();
      await page.goto(url + query(s), { waitUntil: 'load' });
      try {
        await firstDrawing(page);
      } catch {
        return { measured: false, reason: 'nothing was drawn on a canvas within 15 s of loading', version };
      }
      // Give the page a moment to write its state back into the address.
      await page.waitForTimeout(300);
      if (accepted(page.url(), s)) {
        used = s;
        break;
      }
      refused.push(`${s.H}×${s.W}`);
    }
    if (!used)
      return {
        measured: false,
        reason: `the page refused every size tried (${refused.join(', ')})`,
        version,
      };

    const probe = await page.evaluate(() => window.__benchProbe);
    const firstStageMs = probe.marked ?? probe.firstDraw;
    const firstStageHow = probe.marked !== null ? 'data-stage-drawn' : 'first canvas drawing';

    // Idle frame rate, as a reference for the playing one.
    const idle = await page.evaluate(countFrames, 1);

    // Fastest speed, then Play.
    const speed = page.getByLabel(/speed/i).first();
    let speedLabel = null;
    if ((await speed.count()) > 0) {
      const options = await speed
        .locator('option')
        .evaluateAll((os_) => os_.map((o) => ({ value: o.value, label: o.textContent ?? '' })));
      if (options.length > 0) {
        const best = options.reduce((a, b) => (optionRate(b.label) >= optionRate(a.label) ? b : a));
        await speed.selectOption(best.value);
        speedLabel = best.label.trim();
      }
    }
    if (speedLabel === null)
      return { measured: false, reason: 'no speed control labelled "Speed" on the page', version };
    const play = page.getByRole('button', { name: /^play$/i }).first();
    if ((await play.count()) === 0) return { measured: false, reason: 'no Play button on the page', version };
    // Count frames while playing; when the run reaches its end before FPS_SECONDS, press Play
    // again (the page starts over) and go on counting.
    const playing = { frames: 0, seconds: 0, worstFrameMs: 0, steps: 0, restarts: 0 };
    // Where the main thread's time goes while playing: Chromium's own counters (DevTools
    // protocol), before and after.
    let cdp = null;
    try {
      cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
    } catch {
      cdp = null;
    }
    const metrics = async () => {
      if (!cdp) return null;
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(list.map((x) => [x.name, x.value]));
    };
    const m0 = await metrics();
    const draws0 = await page.evaluate(() => window.__benchProbe.draws);
    for (let segment = 0; segment < 8 && playing.seconds < FPS_SECONDS - 0.1; segment++) {
      if ((await page.getByRole('button', { name: /^pause$/i }).count()) === 0) {
        if (segment > 0) playing.restarts++;
        await play.click();
      }
      const r = await page.evaluate(countFrames, FPS_SECONDS - playing.seconds);
      playing.frames += r.frames;
      playing.seconds += r.seconds;
      playing.worstFrameMs = Math.max(playing.worstFrameMs, r.worstFrameMs);
      playing.steps += Math.max(0, r.endPos - r.startPos);
    }
    const m1 = await metrics();
    playing.drawCallsPerFrame =
      ((await page.evaluate(() => window.__benchProbe.draws)) - draws0) / Math.max(1, playing.frames);
    if (m0 && m1) {
      const wall = m1.Timestamp - m0.Timestamp;
      const share = (k) => (m1[k] - m0[k]) / wall;
      playing.busy = {
        task: share('TaskDuration'),
        script: share('ScriptDuration'),
        layout: share('LayoutDuration'),
        style: share('RecalcStyleDuration'),
      };
    }

    // Bytes: what the page loaded from dist/, gzipped.
    const bytes = { js: 0, css: 0, wasm: 0, files: [] };
    for (const path of loaded) {
      const file = normalize(join(dist, path === '/' ? 'index.html' : path));
      if (!file.startsWith(dist + sep) || !existsSync(file) || statSync(file).isDirectory()) continue;
      const ext = extname(file).slice(1);
      const kind = ext === 'mjs' ? 'js' : ext;
      if (!(kind in bytes) || kind === 'files') continue;
      const raw = readFileSync(file);
      const gz = gzipSync(raw, { level: 9 }).length;
      bytes[kind] += gz;
      bytes.files.push({ file: relative(dist, file).split(sep).join('/'), raw: raw.length, gzip: gz });
    }
    bytes.files.sort((a, b) => a.file.localeCompare(b.file));

    return {
      measured: true,
      version,
      size: used,
      refused,
      query: query(used),
      firstStageMs,
      firstStageHow,
      idle,
      playing,
      speedLabel,
      bytes,
      errors,
    };
  });
}

// ---- Part 5: export ----------------------------------------------------------------------------
//
// "A 200-step export of the notebook case takes seconds, not minutes": the Export dialog's GIF
// and WebM of a range of steps, timed from the click to the download (the whole path: the steps
// drawn off screen, read as scenes, painted, encoded), as projected (the dialog's default: a
// 1280×720 slide in presenter mode's look). Two cases at 1440×900: conv_forward's
// notebook layer (all of its 192 steps) and conv_backward's notebook case (steps 1 to 200 of
// 1280). WebM only where the browser has WebCodecs.

export const EXPORT_CASES = [
  {
    name: 'conv_forward notebook, steps 1–192',
    query: '?op=conv_forward&m=2&H=5&W=7&Cin=4&Cout=8&f=3&stride=2&pad=1&seed=1&data=gauss',
    from: 1,
    to: 192,
  },
  {
    name: 'conv_backward notebook, steps 1–200',
    query: '?op=conv_backward&m=10&H=4&W=4&Cin=3&Cout=8&f=2&stride=2&pad=2&seed=1&data=gauss&dz=z',
    from: 1,
    to: 200,
  },
];

/** Times the Export dialog's GIF and WebM. Returns { measured: true, rows } or { measured: false, reason }. */
export function benchExport(root, log) {
  const options = { viewport: { width: 1440, height: 900 }, acceptDownloads: true };
  return inBrowser(root, log, options, async (context, url) => {
    const version = context.browser()?.version() ?? null;
    const rows = [];
    for (const c of EXPORT_CASES) {
      const page = await context.newPage();
      await page.goto(url + c.query, { waitUntil: 'load' });
      await page.locator('#stage-area > .stage').waitFor({ timeout: 15000 });
      const hasCodecs = await page.evaluate(() => typeof VideoEncoder !== 'undefined');
      for (const [format, button] of [
        ['GIF', 'GIF'],
        ['WebM', 'WebM video'],
      ]) {
        if (format === 'WebM' && !hasCodecs) {
          rows.push({ case: c.name, format, steps: c.to - c.from + 1, note: 'no WebCodecs in this browser' });
          continue;
        }
        await page.getByRole('button', { name: 'Export', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Export for slides' });
        await dialog.waitFor();
        // the dialog's default, said here so that the rows say what they time
        await dialog.getByRole('radio', { name: /as projected/ }).check();
        await dialog.getByLabel('from', { exact: true }).fill(String(c.from));
        await dialog.getByLabel('to', { exact: true }).fill(String(c.to));
        const t0 = Date.now();
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 600000 }),
          dialog.getByRole('button', { name: button }).click(),
        ]);
        const file = await download.path();
        const seconds = (Date.now() - t0) / 1000;
        const bytes = file ? statSync(file).size : null;
        const size = await page
          .locator('#stage-area > .stage')
          .evaluate(
            (el) =>
              `${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`,
          );
        rows.push({ case: c.name, format, steps: c.to - c.from + 1, seconds, bytes, stage: size });
        log(`export: ${c.name}, ${format}: ${seconds.toFixed(1)} s, ${bytes} bytes`);
        await page.keyboard.press('Escape');
        if (await dialog.isVisible())
          await dialog
            .getByRole('button', { name: /close/i })
            .first()
            .click()
            .catch(() => {});
      }
      await page.close();
    }
    return { measured: true, version, rows };
  });
}
