// The one-file build's stand-in for embedded.ts (vite.single.config.ts swaps it in): the
// .wasm arrives as base64 text inside the page and is decoded here, once, before the module
// starts. Handed to the factory as wasmBinary, it is never fetched: a page opened from disk
// cannot fetch, and fetching a data: URL would need connect-src data: in the policy.

import wasmDataUrl from './generated/convstep.wasm?url';

function decode(dataUrl: string): Uint8Array {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
  return bytes;
}

/** The .wasm bytes built into the page. */
export const EMBEDDED_WASM: Uint8Array | undefined = decode(wasmDataUrl);
