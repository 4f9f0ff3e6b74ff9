// The shell's words (app/): header, switcher, embed code, loading. Keys are grouped by the
// component that shows them; the Korean follows the seed's vocabulary (필터, 스트라이드, 패딩).

import type { Translation } from '../lib/i18n';
import { messages } from '../state/locale';

const en = {
  // main.tsx
  loadingEngine: 'Loading the convolution engine…',
  loadFailed: 'The page could not be loaded ({why}). Try reloading the page.',
  // App.tsx
  refusedLinkParams: 'Link parameters that were refused',
  loadingOp: 'Loading {op}…',
  loadingOpLabel: '{op}: loading',
  code: 'Code',
  codeAndArithmetic: 'Code and arithmetic',
  openFull: 'open in convstep',
  hideParams: 'Hide the parameters: more room for the stage',
  showParams: 'Show the parameters',
  paramsOpen: '◂ Parameters',
  paramsClosed: '▸ Parameters',
  tagline: 'The assignment’s loop nest, one window per step',
  presentTitle: 'Presenter mode: large type for a lecture hall (P)',
  present: 'Present',
  leavePresent: 'Leave presenter mode',
  // OpSwitcher.tsx
  operation: 'Operation',
  // LocaleSwitch.tsx: the title of the button that shows the page in Korean
  switchLanguage: '이 페이지를 한국어로 보기',
  // EmbedCode.tsx
  embedTitle: 'convstep: {op}, step by step',
  embedCopied:
    'Copied. Paste it into your course page’s HTML; add &from=A&to=B to the address to keep it to steps A..B.',
  embedNotCopied: 'The browser did not allow copying: the code is selected, copy it with Ctrl+C.',
  copyEmbed: 'Copy embed code',
  embedCode: 'Embed code',
  embedSnippet: 'The iframe snippet',
  close: 'Close',
} as const;

const ko: Translation<typeof en> = {
  loadingEngine: '합성곱 엔진을 불러오는 중…',
  loadFailed: '페이지를 불러오지 못했습니다({why}). 페이지를 새로 고쳐 보세요.',
  refusedLinkParams: '받아들이지 않은 링크 매개변수',
  loadingOp: '{op} 불러오는 중…',
  loadingOpLabel: '{op}: 불러오는 중',
  code: '코드',
  codeAndArithmetic: '코드와 계산',
  openFull: 'convstep에서 열기',
  hideParams: '매개변수 숨기기: 그림 자리를 더 넓게',
  showParams: '매개변수 보이기',
  paramsOpen: '◂ 매개변수',
  paramsClosed: '▸ 매개변수',
  tagline: '과제의 반복문을, 한 단계에 윈도우 하나씩',
  presentTitle: '발표 모드: 강의실을 위한 큰 글씨 (P)',
  present: '발표',
  leavePresent: '발표 모드 끝내기',
  operation: '연산',
  switchLanguage: 'Show this page in English',
  embedTitle: 'convstep: {op}, 한 단계씩',
  embedCopied:
    '복사했습니다. 강의 페이지의 HTML에 붙여 넣으세요. 주소에 &from=A&to=B를 더하면 A..B 단계만 보입니다.',
  embedNotCopied: '브라우저가 복사를 허락하지 않았습니다. 코드를 선택해 두었으니 Ctrl+C로 복사하세요.',
  copyEmbed: '임베드 코드 복사',
  embedCode: '임베드 코드',
  embedSnippet: 'iframe 코드 조각',
  close: '닫기',
};

export const tApp = messages(en, ko);
