// Classroom defects: what a projected stage or an embed must not do. Each test names what it
// protects; the stage is read as a person sees it (its canvases' number fonts, boxes on screen).
//
// conv_backward's notebook case (A_prev (10,4,4,3), W (2,2,3,8), dZ = Z) is the common page.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A tensor of a case in tests/fixtures/conv.txt (numpy's values): { shape, data }. */
function fixtureTensor(root, caseName, tensor) {
  let inCase = false;
  for (const line of readFileSync(join(root, 'tests/fixtures/conv.txt'), 'utf8').split('\n')) {
    const t = line.trim().split(/\s+/);
    if (t[0] === 'case') inCase = t[1] === caseName;
    else if (inCase && t[0] === 'tensor' && t[1] === tensor)
      return { shape: t.slice(2, 6).map(Number), data: t.slice(6).map(Number) };
  }
  throw new Error(`no tensor ${tensor} in case ${caseName} of conv.txt`);
}

const NOTEBOOK_BACKWARD =
  '?op=conv_backward&m=10&H=4&W=4&Cin=3&Cout=8&f=2&stride=2&pad=2&seed=1&data=gauss&dz=z';

export function register(api) {
  const { test, assert, assertEq, openPage } = api;

  test('classroom: grids of one size side by side all show their numbers, or none does', async () => {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1440, height: 900 },
    ]) {
      for (const step of [10, 40, 200]) {
        const page = await openPage(api.ctx(), `${api.base()}${NOTEBOOK_BACKWARD}&step=${step}`, size);
        const groups = await page.evaluate(() => {
          const fonts = (sel) =>
            [...document.querySelectorAll(sel)].map((c) => ({ w: c.width, font: Number(c.dataset.font) }));
          return { small: fonts('.bw-small canvas'), dA: fonts('.bw-fig-da canvas') };
        });
        for (const [name, list] of Object.entries(groups)) {
          assert(list.length >= 2, `${name}: several grids on the stage (${list.length})`);
          const bySize = new Map();
          for (const g of list) bySize.set(g.w, [...(bySize.get(g.w) ?? []), g.font > 0]);
          for (const [w, shown] of bySize)
            assert(
              shown.every((x) => x === shown[0]),
              `${size.width}×${size.height}, step ${step}: ${name} grids ${w} px wide draw numbers in some and not others: ${shown.join(', ')}`,
            );
        }
        await page.close();
      }
    }
  });

  test('classroom: a partial sum of db shows its number and the legend names the colour scale', async () => {
    // step 6 of the notebook case: db[0] = dZ[0,0,0,0] + ... + dZ[0,1,1,0] = −3.764, pale on the
    // scale of the final db, whose largest magnitude is numpy's max |db| (conv.txt)
    const db = fixtureTensor(api.root, 'notebook_conv_backward', 'db');
    const full = Math.max(...db.data.map(Math.abs));
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1440, height: 900 },
    ]) {
      const page = await openPage(api.ctx(), `${api.base()}${NOTEBOOK_BACKWARD}&step=6`, size);
      const font = await page.locator('.bw-fig-db canvas').getAttribute('data-font');
      assert(
        Number(font) > 0,
        `${size.width}×${size.height}: db[0] = −3.764 is drawn with its number (font ${font})`,
      );
      const legend = await page.getByRole('list', { name: 'Legend' }).textContent();
      const want = `|db| ≥ ${full.toPrecision(3)}`;
      assert(legend.includes(want), `the legend says which scale db is drawn on (${want}): ${legend}`);
      await page.close();
    }
  });

  test('classroom: at 1440×900 the selected cell’s write list shows its sum column, and no tip covers the inspector', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${NOTEBOOK_BACKWARD}&step=40`, {
      width: 1440,
      height: 900,
    });
    await page.getByRole('button', { name: /Selected cell and gradient check/ }).click();
    const dW = page.locator('.bw-fig-dw canvas').first();
    const b = await dW.boundingBox();
    await dW.click({ position: { x: b.width * 0.3, y: b.height * 0.3 } });
    await page.getByRole('table', { name: /Every write to dW\[/ }).waitFor();
    assert(
      (await page.getByRole('tooltip').count()) === 0,
      'the clicked cell’s tip gives way to the inspector that tells the same story',
    );
    const fit = await page.evaluate(() => {
      const pane = (sel) => {
        const el = document.querySelector(sel);
        return { sw: el.scrollWidth, cw: el.clientWidth, oy: getComputedStyle(el).overflowY };
      };
      const sum = [...document.querySelectorAll('.bw-writes th')].find((th) => th.textContent === 'sum');
      const list = document.querySelector('.bw-writes').getBoundingClientRect();
      return {
        writes: pane('.bw-writes'),
        check: pane('.bw-check'),
        sumRight: sum.getBoundingClientRect().right,
        listRight: list.right,
        checkHeight: [
          document.querySelector('.bw-check').scrollHeight,
          document.querySelector('.bw-check').clientHeight,
        ],
      };
    });
    assert(
      fit.writes.sw <= fit.writes.cw,
      `the write list fits its pane: ${fit.writes.sw} > ${fit.writes.cw} px`,
    );
    assert(
      fit.sumRight <= fit.listRight + 0.5,
      `the sum column ends inside the list (${fit.sumRight} > ${fit.listRight})`,
    );
    assert(
      fit.check.sw <= fit.check.cw,
      `the gradient check fits its width: ${fit.check.sw} > ${fit.check.cw} px`,
    );
    assert(
      fit.checkHeight[0] <= fit.checkHeight[1] || fit.check.oy === 'auto' || fit.check.oy === 'scroll',
      `the gradient check's last rows can be reached (${fit.checkHeight.join(' > ')} px, overflow ${fit.check.oy})`,
    );
    // moving on to another cell brings tips back
    await dW.hover({ position: { x: b.width * 0.7, y: b.height * 0.7 } });
    await page.getByRole('tooltip').waitFor({ timeout: 3000 });
    await page.close();
  });

  test('classroom: the link carries the selected cell, with the code tab and the speed', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${NOTEBOOK_BACKWARD}&step=40`, {
      width: 1440,
      height: 900,
    });
    const dW = page.locator('.bw-fig-dw canvas').nth(1);
    const b = await dW.boundingBox();
    await dW.click({ position: { x: b.width * 0.7, y: b.height * 0.3 } });
    const name = (await page.locator('#bw-cell-title').textContent()).trim();
    assert(/^dW\[0, 1, 1, 2\]$/.test(name), `the cell clicked is selected: ${name}`);
    await page.getByRole('button', { name: 'C (what runs)' }).click();
    await page.getByLabel('Speed').selectOption({ index: 0 });
    // (the address bar is written at most every 300 ms)
    await page
      .waitForFunction(
        () =>
          /[?&]cell=dW\.0\.1\.1\.2(&|$)/.test(location.search) &&
          /[?&]code=c(&|$)/.test(location.search) &&
          /[?&]speed=0(&|$)/.test(location.search),
        null,
        { timeout: 3000 },
      )
      .catch(async () => {
        throw new Error(
          `the link carries cell, code and speed: ${await page.evaluate(() => location.search)}`,
        );
      });
    const link = await page.evaluate(() => location.search);
    await page.close();

    // the link opens the same cell, tab and speed
    const again = await openPage(api.ctx(), `${api.base()}${link}`, { width: 1440, height: 900 });
    await again.locator('#bw-cell-title', { hasText: 'dW[0, 1, 1, 2]' }).waitFor({ timeout: 3000 });
    assert(
      (await again.getByRole('button', { name: 'C (what runs)' }).getAttribute('aria-pressed')) === 'true',
      'the C tab is chosen',
    );
    assert(
      (await again.getByLabel('Speed').evaluate((s) => s.selectedIndex)) === 0,
      'the speed is the slowest',
    );
    await again.close();

    // a cell the layer does not have gets a sentence, and no cell is selected
    const bad = await openPage(api.ctx(), `${api.base()}${NOTEBOOK_BACKWARD}&step=40&cell=dW.5.0.0.2`);
    await bad.getByText(/cell “dW\.5\.0\.0\.2” is not a cell of this layer/).waitFor({ timeout: 3000 });
    assert(!/[?&]cell=/.test(await bad.evaluate(() => location.search)), 'the refused cell leaves the link');
    await bad.close();
  });

  test('classroom: the link carries the panels: the mistake shown and the printouts opened early', async () => {
    const forward = '?op=conv_forward&m=2&H=5&W=7&Cin=4&Cout=8&f=3&stride=2&pad=1&seed=1&step=5';
    const page = await openPage(api.ctx(), `${api.base()}${forward}`, { width: 1440, height: 900 });
    await page.locator('.learn-panel select').selectOption('bias_left_out');
    await page.getByText('The notebook’s printout').click();
    await page
      .waitForFunction(
        () =>
          /[?&]mistake=bias_left_out(&|$)/.test(location.search) &&
          /[?&]printouts=1(&|$)/.test(location.search),
        null,
        { timeout: 3000 },
      )
      .catch(async () => {
        throw new Error(
          `the link carries the mistake and the printouts: ${await page.evaluate(() => location.search)}`,
        );
      });
    const link = await page.evaluate(() => location.search);
    await page.close();

    // the link opens the same mistake and the printouts, at the same step
    const again = await openPage(api.ctx(), `${api.base()}${link}`, { width: 1440, height: 900 });
    await again.locator('details.printouts[open]').waitFor({ timeout: 3000 });
    assertEq(await again.locator('.learn-panel select').inputValue(), 'bias_left_out', 'the mistake chosen');
    await again.close();

    // a mistake the operation does not have gets a sentence, and none is shown
    const bad = await openPage(api.ctx(), `${api.base()}${forward}&mistake=no_such`);
    await bad.getByText(/mistake “no_such” is not one of/).waitFor({ timeout: 3000 });
    assertEq(await bad.locator('.learn-panel select').inputValue(), '', 'no mistake chosen');
    await bad.close();
  });

  test('classroom: no caption or choice on conv_backward’s stage is clipped (a 128×128 layer, the dZ choice)', async () => {
    for (const [query, size] of [
      [
        '?op=conv_backward&m=1&H=128&W=128&Cin=3&Cout=2&f=3&stride=1&pad=1&seed=1&data=gauss&dz=randn&step=40',
        { width: 1440, height: 900 },
      ],
      [`${NOTEBOOK_BACKWARD}&step=40`, { width: 1280, height: 720 }],
      ['?op=conv_backward&dz=randn&step=40', { width: 1280, height: 720 }],
    ]) {
      const page = await openPage(api.ctx(), `${api.base()}${query}`, size);
      const clipped = await page.evaluate(() => {
        const out = [];
        for (const c of document.querySelectorAll('#stage-area figcaption'))
          if (c.scrollWidth > c.clientWidth + 0.5)
            out.push(`caption “${c.textContent}” ${c.scrollWidth} > ${c.clientWidth} px`);
        // a select shows its chosen option's text: it must fit beside the arrow
        const ctx = document.createElement('canvas').getContext('2d');
        for (const s of document.querySelectorAll('#stage-area select')) {
          const st = getComputedStyle(s);
          ctx.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
          const text = s.options[s.selectedIndex]?.textContent ?? '';
          const room =
            s.clientWidth - Number.parseFloat(st.paddingLeft) - Number.parseFloat(st.paddingRight) - 20;
          const need = ctx.measureText(text).width;
          if (need > room) out.push(`select “${text}” needs ${need.toFixed(0)} px, has ${room.toFixed(0)}`);
        }
        return out;
      });
      assert(clipped.length === 0, `${size.width}×${size.height} ${query}: ${clipped.join('; ')}`);
      await page.close();
    }
  });
}
