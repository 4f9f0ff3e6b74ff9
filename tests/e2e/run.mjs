#!/usr/bin/env node
// End-to-end tests of the built site (dist/) in Debian's Chromium, driven by playwright-core.
//
//   npx vite build && node tests/e2e/run.mjs
//
// Serves dist/ on 127.0.0.1 (at / and under a nested sub-path), loads the page, changes
// parameters, steps with buttons and keys, and checks the window coordinates and Z values shown
// against the notebook case of tests/fixtures/conv.txt. Fails on any console error or page
// error. Saves screenshots to docs/screenshots/. Ends with `N passed, N failed`.
//
// Environment: CHROMIUM (default /usr/bin/chromium); E2E_NO_SHOTS=1 skips writing screenshots;
// E2E_ONLY=<regular expression> runs only the tests whose names match it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');
const shots = join(root, 'docs/screenshots');
const SUB = '/some/sub/dir/';
const MINUS = '\u2212';

// ---- a tiny test runner ---------------------------------------------------------------------

let passed = 0;
let failed = 0;
const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}
function assertEq(actual, expected, what) {
  if (actual !== expected)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// ---- the notebook case from the fixtures ----------------------------------------------------

function loadNotebookCase() {
  const text = readFileSync(join(root, 'tests/fixtures/conv.txt'), 'utf8');
  const cases = [];
  let cur = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [key, ...rest] = line.split(/\s+/);
    if (key === 'case') cur = { name: rest.join(' '), tensors: new Map() };
    else if (key === 'end') {
      cases.push(cur);
      cur = null;
    } else if (cur === null) continue;
    else if (key === 'op') cur.op = rest[0];
    else if (key === 'shape') cur.shape = rest.map(Number);
    else if (key === 'conv') {
      const [f, nC, stride, pad, dilation] = rest.map(Number);
      cur.conv = { f, nC, stride, pad, dilation };
    } else if (key === 'tensor') {
      const shape = rest.slice(1, 5).map(Number);
      cur.tensors.set(rest[0], { shape, data: rest.slice(5).map(Number) });
    }
  }
  const notebook = cases.filter((c) => c.name.includes('notebook') && c.op === 'conv' && c.tensors.has('Z'));
  const c = notebook.find((x) => x.name.includes('forward')) ?? notebook[0];
  if (!c) throw new Error('tests/fixtures/conv.txt has no notebook conv case with Z');
  return c;
}

const nb = loadNotebookCase();
const [M, H, W, CIN] = nb.shape;
const { f: F, nC: COUT, stride: STRIDE, pad: PAD, dilation: DIL } = nb.conv;
const Z = nb.tensors.get('Z');
const [, NH, NW] = Z.shape;
const TOTAL = M * COUT * NH * NW;
const notebookQuery = `?op=conv_forward&m=${M}&H=${H}&W=${W}&Cin=${CIN}&Cout=${COUT}&f=${F}&stride=${STRIDE}&pad=${PAD}&dil=${Math.max(1, DIL)}&seed=1&data=gauss`;

/** What step k (1-based) shows: the seed's loop order, w fastest. */
function expectedAt(k) {
  let t = k - 1;
  const w = t % NW;
  t = Math.floor(t / NW);
  const h = t % NH;
  t = Math.floor(t / NH);
  const c = t % COUT;
  const i = Math.floor(t / COUT);
  const span = Math.max(1, DIL) * (F - 1) + 1;
  const z = Z.data[((i * NH + h) * NW + w) * COUT + c];
  return {
    i,
    c,
    h,
    w,
    vert_start: h * STRIDE,
    vert_end: h * STRIDE + span,
    hori_start: w * STRIDE,
    hori_end: w * STRIDE + span,
    z,
  };
}

function parseShown(text) {
  return Number(text.trim().replace(MINUS, '-'));
}

// ---- the browser ------------------------------------------------------------------------------

const problems = []; // console errors and page errors, with the page they came from

async function openPage(ctx, url, size = { width: 1280, height: 720 }) {
  const page = await ctx.newPage();
  await page.setViewportSize(size);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  await page.goto(url);
  await page.getByRole('group', { name: 'Steps' }).waitFor({ timeout: 15000 });
  return page;
}

async function stepText(page) {
  return (await page.getByRole('status', { name: 'Step number' }).textContent()).trim();
}

