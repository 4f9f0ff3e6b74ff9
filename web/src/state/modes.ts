// How the page is shown, beside what it shows: presenter mode (for a lecture hall), embed mode
// (inside another page's iframe, its transport optionally locked to steps from..to), the code
// panel's language, the player's speed and whether the parameters are open. All of it travels
// in the link next to the layer and the step (url.ts), so a shared link opens the same view.
//
//   ?present=1            presenter mode
//   ?predict=1            predict, then reveal: a question before each step
//   ?embed=1&from=5&to=12 embed mode, the transport kept to steps 5..12
//   &code=c  &speed=3  &params=0
//   &lang=ko              the page's language (state/locale.ts), when a link or the switch chose it

import type { CodeLang } from './code';
import { parseField } from './config';
import { localeOf, type Locale } from '../lib/i18n';
import { tState } from './messages';
import { DEFAULT_SPEED, SPEEDS, speedLabel } from './speeds';

export interface EmbedRange {
  /** the first step the transport may show (null: 0) */
  from: number | null;
  /** the last step the transport may show (null: the run's last) */
  to: number | null;
}

export interface ViewState {
  present: boolean;
  /** predict, then reveal */
  predict: boolean;
  /** embed mode and its range, or null when the page is not embedded */
  embed: EmbedRange | null;
  codeLang: CodeLang;
  speed: number;
  paramsOpen: boolean;
  /** the notebook's printouts are open (before the walk's end, where they open by themselves) */
  printoutsOpen: boolean;
  /** the classic mistake run beside the right loop, by its id ('' none); checked against the
   * operation's mistakes when the page opens */
  mistake: string;
  /** the language the link chose, or null: the browser's */
  lang: Locale | null;
}

const DEFAULT_VIEW: ViewState = {
  present: false,
  predict: false,
  embed: null,
  codeLang: 'python',
  speed: DEFAULT_SPEED,
  paramsOpen: true,
  printoutsOpen: false,
  mistake: '',
  lang: null,
};

const STEP_SPEC = { key: 'seed', label: '', hint: '', min: 0, max: 1e9 } as const;

function flag(q: URLSearchParams, key: string, notes: string[]): boolean {
  const raw = q.get(key);
  if (raw === null) return false;
  if (raw === '1' || raw === '') return true;
  if (raw === '0') return false;
  notes.push(tState('linkBadFlag', { key, raw: short(raw) }));
  return false;
}

function stepParam(q: URLSearchParams, key: string, notes: string[]): number | null {
  const raw = q.get(key);
  if (raw === null) return null;
  const r = parseField({ ...STEP_SPEC, label: key }, raw);
  if (r.ok) return r.value;
  notes.push(tState('linkBadRangeStep', { why: r.message, key }));
  return null;
}

/** Reads the view from a query string; a bad parameter gets a sentence and its default. */
export function parseView(search: string): { view: ViewState; notes: string[] } {
  const q = new URLSearchParams(search);
  const notes: string[] = [];
  const view: ViewState = { ...DEFAULT_VIEW };
  view.present = flag(q, 'present', notes);
  view.predict = flag(q, 'predict', notes);
  if (flag(q, 'embed', notes)) {
    let from = stepParam(q, 'from', notes);
    let to = stepParam(q, 'to', notes);
    if (from !== null && to !== null && from > to) {
      notes.push(tState('linkFromAfterTo', { from, to }));
      [from, to] = [to, from];
    }
    view.embed = { from, to };
  }
  const code = q.get('code');
  if (code !== null) {
    if (code === 'python' || code === 'c') view.codeLang = code;
    else notes.push(tState('linkBadCode', { raw: short(code) }));
  }
  const speed = q.get('speed');
  if (speed !== null) {
    const r = parseField({ key: 'seed', label: 'speed', hint: '', min: 0, max: SPEEDS.length - 1 }, speed);
    if (r.ok) view.speed = r.value;
    else notes.push(tState('linkBadSpeed', { why: r.message, speed: speedLabel(SPEEDS[DEFAULT_SPEED]) }));
  }
  if (q.get('params') === '0') view.paramsOpen = false;
  view.printoutsOpen = flag(q, 'printouts', notes);
  view.mistake = q.get('mistake') ?? '';
  const lang = q.get('lang');
  if (lang !== null) {
    view.lang = localeOf(lang);
    if (view.lang === null) notes.push(tState('linkBadLang', { raw: short(lang) }));
  }
  return { view, notes };
}

/** The view's part of the link: only what differs from the defaults, e.g. "&code=c&speed=4". */
export function viewQuery(v: ViewState): string {
  const q = new URLSearchParams();
  if (v.present) q.set('present', '1');
  if (v.predict) q.set('predict', '1');
  if (v.embed) {
    q.set('embed', '1');
    if (v.embed.from !== null) q.set('from', String(v.embed.from));
    if (v.embed.to !== null) q.set('to', String(v.embed.to));
  }
  if (v.codeLang !== DEFAULT_VIEW.codeLang) q.set('code', v.codeLang);
  if (v.speed !== DEFAULT_VIEW.speed) q.set('speed', String(v.speed));
  if (!v.paramsOpen) q.set('params', '0');
  if (v.printoutsOpen) q.set('printouts', '1');
  if (v.mistake !== '') q.set('mistake', v.mistake);
  if (v.lang !== null) q.set('lang', v.lang);
  const s = q.toString();
  return s === '' ? '' : `&${s}`;
}

/** The steps an embed's transport may show, within 0..total. */
export function stepRange(embed: EmbedRange | null, total: number): { lo: number; hi: number } {
  const lo = Math.min(total, Math.max(0, embed?.from ?? 0));
  const hi = Math.max(lo, Math.min(total, embed?.to ?? total));
  return { lo, hi };
}

/** What the link said, shortened and quoted: “…”. */
export function short(s: string): string {
  return `“${s.length > 16 ? `${s.slice(0, 15)}…` : s}”`;
}
