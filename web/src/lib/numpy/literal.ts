// "Copy as numpy": Python source that rebuilds an array exactly.
//
// Every value is written with the shortest digits that read back to the same float64
// (Python's repr), so numpy reads the literal back bit for bit: same values, same shape,
// dtype float64 (every number has a '.' or an exponent, or is np.nan / np.inf).

import { pyFloatRepr } from './float';
import type { NdArrayLike } from './print';

/** One value as a Python expression: 0.1, -0.0, 1e-05, np.nan, np.inf, -np.inf. */
export function pyFloatLiteral(x: number): string {
  if (Number.isNaN(x)) return 'np.nan';
  if (x === Number.POSITIVE_INFINITY) return 'np.inf';
  if (x === Number.NEGATIVE_INFINITY) return '-np.inf';
  return pyFloatRepr(x);
}

/** Extend the current line with a word, wrapping as numpy's repr does. */
function extend(out: string[], line: string, word: string, width: number, indent: string): string {
  if (line.length + word.length > width && line.length > indent.length) {
    out.push(line.trimEnd());
    return indent + word;
  }
  return line + word;
}

/**
 * `np.array([...])` source for a float64 array, laid out like numpy's repr (rows on their own
 * lines, blank lines between blocks, lines wrapped near 75 columns) but never summarised and
 * with full round-trip precision. `np.array(0.5)` for 0-d, `np.array([])` for shape (0,),
 * `np.array([]).reshape((2, 0))` for other empty shapes. Reads back with `np` (numpy) in scope.
 * Throws a RangeError when the shape does not match the data (a programming error).
 */
export function numpyLiteral(a: NdArrayLike, linewidth = 75): string {
  let n = 1;
  for (const d of a.shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`shape [${a.shape.join(', ')}] is not a shape`);
    n *= d;
  }
  if (n !== a.data.length) {
    throw new RangeError(`shape [${a.shape.join(', ')}] needs ${n} values, the data has ${a.data.length}`);
  }
  const ndim = a.shape.length;
  if (ndim === 0) return `np.array(${pyFloatLiteral(a.data[0]!)})`;
  if (n === 0) {
    return ndim === 1 ? 'np.array([])' : `np.array([]).reshape((${a.shape.join(', ')}))`;
  }
  const prefix = 'np.array(';
  const strides = new Array<number>(ndim);
  for (let k = ndim - 1, s = 1; k >= 0; k--) {
    strides[k] = s;
    s *= a.shape[k]!;
  }
  // The same nesting as numpy's _formatArray with separator ', ', without '...'.
  const recurse = (axis: number, offset: number, indent: string, width: number): string => {
    const len = a.shape[axis]!;
    const at = (i: number) => offset + i * strides[axis]!;
    if (axis === ndim - 1) {
      const lines: string[] = [];
      let line = indent;
      for (let i = 0; i < len; i++) {
        const word = pyFloatLiteral(a.data[at(i)]!);
        line = extend(lines, line, word, width - 1, indent);
        if (i < len - 1) line += ', ';
      }
      lines.push(line);
      return `[${lines.join('\n').slice(indent.length)}]`;
    }
    const sep = `,${'\n'.repeat(ndim - axis - 1)}`;
    const parts: string[] = [];
    for (let i = 0; i < len; i++) parts.push(indent + recurse(axis + 1, at(i), `${indent} `, width - 1));
    return `[${parts.join(sep).slice(indent.length)}]`;
  };
  return `${prefix}${recurse(0, 0, ' '.repeat(prefix.length + 1), linewidth - 1)})`;
}
