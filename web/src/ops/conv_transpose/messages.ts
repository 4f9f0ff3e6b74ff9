// conv_transpose's words: predict-then-reveal's question and its answer.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  prompt:
    'Step {step}: the window at vert_start = {vs}, hori_start = {hs} spreads {x} over Y_pad. By how much does this step change {cell}? {precision}',
  exact: '(exact)',
  twoDecimals: '(to 2 decimals)',
  change: 'change of {cell}',
  why: 'Y_pad gets {w} · {x} = {wv} · {xv} = {y}.',
} as const;

const ko: Translation<typeof en> = {
  prompt:
    '{step}단계: vert_start = {vs}, hori_start = {hs}의 윈도우가 {x|을} Y_pad 위에 퍼뜨립니다. 이 단계에서 {cell|은} 얼마나 바뀔까요? {precision}',
  exact: '(정확히)',
  twoDecimals: '(소수점 둘째 자리까지)',
  change: '{cell}의 변화량',
  why: 'Y_pad에는 {w} · {x} = {wv} · {xv} = {y}가 더해집니다.',
};

export const t = messages(en, ko);
