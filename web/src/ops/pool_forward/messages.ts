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
  step0: 'Step 0: A = np.zeros(...), nothing computed yet. Press Step (or →) to pool the first window.',
  maxOf: 'np.max of {n} values',
  cellsHolding: 'cells holding it',
  tied: '{n} (tied)',
  sumOf: 'sum of {n} values',
  describeNone: '{head}: nothing computed yet',
  howMax: 'max of {n}',
  howMean: 'mean of {n}',
  presetNotebook: 'Notebook pool_forward',
  presetNotebookWhy: 'the assignment’s test: f 3, stride 1',
  presetStride2: 'Notebook, stride 2',
  presetStride2Why: 'the assignment’s second test',
  presetAvg: 'Average, small integers',
  presetAvgWhy: 'sums you can do in your head',
  presetTies: 'Ties (small integers)',
  presetTiesWhy: 'a window’s maximum can appear twice',
  presetGap: 'Stride leaves a gap',
  presetGapWhy: 'the last rows and column are never read',
  titleSecond: 'pool_forward’s second test cell (stride 2)',
  titleFirst: 'pool_forward’s test cell (stride 1)',
  // predict-then-reveal and check my numbers (learn.ts, predict.ts, check.ts)
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
  summary: '한 번에 채널 하나씩, A[i, h, w, c] = 윈도우의 최댓값 또는 평균',
  whyStride:
    '윈도우가 출력 한 칸마다 stride 칸이 아니라 한 칸씩 움직입니다. 출력 (h, w)의 모서리는 (h·stride, w·stride)입니다.',
  whyEnd:
    '윈도우는 stride 칸이 아니라 f 칸에 걸칩니다. numpy는 아무 말 없이 들어가는 만큼 잘라 내므로, 최댓값(또는 평균)을 엉뚱한 칸에서 구합니다.',
  idleEnd: 'stride = f이면 두 줄이 같습니다. 다른 스트라이드를 고르세요.',
  sumNotMean: 'np.mean 대신 np.sum',
  whySum: '평균 풀링은 윈도우의 합을 f·f 칸으로 나눕니다. np.sum을 쓰면 모든 값이 f·f배 커집니다.',
  idleSum: 'mode = "max"이면 평균 쪽은 실행되지 않습니다. average를 고르세요.',
  step0: '0단계: A = np.zeros(...), 아직 계산한 것이 없습니다. 앞으로(또는 →)를 눌러 첫 윈도우를 풀링하세요.',
  maxOf: '값 {n}개의 np.max',
  cellsHolding: '그 값을 가진 칸',
  tied: '{n}개 (같은 값)',
  sumOf: '값 {n}개의 합',
  describeNone: '{head}: 아직 계산한 것이 없음',
  howMax: '{n}개 중 최댓값',
  howMean: '{n}개의 평균',
  presetNotebook: '노트북의 pool_forward',
  presetNotebookWhy: '과제의 테스트: f 3, stride 1',
  presetStride2: '노트북, stride 2',
  presetStride2Why: '과제의 두 번째 테스트',
  presetAvg: '평균, 작은 정수',
  presetAvgWhy: '암산으로 할 수 있는 합',
  presetTies: '같은 최댓값 (작은 정수)',
  presetTiesWhy: '윈도우의 최댓값이 두 번 나올 수 있습니다',
  presetGap: '스트라이드가 남기는 틈',
  presetGapWhy: '마지막 행들과 열은 한 번도 읽지 않습니다',
  titleSecond: 'pool_forward의 두 번째 테스트 셀 (stride 2)',
  titleFirst: 'pool_forward의 테스트 셀 (stride 1)',
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
