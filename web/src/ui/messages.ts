// The shared pieces' words (ui/). Keys are grouped by the component that shows them.

import type { Translation } from '../lib/i18n';
import { messages } from '../state/locale';

const en = {
  // Pictures.tsx: a large layer's tensors as images, for a screen reader and the note under them
  picturesGroup: '{names} as images',
  picturesNames: '{rest} and {last}',
  pictureChannel: 'picture of {name}, sample {i}, channel {k}',
  pictureColour: 'picture of {name}, sample {i}, in colour',
  picturesSome: '{shown} of {total} channels of {name} drawn',
} as const;

const ko: Translation<typeof en> = {
  picturesGroup: '{names}의 그림',
  picturesNames: '{rest}, {last}',
  pictureChannel: '{name}의 그림, 샘플 {i}, 채널 {k}',
  pictureColour: '{name}의 그림, 샘플 {i}, 컬러',
  picturesSome: '{name}의 채널 {total}개 중 {shown}개를 그렸습니다',
};

export const tUi = messages(en, ko);
