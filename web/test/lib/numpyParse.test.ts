// Reading back what a notebook printed: numpy's own texts (tests/fixtures/numpy_text.txt),
// every accepted form, and every refusal sentence of messages.ts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  arrayStr,
  MAX_DIMENSIONS,
  MAX_TEXT_LENGTH,
  NUMPY_TEXT_MESSAGES as M,
  type ParseResult,
  parseNumpyText,
} from '../../src/lib/numpy';
import { bitMismatch, loadTextFixtures, type TextCase } from './numpyTextFixtures';

const cases = loadTextFixtures();
const arrays = cases.filter((c) => c.texts.has('str'));

function ok(text: string): Extract<ParseResult, { ok: true }> {
  const r = parseNumpyText(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${r.message}`);
  return r;
}

function refused(text: string): Extract<ParseResult, { ok: false }> {
  const r = parseNumpyText(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got shape [${r.shape}]`);
  return r;
}

/**
 * A print with `precision` digits is not full precision: each value read back must lie within
 * half a unit of the last printed digit of the original (positional: 0.5·10^-precision;
 * scientific: 0.5·10^-precision of the mantissa, i.e. relative to the value), plus half an ulp
 * for reading that decimal back into a double.
 */
function withinPrintedPrecision(got: Float64Array, c: TextCase, printed: string): string | null {
  const p = c.options?.precision ?? 8;
  const scientific = /[\d.]e[+-]\d/.test(printed);
  for (let k = 0; k < c.data.length; k++) {
    const want = c.data[k]!;
    const v = got[k]!;
    if (!Number.isFinite(want) || !Number.isFinite(v)) {
      if (!Object.is(want, v) && !(Number.isNaN(want) && Number.isNaN(v)))
        return `element ${k}: ${v} vs ${want}`;
      continue;
    }
    const unit = scientific ? Math.max(Math.abs(want), Math.abs(v)) * 10 ** -p : 10 ** -p;
    // plus half an ulp: the printed decimal itself reads back to the nearest double
    const halfUlp = Math.abs(want) * 2 ** -53;
    if (Math.abs(v - want) > 0.5 * unit * (1 + 1e-9) + halfUlp)
      return `element ${k}: ${v} vs ${want} (unit ${unit})`;
  }
  return null;
}

describe.each(arrays.map((c) => [c.name, c] as const))('numpy fixture %s', (_name, c) => {
  it('tolist text reads back bit for bit with the same shape', () => {
    const r = ok(c.texts.get('tolist')!);
    // tolist of an empty array keeps the axes up to the first of length 0: (0, 3) -> [].
    const zero = c.shape.indexOf(0);
    expect(r.shape).toEqual(zero >= 0 ? c.shape.slice(0, zero + 1) : c.shape);
    expect(bitMismatch(r.data, c.data)).toBeNull();
  });

  for (const kind of ['str', 'repr'] as const) {
    const text = c.texts.get(kind)!;
    if (text.includes('...')) {
      it(`summarised ${kind} text is refused with the np.set_printoptions(threshold=sys.maxsize) advice`, () => {
        const r = refused(text);
        expect(r.message).toContain('np.set_printoptions(threshold=sys.maxsize)');
        expect(r.message).toContain('import sys');
        expect(r.line).toBeGreaterThan(0);
      });
      continue;
    }
    if (c.data.length === 0) {
      it(`empty ${kind} text reads back as an empty array`, () => {
        const r = ok(text);
        expect(r.data.length).toBe(0);
        // str prints every empty array as [], which only says "one axis of length 0".
        expect(r.shape).toEqual(kind === 'repr' ? c.shape : [0]);
      });
      continue;
    }
    it(`${kind} text reads back to the values and shape (${c.exact ? 'bit for bit: every digit printed' : 'within the printed precision'})`, () => {
      const r = ok(text);
      expect(r.shape).toEqual(c.shape);
      // str of a 0-d array is the scalar's full repr, so it is always exact.
      if (c.exact || (kind === 'str' && c.shape.length === 0)) expect(bitMismatch(r.data, c.data)).toBeNull();
      else expect(withinPrintedPrecision(r.data, c, text)).toBeNull();
    });
    if (kind === 'str') {
      it('printing the values read back gives the same text again', () => {
        expect(arrayStr(ok(text), c.options)).toBe(text);
      });
    }
  }
});

