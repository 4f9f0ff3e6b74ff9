// conv_forward's own words: its summary, captions, arithmetic, step announcements and mistakes.

import type { Translation } from '../../lib/i18n';
import { messages } from '../../state/locale';

const en = {
  summary: 'Z = conv_single_step(a_slice_prev, W[:,:,:,c], b[:,:,:,c]) for every i, c, h, w',
  preset2017: '2017 conv_single_step test',
  preset2017Why: 'one 4×4×3 window: Z = −6.9991 (−23.1602 with b added to every product)',
  cNote:
    'The batch kernel cs_conv_forward loops i, h, w with c innermost for speed; each sum keeps this order.',
  // Arithmetic.tsx
  channelProducts: 'channel {k}: products a·w',
  ch: 'ch {k}',
  sumOf: 'sum of {n} products',
  sumOfOnPad: 'sum of {n} products ({pad} on padding)',
  step0: 'Step 0: Z is all empty, nothing computed yet. Press Step (or →) to run the first window.',
  // model.ts: what a screen reader hears after a step
  describeNone: '{head}: nothing computed yet',
  // mistakes.ts
  whyStride:
    'The window moves one cell per output cell instead of stride cells: the corner of output (h, w) is (h·stride, w·stride).',
  whyEnd:
    'The window spans f cells, not stride cells. With stride ≠ f the slice has the wrong size and a_slice_prev * W cannot be broadcast: numpy raises a ValueError.',
  idleEnd: 'With stride = f the two lines agree: choose another stride.',
  biasLeftOut: 'bias left out',
  whyBiasLeftOut:
    'conv_single_step must add b[c] once to the sum; without it every Z[..., c] is off by b[c].',
  biasEvery: 'bias added to every product',
  whyBiasEvery:
    'b[c] is added to each of the f·f·n_C_prev products, so the sum is off by (f·f·n_C_prev − 1)·b[c]. The 2017 notebook’s conv_single_step was written this way and printed Z = -23.1602122025 (seed 1, a 4×4×3 slice); adding b once gives -6.99908945068. Preset “2017 conv_single_step test” runs exactly that case.',
  // predict-then-reveal and check my numbers (learn.ts, predict.ts, check.ts)
  prompt:
    'Step {step}: the {f}×{f} window at vert_start = {vs}, hori_start = {hs}, filter {c}. What value does {cell} get? {precision}',
  exact: '(exact)',
  twoDecimals: '(to 2 decimals)',
  why: 'np.sum(a_slice_prev * W[:, :, :, c]) = {sum}, plus b = {b}: {cell} = {z}.',
} as const;

const ko: Translation<typeof en> = {
  summary: '모든 i, c, h, w에 대해 Z = conv_single_step(a_slice_prev, W[:,:,:,c], b[:,:,:,c])',
  preset2017: '2017년 conv_single_step 테스트',
  preset2017Why: '4×4×3 윈도우 하나: Z = −6.9991 (곱마다 b를 더하면 −23.1602)',
  cNote:
    '배치 커널 cs_conv_forward는 속도를 위해 i, h, w 순서로 돌고 c를 가장 안쪽에 둡니다. 각 합의 순서는 같습니다.',
  channelProducts: '채널 {k}: 곱 a·w',
  ch: '채널 {k}',
  sumOf: '곱 {n}개의 합',
  sumOfOnPad: '곱 {n}개의 합 (패딩 위 {pad}개)',
  step0: '0단계: Z는 비어 있고 아직 계산한 것이 없습니다. 앞으로(또는 →)를 눌러 첫 윈도우를 실행하세요.',
  describeNone: '{head}: 아직 계산한 것이 없음',
  whyStride:
    '윈도우가 출력 한 칸마다 stride 칸이 아니라 한 칸씩 움직입니다. 출력 (h, w)의 모서리는 (h·stride, w·stride)입니다.',
  whyEnd:
    '윈도우는 stride 칸이 아니라 f 칸에 걸칩니다. stride ≠ f이면 슬라이스의 크기가 틀려 a_slice_prev * W를 브로드캐스트할 수 없고, numpy가 ValueError를 일으킵니다.',
  idleEnd: 'stride = f이면 두 줄이 같습니다. 다른 스트라이드를 고르세요.',
  biasLeftOut: '편향(b)을 빠뜨림',
  whyBiasLeftOut:
    'conv_single_step은 합에 b[c]를 한 번 더해야 합니다. 빠뜨리면 모든 Z[..., c]가 b[c]만큼 틀립니다.',
  biasEvery: '곱마다 편향(b)을 더함',
  whyBiasEvery:
    'b[c]를 f·f·n_C_prev개의 곱마다 더하므로 합이 (f·f·n_C_prev − 1)·b[c]만큼 틀립니다. 2017년 노트북의 conv_single_step이 이렇게 쓰여 Z = -23.1602122025를 출력했습니다(seed 1, 4×4×3 슬라이스). b를 한 번만 더하면 -6.99908945068입니다. 미리 정한 예 “2017년 conv_single_step 테스트”가 바로 그 경우를 실행합니다.',
  prompt:
    '{step}단계: vert_start = {vs}, hori_start = {hs}의 {f}×{f} 윈도우, 필터 {c}. {cell}에는 어떤 값이 들어갈까요? {precision}',
  exact: '(정확히)',
  twoDecimals: '(소수점 둘째 자리까지)',
  why: 'np.sum(a_slice_prev * W[:, :, :, c]) = {sum}, 여기에 b = {b}를 더하면 {cell} = {z}.',
};

export const t = messages(en, ko);
