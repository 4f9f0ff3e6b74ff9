// Arrays as numpy 1.24 prints them with its default print options: print(arr) (str),
// repr(arr), print(arr.tolist()), and Python's print() of several things at once.
//
// The layout is a transcription of numpy's arrayprint.py (_formatArray, _extendLine,
// _leading_trailing, array_repr) with legacy=False; the numbers come from floatingFormat,
// which chooses one notation and one width for all the values shown.

import { floatingFormat, pyFloatRepr } from './float';

/** A float64 n-d array in C (row-major) order; shape [] is a 0-d array (one value). */
export interface NdArrayLike {
  data: ArrayLike<number>;
  shape: readonly number[];
}

/** The subset of np.set_printoptions that matters for float64 arrays. */
export interface PrintOptions {
  /** digits after the point (scientific: after the first digit); numpy's default 8 */
  precision: number;
  /** more elements than this are summarised with '...'; numpy's default 1000 */
  threshold: number;
  /** items kept at each end of a summarised axis; numpy's default 3 */
  edgeitems: number;
  /** characters per line; numpy's default 75 */
  linewidth: number;
}

/** numpy's defaults. */
export const DEFAULT_PRINT_OPTIONS: Readonly<PrintOptions> = Object.freeze({
  precision: 8,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 75,
});

/** np.set_printoptions(threshold=sys.maxsize): never summarise. */
export const FULL_PRINT_OPTIONS: Readonly<PrintOptions> = Object.freeze({
  ...DEFAULT_PRINT_OPTIONS,
  threshold: Number.POSITIVE_INFINITY,
});

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function checked(a: NdArrayLike): number {
  for (const d of a.shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`shape [${a.shape.join(', ')}] is not a shape`);
  }
  const n = sizeOf(a.shape);
  if (n !== a.data.length) {
    throw new RangeError(`shape [${a.shape.join(', ')}] needs ${n} values, the data has ${a.data.length}`);
  }
  return n;
}

function options(opts: Partial<PrintOptions> | undefined): PrintOptions {
  return { ...DEFAULT_PRINT_OPTIONS, ...opts };
}

/** Row-major strides of a shape. */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    strides[k] = s;
    s *= shape[k]!;
  }
  return strides;
}

/** The values a summarised print shows (numpy's _leading_trailing): the first and last
 *  `edge` items along every axis longer than 2·edge. numpy chooses the number format from
 *  these alone. */
function shownValues(a: NdArrayLike, edge: number): number[] {
  const strides = stridesOf(a.shape);
  const out: number[] = [];
  const walk = (axis: number, offset: number): void => {
    if (axis === a.shape.length) {
      out.push(a.data[offset]!);
      return;
    }
    const n = a.shape[axis]!;
    const visit = (i: number) => walk(axis + 1, offset + i * strides[axis]!);
    if (n > 2 * edge) {
      for (let i = 0; i < edge; i++) visit(i);
      for (let i = n - edge; i < n; i++) visit(i);
    } else {
      for (let i = 0; i < n; i++) visit(i);
    }
  };
  walk(0, 0);
  return out;
}

/** numpy's _extendLine: start a new line when the word would pass the width, unless the
 *  line holds nothing but its indent. Returns [finished text, current line]. */
function extendLine(s: string, line: string, word: string, width: number, indent: string): [string, string] {
  if (line.length + word.length > width && line.length > indent.length) {
    return [`${s + line.trimEnd()}\n`, indent + word];
  }
  return [s, line + word];
}

/** The layout parameters of numpy's _formatArray. */
interface Layout {
  format: (x: number) => string;
  linewidth: number;
  /** what continuation lines start with: ' ' for '[' plus the prefix's width in spaces */
  nextLinePrefix: string;
  separator: string;
  edgeitems: number;
  summarise: boolean;
}

/** numpy's _formatArray: nested brackets, rows wrapped at the line width, blank lines
 *  between blocks of 3-d and deeper arrays, '...' for the hidden middle of long axes. */
