// conv_backward's classic mistakes: the seed's loop written out in TypeScript, right or with one
// line changed as students write it. Each step adds in the C stepper's order (u, v, k), one
// window at a time; tests/fixtures/mistakes.py writes the same wrong code in numpy.

import {
  type LoopCell,
  type LoopRunner,
  LoopTensors,
  loopPair,
  type Mistake,
  mistake,
  sliceIndices,
  strideForgotten,
  windowLoop,
} from '../../state/mistakes';
import type { ConvBackwardRun } from './model';
import { t } from './messages';

type Flaw = 'stride_forgotten' | 'assign_dA' | 'dW_with_W' | 'db_assigned' | 'crop_pad_zero';

/** The seed's conv_backward with `flaw`, over the run's data (A_prev padded, W, dZ). */
export function convBackwardLoop(run: ConvBackwardRun, flaw: Flaw | null): LoopRunner {
  const { m, Cin, Cout: C, f, stride, dil, pad, H, W: Wd } = run.config;
  const { nH, nW, Hp, Wp } = run;
  const A = run.A_pad.data;
  const Wt = run.data.W.data;
  const dZ = run.dZ.data;
  const t = new LoopTensors();
  const dA = t.add('dA_prev_pad', [m, Hp, Wp, Cin]);
  const dW = t.add('dW', [f, f, Cin, C]);
  const db = t.add('db', [1, 1, 1, C]);
  const span = dil * (f - 1) + 1;
  return windowLoop(
    t,
    { m, nC: C, nH, nW, stride },
    flaw,
    ({ i, c, h, w, vertStart: vs, horiStart: hs }) => {
      // the window always fits: vert_start + span <= Hp for the right loop, and h <= h * stride
      const rows = sliceIndices(Hp, vs, vs + span, dil);
      const cols = sliceIndices(Wp, hs, hs + span, dil);
      const dz = dZ[((i * nH + h) * nW + w) * C + c] ?? 0;
      const wroteA: LoopCell[] = [];
      const wroteW: LoopCell[] = [];
      for (let u = 0; u < f; u++)
        for (let v = 0; v < f; v++)
          for (let q = 0; q < Cin; q++) {
            const r = rows[u] ?? 0;
            const col = cols[v] ?? 0;
            const wIndex = ((u * f + v) * Cin + q) * C + c;
            const aIndex = ((i * Hp + r) * Wp + col) * Cin + q;
            const wv = Wt[wIndex] ?? 0;
            const add = wv * dz;
            if (flaw === 'assign_dA') dA[aIndex] = add;
            else dA[aIndex] = (dA[aIndex] ?? 0) + add;
            const factor = flaw === 'dW_with_W' ? wv : (A[aIndex] ?? 0);
            dW[wIndex] = (dW[wIndex] ?? 0) + factor * dz;
            wroteA.push({ tensor: 'dA_prev_pad', index: aIndex });
            wroteW.push({ tensor: 'dW', index: wIndex });
          }
      db[c] = flaw === 'db_assigned' ? dz : (db[c] ?? 0) + dz;
      return [...wroteA, ...wroteW, { tensor: 'db', index: c }];
    },
    () => {
      // dA_prev_pad[:, pad:-pad, pad:-pad, :]: with pad 0, -pad is 0 and the slice 0:0 is empty
      const empty = flaw === 'crop_pad_zero' && pad === 0;
      const shape = empty ? [m, 0, 0, Cin] : [m, H, Wd, Cin];
      const data = new Float64Array(empty ? 0 : m * H * Wd * Cin);
      if (!empty)
        for (let i = 0; i < m; i++)
          for (let r = 0; r < H; r++)
            for (let q = 0; q < Wd; q++)
              for (let ch = 0; ch < Cin; ch++)
                data[((i * H + r) * Wd + q) * Cin + ch] =
                  dA[((i * Hp + r + pad) * Wp + q + pad) * Cin + ch] ?? 0;
      return { tensor: 'dA_prev', shape, data };
    },
  );
}

const pair = loopPair(convBackwardLoop);

export const CONV_BACKWARD_MISTAKES: readonly Mistake<ConvBackwardRun>[] = [
  mistake({
    id: 'assign_dA',
    name: () => t('assignDA'),
    lines: [
      {
        id: 'dA',
        text: '                dA_prev_pad[i,\n                    vert_start:vert_end,\n                    hori_start:hori_end, :] \\\n                    = W[:,:,:,c] * dZ[i, h, w, c]',
      },
    ],
    why: () => t('whyAssignDA'),
    loops: pair('assign_dA'),
  }),
  mistake({
    id: 'dW_with_W',
    name: () => 'dW += W * dZ',
    lines: [
      {
        id: 'dW',
        text: '                dW[:,:,:,c] \\\n                    += W[:,:,:,c] * dZ[i, h, w, c]',
      },
    ],
    why: () => t('whyDWW'),
    loops: pair('dW_with_W'),
  }),
  mistake({
    id: 'db_assigned',
    name: () => t('dbAssigned'),
    lines: [{ id: 'db', text: '                db[:,:,:,c] = dZ[i, h, w, c]' }],
    why: () => t('whyDb'),
    loops: pair('db_assigned'),
  }),
  strideForgotten(() => t('whyStride'), pair('stride_forgotten')),
  mistake({
    id: 'crop_pad_zero',
    name: () => t('cropPadZero'),
    lines: [{ id: 'crop', text: 'dA_prev = dA_prev_pad[:, pad:-pad, pad:-pad, :]' }],
    why: () => t('whyCrop'),
    idle: (c) => (c.pad > 0 ? t('idleCrop') : null),
    loops: pair('crop_pad_zero'),
  }),
];
