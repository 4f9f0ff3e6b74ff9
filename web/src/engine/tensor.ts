// Plain helpers for Tensor values: sizes, construction and the checks done in TypeScript before
// anything is copied into WebAssembly memory.
import { ConvstepError, type Shape4, type Tensor } from './types';
import { Status } from './status';

/** Number of elements of a shape. */
export function shapeSize(shape: Shape4): number {
  return shape[0] * shape[1] * shape[2] * shape[3];
}

/** "2×5×7×4" */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

/** A tensor of the given shape: zeros, or a copy of `data`. */
export function makeTensor(shape: Shape4, data?: ArrayLike<number>): Tensor {
  const n = shapeSize(shape);
  if (data !== undefined && data.length !== n) {
    throw new ConvstepError(
      Status.SHAPE,
      `${data.length} values do not fill a tensor of shape ${shapeText(shape)}, which holds ${n}`,
    );
  }
  const out = new Float64Array(n);
  if (data !== undefined) out.set(data);
  return { shape: [shape[0], shape[1], shape[2], shape[3]], data: out };
}

const INT_MAX = 2 ** 31 - 1;

/** A shape's four entries as whole numbers that C's int can hold; throws otherwise. Zero is allowed here
 * (the C validation then says why it is wrong). */
export function checkShape(name: string, shape: readonly number[]): Shape4 {
  if (shape === undefined || shape === null || typeof shape !== 'object') {
    throw new ConvstepError(Status.SHAPE, `${name}: the shape is missing`);
  }
  if (shape.length !== 4 || !shape.every((d) => Number.isInteger(d) && d >= 0 && d <= INT_MAX)) {
    throw new ConvstepError(
      Status.SHAPE,
      `${name}: a shape is four whole numbers (m, n_H, n_W, n_C) of 0 or more, not [${Array.from(shape).join(', ')}]`,
    );
  }
  return [shape[0], shape[1], shape[2], shape[3]];
}

/** Checks that a tensor is well formed: a valid shape and exactly as many values as it needs. */
export function checkTensor(name: string, t: Tensor | undefined | null): Shape4 {
  if (t === undefined || t === null || typeof t !== 'object') {
    throw new ConvstepError(Status.NULL, `${name} is missing`);
  }
  const shape = checkShape(name, t.shape);
  if (!(t.data instanceof Float64Array)) {
    throw new ConvstepError(Status.SHAPE, `${name}: the values must be a Float64Array`);
  }
  const n = shape[0] * shape[1] * shape[2] * shape[3];
  if (t.data.length !== n) {
    throw new ConvstepError(
      Status.SHAPE,
      `${name} has ${t.data.length} values, but its shape ${shapeText(shape)} needs ${n}`,
    );
  }
  return shape;
}

/** Throws unless `got` equals `want`, naming the tensor and why it needs that shape. */
export function expectShape(name: string, got: Shape4, want: Shape4, why: string): void {
  if (got[0] !== want[0] || got[1] !== want[1] || got[2] !== want[2] || got[3] !== want[3]) {
    throw new ConvstepError(
      Status.SHAPE,
      `${name} has shape ${shapeText(got)}, but ${why} needs ${shapeText(want)}`,
    );
  }
}
