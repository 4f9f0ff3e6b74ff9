// Shared by the component tests: the real engine (the WebAssembly module, given its bytes as
// Node cannot fetch them) and a rendered app with a store of its own.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { App } from '../../src/app/App';
import { loadPanels } from '../../src/app/panels';
import { loadEngine } from '../../src/engine/index';
import type { Engine } from '../../src/engine/types';
import type { ConvBackwardState } from '../../src/ops/conv_backward/selection';
import { REGISTRY } from '../../src/ops/index';
import { NO_BROWSER } from '../../src/state/browser';
import { resetLocale } from '../../src/state/locale';
import type { OpId } from '../../src/state/operation';
import { createStore, loadStartOp, type Store } from '../../src/state/store';
// vitest runs from the repository's top folder (happy-dom's import.meta.url is not a file: URL)
const wasmPath = resolve(process.cwd(), 'web/src/engine/generated/convstep.wasm');

let enginePromise: Promise<Engine> | null = null;

export function engine(): Promise<Engine> {
  enginePromise ??= loadEngine({ wasmBinary: readFileSync(wasmPath) });
  return enginePromise;
}

const owned: { dispose(): void }[] = [];

afterEach(() => {
  cleanup();
  resetLocale(['en']); // a test that chose Korean leaves the next one in English
  while (owned.length > 0) owned.pop()!.dispose();
});

/** A store or a run, disposed after the test. */
export function disposeAfterTest<T extends { dispose(): void }>(owner: T): T {
  owned.push(owner);
  return owner;
}

/** Nothing else to load before switching to an op: its views come with its code. */
export const prepare = (_op: OpId): Promise<unknown> | null => null;

/** conv_backward's own state (selected cell, history, gradient check) while it is the op. */
export function selection(store: Store): ConvBackwardState {
  return store.opState.value as ConvBackwardState;
}

/** Frames come when the test says: the player's requestAnimationFrame. */
const testBrowser = {
  ...NO_BROWSER,
  requestFrame: (cb: (now: number) => void) => requestAnimationFrame(cb),
  cancelFrame: (id: number) => cancelAnimationFrame(id),
};

/** A store for the given query string, disposed after the test. Every op's code is loaded first,
 * so that switching op is at once, as it is on the page once an op has been shown. */
export async function makeStore(search = ''): Promise<Store> {
  const e = await engine();
  await Promise.all(REGISTRY.infos.map((o) => loadStartOp(REGISTRY, { search: `?op=${o.id}`, prepare })));
  return disposeAfterTest(
    createStore(e, REGISTRY, { search, syncUrl: false, prepare, browser: testBrowser }),
  );
}

/** The whole app, as the page shows it. */
export async function renderApp(search = '') {
  const store = await makeStore(search);
  await loadPanels();
  const view = render(<App store={store} />);
  // The columns beside the stage come right after the first render.
  await waitFor(() => {
    if (view.container.querySelector('[data-shell="stage"]')) throw new Error('the shell is not drawn yet');
  });
  return { store, ...view };
}
