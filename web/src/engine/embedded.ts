// The WebAssembly module's bytes when they travel inside the page. The hosted build leaves
// them out: the module fetches its hashed .wasm next to the script. The one-file build
// (vite.single.config.ts) puts embedded.single.ts in this file's place.

/** The .wasm bytes built into the page, or undefined when the module fetches its file. */
export const EMBEDDED_WASM: Uint8Array | undefined = undefined;
