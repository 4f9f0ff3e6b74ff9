// Reader for tests/fixtures/numpy_text.txt (written by tests/fixtures/numpy_text.py, whose
// docstring gives the format): cases with a shape, float64 values and numpy's own texts.
import { readFileSync } from 'node:fs';

export interface TextCase {
  name: string;
  shape: number[];
  data: Float64Array;
  /** numpy print options in force for the texts (threshold Infinity for sys.maxsize) */
  options?: { precision: number; threshold: number; edgeitems: number; linewidth: number };
  /** repr(arr) shows every value to full precision */
  exact?: boolean;
  /** the string printed before the array */
  label?: string;
  /** kind (str, repr, tolist, print, scalar, str1) -> text */
  texts: Map<string, string>;
}

/** A value as the fixture writes it: Python's repr(float). */
function pyFloat(token: string): number {
  if (token === 'nan') return Number.NaN;
  if (token === 'inf') return Number.POSITIVE_INFINITY;
  if (token === '-inf') return Number.NEGATIVE_INFINITY;
  const v = Number(token);
  if (Number.isNaN(v)) throw new Error(`numpy_text.txt: ${token} is not a float`);
  return v;
}

function parseTextFixtures(text: string): TextCase[] {
  const lines = text.split('\n');
  const cases: TextCase[] = [];
  let cur: TextCase | null = null;
  for (let k = 0; k < lines.length; ) {
    const line = lines[k++]!;
    if (cur === null && (line.trim() === '' || line.startsWith('#'))) continue;
    const space = line.indexOf(' ');
    const key = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? '' : line.slice(space + 1);
    if (key === 'case') {
      cur = { name: rest, shape: [], data: new Float64Array(0), texts: new Map() };
      continue;
    }
    if (cur === null) throw new Error(`numpy_text.txt:${k}: '${key}' outside a case`);
    switch (key) {
      case 'end':
        cases.push(cur);
        cur = null;
        break;
      case 'shape':
        cur.shape = rest === '' ? [] : rest.split(' ').map(Number);
        break;
      case 'values':
        cur.data = Float64Array.from(rest === '' ? [] : rest.split(' ').map(pyFloat));
        break;
      case 'options': {
        const o = Object.fromEntries(rest.split(' ').map((kv) => kv.split('=') as [string, string]));
        cur.options = {
          precision: Number(o.precision),
          threshold: o.threshold === 'max' ? Number.POSITIVE_INFINITY : Number(o.threshold),
          edgeitems: Number(o.edgeitems),
          linewidth: Number(o.linewidth),
        };
        break;
      }
      case 'exact':
        cur.exact = rest === 'yes';
        break;
      case 'label':
        cur.label = rest;
        break;
      case 'text': {
        const [kind, n] = rest.split(' ');
        cur.texts.set(kind!, lines.slice(k, k + Number(n)).join('\n'));
        k += Number(n);
        break;
      }
      default:
        throw new Error(`numpy_text.txt:${k}: unknown line '${key}'`);
    }
  }
  return cases;
}

const fixtureUrl = new URL('../../../tests/fixtures/numpy_text.txt', import.meta.url);
export const scriptUrl = new URL('../../../tests/fixtures/numpy_text.py', import.meta.url);

export function loadTextFixtures(): TextCase[] {
  return parseTextFixtures(readFileSync(fixtureUrl, 'utf8'));
}

/** Same float64 bits, except that any NaN matches any NaN. */
function sameBits(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return Object.is(a, b);
}

/** The first index where two arrays differ bit for bit, as a sentence, or null. */
export function bitMismatch(got: ArrayLike<number>, want: ArrayLike<number>): string | null {
  if (got.length !== want.length) return `length ${got.length}, want ${want.length}`;
  for (let k = 0; k < want.length; k++) {
    if (!sameBits(got[k]!, want[k]!)) return `element ${k}: ${got[k]} vs ${want[k]}`;
  }
  return null;
}
