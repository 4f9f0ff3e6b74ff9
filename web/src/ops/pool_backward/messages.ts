// pool_backward's own words: its summary, captions, tips, step announcements and mistakes.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  summary: 'dA_prev[window] += mask · dA (max) or distribute_value(dA) (average)',
  assign: '= instead of += into dA_prev',
  whyAssign:
    'Where windows overlap (stride < f) a cell receives from each window over it; with = the next window overwrites what the last one gave, zeros included.',
  idleAssign: 'With stride ≥ f no two windows share a cell, so = and += agree: choose stride < f.',
  undivided: 'distribute_value without / (f·f)',
  whyUndivided:
    'Each of the f·f cells counted 1/(f·f) in the mean, so each gets da / (f·f): np.ones(shape) * da hands out f·f times the gradient.',
  idleUndivided: 'With mode = "max" distribute_value never runs: choose average.',
  argmax: 'mask from np.argmax',
  whyArgmax:
    'np.argmax returns only the first maximum in row-major order; the assignment’s mask x == np.max(x) marks every tied maximum. The two part at the first window with a tie (small integers have many).',
  idleArgmaxAvg: 'With mode = "average" no mask is made: choose max.',
  idleArgmaxFirst:
    'The tie rule is already “first maximum”, which is what argmax does: choose “every tied maximum”.',
  whyStride:
    'The gradient must go back to the cells the forward window read: its corner is (h·stride, w·stride).',
} as const;

const ko: Translation<typeof en> = {
  summary: 'dA_prev[윈도우] += mask · dA (max) 또는 distribute_value(dA) (average)',
  assign: 'dA_prev에 += 대신 =',
  whyAssign:
    '윈도우가 겹치면(stride < f) 한 칸이 그 위의 윈도우마다 값을 받습니다. =를 쓰면 다음 윈도우가 앞 윈도우가 준 값을 0까지 포함해 덮어씁니다.',
  idleAssign: 'stride ≥ f이면 두 윈도우가 칸을 나누지 않아 =와 +=가 같습니다. stride < f를 고르세요.',
  undivided: '/ (f·f) 없는 distribute_value',
  whyUndivided:
    'f·f 칸은 평균에서 각각 1/(f·f)만큼 셌으므로 각 칸은 da / (f·f)를 받습니다. np.ones(shape) * da는 기울기를 f·f배로 나누어 줍니다.',
  idleUndivided: 'mode = "max"이면 distribute_value는 실행되지 않습니다. average를 고르세요.',
  argmax: 'np.argmax로 만든 mask',
  whyArgmax:
    'np.argmax는 행 우선 순서로 첫 최댓값만 돌려줍니다. 과제의 mask x == np.max(x)는 같은 최댓값을 모두 표시합니다. 두 코드는 같은 값이 있는 첫 윈도우에서 갈라집니다(작은 정수에는 많습니다).',
  idleArgmaxAvg: 'mode = "average"이면 mask를 만들지 않습니다. max를 고르세요.',
  idleArgmaxFirst: '같은 값 규칙이 이미 argmax와 같은 “첫 최댓값”입니다. “같은 최댓값 모두”를 고르세요.',
  whyStride: '기울기는 순전파 윈도우가 읽은 칸으로 돌아가야 합니다. 그 모서리는 (h·stride, w·stride)입니다.',
};

export const t = messages(en, ko);
