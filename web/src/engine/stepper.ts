// A stepper: the C library's resumable iterator (cs_stepper) behind the Stepper interface.
//
// It owns copies of its input tensors in WebAssembly memory (the C stepper reads W, b, dZ and dA
// on every step; A_prev it copies itself, so that copy is freed once the stepper exists) and the C stepper itself; dispose() frees them all. The window record is read
// straight from the C struct (cs_window) at its documented byte offsets.
import type { ConvstepModule } from './generated/convstep.mjs';
import type { Heap, Ptr, Scope } from './heap';
import {
  convArgs,
  convTransposeArgs,
  poolArgs,
  type ConvArgs,
  type ConvTransposeArgs,
  type PoolArgs,
} from './params';
import { Status } from './status';
import {
  ConvstepError,
  type ConvTransposeStepperSpec,
  type Shape4,
  type StepperOp,
  type StepperSpec,
  type StepperTensor,
  type Tensor,
  type WindowRecord,
} from './types';

/** cs_tensor_id */
const TENSOR_IDS: Record<StepperTensor, number> = {
  A_prev_pad: 0,
  out: 1,
  dA_prev_pad: 2,
  dA_prev: 3,
  dW: 4,
  db: 5,
  out_pad: 6,
};

/** cs_window: thirteen int32 from byte 0, then two doubles at bytes 56 and 64. */
const W_STEP = 0,
  W_TOTAL = 1,
  W_I = 2,
  W_C = 3,
  W_H = 4,
  W_W = 5;
const W_VERT_START = 6,
  W_VERT_END = 7,
  W_HORI_START = 8,
  W_HORI_END = 9;
const W_F = 11,
  W_MASK_COUNT = 12;
const W_VALUE_BYTE = 56,
  W_AMOUNT_BYTE = 64;

/** What a stepper frees: its C stepper and its input copies. Kept apart from the stepper so that
 * the finalization registry can free a stepper that was dropped without dispose(). */
interface Owned {
  engine: StepperHost;
  stepper: Ptr;
  inputs: Ptr[];
}

function freeOwned(o: Owned): void {
  o.engine.mod._cs_stepper_destroy(o.stepper);
  for (const p of o.inputs) o.engine.heap.free(p);
  o.stepper = 0;
  o.inputs = [];
}

const finalizer =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<Owned>((o) => {
        if (o.stepper !== 0) freeOwned(o);
      })
    : null;

/** A stepper of any op; as a Stepper (op: Op) or a ConvTransposeStepper by its op. */
export class WasmStepper<O extends StepperOp = StepperOp> {
  readonly total: number;
  private owned: Owned | null;
  private readonly windowPtr: Ptr;
  private readonly maskPtr: Ptr;
  /** the layer's f: the mask has f*f cells */
  private readonly f: number;

  constructor(
    engine: StepperHost,
    readonly op: O,
    stepper: Ptr,
    inputs: Ptr[],
    f: number,
  ) {
    this.owned = { engine, stepper, inputs };
    this.total = engine.mod._csw_stepper_total(stepper);
    this.windowPtr = engine.mod._cs_stepper_window(stepper);
    this.maskPtr = engine.mod._cs_stepper_mask(stepper);
    this.f = f;
    finalizer?.register(this, this.owned, this);
  }

  private live(what: string): Owned {
    if (this.owned === null) {
      throw new ConvstepError(Status.NULL, `${what}: this ${this.op} stepper was disposed; create a new one`);
    }
    return this.owned;
  }

  get position(): number {
    const o = this.live('position');
    return o.engine.mod._csw_stepper_position(o.stepper);
  }

  get disposed(): boolean {
    return this.owned === null;
  }

  next(): boolean {
    const o = this.live('next');
    return o.engine.mod._cs_stepper_next(o.stepper) === 1;
  }

  seek(k: number): void {
    const o = this.live('seek');
    if (!Number.isInteger(k) || k < 0 || k > this.total) {
      throw new ConvstepError(
        Status.PARAM,
        `seek: step ${String(k)} is not a whole number from 0 to ${this.total}`,
      );
    }
    o.engine.check(o.engine.mod._csw_stepper_seek(o.stepper, k), 'seek');
  }

  reset(): void {
    const o = this.live('reset');
    o.engine.mod._cs_stepper_reset(o.stepper);
  }

  window(): WindowRecord {
    const o = this.live('window');
    const mod = o.engine.mod;
    // Fresh views: memory may have grown since the last read.
    const i32 = mod.HEAP32;
    const base = this.windowPtr >>> 2;
    const field = (k: number): number => i32[base + k]!;
    const f64 = mod.HEAPF64;
    return {
      step: field(W_STEP),
      total: field(W_TOTAL),
      i: field(W_I),
      c: field(W_C),
      h: field(W_H),
      w: field(W_W),
      vertStart: field(W_VERT_START),
      vertEnd: field(W_VERT_END),
      horiStart: field(W_HORI_START),
      horiEnd: field(W_HORI_END),
      f: field(W_F),
      value: f64[(this.windowPtr + W_VALUE_BYTE) >>> 3]!,
      amount: f64[(this.windowPtr + W_AMOUNT_BYTE) >>> 3]!,
      mask:
        this.maskPtr === 0
          ? new Uint8Array(this.f * this.f)
          : o.engine.heap.readBytes(this.maskPtr, this.f * this.f),
      maskCount: field(W_MASK_COUNT),
    };
  }

