// The engine: the C library (compiled to WebAssembly) behind the Engine interface of types.ts.
//
// Every call checks in TypeScript what C cannot see (a tensor's values against its shape, tensors
// against each other, whole numbers), lets the C library validate the layer with its own
// sentence, then copies the tensors into WebAssembly memory, calls the kernel, copies the results
// out and frees everything, whatever happens.
import type { ConvstepModule } from './generated/convstep.mjs';
import {
  ConvstepError,
  type ConvParams,
  type ConvTransposeParams,
  type ConvTransposeStepper,
  type ConvTransposeStepperSpec,
  type Engine,
  type PoolParams,
  type Shape4,
  type Stepper,
  type StepperSpec,
  type Tensor,
  type Validation,
} from './types';
import { Heap, type Ptr } from './heap';
import {
  convArgs,
  convTransposeArgs,
  poolArgs,
  type ConvArgs,
  type ConvTransposeArgs,
  type PoolArgs,
} from './params';
import { MAX_ELEMENTS, Status } from './status';
import { checkShape, checkTensor, expectShape, shapeSize, shapeText } from './tensor';
import { createStepper } from './stepper';
import { RandomState } from './random';
// Imported statically, so the page fetches the glue with the app rather than after it.
import createConvstep from './generated/convstep.mjs';
import { EMBEDDED_WASM } from './embedded';

export interface LoadOptions {
  /** The .wasm file's bytes. In the browser leave it out (the module fetches its .wasm next to
   * the script, a hashed asset after `vite build`); in Node pass the bytes of
   * web/src/engine/generated/convstep.wasm. */
  wasmBinary?: Uint8Array | ArrayBuffer;
  /** The module already compiling (the built page's head starts it as the page is read): it is
   * only instantiated. If it fails, the module fetches its .wasm itself. */
  wasmModule?: Promise<WebAssembly.Module>;
}

/** Bytes of the scratch block the engine keeps for the life of the module. */
const MSG_CAP = 256;
const SCRATCH_OUT4 = MSG_CAP; // int32[4]: an output shape
const SCRATCH_OUTPTR = MSG_CAP + 16; // int32: a stepper's address
const SCRATCH_BYTES = MSG_CAP + 32;

export interface HeapStats {
  /** bytes malloc'ed and not yet freed */
  inUse: number;
  /** top of the malloc heap: only grows */
  top: number;
  /** size of the WebAssembly memory */
  memoryBytes: number;
}

export class WasmEngine implements Engine {
  readonly heap: Heap;
  /** message buffer, output shape and out-pointer for the glue's calls */
  private readonly scratch: Ptr;

  constructor(readonly mod: ConvstepModule) {
    this.heap = new Heap(mod);
    this.scratch = this.heap.alloc(SCRATCH_BYTES, 'the engine');
  }

  /** An int32[4] the glue writes output shapes into. */
  get scratchShape(): Ptr {
    return this.scratch + SCRATCH_OUT4;
  }

  // ---- statuses and validation ----

  /** The C library's short sentence for a status. */
  statusMessage(status: number): string {
    return this.heap.readString(this.mod._cs_status_message(status));
  }

  /** Throws the status as a ConvstepError unless it is CS_OK. */
  check(status: number, context?: string): void {
    if (status === Status.OK) return;
    const sentence = this.statusMessage(status);
    throw new ConvstepError(status, context ? `${context}: ${sentence}` : sentence);
  }

  private outShape(): Shape4 {
    const o = this.heap.readI32(this.scratch + SCRATCH_OUT4, 4);
    return [o[0]!, o[1]!, o[2]!, o[3]!];
  }

  /** cs_conv_validate: the output shape, or a ConvstepError with the library's sentence. */
  convOutShape(inShape: Shape4, a: ConvArgs): Shape4 {
    const st = this.mod._csw_conv_validate(
      inShape[0],
      inShape[1],
      inShape[2],
      inShape[3],
      a[0],
      a[1],
      a[2],
      a[3],
      a[4],
      this.scratch,
      MSG_CAP,
      this.scratchShape,
    );
    if (st !== Status.OK) throw new ConvstepError(st, this.heap.readString(this.scratch, MSG_CAP));
    return this.outShape();
  }

