// Hostile input in every view: each layer field gets empty, non-numeric, negative, zero,
// fractional, huge and HTML-looking text, typed and pasted, and arrow keys past its range.
// Each is refused with a sentence beside the field (or, for arrows, clamped to the range the
// field shows); the stage keeps the last valid layer at the same step; no user text becomes
// HTML. The runner fails any test that logs a console error or throws on the page.

const OPS = ['conv_forward', 'pool_forward', 'conv_backward', 'pool_backward'];

// What a student types, and the words the sentence beside the field must contain.
const BAD = [
  ['', /is empty: enter a whole number from/],
  ['abc', /is not a number:/],
  ['-3', /cannot be negative/],
  ['0', /cannot be 0|is too small/],
  ['2.5', /must be a whole number/],
  ['1e9', /is too large: at most/],
  ['<img src=x onerror="window.__injected=1">', /is not a number:/],
];

export function register({ test, assert, assertEq, openPage, stepText, ctx, base }) {
  for (const op of OPS) {
    test(`${op}: bad values in every field get a sentence and leave the stage at its step`, async () => {
      const page = await openPage(ctx(), `${base()}?op=${op}&step=3`);
      const before = await stepText(page);
      const fields = page.locator('.field input');
      const n = await fields.count();
      assert(n >= 4, `${op}: expected the layer's fields, found ${n}`);
      for (let k = 0; k < n; k++) {
        const input = fields.nth(k);
        const label = (
          await page.locator(`label[for="${await input.getAttribute('id')}"] .field-name`).textContent()
        ).trim();
        const original = await input.inputValue();
        // The range the field shows ("samples · 1–10"); values inside it are not bad here
        // (0 and 1e9 are fine seeds).
        const hint = await page.locator(`#${await input.getAttribute('id')}-hint`).textContent();
        const [, lo, hi] = hint.match(/(\d+)–(\d+)/).map(Number);
        for (const [text, sentence] of BAD) {
          const v = Number(text);
          if (text !== '' && Number.isInteger(v) && v >= lo && v <= hi) continue;
          // typed, then pasted (insertText is what a paste or an input method delivers)
          await input.fill(text);
          const alert = page.locator('.field.invalid .field-error');
          await alert
            .first()
            .waitFor({ timeout: 3000 })
            .catch(() => {
              throw new Error(`${op}, ${label} = ${JSON.stringify(text)}: no sentence appeared`);
            });
          const said = await alert.first().textContent();
          assert(sentence.test(said), `${op}, ${label} = ${JSON.stringify(text)}: sentence "${said}"`);
          assertEq(await stepText(page), before, `${op}, ${label} = ${JSON.stringify(text)}: the step shown`);
          await input.fill('');
          await input.focus();
          await page.keyboard.insertText(text === '' ? ' ' : text);
          await alert.first().waitFor({ timeout: 3000 });
          assertEq(
            await stepText(page),
            before,
            `${op}, ${label} pasted ${JSON.stringify(text)}: the step shown`,
          );
        }
        await input.fill(original);
        await page.locator('.field.invalid').first().waitFor({ state: 'detached', timeout: 3000 });
      }
      const injected = await page.evaluate(() => ({
        flag: window.__injected ?? null,
        imgs: document.querySelectorAll('img[src="x"]').length,
      }));
      assertEq(injected.flag, null, `${op}: text typed into a field ran as script`);
      assertEq(injected.imgs, 0, `${op}: text typed into a field became an element`);
      const canvases = await page.locator('.stage canvas').count();
      assert(canvases > 0, `${op}: the stage is empty after bad input`);
      assertEq(await stepText(page), before, `${op}: the step after restoring every field`);
      await page.close();
    });
  }

  test('arrow keys stop at the ends of a field’s range, which the field shows', async () => {
    const page = await openPage(ctx(), `${base()}?op=conv_forward&f=1&step=1`);
    const f = page.getByRole('textbox', { name: /^f\b/ });
    await f.focus();
    await page.keyboard.press('ArrowDown');
    assertEq(await f.inputValue(), '1', 'f after ArrowDown at its minimum');
    const hint = await page.locator(`#${await f.getAttribute('id')}-hint`).textContent();
    assert(/1–9/.test(hint), `f's range shown beside it: ${hint}`);
    const stride = page.getByRole('textbox', { name: /^stride\b/ });
    await stride.fill('8');
    await stride.focus();
    await page.keyboard.press('ArrowUp');
    assertEq(await stride.inputValue(), '8', 'stride after ArrowUp at its maximum');
    assertEq(await page.locator('.field.invalid').count(), 0, 'no field refused after clamping');
    await page.close();
  });

  test('a hostile link gets sentences, not HTML, and the default layer', async () => {
    const evil = encodeURIComponent('<script>window.__injected=1</script>');
    const page = await openPage(ctx(), `${base()}?op=${evil}&H=${evil}&f=-2&step=abc`);
    const text = await page.locator('body').textContent();
    assert(/is not one of/.test(text), 'a sentence about the unknown op');
    const injected = await page.evaluate(() => window.__injected ?? null);
    assertEq(injected, null, 'script from the link ran');
    assert((await page.locator('.stage canvas').count()) > 0, 'the stage is drawn with the defaults');
    await page.close();
  });
}
