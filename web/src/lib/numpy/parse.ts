// Read back what a notebook printed: an array or a number in any of the forms Python and
// numpy write them, with an optional label in front.
//
//   [[ 1.2 -0.3]            print(arr): no commas, rows on their own lines
//    [ 0.5  2. ]]
//   array([[ 1.2, -0.3],    repr(arr), also with ", dtype=float64)" or
//          [ 0.5,  2. ]])   "array([], shape=(2, 0), dtype=float64)"
//   [[1.2, -0.3], [0.5, 2.0]]            arr.tolist(); np.array([...]) source
//   0.6923608807576933   1.5e-03   1.e+00   nan   -inf   np.nan   np.float64(0.5)
//   Z's mean = 0.5511276474566768        a label before '=' is returned, not read
//
// It never throws and runs in time linear in the text (one pass, no backtracking; nesting is
// capped). Every refusal is a sentence from messages.ts that says where the problem is.

import { refusal } from '../i18n';
import { NUMPY_TEXT_MESSAGES as M } from './messages';

export type ParseResult =
  | { ok: true; data: Float64Array; shape: number[]; label?: string }
  | { ok: false; readonly message: string; line?: number; column?: number };

/** Longest text read (2 MiB of characters): a full print of about 100 000 values. */
export const MAX_TEXT_LENGTH = 2 * 1024 * 1024;
/** Deepest nesting read: numpy 2 allows 64 dimensions (numpy 1.24: 32). */
export const MAX_DIMENSIONS = 64;

type TokenKind = 'num' | 'name' | 'string' | '[' | ']' | '(' | ')' | ',' | '=' | '...' | 'eof';

interface Token {
  kind: TokenKind;
  /** offset of the token's first character in the whole text */
  start: number;
  /** the token as written */
  text: string;
  /** whitespace (or the start of the text) precedes it */
  spaced: boolean;
  value: number;
}

/** A refusal: its sentence, given the place (when there is one) as text. */
class Failure {
  constructor(
    readonly sentence: (where: string) => string,
    readonly offset?: number,
  ) {}
}

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;

const ARRAY_CALLS = new Set(['array', 'np.array', 'numpy.array', 'np.asarray', 'numpy.asarray']);
const SCALAR_CALLS = new Set([
  'np.float64',
  'numpy.float64',
  'float64',
  'np.float32',
  'numpy.float32',
  'float32',
  'np.double',
  'float',
]);
const REAL_DTYPE =
  /^(?:(?:np|numpy)\.)?(?:[<>=|]?[fiu][1248]|[fd]|(?:float|int|uint)(?:8|16|32|64|128)?|float_|int_|intc|intp|uintc|uintp|double|single|half|longdouble|longfloat|longlong|ulonglong|short|ushort|byte|ubyte)$/;

/** The value of nan / inf spellings (np.nan, numpy.inf, NaN, Infinity, math.inf), else undefined. */
function special(name: string): number | undefined {
  const bare = name.replace(/^(?:np|numpy|math)\./, '').toLowerCase();
  if (bare === 'nan') return Number.NaN;
  if (bare === 'inf' || bare === 'infinity') return Number.POSITIVE_INFINITY;
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;
}

function isSign(c: number): boolean {
  return c === 45 /* - */ || c === 43 /* + */ || c === 0x2212 /* − */;
}

