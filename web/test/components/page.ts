// What a person reads on the rendered page, found by role and visible text: the transport's
// step number and the code panel's lines. Shared by the tests that drive the whole app.
import { screen, within } from '@testing-library/preact';
import { expect } from 'vitest';

/** "step 37 of 192" as the transport prints it. */
export function stepText(): string {
  return screen.getByRole('status', { name: 'Step number' }).textContent ?? '';
}

function codeList(): HTMLElement {
  return screen.getByRole('list', { name: /Python loop nest|C loop/ });
}

/** The code panel's one current line (the step just done), as text. */
export function currentLine(): string {
  const cur = within(codeList())
    .getAllByRole('listitem')
    .filter((li) => li.getAttribute('aria-current') === 'step');
  expect(cur).toHaveLength(1);
  return cur[0]!.textContent ?? '';
}

/** The code panel's line whose code starts with `startsWith`. */
export function codeLine(startsWith: string): HTMLElement {
  const li = within(codeList())
    .getAllByRole('listitem')
    .find((l) => (l.querySelector('code')?.textContent ?? '').trim().startsWith(startsWith));
  if (!li) throw new Error(`no line ${startsWith}`);
  return li;
}
