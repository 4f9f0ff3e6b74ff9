// Your own data: an image as A_prev (file picker, drag and drop, paste, a sample; PNG, JPEG,
// WebP, GIF), filter presets as W, and bad files. A test PNG from tests/fixtures/images/ must set the layer to its size; each bad
// file gets its sentence and leaves the layer as it was; the Sobel pair on the sample scene shows
// its edges. The runner fails any test that logs a console error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/** A PNG's signature and IHDR (with its CRC) for any size: the header a huge image starts with. */
function pngHeader(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  // a few rows of zeros compressed, far fewer than the header promises
  const idat = chunk('IDAT', deflateSync(Buffer.alloc(1000)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    idat,
  ]);
}

export function register({ test, assert, assertEq, openPage, stepText, shot, root, ctx, base }) {
  const fixture = (p) => readFileSync(join(root, 'tests/fixtures/images', p));
  const noise = fixture('noise-23x17.png');
  const scene = fixture('scene-64.png');
  // cut inside the image data: the header is sound, the pixels are not there
  const corrupt = Buffer.concat([scene.subarray(0, 120), Buffer.alloc(64, 0xab)]);

  const field = (page, key) => page.locator(`#field-${key}`).inputValue();
  const url = () => `${base()}?op=conv_forward&step=3`;

  async function expectImageLayer(page, what) {
    await page.getByText('A_prev is noise-23x17.png, 23 × 17, gray.').waitFor({ timeout: 5000 });
    assertEq(await field(page, 'H'), '17', `${what}: n_H_prev`);
    assertEq(await field(page, 'W'), '23', `${what}: n_W_prev`);
    assertEq(await field(page, 'Cin'), '1', `${what}: n_C_prev`);
    assertEq(await field(page, 'm'), '1', `${what}: m`);
  }

  test('own data: a test PNG through the file picker becomes A_prev at its size', async () => {
    const page = await openPage(ctx(), url());
    await page
      .locator('.own-file')
      .setInputFiles({ name: 'noise-23x17.png', mimeType: 'image/png', buffer: noise });
    await expectImageLayer(page, 'file picker');
    await page.close();
  });

  test('own data: a test PNG dropped on the panel becomes A_prev at its size', async () => {
    const page = await openPage(ctx(), url());
    const dt = await page.evaluateHandle(
      (bytes) => {
        const d = new DataTransfer();
        d.items.add(new File([new Uint8Array(bytes)], 'noise-23x17.png', { type: 'image/png' }));
        return d;
      },
      [...noise],
    );
    await page.dispatchEvent('.own-image', 'dragover', { dataTransfer: dt });
    await page.dispatchEvent('.own-image', 'drop', { dataTransfer: dt });
    await expectImageLayer(page, 'drag and drop');
    await page.close();
  });

  /** Sends a paste of `bytes` as a file named `name` to whatever has focus, as a browser does. */
  async function paste(page, bytes, name, type) {
    await page.evaluate(
      ({ bytes, name, type }) => {
        const d = new DataTransfer();
        d.items.add(new File([new Uint8Array(bytes)], name, { type }));
        const e = new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true });
        (document.activeElement ?? document.body).dispatchEvent(e);
      },
      { bytes: [...bytes], name, type },
    );
  }

  test('own data: an image pasted on the page becomes A_prev; pasted into a text field it does not', async () => {
    const page = await openPage(ctx(), url());
    const before = await field(page, 'H');
    // a paste while the array box has focus is text for that box, not an image for the layer
    await page.getByRole('textbox', { name: /as a numpy literal/ }).focus();
    await paste(page, noise, '', 'image/png');
    await page.waitForTimeout(300);
    assertEq(await field(page, 'H'), before, 'n_H_prev after a paste into the text field');
    // screenshots on the clipboard have no file name
    await page.evaluate(() => document.activeElement?.blur());
    await paste(page, noise, '', 'image/png');
    await page.getByText('A_prev is pasted image, 23 × 17, gray.').waitFor({ timeout: 5000 });
    assertEq(await field(page, 'H'), '17', 'pasted: n_H_prev');
    assertEq(await field(page, 'W'), '23', 'pasted: n_W_prev');
    await page.close();
  });

  // pattern-24x16.*: columns 0-11 black, columns 12-23 white above row 8 and grey 128 below
  // (tests/fixtures/formats.mjs). Each format must give the first frame's three areas.
  const FORMATS = [
    ['pattern-24x16.jpg', 'image/jpeg'],
    ['pattern-24x16.webp', 'image/webp'],
    ['pattern-24x16.gif', 'image/gif'],
  ];
  for (const [name, mimeType] of FORMATS) {
    test(`own data: ${name} through the file picker becomes A_prev with its pattern`, async () => {
      const page = await openPage(ctx(), url());
      await page.locator('.own-file').setInputFiles({ name, mimeType, buffer: fixture(name) });
      await page.getByText(`A_prev is ${name}, 24 × 16, gray.`).waitFor({ timeout: 5000 });
      assertEq(await field(page, 'H'), '16', `${name}: n_H_prev`);
      assertEq(await field(page, 'W'), '24', `${name}: n_W_prev`);
      // the picture of A_prev, one block of zoom × zoom pixels per value, read at cell centres
      const grey = await page
        .getByRole('img', { name: 'picture of A_prev, sample 0, channel 0' })
        .evaluate((cv) => {
          const zoom = cv.width / 24;
          const ctx = cv.getContext('2d');
          const at = (r, q) =>
            ctx.getImageData(Math.floor((q + 0.5) * zoom), Math.floor((r + 0.5) * zoom), 1, 1).data[0];
          return { black: at(11, 5), white: at(3, 19), mid: at(12, 19) };
        });
      assert(grey.black <= 40, `${name}: the left half should be black: ${JSON.stringify(grey)}`);
      assert(grey.white >= 215, `${name}: the top right should be white: ${JSON.stringify(grey)}`);
      assert(
        grey.mid >= 100 && grey.mid <= 156,
        `${name}: the bottom right should be grey 128: ${JSON.stringify(grey)}`,
      );
      await page.close();
    });
  }

  const BAD = [
    [
      'notes.txt',
      'text/plain',
      Buffer.from('these are my notes, not a picture\n'),
      /is not a PNG, JPEG, WebP or GIF image/,
    ],
    ['empty.png', 'image/png', Buffer.alloc(0), /is empty \(0 bytes\)/],
    ['huge.png', 'image/png', pngHeader(20000, 20000), /is 20000 × 20000 pixels, too large to read here/],
    [
      'drawing.svg',
      'image/svg+xml',
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
      ),
      /is an SVG drawing, not pixels/,
    ],
    ['broken.png', 'image/png', corrupt, /could not be decoded: it is damaged or cut short/],
  ];
  for (const [name, mimeType, buffer, sentence] of BAD) {
    test(`own data: ${name} gets a sentence, the layer stays, no console error`, async () => {
      const page = await openPage(ctx(), url());
      const before = { step: await stepText(page), H: await field(page, 'H'), Cin: await field(page, 'Cin') };
      const started = Date.now();
      await page.locator('.own-file').setInputFiles({ name, mimeType, buffer });
      const alert = page.locator('.own-image .own-error');
      await alert.waitFor({ timeout: 5000 });
      const said = await alert.textContent();
      assert(sentence.test(said), `${name}: sentence "${said}"`);
      assert(
        said.includes('The layer keeps its last input.'),
        `${name}: "${said}" does not say the layer is kept`,
      );
      assert(Date.now() - started < 5000, `${name}: took ${Date.now() - started} ms`);
      assertEq(await stepText(page), before.step, `${name}: step`);
      assertEq(await field(page, 'H'), before.H, `${name}: n_H_prev`);
      assertEq(await field(page, 'Cin'), before.Cin, `${name}: n_C_prev`);
      // the page still works: the next step is taken
      await page.getByRole('button', { name: 'Step forward' }).click();
      assert((await stepText(page)) !== before.step, `${name}: the transport no longer steps`);
      await page.close();
    });
  }

  test('own data: Sobel x and Sobel y on the sample scene draw its edges, and travel in the link', async () => {
    const page = await openPage(ctx(), url(), { width: 1440, height: 900 });
    await page.getByRole('button', { name: 'Scene', exact: true }).click();
    await page.getByText('A_prev is scene.png, 32 × 32, gray.').waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: /Use as W/ }).click();
    await page.getByText('W is filter sobel_x.sobel_y-3-sum; b is 0.').waitFor({ timeout: 5000 });
    assertEq(await field(page, 'Cout'), '2', 'n_C: two filters');
    assertEq(await field(page, 'pad'), '1', 'pad keeps the size');
    await page.keyboard.press('End');
    await page
      .getByText(/^step 2048 of 2048$/)
      .first()
      .waitFor({ timeout: 5000 });
    // each picture of Z: mostly white (flat areas give 0) with both red and blue edges
    for (const c of [0, 1]) {
      const counts = await page
        .getByRole('img', { name: `picture of Z, sample 0, channel ${c}` })
        .evaluate((cv) => {
          const { data } = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height);
          let white = 0;
          let red = 0;
          let blue = 0;
          for (let p = 0; p < data.length; p += 4) {
            const [r, g, b] = [data[p], data[p + 1], data[p + 2]];
            if (r > 245 && g > 245 && b > 245) white++;
            else if (r - b > 60) red++;
            else if (b - r > 60) blue++;
          }
          return { white, red, blue, all: data.length / 4 };
        });
      assert(
        counts.white > counts.all / 3,
        `Z channel ${c}: flat areas should be white: ${JSON.stringify(counts)}`,
      );
      assert(
        counts.red > counts.all / 100 && counts.blue > counts.all / 100,
        `Z channel ${c}: edges of both signs: ${JSON.stringify(counts)}`,
      );
    }
    // the address follows within the browsers' allowed rate (state/urlSync.ts: a change within
    // 300 ms of the last write waits for the rest of them)
    await page
      .waitForFunction(() => location.search.includes('filter=sobel_x.sobel_y-3-sum'), null, {
        timeout: 2000,
      })
      .catch(() => {});
    const href = page.url();
    assert(href.includes('filter=sobel_x.sobel_y-3-sum'), `the link carries the filter: ${href}`);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page
      .getByText(/Link copied(, without your A_prev)?/)
      .first()
      .waitFor({ timeout: 3000 });
    const said = await page.locator('.own-data [role="status"]').last().textContent();
    assert(said.includes('without your A_prev'), `the copy says the image does not travel: ${said}`);
    // Sobel x done, Sobel y a third of its way: both pictures of Z, one filling in
    await stepTo(page, 1400, 2048);
    await shot(page, 'own_image_sobel.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.pictures').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'own_image_sobel_phone.png');
    await page.close();
  });

  /** Is the window's yellow edge drawn on the picture `label` of an n_W-wide tensor, along the top
   * of the window at (row, col) spanning `span` cells? And is it absent one span to the right? */
  async function windowMarked(page, label, nW, row, col, span) {
    return page.getByRole('img', { name: label }).evaluate(
      (cv, { nW, row, col, span }) => {
        const zoom = cv.width / nW;
        const ctx = cv.getContext('2d');
        const yellow = (x, y) => {
          const [r, g, b] = ctx.getImageData(Math.floor(x), Math.floor(y), 1, 1).data;
          return r > 220 && g > 180 && g < 240 && b < 60;
        };
        const y = row * zoom + 1;
        return {
          here: yellow((col + span / 2) * zoom, y),
          beside: yellow((col + span + span / 2) * zoom, y),
        };
      },
      { nW, row, col, span },
    );
  }

  /** Cells of the picture `label` still light grey ("not computed yet"). */
  function notComputed(page, label) {
    return page.getByRole('img', { name: label }).evaluate((cv) => {
      const { data } = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height);
      let n = 0;
      for (let p = 0; p < data.length; p += 4)
        if (data[p] === 226 && data[p + 1] === 228 && data[p + 2] === 232) n++;
      return n;
    });
  }

  async function stepTo(page, n, total) {
    await page.getByRole('slider', { name: 'Step' }).fill(String(n));
    await page
      .getByText(new RegExp(`^step ${n} of ${total}$`))
      .first()
      .waitFor({ timeout: 5000 });
  }

  test('own data: max pooling of the sample scene draws A_prev and A as pictures, the window on both', async () => {
    const page = await openPage(ctx(), `${base()}?op=pool_forward&f=2&stride=2`, {
      width: 1440,
      height: 900,
    });
    await page.getByRole('button', { name: 'Scene', exact: true }).click();
    await page.getByText('A_prev is scene.png, 32 × 32, gray.').waitFor({ timeout: 5000 });
    // step 5 is (i, c, h, w) = (0, 0, 0, 4): A_prev[0, 0:2, 8:10, 0] into A[0, 0, 4, 0]
    await stepTo(page, 5, 256);
    const a = await windowMarked(page, 'picture of A_prev, sample 0, channel 0', 32, 0, 8, 2);
    assert(a.here && !a.beside, `the window on A_prev's picture: ${JSON.stringify(a)}`);
    const out = await windowMarked(page, 'picture of A, sample 0, channel 0', 16, 0, 4, 1);
    assert(out.here && !out.beside, `the cell on A's picture: ${JSON.stringify(out)}`);
    assert(
      (await notComputed(page, 'picture of A, sample 0, channel 0')) > 0,
      'A is not all computed at step 5',
    );
    await stepTo(page, 120, 256);
    await shot(page, 'own_image_pool.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.pictures').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'own_image_pool_phone.png');
    await page.keyboard.press('End');
    await page
      .getByText(/^step 256 of 256$/)
      .first()
      .waitFor({ timeout: 5000 });
    assertEq(await notComputed(page, 'picture of A, sample 0, channel 0'), 0, 'grey cells of A at the end');
    await page.close();
  });

  test('own data: pool_backward of the sample scene draws A_prev, dA and dA_prev, the window on each', async () => {
    const page = await openPage(ctx(), `${base()}?op=pool_backward&f=2&stride=2`, {
      width: 1440,
      height: 900,
    });
    await page.getByRole('button', { name: 'Scene', exact: true }).click();
    await page.getByText('A_prev is scene.png, 32 × 32, gray.').waitFor({ timeout: 5000 });
    // step 21 is (0, 0, 1, 4): dA[0, 1, 4, 0] added to dA_prev[0, 2:4, 8:10, 0]
    await stepTo(page, 21, 256);
    const dA = await windowMarked(page, 'picture of dA, sample 0, channel 0', 16, 1, 4, 1);
    assert(dA.here && !dA.beside, `the cell on dA's picture: ${JSON.stringify(dA)}`);
    const g = await windowMarked(page, 'picture of dA_prev, sample 0, channel 0', 32, 2, 8, 2);
    assert(g.here && !g.beside, `the window on dA_prev's picture: ${JSON.stringify(g)}`);
    await page.close();
  });

  test('own data: conv_backward of the sample scene through the Sobel pair draws dZ = Z and dA_prev filling in', async () => {
    const page = await openPage(ctx(), `${base()}?op=conv_backward&dz=z`, { width: 1440, height: 900 });
    await page.getByRole('button', { name: 'Scene', exact: true }).click();
    await page.getByText('A_prev is scene.png, 32 × 32, gray.').waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: /Use as W/ }).click();
    await page.getByText('W is filter sobel_x.sobel_y-3-sum; b is 0.').waitFor({ timeout: 5000 });
    // pad 1 keeps 32 × 32: step 300 is (0, 0, 9, 11), its window at A_prev rows 8-10, columns 10-12
    await stepTo(page, 300, 2048);
    const a = await windowMarked(page, 'picture of dA_prev, sample 0, channel 0', 32, 8, 10, 3);
    assert(a.here, `the window on dA_prev's picture: ${JSON.stringify(a)}`);
    const dz = await windowMarked(page, 'picture of dZ, sample 0, channel 0', 32, 9, 11, 1);
    assert(dz.here && !dz.beside, `the cell on dZ's picture: ${JSON.stringify(dz)}`);
    await shot(page, 'own_image_backward.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.pictures').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'own_image_backward_phone.png');
    // at the end dA_prev is the edges spread back: both signs, and rows below the first filled
    await page.keyboard.press('End');
    await page
      .getByText(/^step 2048 of 2048$/)
      .first()
      .waitFor({ timeout: 5000 });
    const counts = await page
      .getByRole('img', { name: 'picture of dA_prev, sample 0, channel 0' })
      .evaluate((cv) => {
        const { data } = cv.getContext('2d').getImageData(0, cv.height / 2, cv.width, cv.height / 2);
        let red = 0;
        let blue = 0;
        for (let p = 0; p < data.length; p += 4) {
          if (data[p] - data[p + 2] > 60) red++;
          else if (data[p + 2] - data[p] > 60) blue++;
        }
        return { red, blue };
      });
    assert(counts.red > 0 && counts.blue > 0, `dA_prev's lower half, both signs: ${JSON.stringify(counts)}`);
    await page.close();
  });

  test('own data: conv_transpose with an 8 × 8 X draws X and Y, the spread cell and its window', async () => {
    const page = await openPage(
      ctx(),
      `${base()}?op=conv_transpose&m=1&H=8&W=8&Cin=1&Cout=1&f=4&stride=2&pad=1&seed=3&data=gauss`,
      { width: 1440, height: 900 },
    );
    // Y is (8 − 1)·2 − 2 + 4 = 16 wide; step 11 spreads X[0, 1, 2, 0] over Y_pad rows 2-5,
    // columns 4-7: Y (cropped by pad 1) rows 1-4, columns 3-6
    await stepTo(page, 11, 64);
    const x = await windowMarked(page, 'picture of X, sample 0, channel 0', 8, 1, 2, 1);
    assert(x.here && !x.beside, `the cell on X's picture: ${JSON.stringify(x)}`);
    const y = await windowMarked(page, 'picture of Y, sample 0, channel 0', 16, 1, 3, 4);
    assert(y.here, `the window on Y's picture: ${JSON.stringify(y)}`);
    await page.close();
  });
}
