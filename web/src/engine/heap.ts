// Copies between JavaScript and the WebAssembly module's memory, and who frees what.
//
// Memory can grow during any call that allocates, and growing replaces the module's HEAP views,
// so every read and write here takes module.HEAPxx afresh instead of keeping a view.
import type { ConvstepModule } from './generated/convstep.mjs';
import { ConvstepError, type Tensor } from './types';
import { Status } from './status';

export type Ptr = number;

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

export class Heap {
  constructor(readonly mod: ConvstepModule) {}

  /** malloc, or a ConvstepError naming what did not fit. */
  alloc(bytes: number, what: string): Ptr {
    if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > 2 ** 31 - 1) {
      throw new ConvstepError(
        Status.TOO_LARGE,
        `${what} would need ${sizeText(bytes)}, more than this page can hold`,
      );
    }
    const ptr = this.mod._malloc(Math.max(bytes, 8));
    if (ptr === 0) {
      throw new ConvstepError(
        Status.NOMEM,
        `out of memory: could not allocate ${sizeText(bytes)} for ${what}; try smaller tensors or close other steppers`,
      );
    }
    return ptr;
  }

  free(ptr: Ptr): void {
    if (ptr !== 0) this.mod._free(ptr);
  }

  /** Copies values into memory at ptr (8-byte aligned, as malloc returns). */
  writeF64(ptr: Ptr, data: Float64Array): void {
    this.mod.HEAPF64.set(data, ptr >>> 3);
  }

  /** A copy of n doubles at ptr. */
  readF64(ptr: Ptr, n: number): Float64Array {
    const start = ptr >>> 3;
    return this.mod.HEAPF64.slice(start, start + n);
  }

  /** A copy of n int32 at ptr. */
  readI32(ptr: Ptr, n: number): Int32Array {
    const start = ptr >>> 2;
    return this.mod.HEAP32.slice(start, start + n);
  }

  writeI32(ptr: Ptr, index: number, value: number): void {
    this.mod.HEAP32[(ptr >>> 2) + index] = value;
  }

  /** A copy of n bytes at ptr. */
  readBytes(ptr: Ptr, n: number): Uint8Array {
    return this.mod.HEAPU8.slice(ptr, ptr + n);
  }

  /** A NUL-terminated UTF-8 string at ptr (at most maxBytes). */
  readString(ptr: Ptr, maxBytes?: number): string {
    return ptr === 0 ? '' : this.mod.UTF8ToString(ptr, maxBytes);
  }

  /** Runs fn with a scope whose allocations are all freed when fn returns or throws. */
  scoped<T>(fn: (scope: Scope) => T): T {
    const scope = new Scope(this);
    try {
      return fn(scope);
    } finally {
      scope.freeAll();
    }
  }
}

/** Allocations that are freed together. */
export class Scope {
  private readonly ptrs: Ptr[] = [];

  constructor(readonly heap: Heap) {}

  alloc(bytes: number, what: string): Ptr {
    const ptr = this.heap.alloc(bytes, what);
    this.ptrs.push(ptr);
    return ptr;
  }

  /** Room for n doubles. Not zeroed: the kernels overwrite their outputs. */
  allocF64(n: number, what: string): Ptr {
    return this.alloc(n * 8, what);
  }

  /** A copy of the tensor's values in WebAssembly memory. */
  put(t: Tensor, what: string): Ptr {
    const ptr = this.allocF64(t.data.length, what);
    this.heap.writeF64(ptr, t.data);
    return ptr;
  }

  /** Hands the allocations over to the caller: freeAll will not free them. */
  release(): Ptr[] {
    return this.ptrs.splice(0, this.ptrs.length);
  }

  freeAll(): void {
    while (this.ptrs.length > 0) this.heap.free(this.ptrs.pop()!);
  }
}
