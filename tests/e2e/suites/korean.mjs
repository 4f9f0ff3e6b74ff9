// End-to-end tests of the page in Korean (?lang=ko): every operation the switcher lists (the
// registry), at its first and last step, with its classic mistakes, printout and stage views, in
// presenter and embed modes, with bad input in every field, a layer that does not fit and a link
// with bad parameters. The page's text and its labels (aria-label, title, placeholder) must hold
// no English word outside code (code, pre, the code panel), code names (A_prev, vert_start, dW:
// any name the page's code shows, or with _ or a digit), numbers and units, and a few proper
// names (Python, numpy, PNG, ...). No console error. Screenshots of each view in Korean go to
// docs/screenshots/ko_*.png.

export function register(api) {
  const { test, assert, shot } = api;

  /** Words that are names, not English: programs, formats, keys, the page's own name. */
  const NAMES = new Set(
    [
      'convstep',
      'Python',
      'numpy',
      'NumPy',
      'np',
      'C',
      'PNG',
      'SVG',
      'GIF',
      'WebM',
      'MP4',
      'WebCodecs',
      'HTML',
      'iframe',
      'NHWC',
      'RGB',
      'Ctrl',
      'Home',
      'End',
      'PyTorch',
      'ValueError',
      'IndexError',
      // the link's parameter names and values, quoted as they are written in the address
      'op',
      'data',
      'gauss',
      'ints',
      'code',
      'python',
      'lang',
      'en',
      'ko',
      'from',
      'to',
      // the seed's hyper-parameter names, shown as the form's labels
      'stride',
      'pad',
      'dilation',
      'dil',
      'seed',
      'mode',
      'max',
      'average',
      'ties',
      'step',
      // numpy's and the seed's names in sentences about code
      'db',
      'mask',
      'da',
      'randn',
      'round',
      'ones',
      'sum',
      'argmax',
      'nan',
      'inf',
      'torch',
    ].map((w) => w.toLowerCase()),
  );

  /** Everything a reader (or a screen reader) meets on the page that is not code, and the names
   * the page's code uses. */
  async function pageWords(page) {
    return page.evaluate(() => {
      const SKIP = new Set(['SCRIPT', 'STYLE', 'CODE', 'PRE', 'TEXTAREA', 'NOSCRIPT']);
      const texts = [];
      const code = [];
      const skipped = (el) =>
        SKIP.has(el.tagName) ||
        el.classList.contains('code') ||
        el.closest('[lang]')?.getAttribute('lang')?.startsWith('en') === true;
      for (const el of document.querySelectorAll('code, pre, .code, textarea'))
        code.push(el.textContent ?? '');
      const walk = (node) => {
        if (node.nodeType === Node.TEXT_NODE) {
          texts.push(node.textContent ?? '');
          return;
        }
        if (node.nodeType !== Node.ELEMENT_NODE) return;
        const el = node;
        if (skipped(el)) return;
        for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext']) {
          const v = el.getAttribute(a);
          if (v) texts.push(v);
        }
        for (const child of el.childNodes) walk(child);
      };
      walk(document.body);
      return { text: texts.join('\n'), code: code.join('\n') };
    });
  }

  /** The English words in `text`: what is left once code names, numbers and names are removed. */
  function englishWords({ text: shown, code }) {
    let text = shown;
    const codeNames = new Set(code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
    const found = new Set();
    // what the person typed is quoted back as it was: “abc”
    text = text.replace(/“[^”]*”/g, ' ');
    // a token of letters, digits, _ and the characters of an index or call: A_prev[0,:,:,1], np.sum(...)
    for (const token of text.match(/[A-Za-z_][A-Za-z0-9_.]*/g) ?? []) {
      // a dotted name is code: np.random.randn, arr.tolist
      if (token.replace(/\.+$/, '').includes('.')) continue;
      for (const word of token.split('.')) {
        // code names: with _ or a digit, one letter, or a capital after the first letter (dW, dZ)
        if (word === '' || /[_0-9]/.test(word) || word.length === 1 || /.[A-Z]/.test(word)) continue;
        if (codeNames.has(word) || NAMES.has(word.toLowerCase())) continue;
        found.add(word);
      }
    }
    return [...found];
  }

  function openKo(url, size = { width: 1440, height: 900 }) {
    return (async () => {
      const page = await api.ctx().newPage();
      await page.setViewportSize(size);
      const problems = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.problems = problems;
      await page.goto(url);
      await page.locator('.transport').waitFor({ timeout: 15000 });
      await page.waitForTimeout(200);
      return page;
    })();
  }

  /** Fails with the English words found and where the page was. */
  async function noEnglish(page, where) {
    await page.waitForTimeout(150);
    const words = englishWords(await pageWords(page));
    assert(words.length === 0, `${where}: English on the Korean page: ${words.join(', ')}`);
    assert(page.problems.length === 0, `${where}: ${page.problems.join('; ')}`);
  }

  async function registryOps() {
    const page = await openKo(`${api.base()}?lang=ko`);
    const ops = (await page.locator('.op-switcher button').allTextContents()).map((t) => t.trim());
    await page.close();
    assert(ops.length >= 4, `the switcher lists ${ops.length} operations`);
    return ops;
  }

  test('Korean: the page speaks Korean, <html lang="ko">, and the switch keeps the step', async () => {
    const page = await openKo(`${api.base()}?op=conv_forward&step=7&lang=ko`);
    assert((await page.getAttribute('html', 'lang')) === 'ko', 'html lang is not ko');
    assert((await page.locator('.step-count').textContent()).includes('7단계'), 'step 7 in Korean');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang is not en after the switch');
    assert((await page.locator('.step-count').textContent()).trim().startsWith('step 7 of'), 'step kept');
    await page.waitForFunction(
      () => location.search.includes('lang=en') && location.search.includes('step=7'),
    );
    await page.getByRole('button', { name: '한국어', exact: true }).click();
    await noEnglish(page, 'after switching back');
    await page.close();
  });

  test('Korean: every operation, first and last step, mistakes, printout and views: no English', async () => {
    for (const op of await registryOps()) {
      const page = await openKo(`${api.base()}?op=${op}&lang=ko&step=1`);
      await noEnglish(page, `${op} step 1`);
      await shot(page, `ko_${op}.png`);
      // every view the stage offers (conv_backward's gather and overlap views)
      const views = page.locator('.stage [role="group"] button[aria-pressed]');
      for (let k = 0; k < (await views.count()); k++) {
        await views.nth(k).click();
        await noEnglish(page, `${op} view ${k}`);
        if (k > 0) await shot(page, `ko_${op}_view${k}.png`);
      }
      // the classic mistakes, each
      const mistake = page.locator('.learn-panel select');
      if ((await mistake.count()) > 0) {
        const values = await mistake.locator('option').evaluateAll((os) => os.map((o) => o.value));
        for (const v of values.filter((x) => x !== '')) {
          await mistake.selectOption(v);
          await noEnglish(page, `${op} mistake ${v}`);
        }
        await mistake.selectOption('');
      }
      // the last step, with the printout open
      await page.keyboard.press('End');
      const printout = page.locator('details.printouts');
      if ((await printout.count()) > 0) await printout.evaluate((d) => (d.open = true));
      await noEnglish(page, `${op} last step`);
      await page.close();
    }
  });

  test('Korean: presenter and embed modes of every operation, phone: no English', async () => {
    for (const op of await registryOps()) {
      const present = await openKo(`${api.base()}?op=${op}&lang=ko&step=3&present=1`, {
        width: 1280,
        height: 720,
      });
      await noEnglish(present, `${op} presenter mode`);
      await shot(present, `ko_${op}_present.png`);
      await present.close();
      const embed = await openKo(`${api.base()}?op=${op}&lang=ko&step=3&embed=1`, {
        width: 800,
        height: 500,
      });
      await noEnglish(embed, `${op} embed mode`);
      await embed.close();
    }
    const phone = await openKo(`${api.base()}?op=conv_forward&lang=ko&step=3`, { width: 390, height: 844 });
    await noEnglish(phone, 'phone');
    await shot(phone, 'ko_phone.png');
    await phone.close();
  });

  test('Korean: bad input in every field and a layer that does not fit are said in Korean', async () => {
    for (const op of await registryOps()) {
      const page = await openKo(`${api.base()}?op=${op}&lang=ko&step=2`);
      const fields = page.locator('form.params input[type="text"]');
      const n = await fields.count();
      assert(n >= 5, `${op}: ${n} fields`);
      for (let k = 0; k < n; k++) {
        const field = fields.nth(k);
        const was = await field.inputValue();
        for (const bad of ['abc', '-1', '2.5', '', '100000', '0']) {
          await field.fill(bad);
          await noEnglish(page, `${op} field ${k} = "${bad}"`);
        }
        await field.fill(was);
      }
      // a layer that does not fit: a one-row input and the largest filter or window; a
      // transposed convolution fits those, but not a padding that crops its whole output
      await page.locator('#field-H').fill('1');
      await page.locator('#field-f').fill('9');
      const refusal = page.locator('.combo-error');
      await page.waitForTimeout(300);
      if ((await refusal.count()) === 0) {
        await page.locator('#field-f').fill('1');
        await page.locator('#field-pad').fill('8');
      }
      await refusal.first().waitFor({ timeout: 3000 });
      const said = await refusal.first().textContent();
      assert(/[가-힣]/.test(said), `${op}: the refusal is not Korean: ${said}`);
      await noEnglish(page, `${op} layer that does not fit`);
      if (op === 'conv_forward') await shot(page, 'ko_bad_input.png');
      await page.close();
    }
  });

  test('Korean: a link with bad parameters, the export dialog and the embed code: no English', async () => {
    const page = await openKo(`${api.base()}?lang=ko&op=nonsense&stride=0&data=fancy&code=rust&step=x`);
    const notes = page.locator('.url-notes li');
    assert((await notes.count()) >= 4, `${await notes.count()} notes`);
    await noEnglish(page, 'link notes');
    await page.locator('.export-open').click();
    await noEnglish(page, 'export dialog');
    await page.keyboard.press('Escape');
    await page.locator('.embed-code button').first().click();
    await noEnglish(page, 'embed code');
    const snippet = await page.locator('.embed-pop textarea').inputValue();
    assert(snippet.includes('lang=ko'), `the embed code does not carry lang=ko: ${snippet}`);
    await page.close();
  });
  test('Korean: a grid cell’s hover tip speaks Korean, on every operation', async () => {
    for (const op of await registryOps()) {
      const page = await openKo(`${api.base()}?op=${op}&lang=ko&step=3`);
      const grid = page.locator('.stage canvas[role="img"]').first();
      const box = await grid.boundingBox();
      assert(box !== null, `${op}: no grid on the stage`);
      await page.mouse.move(box.x + 8, box.y + 8);
      const tip = page.getByRole('tooltip');
      await tip.waitFor({ timeout: 3000 });
      const text = await tip.textContent();
      assert(/[가-힣]/.test(text), `${op}: the hover tip is not Korean: ${text}`);
      const words = englishWords({ text, code: (await pageWords(page)).code });
      assert(words.length === 0, `${op}: English in the hover tip: ${words.join(', ')} (${text})`);
      await page.close();
    }
  });

  /** The sentences the page keeps until the next action, each made in the current language: an
   * own-data refusal (a paste numpy cannot read, a typed W cell that is no number, a file that is
   * no image), the link copied, a printout copied, the check panel's verdict and its code copied,
   * the embed code copied. Returns the elements that hold them. */
  async function keptSentences(page) {
    const origin = new URL(page.url()).origin;
    await api.ctx().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const own = page.locator('section.own-data');
    await own.locator('.own-paste textarea').fill('[[1. 2.]\n [3.');
    await own.locator('.own-paste button').first().click();
    await own.locator('.own-wgrid input').first().fill('abc');
    await own.locator('.own-wgrid input').first().press('Tab');
    await own
      .locator('.own-file')
      .setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
    await own.locator(':scope > .own-row button').click();
    const printout = page.locator('details.printouts');
    await printout.evaluate((d) => (d.open = true));
    await printout.locator('.printout-head button').first().click();
    const check = page.locator('section.check-panel');
    await check.locator('textarea').fill('[[1. 2.]\n [3.');
    await check.locator('form button[type="submit"]').click();
    await check.locator('p > button').first().click();
    await page.locator('.embed-code button').first().click();
    const held = {
      'pasted array': own.locator('.own-paste .own-error'),
      'typed W cell': own.locator('.own-wcells .own-error'),
      'image file': own.locator('.own-image .own-error'),
      'link copied': own.locator(':scope > .own-status'),
      'printout copied': page.locator('.printouts-said'),
      'check verdict': check.locator('.learn-verdict'),
      'check code copied': check.locator('p > span[role="status"]'),
      'embed code copied': page.locator('.embed-pop [role="status"]'),
    };
    for (const [what, el] of Object.entries(held)) {
      await el.first().waitFor({ timeout: 3000 });
      await page.waitForFunction(
        (e) => (e.textContent ?? '').trim() !== '',
        await el.first().elementHandle(),
      );
      assert((await el.count()) === 1, `${what}: ${await el.count()} elements`);
    }
    return held;
  }

  test('Korean: the sentences kept until the next action are said anew when the header switches to Korean', async () => {
    const page = await openKo(`${api.base()}?op=conv_forward&lang=en&step=192`, { width: 1440, height: 900 });
    const held = await keptSentences(page);
    for (const [what, el] of Object.entries(held)) {
      const text = await el.textContent();
      assert(!/[가-힣]/.test(text) && /[a-z]{3}/.test(text), `${what}: not said in English first: ${text}`);
    }
    await page.getByRole('button', { name: '한국어', exact: true }).click();
    const stale = [];
    for (const [what, el] of Object.entries(held)) {
      const text = await el.textContent();
      if (!/[가-힣]/.test(text)) stale.push(`${what}: ${text}`);
    }
    assert(stale.length === 0, `still English after the switch: ${stale.join(' | ')}`);
    await noEnglish(page, 'kept sentences after the switch to Korean');
    await page.close();
  });

  test('Korean: the sentences kept until the next action are said anew when the header switches to English', async () => {
    const page = await openKo(`${api.base()}?op=conv_forward&lang=ko&step=192`, { width: 1440, height: 900 });
    const held = await keptSentences(page);
    for (const [what, el] of Object.entries(held)) {
      const text = await el.textContent();
      assert(/[가-힣]/.test(text), `${what}: not said in Korean first: ${text}`);
    }
    await page.getByRole('button', { name: 'English', exact: true }).click();
    const stale = [];
    for (const [what, el] of Object.entries(held)) {
      const text = await el.textContent();
      if (/[가-힣]/.test(text)) stale.push(`${what}: ${text}`);
    }
    assert(stale.length === 0, `still Korean after the switch: ${stale.join(' | ')}`);
    assert(page.problems.length === 0, page.problems.join('; '));
    await page.close();
  });
  test('Korean: predict, then reveal: the last answer and a refused number are said anew after the switch', async () => {
    const page = await openKo(`${api.base()}?op=conv_forward&lang=en&step=1&predict=1`, {
      width: 1440,
      height: 900,
    });
    const panel = page.locator('section.predict-panel');
    await panel.locator('.predict-actions button').nth(1).click();
    const last = panel.locator('.learn-verdict');
    await last.waitFor({ timeout: 3000 });
    await panel.locator('.predict-number input').first().fill('1..2');
    await panel.locator('.predict-actions button[type="submit"]').click();
    const problem = panel.locator('.field-error');
    await problem.waitFor({ timeout: 3000 });
    for (const [what, el] of [
      ['last answer', last],
      ['refused number', problem],
    ]) {
      const text = await el.textContent();
      assert(!/[가-힣]/.test(text) && /[a-z]{3}/.test(text), `${what}: not said in English first: ${text}`);
    }
    await page.getByRole('button', { name: '한국어', exact: true }).click();
    for (const [what, el] of [
      ['last answer', last],
      ['refused number', problem],
    ]) {
      const text = await el.textContent();
      assert(/[가-힣]/.test(text), `${what}: still English after the switch: ${text}`);
    }
    await noEnglish(page, 'predict panel after the switch to Korean');
    await page.close();
  });
}
