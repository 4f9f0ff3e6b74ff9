// The state layer's pure parts: field parsing, the link's query, the formulas, the loop order,
// the never-visited rows, the small integers, and the stage's cell size.
import { describe, expect, it } from 'vitest';
import { cellText, fixed, longText, shortCellText } from '../../src/ui/format';
import { FIELDS, NOTEBOOK, parseField } from '../../src/state/config';
import { smallInt } from '../../src/state/data';
import { loopAt } from '../../src/lib/tensor';
import { unvisitedNote, visitedLines } from '../../src/lib/geometry';
import { codeMarks, cLines, pythonLines } from '../../src/ops/conv_forward/code';
import { convFormulas } from '../../src/ops/conv/formula';
import { URL_CODEC } from '../../src/ops/index';

const { parseQuery, toQuery } = URL_CODEC;
import { stageLayout } from '../../src/ops/conv_forward/layout';

describe('parseField', () => {
  const pad = FIELDS.pad;
  const m = FIELDS.m;
  it('accepts whole numbers in range, with spaces and a trailing .0', () => {
    expect(parseField(m, ' 3 ')).toEqual({ ok: true, value: 3 });
    expect(parseField(m, '2.0')).toEqual({ ok: true, value: 2 });
    expect(parseField(pad, '0')).toEqual({ ok: true, value: 0 });
  });
  it('refuses every kind of bad text with a sentence naming the field and the range', () => {
    const bad = [
      '',
      '  ',
      'x',
      '1,5',
      '0x10',
      '--1',
      '-1',
      '-0.5',
      '0',
      '1.5',
      '11',
      '1e400',
      'Infinity',
      'NaN',
    ];
    for (const t of bad) {
      const r = parseField(m, t);
      expect(r.ok, t).toBe(false);
      if (!r.ok) expect(r.message, t).toMatch(/^(m |“)|m /);
      if (!r.ok) expect(r.message, t).toMatch(/1 to 10|at most 10/);
    }
  });
  it('shortens long text it quotes', () => {
    const r = parseField(m, 'a'.repeat(100));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeLessThan(80);
  });
});

describe('link query', () => {
  it('round-trips a configuration and step', () => {
    const q = toQuery('conv_forward', NOTEBOOK, 37);
    expect(q).toBe(
      '?op=conv_forward&m=2&H=5&W=7&Cin=4&Cout=8&f=3&stride=2&pad=1&dil=1&seed=1&data=gauss&step=37',
    );
    const back = parseQuery(q);
    expect(back).toEqual({ op: 'conv_forward', config: NOTEBOOK, step: 37, notes: [] });
  });
  it('keeps the good parameters and explains the bad ones', () => {
    const r = parseQuery('?m=1&H=-3&step=x');
    expect(r.config.m).toBe(1);
    expect(r.config.H).toBe(NOTEBOOK.H);
    expect(r.step).toBeNull();
    expect(r.notes).toHaveLength(2);
  });
});

describe('formulas', () => {
  it('works out the notebook example', () => {
    expect(convFormulas(NOTEBOOK)).toEqual({
      nH: 'n_H = ⌊(5 + 2·1 − 3) / 2⌋ + 1 = 3',
      nW: 'n_W = ⌊(7 + 2·1 − 3) / 2⌋ + 1 = 4',
      steps: 'steps = m·n_C·n_H·n_W = 2·8·3·4 = 192',
    });
  });
  it('shows the dilated filter’s reach', () => {
    const f = convFormulas({ ...NOTEBOOK, H: 7, W: 7, pad: 0, stride: 1, dil: 2 });
    expect(f.nH).toBe('n_H = (7 + 2·0 − 2·(3 − 1) − 1) + 1 = 3');
  });
});

