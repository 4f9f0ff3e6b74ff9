// conv_backward's words: predict-then-reveal's question and its answer.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  prompt:
    'Step {step}: the window at vert_start = {vs}, hori_start = {hs} passes back {dz}. By how much does this step change {dA}, {dW} and {db}? {precision}',
  exact: '(exact)',
  twoDecimals: '(to 2 decimals)',
  change: 'change of {cell}',
  why: 'dA_prev_pad gets {w} · {dz} = {wv} · {dzv} = {dA}; dW gets {a} · {dz} = {av} · {dzv} = {dW}; db gets {dz} = {dzv}.',
} as const;

const ko: Translation<typeof en> = {
  prompt:
    '{step}단계: vert_start = {vs}, hori_start = {hs}의 윈도우가 {dz|을} 되돌려 보냅니다. 이 단계에서 {dA}, {dW}, {db|은} 각각 얼마나 바뀔까요? {precision}',
  exact: '(정확히)',
  twoDecimals: '(소수점 둘째 자리까지)',
  change: '{cell}의 변화량',
  why: 'dA_prev_pad에는 {w} · {dz} = {wv} · {dzv} = {dA}, dW에는 {a} · {dz} = {av} · {dzv} = {dW}, db에는 {dz} = {dzv}가 더해집니다.',
};

export const t = messages(en, ko);
