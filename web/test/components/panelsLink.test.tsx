// The panels' state travels in the link: the classic mistake shown beside the right loop
// (?mistake=) and the notebook's printouts opened before the walk's end (?printouts=1). A link
// naming a mistake the operation does not have gets a sentence and shows the right loop only.
import { describe, expect, it } from 'vitest';
import { parseView, viewQuery } from '../../src/state/modes';
import { makeStore } from './setup';

describe('the panels in the link', () => {
  it('reads and writes the mistake and the printouts, leaving defaults out', () => {
    const { view, notes } = parseView('?mistake=bias_left_out&printouts=1');
    expect(notes).toEqual([]);
    expect(view.mistake).toBe('bias_left_out');
    expect(view.printoutsOpen).toBe(true);
    expect(viewQuery(view)).toBe('&printouts=1&mistake=bias_left_out');
    expect(viewQuery(parseView('').view)).toBe('');
  });

  it('refuses a printouts flag that is not 1 or 0, with a sentence', () => {
    const { view, notes } = parseView('?printouts=yes');
    expect(view.printoutsOpen).toBe(false);
    expect(notes.join(' ')).toMatch(/printouts “yes” is not 1 or 0/);
  });

  it('opens the store on the linked mistake and writes it back into the link', async () => {
    const store = await makeStore('?op=conv_forward&step=5&mistake=bias_left_out&printouts=1');
    expect(store.mistake.value).toBe('bias_left_out');
    expect(store.printoutsOpen.value).toBe(true);
    expect(store.query.value).toMatch(/&printouts=1&mistake=bias_left_out/);
    expect(store.notes.value).toEqual([]);
    store.setMistake('');
    store.setPrintoutsOpen(false);
    expect(store.query.value).not.toMatch(/mistake=|printouts=/);
  });

  it('says which mistakes exist when the link names another, and shows none', async () => {
    const store = await makeStore('?op=conv_forward&mistake=no_such');
    expect(store.mistake.value).toBe('');
    expect(store.notes.value.join(' ')).toMatch(
      /mistake “no_such” is not one of .*bias_left_out.*; showing the right loop only/,
    );
    expect(store.query.value).not.toMatch(/mistake=/);
  });

  it('forgets the mistake when the operation changes (mistakes belong to their operation)', async () => {
    const store = await makeStore('?op=conv_forward&mistake=bias_left_out');
    await store.setOp('pool_forward');
    expect(store.mistake.value).toBe('');
    expect(store.query.value).not.toMatch(/mistake=/);
  });
});
