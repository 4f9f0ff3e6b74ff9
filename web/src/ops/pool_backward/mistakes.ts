// pool_backward's classic mistakes: the seed's loop written out in TypeScript, right or with one
// line changed as students write it; tests/fixtures/mistakes.py writes the same wrong code in
// numpy. create_mask_from_window is x == np.max(x) (or the first maximum, under PyTorch's rule).

import { loopAt } from '../../lib/tensor';
import {
  type LoopCell,
  type LoopRunner,
  LoopTensors,
  type Mistake,
  strideForgotten,
} from '../../state/mistakes';
import { poolChoices } from '../pool/choices';
import { createMask } from '../pool/pool';
import type { PoolBackwardRun } from './model';

type Flaw = 'stride_forgotten' | 'assign' | 'undivided' | 'argmax_mask' | null;

/** The seed's pool_backward with `flaw`, over the run's A_prev and dA. */
export function poolBackwardLoop(run: PoolBackwardRun, flaw: Flaw): LoopRunner {
  const { m, H, W, Cin: C, f, stride } = run.config;
  const { nH, nW } = run;
  const { mode, ties } = poolChoices(run.config);
  const a = run.data.A_prev.data;
  const dA = run.data.dA.data;
  const t = new LoopTensors();
  const out = t.add('dA_prev', [m, H, W, C]);
  let k = 0;
  return {
    total: m * C * nH * nW,
    value: (cell) => t.value(cell),
    shape: (name) => t.shape(name),
    step() {
      k++;
      const { i, c, h, w } = loopAt({ nC: C, nH, nW }, k);
      // with the stride forgotten the window still fits: h + f <= (n_H - 1)·stride + f <= n_H_prev
      const vs = flaw === 'stride_forgotten' ? h : h * stride;
      const hs = flaw === 'stride_forgotten' ? w : w * stride;
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
      return { at: { i, c, h, w, vertStart: vs, horiStart: hs }, wrote };
    },
  };
}

const pair = (flaw: Exclude<Flaw, null>) => (run: PoolBackwardRun) => ({
  right: poolBackwardLoop(run, null),
  wrong: poolBackwardLoop(run, flaw),
});

const isAverage = (c: Parameters<typeof poolChoices>[0]) => poolChoices(c).mode === 'average';

export const POOL_BACKWARD_MISTAKES: readonly Mistake<PoolBackwardRun>[] = [
  {
    id: 'assign',
    name: '= instead of += into dA_prev',
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
    why: 'Where windows overlap (stride < f) a cell receives from each window over it; with = the next window overwrites what the last one gave, zeros included.',
    idle: (c) =>
      c.stride >= c.f
        ? 'With stride ≥ f no two windows share a cell, so = and += agree: choose stride < f.'
        : null,
    loops: pair('assign'),
  },
  {
    id: 'undivided',
    name: 'distribute_value without / (f·f)',
    lines: [
      {
        id: 'add_avg',
        text: '                    dA_prev[i, vert_start:vert_end,\n                        hori_start:hori_end, c] += \\\n                        np.ones(shape) * da',
      },
    ],
    why: 'Each of the f·f cells counted 1/(f·f) in the mean, so each gets da / (f·f): np.ones(shape) * da hands out f·f times the gradient.',
    idle: (c) => (isAverage(c) ? null : 'With mode = "max" distribute_value never runs: choose average.'),
    loops: pair('undivided'),
  },
  {
    id: 'argmax_mask',
    name: 'mask from np.argmax',
    lines: [
      {
        id: 'mask',
        text: '                    mask = np.zeros(a_prev_slice.shape)\n                    mask.flat[np.argmax(a_prev_slice)] = 1',
      },
    ],
    why: 'np.argmax returns only the first maximum in row-major order; the assignment’s mask x == np.max(x) marks every tied maximum. The two part at the first window with a tie (small integers have many).',
    idle: (c) => {
      if (isAverage(c)) return 'With mode = "average" no mask is made: choose max.';
      if (poolChoices(c).ties === 'first')
        return 'The tie rule is already “first maximum”, which is what argmax does: choose “every tied maximum”.';
      return null;
    },
    loops: pair('argmax_mask'),
  },
  strideForgotten(
    'The gradient must go back to the cells the forward window read: its corner is (h·stride, w·stride).',
    pair('stride_forgotten'),
  ),
];
