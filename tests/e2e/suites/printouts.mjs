// End-to-end test of "copy as numpy": at the end of the notebook's conv_forward walk the
// printout panel is open; its copy buttons put np.array([...]) text on the clipboard, and
// numpy (/usr/bin/python3) reads that text back to exactly the float64 values the page holds
// (compared by their bits, as float.hex). Skipped, with the reason printed, only when python3
// with numpy is missing. Screenshot: docs/screenshots/printout.png. Also: the four notebook
// presets, walked to their end, print what numpy prints (tests/fixtures/printouts.json).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PY = '/usr/bin/python3';

function numpyMissing() {
  try {
    execFileSync(PY, ['-c', 'import numpy'], { stdio: 'ignore' });
    return null;
  } catch {
    return `${PY} with numpy is missing`;
  }
}

/** numpy's reading of a literal: the shape and every value as float.hex. */
function readBack(literal) {
  const code =
    'import sys, json, numpy as np\n' +
    'a = np.asarray(eval(sys.stdin.read(), {"np": np}), dtype=np.float64)\n' +
    'print(json.dumps({"shape": list(a.shape), "hex": [float(x).hex() for x in a.ravel()]}))\n';
  return JSON.parse(execFileSync(PY, ['-c', code], { input: literal }).toString());
}

/** A float64's bits as hex. */
function bits(x) {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, Number(x));
  return v.getBigUint64(0).toString(16);
}

/** Python's float.hex text to the float64's bits as hex. */
function hexBits(h) {
  const m = /^(-?)0x([01])\.([0-9a-f]+)p([-+][0-9]+)$/.exec(h);
  if (!m) return h === '0x0.0p+0' ? bits(0) : h === '-0x0.0p+0' ? bits(-0) : `?${h}`;
  const mant = BigInt(`0x${m[3].padEnd(13, '0')}`) + (m[2] === '1' ? 1n << 52n : 0n);
  return bits((m[1] ? -1 : 1) * Number(mant) * 2 ** (Number(m[4]) - 52));
}

export function register(api) {
  const { test, assert, assertEq, openPage } = api;
  const forward = '?op=conv_forward&m=2&H=5&W=7&Cin=4&Cout=8&f=3&stride=2&pad=1&dil=1&seed=1&data=gauss';

  // The four notebook presets, chosen by their buttons and walked to the end: what the panel
  // prints is what numpy prints for the same test cell (tests/fixtures/printouts.json, written
  // by tests/fixtures/printouts.py), every line and every .tolist(), in Chromium.
  const fixture = JSON.parse(readFileSync(join(api.root, 'tests/fixtures/printouts.json'), 'utf8'));
  const PRESETS = [
    ['conv_forward', 'conv_forward'],
    ['conv_backward', 'conv_backward'],
    ['pool_forward', 'pool_forward_s1_max'],
    ['pool_backward', 'pool_backward_max'],
  ];
  for (const [op, cell] of PRESETS) {
    test(`printout: the Notebook ${op} preset at its end prints what numpy prints`, async () => {
      const page = await openPage(api.ctx(), `${api.base()}?op=${op}`, { width: 1440, height: 900 });
      await page.getByRole('button', { name: new RegExp(`^Notebook ${op}`) }).click();
      await page.getByRole('button', { name: 'Go to end' }).click();
      await page.locator('details.printouts[open]').waitFor({ timeout: 3000 });
      const want = fixture.cells[cell].lines;
      const seen = await page.evaluate(() => ({
        codes: [...document.querySelectorAll('.printout-code')].map((c) => c.textContent),
        texts: [...document.querySelectorAll('pre.printout-text')].map((p) => p.textContent),
        full: [...document.querySelectorAll('pre.printout-full')].map(
          (p) => p.textContent.split('\n')[1] ?? '',
        ),
      }));
      assertEq(
        JSON.stringify(seen.codes),
        JSON.stringify(want.map((l) => `>>> ${l.code}`)),
        `${op}: the lines printed`,
      );
      assertEq(JSON.stringify(seen.texts), JSON.stringify(want.map((l) => l.text)), `${op}: numpy's print`);
      assertEq(
        JSON.stringify(seen.full),
        JSON.stringify(want.flatMap((l) => (l.tolist === undefined ? [] : [l.tolist]))),
        `${op}: numpy's .tolist()`,
      );
      await page.close();
    });
  }

  test('printout: copy as numpy gives text that numpy reads back to the same float64 values', async () => {
    const why = numpyMissing();
    if (why) {
      console.log(`      skipped: ${why}`);
      return;
    }
    const ctx = api.ctx();
    const page = await openPage(ctx, `${api.base()}${forward}&step=192`);
    const origin = new URL(page.url()).origin;
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const panel = page.locator('details.printouts');
    assert(await panel.evaluate((d) => d.open), 'the printout is not open at the end of the walk');
    for (const name of ['Z', 'W', 'Z[0, 2, 1]']) {
      await page.getByRole('button', { name: `Copy ${name} as numpy` }).click();
      await page.getByText(`Copied ${name} as numpy.`).waitFor();
      const literal = await page.evaluate(() => navigator.clipboard.readText());
      assert(literal.startsWith('np.array('), `${name}: copied ${literal.slice(0, 40)}`);
      const got = readBack(literal);
      // the same values as JavaScript reads the copied digits (shortest round-trip text), bit for bit
      const mine = (literal.match(/-?(?:[0-9]+\.[0-9]*(?:e[-+]?[0-9]+)?|[0-9]+e[-+]?[0-9]+)/g) ?? []).map(
        bits,
      );
      assertEq(got.hex.map(hexBits).join(' '), mine.join(' '), `${name}: values numpy read back`);
      if (name === 'Z[0, 2, 1]') {
        // and those are the page's own values, as its .tolist() line prints them
        const shown = (await page.locator('pre[aria-label^="Z[0, 2, 1]"]').textContent()).split('\n')[1];
        assertEq(
          JSON.stringify(JSON.parse(shown).map(bits)),
          JSON.stringify(mine),
          'Z[0, 2, 1] copied vs shown',
        );
      }
    }
    // Z's shape as numpy reads it
    await page.getByRole('button', { name: 'Copy Z as numpy' }).click();
    await page.getByText('Copied Z as numpy.').waitFor();
    const z = readBack(await page.evaluate(() => navigator.clipboard.readText()));
    assertEq(z.shape.join(','), '2,3,4,8', 'Z shape read back');
    await panel.scrollIntoViewIfNeeded();
    await api.shot(page, 'printout.png');
    await page.close();
  });
}
