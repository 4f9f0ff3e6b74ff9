// The header's Export button and its dialog: this step as PNG or SVG, a range of steps as a GIF
// or a video, with a progress bar and Cancel, the stage drawn as on the page or as projected
// (presenter mode on a 16:9 slide, a number in every cell). The exporter itself (and its
// encoders) is loaded the first time something is exported, in chunks of its own.

import { useId, useRef, useState } from 'preact/hooks';
import type { Store } from '../state/store';
import type { Exported, Look, Movie } from './export/exporter';
import { tUi } from '../ui/messages';
import { type Say, useSentence } from '../ui/useSentence';
import { tApp } from './messages';

/** Frames one export may hold: a long walk is exported in parts. */
const MAX_FRAMES = 2000;

const loadExporter = () => import('./export/exporter');

function save(e: Exported): void {
  const url = URL.createObjectURL(e.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = e.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function sizeText(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}

function whole(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/** An export's failure: the exporter's sentence, made in the language of the moment it failed
 * (it comes from deep in the exporter as an Error). */
function failure(e: unknown): Say {
  const why = e instanceof Error ? e.message : String(e);
  return () => why;
}

interface Progress {
  done: number;
  all: number;
}

export function ExportMenu({ store, stageArea }: { store: Store; stageArea: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [from, setFrom] = useState('1');
  const [to, setTo] = useState('1');
  const [fps, setFps] = useState('4');
  // slides are projected: the numbers in every cell unless the page's own look is asked for
  const [look, setLook] = useState<Look>('projected');
  const lookHint = useId();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [status, setStatus] = useSentence();
  const [problem, setProblem] = useSentence();
  const abort = useRef<AbortController | null>(null);
  const total = store.total.value;
  const video = typeof VideoEncoder !== 'undefined';
  // an op that pages its channels in presenter mode: a slide shows the one chosen here
  const pages = store.operation.value.channelPages?.(store.config.value) ?? null;
  const paged = look === 'projected' && pages !== null && pages.count > 1 ? pages : null;
  const pageAt = paged ? Math.min(store.channelPage.value, paged.count - 1) : 0;
  const what = paged?.what() ?? '';

  function open(): void {
    setFrom('1');
    setTo(String(Math.min(total, MAX_FRAMES)));
    setStatus(null);
    setProblem(null);
    dialog.current?.showModal();
  }

  function area(): HTMLElement | null {
    return document.getElementById(stageArea);
  }

  function done(e: Exported): void {
    save(e);
    setStatus(() => tApp('saved', { name: e.name, size: sizeText(e.blob.size) }));
  }

  async function still(format: 'png' | 'svg'): Promise<void> {
    setProblem(null);
    setStatus(null);
    const centre = area();
    if (centre === null) return;
    try {
      const ex = await loadExporter();
      done(await ex.exportStill(store, centre, format, look));
    } catch (e) {
      setProblem(failure(e));
    }
  }

  /** What says why the range is not one, else null. */
  function rangeProblem(a: number | null, b: number | null, rate: number | null): Say | null {
    if (a === null || b === null || a < 1 || b > total || a > b) return () => tApp('badRange', { total });
    if (b - a + 1 > MAX_FRAMES) return () => tApp('tooManyFrames', { max: MAX_FRAMES });
    if (rate === null || rate < 1 || rate > 30) return () => tApp('badFps');
    return null;
  }

  async function movie(format: Movie): Promise<void> {
    const a = whole(from);
    const b = whole(to);
    const rate = whole(fps);
    const bad = rangeProblem(a, b, rate);
    setStatus(null);
    setProblem(bad);
    const centre = area();
    if (bad !== null || a === null || b === null || rate === null || centre === null) return;
    const ctrl = new AbortController();
    abort.current = ctrl;
    setProgress({ done: 0, all: b - a + 1 });
    try {
      const ex = await loadExporter();
      const out = await ex.exportRange(store, centre, {
        from: a,
        to: b,
        fps: rate,
        format,
        look,
        signal: ctrl.signal,
        onProgress: (d, all) => setProgress({ done: d, all }),
      });
      if (out === null) setStatus(() => tApp('exportCancelled'));
      else done(out);
    } catch (e) {
      setProblem(failure(e));
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }

  const busy = progress !== null;
  const stills = [
    { format: 'png', label: tApp('png') },
    { format: 'svg', label: tApp('svg') },
  ] as const;
  const fields = [
    { key: 'from', label: tApp('from'), value: from, set: setFrom, size: 6 },
    { key: 'to', label: tApp('to'), value: to, set: setTo, size: 6 },
    { key: 'fps', label: tApp('fps'), value: fps, set: setFps, size: 3 },
  ];
  const looks: { look: Look; label: string; hint: string }[] = [
    { look: 'page', label: tApp('lookPage'), hint: tApp('lookPageHint') },
    { look: 'projected', label: tApp('lookProjected'), hint: tApp('lookProjectedHint') },
  ];
  const movies: { format: Movie; label: string }[] = [
    { format: 'gif', label: 'GIF' },
    { format: 'webm', label: tApp('webm') },
    { format: 'mp4', label: tApp('mp4') },
  ];
  return (
    <>
      <button
        type="button"
        class="export-open"
        aria-haspopup="dialog"
        onClick={open}
        title={tApp('exportTitle')}
      >
        {tApp('export')}
      </button>
      <dialog
        ref={dialog}
        class="export-dialog"
        aria-labelledby="export-title"
        onClose={() => abort.current?.abort()}
      >
        <h2 id="export-title">{tApp('exportForSlides')}</h2>
        <fieldset class="export-look" disabled={busy}>
          <legend>{tApp('lookLegend')}</legend>
          {looks.map((o) => (
            <label key={o.look}>
              <input
                type="radio"
                name="export-look"
                value={o.look}
                checked={look === o.look}
                aria-describedby={look === o.look ? lookHint : undefined}
                onChange={() => setLook(o.look)}
              />
              {o.label}
            </label>
          ))}
          <p class="export-note" id={lookHint}>
            {looks.find((o) => o.look === look)?.hint}
          </p>
          {paged && (
            <div class="export-channel">
              <p class="export-note">{tApp('slideChannel', { what })}</p>
              <div class="export-buttons" role="group" aria-label={tUi('pagerGroup', { what })}>
                <button
                  type="button"
                  aria-label={tUi('pagerPrevious', { what })}
                  disabled={pageAt <= 0}
                  onClick={() => store.setChannelPage(pageAt - 1)}
                >
                  ◂
                </button>
                <span>{tUi('pagerAt', { what, k: pageAt, last: paged.count - 1 })}</span>
                <button
                  type="button"
                  aria-label={tUi('pagerNext', { what })}
                  disabled={pageAt >= paged.count - 1}
                  onClick={() => store.setChannelPage(pageAt + 1)}
                >
                  ▸
                </button>
              </div>
            </div>
          )}
        </fieldset>
        <section aria-label={tApp('thisStep')}>
          <h3>{tApp('thisStepAt', { position: store.position.value, total })}</h3>
          <div class="export-buttons">
            {stills.map(({ format, label }) => (
              <button key={format} type="button" disabled={busy} onClick={() => void still(format)}>
                {label}
              </button>
            ))}
          </div>
        </section>
        <section aria-label={tApp('rangeOfSteps')}>
          <h3>{tApp('framePerStep')}</h3>
          <div class="export-range">
            {fields.map(({ key, label, value, set, size }) => (
              <label key={key}>
                {label}{' '}
                <input
                  type="text"
                  inputMode="numeric"
                  size={size}
                  value={value}
                  disabled={busy}
                  onInput={(e) => set(e.currentTarget.value)}
                />
              </label>
            ))}
          </div>
          <div class="export-buttons">
            {/* WebM and MP4 need the browser's VideoEncoder */}
            {movies
              .filter(({ format }) => video || format === 'gif')
              .map(({ format, label }) => (
                <button key={format} type="button" disabled={busy} onClick={() => void movie(format)}>
                  {label}
                </button>
              ))}
          </div>
          {!video && <p class="export-note">{tApp('noVideo')}</p>}
        </section>
        {progress && (
          <div class="export-progress">
            <progress max={progress.all} value={progress.done} aria-label={tApp('exportProgress')} />
            <span>{tApp('frameOf', { done: progress.done, all: progress.all })}</span>
            <button type="button" onClick={() => abort.current?.abort()}>
              {tApp('cancel')}
            </button>
          </div>
        )}
        <p class="export-status" role="status">
          {status}
        </p>
        {problem && (
          <p class="export-problem" role="alert">
            {problem}
          </p>
        )}
        <div class="export-foot">
          <button type="button" onClick={() => dialog.current?.close()}>
            {tApp('close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