describe('loop order and coverage', () => {
  it('numbers steps as the seed loops: i, c, h, w with w fastest', () => {
    const s = { nC: NOTEBOOK.Cout, nH: 3, nW: 4 };
    expect(loopAt(s, 0 + 1)).toEqual({ i: 0, c: 0, h: 0, w: 0 });
    expect(loopAt(s, 3 + 1)).toEqual({ i: 0, c: 0, h: 0, w: 3 });
    expect(loopAt(s, 4 + 1)).toEqual({ i: 0, c: 0, h: 1, w: 0 });
    expect(loopAt(s, 36 + 1)).toEqual({ i: 0, c: 3, h: 0, w: 0 });
    expect(loopAt(s, 191 + 1)).toEqual({ i: 1, c: 7, h: 2, w: 3 });
  });
  it('finds the rows no window visits', () => {
    // 6 rows, f 3, stride 2: windows at 0 and 2 cover rows 0..4
    expect(visitedLines(6, 2, 2, 3, 1)).toEqual([true, true, true, true, true, false]);
    // f 1, stride 2: every other row
    expect(visitedLines(5, 3, 2, 1, 1)).toEqual([true, false, true, false, true]);
    // dilation 2 samples every other row inside the window
    expect(visitedLines(5, 1, 1, 3, 2)).toEqual([true, false, true, false, true]);
    expect(unvisitedNote([true, false], [true, true])).toBe('1 row never visited');
    expect(unvisitedNote([false, false], [false])).toBe('2 rows and 1 column never visited');
    expect(unvisitedNote([true], [true])).toBeNull();
  });
});

describe('small integers', () => {
  it('round 1.5·x, clamp to −3..3, no −0', () => {
    expect([-5, -1.7, -0.2, 0, 0.2, 0.4, 1, 1.7, 5].map(smallInt)).toEqual([-3, -3, 0, 0, 0, 1, 2, 3, 3]);
    expect(Object.is(smallInt(-0.1), -0)).toBe(false);
  });
});

describe('number formats', () => {
  it('uses a true minus sign and never prints −0', () => {
    expect(fixed(-0.00001, 2)).toBe('0.00');
    expect(fixed(-1.5, 1)).toBe('−1.5');
    expect(cellText(-0.5283, 'gauss')).toBe('−0.53');
    expect(cellText(10.99, 'gauss')).toBe('11.0');
    expect(shortCellText(-0.5283, 'gauss')).toBe('−0.5');
    expect(longText(-2.651123629553914, 'gauss')).toBe('−2.6511');
    expect(cellText(-3, 'ints')).toBe('−3');
    expect(longText(-0, 'ints')).toBe('0');
  });
});

describe('code marks', () => {
  const win = {
    step: 5,
    total: 192,
    i: 0,
    c: 0,
    h: 1,
    w: 0,
    vertStart: 2,
    vertEnd: 5,
    horiStart: 0,
    horiEnd: 3,
    f: 3,
    value: 1,
    amount: 0,
    mask: new Uint8Array(9),
    maskCount: 0,
  };
  const frame = {
    position: 5,
    total: 192,
    win,
    i: 0,
    c: 0,
    Z: new Float64Array(12),
    products: [],
    sum: 0,
    bias: 0,
  };
  it('a new row passes the vertical loop; the statement that ran is Z = ...', () => {
    const m = codeMarks('python', frame, { z: '1', sum: '0' });
    expect(m.current).toBe('z');
    expect(m.ran.has('vert_start')).toBe(true);
    expect(m.ran.has('for_c')).toBe(false);
    expect(m.values.vert_start).toBe('= 2');
  });
  it('every marked id is a line of the code shown', () => {
    for (const [lang, lines] of [
      ['python', pythonLines({ ...NOTEBOOK, dil: 2 })],
      ['c', cLines()],
    ] as const) {
      const ids = new Set(lines.map((l) => l.id));
      const m = codeMarks(lang, frame, { z: '1', sum: '0' });
      for (const id of [m.current, ...m.ran, ...Object.keys(m.values)])
        expect(ids.has(id), `${lang} ${id}`).toBe(true);
      // lines stay short enough for the panel beside the stage
      for (const l of lines) expect(l.text.length, l.text).toBeLessThanOrEqual(62);
    }
  });
});

describe('stage layout', () => {
  const nb = { channels: 4, Hp: 7, Wp: 9, f: 3, nH: 3, nW: 4 };
  it('grows the cells with the box and never exceeds it', () => {
    const small = stageLayout(nb, 600, 500);
    const big = stageLayout(nb, 1200, 900);
    expect(big.cell).toBeGreaterThan(small.cell);
    expect(small.cell).toBeGreaterThanOrEqual(18);
  });
  it('gives a tiny box a tiny but positive cell', () => {
    expect(stageLayout({ channels: 8, Hp: 48, Wp: 48, f: 9, nH: 40, nW: 40 }, 300, 200).cell).toBeGreaterThan(
      0,
    );
  });
});
