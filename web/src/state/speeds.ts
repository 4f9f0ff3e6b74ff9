// Playback speeds: a few steps per second to follow one window at a time, then several steps
// per animation frame to watch a whole layer fill in.

export type Speed =
  | { label: string; perSecond: number; perFrame?: undefined }
  | { label: string; perFrame: number; perSecond?: undefined };

export const SPEEDS: readonly Speed[] = [
  { label: '1 step/s', perSecond: 1 },
  { label: '2 steps/s', perSecond: 2 },
  { label: '5 steps/s', perSecond: 5 },
  { label: '10 steps/s', perSecond: 10 },
  { label: '30 steps/s', perSecond: 30 },
  { label: '60 steps/s', perSecond: 60 },
  { label: '2 steps/frame', perFrame: 2 },
  { label: '10 steps/frame', perFrame: 10 },
  { label: '100 steps/frame', perFrame: 100 },
];

export const DEFAULT_SPEED = 1; // 2 steps/s
