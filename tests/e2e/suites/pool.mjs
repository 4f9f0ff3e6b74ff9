// End-to-end tests of pool_forward and pool_backward in Chromium. Expected values are computed
// here, independently of the page, from the inputs in tests/fixtures/pool.txt with the seed's
// loops written out (i, c, h, w; mask = x == max(x); distribute_value = dA / (f·f)), and checked
// against the window, mask and running sums the page shows at chosen steps. Screenshots:
// docs/screenshots/pool_forward.png, pool_backward_max.png, pool_backward_average.png,
// pool_backward_ties.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The cases of a fixture file (format: tests/fixtures/README.md). */
function readCases(file) {
  const cases = new Map();
  let cur = null;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [key, ...rest] = line.split(/\s+/);
    if (key === 'case') cur = { name: rest[0], tensors: new Map() };
    else if (key === 'end') {
      cases.set(cur.name, cur);
      cur = null;
    } else if (key === 'shape') cur.shape = rest.map(Number);
    else if (key === 'pool') cur.pool = { f: Number(rest[0]), stride: Number(rest[1]), mode: rest[2] };
    else if (key === 'tensor')
      cur.tensors.set(rest[0], { shape: rest.slice(1, 5).map(Number), data: rest.slice(5).map(Number) });
  }
  return cases;
}

const at = (t, i, h, w, c) => t.data[((i * t.shape[1] + h) * t.shape[2] + w) * t.shape[3] + c];

/** The seed's loop order: step k (1-based) -> (i, c, h, w). */
function loopIndex(k, C, nH, nW) {
  let t = k - 1;
  const w = t % nW;
  t = Math.floor(t / nW);
  const h = t % nH;
  t = Math.floor(t / nH);
  return { i: Math.floor(t / C), c: t % C, h, w };
}

/** pool_backward run to step k, as the seed writes it; returns the window of step k with each
 * cell's running sum before and after, and the mask. */
function backwardAt(cs, k, ties = 'all') {
  const A_prev = cs.tensors.get('A_prev');
  const dA = cs.tensors.get('dA');
  const [, H, W, C] = A_prev.shape;
  const [, nH, nW] = dA.shape;
  const { f, stride, mode } = cs.pool;
  const sums = new Map(); // "i,r,q,c" -> running sum
  let last = null;
  for (let s = 1; s <= k; s++) {
    const { i, c, h, w } = loopIndex(s, C, nH, nW);
    const vs = h * stride;
    const hs = w * stride;
    const x = [];
    for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) x.push(at(A_prev, i, vs + u, hs + v, c));
    const mx = Math.max(...x);
    let seen = 0;
    const mask = x.map((val) => {
      const hit = mode === 'average' || (val === mx && (ties === 'all' || seen === 0));
      if (val === mx) seen++;
      return hit ? 1 : 0;
    });
    const da = at(dA, i, h, w, c);
    const cells = [];
    for (let u = 0; u < f; u++)
      for (let v = 0; v < f; v++) {
        if (mask[u * f + v] === 0) continue;
        const key = `${i},${vs + u},${hs + v},${c}`;
        const before = sums.get(key) ?? 0;
        const add = mode === 'average' ? da / (f * f) : da;
        sums.set(key, before + add);
        cells.push({ r: vs + u, q: hs + v, before, add, after: before + add });
      }
    last = { i, c, h, w, vs, hs, mask, cells, da, tied: x.filter((v) => v === mx).length, x };
  }
  void H;
  void W;
  return last;
}

