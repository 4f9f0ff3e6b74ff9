// The state layer's words (state/): predict-then-reveal's grading and "check my numbers".

import type { Translation } from '../lib/i18n';
import { messages } from './locale';

const en = {
  // predict.ts
  noCells: 'Click at least one cell of the window first (or skip the question).',
  cellsPart: 'the cells',
  typeANumber: 'Type a number for {label} first (or skip the question).',
  notANumber: '“{typed}” is not a number: type one for {label}, e.g. -1.25.',
  score: 'Score: {right} of {answered} right.',
  scorePassed: 'Score: {right} of {answered} right, {passed} skipped or shown.',
  // check.ts
  empty: 'Paste what your notebook printed first.',
  noTarget: 'No output of this run has shape {shape}: paste one of {names}, or choose which one it is.',
  unknownLabel: '“{label}” is not something this check knows; choose which output you pasted.',
  matchOne: 'Right: {what} agrees with convstep’s value.',
  match: 'Right: all {n} values of {what} agree with convstep’s.',
  wrongShape: 'Wrong shape: {what} has shape {want}, the pasted array has shape {got}.',
  allZeros:
    'All zeros: every value of {what} is 0. Does the loop write into the array it returns (Z[i, h, w, c] = …), and return it?',
  pattern:
    'This is the output of a classic mistake: {name}. Your loop first parts from the right one at step {step} ({at}).',
  afterLast: 'after the last step',
  differ: '{count} of the {total} values of {what} differ.',
  firstCell: 'The first in the loop’s order is {cell}: expected {want}, received {got}.',
  step: 'The step whose contribution is wrong or missing: step {step} ({at}).',
  stepMany: 'The first step that adds to it is step {step} ({at}); the others that add to it: {others}.',
  scalarDiffer: '{what}: expected {want}, received {got}.',
  scalarHint: 'A mean mixes every cell: paste the whole array to find the step that is wrong.',
} as const;

const ko: Translation<typeof en> = {
  noCells: '먼저 윈도우의 칸을 하나 이상 누르세요(또는 질문을 건너뛰세요).',
  cellsPart: '칸',
  typeANumber: '먼저 {label}에 숫자를 입력하세요(또는 질문을 건너뛰세요).',
  notANumber: '“{typed}”{typed|은} 숫자가 아닙니다. {label}에 숫자를 입력하세요(예: -1.25).',
  score: '점수: {answered}문제 중 {right}문제 정답.',
  scorePassed: '점수: {answered}문제 중 {right}문제 정답, {passed}문제 건너뜀 또는 답 보기.',
  empty: '먼저 노트북이 출력한 내용을 붙여 넣으세요.',
  noTarget:
    '이 실행의 출력 중 모양이 {shape}인 것이 없습니다. {names} 중 하나를 붙여 넣거나, 어느 것인지 고르세요.',
  unknownLabel:
    '“{label}”{label|은} 이 확인 기능이 아는 이름이 아닙니다. 붙여 넣은 출력이 어느 것인지 고르세요.',
  matchOne: '맞았습니다: {what|이} convstep의 값과 같습니다.',
  match: '맞았습니다: {what}의 값 {n}개가 모두 convstep의 값과 같습니다.',
  wrongShape: '모양이 틀렸습니다: {what}의 모양은 {want}인데, 붙여 넣은 배열의 모양은 {got}입니다.',
  allZeros:
    '모두 0입니다: {what}의 모든 값이 0입니다. 루프가 반환하는 배열에 값을 쓰고(Z[i, h, w, c] = …) 그 배열을 반환하나요?',
  pattern:
    '흔한 실수의 출력입니다: {name}. 작성한 루프는 {step}단계({at})에서 처음으로 올바른 루프와 달라집니다.',
  afterLast: '마지막 단계 뒤',
  differ: '{what}의 값 {total}개 중 {count}개가 다릅니다.',
  firstCell: '루프 순서로 첫 번째는 {cell}입니다: 기대값 {want}, 받은 값 {got}.',
  step: '기여가 틀렸거나 빠진 단계: {step}단계({at}).',
  stepMany: '여기에 처음 더하는 단계는 {step}단계({at})이고, 나머지 더하는 단계는 {others}입니다.',
  scalarDiffer: '{what}: 기대값 {want}, 받은 값 {got}.',
  scalarHint: '평균은 모든 칸을 섞습니다. 틀린 단계를 찾으려면 배열 전체를 붙여 넣으세요.',
};

export const tState = messages(en, ko);
