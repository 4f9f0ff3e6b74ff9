// Every sentence the numpy-text reader can say, in one place: each entry is a function of the
// facts it reports, its words from the catalog below (English and Korean); `where` is the text
// of NUMPY_TEXT_MESSAGES.where.

import { messages, type Translation } from '../i18n';

const en = {
  where: 'line {line}, column {column}',
  empty: 'There is nothing to read: paste an array or a number.',
  tooLarge: 'The text is {chars} characters long; at most {limit} characters can be read at once.',
  labelOnly: 'After "{label} =" there is no array or number to read.',
  unexpectedChar: 'Unexpected character "{char}" at {where}.',
  unexpectedToken: 'Unexpected "{token}" at {where}.',
  unexpectedEnd: 'The text ends too early: {expected} is missing at the end.',
  expectedValue: 'Expected a number or "[" at {where}, but found "{found}".',
  missingSeparator: 'Two numbers run together at {where}: put a space or a comma between them.',
  doubleComma: 'Two commas in a row at {where}: a value is missing between them.',
  leadingComma: 'A comma right after "[" at {where}: a value is missing before it.',
  summarised:
    'This print is summarised: numpy replaced part of the array with "..." (at {where}). Print the whole array first with: import sys; np.set_printoptions(threshold=sys.maxsize)',
  ragged:
    'The list at {where} has {found} {found#element|elements}, but the first list at the same depth has {expected}: every row of an array must have the same length.',
  mixedDepth: 'At {where} a number and a list sit at the same depth: an array cannot mix them.',
  tooDeep:
    'The lists are nested more than {limit} deep at {where}; numpy arrays have at most {limit} dimensions.',
  trailingText: 'Only one array or number can be read at a time, but "{token}" follows it at {where}.',
  badNumber:
    '"{token}" at {where} is not a number: letters follow the digits (complex numbers cannot be read).',
  unknownName:
    '"{name}" at {where} is not a number; known names are nan, inf, np.nan, np.inf, array, np.array, np.float64 and .reshape.',
  unsupportedDtype:
    'The dtype {dtype} at {where} is not a real-number type; only float and int arrays can be read.',
  unknownKeyword: '"{name}=" at {where} is not understood; only dtype= and shape= can follow the values.',
  shapeMismatch: 'The text says shape={given}, but its values have shape {found}.',
  internal: 'The text could not be read because of an error in this reader: {detail}',
  cannotReshape: '.reshape at {where} cannot put {size} {size#value|values} into shape {shape}.',
  badShape: 'The shape at {where} is not a tuple of whole numbers such as (2, 0).',
} as const;

