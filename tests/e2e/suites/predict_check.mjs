// End-to-end tests of predict-then-reveal and "check my numbers", in Chromium, against
// tests/fixtures/check.txt (written by check.py from numpy): for each operation one right and one
// wrong prediction get their verdicts and the score counts both; typing in an answer field does
// not step the walk; the question is in the live region; pasting a classic mistake's output (as
// numpy prints it) moves the walk to the step numpy names. Screenshots: predict_conv_forward.png,
// predict_pool_forward_phone.png, predict_presenter.png, check_conv_forward.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The layers of check.txt: op, config, pastes by name (text, which, expect), predict answers. */
function readLayers(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = [];
  let cur = null;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (line.startsWith('#') || line.trim() === '') continue;
    const [key, ...rest] = line.split(' ');
    if (key === 'layer') cur = { op: rest[0], config: {}, pastes: new Map(), predicts: [] };
    else if (cur === null) continue;
    else if (key === 'config')
      for (const kv of rest) {
        const [a, b] = kv.split('=');
        cur.config[a] = b;
      }
    else if (key === 'code') k += Number(rest[0]);
    else if (key === 'paste') {
      const n = Number(rest[1]);
      cur.last = { text: lines.slice(k + 1, k + 1 + n).join('\n'), which: null, expect: [] };
      cur.pastes.set(rest[0], cur.last);
      k += n;
    } else if (key === 'which') cur.last.which = rest[0];
    else if (key === 'expect') cur.last.expect = rest;
    else if (key === 'predict') {
      const ci = rest.indexOf('cells');
      const ni = rest.indexOf('numbers');
      cur.predicts.push({
        step: Number(rest[0]),
        cells: ci < 0 ? null : rest.slice(ci + 1, ni < 0 ? undefined : ni).map(Number),
        numbers: ni < 0 ? [] : rest.slice(ni + 1).map(Number),
      });
    } else if (key === 'end') {
      out.push(cur);
      cur = null;
    }
  }
  return out;
}

