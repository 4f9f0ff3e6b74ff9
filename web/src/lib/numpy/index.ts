// numpy text: print arrays exactly as numpy 1.24 does, write them as numpy source that reads
// back bit for bit, and read back what a notebook printed. Pure functions, no dependencies.
//
//   arrayStr(a, opts?)      print(arr)               [[ 1.2 -0.3] ...]
//   arrayRepr(a, opts?)     repr(arr)                array([[ 1.2, -0.3], ...])
//   toListRepr(a)           print(arr.tolist())      [[1.2, -0.3], ...]
//   pyFloatRepr(x)          print(np.float64(x))     0.6923608807576933
//   pythonPrint(items)      print("Z's mean =", m)   Z's mean = 0.5511276474566768
//   numpyLiteral(a)         copy as numpy            np.array([[1.2, -0.3], ...])
//   parseNumpyText(text)    any of the above, back to { data, shape, label? } or a sentence
//   npMean(a), npIndex(a, [1, 1])   np.mean(arr) in numpy's order of adding, arr[1, 1]
//
// `a` is { data: ArrayLike<number>, shape: number[] } in C order; opts are numpy's print
// options (DEFAULT_PRINT_OPTIONS; FULL_PRINT_OPTIONS never summarises with '...').

export { pyFloatRepr } from './float';
export { numpyLiteral, pyFloatLiteral } from './literal';
export { NUMPY_TEXT_MESSAGES, type NumpyTextMessages } from './messages';
export { npIndex, npMean, npSum, npSumOf } from './reduce';
export { MAX_DIMENSIONS, MAX_TEXT_LENGTH, type ParseResult, parseNumpyText } from './parse';
export {
  arrayRepr,
  arrayStr,
  DEFAULT_PRINT_OPTIONS,
  FULL_PRINT_OPTIONS,
  type NdArrayLike,
  type PrintOptions,
  pythonPrint,
  pyTupleRepr,
  toListRepr,
} from './print';
