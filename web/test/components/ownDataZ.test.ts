// @vitest-environment node
// Your own data through the app's path: the committed test images (decoded by the tests' own PNG
// reader), resized by lib/image, with each preset filter, put into the store's data source; the
// run conv_forward opens on them, stepped to its end, gives numpy's Z (tests/fixtures/images.txt)
// within 1e-12 of the sum of the magnitudes of the terms. (Node: the fixtures are read as files.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/engine/types';
import { imageToAPrev } from '../../src/lib/image';
import { filterTensors } from '../../src/state/source';
import { mismatch, refConvForward } from '../engine/reference';
import { fixtureDir, loadImageFixtures } from '../lib/imageFixtures';
import { decodePng } from '../lib/png';
import { makeStore } from './setup';

const fixtures = loadImageFixtures();

/** The stepper's Z after the last step: what the page shows at the end. */
function steppedZ(store: Awaited<ReturnType<typeof makeStore>>): Tensor {
  store.toEnd();
  const out = store.run.value.stepper.tensor('out');
  if (out === null) throw new Error('no output');
  return out;
}

describe.each(fixtures.filters.map((c) => [c.name, c] as const))('own data, %s', (_name, c) => {
  it("the app's Z on the committed PNG with that preset equals numpy's", { timeout: 30000 }, async () => {
    const png = decodePng(readFileSync(new URL(fixtures.images.get(c.image)!.file, fixtureDir)));
    const A = imageToAPrev(png, { outH: c.outH, outW: c.outW, channels: c.channels });
    if (!A.ok) throw new Error(A.message);
    const bank = filterTensors(c.filter, c.channels);
    if (typeof bank === 'string') throw new Error(bank);
    const store = await makeStore('?op=conv_forward');
    const refused = store.setSource(
      { A_prev: { tensor: A.A_prev, origin: c.image }, W: bank.W, b: bank.b },
      {
        m: 1,
        H: c.outH,
        W: c.outW,
        Cin: c.channels,
        Cout: c.conv.nC,
        f: c.conv.f,
        stride: c.conv.stride,
        pad: c.conv.pad,
        dil: c.conv.dilation,
      },
    );
    expect(refused).toBeNull();
    expect(store.run.value.data.A_prev).toBe(A.A_prev);
    const ref = refConvForward(A.A_prev, bank.W.tensor, bank.b.tensor, {
      ...c.conv,
      nC: c.conv.nC,
    });
    expect(mismatch('Z', steppedZ(store), c.Z, ref.magnitude)).toBeNull();
    // the filter travels in the link; the image does not
    expect(store.query.value).toContain(`filter=${c.filter}`);
  });
});