  tensor(t: StepperTensor): Tensor | null {
    const o = this.live('tensor');
    const id = Object.hasOwn(TENSOR_IDS, t) ? TENSOR_IDS[t] : undefined;
    if (id === undefined) {
      throw new ConvstepError(
        Status.PARAM,
        `tensor: no stepper tensor is called ${JSON.stringify(t)}; try one of ${Object.keys(TENSOR_IDS).join(', ')}`,
      );
    }
    const heap = o.engine.heap;
    const out4 = o.engine.scratchShape;
    const ptr = o.engine.mod._csw_stepper_tensor(o.stepper, id, out4);
    if (ptr === 0) return null;
    const s = heap.readI32(out4, 4);
    const shape: Shape4 = [s[0]!, s[1]!, s[2]!, s[3]!];
    return { shape, data: heap.readF64(ptr, shape[0] * shape[1] * shape[2] * shape[3]) };
  }

  dispose(): void {
    if (this.owned === null) return;
    finalizer?.unregister(this);
    freeOwned(this.owned);
    this.owned = null;
  }
}

/** Validates the spec like the batch kernels, copies its inputs and creates the C stepper. */
/** What a stepper needs of the engine that makes it (WasmEngine): the module, its heap, the
 * status check and the shape checks. */
export interface StepperHost {
  readonly mod: ConvstepModule;
  readonly heap: Heap;
  readonly scratchShape: Ptr;
  check(status: number, context?: string): void;
  convShapes(
    A_prev: Tensor,
    W: Tensor,
    b: Tensor | null,
    dZ: Tensor | null,
    a: ConvArgs,
  ): { inShape: Shape4; outShape: Shape4 };
  convTransposeShapes(
    X: Tensor,
    W: Tensor,
    b: Tensor,
    a: ConvTransposeArgs,
  ): { inShape: Shape4; outShape: Shape4 };
  poolShapes(A_prev: Tensor, dA: Tensor | null, a: PoolArgs): { inShape: Shape4; outShape: Shape4 };
}

export function createStepper(
  engine: StepperHost,
  spec: StepperSpec | ConvTransposeStepperSpec,
  outPtr: Ptr,
): WasmStepper {
  if (spec === null || typeof spec !== 'object') {
    throw new ConvstepError(Status.PARAM, 'createStepper needs a spec: { op, tensors, params }');
  }
  const mod = engine.mod;
  const heap = engine.heap;
  // The copies are handed to the stepper on success and freed here on any failure.
  return heap.scoped((sc: Scope) => {
    heap.writeI32(outPtr, 0, 0);
    let st: number;
    let f: number;
    // A_prev is copied (zero-padded) into the C stepper at creation: its input copy is freed then.
    let pA: Ptr;
    switch (spec.op) {
      case 'conv_forward': {
        const a = convArgs(spec.params);
        const { inShape: s } = engine.convShapes(spec.A_prev, spec.W, spec.b, null, a);
        pA = sc.put(spec.A_prev, 'A_prev');
        const pW = sc.put(spec.W, 'W');
        const pb = sc.put(spec.b, 'b');
        st = mod._csw_stepper_create_conv_forward(
          pA,
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
          outPtr,
        );
        f = a[0];
        break;
      }
      case 'conv_backward': {
        const a = convArgs(spec.params);
        const { inShape: s } = engine.convShapes(spec.A_prev, spec.W, null, spec.dZ, a);
        const pdZ = sc.put(spec.dZ, 'dZ');
        pA = sc.put(spec.A_prev, 'A_prev');
        const pW = sc.put(spec.W, 'W');
        st = mod._csw_stepper_create_conv_backward(
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
          outPtr,
        );
        f = a[0];
        break;
      }
      case 'pool_forward': {
        const a = poolArgs(spec.params);
        const { inShape: s } = engine.poolShapes(spec.A_prev, null, a);
        pA = sc.put(spec.A_prev, 'A_prev');
        st = mod._csw_stepper_create_pool_forward(pA, s[0], s[1], s[2], s[3], a[0], a[1], a[2], a[3], outPtr);
        f = a[0];
        break;
      }
      case 'pool_backward': {
        const a = poolArgs(spec.params);
        const { inShape: s } = engine.poolShapes(spec.A_prev, spec.dA, a);
        const pdA = sc.put(spec.dA, 'dA');
        pA = sc.put(spec.A_prev, 'A_prev');
        st = mod._csw_stepper_create_pool_backward(
          pdA,
          pA,
          s[0],
          s[1],
          s[2],
          s[3],
          a[0],
          a[1],
          a[2],
          a[3],
          outPtr,
        );
        f = a[0];
        break;
      }
      case 'conv_transpose': {
        const a = convTransposeArgs(spec.params);
        const { inShape: s } = engine.convTransposeShapes(spec.X, spec.W, spec.b, a);
        // X plays A_prev's part: the C stepper copies it at creation.
        pA = sc.put(spec.X, 'X');
        const pW = sc.put(spec.W, 'W');
        const pb = sc.put(spec.b, 'b');
        st = mod._csw_stepper_create_conv_transpose(
          pA,
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
          outPtr,
        );
        f = a[0];
        break;
      }
      default: {
        const op: unknown = (spec as { op?: unknown }).op;
        throw new ConvstepError(
          Status.PARAM,
          `no operation is called ${JSON.stringify(op)}; try conv_forward, conv_backward, pool_forward, pool_backward or conv_transpose`,
        );
      }
    }
    if (st === Status.NOMEM) {
      throw new ConvstepError(
        st,
        `out of memory: the ${spec.op} stepper could not allocate its buffers; try smaller tensors or dispose other steppers`,
      );
    }
    engine.check(st, `creating a ${spec.op} stepper`);
    const stepper = heap.readI32(outPtr, 1)[0]!;
    const kept = sc.release().filter((p) => p !== pA);
    heap.free(pA);
    return new WasmStepper(engine, spec.op, stepper, kept, f);
  });
}
