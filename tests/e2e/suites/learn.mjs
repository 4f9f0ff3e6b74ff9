// End-to-end tests of learning by doing, in Chromium: a classic mistake, chosen in its panel,
// runs beside the right code and the walk stops at the first step where the two part, the step
// numpy finds (tests/fixtures/mistakes.txt, written by mistakes.py). Screenshot:
// docs/screenshots/mistake_conv_forward.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The cases of mistakes.txt: op, mistake, config and where numpy says the two part. */
function readMistakes(file) {
  const out = [];
  let cur = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [key, ...rest] = line.split(' ');
    if (key === 'case') cur = { op: rest[0], mistake: rest[1], config: {}, parts: [] };
    else if (key === 'config')
      for (const kv of rest) {
        const [k, v] = kv.split('=');
        cur.config[k] = v;
      }
    else if (key === 'parts') cur.parts = rest;
    else if (key === 'end') out.push(cur);
  }
  return out;
}

export function register(api) {
  const { test, assert, assertEq, openPage, stepText, shot, root } = api;
  const cases = readMistakes(join(root, 'tests/fixtures/mistakes.txt'));

  function find(op, mistake, pred = () => true) {
    const c = cases.find((x) => x.op === op && x.mistake === mistake && pred(x));
    if (!c) throw new Error(`mistakes.txt has no ${op} ${mistake} case`);
    return c;
  }

  function link(c) {
    const q = new URLSearchParams({ op: c.op, dil: '1', ...c.config, step: '1' });
    return `${api.base()}?${q}`;
  }

  async function choose(page, name) {
    await page.getByRole('combobox', { name: 'Mistake' }).selectOption({ label: name });
    return page.getByRole('status', { name: 'Where they part' }).textContent();
  }

  const runs = [
    ['conv_forward', 'stride_forgotten', 'stride forgotten', (c) => c.config.stride === '2'],
    [
      'conv_forward',
      'end_stride',
      'vert_end = vert_start + stride',
      (c) => c.config.f === '3' && c.config.stride === '2',
    ],
    ['conv_backward', 'db_assigned', 'db not accumulated', (c) => c.config.dz === 'randn'],
    ['conv_backward', 'crop_pad_zero', '[pad:-pad] with pad 0', (c) => c.config.pad === '0'],
    ['pool_forward', 'stride_forgotten', 'stride forgotten', () => true],
    ['pool_backward', 'assign', '= instead of += into dA_prev', (c) => c.config.mode === 'max'],
  ];
  for (const [op, id, label, pred] of runs) {
    test(`learn: ${op}, mistake “${label}” stops where numpy says the two part`, async () => {
      const c = find(op, id, pred);
      const [kind, step, ...rest] = c.parts;
      const page = await openPage(api.ctx(), link(c));
      const total = Number((await stepText(page)).split(' of ')[1]);
      const verdict = await choose(page, label);
      assertEq(
        await stepText(page),
        `step ${step} of ${total}`,
        `${op} ${id}: the walk stops where they part`,
      );
      if (kind === 'value') {
        const cell = rest.slice(0, -2).join(' ');
        assert(
          verdict.includes(`at step ${step} `) && verdict.includes(cell),
          `${op} ${id}: verdict “${verdict}”`,
        );
      } else if (kind === 'error') {
        assert(verdict.includes(`numpy raises ${rest[0]}`), `${op} ${id}: verdict “${verdict}”`);
      } else if (kind === 'shape') {
        assert(
          verdict.includes(`has shape (${rest.slice(1).join(', ')})`),
          `${op} ${id}: verdict “${verdict}”`,
        );
      }
      // the changed line is in the code panel, marked, under the right one struck through
      const wrongRows = await page.locator('.code-line.wrong-line').count();
      const rightRows = await page.locator('.code-line.right-line').count();
      assert(
        wrongRows > 0 && rightRows > 0,
        `${op} ${id}: ${wrongRows} wrong and ${rightRows} right rows shown`,
      );
      if (op === 'conv_forward' && id === 'stride_forgotten') await shot(page, 'mistake_conv_forward.png');
      if (op === 'conv_backward' && id === 'crop_pad_zero') await shot(page, 'mistake_conv_backward.png');
      // back to the right code: no wrong rows
      await page.getByRole('combobox', { name: 'Mistake' }).selectOption({ label: 'none: the right code' });
      assertEq(await page.locator('.code-line.wrong-line').count(), 0, `${op}: the right code again`);
      await page.close();
    });
  }

  test('learn: a mistake the layer cannot show says so and leaves the walk where it was', async () => {
    const c = find('conv_forward', 'stride_forgotten', (x) => x.config.stride === '1');
    assertEq(c.parts[0], 'none', 'numpy: with stride 1 the two never part');
    const page = await openPage(api.ctx(), link(c).replace('step=1', 'step=5'));
    const before = await stepText(page);
    const verdict = await choose(page, 'stride forgotten');
    assert(/never part/.test(verdict) && /Choose stride 2/.test(verdict), `verdict “${verdict}”`);
    assertEq(await stepText(page), before, 'the walk stays');
    await page.close();
  });
}
