// End-to-end tests of export for slides: the stage as PNG at twice its size and as SVG (parsed,
// and holding the numbers the grids show: the notebook's Z values from tests/fixtures/conv.txt,
// formatted as a cell shows them), a range of steps as an animated GIF decoded back here by a
// small GIF reader (below) to one frame per step at the stage's size, Cancel, and a WebM video
// where the browser has WebCodecs. Screenshot: docs/screenshots/export_gif_frame.png, a frame
// of an exported GIF.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// ---- a small GIF reader: blocks, LZW, colour tables --------------------------------------------

/** Decodes one image's LZW data into colour indices (codes as prefix + last byte tables). */
function lzw(minSize, data, count) {
  const out = new Uint8Array(count);
  const clear = 1 << minSize;
  const end = clear + 1;
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const first = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let k = 0; k < clear; k++) {
    suffix[k] = k;
    first[k] = k;
    length[k] = 1;
  }
  let next = clear + 2;
  let size = minSize + 1;
  let prev = -1;
  let n = 0;
  let bits = 0;
  let acc = 0;
  /** writes code's string at out[n..] */
  const emit = (code) => {
    const len = length[code];
    for (let k = len - 1, c = code; k >= 0; k--, c = prefix[c]) if (n + k < count) out[n + k] = suffix[c];
    n += len;
  };
  for (let p = 0; p < data.length && n < count; p++) {
    acc |= data[p] << bits;
    bits += 8;
    while (bits >= size && n < count) {
      const code = acc & ((1 << size) - 1);
      acc >>>= size;
      bits -= size;
      if (code === clear) {
        next = clear + 2;
        size = minSize + 1;
        prev = -1;
        continue;
      }
      if (code === end) return out;
      if (prev === -1) {
        emit(code);
        prev = code;
        continue;
      }
      let head;
      if (code < next) head = first[code];
      else if (code === next) head = first[prev];
      else throw new Error(`GIF: bad LZW code ${code}`);
      if (next < 4096) {
        prefix[next] = prev;
        suffix[next] = head;
        first[next] = first[prev];
        length[next] = length[prev] + 1;
        next++;
        if (next === 1 << size && size < 12) size++;
      }
      emit(code);
      prev = code;
    }
  }
  return out;
}

/** The GIF's screen size and its frames as RGBA (each frame composed over the one before). */
function readGif(bytes) {
  const sig = String.fromCharCode(...bytes.subarray(0, 6));
  if (sig !== 'GIF89a' && sig !== 'GIF87a') throw new Error(`not a GIF: ${sig}`);
  const u16 = (p) => bytes[p] | (bytes[p + 1] << 8);
  const width = u16(6);
  const height = u16(8);
  let p = 13;
  const table = (flags, at) => {
    const n = 2 << (flags & 7);
    return { colors: bytes.subarray(at, at + 3 * n), size: 3 * n };
  };
  let global = null;
  if (bytes[10] & 0x80) {
    global = table(bytes[10], p);
    p += global.size;
  }
  const subBlocks = () => {
    const parts = [];
    while (bytes[p] !== 0) {
      parts.push(bytes.subarray(p + 1, p + 1 + bytes[p]));
      p += bytes[p] + 1;
    }
    p++;
    return Buffer.concat(parts);
  };
  const frames = [];
  let transparent = -1; // the next image's transparent index, from its graphic control block
  let screen = new Uint8Array(width * height * 4);
  for (;;) {
    const b = bytes[p++];
    if (b === 0x3b) break;
    if (b === 0x21) {
      const label = bytes[p++];
      const block = subBlocks();
      if (label === 0xf9) transparent = block[0] & 1 ? block[3] : -1;
    } else if (b === 0x2c) {
      const left = u16(p);
      const top = u16(p + 2);
      const w = u16(p + 4);
      const h = u16(p + 6);
      const flags = bytes[p + 8];
      p += 9;
      let colors = global?.colors;
      if (flags & 0x80) {
        const local = table(flags, p);
        colors = local.colors;
        p += local.size;
      }
      const min = bytes[p++];
      const idx = lzw(min, subBlocks(), w * h);
      if (left + w > width || top + h > height)
        throw new Error(`GIF: image ${w}x${h} at ${left},${top} leaves the screen`);
      // drawn at its place over the frame before (disposal: keep); a frame is the whole screen
      const rgba = screen.slice();
      for (let k = 0; k < w * h; k++) {
        if (idx[k] === transparent) continue;
        const q = 4 * ((top + Math.floor(k / w)) * width + left + (k % w));
        rgba[q] = colors[3 * idx[k]];
        rgba[q + 1] = colors[3 * idx[k] + 1];
        rgba[q + 2] = colors[3 * idx[k] + 2];
        rgba[q + 3] = 255;
      }
      screen = rgba;
      frames.push({ w: width, h: height, rgba });
    } else throw new Error(`GIF: unknown block 0x${b?.toString(16)} at ${p - 1}`);
  }
  return { width, height, frames };
}

