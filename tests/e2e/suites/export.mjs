// End-to-end tests of export for slides. As on the page: the stage as PNG at twice its size and
// as SVG (parsed, and holding the numbers the grids show: the notebook's Z values from
// tests/fixtures/conv.txt, formatted as a cell shows them), a range of steps as an animated GIF
// decoded back here by a small GIF reader (below) to one frame per step at the stage's size.
// As projected (the dialog's default): a 16:9 slide drawn as presenter mode draws it, where the
// SVG's A_prev grid holds the fixture's value in every cell it shows and every frame of the GIF
// has ink in every one of those cells, while the page's own stage stays as it was; conv_backward
// likewise. Also Cancel, a bad range, a WebM video where the browser has WebCodecs, and the
// dialog on a phone and by keyboard. Screenshot: docs/screenshots/export_gif_frame.png, a frame
// of an exported GIF as projected.
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

/** A cell's text at one decimal fewer (ui/format.ts shortCellText), as presenter mode's large
 * cells show it. */
function shortText(v) {
  let t = v.toFixed(Math.abs(v) >= 10 ? 0 : 1);
  if (/^-0\.?0*$/.test(t)) t = t.slice(1);
  return t.replace('-', '\u2212');
}

/** The slide a projected export is drawn on, CSS px (app/export/exporter.ts SLIDE). */
const SLIDE = { width: 1280, height: 720 };

/** The cells of the grid captioned `caption` in an exported SVG, read in the browser: each
 * cell's box (CSS px of the picture) and the text drawn inside it (null: none), and the note
 * of which part of the grid is shown, if one is. The grid is the group after its caption; its
 * cells are its most common square. */
function svgGrid(page, svg, caption) {
  return page.evaluate(
    ({ text, caption }) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const top = [...doc.documentElement.children];
      const at = top.findIndex((e) => e.nodeName === 'text' && e.textContent === caption);
      if (at < 0) return null;
      const notes = [];
      let g = null;
      for (const e of top.slice(at + 1)) {
        if (e.nodeName === 'g') {
          g = e;
          break;
        }
        if (e.nodeName === 'text') notes.push(e.textContent);
      }
      if (g === null) return null;
      const [tx, ty] = (g.getAttribute('transform').match(/-?[\d.]+/g) ?? []).map(Number);
      const num = (e, a) => Number(e.getAttribute(a));
      const squares = [...g.querySelectorAll('rect')].filter((r) => num(r, 'width') === num(r, 'height'));
      const count = new Map();
      for (const r of squares) count.set(num(r, 'width'), (count.get(num(r, 'width')) ?? 0) + 1);
      const size = [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
      const texts = [...g.querySelectorAll('text')].map((t) => ({
        x: num(t, 'x'),
        y: num(t, 'y'),
        text: t.textContent,
      }));
      const cells = new Map();
      for (const r of squares) {
        if (num(r, 'width') !== size) continue;
        const x = num(r, 'x');
        const y = num(r, 'y');
        if (cells.has(`${x},${y}`)) continue;
        const inside = texts.find((t) => t.x > x && t.x < x + size && t.y > y && t.y < y + size);
        cells.set(`${x},${y}`, { x: tx + x, y: ty + y, s: size, text: inside?.text ?? null });
      }
      return { notes, cells: [...cells.values()].sort((a, b) => a.y - b.y || a.x - b.x) };
    },
    { text: svg.bytes.toString('utf8'), caption },
  );
}

/** Rows and columns of cells laid out at distinct y and x, row-major. */
function cellRows(cells) {
  const ys = [...new Set(cells.map((c) => c.y))].sort((a, b) => a - b);
  const xs = [...new Set(cells.map((c) => c.x))].sort((a, b) => a - b);
  return { rows: ys.length, cols: xs.length, row: (c) => ys.indexOf(c.y), col: (c) => xs.indexOf(c.x) };
}

/** Pixels in the middle of `cell` (where its number is drawn) that stand out from the cell's
 * own colour: luminance more than 100 away from the median of its inside. Hatching, the window's
 * outline and the grid lines stay under that, or outside the middle. */
