// The C library's refusals in the page's language. The library writes its sentences in English
// for the C API (c/src/validate.c); the page says the same facts itself, from the status and the
// layer: the checks below repeat the library's, in its order, and only choose the sentence (the
// library alone decides whether a layer is refused). A status they cannot explain gets the
// status's own sentence.

import { MAX_ELEMENTS } from '../engine/status';
import type { ConvParams, ConvTransposeParams, PoolParams, Shape4, Validation } from '../engine/types';
import { tState } from './messages';

type Say = string | null;

/** The validation with its message said when read, in the page's language then. */
export function localized(v: Validation, say: () => Say): Validation {
  if (v.ok) return v;
  const status = v.status;
  return {
    ok: false,
    status,
    get message() {
      return say() ?? statusSentence(status);
    },
  };
}

function statusSentence(status: number): string {
  switch (status) {
    case 1:
      return tState('status_1');
    case 2:
      return tState('status_2');
    case 3:
      return tState('status_3');
    case 4:
      return tState('status_4');
    case 5:
      return tState('status_5');
    default:
      return tState('statusUnknown', { status });
  }
}

function count(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** check_size: the tensor `name` of shape `dims` would be over the limit. */
function size(name: string, dims: readonly [number, number, number, number]): Say {
  if (count(dims) <= MAX_ELEMENTS) return null;
  const [a, b, c, d] = dims;
  return tState('tooLarge', { name, a, b, c, d, limit: MAX_ELEMENTS });
}

function atLeast1(name: string, what: string, value: number): Say {
  return value < 1 ? tState('atLeast', { name, what, value }) : null;
}

/** check_dims, with the input's names (A_prev's or X's). */
function dims(shape: Shape4, names: readonly [string, string, string, string]): Say {
  const whats = [tState('what_m'), tState('what_H'), tState('what_W'), tState('what_C')];
  for (let k = 0; k < 4; k++) {
    const say = atLeast1(names[k] ?? '', whats[k] ?? '', shape[k] ?? 0);
    if (say !== null) return say;
  }
  return null;
}

const first = (...says: (() => Say)[]): Say => {
  for (const s of says) {
    const said = s();
    if (said !== null) return said;
  }
  return null;
};

/** cs_conv_validate's refusal of A_prev `shape` with `p`. */
export function convRefusal(shape: Shape4, p: ConvParams): Say {
  const [m, H, W, C] = shape;
  const d = p.dilation === 0 ? 1 : p.dilation;
  const span = d * (p.f - 1) + 1;
  const Hp = H + 2 * p.pad;
  const Wp = W + 2 * p.pad;
  return first(
    () => atLeast1('f', tState('what_f'), p.f),
    () => atLeast1('n_C', tState('what_nC'), p.nC),
    () => atLeast1('stride', tState('what_stride'), p.stride),
    () => (p.pad < 0 ? tState('zeroOrMore', { name: 'pad', value: p.pad }) : null),
    () => (p.dilation < 0 ? tState('zeroOrMore', { name: 'dilation', value: p.dilation }) : null),
    () => dims(shape, ['m', 'n_H_prev', 'n_W_prev', 'n_C_prev']),
    () => size('A_prev', [m, H, W, C]),
    () => size(tState('padded_input'), [m, Hp, Wp, C]),
    () => size('W', [p.f, p.f, C, p.nC]),
    () => {
      if (span <= Hp && span <= Wp) return null;
      if (d === 1) return tState('filterNoFit', { f: p.f, h: Hp, w: Wp });
      return tState('filterDilatedNoFit', { f: p.f, d, span, h: Hp, w: Wp });
    },
    () =>
      size('Z', [m, Math.floor((Hp - span) / p.stride) + 1, Math.floor((Wp - span) / p.stride) + 1, p.nC]),
  );
}

/** cs_pool_validate's refusal of A_prev `shape` with `p`. */
export function poolRefusal(shape: Shape4, p: PoolParams): Say {
  const [m, H, W, C] = shape;
  return first(
    () => atLeast1('f', tState('what_window'), p.f),
    () => atLeast1('stride', tState('what_stride'), p.stride),
    () => dims(shape, ['m', 'n_H_prev', 'n_W_prev', 'n_C_prev']),
    () => size('A_prev', [m, H, W, C]),
    () => (p.f > H || p.f > W ? tState('windowNoFit', { f: p.f, h: H, w: W }) : null),
  );
}

/** cs_conv_transpose_validate's refusal of X `shape` with `p`. */
export function convTransposeRefusal(shape: Shape4, p: ConvTransposeParams): Say {
  const [m, H, W, C] = shape;
  const d = p.dilation === 0 ? 1 : p.dilation;
  const span = d * (p.f - 1) + 1;
  const Hp = (H - 1) * p.stride + span + p.outputPadding;
  const Wp = (W - 1) * p.stride + span + p.outputPadding;
  const nH = Hp - 2 * p.pad;
  const nW = Wp - 2 * p.pad;
  return first(
    () => atLeast1('f', tState('what_f'), p.f),
    () => atLeast1('n_C_out', tState('what_nCOut'), p.nCOut),
    () => atLeast1('stride', tState('what_stride'), p.stride),
    () => (p.pad < 0 ? tState('zeroOrMore', { name: 'pad', value: p.pad }) : null),
    () => (p.dilation < 0 ? tState('zeroOrMore', { name: 'dilation', value: p.dilation }) : null),
    () =>
      p.outputPadding < 0 ? tState('zeroOrMore', { name: 'output_padding', value: p.outputPadding }) : null,
    () =>
      p.outputPadding >= p.stride && p.outputPadding >= d
        ? tState('outputPaddingTooLarge', { op: p.outputPadding, stride: p.stride, d })
        : null,
    () => dims(shape, ['m', 'n_H', 'n_W', 'n_C']),
    () => size('X', [m, H, W, C]),
    () => size('W', [p.f, p.f, p.nCOut, C]),
    () => (nH < 1 || nW < 1 ? tState('padCropsAll', { pad: p.pad, h: Hp, w: Wp, nh: nH, nw: nW }) : null),
    () => size(tState('padded_output'), [m, Hp, Wp, p.nCOut]),
  );
}
