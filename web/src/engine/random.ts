// numpy's legacy random generator (np.random.seed / randn / random_sample), bit for bit, from the
// C library. Used to make the assignment's own example arrays.
import type { Heap, Ptr } from './heap';
import { MAX_ELEMENTS, Status } from './status';
import { checkShape, shapeSize } from './tensor';
import { ConvstepError, type Shape4, type Tensor } from './types';
import type { ConvstepModule } from './generated/convstep.mjs';

type Fill = 'randn' | 'random' | 'u32';

/** One np.random.RandomState: draws continue the same stream, as consecutive numpy calls do
 * (a Gaussian left cached by randn is the next randn's first value). Call dispose() when done. */
export class RandomState {
  private rng: Ptr;

  constructor(
    private readonly mod: ConvstepModule,
    private readonly heap: Heap,
    seed: number,
  ) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
      throw new ConvstepError(
        Status.PARAM,
        `a seed is a whole number from 0 to 2^32 - 1, not ${String(seed)}`,
      );
    }
    this.rng = mod._csw_rng_create(seed >>> 0);
    if (this.rng === 0) {
      throw new ConvstepError(Status.NOMEM, 'out of memory: could not create a random generator');
    }
  }

  /** np.random.randn(*shape) */
  randn(shape: Shape4): Tensor {
    return this.fill('randn', shape);
  }

  /** np.random.random_sample(shape) */
  randomSample(shape: Shape4): Tensor {
    return this.fill('random', shape);
  }

  /** The next n raw 32-bit outputs of the Mersenne Twister. */
  nextU32(n: number): number[] {
    return Array.from(this.fill('u32', [1, 1, 1, n]).data);
  }

  dispose(): void {
    this.heap.free(this.rng);
    this.rng = 0;
  }

  private fill(kind: Fill, shape: Shape4): Tensor {
    if (this.rng === 0) {
      throw new ConvstepError(Status.NULL, 'this random generator was disposed; create a new one');
    }
    const s = checkShape('shape', shape);
    const n = shapeSize(s);
    if (n > MAX_ELEMENTS) {
      throw new ConvstepError(Status.TOO_LARGE, `at most ${MAX_ELEMENTS} random values at once, not ${n}`);
    }
    if (n === 0) return { shape: s, data: new Float64Array(0) };
    const data = this.heap.scoped((sc) => {
      const out = sc.allocF64(n, 'random numbers');
      if (kind === 'randn') this.mod._csw_rng_randn(this.rng, out, n);
      else if (kind === 'random') this.mod._csw_rng_random(this.rng, out, n);
      else this.mod._csw_rng_u32(this.rng, out, n);
      return this.heap.readF64(out, n);
    });
    return { shape: s, data };
  }
}