/** The live value beside the code line that starts with `start`. */
async function liveValue(page, start) {
  return page.evaluate((s) => {
    const lines = [...document.querySelectorAll('.code li')];
    const li = lines.find((l) => (l.querySelector('code')?.textContent ?? '').trim().startsWith(s));
    return li?.querySelector('.live')?.textContent ?? null;
  }, start);
}

async function shownWindow(page) {
  return {
    i: await liveValue(page, 'for i in'),
    c: await liveValue(page, 'for c in'),
    h: await liveValue(page, 'for h in'),
    w: await liveValue(page, 'for w in'),
    vert_start: await liveValue(page, 'vert_start ='),
    vert_end: await liveValue(page, 'vert_end ='),
    hori_start: await liveValue(page, 'hori_start ='),
    hori_end: await liveValue(page, 'hori_end ='),
    z: await page.locator('dd.arith-z').textContent(),
  };
}

async function checkStep(page, k) {
  assertEq(await stepText(page), `step ${k} of ${TOTAL}`, 'step counter');
  const e = expectedAt(k);
  const s = await shownWindow(page);
  assertEq(s.i, `i = ${e.i}`, `step ${k}: i`);
  assertEq(s.c, `c = ${e.c}`, `step ${k}: c`);
  assertEq(s.h, `h = ${e.h}`, `step ${k}: h`);
  assertEq(s.w, `w = ${e.w}`, `step ${k}: w`);
  assertEq(s.vert_start, `= ${e.vert_start}`, `step ${k}: vert_start`);
  assertEq(s.vert_end, `= ${e.vert_end}`, `step ${k}: vert_end`);
  assertEq(s.hori_start, `= ${e.hori_start}`, `step ${k}: hori_start`);
  assertEq(s.hori_end, `= ${e.hori_end}`, `step ${k}: hori_end`);
  const z = parseShown(s.z);
  assert(Math.abs(z - e.z) <= 5e-5, `step ${k}: Z[${e.i},${e.h},${e.w},${e.c}] shown ${s.z}, fixture ${e.z}`);
  const live = await page.locator('[aria-live="polite"]').textContent();
  assertEq(
    live,
    `step ${k} of ${TOTAL}: i=${e.i}, c=${e.c}, h=${e.h}, w=${e.w}, Z = ${s.z}`,
    `step ${k}: announcement`,
  );
  assertEq(
    await page.getByRole('img', { name: `Z[${e.i},:,:,${e.c}]` }).count(),
    1,
    `step ${k}: Z grid of (i, c) on stage`,
  );
}

/** True if the canvas has drawn something other than one flat colour. */
async function canvasDrawn(page, name) {
  return page.getByRole('img', { name }).evaluate((cv) => {
    const ctx = cv.getContext('2d');
    const { data } = ctx.getImageData(0, 0, cv.width, cv.height);
    const seen = new Set();
    for (let p = 0; p < data.length; p += 4 * 7)
      seen.add(`${data[p]},${data[p + 1]},${data[p + 2]},${data[p + 3]}`);
    return seen.size > 3;
  });
}

async function noScroll(page) {
  return page.evaluate(() => {
    const d = document.documentElement;
    const box = document.querySelector('.stage-box');
    return {
      page: d.scrollWidth <= innerWidth && d.scrollHeight <= innerHeight,
      stage:
        box !== null && box.scrollHeight <= box.clientHeight + 1 && box.scrollWidth <= box.clientWidth + 1,
    };
  });
}

async function shot(page, name) {
  if (process.env.E2E_NO_SHOTS === '1') return;
  mkdirSync(shots, { recursive: true });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(shots, name) });
}

// ---- the tests ----------------------------------------------------------------------------------

let server;
let ctx;
let base;

test('loads at / with the notebook example, drawn, no errors', async () => {
  const page = await openPage(ctx, `${server.origin}/`);
  assertEq(await stepText(page), `step 1 of ${TOTAL}`, 'first step');
  await page.getByText('n_H = ⌊(5 + 2·1 − 3) / 2⌋ + 1 = 3').waitFor();
  assert(await canvasDrawn(page, 'A_prev[0,:,:,0]'), 'A_prev[0,:,:,0] is blank');
  assert(await canvasDrawn(page, 'Z[0,:,:,0]'), 'Z[0,:,:,0] is blank');
  await checkStep(page, 1);
  await page.close();
});