// ---- the notebook case ------------------------------------------------------------------------

function notebookForward(root) {
  let cur = null;
  let found = null;
  for (const raw of readFileSync(join(root, 'tests/fixtures/conv.txt'), 'utf8').split('\n')) {
    const [key, ...rest] = raw.trim().split(/\s+/);
    if (key === 'case') cur = { name: rest[0], tensors: new Map() };
    else if (key === 'end') {
      if (cur.name === 'notebook_conv_forward') found = cur;
      cur = null;
    } else if (cur && key === 'shape') cur.shape = rest.map(Number);
    else if (cur && key === 'conv') cur.conv = rest.map(Number);
    else if (cur && key === 'tensor')
      cur.tensors.set(rest[0], { shape: rest.slice(1, 5).map(Number), data: rest.slice(5).map(Number) });
  }
  return found;
}

/** A cell's text: two decimals, one from 10, none from 100; a true minus sign. */
function cellText(v) {
  const a = Math.abs(v);
  let s = v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
  if (/^-0\.?0*$/.test(s)) s = s.slice(1);
  return s.replace('-', '\u2212');
}

export function register(api) {
  const { test, assert, assertEq, openPage, stepText, root } = api;
  const nb = notebookForward(root);
  const [m, H, W, Cin] = nb.shape;
  const [f, Cout, stride, pad, dil] = nb.conv;
  const Z = nb.tensors.get('Z');
  const [, nH, nW] = Z.shape;
  const query = `?op=conv_forward&m=${m}&H=${H}&W=${W}&Cin=${Cin}&Cout=${Cout}&f=${f}&stride=${stride}&pad=${pad}&dil=${Math.max(1, dil)}&seed=1&data=gauss`;

  async function openDialog(page) {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('dialog', { name: 'Export for slides' }).waitFor();
  }

  async function download(page, button) {
    const [d] = await Promise.all([
      page.waitForEvent('download', { timeout: 60000 }),
      page.getByRole('button', { name: button }).click(),
    ]);
    return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
  }

  async function stageSize(page) {
    return page.locator('#stage-area > .stage').evaluate((el) => {
      const b = el.getBoundingClientRect();
      return { width: Math.round(b.width), height: Math.round(b.height) };
    });
  }

  async function setRange(page, from, to) {
    await page.getByLabel('from').fill(String(from));
    await page.getByLabel('to', { exact: true }).fill(String(to));
  }

  test('export: the stage as PNG has twice the stage size in pixels', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${query}&step=37`);
    const size = await stageSize(page);
    await openDialog(page);
    const png = await download(page, 'PNG (2× pixels)');
    assertEq(png.name, 'conv_forward-step-37.png', 'file name');
    assertEq(png.bytes.subarray(1, 4).toString('latin1'), 'PNG', 'PNG signature');
    assertEq(png.bytes.readUInt32BE(16), size.width * 2, 'PNG width');
    assertEq(png.bytes.readUInt32BE(20), size.height * 2, 'PNG height');
    assertEq(await stepText(page), `step 37 of ${m * Cout * nH * nW}`, 'the stage did not move');
    await page.close();
  });

  test('export: the stage as SVG parses and holds the Z values the grid shows', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${query}&step=37`, { width: 1920, height: 1080 });
    await openDialog(page);
    const svg = await download(page, 'SVG (vectors)');
    assertEq(svg.name, 'conv_forward-step-37.svg', 'file name');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
        rects: doc.querySelectorAll('rect').length,
        images: doc.querySelectorAll('image').length,
      };
    }, svg.bytes.toString('utf8'));
    assertEq(parsed.error, null, 'SVG parse error');
    assertEq(parsed.root, 'svg', 'root element');
    assertEq(parsed.images, 0, 'small grids are vectors, no embedded images');
    const texts = new Set(parsed.texts);
    // steps 1..37 of sample 0 fill Z[0, :, :, c] for c = 0, 1 (nH * nW = 16 cells each)
    const c = Math.floor(36 / (nH * nW));
    for (let k = c * nH * nW; k < 37; k++) {
      const h = Math.floor((k % (nH * nW)) / nW);
      const w = k % nW;
      const want = cellText(Z.data[((0 * nH + h) * nW + w) * Cout + c]);
      assert(texts.has(want), `Z[0,${h},${w},${c}] = ${want} drawn as text in the SVG`);
    }
    assert(
      parsed.texts.some((t) => t.includes(`Z[0,:,:,${c}]`)),
      'the Z grid caption is text in the SVG',
    );
    await page.close();
  });

  test('export: 20 steps as a GIF decode to 20 frames of the stage size, one per step', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${query}&step=5`);
    const size = await stageSize(page);
    await openDialog(page);
    await setRange(page, 1, 20);
    const gif = await download(page, 'GIF');
    assertEq(gif.name, 'conv_forward-steps-1-20.gif', 'file name');
    const g = readGif(gif.bytes);
    assertEq(g.frames.length, 20, 'frames');
    assertEq(g.width, size.width, 'GIF width');
    assertEq(g.height, size.height, 'GIF height');
    for (const [k, fr] of g.frames.entries()) {
      assertEq(`${fr.w}x${fr.h}`, `${size.width}x${size.height}`, `frame ${k + 1} size`);
      if (k > 0) {
        const prev = g.frames[k - 1].rgba;
        let diff = 0;
        for (let q = 0; q < fr.rgba.length; q += 4)
          if (fr.rgba[q] !== prev[q] || fr.rgba[q + 1] !== prev[q + 1]) diff++;
        assert(diff > 50, `frame ${k + 1} differs from frame ${k} (the window moved): ${diff} pixels`);
      }
    }
    assertEq(await stepText(page), `step 5 of ${m * Cout * nH * nW}`, 'the stage did not move');
    assert(
      /Saved conv_forward-steps-1-20\.gif/.test(
        await page.getByRole('status').filter({ hasText: 'Saved' }).textContent(),
      ),
      'saved sentence',
    );
    if (process.env.E2E_NO_SHOTS !== '1') {
      // frame 10 as the slide shows it
      const fr = g.frames[9];
      const view = await api.ctx().newPage();
      await view.setViewportSize({ width: fr.w, height: fr.h });
      await view.setContent('<body style="margin:0"><canvas id="c"></canvas></body>');
      await view.evaluate(
        ({ w, h, px }) => {
          const bytes = Uint8ClampedArray.from(atob(px), (ch) => ch.charCodeAt(0));
          const cv = document.getElementById('c');
          cv.width = w;
          cv.height = h;
          cv.getContext('2d').putImageData(new ImageData(bytes, w, h), 0, 0);
        },
        { w: fr.w, h: fr.h, px: Buffer.from(fr.rgba).toString('base64') },
      );
      mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
      await view.screenshot({ path: join(root, 'docs/screenshots/export_gif_frame.png') });
      await view.close();
    }
    await page.close();
  });

  test('export: Cancel stops a long GIF and saves nothing', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${query}`);
    await openDialog(page);
    let downloads = 0;
    page.on('download', () => downloads++);
    await setRange(page, 1, 192);
    await page.getByRole('button', { name: 'GIF' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Export cancelled; nothing was saved.').waitFor();
    assertEq(await page.getByRole('progressbar').count(), 0, 'progress bar gone');
    await page.waitForTimeout(300);
    assertEq(downloads, 0, 'downloads');
    await page.close();
  });

  test('export: a bad range gets a sentence and exports nothing', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${query}`);
    await openDialog(page);
    await setRange(page, 30, 'x');
    await page.getByRole('button', { name: 'GIF' }).click();
    const alert = await page.getByRole('alert').textContent();
    assert(alert.includes('whole numbers with 1 ≤ from ≤ to ≤ 192'), `sentence: ${alert}`);
    await page.close();
  });

  test('export: a WebM video of 10 steps where the browser has WebCodecs', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${query}`);
    const hasCodecs = await page.evaluate(() => typeof VideoEncoder !== 'undefined');
    if (!hasCodecs) {
      // the dialog says so instead of offering a video
      await openDialog(page);
      await page.getByText('no video encoder').waitFor();
      await page.close();
      return;
    }
    await openDialog(page);
    await setRange(page, 1, 10);
    const problem = page.getByRole('alert');
    const webm = await Promise.race([
      download(page, 'WebM video'),
      problem.waitFor({ timeout: 60000 }).then(async () => ({ problem: await problem.textContent() })),
    ]);
    if (webm.problem !== undefined) {
      assert(webm.problem.includes('cannot encode WEBM'), `the sentence names the format: ${webm.problem}`);
    } else {
      assertEq(webm.name, 'conv_forward-steps-1-10.webm', 'file name');
      assertEq(webm.bytes.readUInt32BE(0), 0x1a45dfa3, 'EBML header');
      assert(webm.bytes.length > 1000, `video bytes: ${webm.bytes.length}`);
    }
    await page.close();
  });
}