function formatArray(a: NdArrayLike, layout: Layout): string {
  const { format, separator, edgeitems } = layout;
  const strides = stridesOf(a.shape);
  const ndim = a.shape.length;
  const sepTrimmed = separator.trimEnd();

  const recurse = (axis: number, offset: number, hangingIndent: string, currWidth: number): string => {
    if (axis === ndim) return format(a.data[offset]!);
    // One more space to align with the '[' added; one column less for the ']'.
    const nextHangingIndent = `${hangingIndent} `;
    const nextWidth = currWidth - 1;
    const n = a.shape[axis]!;
    const showSummary = layout.summarise && 2 * edgeitems < n;
    const leading = showSummary ? edgeitems : 0;
    const trailing = showSummary ? edgeitems : n;
    const item = (i: number) => recurse(axis + 1, offset + i * strides[axis]!, nextHangingIndent, nextWidth);
    let s = '';
    if (axis === ndim - 1) {
      // The last axis: words on a line, wrapped when they would not fit.
      const elemWidth = currWidth - Math.max(sepTrimmed.length, 1);
      let line = hangingIndent;
      for (let i = 0; i < leading; i++) {
        [s, line] = extendLine(s, line, item(i), elemWidth, hangingIndent);
        line += separator;
      }
      if (showSummary) {
        [s, line] = extendLine(s, line, '...', elemWidth, hangingIndent);
        line += separator;
      }
      for (let i = trailing; i > 1; i--) {
        [s, line] = extendLine(s, line, item(n - i), elemWidth, hangingIndent);
        line += separator;
      }
      [s, line] = extendLine(s, line, item(n - 1), elemWidth, hangingIndent);
      s += line;
    } else {
      // Other axes: one sub-array per line, with (ndim - axis - 2) blank lines between them.
      const lineSep = sepTrimmed + '\n'.repeat(ndim - axis - 1);
      for (let i = 0; i < leading; i++) s += hangingIndent + item(i) + lineSep;
      if (showSummary) s += `${hangingIndent}...${lineSep}`;
      for (let i = trailing; i > 1; i--) s += hangingIndent + item(n - i) + lineSep;
      s += hangingIndent + item(n - 1);
    }
    return `[${s.slice(hangingIndent.length)}]`;
  };
  return recurse(0, 0, layout.nextLinePrefix, layout.linewidth);
}

/** numpy's array2string for a non-empty float64 array. */
function array2string(
  a: NdArrayLike,
  o: PrintOptions,
  separator: string,
  prefix: string,
  suffix: string,
): string {
  const summarise = sizeOf(a.shape) > o.threshold;
  const values = summarise ? shownValues(a, o.edgeitems) : a.data;
  return formatArray(a, {
    format: floatingFormat(values, o.precision),
    linewidth: o.linewidth - suffix.length,
    nextLinePrefix: ` ${' '.repeat(prefix.length)}`,
    separator,
    edgeitems: o.edgeitems,
    summarise,
  });
}

/** Python's repr of a tuple of ints: (2, 0), (3,), (). */
export function pyTupleRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * print(arr) for a float64 array (numpy's str): `[[ 1.2 -0.3]\n [ 0.5  2. ]]`. A 0-d array
 * prints as its scalar (Python's repr of the float); an empty one as `[]`.
 * Throws a RangeError when the shape does not match the data (a programming error).
 */
export function arrayStr(a: NdArrayLike, opts?: Partial<PrintOptions>): string {
  const n = checked(a);
  if (a.shape.length === 0) return pyFloatRepr(a.data[0]!);
  if (n === 0) return '[]';
  return array2string(a, options(opts), ' ', '', '');
}

/**
 * repr(arr) for a float64 array: `array([[ 1.2, -0.3],\n       [ 0.5,  2. ]])`; `array(0.5)`
 * for 0-d; `array([], dtype=float64)` and `array([], shape=(2, 0), dtype=float64)` for empty.
 */
export function arrayRepr(a: NdArrayLike, opts?: Partial<PrintOptions>): string {
  const n = checked(a);
  const o = options(opts);
  if (n > 0) return `array(${array2string(a, o, ', ', 'array(', ')')})`;
  const body = a.shape.length === 1 ? '[]' : `[], shape=${pyTupleRepr(a.shape)}`;
  const text = `array(${body},`;
  const dtype = 'dtype=float64)';
  // numpy moves the dtype to its own line when it would pass the line width.
  const spacer = text.length + dtype.length + 1 > o.linewidth ? `\n${' '.repeat(6)}` : ' ';
  return text + spacer + dtype;
}

/** Python's repr of arr.tolist(): nested lists of repr(float), on one line; a bare float for 0-d. */
export function toListRepr(a: NdArrayLike): string {
  checked(a);
  if (a.shape.length === 0) return pyFloatRepr(a.data[0]!);
  const strides = stridesOf(a.shape);
  const parts: string[] = [];
  const walk = (axis: number, offset: number): void => {
    parts.push('[');
    const n = a.shape[axis]!;
    for (let i = 0; i < n; i++) {
      if (i > 0) parts.push(', ');
      const at = offset + i * strides[axis]!;
      if (axis === a.shape.length - 1) parts.push(pyFloatRepr(a.data[at]!));
      else walk(axis + 1, at);
    }
    parts.push(']');
  };
  walk(0, 0);
  return parts.join('');
}

/**
 * Python's print(*items): the items' str joined by single spaces. Strings print as they are,
 * numbers as Python floats / np.float64 (`print("Z's mean =", np.mean(Z))` gives
 * `Z's mean = 0.5511276474566768`), arrays as arrayStr.
 */
export function pythonPrint(
  items: readonly (string | number | NdArrayLike)[],
  opts?: Partial<PrintOptions>,
): string {
  return items
    .map((item) =>
      typeof item === 'string' ? item : typeof item === 'number' ? pyFloatRepr(item) : arrayStr(item, opts),
    )
    .join(' ');
}