test('cold start: every operation draws its first stage from at most six files besides the page (one round of a browser’s six connections to a host), its own code among them', async () => {
  const first = await openPage(ctx, `${base}?step=1`);
  const ops = (
    await first.getByRole('navigation', { name: 'Operation' }).getByRole('button').allTextContents()
  ).map((o) => o.trim());
  await first.close();
  assert(ops.length >= 5, `the switcher lists ${ops.length} operations`);
  for (const op of ops) {
    const page = await ctx.newPage();
    // the moment of the first drawing on a canvas, noted before the page's scripts run
    await page.addInitScript(() => {
      window.__firstDraw = null;
      for (const name of ['fillRect', 'drawImage', 'putImageData', 'fillText']) {
        const proto = CanvasRenderingContext2D.prototype;
        const orig = proto[name];
        proto[name] = function (...args) {
          window.__firstDraw ??= performance.now();
          return orig.apply(this, args);
        };
      }
    });
    page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
    await page.goto(`${base}?op=${op}`);
    await page.waitForFunction(() => window.__firstDraw !== null, null, { timeout: 15000 });
    const before = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime < window.__firstDraw)
        .map((e) => e.name.split('/').pop()),
    );
    assert(
      before.length <= 6,
      `${op}: ${before.length} files asked for before the first stage: ${before.join(', ')}`,
    );
    assert(
      before.some((f) => f.startsWith(`${op}-`) && f.endsWith('.js')),
      `${op}: its own code is not among the files before the first stage: ${before.join(', ')}`,
    );
    await page.close();
  }
});

test(`loads under the nested sub-path ${SUB} (relative base), .wasm as application/wasm`, async () => {
  const page = await openPage(ctx, `${server.origin}${SUB}${notebookQuery}&step=2`);
  await checkStep(page, 2);
  const wasm = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((r) => r.name)
      .filter((n) => n.endsWith('.wasm')),
  );
  assert(
    wasm.length === 1 && wasm[0].includes(SUB),
    `the .wasm was fetched from ${wasm.join(', ') || 'nowhere'}`,
  );
  const res = await page.request.get(wasm[0]);
  assertEq(res.headers()['content-type'], 'application/wasm', '.wasm MIME type');
  await page.close();
});

test('the .wasm is compiled as the page is read, and the engine instantiates that compilation (one request); served as text/plain it still opens (the engine fetches it itself)', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}&step=2`);
  await checkStep(page, 2);
  const early = await page.evaluate(async () => {
    const compiled = await window.convstepWasm;
    const wasm = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm'));
    return { module: compiled instanceof WebAssembly.Module, requests: wasm.length };
  });
  assert(early.module, 'the page head left no compiled WebAssembly.Module');
  assertEq(early.requests, 1, 'requests for the .wasm (the engine should not fetch it again)');
  await page.close();

  // a host with the wrong type for .wasm: compileStreaming refuses it, the engine's own fetch
  // (and the glue's ArrayBuffer fallback) opens the page all the same
  const plain = await ctx.newPage();
  await plain.route('**/*.wasm', async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), 'content-type': 'text/plain' } });
  });
  plain.on('pageerror', (e) => problems.push(`page error on ${plain.url()}: ${e.message}`));
  await plain.goto(`${base}${notebookQuery}&step=2`);
  await plain.getByRole('group', { name: 'Steps' }).waitFor({ timeout: 15000 });
  await checkStep(plain, 2);
  await plain.close();
});

test('a slow load says that the engine is loading, then draws the stage', async () => {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  await page.route('**/*.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(`${base}${notebookQuery}&step=2`);
  await page
    .getByRole('status')
    .filter({ hasText: 'Loading the convolution engine' })
    .waitFor({ timeout: 1400 });
  await page.getByRole('group', { name: 'Steps' }).waitFor({ timeout: 15000 });
  await checkStep(page, 2);
  await page.close();
});

test('buttons and keys step to step 37; window and Z equal the fixture', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}`);
  await page.getByRole('button', { name: 'Go to start' }).click();
  assertEq(await stepText(page), `step 0 of ${TOTAL}`, 'after Go to start');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await checkStep(page, 1);
  await page.locator('body').focus();
  await page.mouse.click(5, 300); // focus nothing in particular, as a teacher would
  for (let k = 2; k <= 37; k++) await page.keyboard.press('ArrowRight');
  await checkStep(page, 37);
  await page.keyboard.press('ArrowLeft');
  await checkStep(page, 36);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await checkStep(page, 37);
  await shot(page, 'conv_forward.png');
  const room = await noScroll(page);
  assert(room.page && room.stage, `at 1280×720 something scrolls: ${JSON.stringify(room)}`);
  // the address follows, for sharing
  await page.waitForFunction(() => location.search.includes('step=37'), null, { timeout: 3000 });
  await page.keyboard.press('End');
  await checkStep(page, TOTAL);
  await page.keyboard.press('Home');
  assertEq(await stepText(page), `step 0 of ${TOTAL}`, 'after Home');
  await page.close();
});

