// Loads the engine (the C library compiled to WebAssembly), builds the state from the page's
// address, and draws the app. A failure to load is said on the page, not thrown.

import { render } from 'preact';
import { App } from './app/App';
import { loadEngine } from './engine/index';
import { createStore } from './state/store';
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
  loadEngine().then(
    (engine) => {
      const store = createStore(engine, { search: window.location.search, syncUrl: true });
      render(<App store={store} />, root);
    },
    (err: unknown) => {
      const why = err instanceof Error ? err.message : String(err);
      render(<Message text={`The convolution engine could not be loaded (${why}). Try reloading the page.`} />, root);
    },
  );
}
