// conv_backward's words that came with the classroom work: the gradients' colour scale in the
// legend, and the sentence for a link's cell that this layer does not have.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  // BackwardLegend.tsx: dA, dW and db are the magnitudes that get the full colour
  gradientScale:
    'colour of a gradient: on its final values’ scale (full at |dA_prev_pad| ≥ {dA}, |dW| ≥ {dW}, |db| ≥ {db}); a partial sum can look pale',
  // selection.ts: a link's &cell= that is not a cell of this layer
  cellRefused:
    'cell “{text}” is not a cell of this layer (dA_prev_pad.i.row.col.k, dW.u.v.k.c or db.c); no cell selected.',
} as const;

const ko: Translation<typeof en> = {
  gradientScale:
    '그래디언트의 색은 최종 값의 척도를 따릅니다 (|dA_prev_pad| ≥ {dA}, |dW| ≥ {dW}, |db| ≥ {db}에서 가장 진함). 중간 합계는 옅게 보일 수 있습니다',
  cellRefused:
    '셀 “{text}”은(는) 이 층에 없는 셀입니다 (dA_prev_pad.i.row.col.k, dW.u.v.k.c 또는 db.c). 셀을 선택하지 않았습니다.',
};

export const tBackward = messages(en, ko);
