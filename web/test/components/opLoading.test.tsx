// An op whose code is not loaded yet: the store keeps the current op until it is, the stage says
// "Loading …", a later choice wins over a load still running, and a failed load is said.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';
import { REGISTRY } from '../../src/ops/index';
import type { OpId as Op } from '../../src/state/operation';
import { createStore, type Store } from '../../src/state/store';
import { engine, prepare } from './setup';

/** A prepare step held open until the test lets it go (or fails it). */
function gate() {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const held = new Promise<void>((res, rej) => {
    open = res;
    fail = rej;
  });
  return { open, fail, prepare: (op: Op) => (op === 'conv_forward' ? null : held.then(() => prepare(op))) };
}

const stores: Store[] = [];
afterEach(() => {
  cleanup();
  while (stores.length > 0) stores.pop()!.dispose();
});

async function storeWith(p: (op: Op) => Promise<unknown> | null): Promise<Store> {
  await REGISTRY.load('conv_forward');
  const s = createStore(await engine(), REGISTRY, { search: '?step=5', syncUrl: false, prepare: p });
  stores.push(s);
  return s;
}

describe('switching to an op whose code is loading', () => {
  it('says Loading in the stage, then draws the op on the same layer', async () => {
    const g = gate();
    const store = await storeWith(g.prepare);
    render(<App store={store} />);
    const nav = screen.getByRole('navigation', { name: 'Operation' });
    fireEvent.click(within(nav).getByRole('button', { name: /pool_forward/ }));
    expect(store.op.value).toBe('conv_forward');
    expect(store.loading.value).toBe('pool_forward');
    expect(screen.getByText('Loading pool_forward…')).toBeTruthy();
    expect(
      within(nav)
        .getByRole('button', { name: /pool_forward/ })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    // stepping goes on meanwhile
    store.stepBy(1);
    expect(store.position.value).toBe(6);
    await act(async () => {
      g.open();
      await store.setOp('pool_forward');
    });
    expect(store.op.value).toBe('pool_forward');
    expect(store.loading.value).toBeNull();
    expect(screen.queryByText('Loading pool_forward…')).toBeNull();
    expect(await screen.findByRole('img', { name: 'A_prev[0,:,:,0]' })).toBeTruthy();
  });

  it('a later choice wins over a load still running', async () => {
    const g = gate();
    const store = await storeWith(g.prepare);
    const slow = store.setOp('pool_backward');
    expect(store.loading.value).toBe('pool_backward');
    await store.setOp('conv_forward');
    expect(store.loading.value).toBeNull();
    g.open();
    await slow;
    expect(store.op.value).toBe('conv_forward');
  });

  it('a failed load leaves the op as it was and says why', async () => {
    const g = gate();
    const store = await storeWith(g.prepare);
    const p = store.setOp('conv_backward');
    g.fail(new Error('offline'));
    await p;
    expect(store.op.value).toBe('conv_forward');
    expect(store.loading.value).toBeNull();
    expect(store.notes.value.at(-1)).toMatch(/conv_backward could not be loaded \(offline\)/);
  });
});
