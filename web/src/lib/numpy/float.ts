// One float64 as Python and numpy 1.24 write it.
//
// Two kinds of digits are needed:
//   * the SHORTEST digits that read back to the same double (Python's repr(float), numpy's
//     "unique" mode). JavaScript's String(x) gives exactly these: the fewest digits that
//     round-trip, and of those the closest to x, as Python and numpy's Dragon4 choose.
//   * the exact value ROUNDED to a number of digits, for numpy's precision cut-off (8 digits
//     by default). toFixed/toExponential round the exact binary value too, but break exact
//     ties away from zero where numpy's Dragon4 breaks them to the even digit, so ties (which
//     are rare and detectable) are settled here.
//
// numpy's rule, in its "unique" mode with a precision P: print the shortest digits if they
// need at most P digits (after the point, or after the first digit in scientific notation),
// otherwise the exact value rounded to P digits, ties to even.

/** |x| = 0.DIGITS × 10^point; digits has no leading or trailing zeros ('' for zero). */
interface ShortestDigits {
  digits: string;
  point: number;
}

/** The shortest digits that read back to |x| (x finite). */
function shortestDigits(x: number): ShortestDigits {
  if (x === 0) return { digits: '', point: 0 };
  const s = String(Math.abs(x));
  const e = s.indexOf('e');
  let mantissa = e < 0 ? s : s.slice(0, e);
  const exp = e < 0 ? 0 : Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  let point = (dot < 0 ? mantissa.length : dot) + exp;
  mantissa = mantissa.replace('.', '');
  let lead = 0;
  while (mantissa.charCodeAt(lead) === 48 /* 0 */) lead++;
  point -= lead;
  let end = mantissa.length;
  while (end > lead && mantissa.charCodeAt(end - 1) === 48) end--;
  return { digits: mantissa.slice(lead, end), point };
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** Exponent as numpy and Python write it: sign and at least `width` digits (e+05, e-100). */
function exponentText(e: number, width: number): string {
  return `e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(width, '0')}`;
}

/**
 * Python's repr(float), which is also what print() shows for a float or an np.float64 in
 * numpy 1.x: shortest round-trip digits, '1.0' for whole numbers, an exponent below 1e-4 and
 * from 1e16 on ('1e-05', '1.5e+16'), 'nan', 'inf', '-inf'.
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = isNegative(x) ? '-' : '';
  if (x === 0) return `${sign}0.0`;
  const { digits: d, point } = shortestDigits(x);
  if (point <= -4 || point > 16) {
    const rest = d.length > 1 ? `.${d.slice(1)}` : '';
    return `${sign}${d[0]}${rest}${exponentText(point - 1, 2)}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${d}`;
  if (point >= d.length) return `${sign}${d}${'0'.repeat(point - d.length)}.0`;
  return `${sign}${d.slice(0, point)}.${d.slice(point)}`;
}

// ---------------------------------------------------------------------------------------------
// Exact rounding with ties to even.

/** |x| as m · 2^e with m an integer (x finite, non-zero). */
function binaryParts(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = hi >>> 20;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? { m: frac, e: -1074 } : { m: frac | (1n << 52n), e: biased - 1075 };
}

/** Is |x| exactly the decimal DIGITS × 10^pow10? */
function equalsDecimal(x: number, digits: string, pow10: number): boolean {
  const { m, e } = binaryParts(x);
  let left = m;
  let right = BigInt(digits);
  if (e >= 0) left <<= BigInt(e);
  else right <<= BigInt(-e);
  if (pow10 >= 0) right *= 10n ** BigInt(pow10);
  else left *= 10n ** BigInt(-pow10);
  return left === right;
}

/** |x| rounded to p digits after the point, ties to even: [integer digits, p fraction digits]. */
function roundFixed(x: number, p: number): [string, string] {
  const v = Math.abs(x);
  let s = v.toFixed(p);
  // A tie at p digits is v = j / 2^(p+1) with j odd (then v·10^p = j·5^p / 2); toFixed has
  // rounded it up, so step back when the digit below is even. Its p+1 digits are exact.
  const scaled = v * 2 ** (p + 1);
  if (Number.isInteger(scaled) && scaled % 2 === 1) {
    const longer = v.toFixed(p + 1);
    const truncated = longer.slice(0, -1);
    const last = truncated.charCodeAt(truncated.length - (p === 0 ? 2 : 1)) - 48;
    if (last % 2 === 0) s = p === 0 ? truncated.slice(0, -1) : truncated;
  }
  const dot = s.indexOf('.');
  return dot < 0 ? [s, ''] : [s.slice(0, dot), s.slice(dot + 1)];
}

/** |x| rounded to p + 1 significant digits, ties to even: { digits (p + 1 of them), exponent of the first }. */
function roundScientific(x: number, p: number): { digits: string; exp: number } {
  const v = Math.abs(x);
  const parse = (s: string) => {
    const e = s.indexOf('e');
    return { digits: s.slice(0, e).replace('.', ''), exp: Number(s.slice(e + 1)) };
  };
  const rounded = parse(v.toExponential(p));
  // A tie: the exact value has p + 2 significant digits ending in 5. toExponential rounded it
  // away from zero; keep the truncation instead when its last digit is even.
  const longer = v.toExponential(p + 1);
  const l = parse(longer);
  if (l.digits.endsWith('5') && Number(longer) === v && equalsDecimal(v, l.digits, l.exp - (p + 1))) {
    const truncated = l.digits.slice(0, -1);
    if ((truncated.charCodeAt(truncated.length - 1) - 48) % 2 === 0) return { digits: truncated, exp: l.exp };
  }
  return rounded;
}

// ---------------------------------------------------------------------------------------------
// numpy's positional and scientific digits (dragon4_positional / dragon4_scientific, unique).

/** Integer part (with its '-') and fraction digits of finite x, numpy unique mode, at most
 *  p fraction digits, trailing zeros trimmed ('1.', '0.25', '-0.'). */
function positionalParts(x: number, p: number): [string, string] {
  const sign = isNegative(x) ? '-' : '';
  const { digits: d, point } = shortestDigits(x);
  if (d.length - point <= p) {
    if (d === '') return [`${sign}0`, ''];
    if (point <= 0) return [`${sign}0`, '0'.repeat(-point) + d];
    if (point >= d.length) return [sign + d + '0'.repeat(point - d.length), ''];
    return [sign + d.slice(0, point), d.slice(point)];
  }
  const [int, frac] = roundFixed(x, p);
  return [sign + int, frac.replace(/0+$/, '')];
}

/** Mantissa of finite x in scientific notation with at most p fraction digits (shortest when
 *  it fits), trailing zeros trimmed unless `keep` fraction digits are asked for: [mantissa with
 *  '-' and '.', exponent]. */
function scientificParts(x: number, p: number, keep = 0): [string, number] {
  const sign = isNegative(x) ? '-' : '';
  let { digits: d, point } = shortestDigits(x);
  let exp = point - 1;
  if (d === '') {
    d = '0';
    exp = 0;
  } else if (d.length - 1 > p) {
    const r = roundScientific(x, p);
    d = r.digits.replace(/0+$/, '') || '0';
    exp = r.exp;
  }
  const frac = d.slice(1).padEnd(keep, '0');
  return [`${sign}${d[0]}.${frac}`, exp];
}

/**
 * numpy's FloatingFormat for float64 with sign='-', floatmode='maxprec', suppress=False:
 * looks at all the values that will be printed, chooses positional or scientific notation
 * and the common padding, and returns the function that formats each one.
 */
export function floatingFormat(values: ArrayLike<number>, precision: number): (x: number) => string {
  const finite: number[] = [];
  let anyNonFinite = false;
  let negInf = false;
  let maxAbs = 0;
  let minAbs = Number.POSITIVE_INFINITY;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isFinite(v)) {
      finite.push(v);
      const a = Math.abs(v);
      if (a !== 0) {
        if (a > maxAbs) maxAbs = a;
        if (a < minAbs) minAbs = a;
      }
    } else {
      anyNonFinite = true;
      if (v === Number.NEGATIVE_INFINITY) negInf = true;
    }
  }
  // numpy: exponential if the largest is >= 1e8, the smallest < 1e-4, or they differ by > 1000x.
  const expFormat = maxAbs !== 0 && (maxAbs >= 1e8 || minAbs < 0.0001 || maxAbs / minAbs > 1000);

  // First pass (as numpy's fillFormat): the widths of the integer and fraction parts.
  let padLeft = 0;
  let padRight = 0;
  let fracDigits = 0;
  let expDigits = 0;
  if (expFormat) {
    for (const v of finite) {
      const [mantissa, exp] = scientificParts(v, precision);
      const dot = mantissa.indexOf('.');
      padLeft = Math.max(padLeft, dot);
      fracDigits = Math.max(fracDigits, mantissa.length - dot - 1);
      expDigits = Math.max(expDigits, String(Math.abs(exp)).length, 2);
    }
    padRight = expDigits + 2 + fracDigits;
  } else {
    for (const v of finite) {
      const [int, frac] = positionalParts(v, precision);
      padLeft = Math.max(padLeft, int.length);
      padRight = Math.max(padRight, frac.length);
    }
  }
  if (anyNonFinite) {
    // nan and inf are right-aligned in the same width as the numbers, which widens them all.
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (negInf ? 1 : 0) - (padRight + 1));
  }
  const width = padLeft + padRight + 1;
  const left = padLeft;
  const right = padRight;

  // Second pass: each value with the common padding.
  return (x) => {
    if (!Number.isFinite(x)) {
      const word = Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
      return ' '.repeat(Math.max(0, width - word.length)) + word;
    }
    if (expFormat) {
      const [mantissa, exp] = scientificParts(x, fracDigits, fracDigits);
      return ' '.repeat(Math.max(0, left - mantissa.indexOf('.'))) + mantissa + exponentText(exp, expDigits);
    }
    const [int, frac] = positionalParts(x, precision);
    return `${int.padStart(left)}.${frac.padEnd(right)}`;
  };
}