const ko: Translation<typeof en> = {
  where: '{line}번째 줄, {column}번째 칸',
  empty: '읽을 것이 없습니다. 배열이나 숫자를 붙여 넣으세요.',
  tooLarge: '글이 {chars}자입니다. 한 번에 {limit}자까지 읽을 수 있습니다.',
  labelOnly: '"{label} =" 뒤에 읽을 배열이나 숫자가 없습니다.',
  unexpectedChar: '{where}: 뜻밖의 문자 "{char}".',
  unexpectedToken: '{where}: 뜻밖의 "{token}".',
  unexpectedEnd: '글이 너무 일찍 끝납니다. 끝에 빠진 것: {expected}.',
  expectedValue: '{where}: 숫자나 "["가 와야 할 자리에 "{found}".',
  missingSeparator: '{where}에서 두 숫자가 붙어 있습니다. 사이에 빈칸이나 쉼표를 넣으세요.',
  doubleComma: '{where}에 쉼표가 두 번 연달아 있습니다. 사이에 값이 빠졌습니다.',
  leadingComma: '{where}에서 "[" 바로 뒤에 쉼표가 있습니다. 그 앞에 값이 빠졌습니다.',
  summarised:
    '이 출력은 줄여져 있습니다. numpy가 배열의 일부를 "..."로 바꾸었습니다({where}). 먼저 배열 전체를 출력하세요: import sys; np.set_printoptions(threshold=sys.maxsize)',
  ragged:
    '{where}의 리스트에는 원소가 {found}개인데, 같은 깊이의 첫 리스트에는 {expected}개입니다. 배열의 모든 행은 길이가 같아야 합니다.',
  mixedDepth: '{where}에서 숫자와 리스트가 같은 깊이에 있습니다. 배열은 둘을 섞을 수 없습니다.',
  tooDeep: '{where}에서 리스트가 {limit}단계보다 깊게 겹쳐 있습니다. numpy 배열은 최대 {limit}차원입니다.',
  trailingText: '한 번에 배열이나 숫자 하나만 읽을 수 있습니다. {where}에서 뒤에 이어지는 것: "{token}".',
  badNumber: '{where}의 "{token}": 숫자가 아닙니다. 숫자 뒤에 글자가 있습니다(복소수는 읽을 수 없습니다).',
  unknownName:
    '{where}의 "{name}": 숫자가 아닙니다. 아는 이름은 nan, inf, np.nan, np.inf, array, np.array, np.float64, .reshape입니다.',
  unsupportedDtype: '{where}의 dtype {dtype|은} 실수 형식이 아닙니다. float와 int 배열만 읽을 수 있습니다.',
  unknownKeyword: '{where}의 "{name}=": 알 수 없습니다. 값 뒤에는 dtype=와 shape=만 올 수 있습니다.',
  shapeMismatch: '글에는 shape={given|이라}고 되어 있지만 값의 모양은 {found}입니다.',
  internal: '이 읽개의 오류 때문에 글을 읽지 못했습니다: {detail}',
  cannotReshape: '{where}의 .reshape는 값 {size}개를 모양 {shape}에 넣을 수 없습니다.',
  badShape: '{where}의 모양은 (2, 0) 같은 정수 튜플이 아닙니다.',
};

const t = messages(en, ko);

export const NUMPY_TEXT_MESSAGES = {
  where: (line: number, column: number) => t('where', { line, column }),
  empty: () => t('empty'),
  tooLarge: (chars: number, limit: number) => t('tooLarge', { chars, limit }),
  labelOnly: (label: string) => t('labelOnly', { label }),
  unexpectedChar: (char: string, where: string) => t('unexpectedChar', { char, where }),
  unexpectedToken: (token: string, where: string) => t('unexpectedToken', { token, where }),
  unexpectedEnd: (expected: string) => t('unexpectedEnd', { expected }),
  expectedValue: (found: string, where: string) => t('expectedValue', { found, where }),
  missingSeparator: (where: string) => t('missingSeparator', { where }),
  doubleComma: (where: string) => t('doubleComma', { where }),
  leadingComma: (where: string) => t('leadingComma', { where }),
  summarised: (where: string) => t('summarised', { where }),
  ragged: (found: number, expected: number, where: string) => t('ragged', { found, expected, where }),
  mixedDepth: (where: string) => t('mixedDepth', { where }),
  tooDeep: (limit: number, where: string) => t('tooDeep', { limit, where }),
  trailingText: (token: string, where: string) => t('trailingText', { token, where }),
  badNumber: (token: string, where: string) => t('badNumber', { token, where }),
  unknownName: (name: string, where: string) => t('unknownName', { name, where }),
  unsupportedDtype: (dtype: string, where: string) => t('unsupportedDtype', { dtype, where }),
  unknownKeyword: (name: string, where: string) => t('unknownKeyword', { name, where }),
  shapeMismatch: (given: string, found: string) => t('shapeMismatch', { given, found }),
  internal: (detail: string) => t('internal', { detail }),
  cannotReshape: (size: number, shape: string, where: string) => t('cannotReshape', { size, shape, where }),
  badShape: (where: string) => t('badShape', { where }),
} as const;

export type NumpyTextMessages = typeof NUMPY_TEXT_MESSAGES;