function isDigitOrDot(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function shorten(s: string): string {
  return s.length > 24 ? `${s.slice(0, 23)}\u2026` : s;
}

/** Reads tokens from text[from..] one at a time. */
function lexer(text: string, from: number) {
  let pos = from;
  const token = (kind: TokenKind, start: number, end: number, spaced: boolean, value = 0): Token => ({
    kind,
    start,
    text: text.slice(start, end),
    spaced,
    value,
  });
  return (): Token => {
    const before = pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (isSpace(c)) pos++;
      else if (c === 92 /* \ */ && /^\\[ \t]*\r?\n/.test(text.slice(pos, pos + 64))) {
        pos = text.indexOf('\n', pos) + 1; // a Python line continuation
      } else break;
    }
    const spaced = pos > before || pos === from;
    const start = pos;
    if (pos >= text.length) return token('eof', start, start, spaced);
    const c = text.charCodeAt(pos);
    if (text.startsWith('...', pos) || c === 0x2026 /* … */) {
      pos += c === 0x2026 ? 1 : 3;
      return token('...', start, pos, spaced);
    }
    const single = '[](),='.indexOf(text[pos]!);
    if (single >= 0) {
      pos++;
      return token(text[start] as TokenKind, start, pos, spaced);
    }
    // A method call after ')': .reshape
    if (c === 46 /* . */ && isLetter(text.charCodeAt(pos + 1))) {
      NAME.lastIndex = pos + 1;
      NAME.exec(text);
      pos = NAME.lastIndex;
      return token('name', start, pos, spaced);
    }
    // A number, or a signed nan/inf spelling.
    const body = isSign(c) ? pos + 1 : pos;
    const sign = c === 45 || c === 0x2212 ? -1 : 1;
    const b = text.charCodeAt(body);
    if (isDigitOrDot(b)) {
      NUMBER.lastIndex = body;
      if (NUMBER.exec(text) !== null) {
        pos = NUMBER.lastIndex;
        if (isLetter(text.charCodeAt(pos))) {
          // 1e, 1.5x, 2j: letters glued to a number.
          NAME.lastIndex = pos;
          NAME.exec(text);
          const glued = shorten(text.slice(start, NAME.lastIndex));
          throw new Failure((w) => M.badNumber(glued, w), start);
        }
        return token('num', start, pos, spaced, sign * Number(text.slice(body, pos)));
      }
    }
    if (isLetter(b)) {
      NAME.lastIndex = body;
      NAME.exec(text);
      pos = NAME.lastIndex;
      const v = special(text.slice(body, pos));
      if (v !== undefined) return token('num', start, pos, spaced, sign * v);
      const name = shorten(text.slice(start, pos));
      if (body > start) throw new Failure((w) => M.unknownName(name, w), start);
      return token('name', start, pos, spaced);
    }
    if (c === 39 || c === 34) {
      const end = text.indexOf(text[pos]!, pos + 1);
      const nl = text.indexOf('\n', pos + 1);
      if (end > 0 && (nl < 0 || end < nl)) {
        pos = end + 1;
        return token('string', start, pos, spaced);
      }
    }
    const char = String.fromCodePoint(text.codePointAt(pos)!);
    throw new Failure((w) => M.unexpectedChar(char, w), start);
  };
}

/** Where a label ends: the first '=' outside any brackets or parentheses (so that
 *  `Z[0,2,1] =` is a label and `dtype=float64` is not), or -1. */
function labelEnd(text: string): number {
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 40 /* ( */ || c === 91 /* [ */) depth++;
    else if (c === 41 /* ) */ || c === 93 /* ] */) depth--;
    else if (c === 61 /* = */ && depth === 0) return k;
  }
  return -1;
}

/** Python's repr of a shape tuple: (2, 0), (3,), (). */
function pyTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Read one array or number from what Python or numpy printed. Returns its float64 values in
 * C order and its shape ([] for a number), plus the label if the text starts with one
 * (`Z[0,2,1] =`, `Z's mean =`); or a sentence saying what is wrong and where.
 */
export function parseNumpyText(text: string): ParseResult {
  // each refusal's sentence is said when it is read, in the page's language then
  if (text.length > MAX_TEXT_LENGTH) return refusal(() => M.tooLarge(text.length, MAX_TEXT_LENGTH));
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof Failure) {
      const { sentence, offset } = e;
      if (offset === undefined) return refusal(() => sentence(''));
      const { line, column } = lineColumn(text, offset);
      return {
        ok: false,
        get message() {
          return sentence(M.where(line, column));
        },
        line,
        column,
      };
    }
    const detail = String(e);
    return refusal(() => M.internal(detail));
  }
}

