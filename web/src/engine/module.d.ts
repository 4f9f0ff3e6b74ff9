// Hand-written types for the Emscripten module that build.sh writes to
// web/src/engine/generated/convstep.mjs (from c/src/*.c and web/wasm/glue.c).
// The names and arguments mirror web/wasm/glue.c and web/wasm/exports.json; pointers are byte
// offsets into the module's memory (numbers), and every int-returning function returns a
// cs_status unless noted.

declare module '*/generated/convstep.mjs' {
  type Ptr = number;

  export interface ConvstepModule {
    /** Views on the module's memory. Replaced when memory grows: read them afresh after any call that may allocate. */
    readonly HEAPU8: Uint8Array;
    readonly HEAP32: Int32Array;
    readonly HEAPF64: Float64Array;
    UTF8ToString(ptr: Ptr, maxBytesToRead?: number): string;

    /** 0 when the allocation fails (the build sets ABORTING_MALLOC=0). */
    _malloc(bytes: number): Ptr;
    _free(ptr: Ptr): void;
    /** static sentence for a status code */
    _cs_status_message(status: number): Ptr;

    _csw_conv_validate(
      m: number,
      h: number,
      w: number,
      c: number,
      f: number,
      nC: number,
      stride: number,
      pad: number,
      dil: number,
      msg: Ptr,
      msgCap: number,
      out4: Ptr,
    ): number;
    _csw_pool_validate(
      m: number,
      h: number,
      w: number,
      c: number,
      f: number,
      stride: number,
      mode: number,
      ties: number,
      msg: Ptr,
      msgCap: number,
      out4: Ptr,
    ): number;

    _csw_conv_transpose_validate(
      m: number,
      h: number,
      w: number,
      c: number,
      f: number,
      nCOut: number,
      stride: number,
      pad: number,
      dil: number,
      outputPadding: number,
      msg: Ptr,
      msgCap: number,
      out4: Ptr,
    ): number;
    _csw_conv_transpose(
      X: Ptr,
      m: number,
      h: number,
      w: number,
      c: number,
      W: Ptr,
      b: Ptr,
      f: number,
      nCOut: number,
      stride: number,
      pad: number,
      dil: number,
      outputPadding: number,
      Y: Ptr,
    ): number;
    /** writes the new stepper's address into *out */
    _csw_stepper_create_conv_transpose(
      X: Ptr,
      m: number,
      h: number,
      w: number,
      c: number,
      W: Ptr,
      b: Ptr,
      f: number,
      nCOut: number,
      stride: number,
      pad: number,
      dil: number,
      outputPadding: number,
      out: Ptr,
    ): number;

    _csw_zero_pad(X: Ptr, m: number, h: number, w: number, c: number, pad: number, X_pad: Ptr): number;
    _csw_conv_forward(
      A_prev: Ptr,
      m: number,
      h: number,
      w: number,
      c: number,
      W: Ptr,
      b: Ptr,
      f: number,
      nC: number,
      stride: number,
      pad: number,
      dil: number,
      Z: Ptr,
    ): number;
    _csw_conv_backward(
      dZ: Ptr,
      A_prev: Ptr,
      m: number,
      h: number,
      w: number,
      c: number,
      W: Ptr,
      f: number,
      nC: number,
      stride: number,
      pad: number,
      dil: number,
      dA_prev: Ptr,
      dW: Ptr,
      db: Ptr,
    ): number;
    _csw_pool_forward(
      A_prev: Ptr,
      m: number,
      h: number,
      w: number,
      c: number,
      f: number,
      stride: number,
      mode: number,
      ties: number,
      A: Ptr,
    ): number;
    _csw_pool_backward(
      dA: Ptr,
      A_prev: Ptr,
      m: number,
      h: number,
      w: number,
      c: number,
      f: number,
      stride: number,
      mode: number,
      ties: number,
      dA_prev: Ptr,
    ): number;

    /** each writes the new stepper's address to the int32 at `out` */
    _csw_stepper_create_conv_forward(
      A_prev: Ptr,
      m: number,
      h: number,
      w: number,
      c: number,
      W: Ptr,
      b: Ptr,
      f: number,
      nC: number,
      stride: number,
      pad: number,
      dil: number,
      out: Ptr,
    ): number;
    _csw_stepper_create_conv_backward(
      dZ: Ptr,
      A_prev: Ptr,
      m: number,
      h: number,
      w: number,
      c: number,
      W: Ptr,
      f: number,
      nC: number,
      stride: number,
      pad: number,
      dil: number,
      out: Ptr,
    ): number;
    _csw_stepper_create_pool_forward(
      A_prev: Ptr,
      m: number,
      h: number,
      w: number,
      c: number,
      f: number,
      stride: number,
      mode: number,
      ties: number,
      out: Ptr,
    ): number;
    _csw_stepper_create_pool_backward(
      dA: Ptr,
      A_prev: Ptr,
      m: number,
      h: number,
      w: number,
      c: number,
      f: number,
      stride: number,
      mode: number,
      ties: number,
      out: Ptr,
    ): number;
    _cs_stepper_destroy(s: Ptr): void;
    /** 1 if a step was done, 0 at the end */
    _cs_stepper_next(s: Ptr): number;
    _cs_stepper_reset(s: Ptr): void;
    _csw_stepper_seek(s: Ptr, k: number): number;
    /** a count, not a status */
    _csw_stepper_total(s: Ptr): number;
    /** a count, not a status */
    _csw_stepper_position(s: Ptr): number;
    /** address of the stepper's cs_window record */
    _cs_stepper_window(s: Ptr): Ptr;
    /** address of the stepper's f*f mask bytes */
    _cs_stepper_mask(s: Ptr): Ptr;
    /** address of a tensor the stepper owns (0 if none); its shape into the int32[4] at out4 */
    _csw_stepper_tensor(s: Ptr, t: number, out4: Ptr): Ptr;

    /** a new numpy RandomState after np.random.seed(seed) (0 when out of memory); free with _free */
    _csw_rng_create(seed: number): Ptr;
    /** np.random.randn(n) into out */
    _csw_rng_randn(rng: Ptr, out: Ptr, n: number): void;
    /** np.random.random_sample(n) into out */
    _csw_rng_random(rng: Ptr, out: Ptr, n: number): void;
    /** n raw 32-bit Mersenne Twister outputs, as doubles */
    _csw_rng_u32(rng: Ptr, out: Ptr, n: number): void;

    /** bytes allocated and not freed */
    _csw_heap_in_use(): number;
    /** top of the malloc heap (sbrk(0)): its high-water mark */
    _csw_heap_top(): number;
  }

  export interface ConvstepModuleOptions {
    /** the .wasm bytes; when given, nothing is fetched (the way to load it in Node) */
    wasmBinary?: Uint8Array | ArrayBuffer;
    /** instantiates the module itself: gets the imports and hands back the instance (and its
     * module) through `receive`; returns {} when that happens later */
    instantiateWasm?: (
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ) => object;
    /** where to fetch the .wasm from, given the name Emscripten looks for */
    locateFile?: (path: string, prefix: string) => string;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }

  const createConvstep: (options?: ConvstepModuleOptions) => Promise<ConvstepModule>;
  export default createConvstep;
}
