// A diverging blue-white-red scale (after ColorBrewer's RdBu): negative blue, zero white,
// positive red. Readable on a projector; the text on a cell switches to white on dark colours.

type RGB = readonly [number, number, number];

const NEG: readonly RGB[] = [
  [255, 255, 255],
  [209, 229, 240],
  [146, 197, 222],
  [67, 147, 195],
  [33, 102, 172],
  [5, 48, 97],
];
const POS: readonly RGB[] = [
  [255, 255, 255],
  [253, 219, 199],
  [244, 165, 130],
  [214, 96, 77],
  [178, 24, 43],
  [103, 0, 31],
];

function lerp(stops: readonly RGB[], t: number): RGB {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** t in [-1, 1] (value / scale) to red, green and blue (0..255, not rounded). */
export function divergingRGB(t: number): RGB {
  return t < 0 ? lerp(NEG, -t) : lerp(POS, t);
}

/** t in [-1, 1] (value / scale) to an rgb() colour. */
export function diverging(t: number): string {
  const [r, g, b] = divergingRGB(t);
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

/** Text colour that stays readable on diverging(t). */
export function textOn(t: number): string {
  return Math.abs(t) > 0.55 ? '#ffffff' : '#111111';
}

/** CSS gradient for the legend bar, blue to white to red. */
export function legendGradient(): string {
  const stops: string[] = [];
  for (let i = 0; i <= 10; i++) {
    const t = -1 + i / 5;
    stops.push(`${diverging(t)} ${i * 10}%`);
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

export const COLORS = {
  stage: '#eef0f4',
  /** the bar across a negative cell too small for its number */
  negativeMark: 'rgba(17, 20, 24, 0.8)',
  grid: '#9aa1ab',
  pad: '#c9ccd1',
  padHatch: '#9ea3ab',
  /** over a padding cell that holds a value (dA_prev_pad): greyed, still readable */
  padVeil: 'rgba(201, 204, 209, 0.35)',
  padValueHatch: 'rgba(110, 116, 125, 0.45)',
  selected: '#6d28d9',
  /** pooling: a window's maximum, a cell that gets the gradient */
  hit: '#067a3a',
  unvisited: 'rgba(245, 158, 11, 0.35)',
  unvisitedHatch: 'rgba(180, 83, 9, 0.6)',
  windowOuter: '#111111',
  windowInner: '#ffd400',
  empty: '#eef0f4',
  emptyDash: '#8b929c',
  veil: 'rgba(255, 255, 255, 0.6)',
} as const;