export function register(api) {
  const { test, assert, assertEq, openPage, stepText, shot, root } = api;
  const layers = readLayers(join(root, 'tests/fixtures/check.txt'));
  const first = (op) => layers.find((l) => l.op === op && l.predicts.length > 0);

  function link(layer, extra = {}) {
    const q = new URLSearchParams({ op: layer.op, dil: '1', ...layer.config, step: '0', ...extra });
    return `${api.base()}?${q}`;
  }

  /** Answers the panel's question: the cells to click and the numbers to type. */
  async function answer(page, cells, numbers, useKeyboard) {
    const panel = page.locator('section.predict-panel');
    if (cells) {
      const buttons = panel.locator('.predict-cell');
      for (const j of cells) await buttons.nth(j).click();
    }
    const fields = panel.getByRole('textbox');
    for (let k = 0; k < numbers.length; k++) {
      if (useKeyboard) {
        await fields.nth(k).focus();
        await page.keyboard.type(numbers[k]);
      } else await fields.nth(k).fill(numbers[k]);
    }
    if (useKeyboard) await page.keyboard.press('Enter');
    else await panel.getByRole('button', { name: 'Check my answer' }).click();
  }

  async function verdict(page) {
    return page.getByRole('group', { name: 'Your last answer' }).textContent();
  }
  async function score(page) {
    return (await page.getByRole('status', { name: 'Score' }).textContent()).trim();
  }

  for (const op of ['conv_forward', 'pool_forward', 'conv_backward', 'pool_backward']) {
    test(`predict: ${op}, a right and a wrong prediction get their verdicts and the score counts both`, async () => {
      const layer = first(op);
      const page = await openPage(api.ctx(), link(layer, { predict: '1' }), { width: 1440, height: 900 });
      const total = Number((await stepText(page)).split(' of ')[1]);
      assertEq(await stepText(page), `step 0 of ${total}`, `${op}: starts at step 0`);
      const live = await page.locator('.sr-only[role=status]').textContent();
      assert(live.includes('Step 1:'), `${op}: the live region asks step 1's question: “${live}”`);

      // step 1, right: numpy's numbers to 2 decimals, numpy's cells (with the keyboard for conv_forward)
      const p1 = layer.predicts[0];
      await answer(
        page,
        p1.cells,
        p1.numbers.map((v) => v.toFixed(2)),
        op === 'conv_forward',
      );
      assertEq(await stepText(page), `step 1 of ${total}`, `${op}: the answer runs step 1`);
      const v1 = await verdict(page);
      assert(v1.startsWith('Step 1: right.'), `${op}: step 1 verdict “${v1}”`);
      assertEq(await score(page), 'Score: 1 of 1 right.', `${op}: score after a right answer`);

      // step 2, wrong: other cells, or every number 1 off
      const p2 = layer.predicts[1];
      const f = Math.round(Math.sqrt(await page.locator('.predict-cell').count()));
      const otherCells = p2.cells ? [p2.cells[0] === 0 ? f * f - 1 : 0] : null;
      const wrongNumbers = p2.numbers.map((v) => (p2.cells ? v.toFixed(2) : (v + 1).toFixed(2)));
      await answer(page, otherCells, wrongNumbers, false);
      assertEq(await stepText(page), `step 2 of ${total}`, `${op}: a wrong answer runs step 2 too`);
      const v2 = await verdict(page);
      assert(v2.startsWith('Step 2: wrong'), `${op}: step 2 verdict “${v2}”`);
      assert(v2.includes('The answer:'), `${op}: the answer is shown: “${v2}”`);
      assertEq(await score(page), 'Score: 1 of 2 right.', `${op}: score after a wrong answer`);
      if (op === 'conv_forward') await shot(page, 'predict_conv_forward.png');

      // skip and show me never block; neither counts as answered
      await page.getByRole('button', { name: 'Skip' }).click();
      await page.getByRole('button', { name: 'Show me' }).click();
      assertEq(await stepText(page), `step 4 of ${total}`, `${op}: skip and show me step on`);
      assertEq(await score(page), 'Score: 1 of 2 right, 2 skipped or shown.', `${op}: passed ones apart`);
      await page.close();
    });
  }

  test('predict: typing in an answer field does not step the walk; the transport keys still do', async () => {
    const layer = first('conv_forward');
    const page = await openPage(api.ctx(), link(layer, { predict: '1' }));
    const field = page.locator('section.predict-panel').getByRole('textbox');
    await field.focus();
    await page.keyboard.type('1.5');
    for (const key of ['ArrowLeft', 'ArrowRight', 'Home', 'End', ' ']) await page.keyboard.press(key);
    assertEq(await stepText(page), 'step 0 of 192', 'keys typed in the field leave the walk');
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('ArrowRight');
    assertEq(await stepText(page), 'step 1 of 192', 'the arrow steps once the field has no focus');
    const live = await page.locator('.sr-only[role=status]').textContent();
    assert(live.includes('Step 2:'), `the next question follows the step: “${live}”`);
    await page.close();
  });

  test('predict: a bad answer gets a sentence and the walk waits', async () => {
    const page = await openPage(api.ctx(), link(first('conv_forward'), { predict: '1' }));
    const panel = page.locator('section.predict-panel');
    await panel.getByRole('textbox').fill('twelve');
    await panel.getByRole('button', { name: 'Check my answer' }).click();
    const alert = await panel.getByRole('alert').textContent();
    assert(/is not a number/.test(alert), `sentence: “${alert}”`);
    assertEq(await stepText(page), 'step 0 of 192', 'the walk waits');
    await page.close();
  });

  test('predict: on a phone and in presenter mode the question and its cells are there', async () => {
    const layer = first('pool_forward');
    const phone = await openPage(api.ctx(), link(layer, { predict: '1' }), { width: 390, height: 844 });
    const panel = phone.locator('section.predict-panel');
    await panel.scrollIntoViewIfNeeded();
    assert(await panel.locator('.predict-cell').first().isVisible(), 'phone: cells visible');
    const box = await panel.boundingBox();
    assert(box.width <= 390, `phone: the panel fits the width (${box.width})`);
    await shot(phone, 'predict_pool_forward_phone.png');
    await phone.close();
    const present = await openPage(api.ctx(), link(first('conv_forward'), { predict: '1', present: '1' }), {
      width: 1440,
      height: 900,
    });
    assert(await present.locator('section.predict-panel').isVisible(), 'presenter: the panel is shown');
    await answer(present, null, [first('conv_forward').predicts[0].numbers[0].toFixed(2)], false);
    assertEq(await score(present), 'Score: 1 of 1 right.', 'presenter: the score counts');
    await shot(present, 'predict_presenter.png');
    await present.close();
  });

  const mistakes = [
    ['conv_forward', 'stride_forgotten', 'stride forgotten'],
    ['conv_backward', 'db_assigned', 'db not accumulated'],
    ['pool_forward', 'stride_forgotten', 'stride forgotten'],
    ['pool_backward', 'assign', '= instead of += into dA_prev'],
  ];
  for (const [op, id, name] of mistakes) {
    test(`check: ${op}, pasting the output of “${name}” names it and moves the walk to numpy's step`, async () => {
      const layer = layers.find((l) => l.op === op && l.pastes.has(id));
      const paste = layer.pastes.get(id);
      const [, step] = paste.expect;
      const page = await openPage(api.ctx(), link(layer), { width: 1440, height: 900 });
      const total = Number((await stepText(page)).split(' of ')[1]);
      const panel = page.locator('section.check-panel');
      await panel.getByRole('textbox', { name: 'What your notebook printed' }).fill(paste.text);
      await panel.getByRole('button', { name: 'Check', exact: true }).click();
      const said = await panel.getByRole('status', { name: 'Check result' }).textContent();
      assert(said.includes(`classic mistake: ${name}`), `${op}: “${said}”`);
      assertEq(await stepText(page), `step ${step} of ${total}`, `${op}: the walk goes to numpy's step`);
      if (op === 'conv_forward') {
        await panel.scrollIntoViewIfNeeded();
        await shot(page, 'check_conv_forward.png');
      }
      // the right output is right, and garbage gets a sentence
      const right = [...layer.pastes.entries()].find(([k]) => k.startsWith('print_'))?.[1];
      if (right) {
        await panel.getByRole('textbox', { name: 'What your notebook printed' }).fill(right.text);
        await panel.getByRole('button', { name: 'Check', exact: true }).click();
        const ok = await panel.getByRole('status', { name: 'Check result' }).textContent();
        assert(ok.startsWith('Right:'), `${op}: right output: “${ok}”`);
      }
      await panel.getByRole('textbox', { name: 'What your notebook printed' }).fill('[[1. 2.]\n [3.');
      await panel.getByRole('button', { name: 'Check', exact: true }).click();
      const bad = await panel.getByRole('status', { name: 'Check result' }).textContent();
      assert(/too early/.test(bad), `${op}: garbage: “${bad}”`);
      await page.close();
    });
  }

  test('check: a summarised print is refused with the numpy option that prints everything', async () => {
    const layer = first('conv_forward');
    const page = await openPage(api.ctx(), link(layer));
    const panel = page.locator('section.check-panel');
    await panel
      .getByRole('textbox', { name: 'What your notebook printed' })
      .fill(layer.pastes.get('summarised').text);
    await panel.getByRole('button', { name: 'Check', exact: true }).click();
    const said = await panel.getByRole('status', { name: 'Check result' }).textContent();
    assert(said.includes('np.set_printoptions(threshold=sys.maxsize)'), `“${said}”`);
    assertEq(await stepText(page), 'step 0 of 192', 'the walk stays');
    await page.close();
  });
}
