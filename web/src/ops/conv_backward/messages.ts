// conv_backward's own words: its summary, views, inspector, gradient check, step announcements and mistakes.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  summary: 'dA_prev_pad, dW and db += dZ[i, h, w, c] times W, a_slice and 1, window by window',
  assignDA: '= instead of += into dA_prev_pad',
  whyAssignDA:
    'A cell of dA_prev_pad receives from every window over it and from every filter c: each adds its share. With = the last window (or the last c) overwrites what the others added.',
  whyDWW:
    'dW[u, v, k, c] is how Z moves when W[u, v, k, c] moves: the input it multiplies, a_slice[u, v, k], times dZ. W belongs in dA_prev.',
  dbAssigned: 'db not accumulated',
  whyDb:
    'b[c] is added to every Z[i, h, w, c], so db[c] is the sum of dZ[:, :, :, c] over all samples and windows. With = it keeps only the last one.',
  whyStride:
    'The gradient must go back to the cells the forward window read: its corner is (h·stride, w·stride).',
  cropPadZero: '[pad:-pad] with pad 0',
  whyCrop:
    'With pad = 0, -pad is 0 and the slice 0:0 is empty: numpy returns an array of shape (m, 0, 0, n_C_prev) without a word, and the shape check fails later. Crop with pad:pad + n_H_prev instead.',
  idleCrop: 'With pad > 0 the slice is right: choose pad 0.',
} as const;

const ko: Translation<typeof en> = {
  summary: '윈도우마다 dA_prev_pad, dW, db += dZ[i, h, w, c] 곱하기 W, a_slice, 1',
  assignDA: 'dA_prev_pad에 += 대신 =',
  whyAssignDA:
    'dA_prev_pad의 한 칸은 그 위의 모든 윈도우와 모든 필터 c에서 값을 받고, 각자 제 몫을 더합니다. =를 쓰면 마지막 윈도우(또는 마지막 c)가 다른 것들이 더한 값을 덮어씁니다.',
  whyDWW:
    'dW[u, v, k, c]는 W[u, v, k, c]가 움직일 때 Z가 움직이는 정도, 곧 그것이 곱하는 입력 a_slice[u, v, k] 곱하기 dZ입니다. W는 dA_prev에 들어갑니다.',
  dbAssigned: 'db를 누적하지 않음',
  whyDb:
    'b[c]는 모든 Z[i, h, w, c]에 더해지므로 db[c]는 모든 샘플과 윈도우에 걸친 dZ[:, :, :, c]의 합입니다. =를 쓰면 마지막 값만 남습니다.',
  whyStride: '기울기는 순전파 윈도우가 읽은 칸으로 돌아가야 합니다. 그 모서리는 (h·stride, w·stride)입니다.',
  cropPadZero: 'pad 0에서 [pad:-pad]',
  whyCrop:
    'pad = 0이면 -pad도 0이라 슬라이스 0:0은 비어 있습니다. numpy는 아무 말 없이 모양 (m, 0, 0, n_C_prev)인 배열을 돌려주고, 모양 검사는 나중에야 실패합니다. 대신 pad:pad + n_H_prev로 자르세요.',
  idleCrop: 'pad > 0이면 슬라이스가 맞습니다. pad 0을 고르세요.',
};

export const t = messages(en, ko);
