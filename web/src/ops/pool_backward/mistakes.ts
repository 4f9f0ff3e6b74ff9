// pool_backward's classic mistakes: the seed's loop written out in TypeScript, right or with one
// line changed as students write it; tests/fixtures/mistakes.py writes the same wrong code in
// numpy. create_mask_from_window is x == np.max(x) (or the first maximum, under PyTorch's rule).

import {
  type LoopCell,
  type LoopRunner,
  LoopTensors,
  loopPair,
  type Mistake,
  mistake,
  strideForgotten,
  windowLoop,
} from '../../state/mistakes';
import { poolChoices } from '../pool/choices';
import { createMask } from '../pool/pool';
import type { PoolBackwardRun } from './model';
import { t } from './messages';

type Flaw = 'stride_forgotten' | 'assign' | 'undivided' | 'argmax_mask';

/** The seed's pool_backward with `flaw`, over the run's A_prev and dA. */
export function poolBackwardLoop(run: PoolBackwardRun, flaw: Flaw | null): LoopRunner {
  const { m, H, W, Cin: C, f, stride } = run.config;
  const { nH, nW } = run;
  const { mode, ties } = poolChoices(run.config);
  const a = run.data.A_prev.data;
  const dA = run.data.dA.data;
  const t = new LoopTensors();
  const out = t.add('dA_prev', [m, H, W, C]);
  // with the stride forgotten the window still fits: h + f <= (n_H - 1)·stride + f <= n_H_prev
  return windowLoop(t, { m, nC: C, nH, nW, stride }, flaw, ({ i, c, h, w, vertStart: vs, horiStart: hs }) => {
    const da = dA[((i * nH + h) * nW + w) * C + c] ?? 0;
    const idx = (u: number, v: number) => ((i * H + vs + u) * W + hs + v) * C + c;
    let add: number[];
    if (mode === 'max') {
      const x: number[] = [];
      for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) x.push(a[idx(u, v)] ?? 0);
      // np.argmax picks the first maximum: PyTorch's rule, not the assignment's x == max(x)
      const mask = createMask(x, flaw === 'argmax_mask' ? 'first' : ties);
      add = Array.from(mask, (g) => g * da);
    } else {
      const share = flaw === 'undivided' ? da : da / (f * f);
      add = new Array<number>(f * f).fill(share);
    }
    const wrote: LoopCell[] = [];
    for (let u = 0; u < f; u++)
      for (let v = 0; v < f; v++) {
        const index = idx(u, v);
        const x = add[u * f + v] ?? 0;
        out[index] = flaw === 'assign' ? x : (out[index] ?? 0) + x;
        wrote.push({ tensor: 'dA_prev', index });
      }
    return wrote;
  });
}

const pair = loopPair(poolBackwardLoop);

const isAverage = (c: Parameters<typeof poolChoices>[0]) => poolChoices(c).mode === 'average';

export const POOL_BACKWARD_MISTAKES: readonly Mistake<PoolBackwardRun>[] = [
  mistake({
    id: 'assign',
    name: () => t('assign'),
    lines: [
      {
        id: 'add_max',
        text: '                    dA_prev[i, vert_start:vert_end,\n                        hori_start:hori_end, c] = \\\n                        np.multiply(mask,\n                        dA[i, h, w, c])',
      },
      {
        id: 'add_avg',
        text: '                    dA_prev[i, vert_start:vert_end,\n                        hori_start:hori_end, c] = \\\n                        distribute_value(da, shape)',
      },
    ],
    why: () => t('whyAssign'),
    idle: (c) => (c.stride >= c.f ? t('idleAssign') : null),
    loops: pair('assign'),
  }),
  mistake({
    id: 'undivided',
    name: () => t('undivided'),
    lines: [
      {
        id: 'add_avg',
        text: '                    dA_prev[i, vert_start:vert_end,\n                        hori_start:hori_end, c] += \\\n                        np.ones(shape) * da',
      },
    ],
    why: () => t('whyUndivided'),
    idle: (c) => (isAverage(c) ? null : t('idleUndivided')),
    loops: pair('undivided'),
  }),
  mistake({
    id: 'argmax_mask',
    name: () => t('argmax'),
    lines: [
      {
        id: 'mask',
        text: '                    mask = np.zeros(a_prev_slice.shape)\n                    mask.flat[np.argmax(a_prev_slice)] = 1',
      },
    ],
    why: () => t('whyArgmax'),
    idle: (c) => {
      if (isAverage(c)) return t('idleArgmaxAvg');
      if (poolChoices(c).ties === 'first') return t('idleArgmaxFirst');
      return null;
    },
    loops: pair('argmax_mask'),
  }),
  strideForgotten(() => t('whyStride'), pair('stride_forgotten')),
];
