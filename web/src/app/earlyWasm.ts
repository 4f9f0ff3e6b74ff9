// The WebAssembly module's compilation that the built page's head starts as the page is read
// (vite.config.ts writes that script), so that the engine only has to instantiate it.

/** The global the head's script leaves the compilation's promise under. */
export const EARLY_WASM = 'convstepWasm';

/** The compilation the page's head started, or undefined (a dev server, the one-file copy). */
export function earlyWasm(): Promise<WebAssembly.Module> | undefined {
  const p: unknown = (globalThis as Record<string, unknown>)[EARLY_WASM];
  return p instanceof Promise ? (p as Promise<WebAssembly.Module>) : undefined;
}
