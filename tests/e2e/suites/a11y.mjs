// Accessibility in Chromium with axe-core: every operation the switcher lists, at its first step
// and a few steps on, has no serious or critical violation of WCAG 2 A/AA rules. axe is loaded
// into the page through the test driver (not a <script>), so the page's strict
// Content-Security-Policy stays as it is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function register(api) {
  const { test, assert, openPage } = api;
  const axeSource = readFileSync(join(api.root, 'node_modules/axe-core/axe.min.js'), 'utf8');

  /** Serious and critical violations on the page as it is now, one line each. */
  async function violations(page) {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const axe = /** @type {any} */ (window).axe;
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }));
    });
    return result
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.join('; ')})`);
  }

  test('accessibility: no serious or critical axe violation in any operation, in presenter, embed and predict modes too', async () => {
    const page = await openPage(api.ctx(), `${api.base()}?step=1`);
    const nav = page.getByRole('navigation', { name: 'Operation' });
    const ops = await nav.getByRole('button').allTextContents();
    assert(ops.length >= 4, `the switcher lists ${ops.length} operations`);
    const found = [];
    for (const op of ops.map((o) => o.trim())) {
      await page.goto(`${api.base()}?op=${op}&step=3`);
      await page.locator('.stage canvas').first().waitFor();
      for (const v of await violations(page)) found.push(`${op}: ${v}`);
      await page.keyboard.press('ArrowRight');
      for (const v of await violations(page)) found.push(`${op}, a step on: ${v}`);
      // the modes a lecture hall and a course page see
      for (const mode of ['present=1', 'embed=1', 'predict=1', 'predict=1&present=1']) {
        await page.goto(`${api.base()}?op=${op}&step=3&${mode}`);
        await page.locator('.stage canvas').first().waitFor();
        for (const v of await violations(page)) found.push(`${op}, ${mode}: ${v}`);
      }
    }
    await page.close();
    assert(found.length === 0, `axe found:\n${[...new Set(found)].join('\n')}`);
  });
}
