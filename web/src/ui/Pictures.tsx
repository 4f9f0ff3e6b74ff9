// A layer's tensors drawn as pictures above the grids, once they are too large for their numbers
// to be read: an image in, the channels of what comes out, the current window marked on each.
// Each operation says which tensors and windows; this draws them (ui/ChannelImage) in one row
// that wraps, with one note when not every channel fits.

import type { Tensor } from '../engine/types';
import type { ScaleKind } from '../lib/image';
import { ChannelImage, type ImageWindow } from './ChannelImage';
import { tUi } from './messages';
import { useBoxSize } from './useBoxSize';

/** Tensors at least this tall or wide are also drawn as pictures. */
const PICTURE_FROM = 8;
/** Most channels of one tensor drawn. */
const MAX_PICTURES = 8;
/** Most channels of an input drawn, when it is not an image. */
const MAX_INPUT_PICTURES = 3;
/** The side of a picture, CSS px: the largest, and the smallest before the row wraps. */
const SIDE = 200;
const MIN_SIDE = 72;
/** The gap between pictures (app.css .pictures), px. */
const PICTURE_GAP = 14;

/** The side that puts `n` pictures in one row of `width` px, within MIN_SIDE…SIDE. */
function sideFor(n: number, width: number): number {
  const fit = Math.floor((width - (n - 1) * PICTURE_GAP) / Math.max(1, n));
  return Math.max(MIN_SIDE, Math.min(SIDE, fit));
}

/** Are any of these sides (rows, columns of the tensors on stage) large enough for pictures? */
export function showPictures(...sides: number[]): boolean {
  return Math.max(...sides) >= PICTURE_FROM;
}

export interface PictureItem {
  /** the tensor's name in the loop: A_prev, Z, dA_prev, … */
  name: string;
  tensor: Tensor;
  /** a channel, or 'rgb' for the three channels of an image together */
  channel: number | 'rgb';
  /** the scale's end, shared by the tensor's channels */
  max?: number;
  scale?: ScaleKind;
  window: ImageWindow | null;
  /** what the picture shows: it is drawn again only when this or its window changes */
  version: string | number;
}

/** The first `most` channels of `count`, with `current` in the last place if it is beyond them. */
export function picturedChannels(count: number, current: number, most = MAX_PICTURES): number[] {
  const out = Array.from({ length: Math.min(count, most) }, (_, k) => k);
  if (current >= out.length && out.length > 0) out[out.length - 1] = current;
  return out;
}

/** An input's channels to draw: 'rgb' for an image (three channels in [0, 1]), else the first
 * few, `current` among them. */
export function inputChannels(t: Tensor, current: number): (number | 'rgb')[] {
  const nC = t.shape[3];
  if (nC === 3) {
    let image = true;
    for (const v of t.data)
      if (!(v >= 0 && v <= 1)) {
        image = false;
        break;
      }
    if (image) return ['rgb'];
  }
  return picturedChannels(nC, current, MAX_INPUT_PICTURES);
}

/** Blue-white-red when the tensor has a negative value (its final one: a filling tensor would
 * switch scales on its way), else grey. */
export function scaleOf(t: Tensor): ScaleKind {
  for (const v of t.data) if (v < 0) return 'diverging';
  return 'sequential';
}

/** How many of `cells` steps, the first of them `first` (1-based), are done at `position`. */
export function stepsDone(position: number, first: number, cells: number): number {
  return Math.max(0, Math.min(cells, position - first + 1));
}

/** A number per run, so that a picture knows its run changed (another image, another seed). */
const runIds = new WeakMap<object, number>();
let lastRunId = 0;
export function runId(run: object): number {
  const known = runIds.get(run);
  if (known !== undefined) return known;
  lastRunId += 1;
  runIds.set(run, lastRunId);
  return lastRunId;
}

/** "A_prev, Z and dA_prev" */
function nameList(names: readonly string[]): string {
  if (names.length < 2) return names[0] ?? '';
  return tUi('picturesNames', { rest: names.slice(0, -1).join(', '), last: names.at(-1) ?? '' });
}

export interface PicturesProps {
  /** the sample i on stage */
  sample: number;
  items: readonly PictureItem[];
  /** per tensor name, how many channels it has, when more than the items drawn */
  channelCounts?: Readonly<Record<string, number>>;
}

export function Pictures({ sample: i, items, channelCounts = {} }: PicturesProps) {
  const [ref, box] = useBoxSize<HTMLDivElement>({ width: 900, height: SIDE });
  const side = sideFor(items.length, box.width);
  const names = [...new Set(items.map((p) => p.name))];
  const notes = names.flatMap((name) => {
    const total = channelCounts[name] ?? 0;
    const shown = items.filter((p) => p.name === name && p.channel !== 'rgb').length;
    return total > shown && shown > 0 ? [tUi('picturesSome', { shown, total, name })] : [];
  });
  return (
    <div
      class="pictures"
      ref={ref}
      role="group"
      aria-label={tUi('picturesGroup', { names: nameList(names) })}
    >
      {items.map((p) => (
        <ChannelImage
          key={`${p.name}:${p.channel}`}
          tensor={p.tensor}
          channel={p.channel}
          sample={i}
          max={p.channel === 'rgb' ? undefined : p.max}
          scale={p.scale}
          caption={p.channel === 'rgb' ? `${p.name}[${i}] (RGB)` : `${p.name}[${i},:,:,${p.channel}]`}
          label={
            p.channel === 'rgb'
              ? tUi('pictureColour', { name: p.name, i })
              : tUi('pictureChannel', { name: p.name, i, k: p.channel })
          }
          window={p.window}
          size={side}
          version={p.version}
        />
      ))}
      {notes.map((n) => (
        <p key={n} class="pictures-note">
          {n}
        </p>
      ))}
    </div>
  );
}