test('every step of the notebook case shows the fixture’s window and Z (scrubbing)', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}`);
  const slider = page.getByRole('slider', { name: 'Step' });
  for (let k = 1; k <= TOTAL; k++) {
    await slider.fill(String(k));
    await checkStep(page, k);
  }
  await page.close();
});

test('a shared link opens at its step', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}&step=150`);
  await checkStep(page, 150);
  await page.close();
});

test('play runs to the end and stops', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}&step=0`);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: '10 steps/frame' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 5000 });
  await checkStep(page, TOTAL);
  // space plays again from the start, and pauses
  await page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: '1 step/s' });
  await page.mouse.click(5, 300);
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Play' }).waitFor();
  const t = await stepText(page);
  assert(/^step [0-9]+ of /.test(t) && t !== `step ${TOTAL} of ${TOTAL}`, `after replay: ${t}`);
  await page.close();
});

test('bad input shows a sentence and keeps the stage; a combination error shows the C sentence', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}&step=37`);
  const nH = page.getByRole('textbox', { name: /n_H_prev/ });
  await nH.fill('abc');
  await page.getByText('“abc” is not a number: n_H_prev takes a whole number from 1 to 128.').waitFor();
  await checkStep(page, 37);
  await nH.fill('-1');
  await page.getByText(/n_H_prev cannot be negative/).waitFor();
  await nH.fill('2.5');
  await page.getByText(/n_H_prev must be a whole number/).waitFor();
  await nH.fill('');
  await page.getByText(/n_H_prev is empty/).waitFor();
  await nH.fill('100000');
  await page.getByText(/n_H_prev = “100000” is too large: at most 128 here\./).waitFor();
  await checkStep(page, 37);
  await shot(page, 'conv_forward_bad_input.png');
  await nH.fill('5');
  await page.getByRole('textbox', { name: /^f\b/ }).fill('8');
  const combo = page.locator('.combo-error');
  await combo.waitFor();
  assert(
    /does not fit/.test(await combo.textContent()),
    `combination sentence: ${await combo.textContent()}`,
  );
  await checkStep(page, 37);
  await page.getByRole('textbox', { name: /^f\b/ }).fill('3');
  await combo.waitFor({ state: 'detached' });
  await page.close();
});

test('changing parameters redraws the layer', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}&step=1`);
  await page.getByRole('textbox', { name: /^stride\b/ }).fill('1');
  await page.getByText('n_H = (5 + 2·1 − 3) + 1 = 5').waitFor();
  assertEq(await stepText(page), `step 1 of ${M * COUT * 5 * 7}`, 'steps with stride 1');
  await page.getByRole('textbox', { name: /^dilation\b/ }).fill('2');
  await page.getByText('n_H = (5 + 2·1 − 2·(3 − 1) − 1) + 1 = 3').waitFor();
  await page.getByRole('button', { name: 'Stride leaves a gap' }).click();
  await page.getByText('1 row and 1 column never visited').waitFor();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await shot(page, 'conv_forward_never_visited.png');
  await page.getByRole('button', { name: 'Small integers' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await shot(page, 'conv_forward_small_integers.png');
  await page.getByRole('button', { name: 'Dilation 2' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await shot(page, 'conv_forward_dilation.png');
  await page.close();
});

test('a bad link parameter gets a sentence and falls back to the default', async () => {
  const page = await openPage(ctx, `${base}?H=abc&stride=0&step=7`);
  await page
    .getByText(/“abc” is not a number: n_H_prev takes a whole number from 1 to 128\. Using 5\./)
    .waitFor();
  await page.getByText(/stride cannot be 0/).waitFor();
  await checkStep(page, 7);
  await page.close();
});

test('the C loop on the toggle marks the line that ran', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}&step=37`);
  await page.getByRole('button', { name: 'C (what runs)' }).click();
  const cur = await page.locator('.code li[aria-current="step"]').textContent();
  assert(cur.includes('out[i, h, w, c] = s + b[c];'), `current C line: ${cur}`);
  assertEq(await liveValue(page, 'x.c = k % n_C;'), 'c = 3', 'C decode of c');
  await shot(page, 'conv_forward_c_code.png');
  await page.close();
});

