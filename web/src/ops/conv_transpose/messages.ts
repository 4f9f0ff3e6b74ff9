// conv_transpose's own words: its summary, controls, captions, step announcements and refusals.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  summary:
    'Y_pad[i, window, :] += W[:, :, :, c] · X[i, h, w, c]: conv_backward’s dA_prev loop with X for dZ, then crop and + b',
  xIsZNoFit:
    'X = Z needs a convolution of a {yH}×{yW} input to give {h}×{w}; with output_padding {op} it does not: lower output_padding or take X from np.random.randn.',
} as const;

const ko: Translation<typeof en> = {
  summary:
    'Y_pad[i, 윈도우, :] += W[:, :, :, c] · X[i, h, w, c]: dZ 자리에 X를 넣은 conv_backward의 dA_prev 반복문, 그다음 자르고 + b',
  xIsZNoFit:
    'X = Z이려면 {yH}×{yW} 입력의 합성곱이 {h}×{w}를 내야 하는데, output_padding {op}에서는 그렇지 않습니다. output_padding을 낮추거나 X를 np.random.randn에서 가져오세요.',
};

export const t = messages(en, ko);
