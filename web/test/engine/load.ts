// Loads the engine in Node: the Emscripten module is built for the web, so the test hands it the
// .wasm bytes instead of letting it fetch them.
import { readFileSync } from 'node:fs';
import { instantiateEngine, loadEngine, type WasmEngine } from '../../src/engine/engine';

const wasmUrl = new URL('../../src/engine/generated/convstep.wasm', import.meta.url);

function wasmBytes(): Uint8Array {
  return readFileSync(wasmUrl);
}

/** The shared engine (loaded once per test file). */
export function sharedEngine(): Promise<WasmEngine> {
  return loadEngine({ wasmBinary: wasmBytes() });
}

/** An engine with a module (and heap) of its own. */
export function freshEngine(): Promise<WasmEngine> {
  return instantiateEngine({ wasmBinary: wasmBytes() });
}
