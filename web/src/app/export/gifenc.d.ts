// Types for the parts of gifenc (https://github.com/mattdesl/gifenc) the GIF export uses.
declare module 'gifenc' {
  export type Palette = number[][];
  export interface GifWriter {
    writeFrame(
      index: Uint8Array,
      width: number,
      height: number,
      opts?: {
        palette?: Palette;
        delay?: number;
        repeat?: number;
        transparent?: boolean;
        transparentIndex?: number;
        dispose?: number;
      },
    ): void;
    finish(): void;
    /** the bytes written so far (a view, not a copy) */
    bytesView(): Uint8Array;
    bytes(): Uint8Array;
  }
  export function GIFEncoder(): GifWriter;
  export function quantize(
    rgba: Uint8Array | Uint8ClampedArray,
    maxColors: number,
    opts?: { format?: 'rgb565' | 'rgb444' | 'rgba4444' },
  ): Palette;
  export function nearestColorIndex(palette: Palette, pixel: readonly number[]): number;
}
