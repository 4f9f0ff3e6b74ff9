// End-to-end tests of conv_transpose: the decoder's 2× upsampling and conv_backward's dA_prev
// opened by link, stepped and scrubbed; the window, the marked code line, X and the amounts
// added, against tests/fixtures/conv_transpose.txt with the loop written out here; the end's Y
// against the fixture's; output_padding and the source of X in the link; the screenshots.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function loadCase(root, name) {
  const text = readFileSync(join(root, 'tests/fixtures/conv_transpose.txt'), 'utf8');
  let cur = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [key, ...rest] = line.split(/\s+/);
    if (key === 'case') cur = rest[0] === name ? { name, tensors: new Map() } : null;
    else if (cur === null) continue;
    else if (key === 'end') return cur;
    else if (key === 'shape') cur.shape = rest.map(Number);
    else if (key === 'conv_transpose') {
      const [f, nCOut, stride, pad, dilation, outputPadding] = rest.map(Number);
      cur.p = { f, nCOut, stride, pad, dilation, outputPadding };
    } else if (key === 'tensor')
      cur.tensors.set(rest[0], { shape: rest.slice(1, 5).map(Number), data: rest.slice(5).map(Number) });
  }
  throw new Error(`tests/fixtures/conv_transpose.txt has no case ${name}`);
}

const at = (s, a, b, c, d) => ((a * s[1] + b) * s[2] + c) * s[3] + d;

/** The loop, stopped after k steps: Y_pad[i, vert_start:vert_end, hori_start:hori_end, :] +=
 * W[:, :, :, c] * X[i, h, w, c], order i, c, h, w. */
function loopPartial(fx, k) {
  const [m, nH, nW, nC] = fx.shape;
  const { f, nCOut, stride, dilation, outputPadding } = fx.p;
  const span = dilation * (f - 1) + 1;
  const shape = [
    m,
    (nH - 1) * stride + span + outputPadding,
    (nW - 1) * stride + span + outputPadding,
    nCOut,
  ];
  const X = fx.tensors.get('X');
  const W = fx.tensors.get('W');
  const y = new Float64Array(shape[0] * shape[1] * shape[2] * shape[3]);
  let n = 0;
  for (let i = 0; i < m; i++)
    for (let c = 0; c < nC; c++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++) {
          if (n++ >= k) return { y, shape };
          const x = X.data[at(X.shape, i, h, w, c)];
          for (let u = 0; u < f; u++)
            for (let v = 0; v < f; v++)
              for (let kk = 0; kk < nCOut; kk++)
                y[at(shape, i, h * stride + u * dilation, w * stride + v * dilation, kk)] +=
                  W.data[at(W.shape, u, v, kk, c)] * x;
        }
  return { y, shape };
}

