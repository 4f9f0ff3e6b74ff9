// Loads the engine (the C library compiled to WebAssembly) and the code of the operation the
// address opens, builds the state, and draws the app. A failure to load is said on the page,
// not thrown.

import { effect } from '@preact/signals';
import { render } from 'preact';
import { App } from './app/App';
import { windowBrowser } from './app/browser';
import { earlyWasm } from './app/earlyWasm';
import { loadEngine } from './engine/index';
import { REGISTRY } from './ops/index';
import { tApp } from './app/messages';
import { localeOf } from './lib/i18n';
import { locale, setLocale } from './state/locale';
import { createStore, loadStartOp } from './state/store';
import './styles/app.css';
import './styles/modes.css';

const root = document.getElementById('app');

/** How long the page loads before it says that it is loading. */
const LOADING_SAID_AFTER_MS = 200;

function Message({ text }: { text: string }) {
  return (
    <p class="boot" role="status">
      {text}
    </p>
  );
}

// The language: the link's (?lang=ko) before the first word is shown, else the browser's; the
// page's lang attribute follows it (screen readers, fonts, line breaking).
const asked = localeOf(new URLSearchParams(window.location.search).get('lang'));
if (asked !== null) setLocale(asked);
effect(() => {
  document.documentElement.lang = locale.value;
});

if (root) {
  // Said only when loading takes long enough to be seen: laying it out earlier would hold up
  // the first stage by a layout of the page.
  const slow = setTimeout(
    () => render(<Message text={tApp('loadingEngine')} />, root),
    LOADING_SAID_AFTER_MS,
  );
  const options = { browser: windowBrowser, syncUrl: true };
  // The engine and the code of the op the address opens load side by side.
  Promise.all([loadEngine({ wasmModule: earlyWasm() }), loadStartOp(REGISTRY, options)]).then(
    ([engine]) => {
      clearTimeout(slow);
      render(<App store={createStore(engine, REGISTRY, options)} />, root);
    },
    (err: unknown) => {
      clearTimeout(slow);
      const why = err instanceof Error ? err.message : String(err);
      render(<Message text={tApp('loadFailed', { why })} />, root);
    },
  );
}
