// pool_backward's words: predict-then-reveal's question and its answer.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  each: 'what each of those cells gets',
  promptMax:
    'Step {step}: the window at vert_start = {vs}, hori_start = {hs} passes back {dA}. Which cells of dA_prev receive it ({ties})? Click them, and say how much each gets {precision}.',
  tiesFirst: 'ties: only the first maximum',
  tiesAll: 'ties: every tied maximum',
  promptAverage:
    'Step {step}: the window at vert_start = {vs}, hori_start = {hs} passes back {dA} under average pooling. Which cells of dA_prev receive a share? Click them, and say how much each gets {precision}.',
  exact: '(exact)',
  twoDecimals: '(to 2 decimals)',
  whyMaxOne: 'The mask x == np.max(x) marks one cell: it gets all of {dA} = {da}.',
  whyMaxFirst: 'Several cells tie; under “first” only the first in row order gets {dA} = {da}.',
  whyMaxAll: '{count} cells tie for the maximum; the mask marks each, and each gets all of {dA} = {da}.',
  whyAverage:
    'distribute_value spreads {dA} = {da} evenly over the {f}×{f} window: each cell gets {da} / {ff} = {each}.',
} as const;

const ko: Translation<typeof en> = {
  each: '그 칸들이 각각 받는 값',
  promptMax:
    '{step}단계: vert_start = {vs}, hori_start = {hs}의 윈도우가 {dA|을} 되돌려 보냅니다. dA_prev의 어느 칸이 받을까요({ties})? 그 칸들을 누르고, 각 칸이 얼마를 받는지 쓰세요 {precision}.',
  tiesFirst: '동점: 첫 번째 최댓값만',
  tiesAll: '동점: 같은 최댓값 모두',
  promptAverage:
    '{step}단계: vert_start = {vs}, hori_start = {hs}의 윈도우가 평균 풀링에서 {dA|을} 되돌려 보냅니다. dA_prev의 어느 칸이 나눠 받을까요? 그 칸들을 누르고, 각 칸이 얼마를 받는지 쓰세요 {precision}.',
  exact: '(정확히)',
  twoDecimals: '(소수점 둘째 자리까지)',
  whyMaxOne: '마스크 x == np.max(x)가 한 칸을 표시합니다: 그 칸이 {dA} = {da|을} 모두 받습니다.',
  whyMaxFirst: '여러 칸이 같은 최댓값입니다. “first” 규칙에서는 행 순서로 첫 칸만 {dA} = {da|을} 받습니다.',
  whyMaxAll: '{count}칸이 같은 최댓값입니다. 마스크가 모두 표시하고, 각 칸이 {dA} = {da|을} 모두 받습니다.',
  whyAverage:
    'distribute_value가 {dA} = {da|을} {f}×{f} 윈도우에 고르게 나눕니다: 각 칸은 {da} / {ff} = {each}를 받습니다.',
};

export const t = messages(en, ko);
