// The sample images' bytes. The hosted page fetches them from samples/ beside it (web/public,
// copied by Vite), only when a sample is chosen. The one-file build (vite.single.config.ts)
// puts sampleFiles.single.ts in this file's place: a page opened from disk cannot fetch.

/** The bytes of the sample image `file` (e.g. scene.png); throws when they cannot be had. */
export async function loadSample(file: string): Promise<Blob> {
  const res = await fetch(`samples/${file}`);
  if (!res.ok) throw new Error(`samples/${file}: ${res.status}`);
  return res.blob();
}
