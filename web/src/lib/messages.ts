// The pure helpers' own sentences (lib/): what the stage says about rows and columns no window
// reaches. lib/numpy and lib/image keep theirs beside their code.

import { messages, type Translation } from './i18n';

const en = {
  unvisitedRows: '{n} {n#row|rows} never visited',
  unvisitedCols: '{n} {n#column|columns} never visited',
  unvisitedBoth: '{rows} {rows#row|rows} and {cols} {cols#column|columns} never visited',
} as const;

const ko: Translation<typeof en> = {
  unvisitedRows: '한 번도 방문하지 않은 행 {n}개',
  unvisitedCols: '한 번도 방문하지 않은 열 {n}개',
  unvisitedBoth: '한 번도 방문하지 않은 행 {rows}개와 열 {cols}개',
};

export const tLib = messages(en, ko);
