// End-to-end tests of conv_backward: the notebook's conv_backward case opened by link, stepped and
// scrubbed; what the page shows (window, dZ, the amounts added, the partial sums of dA_prev_pad,
// dW and db, a selected cell's history, the gradient check) against numbers computed here from
// tests/fixtures/conv.txt with the seed's loops written out in JavaScript.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function loadCase(root, name) {
  const text = readFileSync(join(root, 'tests/fixtures/conv.txt'), 'utf8');
  let cur = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [key, ...rest] = line.split(/\s+/);
    if (key === 'case') cur = rest[0] === name ? { name, tensors: new Map() } : null;
    else if (cur === null) continue;
    else if (key === 'end') return cur;
    else if (key === 'shape') cur.shape = rest.map(Number);
    else if (key === 'conv') {
      const [f, nC, stride, pad, dilation] = rest.map(Number);
      cur.conv = { f, nC, stride, pad, dilation };
    } else if (key === 'tensor')
      cur.tensors.set(rest[0], { shape: rest.slice(1, 5).map(Number), data: rest.slice(5).map(Number) });
  }
  throw new Error(`tests/fixtures/conv.txt has no case ${name}`);
}

const at = (s, a, b, c, d) => ((a * s[1] + b) * s[2] + c) * s[3] + d;

/** The seed's conv_backward, stopped after k steps (loop order i, c, h, w), on the fixture's
 * A_prev and W with dZ = Z as the notebook passes it. */
function seedPartial(nb, k) {
  const [m, H, W_, C] = nb.shape;
  const { f, nC, stride, pad } = nb.conv;
  const A = nb.tensors.get('A_prev');
  const W = nb.tensors.get('W');
  const dZ = nb.tensors.get('Z');
  const [, nH, nW] = dZ.shape;
  const Hp = H + 2 * pad;
  const Wp = W_ + 2 * pad;
  const padShape = [m, Hp, Wp, C];
  const aPad = (i, r, q, ch) => {
    const h = r - pad;
    const w = q - pad;
    return h < 0 || w < 0 || h >= H || w >= W_ ? 0 : A.data[at(A.shape, i, h, w, ch)];
  };
  const dA = new Float64Array(m * Hp * Wp * C);
  const dW = new Float64Array(W.data.length);
  const db = new Float64Array(nC);
  let n = 0;
  for (let i = 0; i < m; i++)
    for (let c = 0; c < nC; c++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++) {
          if (n++ >= k) return { dA, dW, db, padShape };
          const dz = dZ.data[at(dZ.shape, i, h, w, c)];
          for (let u = 0; u < f; u++)
            for (let v = 0; v < f; v++)
              for (let ch = 0; ch < C; ch++) {
                dA[at(padShape, i, h * stride + u, w * stride + v, ch)] +=
                  W.data[at(W.shape, u, v, ch, c)] * dz;
                dW[at(W.shape, u, v, ch, c)] += aPad(i, h * stride + u, w * stride + v, ch) * dz;
              }
          db[c] += dz;
        }
  return { dA, dW, db, padShape };
}

