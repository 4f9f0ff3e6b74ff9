// Playback speeds: a few steps per second to follow one window at a time, then several steps
// per animation frame to watch a whole layer fill in.

import { tState } from './messages';

export type Speed = { perSecond: number; perFrame?: undefined } | { perFrame: number; perSecond?: undefined };

export const SPEEDS: readonly Speed[] = [
  { perSecond: 1 },
  { perSecond: 2 },
  { perSecond: 5 },
  { perSecond: 10 },
  { perSecond: 30 },
  { perSecond: 60 },
  { perFrame: 2 },
  { perFrame: 10 },
  { perFrame: 100 },
];

/** "2 steps/s", "10 steps/frame", in the page's language ('' for no speed). */
export function speedLabel(s: Speed | undefined): string {
  if (s === undefined) return '';
  return s.perFrame !== undefined
    ? tState('speedPerFrame', { n: s.perFrame })
    : tState('speedPerSecond', { n: s.perSecond });
}

export const DEFAULT_SPEED = 1; // 2 steps/s