export function register(api) {
  const { test, assert, assertEq, openPage, stepText, liveValue, parseShown, shot, root } = api;
  const cases = readCases(join(root, 'tests/fixtures/pool.txt'));
  const close = (shown, want, what) =>
    assert(
      Math.abs(parseShown(shown) - want) <= 5e-5 * (1 + Math.abs(want)),
      `${what}: shown ${shown}, expected ${want}`,
    );

  async function seek(page, k) {
    await page.getByRole('slider', { name: 'Step' }).fill(String(k));
    const t = await stepText(page);
    assert(t.startsWith(`step ${k} of `), `after seeking: ${t}`);
  }

  async function checkLoop(page, e, stride, f, k) {
    assertEq(await liveValue(page, 'for i in'), `i = ${e.i}`, `step ${k}: i`);
    assertEq(await liveValue(page, 'for c in'), `c = ${e.c}`, `step ${k}: c`);
    assertEq(await liveValue(page, 'for h in'), `h = ${e.h}`, `step ${k}: h`);
    assertEq(await liveValue(page, 'for w in'), `w = ${e.w}`, `step ${k}: w`);
    assertEq(await liveValue(page, 'vert_start ='), `= ${e.h * stride}`, `step ${k}: vert_start`);
    assertEq(await liveValue(page, 'vert_end ='), `= ${e.h * stride + f}`, `step ${k}: vert_end`);
    assertEq(await liveValue(page, 'hori_start ='), `= ${e.w * stride}`, `step ${k}: hori_start`);
    assertEq(await liveValue(page, 'hori_end ='), `= ${e.w * stride + f}`, `step ${k}: hori_end`);
  }

  /** The slice table: its values and which cells are ringed (mask) or dashed (skipped tie). */
  async function sliceShown(page) {
    return page
      .locator('table.slice-table td')
      .evaluateAll((tds) => tds.map((td) => ({ text: td.textContent, cls: td.className })));
  }

  /** The rows of the "cells this step adds to" table. */
  async function sumsShown(page) {
    return page
      .getByRole('table', { name: 'dA_prev cells this step adds to' })
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((x) => x.textContent.trim())));
  }

  async function printedSlice(page, name) {
    const text = await page.locator(`pre[aria-label^="${name}"]`).textContent();
    return text.split('\n')[1];
  }

  /** No focus ring on the slider the test dragged: the picture a teacher sees. */
  async function still(page) {
    await page.evaluate(() =>
      document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined,
    );
  }

  async function noScroll(page) {
    return page.evaluate(() => {
      const d = document.documentElement;
      const box = document.querySelector('.stage-box');
      return (
        d.scrollWidth <= innerWidth &&
        d.scrollHeight <= innerHeight &&
        box !== null &&
        box.scrollHeight <= box.clientHeight + 1
      );
    });
  }

  test('pool_forward: window, mask and A at chosen steps equal the notebook case (max and average)', async () => {
    for (const mode of ['max', 'average']) {
      const cs = cases.get(`notebook_pool_forward_s1_${mode}`);
      const A_prev = cs.tensors.get('A_prev');
      const A = cs.tensors.get('A');
      const [m, H, W, C] = cs.shape;
      const { f, stride } = cs.pool;
      const [, nH, nW] = A.shape;
      const page = await openPage(
        api.ctx(),
        `${api.base()}?op=pool_forward&m=${m}&H=${H}&W=${W}&Cin=${C}&f=${f}&stride=${stride}&seed=1&data=gauss&mode=${mode}`,
      );
      await page.getByText('n_H = (5 − 3) + 1 = 3').waitFor();
      assertEq(await stepText(page), `step 1 of ${m * C * nH * nW}`, 'first step');
      for (const k of [1, 5, 13, 40, 54]) {
        await seek(page, k);
        const e = loopIndex(k, C, nH, nW);
        await checkLoop(page, e, stride, f, k);
        const x = [];
        for (let u = 0; u < f; u++)
          for (let v = 0; v < f; v++) x.push(at(A_prev, e.i, e.h * stride + u, e.w * stride + v, e.c));
        const cells = await sliceShown(page);
        assertEq(cells.length, f * f, `step ${k}: window cells`);
        cells.forEach((cell, j) => close(cell.text, x[j], `step ${k}: a_prev_slice[${j}]`));
        const mx = Math.max(...x);
        const hits = cells.map((cell) => (cell.cls.includes('hit') ? 1 : 0));
        const want = mode === 'max' ? x.map((v) => (v === mx ? 1 : 0)) : x.map(() => 0);
        assertEq(hits.join(''), want.join(''), `step ${k}: maximum cells marked`);
        close(
          await page.locator('.arith-total dd.arith-z').textContent(),
          at(A, e.i, e.h, e.w, e.c),
          `step ${k}: A[${e.i},${e.h},${e.w},${e.c}]`,
        );
        if (mode === 'average') {
          const sumRow = await page.locator('.arith-total dd').first().textContent();
          close(
            sumRow,
            x.reduce((t, v) => t + v, 0),
            `step ${k}: sum of the window`,
          );
        }
        if (mode === 'max' && k === 13) {
          assert(await noScroll(page), 'pool_forward at 1280×720 scrolls');
          await still(page);
          await shot(page, 'pool_forward.png');
        }
      }
      await page.close();
    }
  });

  test('pool_backward, max: the notebook preset; mask, routed gradient and running sums at chosen steps; dA_prev[1, 1] at the end', async () => {
    const cs = cases.get('notebook_pool_backward_max');
    const page = await openPage(api.ctx(), `${api.base()}`);
    await page
      .getByRole('navigation', { name: 'Operation' })
      .getByRole('button', { name: /pool_backward/ })
      .click();
    await page.getByRole('button', { name: 'Notebook pool_backward' }).click();
    await page.getByText('n_H = (5 − 2) + 1 = 4').waitFor();
    assertEq(await stepText(page), 'step 1 of 80', 'notebook pool_backward: steps');
    const { f, stride } = cs.pool;
    let grew = 0;
    for (const k of [1, 2, 6, 9, 20, 23, 42, 80]) {
      await seek(page, k);
      const e = backwardAt(cs, k);
      await checkLoop(page, e, stride, f, k);
      const cells = await sliceShown(page);
      cells.forEach((cell, j) => close(cell.text, e.x[j], `step ${k}: a_prev_slice[${j}]`));
      assertEq(
        cells.map((cell) => (cell.cls.includes('hit') ? 1 : 0)).join(''),
        e.mask.join(''),
        `step ${k}: mask`,
      );
      assertEq(
        await liveValue(page, 'a_prev_slice)'),
        `[[${e.mask.slice(0, 2).join(' ')}] [${e.mask.slice(2).join(' ')}]]`,
        `step ${k}: mask beside its line`,
      );
      const rows = await sumsShown(page);
      assertEq(rows.length, e.cells.length, `step ${k}: cells added to`);
      rows.forEach(([where, before, add, now], n) => {
        const want = e.cells[n];
        assertEq(where, `[${want.r}, ${want.q}]`, `step ${k}: cell`);
        close(before, want.before, `step ${k}: dA_prev[${e.i}, ${want.r}, ${want.q}, ${e.c}] before`);
        close(add, want.add, `step ${k}: added`);
        close(now, want.after, `step ${k}: after`);
        if (want.before !== 0) grew++;
      });
      // step 20 routes the 4th gradient into dA_prev[1, 1, 1, 0], the notebook's 5.0584…
      if (k === 20) {
        assert(await noScroll(page), 'pool_backward at 1280×720 scrolls');
        await still(page);
        await shot(page, 'pool_backward_max.png');
      }
    }
    assert(grew > 0, 'no chosen step adds to a running sum that was already there');
    assertEq(
      await printedSlice(page, 'dA_prev[1, 1]'),
      '[[0.0, 0.0], [5.058443935342465, -1.6828270215556507], [0.0, 0.0]]',
      'dA_prev[1, 1], max',
    );
    // and the tooltip of a dA_prev cell: index, offset, value, the steps that wrote it
    const e = backwardAt(cs, 80);
    const want = e.cells[0];
    const grid = page.getByRole('img', { name: `dA_prev[${e.i},:,:,${e.c}]` });
    const box = await grid.boundingBox();
    const cell = (box.width - 8) / 3;
    await page.mouse.move(box.x + 4 + cell * (want.q + 0.5), box.y + 4 + cell * (want.r + 0.5));
    const tip = await page.getByRole('tooltip').textContent();
    const offset = ((e.i * 5 + want.r) * 3 + want.q) * 2 + e.c;
    assert(tip.startsWith(`dA_prev[${e.i}, ${want.r}, ${want.q}, ${e.c}] = `), `tooltip: ${tip}`);
    assert(
      tip.includes(`flat NHWC offset ${offset}`) &&
        /written by [0-9]+ steps?:/.test(tip) &&
        tip.includes('step 80'),
      `tooltip: ${tip}`,
    );
    const inWindow = await page.getByRole('tooltip').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
    });
    assert(inWindow, 'the tooltip leaves the window');
    await page.close();
  });

  test('pool_backward, average: distribute_value’s share at chosen steps; dA_prev[1, 1] at the end', async () => {
    const cs = cases.get('notebook_pool_backward_average');
    const page = await openPage(api.ctx(), `${api.base()}?op=pool_backward`);
    await page.getByRole('button', { name: 'Notebook, average' }).click();
    await page.getByText('n_H = (5 − 2) + 1 = 4').waitFor();
    const { f, stride } = cs.pool;
    for (const k of [1, 3, 6, 20, 30, 80]) {
      await seek(page, k);
      const e = backwardAt(cs, k);
      await checkLoop(page, e, stride, f, k);
      assertEq(
        await liveValue(page, 'da = dA[i, h, w, c]'),
        `= ${e.da < 0 ? '−' : ''}${Math.abs(e.da).toFixed(4)}`,
        `step ${k}: da`,
      );
      const rows = await sumsShown(page);
      assertEq(rows.length, f * f, `step ${k}: every cell of the window gets a share`);
      rows.forEach(([where, before, add, now], n) => {
        const want = e.cells[n];
        assertEq(where, `[${want.r}, ${want.q}]`, `step ${k}: cell`);
        close(before, want.before, `step ${k}: before`);
        close(add, e.da / (f * f), `step ${k}: dA / (f·f)`);
        close(now, want.after, `step ${k}: after`);
      });
      if (k === 20) {
        await still(page);
        await shot(page, 'pool_backward_average.png');
      }
    }
    assertEq(
      await printedSlice(page, 'dA_prev[1, 1]'),
      '[[0.08485462489158352, 0.2787551982460382], [1.2646109838356163, -0.2574937269055999], [1.179756358944033, -0.5362489251516381]]',
      'dA_prev[1, 1], average',
    );
    await page.close();
  });

  test('pool_backward, ties: every tied maximum (the assignment) or only the first (PyTorch)', async () => {
    const page = await openPage(api.ctx(), `${api.base()}?op=pool_backward`);
    await page.getByRole('button', { name: 'Ties (small integers)' }).click();
    await page
      .getByText(
        /sends the gradient to every tied cell; PyTorch sends it only to the first in row-major order/,
      )
      .waitFor();
    // find the first step whose window holds its maximum more than once, from the values shown
    let k = 0;
    let x = [];
    for (let s = 1; s <= 12 && k === 0; s++) {
      await seek(page, s);
      x = (await sliceShown(page)).map((cell) => parseShown(cell.text));
      if (x.filter((v) => v === Math.max(...x)).length > 1) k = s;
    }
    assert(k > 0, 'no tie in the first 12 steps of the ties preset');
    const mx = Math.max(...x);
    const tied = x.map((v) => (v === mx ? 1 : 0));
    const hitsAll = (await sliceShown(page)).map((cell) => (cell.cls.includes('hit') ? 1 : 0));
    assertEq(hitsAll.join(''), tied.join(''), `step ${k}: the assignment's mask marks every tied maximum`);
    assertEq(
      (await sumsShown(page)).length,
      tied.filter((t) => t === 1).length,
      `step ${k}: every tied cell gets dA`,
    );
    await page.getByRole('radio', { name: /first maximum/ }).click();
    await page
      .getByRole('note')
      .getByText(/PyTorch’s rule marks only the first/)
      .waitFor();
    const shown = await sliceShown(page);
    const first = tied.indexOf(1);
    assertEq(
      shown.map((cell) => (cell.cls.includes('hit') ? 1 : 0)).join(''),
      tied.map((_, j) => (j === first ? 1 : 0)).join(''),
      `step ${k}: PyTorch marks the first maximum only`,
    );
    assertEq(
      shown.filter((cell) => cell.cls.includes('skip')).length,
      tied.filter((t) => t === 1).length - 1,
      `step ${k}: the other tied cells shown as skipped`,
    );
    assertEq((await sumsShown(page)).length, 1, `step ${k}: one cell gets dA`);
    assertEq(await stepText(page), `step ${k} of 12`, 'the rule switch keeps the step');
    await still(page);
    await shot(page, 'pool_backward_ties.png');
    await page.close();
  });

  test('pool: a shared link opens at its step with its mode and rule', async () => {
    const page = await openPage(
      api.ctx(),
      `${api.base()}?op=pool_backward&m=5&H=5&W=3&Cin=2&f=2&stride=1&seed=1&data=gauss&mode=average&ties=first&da=randn&step=42`,
    );
    assertEq(await stepText(page), 'step 42 of 80', 'link step');
    assert(await page.getByRole('radio', { name: /^average/ }).isChecked(), 'average from the link');
    await page.waitForFunction(
      () => location.search.includes('op=pool_backward') && location.search.includes('mode=average'),
      null,
      { timeout: 3000 },
    );
    await page.close();
  });
}
