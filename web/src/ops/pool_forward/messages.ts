// pool_forward's words: predict-then-reveal's question and its answer.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  promptMax:
    'Step {step}: the window at vert_start = {vs}, hori_start = {hs}. Which of its cells are the maximum that {out} takes? Click them.',
  promptAverage:
    'Step {step}: the window at vert_start = {vs}, hori_start = {hs}. What average does {out} get? {precision}',
  exact: '(exact)',
  twoDecimals: '(to 2 decimals)',
  whyMaxOne: 'np.max(a_prev_slice) = {max}: {out} = {max}, taken from one cell.',
  whyMaxTied: 'np.max(a_prev_slice) = {max}, held by {count} tied cells: {out} = {max}.',
  whyAverage: 'np.mean(a_prev_slice) = {sum} / {count} = {mean}: {out} = {mean}.',
} as const;

const ko: Translation<typeof en> = {
  promptMax:
    '{step}단계: vert_start = {vs}, hori_start = {hs}의 윈도우. {out|이} 가져가는 최댓값은 어느 칸일까요? 그 칸들을 누르세요.',
  promptAverage:
    '{step}단계: vert_start = {vs}, hori_start = {hs}의 윈도우. {out}에는 어떤 평균이 들어갈까요? {precision}',
  exact: '(정확히)',
  twoDecimals: '(소수점 둘째 자리까지)',
  whyMaxOne: 'np.max(a_prev_slice) = {max}: {out} = {max}, 한 칸에서 가져옵니다.',
  whyMaxTied: 'np.max(a_prev_slice) = {max}, 같은 최댓값을 가진 칸이 {count}개: {out} = {max}.',
  whyAverage: 'np.mean(a_prev_slice) = {sum} / {count} = {mean}: {out} = {mean}.',
};

export const t = messages(en, ko);
