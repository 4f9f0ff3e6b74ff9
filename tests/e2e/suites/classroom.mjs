// Classroom defects: what a projected stage or an embed must not do. Each test names what it
// protects; the stage is read as a person sees it (its canvases' number fonts, boxes on screen).
//
// conv_backward's notebook case (A_prev (10,4,4,3), W (2,2,3,8), dZ = Z) is the common page.

const NOTEBOOK_BACKWARD =
  '?op=conv_backward&m=10&H=4&W=4&Cin=3&Cout=8&f=2&stride=2&pad=2&seed=1&data=gauss&dz=z';

export function register(api) {
  const { test, assert, openPage } = api;

  test('classroom: grids of one size side by side all show their numbers, or none does', async () => {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1440, height: 900 },
    ]) {
      for (const step of [10, 40, 200]) {
        const page = await openPage(api.ctx(), `${api.base()}${NOTEBOOK_BACKWARD}&step=${step}`, size);
        const groups = await page.evaluate(() => {
          const fonts = (sel) =>
            [...document.querySelectorAll(sel)].map((c) => ({ w: c.width, font: Number(c.dataset.font) }));
          return { small: fonts('.bw-small canvas'), dA: fonts('.bw-fig-da canvas') };
        });
        for (const [name, list] of Object.entries(groups)) {
          assert(list.length >= 2, `${name}: several grids on the stage (${list.length})`);
          const bySize = new Map();
          for (const g of list) bySize.set(g.w, [...(bySize.get(g.w) ?? []), g.font > 0]);
          for (const [w, shown] of bySize)
            assert(
              shown.every((x) => x === shown[0]),
              `${size.width}×${size.height}, step ${step}: ${name} grids ${w} px wide draw numbers in some and not others: ${shown.join(', ')}`,
            );
        }
        await page.close();
      }
    }
  });
}
