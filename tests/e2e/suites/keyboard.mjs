// End-to-end tests of the grids from the keyboard in Chromium: Tab reaches a grid, which shows a
// focus ring; the arrow keys move its cursor (and leave the step alone), its tooltip follows and
// describes the grid for screen readers; Enter selects a conv_backward cell for the inspector.

export function register(api) {
  const { test, assert, assertEq, openPage, stepText } = api;
  const forward = '?op=conv_forward&m=2&H=5&W=7&Cin=4&Cout=8&f=3&stride=2&pad=1&dil=1&seed=1&data=gauss';
  const backward =
    '?op=conv_backward&m=10&H=4&W=4&Cin=3&Cout=8&f=2&stride=2&pad=2&dil=1&seed=1&data=gauss&dz=z';

  /** Press Tab until the grid called `name` has focus. */
  async function tabTo(page, name) {
    await page.getByRole('img', { name }).waitFor();
    for (let n = 0; n < 120; n++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      if (at === name) return;
    }
    throw new Error(`Tab never reached ${name}`);
  }

  /** The tooltip the focused grid points to with aria-describedby, once it holds `expect`. */
  async function described(page, expect) {
    const read = () =>
      page.evaluate(() => {
        const id = document.activeElement?.getAttribute('aria-describedby');
        const tip = id ? document.getElementById(id) : null;
        return tip && tip.getAttribute('role') === 'tooltip' ? tip.textContent : null;
      });
    let tip = await read();
    for (let n = 0; n < 50 && !tip?.includes(expect); n++) {
      await page.waitForTimeout(20);
      tip = await read();
    }
    return tip;
  }

  test('keyboard: Tab reaches a grid; the arrows move its cursor and tooltip, not the step', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${forward}&step=5`);
    assertEq(await stepText(page), 'step 5 of 192', 'step');
    await tabTo(page, 'Z[0,:,:,0]');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assertEq(ring, 'solid', 'focus ring');
    // step 5 writes Z[0, 1, 0, 0]: the cursor starts there
    let tip = await described(page, 'Z[0, 1, 0, 0] = ');
    assert(tip?.includes('Z[0, 1, 0, 0] = '), `tooltip: ${tip}`);
    assertEq(await page.getByRole('tooltip').count(), 1, 'tooltips shown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    tip = await described(page, 'Z[0, 0, 1, 0] = ');
    assert(tip?.includes('Z[0, 0, 1, 0] = ') && tip.includes('flat NHWC offset 8'), `tooltip: ${tip}`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    tip = await described(page, 'Z[0, 0, 0, 0] = ');
    assert(tip?.includes('Z[0, 0, 0, 0] = ') && tip.includes('flat NHWC offset 0'), `tooltip: ${tip}`);
    assertEq(await stepText(page), 'step 5 of 192', 'step after the arrows on a grid');
    // out of the grid, ← steps again
    await page.keyboard.press('Escape');
    await page.getByRole('tooltip').waitFor({ state: 'detached', timeout: 5000 });
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('ArrowLeft');
    assertEq(await stepText(page), 'step 4 of 192', 'step after ← outside the grids');
    await page.close();
  });

  test('keyboard: Enter on a conv_backward grid selects its cursor cell', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${backward}&step=38`);
    assertEq(await stepText(page), 'step 38 of 1280', 'step');
    await tabTo(page, 'dA_prev_pad[0,:,:,1]');
    // the cursor starts on step 38's window, padded (2, 2)
    let tip = await described(page, 'dA_prev_pad[0, 2, 2, 1]');
    assert(tip?.includes('dA_prev_pad[0, 2, 2, 1]'), `tooltip: ${tip}`);
    await page.keyboard.press('ArrowDown');
    tip = await described(page, 'dA_prev_pad[0, 3, 2, 1]');
    assert(tip?.includes('dA_prev_pad[0, 3, 2, 1]'), `tooltip: ${tip}`);
    assert(tip.includes('= dA_prev[0, 1, 0, 1] (flat NHWC offset 13)'), `tooltip: ${tip}`);
    assert(tip.includes('written by 8 steps: 6, 22, 38, 54, …'), `tooltip: ${tip}`);
    await page.keyboard.press('Enter');
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await inspector.getByRole('heading', { name: 'dA_prev_pad[0, 3, 2, 1]' }).waitFor({ timeout: 5000 });
    await inspector
      .getByRole('table', { name: 'Gradient check of dA_prev[0, 1, 0, 1]' })
      .waitFor({ timeout: 5000 });
    assertEq(await stepText(page), 'step 38 of 1280', 'step after the keys on a grid');
    await page.close();
  });
}