  /** cs_pool_validate: the output shape, or a ConvstepError with the library's sentence. */
  poolOutShape(inShape: Shape4, a: PoolArgs): Shape4 {
    const st = this.mod._csw_pool_validate(
      inShape[0],
      inShape[1],
      inShape[2],
      inShape[3],
      a[0],
      a[1],
      a[2],
      a[3],
      this.scratch,
      MSG_CAP,
      this.scratchShape,
    );
    if (st !== Status.OK) throw new ConvstepError(st, this.heap.readString(this.scratch, MSG_CAP));
    return this.outShape();
  }

  /** cs_conv_transpose_validate: Y's shape, or a ConvstepError with the library's sentence. */
  convTransposeOutShape(inShape: Shape4, a: ConvTransposeArgs): Shape4 {
    const st = this.mod._csw_conv_transpose_validate(
      inShape[0],
      inShape[1],
      inShape[2],
      inShape[3],
      a[0],
      a[1],
      a[2],
      a[3],
      a[4],
      a[5],
      this.scratch,
      MSG_CAP,
      this.scratchShape,
    );
    if (st !== Status.OK) throw new ConvstepError(st, this.heap.readString(this.scratch, MSG_CAP));
    return this.outShape();
  }

  validateConv(inShape: Shape4, p: ConvParams): Validation {
    return asValidation(() => this.convOutShape(checkShape('A_prev', inShape), convArgs(p)));
  }

  validatePool(inShape: Shape4, p: PoolParams): Validation {
    return asValidation(() => this.poolOutShape(checkShape('A_prev', inShape), poolArgs(p)));
  }

  validateConvTranspose(inShape: Shape4, p: ConvTransposeParams): Validation {
    return asValidation(() => this.convTransposeOutShape(checkShape('X', inShape), convTransposeArgs(p)));
  }

  /** Checks a transposed convolution's tensors against each other; returns X's and Y's shapes. */
  convTransposeShapes(
    X: Tensor,
    W: Tensor,
    b: Tensor,
    a: ConvTransposeArgs,
  ): { inShape: Shape4; outShape: Shape4 } {
    const inShape = checkTensor('X', X);
    const wShape = checkTensor('W', W);
    const bShape = checkTensor('b', b);
    const outShape = this.convTransposeOutShape(inShape, a);
    const [f, nCOut] = a;
    expectShape(
      'W',
      wShape,
      [f, f, nCOut, inShape[3]],
      `f ${f}, n_C_out ${nCOut} and ${inShape[3]} input channel${inShape[3] === 1 ? '' : 's'} (W is the convolution's (f, f, n_C_prev, n_C))`,
    );
    if (shapeSize(bShape) !== nCOut) {
      throw new ConvstepError(
        Status.SHAPE,
        `b has shape ${shapeText(bShape)}, but n_C_out ${nCOut} needs one bias per output channel: 1×1×1×${nCOut}`,
      );
    }
    return { inShape, outShape };
  }

  /** Checks a convolution's tensors against each other; returns the input and output shapes. */
  convShapes(
    A_prev: Tensor,
    W: Tensor,
    b: Tensor | null,
    dZ: Tensor | null,
    a: ConvArgs,
  ): { inShape: Shape4; outShape: Shape4 } {
    const inShape = checkTensor('A_prev', A_prev);
    const wShape = checkTensor('W', W);
    const bShape = b === null ? null : checkTensor('b', b);
    const dZShape = dZ === null ? null : checkTensor('dZ', dZ);
    const outShape = this.convOutShape(inShape, a);
    const [f, nC] = a;
    expectShape(
      'W',
      wShape,
      [f, f, inShape[3], nC],
      `f ${f} with ${inShape[3]} input channel${inShape[3] === 1 ? '' : 's'} and n_C ${nC}`,
    );
    if (bShape !== null && shapeSize(bShape) !== nC) {
      throw new ConvstepError(
        Status.SHAPE,
        `b has shape ${shapeText(bShape)}, but n_C ${nC} needs one bias per output channel: 1×1×1×${nC}`,
      );
    }
    if (dZShape !== null) expectShape('dZ', dZShape, outShape, 'the output Z of this layer');
    return { inShape, outShape };
  }

  /** Checks a pooling layer's tensors against each other; returns the input and output shapes. */
  poolShapes(A_prev: Tensor, dA: Tensor | null, a: PoolArgs): { inShape: Shape4; outShape: Shape4 } {
    const inShape = checkTensor('A_prev', A_prev);
    const dAShape = dA === null ? null : checkTensor('dA', dA);
    const outShape = this.poolOutShape(inShape, a);
    if (dAShape !== null) expectShape('dA', dAShape, outShape, 'the output A of this layer');
    return { inShape, outShape };
  }

