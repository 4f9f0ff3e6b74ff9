// Reader for the reference fixtures in tests/fixtures/*.txt (written by tests/fixtures/generate.py).
//
// Format, one item per line: '#' comments and blank lines are skipped; `case <name>` opens a case
// and `end` closes it; inside, `op conv|pool|conv_transpose`, `shape m H W C`,
// `conv f n_C stride pad dilation`, `conv_transpose f n_C_out stride pad dilation output_padding`,
// `pool f stride max|average`, `seed s`, and `tensor <name> d0 d1 d2 d3 v0 v1 ...`.
import { readFileSync } from 'node:fs';
import type { ConvParams, ConvTransposeParams, PoolMode, Shape4, Tensor } from '../../src/engine/types';

export interface FixtureCase {
  name: string;
  /** line where the case opens, for messages */
  line: number;
  op?: 'conv' | 'pool' | 'conv_transpose';
  shape?: Shape4;
  conv?: ConvParams;
  convTranspose?: ConvTransposeParams;
  pool?: { f: number; stride: number; mode: PoolMode };
  seed?: number;
  tensors: Map<string, Tensor>;
}

function ints(words: string[], n: number, where: string): number[] {
  if (words.length !== n) throw new Error(`${where}: expected ${n} numbers, got ${words.length}`);
  return words.map((w) => {
    const v = Number(w);
    if (!Number.isInteger(v)) throw new Error(`${where}: ${w} is not a whole number`);
    return v;
  });
}

export function parseFixtures(text: string, file = 'fixtures'): FixtureCase[] {
  const cases: FixtureCase[] = [];
  let cur: FixtureCase | null = null;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    const where = `${file}:${index + 1}`;
    if (line === '' || line.startsWith('#')) return;
    const [key, ...rest] = line.split(/\s+/);
    if (key === 'case') {
      if (cur !== null) throw new Error(`${where}: case ${rest[0]} opens before ${cur.name} ends`);
      cur = { name: rest.join(' '), line: index + 1, tensors: new Map() };
      return;
    }
    if (cur === null) throw new Error(`${where}: '${key}' outside a case`);
    const c: FixtureCase = cur;
    switch (key) {
      case 'end':
        cases.push(c);
        cur = null;
        break;
      case 'op':
        if (rest[0] !== 'conv' && rest[0] !== 'pool' && rest[0] !== 'conv_transpose')
          throw new Error(`${where}: unknown op ${rest[0]}`);
        c.op = rest[0];
        break;
      case 'shape': {
        const [m, h, w, ch] = ints(rest, 4, where);
        c.shape = [m!, h!, w!, ch!];
        break;
      }
      case 'conv': {
        const [f, nC, stride, pad, dilation] = ints(rest, 5, where);
        c.conv = { f: f!, nC: nC!, stride: stride!, pad: pad!, dilation: dilation! };
        break;
      }
      case 'conv_transpose': {
        const [f, nCOut, stride, pad, dilation, outputPadding] = ints(rest, 6, where);
        c.convTranspose = {
          f: f!,
          nCOut: nCOut!,
          stride: stride!,
          pad: pad!,
          dilation: dilation!,
          outputPadding: outputPadding!,
        };
        break;
      }
      case 'pool': {
        const [f, stride] = ints(rest.slice(0, 2), 2, where);
        const mode = rest[2];
        if (mode !== 'max' && mode !== 'average') throw new Error(`${where}: unknown pool mode ${mode}`);
        c.pool = { f: f!, stride: stride!, mode };
        break;
      }
      case 'seed':
        c.seed = ints(rest, 1, where)[0]!;
        break;
      case 'tensor': {
        const name = rest[0]!;
        const [d0, d1, d2, d3] = ints(rest.slice(1, 5), 4, where);
        const shape: Shape4 = [d0!, d1!, d2!, d3!];
        const values = rest.slice(5).map(Number);
        const n = d0! * d1! * d2! * d3!;
        if (values.length !== n)
          throw new Error(`${where}: tensor ${name} has ${values.length} values, shape needs ${n}`);
        if (values.some((v) => Number.isNaN(v)))
          throw new Error(`${where}: tensor ${name} has a value that is not a number`);
        c.tensors.set(name, { shape, data: Float64Array.from(values) });
        break;
      }
      default:
        throw new Error(`${where}: unknown line '${key}'`);
    }
  });
  if (cur !== null) throw new Error(`${file}: case ${(cur as FixtureCase).name} has no end`);
  return cases;
}

const fixtureDir = new URL('../../../tests/fixtures/', import.meta.url);

/** The cases of tests/fixtures/<name>. */
export function loadFixtures(name: string): FixtureCase[] {
  return parseFixtures(readFileSync(new URL(name, fixtureDir), 'utf8'), name);
}

/** A tensor the case must have. */
export function tensorOf(c: FixtureCase, name: string): Tensor {
  const t = c.tensors.get(name);
  if (t === undefined) throw new Error(`fixture case ${c.name} has no tensor ${name}`);
  return t;
}
