// What the pooling operations share: their choices, legend, code notes and cell tips.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  cNoteForward:
    'The batch kernel cs_pool_forward loops i, h, w with c innermost; each window is read in this order.',
  cNoteBackward:
    'Only the cells the mask marks are added to: numpy adds 0 · dA to the others, which changes nothing.',
  tiesAll: 'all tied maxima',
  tiesAllHint: 'the assignment: mask = (x == np.max(x))',
  tiesFirst: 'first maximum',
  tiesFirstHint: 'PyTorch’s max_pool2d',
  daRandnHint: 'drawn after A_prev, as the notebook does',
  daOnes: 'all ones',
  daOnesHint: 'the gradient of sum(A)',
  tiesSentence:
    'When a window’s maximum appears more than once, the assignment’s mask (x == max(x)) sends the gradient to every tied cell; PyTorch sends it only to the first in row-major order.',
  tiesLegend: 'Tied maxima get the gradient',
  daLegend: 'dA, the incoming gradient',
  markMax: 'a maximum of the window',
  markGets: 'gets the gradient this step',
  markSkip: 'tied maximum, skipped (PyTorch)',
  markAdded: '+ what this step adds',
  neverRead: 'never read: no window covers it',
  readBy: 'read by {steps}',
} as const;

const ko: Translation<typeof en> = {
  cNoteForward:
    '배치 커널 cs_pool_forward는 i, h, w 순서로 돌고 c를 가장 안쪽에 둡니다. 각 윈도우를 읽는 순서는 같습니다.',
  cNoteBackward:
    'mask가 표시한 칸에만 더합니다. numpy는 다른 칸에 0 · dA를 더하는데, 아무것도 바뀌지 않습니다.',
  tiesAll: '같은 최댓값 모두',
  tiesAllHint: '과제: mask = (x == np.max(x))',
  tiesFirst: '첫 최댓값',
  tiesFirstHint: 'PyTorch의 max_pool2d',
  daRandnHint: '노트북처럼 A_prev 다음에 뽑음',
  daOnes: '모두 1',
  daOnesHint: 'sum(A)의 기울기',
  tiesSentence:
    '윈도우의 최댓값이 여러 번 나오면 과제의 mask (x == max(x))는 같은 값인 칸 모두에 기울기를 보내고, PyTorch는 행 우선 순서로 첫 칸에만 보냅니다.',
  tiesLegend: '기울기를 받는 같은 최댓값',
  daLegend: 'dA, 들어오는 기울기',
  markMax: '윈도우의 최댓값',
  markGets: '이 단계에서 기울기를 받음',
  markSkip: '같은 최댓값, 건너뜀 (PyTorch)',
  markAdded: '+ 이 단계에서 더하는 값',
  neverRead: '읽지 않음: 덮는 윈도우가 없음',
  readBy: '{steps}에서 읽음',
};

export const tPool = messages(en, ko);