export function register(api) {
  const { test, assert, assertEq, openPage, stepText, liveValue, parseShown, shot, root } = api;

  function setup(name, extra) {
    const fx = loadCase(root, name);
    const [m, nH, nW, nC] = fx.shape;
    const { f, nCOut, stride, pad, dilation, outputPadding } = fx.p;
    const total = m * nC * nH * nW;
    const query = `?op=conv_transpose&m=${m}&H=${nH}&W=${nW}&Cin=${nC}&Cout=${nCOut}&f=${f}&stride=${stride}&pad=${pad}&dil=${dilation}&outpad=${outputPadding}${extra}`;
    const windowAt = (k) => {
      let t = k - 1;
      const w = t % nW;
      t = Math.floor(t / nW);
      const h = t % nH;
      t = Math.floor(t / nH);
      const c = t % nC;
      const i = Math.floor(t / nC);
      return { i, c, h, w, x: fx.tensors.get('X').data[at(fx.tensors.get('X').shape, i, h, w, c)] };
    };
    return { fx, total, query, windowAt, url: (step) => `${api.base()}${query}&step=${step}` };
  }

  const near = (shown, want, tol, what) =>
    assert(Math.abs(parseShown(shown) - want) <= tol, `${what}: shown ${shown}, expected ${want}`);

  /** Step counter, loop values, the marked line, X, the window's slice, every amount added. */
  async function checkStep(page, s, k) {
    const { fx, total, windowAt } = s;
    const { f, nCOut, stride, dilation } = fx.p;
    const span = dilation * (f - 1) + 1;
    assertEq(await stepText(page), `step ${k} of ${total}`, 'step counter');
    const e = windowAt(k);
    assertEq(await liveValue(page, 'for i in'), `i = ${e.i}`, `step ${k}: i`);
    assertEq(await liveValue(page, 'for c in'), `c = ${e.c}`, `step ${k}: c`);
    assertEq(await liveValue(page, 'for h in'), `h = ${e.h}`, `step ${k}: h`);
    assertEq(await liveValue(page, 'for w in'), `w = ${e.w}`, `step ${k}: w`);
    assertEq(await liveValue(page, 'vert_start ='), `= ${e.h * stride}`, `step ${k}: vert_start`);
    assertEq(await liveValue(page, 'hori_end ='), `= ${e.w * stride + span}`, `step ${k}: hori_end`);
    const current = await page.locator('.code li.current code').allTextContents();
    assert(
      current.some((t) => t.trim() === 'Y_pad[i,') &&
        current.some((t) => t.includes('+= W[:, :, :, c] * X[i, h, w, c]')),
      `step ${k}: marked lines ${current.join(' | ')}`,
    );
    near(
      (await liveValue(page, 'Y_pad[i,')).replace('X = ', ''),
      e.x,
      5e-5,
      `step ${k}: X beside the += line`,
    );
    const panel = page.getByRole('region', { name: 'This step' });
    near(
      await panel.locator('.ct-x-value').textContent(),
      e.x,
      5e-5,
      `step ${k}: X[${e.i},${e.h},${e.w},${e.c}]`,
    );
    const vs = e.h * stride;
    const hs = e.w * stride;
    assertEq(
      (await panel.locator('.ct-line-head').textContent()).trim(),
      `Y_pad[${e.i}, ${vs}:${vs + span}, ${hs}:${hs + span}, :] += W[:,:,:,${e.c}] · X`,
      `step ${k}: the window`,
    );
    const want = loopPartial(fx, k);
    const before = loopPartial(fx, k - 1);
    for (let kk = 0; kk < nCOut; kk++) {
      const cells = await panel
        .getByRole('table', { name: `Y_pad added, output channel ${kk}` })
        .locator('td')
        .evaluateAll((tds) => tds.map((td) => td.title));
      assertEq(cells.length, f * f, `step ${k}: cells of channel ${kk}`);
      cells.forEach((title, n) => {
        const u = Math.floor(n / f);
        const v = n % f;
        const o = at(want.shape, e.i, vs + u * dilation, hs + v * dilation, kk);
        const m = title.match(/= (\S+) → (\S+)$/);
        assert(m, `title ${title}`);
        near(m[1], want.y[o] - before.y[o], 5e-5, `step ${k}: added to Y_pad[${u},${v},${kk}]`);
        near(m[2], want.y[o], 5e-5, `step ${k}: Y_pad after [${u},${v},${kk}]`);
      });
    }
    const live = await page.locator('[aria-live="polite"]').textContent();
    assert(
      live.startsWith(`step ${k} of ${total}: i=${e.i}, c=${e.c}, h=${e.h}, w=${e.w}, X = `),
      `announcement: ${live}`,
    );
  }

  /** Hovers cell (row, col) of a grid and returns its tooltip. */
  async function hover(page, name, row, col, cols) {
    const box = await page.getByRole('img', { name }).boundingBox();
    const cell = (box.width - 8) / cols;
    await page.mouse.move(box.x + 4 + (col + 0.5) * cell, box.y + 4 + (row + 0.5) * cell);
    return page.getByRole('tooltip').textContent();
  }

  const decoder = setup('decoder_2x_upsampling', '&seed=50&data=gauss&x=randn');
  const notebook = setup('notebook_conv_backward_dA_prev', '&seed=1&data=gauss&x=z');

  test('conv_transpose: the decoder’s 2× upsampling by link; steps 1, 2, 7, 50 and the end match the loop and the fixture', async () => {
    const s = decoder;
    const page = await openPage(api.ctx(), s.url(1), { width: 1440, height: 900 });
    const nav = page.getByRole('navigation', { name: 'Operation' });
    assertEq(
      await nav.getByRole('button', { name: /conv_transpose/ }).getAttribute('aria-pressed'),
      'true',
      'conv_transpose is on',
    );
    await page.getByText('n_H_out = (4 − 1)·2 − 2·1 + 4 + 0 = 8').waitFor();
    await checkStep(page, s, 1);
    await page.getByRole('button', { name: 'Step forward' }).click();
    await checkStep(page, s, 2);
    const slider = page.getByRole('slider', { name: 'Step' });
    for (const k of [7, 50, s.total]) {
      await slider.fill(String(k));
      await checkStep(page, s, k);
    }
    // the end: Y[1, :, :, k] = Y_pad cropped + b, the fixture's Y (torch's conv_transpose2d)
    const Y = s.fx.tensors.get('Y');
    for (const [r, q, k] of [
      [0, 0, 0],
      [3, 5, 1],
      [7, 7, 0],
    ]) {
      const tip = await hover(page, `Y[1,:,:,${k}]: Y_pad cropped, + b[${k}]`, r, q, 8);
      const m = tip.match(/= (\S+)\n/);
      assert(m, `tooltip ${tip}`);
      near(m[1], Y.data[at(Y.shape, 1, r, q, k)], 5e-5, `Y[1, ${r}, ${q}, ${k}]`);
    }
    // the overlap map: inner cells of f 4, stride 2 are covered by 2 × 2 windows
    const tip = await hover(page, /^overlap map/, 4, 4, 10);
    assert(tip.includes('4 windows of each input channel cover it'), `overlap tooltip: ${tip}`);
    await page.close();
  });

  test('conv_transpose: conv_backward’s dA_prev preset; X = Z, steps 1, 300 and the end match the fixture', async () => {
    const s = notebook;
    const page = await openPage(api.ctx(), `${api.base()}?op=conv_transpose&step=1`);
    await page.getByRole('button', { name: 'conv_backward’s dA_prev' }).click();
    await page.getByText(`steps = m·n_C·n_H·n_W = 10·8·4·4 = ${s.total}`).waitFor();
    await page
      .getByText(/X = Z = conv_forward\(A_prev, W, b_conv\)/)
      .first()
      .waitFor();
    await checkStep(page, s, 1);
    const slider = page.getByRole('slider', { name: 'Step' });
    for (const k of [300, s.total]) {
      await slider.fill(String(k));
      await checkStep(page, s, k);
    }
    const Y = s.fx.tensors.get('Y');
    const tip = await hover(page, 'Y[9,:,:,2]: Y_pad cropped, + b[2]', 1, 2, 4);
    const m = tip.match(/= (\S+)\n/);
    near(m[1], Y.data[at(Y.shape, 9, 1, 2, 2)], 5e-5, 'Y[9, 1, 2, 2] = dA_prev[9, 1, 2, 2]');
    await page.close();
  });

  test('conv_transpose: output_padding and X’s source travel in the link; a bad one gets a sentence', async () => {
    const page = await openPage(api.ctx(), decoder.url(5));
    await page.getByRole('combobox', { name: /output_padding/ }).selectOption('1');
    await page.getByText('n_H_out = (4 − 1)·2 − 2·1 + 4 + 1 = 9').waitFor();
    await page.getByRole('radio', { name: /all ones/ }).check();
    await page.waitForFunction(
      () => location.search.includes('outpad=1') && location.search.includes('x=ones'),
      null,
      {
        timeout: 3000,
      },
    );
    const link = page.url();
    const again = await openPage(api.ctx(), link);
    assertEq(
      await again.getByRole('combobox', { name: /output_padding/ }).inputValue(),
      '1',
      'output_padding back',
    );
    assert(await again.getByRole('radio', { name: /all ones/ }).isChecked(), 'X all ones back');
    assertEq(await again.locator('.ct-x-value').textContent(), '1.0000', 'X of all ones');
    assertEq(await stepText(again), `step 5 of ${decoder.total}`, 'step back');
    // output_padding must be below the stride (2): the C library's sentence, the stage kept
    await again.getByRole('combobox', { name: /output_padding/ }).selectOption('2');
    const alert = await again.getByRole('alert').textContent();
    assert(/output_padding/.test(alert), `sentence: ${alert}`);
    assertEq(await stepText(again), `step 5 of ${decoder.total}`, 'the stage is kept');
    await page.close();
    await again.close();
  });

  test('conv_transpose: screenshots at 1440×900 (the decoder, the checkerboard’s overlap map), no scrolling', async () => {
    const page = await openPage(api.ctx(), decoder.url(40), { width: 1440, height: 900 });
    await checkStep(page, decoder, 40);
    const fits = await page.evaluate(() => {
      const d = document.documentElement;
      const box = document.querySelector('.stage-box');
      return (
        box.scrollHeight <= box.clientHeight + 1 &&
        box.scrollWidth <= box.clientWidth + 1 &&
        d.scrollWidth <= innerWidth
      );
    });
    assert(fits, 'at 1440×900 the stage scrolls');
    await page.evaluate(() => document.activeElement?.blur());
    await shot(page, 'conv_transpose.png');
    await page.getByRole('button', { name: 'Checkerboard (f 3, stride 2)' }).click();
    await page.getByText('n_H_out = (4 − 1)·2 − 2·1 + 3 + 1 = 8').waitFor();
    await page.keyboard.press('End');
    assertEq(await stepText(page), 'step 16 of 16', 'the checkerboard walk is over');
    const tip = await hover(page, /^overlap map/, 2, 2, 10);
    assert(tip.includes('4 windows of each input channel cover it'), `overlap tooltip at (2, 2): ${tip}`);
    const tip2 = await hover(page, /^overlap map/, 1, 2, 10);
    assert(tip2.includes('2 windows of each input channel cover it'), `overlap tooltip at (1, 2): ${tip2}`);
    // X and W all ones, b = 0: Y is the overlap map inside the crop, 1, 2 and 4 in a checkerboard
    for (const [r, q, n] of [
      [0, 0, 1],
      [0, 1, 2],
      [1, 1, 4],
      [7, 7, 1],
    ]) {
      const y = await hover(page, 'Y[0,:,:,0]: Y_pad cropped, + b[0]', r, q, 8);
      assert(y.includes(`+ b[0] = ${n}\n`), `Y[0, ${r}, ${q}, 0] should be ${n}: ${y}`);
    }
    await page.evaluate(() => document.activeElement?.blur());
    await shot(page, 'conv_transpose_checkerboard.png');
    await page.close();
  });
}
