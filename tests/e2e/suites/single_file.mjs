// End-to-end tests of the copies of the page that are opened from disk (file://):
// - dist-single/convstep.html (npm run build:single), the one file a course hands out: with every
//   request that is not file: aborted, it opens, and every operation steps to its end with no
//   console error, no page error and no request attempted;
// - dist/index.html (the hosted build) opened from disk, where the browser runs none of its
//   module scripts: it says in a sentence what to do instead of staying blank.
// The one file is built by tests/run-all.sh before this suite; without it the first test fails
// with the command that builds it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function register(api) {
  const { test, assert, assertEq, stepText } = api;
  const single = join(api.root, 'dist-single/convstep.html');
  const hosted = join(api.root, 'dist/index.html');

  /** A page with every request that is not file: aborted, and what went wrong on it recorded. */
  async function offlinePage() {
    const page = await api.ctx().newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    const seen = { errors: [], outside: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') seen.errors.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => seen.errors.push(`page error: ${e.message}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      seen.outside.push(url);
      return route.abort('internetdisconnected');
    });
    return { page, seen };
  }

  test('one file: dist-single/convstep.html opened from disk with no network steps every operation to its end', async () => {
    assert(existsSync(single), 'dist-single/convstep.html is missing: run `npm run build:single`');
    const url = pathToFileURL(single).href;
    const { page, seen } = await offlinePage();
    await page.goto(url);
    await page.getByRole('group', { name: 'Steps' }).waitFor({ timeout: 15000 });
    const ops = await page
      .getByRole('navigation', { name: 'Operation' })
      .getByRole('button')
      .evaluateAll((bs) => bs.map((b) => b.textContent.trim()));
    assert(ops.length >= 4, `operations in the switcher: ${ops.join(', ')}`);
    for (const op of ops) {
      // each operation's code is a chunk of its own in the hosted build; here it is inside the file
      await page.getByRole('navigation', { name: 'Operation' }).getByRole('button', { name: op }).click();
      await page.getByRole('button', { name: op, exact: true, pressed: true }).waitFor();
      await page.getByRole('button', { name: 'Go to end' }).click();
      const text = await stepText(page);
      const m = /^step ([0-9]+) of ([0-9]+)$/.exec(text);
      assert(m !== null && m[1] === m[2] && Number(m[2]) > 0, `${op}: after Go to end, ${text}`);
    }
    await api.shot(page, 'single_file.png');
    assert(seen.outside.length === 0, `requests that left the file: ${seen.outside.join(', ')}`);
    assert(seen.errors.length === 0, seen.errors.join('\n'));
    await page.close();
  });

  test('one file: each sample image loads from inside the file, with no network, and goes through a filter', async () => {
    assert(existsSync(single), 'dist-single/convstep.html is missing: run `npm run build:single`');
    const { page, seen } = await offlinePage();
    await page.goto(`${pathToFileURL(single).href}?op=conv_forward`);
    await page.getByRole('group', { name: 'Steps' }).waitFor({ timeout: 15000 });
    for (const [button, file] of [
      ['Zone plate', 'zone-plate.png'],
      ['Tiles', 'tiles.png'],
      ['Scene', 'scene.png'],
    ]) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.getByText(`A_prev is ${file}, 32 × 32, gray.`).waitFor({ timeout: 5000 });
    }
    assertEq(await page.locator('#field-H').inputValue(), '32', 'n_H_prev of the sample');
    await page.getByRole('button', { name: /Use as W/ }).click();
    await page.getByRole('button', { name: 'Go to end' }).click();
    // the scene's picture: its bright square and dark stripes, not a flat fill
    const spread = await page
      .getByRole('img', { name: 'picture of A_prev, sample 0, channel 0' })
      .evaluate((cv) => {
        const { data } = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height);
        let lo = 255;
        let hi = 0;
        for (let p = 0; p < data.length; p += 4) {
          lo = Math.min(lo, data[p]);
          hi = Math.max(hi, data[p]);
        }
        return hi - lo;
      });
    assert(spread > 150, `the scene's picture spans ${spread} grey levels`);
    assertEq(await page.locator('.own-image .own-error').count(), 0, 'sentences of failure');
    assert(seen.outside.length === 0, `requests that left the file: ${seen.outside.join(', ')}`);
    assert(seen.errors.length === 0, seen.errors.join('\n'));
    await page.close();
  });

  test('one file: the WebAssembly is inside it; the hosted build keeps its hashed .wasm', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const html = readFileSync(single, 'utf8');
    assert(!/<script\b[^>]*\bsrc=/.test(html), 'the one file loads a script from beside it');
    assert(html.includes('data:application/wasm;base64,'), 'no WebAssembly module inside the one file');
    assert(
      /script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/.test(html),
      'the one file has no script policy by hash',
    );
    const wasm = readdirSync(join(api.root, 'dist/assets')).filter((n) => /^convstep-[\w-]+\.wasm$/.test(n));
    assertEq(wasm.length, 1, 'hashed .wasm files in dist/assets');
    // the hosted build fetches its samples when one is chosen: none is inside its scripts
    assert(html.includes('data:image/png;base64,'), 'no sample image inside the one file');
    for (const name of readdirSync(join(api.root, 'dist/assets')).filter((n) => n.endsWith('.js')))
      assert(
        !readFileSync(join(api.root, 'dist/assets', name), 'utf8').includes('data:image/png;base64,'),
        `dist/assets/${name} carries an image inline`,
      );
  });

  test('hosted build opened from disk: a sentence says to serve it or use the one file, not a blank page', async () => {
    assert(existsSync(hosted), 'dist/index.html is missing: run `npx vite build`');
    // this page's console errors (the browser refusing the module script) are the point: not recorded
    const { page } = await offlinePage();
    await page.goto(pathToFileURL(hosted).href);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 5000 });
    const text = await alert.textContent();
    assert(
      /must be served, not opened from disk/.test(text) && /convstep\.html/.test(text),
      `the page says: ${text}`,
    );
    await page.close();
  });
}
