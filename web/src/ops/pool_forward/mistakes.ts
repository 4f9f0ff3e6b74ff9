// pool_forward's classic mistakes: the seed's loop written out in TypeScript, right or with one
// line changed as students write it; tests/fixtures/mistakes.py writes the same wrong code in
// numpy. np.max and np.mean of the slice, in row-major order.

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
import { poolChoices } from '../pool/choices';
import type { PoolForwardRun } from './model';
import { t } from './messages';

type Flaw = 'stride_forgotten' | 'end_stride' | 'sum_not_mean';

/** The seed's pool_forward with `flaw`, over the run's A_prev. */
export function poolForwardLoop(run: PoolForwardRun, flaw: Flaw | null): LoopRunner {
  const { m, H, W, Cin: C, f, stride } = run.config;
  const { nH, nW } = run;
  const mode = poolChoices(run.config).mode;
  const a = run.data.A_prev.data;
  const t = new LoopTensors();
  const out = t.add('A', [m, nH, nW, C]);
  return windowLoop(t, { m, nC: C, nH, nW, stride }, flaw, ({ i, c, h, w, vertStart: vs, horiStart: hs }) => {
    const ve = vs + (flaw === 'end_stride' ? stride : f);
    const he = hs + (flaw === 'end_stride' ? stride : f);
    const xs: number[] = [];
    for (const r of sliceIndices(H, vs, ve))
      for (const q of sliceIndices(W, hs, he)) xs.push(a[((i * H + r) * W + q) * C + c] ?? 0);
    if (xs.length === 0 && mode === 'max')
      throw new NumpyError('zero-size array to reduction operation maximum which has no identity');
    let v: number;
    if (mode === 'max') {
      v = xs[0] ?? 0;
      for (const x of xs) if (x > v || Number.isNaN(x)) v = x;
    } else {
      let s = 0;
      for (const x of xs) s += x;
      v = flaw === 'sum_not_mean' ? s : s / xs.length;
    }
    const index = ((i * nH + h) * nW + w) * C + c;
    out[index] = v;
    return [{ tensor: 'A', index }];
  });
}

const pair = loopPair(poolForwardLoop);

export const POOL_FORWARD_MISTAKES: readonly Mistake<PoolForwardRun>[] = [
  strideForgotten(() => t('whyStride'), pair('stride_forgotten')),
  endByStride(
    () => t('whyEnd'),
    (c) => (c.stride === c.f ? t('idleEnd') : null),
    pair('end_stride'),
  ),
  mistake({
    id: 'sum_not_mean',
    name: () => t('sumNotMean'),
    lines: [
      {
        id: 'a_avg',
        text: '                    A[i, h, w, c] = np.sum(\n                        a_prev_slice)',
      },
    ],
    why: () => t('whySum'),
    idle: (c) => (poolChoices(c).mode === 'max' ? t('idleSum') : null),
    loops: pair('sum_not_mean'),
  }),
];
