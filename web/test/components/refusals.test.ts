// The page says the C library's refusals itself, in the page's language, from the status and the
// layer (state/refusals.ts). These tests hold its checks to the library's: over a grid of layers,
// it refuses exactly the layers the library refuses, and its English sentence is the library's
// own, word for word; its Korean sentence carries the same numbers.

import { afterEach, describe, expect, it } from 'vitest';
import type { Shape4, Validation } from '../../src/engine/types';
import { resetLocale, setLocale } from '../../src/state/locale';
import { convRefusal, convTransposeRefusal, localized, poolRefusal } from '../../src/state/refusals';
import { engine } from './setup';

afterEach(() => resetLocale(['en']));

// the numbers a sentence reports, in any order (Korean puts them where its grammar does)
const numbers = (s: string) => (s.match(/\d+/g) ?? []).sort().join(' ');

/** The page refuses `layer` exactly where the library does, with its English sentence word for
 * word; whether it was refused. */
function saidAsLibrary(v: Validation, said: string | null, layer: object): said is string {
  expect(said === null, JSON.stringify(layer)).toBe(v.ok);
  if (v.ok || said === null) return false;
  expect(said).toBe(v.message);
  return true;
}

describe('the C library’s refusals, said by the page', () => {
  it('conv: the same layers refused, the same English sentence, the same numbers in Korean', async () => {
    const e = await engine();
    let refused = 0;
    for (const H of [1, 2, 5])
      for (const W of [1, 3, 7])
        for (const f of [1, 2, 3, 6, 9])
          for (const pad of [0, 1, 2])
            for (const stride of [1, 2])
              for (const dilation of [1, 2, 3]) {
                const shape: Shape4 = [2, H, W, 3];
                const p = { f, nC: 4, stride, pad, dilation };
                const v = e.validateConv(shape, p);
                const said = convRefusal(shape, p);
                if (!saidAsLibrary(v, said, { shape, p })) continue;
                refused++;
                setLocale('ko');
                const ko = convRefusal(shape, p) ?? '';
                setLocale('en');
                expect(ko).toMatch(/[가-힣]/);
                expect(numbers(ko)).toBe(numbers(said));
              }
    expect(refused).toBeGreaterThan(50);
  });

  it('conv: the issue’s example in Korean', () => {
    setLocale('ko');
    expect(convRefusal([1, 3, 3, 1], { f: 6, nC: 1, stride: 1, pad: 1, dilation: 1 })).toBe(
      '필터 6×6이 패딩된 입력 5×5에 맞지 않습니다',
    );
  });

  it('pool: the same layers refused, the same English sentence', async () => {
    const e = await engine();
    let refused = 0;
    for (const H of [1, 2, 4, 7])
      for (const W of [1, 3, 5])
        for (const f of [1, 2, 3, 5, 9])
          for (const stride of [1, 2, 3]) {
            const shape: Shape4 = [1, H, W, 2];
            const p = { f, stride, mode: 'max' as const, ties: 'all' as const };
            const v = e.validatePool(shape, p);
            const said = poolRefusal(shape, p);
            if (saidAsLibrary(v, said, { shape, p })) refused++;
          }
    expect(refused).toBeGreaterThan(20);
  });

  it('conv_transpose: the same layers refused, the same English sentence', async () => {
    const e = await engine();
    let refused = 0;
    for (const H of [1, 2, 4])
      for (const f of [1, 2, 3])
        for (const stride of [1, 2, 3])
          for (const pad of [0, 1, 2, 4])
            for (const outputPadding of [0, 1, 2])
              for (const dilation of [1, 2]) {
                const shape: Shape4 = [1, H, H + 1, 2];
                const p = { f, nCOut: 3, stride, pad, dilation, outputPadding };
                const v = e.validateConvTranspose(shape, p);
                const said = convTransposeRefusal(shape, p);
                if (saidAsLibrary(v, said, { shape, p })) refused++;
              }
    expect(refused).toBeGreaterThan(20);
  });

  it('a refused validation says its sentence when read, in the language of that moment', async () => {
    const e = await engine();
    const shape: Shape4 = [1, 3, 3, 1];
    const p = { f: 6, nC: 1, stride: 1, pad: 1, dilation: 1 };
    const v = localized(e.validateConv(shape, p), () => convRefusal(shape, p));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.message).toBe('filter 6×6 does not fit the padded input 5×5');
    setLocale('ko');
    expect(v.message).toBe('필터 6×6이 패딩된 입력 5×5에 맞지 않습니다');
  });
});
