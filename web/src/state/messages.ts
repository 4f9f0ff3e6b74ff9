// The sentences of predict-then-reveal and "check my numbers" that the state layer says, in one
// place, so that a translation replaces this table and nothing else.

export const PREDICT_MESSAGES = {
  noCells: 'Click at least one cell of the window first (or skip the question).',
  cellsPart: 'the cells',
  notANumber: (label: string, typed: string) =>
    typed.trim() === ''
      ? `Type a number for ${label} first (or skip the question).`
      : `“${typed.trim().slice(0, 24)}” is not a number: type one for ${label}, e.g. -1.25.`,
  score: (right: number, answered: number, passed: number) =>
    `Score: ${right} of ${answered} right${passed > 0 ? `, ${passed} skipped or shown` : ''}.`,
} as const;

export const CHECK_MESSAGES = {
  empty: 'Paste what your notebook printed first.',
  noTarget: (shape: string, names: string) =>
    `No output of this run has shape ${shape}: paste one of ${names}, or choose which one it is.`,
  unknownLabel: (label: string) =>
    `“${label}” is not something this check knows; choose which output you pasted.`,
  match: (what: string, n: number) =>
    n === 1
      ? `Right: ${what} agrees with convstep’s value.`
      : `Right: all ${n} values of ${what} agree with convstep’s.`,
  wrongShape: (what: string, got: string, want: string) =>
    `Wrong shape: ${what} has shape ${want}, the pasted array has shape ${got}.`,
  allZeros: (what: string) =>
    `All zeros: every value of ${what} is 0. Does the loop write into the array it returns (Z[i, h, w, c] = …), and return it?`,
  pattern: (name: string, step: number, at: string) =>
    `This is the output of a classic mistake: ${name}. Your loop first parts from the right one at step ${step} (${at}).`,
  differ: (count: number, total: number, what: string) =>
    `${count} of ${total} ${total === 1 ? 'value' : 'values'} of ${what} differ.`,
  firstCell: (cell: string, want: string, got: string) =>
    `The first in the loop’s order is ${cell}: expected ${want}, received ${got}.`,
  step: (step: number, at: string) =>
    `The step whose contribution is wrong or missing: step ${step} (${at}).`,
  stepMany: (step: number, at: string, others: string) =>
    `The first step that adds to it is step ${step} (${at}); the others that add to it: ${others}.`,
  scalarDiffer: (what: string, want: string, got: string) => `${what}: expected ${want}, received ${got}.`,
  scalarHint: 'A mean mixes every cell: paste the whole array to find the step that is wrong.',
  goTo: (step: number) => `Go to step ${step}`,
} as const;
