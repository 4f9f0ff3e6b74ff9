// The image helpers' words: the filter presets and channel modes the own-data panel lists.

import { messages, type Translation } from '../i18n';

const en = {
  identity: 'Identity',
  identityWhy: 'Copies the input unchanged.',
  box: 'Box blur',
  boxWhy: 'The plain mean of the window.',
  gaussian: 'Gaussian blur',
  gaussianWhy: 'A weighted mean, heavier at the centre (binomial weights).',
  sharpen: 'Sharpen',
  sharpenWhy: 'Strengthens edges and fine detail.',
  sobelX: 'Sobel x',
  sobelXWhy: 'Vertical edges: positive where brightness increases to the right.',
  sobelY: 'Sobel y',
  sobelYWhy: 'Horizontal edges: positive where brightness increases downwards.',
  laplacian: 'Laplacian',
  laplacianWhy: 'Edges in every direction: zero on flat areas and on even slopes.',
  emboss: 'Emboss',
  embossWhy: 'A relief: light where brightness rises towards the lower right, dark where it falls.',
  each: 'Each channel on its own',
  eachWhy: 'One output channel per preset and input channel; each filters only its own channel.',
  sum: 'Summed over channels',
  sumWhy: 'One output channel per preset: the kernel applied to every input channel, added up.',
  mean: 'Averaged over channels',
  meanWhy: 'One output channel per preset: the sum divided by the number of input channels.',
  allChannels: '{label} (all channels)',
  channelN: 'channel {n}',
} as const;

const ko: Translation<typeof en> = {
  identity: '항등',
  identityWhy: '입력을 그대로 복사합니다.',
  box: '상자 흐림',
  boxWhy: '윈도우의 단순 평균입니다.',
  gaussian: '가우시안 흐림',
  gaussianWhy: '가운데에 무게를 더 준 가중 평균입니다(이항 가중치).',
  sharpen: '선명하게',
  sharpenWhy: '경계와 세밀한 부분을 강하게 합니다.',
  sobelX: '소벨 x',
  sobelXWhy: '수직 경계: 오른쪽으로 갈수록 밝아지는 곳에서 양수입니다.',
  sobelY: '소벨 y',
  sobelYWhy: '수평 경계: 아래로 갈수록 밝아지는 곳에서 양수입니다.',
  laplacian: '라플라시안',
  laplacianWhy: '모든 방향의 경계: 평평한 곳과 고른 기울기에서는 0입니다.',
  emboss: '엠보스',
  embossWhy: '돋을새김: 오른쪽 아래로 밝아지는 곳은 밝게, 어두워지는 곳은 어둡게.',
  each: '채널마다 따로',
  eachWhy: '프리셋과 입력 채널마다 출력 채널 하나. 각자 자기 채널만 거릅니다.',
  sum: '채널에 걸쳐 합',
  sumWhy: '프리셋마다 출력 채널 하나: 모든 입력 채널에 커널을 적용해 더합니다.',
  mean: '채널에 걸쳐 평균',
  meanWhy: '프리셋마다 출력 채널 하나: 합을 입력 채널 수로 나눕니다.',
  allChannels: '{label} (모든 채널)',
  channelN: '채널 {n}',
};

export const tImage = messages(en, ko);
