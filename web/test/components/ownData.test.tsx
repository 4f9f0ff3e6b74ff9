// Your own data in the store and the panel: the data source's shape rule, the link, pasted
// arrays, and what a file's header says before it is decoded (ownDataZ.test.ts: the images' Z).
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { fitPasted } from '../../src/app/owndata/PasteArrays';
import { linkSentence } from '../../src/app/owndata/OwnData';
import { sniffImage } from '../../src/app/owndata/sniff';
import type { Tensor } from '../../src/engine/types';
import { resetLocale, setLocale } from '../../src/state/locale';
import { makeStore, renderApp } from './setup';

describe('the data source', () => {
  it('uses a custom tensor only while its shape fits, and says nothing changed on a refusal', async () => {
    const store = await makeStore('?op=conv_forward');
    const A: Tensor = { shape: [1, 4, 4, 1], data: new Float64Array(16).fill(0.5) };
    expect(
      store.setSource({ A_prev: { tensor: A, origin: 'test' } }, { m: 1, H: 4, W: 4, Cin: 1, pad: 0, f: 2 }),
    ).toBeNull();
    expect(store.run.value.data.A_prev).toBe(A);
    // a layer it does not fit: the seed's draw is used, the tensor is kept for later
    store.setField('H', '5');
    expect(store.run.value.data.A_prev.shape).toEqual([1, 5, 4, 1]);
    expect(store.source.value.A_prev?.tensor).toBe(A);
    store.setField('H', '4');
    expect(store.run.value.data.A_prev).toBe(A);
    // a refused layer: a sentence, and the run, the layer and the source stay
    const before = store.run.value;
    const said = store.setSource({ A_prev: null }, { f: 9 });
    expect(said?.()).toMatch(/[a-z]{3}/);
    // the refusal is what says its sentence: read after a switch, it speaks the new language
    setLocale('ko');
    expect(said?.()).toMatch(/[가-힣]/);
    resetLocale(['en']);
    expect(store.run.value).toBe(before);
    expect(store.source.value.A_prev?.tensor).toBe(A);
  });

  it('opens a link with a filter preset or a small W as that W', async () => {
    const store = await makeStore(
      '?op=conv_forward&m=1&H=6&W=6&Cin=1&Cout=2&f=3&pad=1&stride=1&filter=sobel_x.sobel_y-3-sum',
    );
    expect(Array.from(store.run.value.inputs?.W?.data ?? [])).toEqual([
      -1, -1, 0, -2, 1, -1, -2, 0, 0, 0, 2, 0, -1, 1, 0, 2, 1, 1,
    ]);
    const w = await makeStore(
      '?op=conv_forward&m=1&H=6&W=6&Cin=1&Cout=1&f=3&pad=0&stride=1&weights=3x3x1x1_0_-1_0_-1_5_-1_0_-1_0',
    );
    expect(Array.from(w.run.value.inputs?.W?.data ?? [])).toEqual([0, -1, 0, -1, 5, -1, 0, -1, 0]);
    const bad = await makeStore('?op=conv_forward&filter=nope-3-sum');
    expect(bad.notes.value.join(' ')).toMatch(/nope/);
  });

  it('the copied link says what does not travel', () => {
    expect(linkSentence([])).toMatch(/^Link copied: /);
    expect(linkSentence(['A_prev'])).toMatch(
      /without your A_prev: an image or a large array does not travel/,
    );
  });
});

describe('pasted arrays', () => {
  it('take the layer shape, or that shape without its 1s, and otherwise say both shapes', () => {
    const d = new Float64Array(9);
    expect(fitPasted('W', d, [3, 3], [3, 3, 1, 1])).toEqual({ shape: [3, 3, 1, 1], data: d });
    expect(fitPasted('W', d, [3, 3, 1, 1], [3, 3, 1, 1])).toEqual({ shape: [3, 3, 1, 1], data: d });
    const refused = fitPasted('W', d, [9], [3, 3, 1, 1]);
    expect(typeof refused === 'function' ? refused() : refused).toBe(
      "W must have shape (3, 3, 1, 1) for this layer; the pasted array has shape (9). Change the layer's sizes first, or paste an array of that shape.",
    );
  });

  it('a pasted b goes into the run through the panel; a bad one gets its sentence', async () => {
    const { store } = await renderApp('?op=conv_forward&m=1&H=4&W=4&Cin=1&Cout=2&f=3&pad=0&stride=1');
    fireEvent.change(screen.getByRole('combobox', { name: /into/ }), { target: { value: 'b' } });
    const box = screen.getByRole('textbox', { name: 'b as a numpy literal' });
    fireEvent.input(box, { target: { value: '[[[[0.5, -2.0]]]]' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use as b' }));
    expect(Array.from(store.run.value.inputs?.b?.data ?? [])).toEqual([0.5, -2]);
    fireEvent.input(box, { target: { value: '[1, 2, 3]' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use as b' }));
    expect(screen.getByRole('alert').textContent).toMatch(
      /b must have shape \(1, 1, 1, 2\).*has shape \(3\)/,
    );
    expect(Array.from(store.run.value.inputs?.b?.data ?? [])).toEqual([0.5, -2]);
  });
});

describe('sniffing a file before decoding it', () => {
  const png = (w: number, h: number) => {
    const b = new Uint8Array(33);
    b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    new DataView(b.buffer).setUint32(16, w);
    new DataView(b.buffer).setUint32(20, h);
    return b;
  };
  it('reads the size of each format from its header', () => {
    expect(sniffImage(png(23, 17), 'a.png')).toEqual({ ok: true, format: 'png', width: 23, height: 17 });
    const gif = new Uint8Array([71, 73, 70, 56, 57, 97, 10, 1, 5, 0]);
    expect(sniffImage(gif, 'a.gif')).toEqual({ ok: true, format: 'gif', width: 266, height: 5 });
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 40, 0, 30, 3, 0, 0, 0,
    ]);
    expect(sniffImage(jpeg, 'a.jpg')).toEqual({ ok: true, format: 'jpeg', width: 30, height: 40 });
  });
  it('refuses empty, huge, SVG and unknown files with their sentences', () => {
    expect(sniffImage(new Uint8Array(0), 'e.png')).toMatchObject({
      ok: false,
      message: '“e.png” is empty (0 bytes): there is no image in it.',
    });
    expect(sniffImage(png(20000, 20000), 'h.png')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^“h.png” is 20000 × 20000 pixels, too large/),
    });
    const svg = new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(sniffImage(svg, 's.svg')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/is an SVG drawing, not pixels/),
    });
    expect(sniffImage(new TextEncoder().encode('hello'), 't.txt')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/is not a PNG, JPEG, WebP or GIF/),
    });
    expect(sniffImage(png(23, 17).subarray(0, 12), 'c.png')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cut short or damaged/),
    });
  });
});
