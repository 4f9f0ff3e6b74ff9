// conv_forward's classic mistakes: the seed's loop written out in TypeScript, right or with one
// line changed as students write it. The right loop adds the products in the C kernel's order
// (u, v, k), then b; tests/fixtures/mistakes.py writes the same wrong code in numpy.

import {
  endByStride,
  type LoopRunner,
  LoopTensors,
  loopPair,
  type Mistake,
  mistake,
  NumpyError,
  sliceIndices,
  strideForgotten,
  windowLoop,
} from '../../state/mistakes';
import type { ConvForwardRun } from './model';
import { t } from './messages';

type Flaw = 'stride_forgotten' | 'end_stride' | 'bias_left_out' | 'bias_every_product';

/** The seed's conv_forward with `flaw`, over the run's data (A_prev padded, W, b). */
export function convForwardLoop(run: ConvForwardRun, flaw: Flaw | null): LoopRunner {
  const { m, Cin, Cout: C, f, stride, dil } = run.config;
  const { nH, nW, Hp, Wp } = run;
  const A = run.A_pad.data;
  const Wt = run.data.W.data;
  const b = run.data.b.data;
  const t = new LoopTensors();
  const Z = t.add('Z', [m, nH, nW, C]);
  const span = dil * (f - 1) + 1;
  return windowLoop(t, { m, nC: C, nH, nW, stride }, flaw, ({ i, c, h, w, vertStart: vs, horiStart: hs }) => {
    const ve = vs + (flaw === 'end_stride' ? stride : span);
    const he = hs + (flaw === 'end_stride' ? stride : span);
    const rows = sliceIndices(Hp, vs, ve, dil);
    const cols = sliceIndices(Wp, hs, he, dil);
    // a_slice_prev * W[:, :, :, c]: numpy broadcasts an axis of length 1, refuses other mismatches
    const fits = (n: number) => n === f || n === 1 || f === 1;
    if (!fits(rows.length) || !fits(cols.length))
      throw new NumpyError(
        `operands could not be broadcast together with shapes (${rows.length},${cols.length},${Cin}) (${f},${f},${Cin}) `,
      );
    const R = rows.length === 1 ? f : rows.length;
    const Q = cols.length === 1 ? f : cols.length;
    const bc = b[c] ?? 0;
    let s = 0;
    for (let u = 0; u < R; u++)
      for (let v = 0; v < Q; v++)
        for (let q = 0; q < Cin; q++) {
          const r = rows[rows.length === 1 ? 0 : u] ?? 0;
          const col = cols[cols.length === 1 ? 0 : v] ?? 0;
          const a = A[((i * Hp + r) * Wp + col) * Cin + q] ?? 0;
          const wv = Wt[(((f === 1 ? 0 : u) * f + (f === 1 ? 0 : v)) * Cin + q) * C + c] ?? 0;
          s += flaw === 'bias_every_product' ? a * wv + bc : a * wv;
        }
    const z = flaw === 'bias_left_out' || flaw === 'bias_every_product' ? s : s + bc;
    const index = ((i * nH + h) * nW + w) * C + c;
    Z[index] = z;
    return [{ tensor: 'Z', index }];
  });
}

const pair = loopPair(convForwardLoop);

export const CONV_FORWARD_MISTAKES: readonly Mistake<ConvForwardRun>[] = [
  strideForgotten(() => t('whyStride'), pair('stride_forgotten')),
  endByStride(
    () => t('whyEnd'),
    (c) => (c.stride === c.f && c.dil === 1 ? t('idleEnd') : null),
    pair('end_stride'),
  ),
  mistake({
    id: 'bias_left_out',
    name: () => t('biasLeftOut'),
    lines: [{ id: 'z', text: '                Z[i, h, w, c] = np.sum(a_slice_prev * W[:, :, :, c])' }],
    why: () => t('whyBiasLeftOut'),
    loops: pair('bias_left_out'),
  }),
  mistake({
    id: 'bias_every_product',
    name: () => t('biasEvery'),
    lines: [
      {
        id: 'z',
        text: '                Z[i, h, w, c] = np.sum(a_slice_prev * W[:, :, :, c] + b[:, :, :, c])',
      },
    ],
    why: () => t('whyBiasEvery'),
    loops: pair('bias_every_product'),
  }),
];