describe.each(cases.filter((c) => c.texts.has('print')).map((c) => [c.name, c] as const))(
  'notebook print %s',
  (_name, c) => {
    it('reads the value and returns the label without its "="', () => {
      const r = ok(c.texts.get('print')!);
      expect(r.label).toBe(c.label!.replace(/\s*=\s*$/, ''));
      expect(r.shape).toEqual(c.shape);
      expect(withinPrintedPrecision(r.data, c, c.texts.get('print')!)).toBeNull();
    });
  },
);

describe('fixture scalars', () => {
  const c = cases.find((x) => x.name === 'scalars')!;
  it('every str(np.float64(v)) reads back bit for bit', () => {
    const lines = c.texts.get('scalar')!.split('\n');
    const wrong = lines.filter((line, k) => bitMismatch(ok(line).data, [c.data[k]!]) !== null);
    expect(wrong.slice(0, 10)).toEqual([]);
  });
  it('every one-element str(np.array([v])) reads back within the printed precision', () => {
    const lines = c.texts.get('str1')!.split('\n');
    const wrong = lines.filter((line, k) => {
      const one: TextCase = { ...c, data: Float64Array.of(c.data[k]!), shape: [1] };
      return withinPrintedPrecision(ok(line).data, one, line) !== null;
    });
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});

describe('accepted forms', () => {
  const read = (text: string) => {
    const r = ok(text);
    return { data: Array.from(r.data), shape: r.shape, label: r.label };
  };
  it("numpy's print format: no commas, rows on new lines, padding spaces", () => {
    expect(read('[[ 1.2 -0.3]\n [ 0.5  2. ]]')).toEqual({
      data: [1.2, -0.3, 0.5, 2],
      shape: [2, 2],
      label: undefined,
    });
  });
  it('3-d print with blank lines between blocks', () => {
    expect(read('[[[1. 2.]]\n\n [[3. 4.]]]').shape).toEqual([2, 1, 2]);
  });
  it('repr with array( ), wrapped lines and a dtype=float64 suffix, also on its own line', () => {
    expect(read('array([[ 1.2, -0.3],\n       [ 0.5,  2. ]])').data).toEqual([1.2, -0.3, 0.5, 2]);
    expect(read('array([1., 2.], dtype=float64)').shape).toEqual([2]);
    expect(read("array([1, 2],\n      dtype='int32')").data).toEqual([1, 2]);
    expect(read('np.array([1.0, 2.0], dtype=np.float32)').data).toEqual([1, 2]);
  });
  it('empty reprs keep their shape', () => {
    expect(read('array([], dtype=float64)')).toEqual({ data: [], shape: [0], label: undefined });
    expect(read('array([], shape=(2, 0), dtype=float64)').shape).toEqual([2, 0]);
    expect(read('[[], []]').shape).toEqual([2, 0]);
  });
  it('nested Python lists, with trailing commas and mixed commas and spaces', () => {
    expect(read('[[1.0, -0.3,], [0.5, 2.0]]').shape).toEqual([2, 2]);
    expect(read('[1, 2 3,4]').data).toEqual([1, 2, 3, 4]);
  });
  it('bare scalars, scientific notation, nan and inf spellings', () => {
    const one = (t: string) => read(t).data[0];
    expect(read('0.6923608807576933')).toEqual({ data: [0.6923608807576933], shape: [], label: undefined });
    expect([one('1.5e-03'), one('1.e+00'), one('-1.E5'), one('.5'), one('+2'), one('\u22121.5')]).toEqual([
      0.0015, 1, -100000, 0.5, 2, -1.5,
    ]);
    expect(['nan', 'NaN', 'np.nan', 'numpy.nan', 'np.float64(nan)'].map(one).every(Number.isNaN)).toBe(true);
    expect(['inf', 'np.inf', '+inf', 'Infinity', 'math.inf'].map(one)).toEqual(
      Array(5).fill(Number.POSITIVE_INFINITY),
    );
    expect(['-inf', '-np.inf', '-Infinity'].map(one)).toEqual(Array(3).fill(Number.NEGATIVE_INFINITY));
    expect(Object.is(one('-0.'), -0)).toBe(true);
    expect(one('1e999')).toBe(Number.POSITIVE_INFINITY); // as Python's float('1e999')
  });
  it("numpy 2's scalar repr np.float64(0.5), alone and in a list", () => {
    expect(read('np.float64(0.5)')).toEqual({ data: [0.5], shape: [], label: undefined });
    expect(read('[np.float64(0.5), np.float64(-1.0)]').shape).toEqual([2]);
  });
  it('a list of array reprs', () => {
    expect(read('[array([1., 2.]), array([3., 4.])]')).toEqual({
      data: [1, 2, 3, 4],
      shape: [2, 2],
      label: undefined,
    });
  });
  it('np.array(...).reshape(...) with a tuple, with plain numbers and with -1', () => {
    expect(read('np.array([1., 2., 3., 4.]).reshape(2, 2)').shape).toEqual([2, 2]);
    expect(read('np.array([1., 2., 3., 4., 5., 6.]).reshape((3, -1))').shape).toEqual([3, 2]);
    expect(read('np.array([]).reshape((0, 3))').shape).toEqual([0, 3]);
  });
  it('labels before "=" are returned and not read', () => {
    expect(read("Z's mean = 0.5511276474566768")).toEqual({
      data: [0.5511276474566768],
      shape: [],
      label: "Z's mean",
    });
    expect(read('Z[0,2,1] = [-2.17796037  8.07171329]').label).toBe('Z[0,2,1]');
    expect(read('dA_prev[1,1] =  [[0. 0.]\n [5.05844394 -1.68282702]]').label).toBe('dA_prev[1,1]');
    expect(read('x = np.array([1.0, 2.0], dtype=float64)').label).toBe('x');
    expect(read('Z =\n[[1. 2.]]').shape).toEqual([1, 2]);
    expect(read('array([1.], dtype=float64)').label).toBeUndefined();
  });
  it('whitespace and newlines anywhere: tabs, CRLF, a Python line continuation', () => {
    expect(read('\n\t [ 1 ,\r\n 2 ]  \n').data).toEqual([1, 2]);
    expect(read('np.array([1.0, \\\n 2.0])').data).toEqual([1, 2]);
  });
});

// Each refusal: the input, the table entry it must say, the exact sentence, and where.
const refusals: [keyof typeof M, string, string, [number, number] | null][] = [
  ['empty', '', M.empty(), null],
  ['empty', ' \n\t ', M.empty(), null],
  ['labelOnly', "Z's mean = ", M.labelOnly("Z's mean"), null],
  ['unexpectedChar', '[1, 2; 3]', M.unexpectedChar(';', M.where(1, 6)), [1, 6]],
  ['unexpectedChar', '[1,\n 2 @]', M.unexpectedChar('@', M.where(2, 4)), [2, 4]],
  ['unexpectedToken', 'array[1.]', M.unexpectedToken('[', M.where(1, 6)), [1, 6]],
  ['unexpectedEnd', '[[1. 2.]\n [3. 4.]', M.unexpectedEnd('"]"'), null],
  ['unexpectedEnd', 'array([1.]', M.unexpectedEnd('")"'), null],
  ['expectedValue', '[1, )', M.expectedValue(')', M.where(1, 5)), [1, 5]],
  ['missingSeparator', '[1.2-0.3]', M.missingSeparator(M.where(1, 5)), [1, 5]],
  ['doubleComma', '[1,,2]', M.doubleComma(M.where(1, 4)), [1, 4]],
  ['leadingComma', '[, 1]', M.leadingComma(M.where(1, 2)), [1, 2]],
  ['summarised', '[0. 1. 2. ... 7. 8. 9.]', M.summarised(M.where(1, 11)), [1, 11]],
  ['summarised', '[0., 1., \u2026, 9.]', M.summarised(M.where(1, 10)), [1, 10]],
  ['ragged', '[[1, 2], [3]]', M.ragged(1, 2, M.where(1, 10)), [1, 10]],
  ['ragged', '[[1. 2.]\n [3. 4. 5.]]', M.ragged(3, 2, M.where(2, 2)), [2, 2]],
  ['mixedDepth', '[[1], 2]', M.mixedDepth(M.where(1, 7)), [1, 7]],
  ['mixedDepth', '[1, [2]]', M.mixedDepth(M.where(1, 5)), [1, 5]],
  [
    'tooDeep',
    '['.repeat(MAX_DIMENSIONS + 1),
    M.tooDeep(MAX_DIMENSIONS, M.where(1, MAX_DIMENSIONS + 1)),
    null,
  ],
  ['trailingText', '[1. 2.] [3. 4.]', M.trailingText('[', M.where(1, 9)), [1, 9]],
  ['unknownName', 'foo', M.unknownName('foo', M.where(1, 1)), [1, 1]],
  ['unknownName', '[1, -np.e]', M.unknownName('-np.e', M.where(1, 5)), [1, 5]],
  ['badNumber', '[1e, 2]', M.badNumber('1e', M.where(1, 2)), [1, 2]],
  ['badNumber', '2j', M.badNumber('2j', M.where(1, 1)), [1, 1]],
  ['unsupportedDtype', 'array([1.], dtype=bool)', M.unsupportedDtype('bool', M.where(1, 19)), [1, 19]],
  [
    'unsupportedDtype',
    'array([1.], dtype=complex128)',
    M.unsupportedDtype('complex128', M.where(1, 19)),
    [1, 19],
  ],
  ['unknownKeyword', "array([1.], order='C')", M.unknownKeyword('order', M.where(1, 13)), [1, 13]],
  ['shapeMismatch', 'array([1., 2.], shape=(3,))', M.shapeMismatch('(3,)', '(2,)'), null],
  ['badShape', 'array([], shape=(a,))', M.badShape(M.where(1, 17)), [1, 17]],
  ['badShape', 'np.array([1.]).reshape(1.5)', M.badShape(M.where(1, 23)), [1, 23]],
  [
    'cannotReshape',
    'np.array([1., 2., 3.]).reshape(2, 2)',
    M.cannotReshape(3, '(2, 2)', M.where(1, 23)),
    [1, 23],
  ],
];

describe('refusals', () => {
  it.each(
    refusals.map(([key, text, sentence, at]) => [key, JSON.stringify(text), text, sentence, at] as const),
  )('%s: %s is refused with its sentence and place', (_key, _shown, text, sentence, at) => {
    const r = refused(text);
    expect(r.message).toBe(sentence);
    if (at) expect([r.line, r.column]).toEqual(at);
  });

  it('text longer than the limit is refused before it is read, with its length and the limit', () => {
    const text = `[${'1, '.repeat(MAX_TEXT_LENGTH / 3)}1]`;
    expect(refused(text).message).toBe(M.tooLarge(text.length, MAX_TEXT_LENGTH));
  });

  it('every sentence of the table is said by some refusal above (except the internal-error one)', () => {
    const said = new Set<string>([...refusals.map(([key]) => key), 'tooLarge', 'where']);
    const untested = Object.keys(M).filter((k) => !said.has(k) && k !== 'internal');
    expect(untested).toEqual([]);
  });

  it('sentences are whole English sentences: a capital or quote first, a full stop or the advice last', () => {
    for (const [, text] of refusals) {
      const m = refused(text).message;
      expect(m).toMatch(/^["A-Z.]/);
      expect(m).toMatch(/(\.|sys\.maxsize\))$/);
    }
  });
});

describe('robustness', () => {
  it('never throws, and a result always has as many values as its shape says (random texts)', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const pieces = [
      '[',
      ']',
      '(',
      ')',
      ',',
      ' ',
      '\n',
      '1',
      '2.5',
      '-',
      '.',
      'e',
      'e-3',
      'nan',
      'inf',
      'np.',
      'array',
      '=',
      'x',
      '...',
      "'",
      'dtype=float64',
      'shape=',
      '.reshape',
      '\\',
    ];
    for (let k = 0; k < 5000; k++) {
      let text = '';
      for (let n = rand(30); n > 0; n--) text += pieces[rand(pieces.length)];
      const r = parseNumpyText(text);
      if (r.ok) expect(r.data.length).toBe(r.shape.reduce((a, b) => a * b, 1));
      else expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('reads a 1.5 MB print of 120 000 values in linear time (well under two seconds)', () => {
    const n = 120_000;
    const data = Array.from({ length: n }, (_, k) => Math.sin(k) * 3);
    const text = arrayStr({ data, shape: [n / 100, 100] }, { threshold: Number.POSITIVE_INFINITY });
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    const t0 = performance.now();
    const r = ok(text);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.shape).toEqual([n / 100, 100]);
  });

  it('refuses hostile nesting quickly instead of recursing: brackets, calls, 2 MB of them', () => {
    const t0 = performance.now();
    expect(refused('['.repeat(MAX_TEXT_LENGTH)).message).toContain(`more than ${MAX_DIMENSIONS} deep`);
    expect(refused('array('.repeat(100_000)).message).toContain(`more than ${MAX_DIMENSIONS} deep`);
    expect(refused('np.float64('.repeat(1000)).message).toBe(M.unexpectedToken('np.float64', M.where(1, 12)));
    expect(refused(`[${'1,'.repeat(500_000)}`).message).toBe(M.unexpectedEnd('"]"'));
    expect(refused('-'.repeat(MAX_TEXT_LENGTH)).message).toBe(M.unexpectedChar('-', M.where(1, 1)));
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

// The texts students paste into "check my numbers" (tests/fixtures/check.txt, numpy's own
// printing of conv_forward's Z, 2 × 3 × 4 × 8): each print form reads back to its shape, or is
// refused with a sentence.
describe('the pasted texts of check my numbers', () => {
  const pastes = new Map<string, string>();
  {
    const lines = readFileSync(resolve(process.cwd(), 'tests/fixtures/check.txt'), 'utf8').split('\n');
    const end = lines.indexOf('end');
    for (let k = 0; k < end; k++) {
      const [key, name, n] = lines[k]!.split(' ');
      if (key === 'paste') pastes.set(name!, lines.slice(k + 1, k + 1 + Number(n)).join('\n'));
    }
  }
  const text = (name: string) => {
    const t = pastes.get(name);
    if (t === undefined) throw new Error(`check.txt has no paste ${name}`);
    return t;
  };
  const Z = [2, 3, 4, 8];

  it("numpy's print without commas, the array(...) repr and the nested list of tolist read as Z's shape", () => {
    for (const name of ['print_Z', 'repr', 'tolist']) {
      const r = ok(text(name));
      expect(r.shape, name).toEqual(Z);
      expect(r.label, name).toBeUndefined();
    }
    expect(text('print_Z')).not.toContain(',');
    expect(text('repr')).toMatch(/^array\(\[\[\[\[/);
  });

  it('the same values from every form: print (8 decimals) within 5e-9 of the repr of tolist', () => {
    const exact = ok(text('tolist')).data;
    for (const name of ['print_Z', 'repr']) {
      const r = ok(text(name)).data;
      r.forEach((v, j) => expect(Math.abs(v - exact[j]!)).toBeLessThanOrEqual(5.1e-9));
    }
  });

  it('a labelled slice and a labelled mean give their label and their shape', () => {
    const slice = ok(text('label_index'));
    expect(slice.label).toBe('Z[0,2,1]');
    expect(slice.shape).toEqual([8]);
    const mean = ok(text('label_mean'));
    expect(mean.label).toBe("Z's mean");
    expect(mean.shape).toEqual([]);
  });

  it('scientific notation, nan and -inf inside a print read as numbers', () => {
    const sci = ok(text('one_cell_sci'));
    expect(text('one_cell_sci')).toMatch(/e\+05/);
    expect(sci.data).toContain(1e5);
    expect(ok(text('nan_cell')).data.some(Number.isNaN)).toBe(true);
    expect(ok(text('inf_cell')).data).toContain(Number.NEGATIVE_INFINITY);
  });

  it("a summarised print is refused, naming numpy's option that prints everything", () => {
    expect(text('summarised')).toContain('...');
    expect(refused(text('summarised')).message).toContain('np.set_printoptions(threshold=sys.maxsize)');
  });

  it('garbage, a cut-off print and nothing get a sentence, never an exception', () => {
    for (const name of ['garbage_words', 'garbage_brackets', 'garbage_empty'])
      expect(refused(text(name)).message, name).toMatch(/[.)]$/);
  });
});
