// pool_forward's own words: its summary, captions, step announcements and mistakes.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  summary: 'A[i, h, w, c] = max or mean of the window, one channel at a time',
  whyStride:
    'The window moves one cell per output cell instead of stride cells: the corner of output (h, w) is (h·stride, w·stride).',
  whyEnd:
    'The window spans f cells, not stride cells. numpy slices whatever fits without a word, so the maximum (or mean) is taken over the wrong cells.',
  idleEnd: 'With stride = f the two lines agree: choose another stride.',
  sumNotMean: 'np.sum instead of np.mean',
  whySum:
    'Average pooling divides the window’s sum by its f·f cells; np.sum leaves every value f·f times too large.',
  idleSum: 'With mode = "max" the average branch never runs: choose average.',
} as const;

const ko: Translation<typeof en> = {
  summary: '한 번에 채널 하나씩, A[i, h, w, c] = 윈도우의 최댓값 또는 평균',
  whyStride:
    '윈도우가 출력 한 칸마다 stride 칸이 아니라 한 칸씩 움직입니다. 출력 (h, w)의 모서리는 (h·stride, w·stride)입니다.',
  whyEnd:
    '윈도우는 stride 칸이 아니라 f 칸에 걸칩니다. numpy는 아무 말 없이 들어가는 만큼 잘라 내므로, 최댓값(또는 평균)을 엉뚱한 칸에서 구합니다.',
  idleEnd: 'stride = f이면 두 줄이 같습니다. 다른 스트라이드를 고르세요.',
  sumNotMean: 'np.mean 대신 np.sum',
  whySum: '평균 풀링은 윈도우의 합을 f·f 칸으로 나눕니다. np.sum을 쓰면 모든 값이 f·f배 커집니다.',
  idleSum: 'mode = "max"이면 평균 쪽은 실행되지 않습니다. average를 고르세요.',
};

export const t = messages(en, ko);
