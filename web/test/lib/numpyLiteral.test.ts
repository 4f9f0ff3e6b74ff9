// "Copy as numpy": the np.array(...) source must read back to the same float64 values and
// shape. numpy itself checks that here (tests/fixtures/numpy_text.py --read-literals), when
// /usr/bin/python3 with numpy is on this machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type NdArrayLike,
  numpyLiteral,
  parseNumpyText,
  pyFloatLiteral,
  pyFloatRepr,
} from '../../src/lib/numpy';
import { bitMismatch, loadTextFixtures, scriptUrl } from './numpyTextFixtures';

// Debian's python3-numpy lives with /usr/bin/python3; NUMPY_PYTHON names another interpreter.
const PYTHON = process.env.NUMPY_PYTHON ?? '/usr/bin/python3';

/** Every fixture array, plus values at the edges of float64. */
const arrays: [string, NdArrayLike][] = [
  ...loadTextFixtures()
    .filter((c) => !c.name.startsWith('print_'))
    .map((c): [string, NdArrayLike] => [c.name, { data: c.data, shape: c.shape }]),
  [
    'float64_edges',
    {
      data: [
        5e-324,
        -5e-324,
        2.2250738585072014e-308,
        2.225073858507201e-308,
        1.7976931348623157e308,
        -0,
        0.1 + 0.2,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        1e16,
        1e-5,
        123456789012345680000,
        2 ** 53 + 2,
      ],
      shape: [2, 7],
    },
  ],
  ['zero_d_negative_inf', { data: [Number.NEGATIVE_INFINITY], shape: [] }],
  ['one_by_one_by_one', { data: [0.1], shape: [1, 1, 1] }],
];

function pythonWithNumpy(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} could not be run (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} has no numpy (install python3-numpy)`;
  return null;
}

describe('pyFloatLiteral', () => {
  it('writes nan and inf as numpy names, negative zero with its sign', () => {
    expect(
      [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0].map(pyFloatLiteral),
    ).toEqual(['np.nan', 'np.inf', '-np.inf', '-0.0', '0.0']);
  });
  it('writes finite values as Python repr (shortest round-trip digits)', () => {
    for (const v of [0.1, 1e-5, 1e16, 0.6923608807576933, -2.5])
      expect(pyFloatLiteral(v)).toBe(pyFloatRepr(v));
  });
});

describe('numpyLiteral', () => {
  it('nests brackets by shape and lays rows out like numpy repr', () => {
    expect(numpyLiteral({ data: [1.2, -0.3, 0.5, 2], shape: [2, 2] })).toBe(
      'np.array([[1.2, -0.3],\n          [0.5, 2.0]])',
    );
  });
  it('writes 0-d and empty arrays as numpy source that keeps the shape', () => {
    expect(numpyLiteral({ data: [0.5], shape: [] })).toBe('np.array(0.5)');
    expect(numpyLiteral({ data: [], shape: [0] })).toBe('np.array([])');
    expect(numpyLiteral({ data: [], shape: [2, 0] })).toBe('np.array([]).reshape((2, 0))');
  });
  it('keeps every line within 75 columns for ordinary values', () => {
    const data = Array.from({ length: 200 }, (_, k) => Math.sin(k) * 10 ** ((k % 7) - 3));
    const lines = numpyLiteral({ data, shape: [4, 50] }).split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(75);
  });
  it('is never summarised, even far above numpy threshold', () => {
    const data = Array.from({ length: 3000 }, (_, k) => k);
    expect(numpyLiteral({ data, shape: [3000] })).not.toContain('...');
  });
  it.each(arrays)('%s: reads back through parseNumpyText bit for bit with the same shape', (_name, a) => {
    const r = parseNumpyText(numpyLiteral(a));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.shape).toEqual([...a.shape]);
    expect(bitMismatch(r.data, a.data)).toBeNull();
  });
});

const missing = pythonWithNumpy();
if (missing !== null) console.log(`numpyLiteral numpy check skipped: ${missing}`);

describe('numpyLiteral read by numpy', () => {
  it.skipIf(missing !== null)(
    `numpy evals every literal to the same float64 values and shape, bit for bit${missing ? ` (skipped: ${missing})` : ''}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'numpy-literal-'));
      try {
        const file = join(dir, 'literals.txt');
        const blocks = arrays.map(([name, a]) => {
          const literal = numpyLiteral(a).split('\n');
          return [
            `case ${name}`,
            `shape ${a.shape.join(' ')}`.trimEnd(),
            `values ${Array.from(a.data, pyFloatRepr).join(' ')}`.trimEnd(),
            `text literal ${literal.length}`,
            ...literal,
            'end',
          ].join('\n');
        });
        writeFileSync(file, `${blocks.join('\n')}\n`);
        const r = spawnSync(PYTHON, [fileURLToPath(scriptUrl), '--read-literals', file], {
          encoding: 'utf8',
        });
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain(`${arrays.length} literals read back`);
        expect(r.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
