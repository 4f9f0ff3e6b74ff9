// Shared by the component tests: the real engine (the WebAssembly module, given its bytes as
// Node cannot fetch them) and a rendered app with a store of its own.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, render } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { App } from '../../src/app/App';
import { loadEngine } from '../../src/engine/index';
import type { Engine, Op } from '../../src/engine/types';
import { OPS } from '../../src/state/config';
import { createStore, loadStartOp, type Store } from '../../src/state/store';
import { loadViews, viewsNow } from '../../src/views/index';

// vitest runs from the repository's top folder (happy-dom's import.meta.url is not a file: URL)
const wasmPath = resolve(process.cwd(), 'web/src/engine/generated/convstep.wasm');

let enginePromise: Promise<Engine> | null = null;

export function engine(): Promise<Engine> {
  enginePromise ??= loadEngine({ wasmBinary: readFileSync(wasmPath) });
  return enginePromise;
}

const stores: Store[] = [];

afterEach(() => {
  cleanup();
  while (stores.length > 0) stores.pop()!.dispose();
});

/** What the page passes the store: load an op's views before switching to it. */
export const prepare = (op: Op) => (viewsNow(op) ? null : loadViews(op));

/** A store for the given query string, disposed after the test. Every op's code is loaded first,
 * so that switching op is at once, as it is on the page once an op has been shown. */
export async function makeStore(search = ''): Promise<Store> {
  const e = await engine();
  await Promise.all(OPS.map((op) => loadStartOp({ search: `?op=${op}`, prepare })));
  const s = createStore(e, { search, syncUrl: false, prepare });
  stores.push(s);
  return s;
}

/** The whole app, as the page shows it. */
export async function renderApp(search = '') {
  const store = await makeStore(search);
  const view = render(<App store={store} />);
  return { store, ...view };
}