function inkIn(frame, cell) {
  const lum = (x, y) => {
    const q = 4 * (Math.round(y) * frame.w + Math.round(x));
    return 0.299 * frame.rgba[q] + 0.587 * frame.rgba[q + 1] + 0.114 * frame.rgba[q + 2];
  };
  const inside = [];
  for (let y = cell.y + 0.15 * cell.s; y < cell.y + 0.85 * cell.s; y++)
    for (let x = cell.x + 0.15 * cell.s; x < cell.x + 0.85 * cell.s; x++) inside.push(lum(x, y));
  inside.sort((a, b) => a - b);
  const ground = inside[Math.floor(inside.length / 2)];
  let ink = 0;
  for (let y = cell.y + 0.3 * cell.s; y < cell.y + 0.7 * cell.s; y++)
    for (let x = cell.x + 0.2 * cell.s; x < cell.x + 0.8 * cell.s; x++)
      if (Math.abs(lum(x, y) - ground) > 100) ink++;
  return ink;
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
    const dialog = page.getByRole('dialog', { name: 'Export for slides' });
    await dialog.getByLabel('from', { exact: true }).fill(String(from));
    await dialog.getByLabel('to', { exact: true }).fill(String(to));
  }

  async function asOnPage(page) {
    await page.getByRole('radio', { name: 'as on the page' }).check();
  }

  /** The page's stage as the screen shows it, with the pointer and the dialog out of the way. */
  async function stagePixels(page) {
    await page.mouse.move(0, 0);
    return page.locator('#stage-area').screenshot({ animations: 'disabled' });
  }

  async function closeDialog(page) {
    await page
      .getByRole('dialog', { name: 'Export for slides' })
      .getByRole('button', { name: 'Close' })
      .click();
  }

  test('export: the stage as PNG has twice the stage size in pixels', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${query}&step=37`);
    const size = await stageSize(page);
    await openDialog(page);
    await asOnPage(page);
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
    await asOnPage(page);
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
    await asOnPage(page);
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
      assertEq(webm.name, 'conv_forward-steps-1-10-slide.webm', 'file name (projected)');
      assertEq(webm.bytes.readUInt32BE(0), 0x1a45dfa3, 'EBML header');
      assert(webm.bytes.length > 1000, `video bytes: ${webm.bytes.length}`);
    }
    await page.close();
  });

  /** Saves frame `fr` of a decoded GIF as a PNG screenshot. */
  async function saveFrame(fr, file) {
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
    await view.screenshot({ path: join(root, 'docs/screenshots', file) });
    await view.close();
  }

  test('export: as projected, every A_prev cell shown carries its number, in the SVG and in every GIF frame; the page stays as it was', async () => {
    // at 1440×900 the page draws A_prev's cells at about 30 px: colour, no numbers
    const page = await openPage(api.ctx(), `${api.base()}${query}&step=37`, { width: 1440, height: 900 });
    const url = page.url();
    const before = await stagePixels(page);
    const pageFonts = await page
      .locator('#stage-area canvas[aria-label^="A_prev"]')
      .evaluateAll((cs) => cs.map((c) => Number(c.dataset.font)));
    assert(
      pageFonts.length === Cin && pageFonts.every((f) => f === 0),
      `the page's A_prev has no numbers: ${pageFonts}`,
    );
    await openDialog(page);
    assert(
      await page.getByRole('radio', { name: /as projected/ }).isChecked(),
      'slides are projected: the dialog starts there',
    );
    const svg = await download(page, 'SVG (vectors)');
    const png = await download(page, 'PNG (2× pixels)');
    assertEq(svg.name, 'conv_forward-step-37-slide.svg', "SVG file name (projected: not the page look's)");
    assertEq(png.name, 'conv_forward-step-37-slide.png', 'PNG file name');
    assertEq(png.bytes.readUInt32BE(16), SLIDE.width * 2, 'PNG width: a slide at twice its pixels');
    assertEq(png.bytes.readUInt32BE(20), SLIDE.height * 2, 'PNG height');
    assert(
      svg.bytes.toString('utf8').includes(`width="${SLIDE.width}" height="${SLIDE.height}"`),
      'SVG: a slide',
    );
    // step 37 is in sample 0: A_prev[0,:,:,0], padded, as presenter mode shows it (channel 0 first)
    const A = nb.tensors.get('A_prev');
    const grid = await svgGrid(page, svg, 'A_prev[0,:,:,0]');
    assert(grid !== null, 'the SVG has the A_prev[0,:,:,0] grid');
    const Hp = H + 2 * pad;
    const Wp = W + 2 * pad;
    const part = grid.notes.map((t) => /rows (\d+)(?:–\d+)?, cols (\d+)/.exec(t)).find(Boolean);
    const r0 = part ? Number(part[1]) : 0;
    const c0 = part ? Number(part[2]) : 0;
    const shape = cellRows(grid.cells);
    assert(grid.cells.length === shape.rows * shape.cols, `cells form a block: ${grid.cells.length}`);
    if (!part)
      assertEq(`${shape.rows}x${shape.cols}`, `${Hp}x${Wp}`, 'all of A_prev shown (no note of a part)');
    assert(
      shape.rows >= f && shape.cols >= f,
      `at least a window's cells shown: ${shape.rows}x${shape.cols}`,
    );
    for (const cell of grid.cells) {
      const r = r0 + shape.row(cell);
      const q = c0 + shape.col(cell);
      const h = r - pad;
      const w = q - pad;
      const inside = h >= 0 && w >= 0 && h < H && w < W;
      const v = inside ? A.data[((0 * H + h) * W + w) * Cin + 0] : 0;
      const want = inside ? [shortText(v), cellText(v)] : ['0'];
      assert(
        want.includes(cell.text),
        `A_prev_pad[0,${r},${q},0] drawn as ${JSON.stringify(cell.text)}, the fixture's ${want.join(' or ')}`,
      );
    }
    // the GIF's frames are the same slide: every one has ink in every A_prev cell shown
    await setRange(page, 37, 42);
    const gif = await download(page, 'GIF');
    const g = readGif(gif.bytes);
    assertEq(`${g.width}x${g.height}`, `${SLIDE.width}x${SLIDE.height}`, 'GIF: a slide');
    assertEq(g.frames.length, 6, 'frames');
    for (const [k, fr] of g.frames.entries())
      for (const cell of grid.cells) {
        const ink = inkIn(fr, cell);
        assert(
          ink >= 20,
          `frame ${k + 1}: the A_prev cell at ${cell.x},${cell.y} has a number (${ink} px of ink)`,
        );
      }
    // the measure can fail: Z's cells not computed by step 37 hold no number, and show no ink
    const zGrid = await svgGrid(page, svg, `Z[0,:,:,${Math.floor(36 / (nH * nW))}]`);
    const empty = (zGrid?.cells ?? []).filter((cell) => cell.text === null);
    assertEq(empty.length, nH * nW - 1, "Z's cells not computed yet at step 37");
    for (const cell of empty)
      assert(inkIn(g.frames[0], cell) < 5, `the empty Z cell at ${cell.x},${cell.y}: no ink`);
    await closeDialog(page);
    assertEq(await stepText(page), `step 37 of ${m * Cout * nH * nW}`, 'the transport did not move');
    assertEq(page.url(), url, 'the link did not change');
    assert(before.equals(await stagePixels(page)), "the page's stage looks as it did before the exports");
    if (process.env.E2E_NO_SHOTS !== '1') await saveFrame(g.frames[3], 'export_gif_frame.png');
    await page.close();
  });

  test('export: a projected slide shows the input channel chosen in the dialog (presenter mode pages them), the page look draws them all', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${query}&step=37`, { width: 1440, height: 900 });
    await openDialog(page);
    const dialog = page.getByRole('dialog', { name: 'Export for slides' });
    const pager = dialog.getByRole('group', { name: 'input channels' });
    assertEq(
      (await pager.locator('span').textContent()).trim(),
      `input channel 0 of 0..${Cin - 1}`,
      'the first channel',
    );
    await pager.getByRole('button', { name: 'Next input channel' }).click();
    await pager.getByRole('button', { name: 'Next input channel' }).click();
    assertEq(
      (await pager.locator('span').textContent()).trim(),
      `input channel 2 of 0..${Cin - 1}`,
      'after two steps',
    );
    const svg = await download(page, 'SVG (vectors)');
    const texts = await page.evaluate(
      (text) =>
        [...new DOMParser().parseFromString(text, 'image/svg+xml').querySelectorAll('text')].map(
          (t) => t.textContent,
        ),
      svg.bytes.toString('utf8'),
    );
    assert(
      texts.some((t) => t.includes('A_prev[0,:,:,2]')),
      `the slide draws A_prev[0,:,:,2]: ${texts.filter((t) => t.includes('A_prev')).join(', ')}`,
    );
    assert(!texts.some((t) => t.includes('A_prev[0,:,:,0]')), 'the slide does not draw channel 0');
    // the page's own look draws every channel: no choice to make
    await page.getByRole('radio', { name: 'as on the page' }).check();
    assertEq(
      await dialog.getByRole('group', { name: 'input channels' }).count(),
      0,
      'no channel choice for the page look',
    );
    await closeDialog(page);
    await page.close();
  });

  test('export: conv_backward as a projected GIF of 6 steps: slide frames, dZ with a number in every cell', async () => {
    const back = '?op=conv_backward&m=10&H=4&W=4&Cin=3&Cout=8&f=2&stride=2&pad=2&seed=1&data=gauss&dz=z';
    const page = await openPage(api.ctx(), `${api.base()}${back}&step=3`, { width: 1440, height: 900 });
    const before = await stagePixels(page);
    await openDialog(page);
    await setRange(page, 1, 6);
    const gif = await download(page, 'GIF');
    assertEq(gif.name, 'conv_backward-steps-1-6-slide.gif', "file name (projected: not the page look's)");
    const g = readGif(gif.bytes);
    assertEq(`${g.width}x${g.height}`, `${SLIDE.width}x${SLIDE.height}`, 'GIF: a slide');
    assertEq(g.frames.length, 6, 'frames');
    const svg = await download(page, 'SVG (vectors)');
    const grid = await svgGrid(page, svg, 'dZ[0,:,:,0]');
    assert(grid !== null, 'the SVG has the dZ[0,:,:,0] grid');
    assert(grid.cells.length >= 4, `dZ cells shown: ${grid.cells.length}`);
    for (const cell of grid.cells)
      assert(/^\u2212?\d+(\.\d+)?$/.test(cell.text ?? ''), `a dZ cell drawn as ${JSON.stringify(cell.text)}`);
    for (const [k, fr] of g.frames.entries()) {
      for (const cell of grid.cells)
        assert(inkIn(fr, cell) >= 20, `frame ${k + 1}: the dZ cell at ${cell.x},${cell.y} has a number`);
      if (k > 0) {
        const prev = g.frames[k - 1].rgba;
        let diff = 0;
        for (let q = 0; q < fr.rgba.length; q += 4)
          if (fr.rgba[q] !== prev[q] || fr.rgba[q + 1] !== prev[q + 1]) diff++;
        assert(diff > 50, `frame ${k + 1} differs from frame ${k}: ${diff} pixels`);
      }
    }
    await closeDialog(page);
    assertEq(await stepText(page), 'step 3 of 1280', 'the transport did not move');
    assert(before.equals(await stagePixels(page)), "the page's stage looks as it did before the exports");
    await page.close();
  });

  test('export: the dialog on a phone: labelled choices, every target at least 44 px, the look chosen by keyboard', async () => {
    const page = await openPage(api.ctx(), `${api.base()}${query}`, { width: 390, height: 844 });
    await openDialog(page);
    const small = await page.getByRole('dialog', { name: 'Export for slides' }).evaluate((d) =>
      [...d.querySelectorAll('button, input:not([type="radio"]), label:has(> input[type="radio"])')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({
          what: el.textContent.trim().slice(0, 24) || el.getAttribute('aria-label'),
          h: el.getBoundingClientRect().height,
        }))
        .filter((t) => t.h < 44),
    );
    assertEq(JSON.stringify(small), '[]', 'targets under 44 px');
    const projected = page.getByRole('radio', {
      name: 'as projected (presenter mode: a number in every cell)',
    });
    const onPage = page.getByRole('radio', { name: 'as on the page' });
    await projected.focus();
    await page.keyboard.press('ArrowUp');
    assert(await onPage.isChecked(), 'the arrow key chose "as on the page"');
    await page.keyboard.press('ArrowDown');
    assert(await projected.isChecked(), 'and back to "as projected"');
    assertEq(
      await page.getByRole('group', { name: 'Draw the stage' }).count(),
      1,
      'the choices are one group named by its legend',
    );
    await page.close();
  });
}
