// End-to-end tests of conv_backward's gather view and overlap map: a cell of dA_prev_pad picked,
// the products gathered into it and their sum against numpy's dA_prev in tests/fixtures/conv.txt
// (the notebook's conv_backward case); a step of the list sought; the overlap map of f 3,
// stride 2 against windows counted here.
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
const BIG = { width: 1440, height: 900 };

export function register(api) {
  const { test, assert, assertEq, openPage, stepText, parseShown, shot, root } = api;
  const nb = loadCase(root, 'notebook_conv_backward');
  const [M, H, W, CIN] = nb.shape;
  const { f: F, nC: COUT, stride: STRIDE, pad: PAD } = nb.conv;
  const dA = nb.tensors.get('dA_prev');
  const query = `?op=conv_backward&m=${M}&H=${H}&W=${W}&Cin=${CIN}&Cout=${COUT}&f=${F}&stride=${STRIDE}&pad=${PAD}&dil=1&seed=1&data=gauss&dz=z`;
  const Wp = W + 2 * PAD;

  async function clickCell(page, name, row, col, cols) {
    const box = await page.getByRole('img', { name }).boundingBox();
    const cell = (box.width - 8) / cols;
    await page.mouse.click(box.x + 4 + (col + 0.5) * cell, box.y + 4 + (row + 0.5) * cell);
  }

  /** The gathered sum shown for dA_prev[i, y, x, k] equals numpy's, and so does the textbook's. */
  async function checkSum(page, i, y, x, k) {
    const name = `dA_prev_pad[${i}, ${y + PAD}, ${x + PAD}, ${k}]`;
    await page.getByRole('heading', { name: new RegExp(`^${name.replace(/[[\]]/g, '\\$&')}`) }).waitFor();
    const want = dA.data[at(dA.shape, i, y, x, k)];
    const sum = page.locator('dd.bw-gather-sum');
    const value = Number(await sum.getAttribute('data-value'));
    const rel = Math.abs(value - want) / Math.abs(want);
    assert(rel < 1e-12, `${name}: gathered ${value}, numpy's dA_prev ${want}`);
    const shown = parseShown(await sum.textContent());
    assert(Math.abs(shown - want) <= 1e-8 * Math.abs(want), `${name}: shown ${shown}, numpy ${want}`);
    const book = Number(await page.locator('dd.bw-gather-book-sum').getAttribute('data-value'));
    assert(Math.abs(book - want) / Math.abs(want) < 1e-12, `${name}: textbook ${book}, numpy ${want}`);
  }

  test('conv_backward gather: a selected cell’s products sum to numpy’s dA_prev; a step in the list is sought', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${query}&step=87`, BIG);
    // dA_prev[0, 1, 2, 1] = padded (3, 4), picked in the walk
    await clickCell(page, 'dA_prev_pad[0,:,:,1]', 3, 4, Wp);
    await page
      .getByRole('group', { name: 'Stage view' })
      .getByRole('button', { name: 'Gather a cell' })
      .click();
    await checkSum(page, 0, 1, 2, 1);
    const table = page.getByRole('table', { name: 'Gathered products of dA_prev_pad[0, 3, 4, 1]' });
    const steps = await table.locator('tbody tr td:first-child').allTextContents();
    // windows h = 1, w = 2 of each of the 8 output channels (pad 2, stride 2, f 2)
    assertEq(steps.join(','), [7, 23, 39, 55, 71, 87, 103, 119].join(','), 'the steps gathered');
    await page.getByRole('button', { name: /Parameters/ }).click();
    await page.evaluate(() => document.activeElement?.blur());
    await shot(page, 'conv_backward_gather.png');
    await table.getByRole('button', { name: '39' }).click();
    assertEq(await stepText(page), `step 39 of ${M * COUT * 16}`, 'the list’s step 39 sought');
    // another cell, picked in the gather view itself: dA_prev[0, 3, 0, 2] is padded (5, 2)
    await page.getByRole('combobox', { name: 'dA_prev channel k' }).selectOption('2');
    await clickCell(page, 'dA_prev_pad[0,:,:,2]', 5, 2, Wp);
    await checkSum(page, 0, 3, 0, 2);
    await page.close();
  });

  test('conv_backward overlap map: the f 3, stride 2 preset counts 1, 2 and 4 windows', async () => {
    const page = await openPage(api.ctx(), `${api.base()}?op=conv_backward&step=1`, BIG);
    await page.getByRole('button', { name: 'Overlap checkerboard' }).click();
    await page.getByText('steps = m·n_C·n_H·n_W = 1·1·3·3 = 9').waitFor();
    await page
      .getByRole('group', { name: 'Stage view' })
      .getByRole('button', { name: 'Overlap map' })
      .click();
    // counted here: windows h·2 .. h·2+2 over each of 7 rows
    const per = Array.from(
      { length: 7 },
      (_, r) => [0, 1, 2].filter((h) => r >= 2 * h && r < 2 * h + 3).length,
    );
    const text = await page.locator('.bw-overlap-text').textContent();
    assert(text.includes(`windows per row: ${per.join(' ')}`), `overlap text: ${text}`);
    assert(text.includes('alternate between 1 and 2 windows'), `overlap text: ${text}`);
    const box = await page.getByRole('img', { name: /Overlap map/ }).boundingBox();
    const cell = (box.width - 8) / 7;
    await page.mouse.move(box.x + 4 + 2.5 * cell, box.y + 4 + 4.5 * cell);
    const tip = await page.getByRole('tooltip').textContent();
    assert(
      tip.includes(`${per[4]} window rows × ${per[2]} window columns = ${per[4] * per[2]} windows`),
      `tooltip: ${tip}`,
    );
    await page.getByRole('button', { name: /Parameters/ }).click();
    await shot(page, 'conv_backward_overlap.png');
    await page.close();
  });
}
