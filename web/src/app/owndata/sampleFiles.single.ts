// The one-file build's stand-in for sampleFiles.ts (vite.single.config.ts swaps it in): the
// sample images travel inside the page as data: URLs (a few kilobytes) and are decoded here,
// without fetch, which a page opened from disk cannot do and its policy (connect-src 'none')
// would refuse for a data: URL too.

import scene from '../../../public/samples/scene.png?url';
import tiles from '../../../public/samples/tiles.png?url';
import zonePlate from '../../../public/samples/zone-plate.png?url';

const URLS: Readonly<Record<string, string>> = {
  'scene.png': scene,
  'tiles.png': tiles,
  'zone-plate.png': zonePlate,
};

function bytesOf(dataUrl: string): Uint8Array<ArrayBuffer> {
  const text = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
  return bytes;
}

/** The bytes of the sample image `file` (e.g. scene.png); throws when there is no such sample. */
export async function loadSample(file: string): Promise<Blob> {
  const url = URLS[file];
  if (url === undefined || !url.startsWith('data:')) throw new Error(`no sample ${file} in this page`);
  return new Blob([bytesOf(url)], { type: 'image/png' });
}
