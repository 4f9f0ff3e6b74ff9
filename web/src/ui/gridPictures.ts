// Which picture each grid canvas on the page shows, so that an export can draw the stage again
// from the pictures (as vectors, or at another pixel density) instead of copying pixels.

import type { GridPicture } from './drawGrid';

const pictures = new WeakMap<Element, GridPicture>();

/** Called by GridCanvas each time it draws. */
export function keepPicture(canvas: Element, picture: GridPicture): void {
  pictures.set(canvas, picture);
}

/** The picture a grid canvas shows, or undefined for any other canvas. */
export function pictureOf(canvas: Element): GridPicture | undefined {
  return pictures.get(canvas);
}