function parse(text: string): ParseResult {
  const eq = labelEnd(text);
  const label = eq >= 0 ? text.slice(0, eq).trim() : '';
  const read = lexer(text, eq >= 0 ? eq + 1 : 0);
  let pushedBack: Token | undefined;
  const next = (): Token => {
    const t = pushedBack ?? read();
    pushedBack = undefined;
    return t;
  };

  const data: number[] = [];
  /** lengths of the lists at each depth, set by the first list to close there */
  const lengths: number[] = [];
  /** depth of the numbers (number of enclosing lists), once one is seen */
  let leafDepth = -1;
  /** deepest depth at which a list has opened */
  let listDepth = -1;
  let given: { shape: number[]; at: number } | undefined;

  const fail = (sentence: (where: string) => string, at: number): never => {
    throw new Failure(sentence, at);
  };
  const failHere = (sentence: () => string): never => {
    throw new Failure(sentence);
  };
  const unexpected = (t: Token, expected: string): never => {
    if (t.kind === 'eof') failHere(() => M.unexpectedEnd(expected));
    if (t.kind === '...') fail(M.summarised, t.start);
    return fail((w) => M.unexpectedToken(shorten(t.text), w), t.start);
  };
  const expect = (kind: TokenKind): Token => {
    const t = next();
    if (t.kind !== kind) unexpected(t, `"${kind}"`);
    return t;
  };

  const scalar = (t: Token, depth: number): void => {
    if (leafDepth < 0) {
      if (listDepth >= depth) fail(M.mixedDepth, t.start);
      leafDepth = depth;
    } else if (leafDepth !== depth) fail(M.mixedDepth, t.start);
    data.push(t.value);
  };

  // value := number | np.float64(number) | list | array(value, dtype=..., shape=...)
  // `level` counts every bracket and call, so that nesting (and the recursion) is bounded.
  const value = (t: Token, depth: number, level: number): void => {
    if (level > MAX_DIMENSIONS + 2) fail((w) => M.tooDeep(MAX_DIMENSIONS, w), t.start);
    if (t.kind === 'num') {
      scalar(t, depth);
    } else if (t.kind === '[') {
      list(t, depth, level);
    } else if (t.kind === 'name' && SCALAR_CALLS.has(t.text)) {
      expect('(');
      const v = next();
      if (v.kind !== 'num') unexpected(v, 'a number');
      scalar(v, depth);
      expect(')');
    } else if (t.kind === 'name' && ARRAY_CALLS.has(t.text)) {
      arrayCall(depth, level);
    } else if (t.kind === 'name') {
      fail((w) => M.unknownName(shorten(t.text), w), t.start);
    } else if (t.kind === 'eof') {
      failHere(() => (label ? M.labelOnly(label) : M.empty()));
    } else if (t.kind === '...') {
      fail(M.summarised, t.start);
    } else {
      fail((w) => M.expectedValue(shorten(t.text), w), t.start);
    }
  };

  const list = (open: Token, depth: number, level: number): void => {
    if (depth >= MAX_DIMENSIONS) fail((w) => M.tooDeep(MAX_DIMENSIONS, w), open.start);
    if (leafDepth >= 0 && leafDepth <= depth) fail(M.mixedDepth, open.start);
    if (depth > listDepth) listDepth = depth;
    let count = 0;
    let afterComma = false;
    let previous: Token | undefined;
    for (;;) {
      const t = next();
      if (t.kind === ']') break;
      if (t.kind === ',') {
        if (count === 0) fail(M.leadingComma, t.start);
        if (afterComma) fail(M.doubleComma, t.start);
        afterComma = true;
        continue;
      }
      if (t.kind === 'eof') failHere(() => M.unexpectedEnd('"]"'));
      if (count > 0 && !afterComma && !t.spaced && previous?.kind === 'num' && t.kind === 'num') {
        fail(M.missingSeparator, t.start);
      }
      value(t, depth + 1, level + 1);
      previous = t;
      count++;
      afterComma = false;
    }
    const expected = lengths[depth];
    if (expected === undefined) lengths[depth] = count;
    else if (expected !== count) fail((w) => M.ragged(count, expected, w), open.start);
  };

  // Whole numbers separated by commas up to ')': a shape such as (2, 0) or reshape's 2, -1.
  const dims = (open: Token, allowMinusOne: boolean): number[] => {
    const out: number[] = [];
    for (;;) {
      const d = next();
      if (d.kind === ')') return out;
      if (d.kind === ',' && out.length > 0) continue;
      const whole = d.kind === 'num' && Number.isSafeInteger(d.value) && !/[.eEna]/i.test(d.text);
      if (!whole || d.value < (allowMinusOne ? -1 : 0)) fail(M.badShape, open.start);
      out.push(d.value);
    }
  };

  // .reshape(d, ...) or .reshape((d, ...)), one -1 allowed, as numpy does.
  const reshape = (call: Token): number[] => {
    const open = expect('(');
    const first = next();
    let shape: number[];
    if (first.kind === '(') {
      shape = dims(first, true);
      expect(')');
    } else {
      pushedBack = first;
      shape = dims(open, true);
    }
    const unknown = shape.indexOf(-1);
    const known = shape.reduce((p, d) => (d === -1 ? p : p * d), 1);
    if (unknown >= 0 && shape.indexOf(-1, unknown + 1) >= 0) fail(M.badShape, open.start);
    if (unknown >= 0 && known !== 0 && data.length % known === 0) shape[unknown] = data.length / known;
    if (shape.includes(-1) || shape.reduce((p, d) => p * d, 1) !== data.length) {
      fail((w) => M.cannotReshape(data.length, pyTuple(shape), w), call.start);
    }
    return shape;
  };

  // array( value [, dtype=name] [, shape=(d, ...)] [,] )
  const arrayCall = (depth: number, level: number): void => {
    expect('(');
    value(next(), depth, level + 1);
    for (;;) {
      let t = next();
      if (t.kind === ')') return;
      if (t.kind !== ',') unexpected(t, '")"');
      t = next();
      if (t.kind === ')') return;
      if (t.kind !== 'name') unexpected(t, '")"');
      const key = t;
      expect('=');
      if (key.text === 'dtype') {
        const d = next();
        const name = d.kind === 'string' ? d.text.slice(1, -1) : d.text;
        if ((d.kind !== 'name' && d.kind !== 'string') || !REAL_DTYPE.test(name)) {
          fail((w) => M.unsupportedDtype(shorten(d.text), w), d.start);
        }
      } else if (key.text === 'shape' && depth === 0) {
        const open = next();
        if (open.kind !== '(') fail(M.badShape, open.start);
        const shape = dims(open, false);
        given = { shape, at: open.start };
      } else {
        fail((w) => M.unknownKeyword(shorten(key.text), w), key.start);
      }
    }
  };

  value(next(), 0, 0);
  let reshaped: number[] | undefined;
  let rest = next();
  while (rest.kind === 'name' && rest.text === '.reshape') {
    reshaped = reshape(rest);
    rest = next();
  }
  if (rest.kind !== 'eof') {
    if (rest.kind === '...') fail(M.summarised, rest.start);
    fail((w) => M.trailingText(shorten(rest.text), w), rest.start);
  }

  let shape = leafDepth >= 0 ? lengths.slice(0, leafDepth) : lengths.slice(0, listDepth + 1);
  if (given !== undefined) {
    const size = given.shape.reduce((a, b) => a * b, 1);
    const same = given.shape.length === shape.length && given.shape.every((d, k) => d === shape[k]);
    if (!same && !(size === 0 && data.length === 0)) {
      const said = pyTuple(given.shape);
      const found = pyTuple(shape);
      failHere(() => M.shapeMismatch(said, found));
    }
    shape = given.shape;
  }
  if (reshaped !== undefined) shape = reshaped;
  const result: ParseResult = { ok: true, data: Float64Array.from(data), shape };
  if (label !== '') result.label = label;
  return result;
}
