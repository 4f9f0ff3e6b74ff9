// The engine's public types: what the rest of the app (state, components) may rely on.
// The engine wraps the C library compiled to WebAssembly (c/include/convstep.h); nothing
// outside web/src/engine/ touches WASM.

/** numpy-order shape (m, n_H, n_W, n_C); dW is (f, f, n_C_prev, n_C), db is (1, 1, 1, n_C). */
export type Shape4 = readonly [number, number, number, number];

/** A dense row-major float64 tensor in numpy's C order. Owned by JavaScript (a copy). */
export interface Tensor {
  readonly shape: Shape4;
  readonly data: Float64Array;
}

export type Op = 'conv_forward' | 'conv_backward' | 'pool_forward' | 'pool_backward';

export interface ConvParams {
  f: number;
  nC: number;
  stride: number;
  pad: number;
  /** 0 or 1: no dilation */
  dilation: number;
}

export type PoolMode = 'max' | 'average';
/** 'all': every tied maximum gets the gradient (the assignment); 'first': PyTorch's rule. */
export type PoolTies = 'all' | 'first';

export interface PoolParams {
  f: number;
  stride: number;
  mode: PoolMode;
  ties: PoolTies;
}

/** Result of validating a configuration: the C library's own sentence on failure. */
export type Validation = { ok: true; outShape: Shape4 } | { ok: false; status: number; message: string };

/** The step just done, read from the C window record (cs_window). */
export interface WindowRecord {
  /** steps done, 1..total; 0 = none yet (then the other fields are 0) */
  step: number;
  total: number;
  i: number;
  c: number;
  h: number;
  w: number;
  /** padded coordinates; the ends are exclusive, as in the seed's slices */
  vertStart: number;
  vertEnd: number;
  horiStart: number;
  horiEnd: number;
  f: number;
  /** forward: value written; backward: incoming gradient dZ[i,h,w,c] or dA[i,h,w,c] */
  value: number;
  /** amount added to each touched cell (backward ops), 0 for forward ops */
  amount: number;
  /** max pooling: f*f row-major, 1 = a maximum that gets the gradient; otherwise all 0 */
  mask: Uint8Array;
  maskCount: number;
}

export type StepperSpec =
  | { op: 'conv_forward'; A_prev: Tensor; W: Tensor; b: Tensor; params: ConvParams }
  | { op: 'conv_backward'; dZ: Tensor; A_prev: Tensor; W: Tensor; params: ConvParams }
  | { op: 'pool_forward'; A_prev: Tensor; params: PoolParams }
  | { op: 'pool_backward'; dA: Tensor; A_prev: Tensor; params: PoolParams };

/** Tensors a stepper owns (copies are returned). Mirrors cs_tensor_id. */
export type StepperTensor = 'A_prev_pad' | 'out' | 'dA_prev_pad' | 'dA_prev' | 'dW' | 'db';

export interface Stepper {
  readonly op: Op;
  readonly total: number;
  /** steps done */
  readonly position: number;
  /** one window; false when already at the end */
  next(): boolean;
  /** state after exactly k steps (0..total) */
  seek(k: number): void;
  reset(): void;
  window(): WindowRecord;
  /** a copy of the tensor, or null if this op has none */
  tensor(t: StepperTensor): Tensor | null;
  /** frees the WASM memory; the stepper is unusable afterwards */
  dispose(): void;
}

export interface Engine {
  validateConv(inShape: Shape4, p: ConvParams): Validation;
  validatePool(inShape: Shape4, p: PoolParams): Validation;
  zeroPad(X: Tensor, pad: number): Tensor;
  convForward(A_prev: Tensor, W: Tensor, b: Tensor, p: ConvParams): Tensor;
  convBackward(
    dZ: Tensor,
    A_prev: Tensor,
    W: Tensor,
    p: ConvParams,
  ): { dA_prev: Tensor; dW: Tensor; db: Tensor };
  poolForward(A_prev: Tensor, p: PoolParams): Tensor;
  poolBackward(dA: Tensor, A_prev: Tensor, p: PoolParams): Tensor;
  /** np.random.seed(seed) then np.random.randn(*shape) for each shape in order, bit for bit */
  randn(seed: number, shapes: readonly Shape4[]): Tensor[];
  /** throws ConvstepError (with the C library's sentence) on invalid parameters */
  createStepper(spec: StepperSpec): Stepper;
}

/** A C status turned into an error carrying the C library's sentence. */
export class ConvstepError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ConvstepError';
    this.status = status;
  }
}
