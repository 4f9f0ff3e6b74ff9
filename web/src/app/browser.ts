// The window's side of the state's browser adapter (state/browser.ts).

import type { Browser } from '../state/browser';

export const windowBrowser: Browser = {
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (id) => cancelAnimationFrame(id),
  query: () => window.location.search,
  replaceQuery(query) {
    try {
      window.history.replaceState(
        window.history.state,
        '',
        `${window.location.pathname}${query}${window.location.hash}`,
      );
    } catch {
      // a browser that refuses (too many calls) keeps the old address; nothing is lost
    }
  },
};
