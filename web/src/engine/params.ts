// Layer parameters from their TypeScript form to the ints the WebAssembly glue takes.
// Only what C's int cannot express is checked here (fractions, NaN, out-of-range numbers, unknown
// mode names); every other rule is the C library's, with its own sentence.
import {
  ConvstepError,
  type ConvParams,
  type ConvTransposeParams,
  type PoolMode,
  type PoolParams,
  type PoolTies,
} from './types';
import { Status } from './status';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

function int(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < INT_MIN || v > INT_MAX) {
    throw new ConvstepError(Status.PARAM, `${name} must be a whole number, not ${String(v)}`);
  }
  return v;
}

/** f, n_C, stride, pad, dilation */
export type ConvArgs = [number, number, number, number, number];
/** f, stride, mode, ties */
export type PoolArgs = [number, number, number, number];

export function convArgs(p: ConvParams): ConvArgs {
  if (p === null || typeof p !== 'object') {
    throw new ConvstepError(Status.PARAM, 'the convolution parameters are missing');
  }
  return [
    int('f', p.f),
    int('n_C', p.nC),
    int('stride', p.stride),
    int('pad', p.pad),
    int('dilation', p.dilation ?? 0),
  ];
}

/** f, n_C_out, stride, pad, dilation, output_padding */
export type ConvTransposeArgs = [number, number, number, number, number, number];

export function convTransposeArgs(p: ConvTransposeParams): ConvTransposeArgs {
  if (p === null || typeof p !== 'object') {
    throw new ConvstepError(Status.PARAM, 'the transposed convolution parameters are missing');
  }
  return [
    int('f', p.f),
    int('n_C_out', p.nCOut),
    int('stride', p.stride),
    int('pad', p.pad),
    int('dilation', p.dilation ?? 0),
    int('output_padding', p.outputPadding ?? 0),
  ];
}

const MODES: Record<PoolMode, number> = { max: 0, average: 1 };
const TIES: Record<PoolTies, number> = { all: 0, first: 1 };

export function poolArgs(p: PoolParams): PoolArgs {
  if (p === null || typeof p !== 'object') {
    throw new ConvstepError(Status.PARAM, 'the pooling parameters are missing');
  }
  const mode = Object.hasOwn(MODES, p.mode) ? MODES[p.mode] : undefined;
  if (mode === undefined) {
    throw new ConvstepError(
      Status.PARAM,
      `pooling mode must be "max" or "average", not ${JSON.stringify(p.mode)}`,
    );
  }
  const ties = Object.hasOwn(TIES, p.ties ?? 'all') ? TIES[p.ties ?? 'all'] : undefined;
  if (ties === undefined) {
    throw new ConvstepError(Status.PARAM, `ties must be "all" or "first", not ${JSON.stringify(p.ties)}`);
  }
  return [int('f', p.f), int('stride', p.stride), mode, ties];
}
