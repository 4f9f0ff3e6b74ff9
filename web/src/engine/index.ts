// The engine's public face: what the state layer imports.
export { loadEngine, instantiateEngine, WasmEngine } from './engine';
export type { HeapStats, LoadOptions } from './engine';
export { WasmStepper } from './stepper';
export { RandomState } from './random';
export { Status, MAX_ELEMENTS } from './status';
export type { StatusCode } from './status';
export { makeTensor, shapeSize, shapeText } from './tensor';
export * from './types';
