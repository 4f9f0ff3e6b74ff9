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

/** Every op with a stepper. `Op` stays the assignment's four, so that records keyed by Op need no
 * transposed-convolution entry until the app shows one. */
export type StepperOp = Op | 'conv_transpose';

export interface ConvParams {
  f: number;
  nC: number;
  stride: number;
  pad: number;
  /** 0 or 1: no dilation */
  dilation: number;
}

/**
 * Transposed convolution (cs_conv_transpose): X (m, n_H, n_W, n_C) -> Y (m, n_H_out, n_W_out, nCOut)
 * with W (f, f, nCOut, n_C), the W of the convolution whose backward pass this is, and b (nCOut).
 * n_H_out = (n_H - 1)*stride - 2*pad + dilation*(f - 1) + 1 + outputPadding; outputPadding must be
 * below the stride or the dilation. Conv backward's dA_prev loop: each X[i,h,w,c] is spread over a
 * window of the padded output, then the padding is cropped and b added.
 */
export interface ConvTransposeParams {
  f: number;
  nCOut: number;
  stride: number;
  pad: number;
  /** 0 or 1: no dilation */
  dilation: number;
  /** extra rows and columns at the bottom and right; 0 unless stride (or dilation) > 1 */
  outputPadding: number;
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
  /** forward: value written; backward: incoming gradient dZ[i,h,w,c] or dA[i,h,w,c];
   * conv_transpose: the input element X[i,h,w,c] spread over the window */
  value: number;
  /** amount added to each touched cell (backward ops and conv_transpose, times W), 0 for forward ops */
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

/** The stepper of a transposed convolution: X is copied at creation, W and b are the caller's. */
export interface ConvTransposeStepperSpec {
  op: 'conv_transpose';
  X: Tensor;
  W: Tensor;
  b: Tensor;
  params: ConvTransposeParams;
}

/** Tensors a stepper owns (copies are returned). Mirrors cs_tensor_id. conv_transpose has
 * 'A_prev_pad' (a copy of X, not padded), 'out' (Y: the crop of Y_pad, + b) and 'out_pad' (Y_pad,
 * the padded output the loop accumulates into; window coordinates are in it). */
export type StepperTensor = 'A_prev_pad' | 'out' | 'dA_prev_pad' | 'dA_prev' | 'dW' | 'db' | 'out_pad';

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

/** A stepper of a transposed convolution: the Stepper interface with its own op. */
export interface ConvTransposeStepper extends Omit<Stepper, 'op'> {
  readonly op: 'conv_transpose';
}

export interface Engine {
  validateConv(inShape: Shape4, p: ConvParams): Validation;
  validatePool(inShape: Shape4, p: PoolParams): Validation;
  /** inShape is X's shape; outShape is Y's */
  validateConvTranspose(inShape: Shape4, p: ConvTransposeParams): Validation;
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
  /** Y = conv_transpose(X, W, b); with b = 0, X = dZ it is convBackward's dA_prev */
  convTranspose(X: Tensor, W: Tensor, b: Tensor, p: ConvTransposeParams): Tensor;
  /** np.random.seed(seed) then np.random.randn(*shape) for each shape in order, bit for bit */
  randn(seed: number, shapes: readonly Shape4[]): Tensor[];
  /** throws ConvstepError (with the C library's sentence) on invalid parameters */
  createStepper(spec: StepperSpec): Stepper;
  /** throws ConvstepError (with the C library's sentence) on invalid parameters */
  createConvTransposeStepper(spec: ConvTransposeStepperSpec): ConvTransposeStepper;
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
