// conv_forward's words: predict-then-reveal's question and its answer.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  prompt:
    'Step {step}: the {f}×{f} window at vert_start = {vs}, hori_start = {hs}, filter {c}. What value does {cell} get? {precision}',
  exact: '(exact)',
  twoDecimals: '(to 2 decimals)',
  why: 'np.sum(a_slice_prev * W[:, :, :, c]) = {sum}, plus b = {b}: {cell} = {z}.',
} as const;

const ko: Translation<typeof en> = {
  prompt:
    '{step}단계: vert_start = {vs}, hori_start = {hs}의 {f}×{f} 윈도우, 필터 {c}. {cell}에는 어떤 값이 들어갈까요? {precision}',
  exact: '(정확히)',
  twoDecimals: '(소수점 둘째 자리까지)',
  why: 'np.sum(a_slice_prev * W[:, :, :, c]) = {sum}, 여기에 b = {b}를 더하면 {cell} = {z}.',
};

export const t = messages(en, ko);
