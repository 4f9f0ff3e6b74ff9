// What the state needs of the browser, behind a small adapter: animation frames for the player,
// timers and the address bar for the link. The page passes the window's (app/browser.ts); tests
// pass their own or none, and need no DOM.

export interface Browser {
  /** requestAnimationFrame */
  requestFrame(cb: (now: number) => void): number;
  cancelFrame(id: number): void;
  /** the address's query string, e.g. "?op=...&step=3" */
  query(): string;
  /** replaces the address's query without a new history entry; may refuse silently */
  replaceQuery(query: string): void;
}

/** No browser: frames never come, the address is empty and stays so. */
export const NO_BROWSER: Browser = {
  requestFrame: () => 0,
  cancelFrame: () => {},
  query: () => '',
  replaceQuery: () => {},
};
