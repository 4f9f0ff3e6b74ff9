// Reader for tests/fixtures/images.txt (written by tests/fixtures/images.py; format in
// tests/fixtures/images/README.md): the test images' RGBA bytes, resize cases and filter cases.
import { readFileSync } from 'node:fs';
import type { Shape4, Tensor } from '../../src/engine/types';
import type { RgbaImage } from '../../src/lib/image/resize';

interface ImageFixture {
  name: string;
  /** the PNG, relative to tests/fixtures/ */
  file: string;
  image: RgbaImage & { data: Uint8Array };
}

interface ResizeFixture {
  name: string;
  image: string;
  outH: number;
  outW: number;
  channels: 1 | 3;
  A_prev: Tensor;
}

interface FilterFixture extends ResizeFixture {
  /** the preset choice as link text, e.g. sobel_x.sobel_y-3-sum */
  filter: string;
  conv: { f: number; nC: number; stride: number; pad: number; dilation: number };
  W: Tensor;
  b: Tensor;
  Z: Tensor;
}

export interface ImageFixtures {
  images: Map<string, ImageFixture>;
  resizes: ResizeFixture[];
  filters: FilterFixture[];
}

export const fixtureDir = new URL('../../../tests/fixtures/', import.meta.url);

function whole(word: string | undefined, where: string): number {
  const v = Number(word);
  if (word === undefined || !Number.isInteger(v))
    throw new Error(`${where}: '${word}' is not a whole number`);
  return v;
}

function parseImageFixtures(text: string): ImageFixtures {
  const out: ImageFixtures = { images: new Map(), resizes: [], filters: [] };
  let cur: Map<string, string[]> | null = null;
  let tensors = new Map<string, Tensor>();
  text.split('\n').forEach((raw, index) => {
    const where = `images.txt:${index + 1}`;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [key, ...rest] = line.split(' ');
    if (key === 'case') {
      if (cur !== null) throw new Error(`${where}: a case opens before the last one ends`);
      cur = new Map([['case', rest]]);
      tensors = new Map();
      return;
    }
    if (cur === null) throw new Error(`${where}: '${key}' outside a case`);
    if (key === 'tensor') {
      const dims = rest.slice(1, 5).map((d) => whole(d, where)) as unknown as Shape4;
      const values = rest.slice(5).map(Number);
      if (values.length !== dims[0] * dims[1] * dims[2] * dims[3] || values.some(Number.isNaN)) {
        throw new Error(`${where}: tensor ${rest[0]} does not fill its shape`);
      }
      tensors.set(rest[0]!, { shape: dims, data: Float64Array.from(values) });
      return;
    }
    if (key !== 'end') {
      cur.set(key!, rest);
      return;
    }
    const c: Map<string, string[]> = cur;
    cur = null;
    const name = c.get('case')![0]!;
    const need = (t: string): Tensor => {
      const v = tensors.get(t);
      if (v === undefined) throw new Error(`${where}: case ${name} has no tensor ${t}`);
      return v;
    };
    if (c.has('pixels')) {
      const [w, h, hex] = c.get('pixels')!;
      const width = whole(w, where);
      const height = whole(h, where);
      const data = Uint8Array.from(Buffer.from(hex!, 'hex'));
      if (data.length !== width * height * 4)
        throw new Error(`${where}: ${name} has the wrong number of bytes`);
      out.images.set(name.replace(/^image_/, ''), {
        name,
        file: c.get('file')![0]!,
        image: { width, height, data },
      });
      return;
    }
    const [outH, outW, channels] = c.get('resize')!.map((d) => whole(d, where));
    const resize: ResizeFixture = {
      name,
      image: c.get('image')![0]!,
      outH: outH!,
      outW: outW!,
      channels: channels as 1 | 3,
      A_prev: tensors.get('A_prev') ?? { shape: [0, 0, 0, 0], data: new Float64Array(0) },
    };
    if (!c.has('filter')) {
      need('A_prev');
      out.resizes.push(resize);
      return;
    }
    const [f, nC, stride, pad, dilation] = c.get('conv')!.map((d) => whole(d, where));
    out.filters.push({
      ...resize,
      filter: c.get('filter')![0]!,
      conv: { f: f!, nC: nC!, stride: stride!, pad: pad!, dilation: dilation! },
      W: need('W'),
      b: need('b'),
      Z: need('Z'),
    });
  });
  if (cur !== null) throw new Error('images.txt: the last case has no end');
  return out;
}

export function loadImageFixtures(): ImageFixtures {
  return parseImageFixtures(readFileSync(new URL('images.txt', fixtureDir), 'utf8'));
}
