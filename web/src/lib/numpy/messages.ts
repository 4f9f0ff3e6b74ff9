// Every sentence the numpy-text reader can say, in one place, so that a translation replaces
// this table and nothing else. Each entry is a function of the facts it reports; `where` is
// the text of NUMPY_TEXT_MESSAGES.where (or of its translation).

export const NUMPY_TEXT_MESSAGES = {
  where: (line: number, column: number) => `line ${line}, column ${column}`,
  empty: () => 'There is nothing to read: paste an array or a number.',
  tooLarge: (chars: number, limit: number) =>
    `The text is ${chars} characters long; at most ${limit} characters can be read at once.`,
  labelOnly: (label: string) => `After "${label} =" there is no array or number to read.`,
  unexpectedChar: (char: string, where: string) => `Unexpected character "${char}" at ${where}.`,
  unexpectedToken: (token: string, where: string) => `Unexpected "${token}" at ${where}.`,
  unexpectedEnd: (expected: string) => `The text ends too early: ${expected} is missing at the end.`,
  expectedValue: (found: string, where: string) =>
    `Expected a number or "[" at ${where}, but found "${found}".`,
  missingSeparator: (where: string) =>
    `Two numbers run together at ${where}: put a space or a comma between them.`,
  doubleComma: (where: string) => `Two commas in a row at ${where}: a value is missing between them.`,
  leadingComma: (where: string) => `A comma right after "[" at ${where}: a value is missing before it.`,
  summarised: (where: string) =>
    `This print is summarised: numpy replaced part of the array with "..." (at ${where}). ` +
    'Print the whole array first with: import sys; np.set_printoptions(threshold=sys.maxsize)',
  ragged: (found: number, expected: number, where: string) =>
    `The list at ${where} has ${found} ${found === 1 ? 'element' : 'elements'}, but the first list ` +
    `at the same depth has ${expected}: every row of an array must have the same length.`,
  mixedDepth: (where: string) =>
    `At ${where} a number and a list sit at the same depth: an array cannot mix them.`,
  tooDeep: (limit: number, where: string) =>
    `The lists are nested more than ${limit} deep at ${where}; numpy arrays have at most ${limit} dimensions.`,
  trailingText: (token: string, where: string) =>
    `Only one array or number can be read at a time, but "${token}" follows it at ${where}.`,
  badNumber: (token: string, where: string) =>
    `"${token}" at ${where} is not a number: letters follow the digits (complex numbers cannot be read).`,
  unknownName: (name: string, where: string) =>
    `"${name}" at ${where} is not a number; known names are nan, inf, np.nan, np.inf, array, np.array, np.float64 and .reshape.`,
  unsupportedDtype: (dtype: string, where: string) =>
    `The dtype ${dtype} at ${where} is not a real-number type; only float and int arrays can be read.`,
  unknownKeyword: (name: string, where: string) =>
    `"${name}=" at ${where} is not understood; only dtype= and shape= can follow the values.`,
  shapeMismatch: (given: string, found: string) =>
    `The text says shape=${given}, but its values have shape ${found}.`,
  internal: (detail: string) => `The text could not be read because of an error in this reader: ${detail}`,
  cannotReshape: (size: number, shape: string, where: string) =>
    `.reshape at ${where} cannot put ${size} ${size === 1 ? 'value' : 'values'} into shape ${shape}.`,
  badShape: (where: string) => `The shape at ${where} is not a tuple of whole numbers such as (2, 0).`,
} as const;

export type NumpyTextMessages = typeof NUMPY_TEXT_MESSAGES;
