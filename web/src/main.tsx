// Loads the engine (the C library compiled to WebAssembly), builds the state from the page's
// address, and draws the app. A failure to load is said on the page, not thrown.

import { render } from 'preact';
import { App } from './app/App';
import type { Op } from './engine/types';
import { loadEngine } from './engine/index';
import { createStore, loadStartOp } from './state/store';
import { loadViews, viewsNow } from './views/index';
import './styles/app.css';

const root = document.getElementById('app');

function Message({ text }: { text: string }) {
  return (
    <p class="boot" role="status">
      {text}
    </p>
  );
}

if (root) {
  render(<Message text="Loading the convolution engine…" />, root);
  // The engine and the code of the op the address opens load side by side.
  const options = {
    search: window.location.search,
    syncUrl: true,
    prepare: (op: Op) => (viewsNow(op) ? null : loadViews(op)),
  };
  Promise.all([loadEngine(), loadStartOp(options)]).then(
    ([engine]) => {
      render(<App store={createStore(engine, options)} />, root);
    },
    (err: unknown) => {
      const why = err instanceof Error ? err.message : String(err);
      render(<Message text={`The page could not be loaded (${why}). Try reloading the page.`} />, root);
    },
  );
}
