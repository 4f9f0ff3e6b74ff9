// lib/image: everything between an image's RGBA pixels and the engine, and back to pixels.
// Pure functions (no DOM): decoding a file (createImageBitmap, canvas) is the UI's job.
//   resize.ts    RGBA -> A_prev (1, outH, outW, 1 or 3), area averaging, exact
//   filters.ts   classic kernels (blur, Sobel, ...) as W (f, f, n_C_prev, n_C) and b
//   encoding.ts  short link texts for a preset choice and for a small W
//   colormap.ts  one channel of a tensor -> RGBA, grey or blue-white-red
// Failures are { ok: false, message } (result.ts), never exceptions.
export type { Result } from './result';
export {
  checkResize,
  fitSize,
  imageToAPrev,
  MAX_OUTPUT_SIDE,
  MAX_SOURCE_PIXELS,
  MAX_SOURCE_SIDE,
} from './resize';
export type { ImageChannels, ResizeOptions, RgbaImage } from './resize';
export {
  buildFilterBank,
  channelLabel,
  MAX_FILTER_F,
  MAX_IN_CHANNELS,
  MAX_OUT_CHANNELS,
  MAX_PRESETS,
  MODES,
  presetInfo,
  presetKernel,
  PRESETS,
} from './filters';
export type { BankMode, FilterBank, FilterBankSpec, PresetId, PresetInfo } from './filters';
export {
  encodeFilterSpec,
  encodeWeights,
  MAX_ENCODED_WEIGHTS,
  parseFilterSpec,
  parseWeights,
} from './encoding';
export {
  channelRange,
  channelToRGBA,
  colorOf,
  DIVERGING_BLUE,
  DIVERGING_RED,
  imageTensorToRGBA,
  NAN_RGB,
  writeColor,
} from './colormap';
export type { ChannelRange, ChannelView, ChannelViewOptions, RGB, ScaleKind } from './colormap';