test('1920×1080: fits without scrolling and shows the numbers', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}&step=37`, { width: 1920, height: 1080 });
  await checkStep(page, 37);
  const room = await noScroll(page);
  assert(room.page && room.stage, `at 1920×1080 something scrolls: ${JSON.stringify(room)}`);
  await shot(page, 'conv_forward_1920.png');
  await page.close();
});

test('hiding the parameters gives the stage more room', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}&step=37`);
  const before = await page.getByRole('img', { name: 'A_prev[0,:,:,0]' }).boundingBox();
  await page.getByRole('button', { name: /Parameters/ }).click();
  await page.waitForTimeout(100);
  const after = await page.getByRole('img', { name: 'A_prev[0,:,:,0]' }).boundingBox();
  assert(after.width > before.width, `A_prev grid ${before.width} → ${after.width} px`);
  await shot(page, 'conv_forward_projector.png');
  await page.close();
});

test('phone width: everything reachable, nothing wider than the screen', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}&step=37`, { width: 390, height: 844 });
  await checkStep(page, 37);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(wide <= 390, `page is ${wide}px wide on a 390px screen`);
  await shot(page, 'conv_forward_phone.png');
  await page.close();
});

test('cell tooltip on hover gives the index, offset and value', async () => {
  const page = await openPage(ctx, `${base}${notebookQuery}&step=1`);
  const z = page.getByRole('img', { name: 'Z[0,:,:,0]' });
  const box = await z.boundingBox();
  await page.mouse.move(box.x + 8, box.y + 8);
  const tip = await page.getByRole('tooltip').textContent();
  assert(tip.includes('Z[0, 0, 0, 0] = ') && tip.includes('flat NHWC offset 0'), `tooltip: ${tip}`);
  await page.close();
});

// ---- the other operations' suites: tests/e2e/suites/*.mjs ------------------------------------
// Each exports `register(api)` and adds its tests with api.test; ctx and base exist once the
// tests run, so suites read them through api.ctx() and api.base().

const suitesDir = join(root, 'tests/e2e/suites');
if (existsSync(suitesDir)) {
  const api = {
    test,
    assert,
    assertEq,
    openPage,
    stepText,
    liveValue,
    parseShown,
    shot,
    root,
    ctx: () => ctx,
    base: () => base,
  };
  for (const file of readdirSync(suitesDir)
    .filter((n) => n.endsWith('.mjs'))
    .sort()) {
    const mod = await import(pathToFileURL(join(suitesDir, file)).href);
    mod.register(api);
  }
}

// ---- run ----------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(dist, 'index.html'))) {
    console.error('tests/e2e: dist/index.html is missing; build the site first (npx vite build)');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  server = await serve(dist, SUB);
  base = `${server.origin}${SUB}`;
  const profile = mkdtempSync(join(tmpdir(), 'convstep-e2e-'));
  try {
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    for (const p of ctx.pages()) await p.close().catch(() => {});
    const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;
    for (const t of tests.filter((x) => only === null || only.test(x.name))) {
      const before = problems.length;
      const start = Date.now();
      try {
        await t.fn();
        if (problems.length > before) throw new Error(problems.slice(before).join('\n'));
        passed++;
        console.log(`ok    ${t.name} (${Date.now() - start} ms)`);
      } catch (e) {
        failed++;
        console.log(
          `FAIL  ${t.name}\n      ${String(e?.stack ?? e)
            .split('\n')
            .slice(0, 4)
            .join('\n      ')}`,
        );
      }
    }
  } catch (e) {
    failed++;
    console.log(`FAIL  browser: ${e?.message ?? e}`);
  } finally {
    await ctx?.close().catch(() => {});
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
