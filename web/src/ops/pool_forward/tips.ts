// What hovering a cell of A says: its value, its flat offset, the step that wrote it.

import { stepNumber } from '../../lib/tensor';
import { longText } from '../../ui/format';
import { poolChoices } from '../pool/choices';
import { offsetLine } from '../pool/tips';
import type { PoolForwardFrame, PoolForwardRun } from './model';
import { tUi } from '../../ui/messages';

/** A[i, h, w, c]: written by one step. */
export function tipA(s: PoolForwardRun, fr: PoolForwardFrame, h: number, w: number): string {
  const { i, c } = fr;
  const cfg = s.config;
  const v = fr.A[h * s.nW + w] ?? Number.NaN;
  const at = stepNumber(s, i, c, h, w);
  const how = poolChoices(cfg).mode === 'max' ? 'np.max' : 'np.mean';
  const r0 = h * cfg.stride;
  const q0 = w * cfg.stride;
  const name = `A[${i}, ${h}, ${w}, ${c}]`;
  const head = Number.isNaN(v)
    ? tUi('cellNotComputed', { name, step: at })
    : tUi('cellAtStep', { name, value: longText(v, cfg.data), step: at });
  return `${head}\n${offsetLine([cfg.m, s.nH, s.nW, cfg.Cin], [i, h, w, c])}\n= ${how}(A_prev[${i}, ${r0}:${r0 + cfg.f}, ${q0}:${q0 + cfg.f}, ${c}])`;
}