  // ---- batch kernels ----

  zeroPad(X: Tensor, pad: number): Tensor {
    const s = checkTensor('X', X);
    if (!Number.isInteger(pad) || pad < 0 || pad > 2 ** 31 - 1) {
      throw new ConvstepError(Status.PARAM, `pad must be a whole number of 0 or more, not ${String(pad)}`);
    }
    if (s.some((d) => d < 1)) {
      throw new ConvstepError(
        Status.SHAPE,
        `X has shape ${shapeText(s)}; every dimension must be at least 1`,
      );
    }
    const out: Shape4 = [s[0], s[1] + 2 * pad, s[2] + 2 * pad, s[3]];
    if (shapeSize(s) > MAX_ELEMENTS || shapeSize(out) > MAX_ELEMENTS) {
      throw new ConvstepError(
        Status.TOO_LARGE,
        `the padded tensor ${shapeText(out)} would hold more than ${MAX_ELEMENTS} values`,
      );
    }
    return this.heap.scoped((sc) => {
      const pX = sc.put(X, 'X');
      const pOut = sc.allocF64(shapeSize(out), 'X_pad');
      this.check(this.mod._csw_zero_pad(pX, s[0], s[1], s[2], s[3], pad, pOut), 'zero_pad');
      return { shape: out, data: this.heap.readF64(pOut, shapeSize(out)) };
    });
  }

  convForward(A_prev: Tensor, W: Tensor, b: Tensor, p: ConvParams): Tensor {
    const a = convArgs(p);
    const { inShape: s, outShape } = this.convShapes(A_prev, W, b, null, a);
    return this.heap.scoped((sc) => {
      const pA = sc.put(A_prev, 'A_prev');
      const pW = sc.put(W, 'W');
      const pb = sc.put(b, 'b');
      const pZ = sc.allocF64(shapeSize(outShape), 'Z');
      this.check(
        this.mod._csw_conv_forward(pA, s[0], s[1], s[2], s[3], pW, pb, a[0], a[1], a[2], a[3], a[4], pZ),
        'conv_forward',
      );
      return { shape: outShape, data: this.heap.readF64(pZ, shapeSize(outShape)) };
    });
  }

  convBackward(
    dZ: Tensor,
    A_prev: Tensor,
    W: Tensor,
    p: ConvParams,
  ): { dA_prev: Tensor; dW: Tensor; db: Tensor } {
    const a = convArgs(p);
    const { inShape: s } = this.convShapes(A_prev, W, null, dZ, a);
    const wShape = W.shape;
    const dbShape: Shape4 = [1, 1, 1, a[1]];
    return this.heap.scoped((sc) => {
      const pdZ = sc.put(dZ, 'dZ');
      const pA = sc.put(A_prev, 'A_prev');
      const pW = sc.put(W, 'W');
      const pdA = sc.allocF64(shapeSize(s), 'dA_prev');
      const pdW = sc.allocF64(W.data.length, 'dW');
      const pdb = sc.allocF64(a[1], 'db');
      this.check(
        this.mod._csw_conv_backward(
          pdZ,
          pA,
          s[0],
          s[1],
          s[2],
          s[3],
          pW,
          a[0],
          a[1],
          a[2],
          a[3],
          a[4],
          pdA,
          pdW,
          pdb,
        ),
        'conv_backward',
      );
      return {
        dA_prev: { shape: s, data: this.heap.readF64(pdA, shapeSize(s)) },
        dW: {
          shape: [wShape[0], wShape[1], wShape[2], wShape[3]],
          data: this.heap.readF64(pdW, W.data.length),
        },
        db: { shape: dbShape, data: this.heap.readF64(pdb, a[1]) },
      };
    });
  }

  poolForward(A_prev: Tensor, p: PoolParams): Tensor {
    const a = poolArgs(p);
    const { inShape: s, outShape } = this.poolShapes(A_prev, null, a);
    return this.heap.scoped((sc) => {
      const pA = sc.put(A_prev, 'A_prev');
      const pOut = sc.allocF64(shapeSize(outShape), 'A');
      this.check(
        this.mod._csw_pool_forward(pA, s[0], s[1], s[2], s[3], a[0], a[1], a[2], a[3], pOut),
        'pool_forward',
      );
      return { shape: outShape, data: this.heap.readF64(pOut, shapeSize(outShape)) };
    });
  }