export function register(api) {
  const { test, assert, assertEq, openPage, stepText, liveValue, parseShown, shot, root } = api;
  const nb = loadCase(root, 'notebook_conv_backward');
  const [M, H, W, CIN] = nb.shape;
  const { f: F, nC: COUT, stride: STRIDE, pad: PAD } = nb.conv;
  const Z = nb.tensors.get('Z');
  const [, NH, NW] = Z.shape;
  const TOTAL = M * COUT * NH * NW;
  const query = `?op=conv_backward&m=${M}&H=${H}&W=${W}&Cin=${CIN}&Cout=${COUT}&f=${F}&stride=${STRIDE}&pad=${PAD}&dil=1&seed=1&data=gauss&dz=z`;
  const url = (step) => `${api.base()}${query}&step=${step}`;

  /** (i, c, h, w) of step k (1-based), and its dZ. */
  function windowAt(k) {
    let t = k - 1;
    const w = t % NW;
    t = Math.floor(t / NW);
    const h = t % NH;
    t = Math.floor(t / NH);
    const c = t % COUT;
    const i = Math.floor(t / COUT);
    return { i, c, h, w, dz: Z.data[at(Z.shape, i, h, w, c)] };
  }

  const near = (shown, want, tol, what) =>
    assert(Math.abs(parseShown(shown) - want) <= tol, `${what}: shown ${shown}, expected ${want}`);

  /** Checks the window, dZ and every number of the "This step" panel after step k. */
  async function checkStep(page, k) {
    assertEq(await stepText(page), `step ${k} of ${TOTAL}`, 'step counter');
    const e = windowAt(k);
    assertEq(await liveValue(page, 'for i in'), `i = ${e.i}`, `step ${k}: i`);
    assertEq(await liveValue(page, 'for c in'), `c = ${e.c}`, `step ${k}: c`);
    assertEq(await liveValue(page, 'for h in'), `h = ${e.h}`, `step ${k}: h`);
    assertEq(await liveValue(page, 'for w in'), `w = ${e.w}`, `step ${k}: w`);
    assertEq(await liveValue(page, 'vert_start ='), `= ${e.h * STRIDE}`, `step ${k}: vert_start`);
    assertEq(await liveValue(page, 'hori_end ='), `= ${e.w * STRIDE + F}`, `step ${k}: hori_end`);
    const panel = page.getByRole('region', { name: 'This step' });
    near(
      await panel.locator('.bw-dz-value').textContent(),
      e.dz,
      5e-5,
      `step ${k}: dZ[${e.i},${e.h},${e.w},${e.c}]`,
    );
    const live = await page.locator('[aria-live="polite"]').textContent();
    assert(
      live.startsWith(`step ${k} of ${TOTAL}: i=${e.i}, c=${e.c}, h=${e.h}, w=${e.w}, dZ = `),
      `announcement: ${live}`,
    );
    const want = seedPartial(nb, k);
    const before = seedPartial(nb, k - 1);
    // dA_prev_pad and dW: each cell of the window, the amount added and the sum after it
    for (const [table, tensor, shapeOf] of [
      [
        'dA_prev_pad added',
        'dA',
        (u, v, ch) => at(want.padShape, e.i, e.h * STRIDE + u, e.w * STRIDE + v, ch),
      ],
      ['dW added', 'dW', (u, v, ch) => at(nb.tensors.get('W').shape, u, v, ch, e.c)],
    ]) {
      for (let ch = 0; ch < CIN; ch++) {
        const cells = await panel
          .getByRole('table', { name: `${table}, channel ${ch}` })
          .locator('td')
          .evaluateAll((tds) => tds.map((td) => td.title));
        assertEq(cells.length, F * F, `${table} ch ${ch}: cells`);
        cells.forEach((title, n) => {
          const u = Math.floor(n / F);
          const v = n % F;
          const o = shapeOf(u, v, ch);
          const m = title.match(/= (\S+) → (\S+)$/);
          assert(m, `title ${title}`);
          near(m[1], want[tensor][o] - before[tensor][o], 5e-5, `step ${k}: ${table} [${u},${v},${ch}]`);
          near(m[2], want[tensor][o], 5e-5, `step ${k}: ${tensor} after [${u},${v},${ch}]`);
        });
      }
    }
    // "before + (dZ) = after"
    const db = (await panel.locator('.bw-db dd').textContent()).trim().split(/\s+/);
    near(db[0], before.db[e.c], 5e-5, `step ${k}: db[${e.c}] before`);
    near(db[2].replace(/[()]/g, ''), e.dz, 5e-5, `step ${k}: dZ added to db[${e.c}]`);
    near(db[db.length - 1], want.db[e.c], 5e-5, `step ${k}: db[${e.c}] after`);
  }

  /** Clicks cell (row, col) of a grid. */
  async function clickCell(page, name, row, col, cols) {
    const box = await page.getByRole('img', { name }).boundingBox();
    const cell = (box.width - 8) / cols;
    await page.mouse.click(box.x + 4 + (col + 0.5) * cell, box.y + 4 + (row + 0.5) * cell);
  }

  test('conv_backward: the notebook case by link; steps 1, 2, 37, 700 and the end match the seed’s loops', async () => {
    const page = await openPage(api.ctx(), url(1));
    const nav = page.getByRole('navigation', { name: 'Operation' });
    assertEq(
      await nav.getByRole('button', { name: /conv_backward/ }).getAttribute('aria-pressed'),
      'true',
      'conv_backward is on',
    );
    await checkStep(page, 1);
    await page.getByRole('button', { name: 'Step forward' }).click();
    await checkStep(page, 2);
    const slider = page.getByRole('slider', { name: 'Step' });
    for (const k of [37, 700, TOTAL - 1, TOTAL, 3]) {
      await slider.fill(String(k));
      await checkStep(page, k);
    }
    await page.keyboard.press('End');
    await checkStep(page, TOTAL);
    await page.close();
  });

  test('conv_backward: the notebook preset and the dZ selector', async () => {
    const page = await openPage(api.ctx(), `${api.base()}?op=conv_backward&step=1`);
    await page.getByRole('button', { name: 'Notebook conv_backward' }).click();
    await page.getByText(`steps = m·n_C·n_H·n_W = ${M}·${COUT}·${NH}·${NW} = ${TOTAL}`).waitFor();
    const select = page.getByRole('combobox', { name: /where dZ comes from/ });
    assertEq(await select.inputValue(), 'z', 'dZ source of the preset');
    await checkStep(page, 1);
    await select.selectOption('ones');
    const panel = page.getByRole('region', { name: 'This step' });
    assertEq(await panel.locator('.bw-dz-value').textContent(), '1.0000', 'dZ of all ones');
    await page.waitForFunction(() => location.search.includes('dz=ones'), null, { timeout: 3000 });
    await page.close();
  });

  test('conv_backward: hovering a cell tells its index, offsets, value and the steps that wrote it', async () => {
    const page = await openPage(api.ctx(), url(40));
    // padded (3, 2) of sample 0 is dA_prev[0, 1, 0, :]; windows (h 1, w 1) of every c write it
    const box = await page.getByRole('img', { name: 'dA_prev_pad[0,:,:,1]' }).boundingBox();
    const cell = (box.width - 8) / (W + 2 * PAD);
    await page.mouse.move(box.x + 4 + 2.5 * cell, box.y + 4 + 3.5 * cell);
    const tip = await page.getByRole('tooltip').textContent();
    const want = seedPartial(nb, 40).dA[at([M, H + 2 * PAD, W + 2 * PAD, CIN], 0, 3, 2, 1)];
    const m = tip.match(/^dA_prev_pad\[0, 3, 2, 1\] = (\S+)/);
    assert(m, `tooltip: ${tip}`);
    near(m[1], want, 5e-5, 'hovered dA_prev_pad value');
    assert(tip.includes('= dA_prev[0, 1, 0, 1] (flat NHWC offset 13)'), `tooltip: ${tip}`);
    assert(tip.includes(`flat NHWC offset ${(3 * 8 + 2) * 3 + 1} in dA_prev_pad`), `tooltip: ${tip}`);
    assert(tip.includes('written by 8 steps: 6, 22, 38, 54, …; 3 done so far'), `tooltip: ${tip}`);
    // an input: dZ is read, not written
    const z = await page.getByRole('img', { name: 'dZ[0,:,:,2]' }).boundingBox();
    await page.mouse.move(z.x + 8, z.y + 8);
    const ztip = await page.getByRole('tooltip').textContent();
    assert(
      ztip.includes('dZ[0, 0, 0, 2] = ') &&
        ztip.includes('flat NHWC offset 2') &&
        ztip.includes('read by step 33'),
      `dZ tooltip: ${ztip}`,
    );
    await page.close();
  });

  test('conv_backward: a selected cell’s history and the gradient check agree with the fixture', async () => {
    const page = await openPage(api.ctx(), url(1));
    await page.getByRole('button', { name: /Parameters/ }).click();
    // dA_prev[0, 1, 2, 1] = padded (3, 4): written by windows h = 1, w = 2 of each c
    const k = 5 * 16 + 7; // step 87: c = 5, h = 1, w = 2 of sample 0, the sixth write
    await page.getByRole('slider', { name: 'Step' }).fill(String(k));
    await clickCell(page, 'dA_prev_pad[0,:,:,1]', 3, 4, W + 2 * PAD);
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await inspector.getByRole('heading', { name: 'dA_prev_pad[0, 3, 4, 1]' }).waitFor();
    const o = at([M, H + 2 * PAD, W + 2 * PAD, CIN], 0, 3, 4, 1);
    const before = seedPartial(nb, k - 1).dA[o];
    const after = seedPartial(nb, k).dA[o];
    const line = await inspector.locator('.bw-cell-value').textContent();
    const m = line.match(/adds (\S+):\s*(\S+) → (\S+)/);
    assert(m, `history line: ${line}`);
    near(m[1], after - before, 5e-5, 'amount added to the selected cell');
    near(m[2], before, 5e-5, 'selected cell before the step');
    near(m[3], after, 5e-5, 'selected cell after the step');
    const steps = await inspector
      .getByRole('table', { name: /Every write to/ })
      .locator('tbody tr td:first-child')
      .allTextContents();
    assertEq(
      steps.map((s) => s.replace('next', '').trim()).join(','),
      [7, 23, 39, 55, 71, 87, 103, 119].join(','),
      'writes of the selected cell',
    );
    // the gradient check: partial before the end
    const check = inspector.getByRole('table', { name: 'Gradient check of dA_prev[0, 1, 2, 1]' });
    const value = async (cls) => Number(await check.locator(`tr.${cls} td`).getAttribute('data-value'));
    const exact = nb.tensors.get('dA_prev').data[at([M, H, W, CIN], 0, 1, 2, 1)];
    const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    assert(
      rel(await value('bw-numeric'), exact) < 1e-7,
      `finite difference ${await value('bw-numeric')} vs numpy's ${exact}`,
    );
    assert(
      rel(await value('bw-analytic'), exact) < 1e-12,
      `conv_backward ${await value('bw-analytic')} vs numpy's ${exact}`,
    );
    assert(
      Math.abs((await value('bw-partial')) - after) < 1e-12,
      `partial ${await value('bw-partial')} vs ${after}`,
    );
    assert((await value('bw-rel')) < 1e-7, `relative difference ${await value('bw-rel')}`);
    assert((await check.textContent()).includes('✓ agree'), 'the check agrees');
    await page.evaluate(() => document.activeElement?.blur());
    await shot(page, 'conv_backward_gradcheck.png');
    // at the end the walk's own value is compared
    await page.keyboard.press('End');
    await check.locator('tr.bw-analytic th').getByText(`walk-through, all ${TOTAL} steps`).waitFor();
    assert(rel(await value('bw-analytic'), exact) < 1e-12, 'the walk’s final value');
    await page.close();
  });

  test('conv_backward: screenshot at 1280×720 fits without scrolling; C toggle marks the += lines', async () => {
    const page = await openPage(api.ctx(), url(1));
    // step 230: sample 1, output channel 6, a window inside the image; six channels summed so far
    await page.getByRole('slider', { name: 'Step' }).fill('230');
    await checkStep(page, 230);
    const fits = await page.evaluate(() => {
      const d = document.documentElement;
      const box = document.querySelector('.stage-box');
      return (
        d.scrollWidth <= innerWidth &&
        d.scrollHeight <= innerHeight &&
        box.scrollHeight <= box.clientHeight + 1 &&
        box.scrollWidth <= box.clientWidth + 1
      );
    });
    assert(fits, 'at 1280×720 something scrolls');
    await page.evaluate(() => document.activeElement?.blur());
    await shot(page, 'conv_backward.png');
    await page.getByRole('button', { name: 'C (what runs)' }).click();
    const marked = await page.locator('.code li.current code').allTextContents();
    assert(
      marked.some((t) => t.includes('+= dz * W[u, v, k, c];')) &&
        marked.some((t) => t.includes('db[c] += dz;')),
      `C lines marked: ${marked.join(' | ')}`,
    );
    assertEq(await liveValue(page, 'x.c = k % n_C;'), `c = ${windowAt(230).c}`, 'C decode of c');
    await shot(page, 'conv_backward_c_code.png');
    await page.close();
  });
}
