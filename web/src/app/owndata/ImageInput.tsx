// An image as A_prev: picked, dropped, pasted, or one of the site's samples; reduced by area
// averaging (lib/image) to the size the student chooses, grayscale or RGB, values in [0, 1].
// The decoded pixels stay here, so a new size or channel choice needs no new decoding; the
// tensor goes to the store's data source, with the layer's m, n_H_prev, n_W_prev, n_C_prev.

import { useEffect, useRef, useState } from 'preact/hooks';
import { fitSize, imageToAPrev, MAX_OUTPUT_SIDE, type ImageChannels, type RgbaImage } from '../../lib/image';
import { filterTensors, type CustomTensor } from '../../state/source';
import { useStore } from '../../ui/context';
import { type Say, useSentence } from '../../ui/useSentence';
import { decodeImage } from './decode';
import { tOwnData } from './messages';
import { loadSample } from './sampleFiles';

const SAMPLES = [
  { file: 'scene.png', label: () => tOwnData('sampleScene') },
  { file: 'zone-plate.png', label: () => tOwnData('sampleZone') },
  { file: 'tiles.png', label: () => tOwnData('sampleTiles') },
] as const;

interface Loaded {
  image: RgbaImage;
  name: string;
}

/** Is focus in a place where a paste means text (a field, a text area)? */
function typing(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type !== 'file');
}

export function ImageInput() {
  const store = useStore();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [side, setSide] = useState(32);
  const [channels, setChannels] = useState<ImageChannels>(1);
  const [message, setMessage] = useSentence();
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const own = store.source.value.A_prev;

  /** Puts `img` into the layer at `maxSide` and `ch`; a refusal keeps the last good layer. */
  function apply(img: Loaded, maxSide: number, ch: ImageChannels): boolean {
    const size = fitSize(img.image.width, img.image.height, maxSide);
    if (!size.ok) return fail(() => size.message);
    const r = imageToAPrev(img.image, { outH: size.outH, outW: size.outW, channels: ch });
    if (!r.ok) return fail(() => r.message);
    const A: CustomTensor = {
      tensor: r.A_prev,
      get origin() {
        return tOwnData('origin', {
          name: img.name,
          w: size.outW,
          h: size.outH,
          kind: ch === 1 ? tOwnData('gray') : 'RGB',
        });
      },
    };
    const patch: Record<string, CustomTensor | null> = { A_prev: A };
    // a filter preset is remade for the image's channels, so that it still fits
    const filter = store.source.peek().W?.link;
    const layer = { m: 1, H: size.outH, W: size.outW, Cin: ch };
    if (filter !== undefined && filter[0] === 'filter') {
      const t = filterTensors(filter[1], ch);
      if (typeof t !== 'string') {
        patch.W = t.W;
        patch.b = t.b;
        Object.assign(layer, { Cout: t.W.tensor.shape[3] });
      }
    }
    const refused = store.setSource(patch, layer);
    if (refused !== null) return fail(() => tOwnData('imageNoFit', { why: refused() }));
    setMessage(null);
    return true;
  }

  function fail(say: Say): false {
    setMessage(say);
    return false;
  }

  async function take(blob: Blob, name: string): Promise<void> {
    setBusy(true);
    const d = await decodeImage(blob, name);
    setBusy(false);
    if (!d.ok) {
      setMessage(() => tOwnData('keepsLastInput', { why: d.message }));
      return;
    }
    const img = { image: d.image, name: d.name };
    if (apply(img, side, channels)) setLoaded(img);
  }

  async function sample(file: string): Promise<void> {
    setBusy(true);
    try {
      await take(await loadSample(file), file);
    } catch {
      setBusy(false);
      setMessage(() => tOwnData('sampleFailed', { file }));
    }
  }

  // paste an image anywhere on the page, unless a text field has focus
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (typing()) return;
      const item = [...(e.clipboardData?.items ?? [])].find((it) => it.kind === 'file');
      const file = item?.getAsFile();
      if (file == null) return;
      e.preventDefault();
      void take(file, file.name || tOwnData('pastedImage'));
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer?.files[0];
    if (file !== undefined) void take(file, file.name);
    else setMessage(() => tOwnData('nothingDropped'));
  };

  const status =
    own === undefined
      ? null
      : own.tensor === store.run.value.data.A_prev
        ? tOwnData('aPrevIs', { origin: own.origin })
        : tOwnData('imageNotThisLayer', { origin: own.origin });

  return (
    <fieldset
      class={over ? 'own-image drop-over' : 'own-image'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      aria-busy={busy}
    >
      <legend>{tOwnData('imageAsAPrev')}</legend>
      <p class="own-hint">{tOwnData('imageFormats')}</p>
      <div class="own-row">
        <button type="button" onClick={() => fileRef.current?.click()}>
          {tOwnData('chooseImage')}
        </button>
        <input
          ref={fileRef}
          type="file"
          class="own-file"
          aria-label={tOwnData('imageFile')}
          accept="image/png,image/jpeg,image/webp,image/gif"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (file !== undefined) void take(file, file.name);
            input.value = '';
          }}
        />
      </div>
      <div class="own-row" role="group" aria-label={tOwnData('sampleImages')}>
        {SAMPLES.map((s) => (
          <button key={s.file} type="button" onClick={() => void sample(s.file)}>
            {s.label()}
          </button>
        ))}
      </div>
      <div class="own-row">
        <label>
          {tOwnData('largestSide')}{' '}
          <select
            value={String(side)}
            onChange={(e) => {
              const v = Number(e.currentTarget.value);
              if (loaded === null || apply(loaded, v, channels)) setSide(v);
            }}
          >
            {[8, 16, 24, 32, 48, 64, 96, MAX_OUTPUT_SIDE].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="radio"
            name="own-channels"
            checked={channels === 1}
            onChange={() => {
              if (loaded === null || apply(loaded, side, 1)) setChannels(1);
            }}
          />{' '}
          {tOwnData('gray')}
        </label>
        <label>
          <input
            type="radio"
            name="own-channels"
            checked={channels === 3}
            onChange={() => {
              if (loaded === null || apply(loaded, side, 3)) setChannels(3);
            }}
          />{' '}
          RGB
        </label>
      </div>
      <p class="own-hint">{tOwnData('pixelsRule')}</p>
      {busy && <p role="status">{tOwnData('readingImage')}</p>}
      {status !== null && <p class="own-status">{status}</p>}
      {message !== null && (
        <p class="own-error" role="alert">
          {message}
        </p>
      )}
      {own !== undefined && (
        <button
          type="button"
          onClick={() => {
            store.setSource({ A_prev: null });
            setLoaded(null);
          }}
        >
          {tOwnData('backToSeedAPrev')}
        </button>
      )}
    </fieldset>
  );
}
