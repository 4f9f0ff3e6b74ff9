// Predict, then reveal: how an answer is graded (exact for small integers, to 2 decimals for
// Gaussian data, the clicked cells as a set), what a bad answer gets (a sentence, no grade), the
// score's words, and ?predict=1 in the link.
import { describe, expect, it } from 'vitest';
import { parseView, viewQuery } from '../../src/state/modes';
import { grade, type Question, scoreText } from '../../src/state/predict';

const exact: Question = {
  step: 4,
  prompt: 'What value does Z[0, 0, 1, 0] get?',
  numbers: [{ label: 'Z[0, 0, 1, 0]', answer: 3, decimals: null }],
  why: '',
};
const twoDecimals: Question = {
  ...exact,
  numbers: [{ label: 'Z', answer: -2.651123629553914, decimals: 2 }],
};
const cells: Question = {
  step: 2,
  prompt: 'Which cells are the maximum?',
  cells: { rows: 2, cols: 2, values: [1, 5, 5, 0], names: ['a', 'b', 'c', 'd'], answer: [1, 2] },
  numbers: [],
  why: '',
};

describe('grading a prediction', () => {
  it('small integers must be exact: 3 and 3.0 are right, 3.01 is wrong', () => {
    expect(grade(exact, { cells: [], numbers: ['3'] })).toMatchObject({ ok: true, right: true });
    expect(grade(exact, { cells: [], numbers: [' 3.0 '] })).toMatchObject({ ok: true, right: true });
    expect(grade(exact, { cells: [], numbers: ['3.01'] })).toMatchObject({
      ok: true,
      right: false,
      wrongParts: ['Z[0, 0, 1, 0]'],
    });
  });

  it('Gaussian data to 2 decimals: -2.65 and the typographic minus are right, -2.66 is wrong', () => {
    expect(grade(twoDecimals, { cells: [], numbers: ['-2.65'] })).toMatchObject({ right: true });
    expect(grade(twoDecimals, { cells: [], numbers: ['\u22122.65'] })).toMatchObject({ right: true });
    expect(grade(twoDecimals, { cells: [], numbers: ['-2.6511'] })).toMatchObject({ right: true });
    expect(grade(twoDecimals, { cells: [], numbers: ['-2.66'] })).toMatchObject({ right: false });
    expect(grade(twoDecimals, { cells: [], numbers: ['2.65'] })).toMatchObject({ right: false });
  });

  it('clicked cells are a set: every tied maximum and nothing else, in any order', () => {
    expect(grade(cells, { cells: [2, 1], numbers: [] })).toMatchObject({ right: true });
    expect(grade(cells, { cells: [1], numbers: [] })).toMatchObject({
      right: false,
      wrongParts: ['the cells'],
    });
    expect(grade(cells, { cells: [1, 2, 3], numbers: [] })).toMatchObject({ right: false });
  });

  it('no answer or text that is not a number gets a sentence and no grade', () => {
    const none = grade(exact, { cells: [], numbers: [''] });
    expect(none.ok).toBe(false);
    expect(!none.ok && none.message).toMatch(/^Type a number for Z\[0, 0, 1, 0\] first/);
    const words = grade(exact, { cells: [], numbers: ['three'] });
    expect(!words.ok && words.message).toMatch(/“three” is not a number/);
    const noCells = grade(cells, { cells: [], numbers: [] });
    expect(!noCells.ok && noCells.message).toMatch(/Click at least one cell/);
    expect(grade(exact, { cells: [], numbers: ['[1, 2]'] }).ok).toBe(false);
  });

  it('the score counts right answers of those answered, and skipped or shown ones apart', () => {
    expect(scoreText({ right: 0, wrong: 0, passed: 0 })).toBe('Score: 0 of 0 right.');
    expect(scoreText({ right: 2, wrong: 1, passed: 1 })).toBe('Score: 2 of 3 right, 1 skipped or shown.');
  });
});

describe('?predict=1 in the link', () => {
  it('turns predict mode on and is written back; a bad value gets a sentence', () => {
    expect(parseView('?predict=1').view.predict).toBe(true);
    expect(parseView('').view.predict).toBe(false);
    expect(viewQuery(parseView('?predict=1').view)).toBe('&predict=1');
    const bad = parseView('?predict=yes');
    expect(bad.view.predict).toBe(false);
    expect(bad.notes[0]).toMatch(/predict “yes” is not 1 or 0/);
  });
});