  poolBackward(dA: Tensor, A_prev: Tensor, p: PoolParams): Tensor {
    const a = poolArgs(p);
    const { inShape: s } = this.poolShapes(A_prev, dA, a);
    return this.heap.scoped((sc) => {
      const pdA = sc.put(dA, 'dA');
      const pA = sc.put(A_prev, 'A_prev');
      const pOut = sc.allocF64(shapeSize(s), 'dA_prev');
      this.check(
        this.mod._csw_pool_backward(pdA, pA, s[0], s[1], s[2], s[3], a[0], a[1], a[2], a[3], pOut),
        'pool_backward',
      );
      return { shape: s, data: this.heap.readF64(pOut, shapeSize(s)) };
    });
  }

  convTranspose(X: Tensor, W: Tensor, b: Tensor, p: ConvTransposeParams): Tensor {
    const a = convTransposeArgs(p);
    const { inShape: s, outShape } = this.convTransposeShapes(X, W, b, a);
    return this.heap.scoped((sc) => {
      const pX = sc.put(X, 'X');
      const pW = sc.put(W, 'W');
      const pb = sc.put(b, 'b');
      const pY = sc.allocF64(shapeSize(outShape), 'Y');
      this.check(
        this.mod._csw_conv_transpose(
          pX,
          s[0],
          s[1],
          s[2],
          s[3],
          pW,
          pb,
          a[0],
          a[1],
          a[2],
          a[3],
          a[4],
          a[5],
          pY,
        ),
        'conv_transpose',
      );
      return { shape: outShape, data: this.heap.readF64(pY, shapeSize(outShape)) };
    });
  }

  // ---- random numbers ----

  randn(seed: number, shapes: readonly Shape4[]): Tensor[] {
    const rng = this.randomState(seed);
    try {
      return Array.from(shapes, (shape) => rng.randn(shape));
    } finally {
      rng.dispose();
    }
  }

  /** A numpy RandomState seeded with `seed`, for mixing randn and random_sample on one stream. */
  randomState(seed: number): RandomState {
    return new RandomState(this.mod, this.heap, seed);
  }

  // ---- steppers ----

  createStepper(spec: StepperSpec): Stepper {
    return createStepper(this, spec, this.scratch + SCRATCH_OUTPTR) as Stepper;
  }

  createConvTransposeStepper(spec: ConvTransposeStepperSpec): ConvTransposeStepper {
    if (spec === null || typeof spec !== 'object' || spec.op !== 'conv_transpose') {
      throw new ConvstepError(
        Status.PARAM,
        "createConvTransposeStepper needs a spec { op: 'conv_transpose', X, W, b, params }",
      );
    }
    return createStepper(this, spec, this.scratch + SCRATCH_OUTPTR) as ConvTransposeStepper;
  }

  /** Memory use, for tests that check that nothing leaks. */
  heapStats(): HeapStats {
    return {
      inUse: this.mod._csw_heap_in_use(),
      top: this.mod._csw_heap_top(),
      memoryBytes: this.mod.HEAPU8.buffer.byteLength,
    };
  }
}

function asValidation(fn: () => Shape4): Validation {
  try {
    return { ok: true, outShape: fn() };
  } catch (e) {
    if (e instanceof ConvstepError) return { ok: false, status: e.status, message: e.message };
    throw e;
  }
}

/** A fresh module and engine, not shared (tests use this for a heap of their own). */
export async function instantiateEngine(opts: LoadOptions = {}): Promise<WasmEngine> {
  // the caller's bytes (Node), else those built into a one-file page, else the module fetches
  const wasmBinary = opts.wasmBinary ?? EMBEDDED_WASM;
  if (wasmBinary !== undefined) return new WasmEngine(await createConvstep({ wasmBinary }));
  const compiled = opts.wasmModule === undefined ? null : await opts.wasmModule.catch(() => null);
  if (compiled === null) return new WasmEngine(await createConvstep({}));
  // the glue hands over its imports; an instantiation that fails rejects the load
  let failed: (e: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => {
    failed = reject;
  });
  const mod = await Promise.race([
    createConvstep({
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled), failed);
        return {};
      },
    }),
    failure,
  ]);
  return new WasmEngine(mod);
}

let loading: Promise<WasmEngine> | null = null;

/** Loads the WebAssembly module once and returns the engine; later calls share it. A failed load
 * is not cached, so calling again retries. */
export function loadEngine(opts: LoadOptions = {}): Promise<WasmEngine> {
  if (loading === null) {
    const attempt = instantiateEngine(opts);
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = null;
    });
  }
  return loading;
}
