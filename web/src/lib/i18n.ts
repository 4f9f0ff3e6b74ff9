// Messages in two languages: catalogs and templates. The locale itself is state/locale.ts's
// signal, handed to this module (setLocaleSource) so that lib's own catalogs can follow it too.
//
// A catalog maps a key to a template. `{name}` is replaced by a parameter (numbers are
// formatted for the locale); two modifiers serve the grammar of each language:
//   {n#element|elements}  English plural: the word for n (one or other), without the number
//   {f|이}                Korean particle after the value, chosen by its last sound:
//                         이/가, 은/는, 을/를, 과/와, 으로/로, 이라/라 (write the first form)
// The English catalog defines the keys (`as const`, so that the type checker knows each
// template's parameters); a translation is typed against it, so a missing key fails the check.

export type Locale = 'en' | 'ko';

/** The locales, in the order the switch shows them. */
export const LOCALES: readonly Locale[] = ['en', 'ko'];

/** Each locale's name in itself, for the switch. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', ko: '한국어' };

export type Catalog = Readonly<Record<string, string>>;

/** A translation of the catalog E: every key of E, no other. */
export type Translation<E extends Catalog> = { readonly [K in keyof E]: string };

type Name<P extends string> = P extends `${infer N}#${string}` ? N : P extends `${infer N}|${string}` ? N : P;

/** The parameter names a template takes: 'filter {f}×{f} at {where}' → 'f' | 'where'. */
type ParamNames<S> = S extends `${string}{${infer P}}${infer R}` ? Name<P> | ParamNames<R> : never;

export type Value = string | number;

/** The arguments of a message: none, or an object with each of its parameters. */
type ArgsOf<S> = [ParamNames<S>] extends [never] ? [] : [Readonly<Record<ParamNames<S>, Value>>];

/** The locale from a language tag ('ko-KR' → 'ko'), or null when it is none of ours. */
export function localeOf(tag: string | null | undefined): Locale | null {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : null;
}

/** A number as the locale writes it, without grouping (sizes and steps read as code does). */
/** One formatter per locale: toLocaleString with options builds a new one on every call, which
 * costs more than the formatting itself (a playing stage formats thousands of numbers). */
const formatters = new Map<Locale, Intl.NumberFormat>();

function formatNumber(n: number, locale: Locale): string {
  if (!Number.isFinite(n)) return String(n);
  // a whole number reads the same in both locales without grouping: no formatter (the first
  // one costs the locale's data)
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return String(n);
  let f = formatters.get(locale);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 });
    formatters.set(locale, f);
  }
  return f.format(n);
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?:([|#])([^}]*))?\}/g;

/** The parameter names in a template, sorted and without repeats (tests compare catalogs). */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) names.add(m[1] ?? '');
  return [...names].sort();
}

/** Fills a template's placeholders; a missing parameter is left visible as {name}. */
export function interpolate(
  template: string,
  params: Readonly<Record<string, Value>>,
  locale: Locale,
): string {
  // most messages have no placeholder: no pattern to run
  if (!template.includes('{')) return template;
  return template.replace(PLACEHOLDER, (whole, name: string, kind?: string, arg?: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    if (kind === '#') {
      const [one = '', other = one] = (arg ?? '').split('|');
      return v === 1 || v === '1' ? one : other;
    }
    const text = typeof v === 'number' ? formatNumber(v, locale) : v;
    return kind === '|' ? text + particle(text, arg ?? '') : text;
  });
}

// Korean particles come in pairs: the first after a final consonant, the second after a vowel.
const PARTICLES: Readonly<Record<string, readonly [string, string]>> = {
  이: ['이', '가'],
  은: ['은', '는'],
  을: ['을', '를'],
  과: ['과', '와'],
  으로: ['으로', '로'],
  이라: ['이라', '라'],
};

// digits read in Korean: 영 일 이 삼 사 오 육 칠 팔 구 (a final 0 is read 십, 백, 천 or 만: all closed)
const DIGIT_CLOSED = [true, true, false, true, false, false, true, true, true, false];
// English letters read in Korean: only l (엘), m (엠), n (엔), r (알) end in a consonant
const LETTER_CLOSED = new Set(['l', 'm', 'n', 'r']);
// after ㄹ, 으로 becomes 로 as after a vowel
const DIGIT_RIEUL = [false, true, false, false, false, false, false, true, true, false];

/** The particle `p` (its consonant form, e.g. '이') that follows `word` when read aloud. */
export function particle(word: string, p: string): string {
  const pair = PARTICLES[p];
  if (pair === undefined) return p;
  const last = [...word.replace(/[\s)\]”’"'.,:;!?…]+$/u, '')].pop() ?? '';
  let closed = false;
  let rieul = false;
  const code = last.codePointAt(0) ?? 0;
  if (code >= 0xac00 && code <= 0xd7a3) {
    const jong = (code - 0xac00) % 28;
    closed = jong !== 0;
    rieul = jong === 8;
  } else if (/[0-9]/.test(last)) {
    closed = DIGIT_CLOSED[Number(last)] === true;
    rieul = DIGIT_RIEUL[Number(last)] === true;
  } else if (/[a-z]/i.test(last)) {
    closed = LETTER_CLOSED.has(last.toLowerCase());
    rieul = last.toLowerCase() === 'l' || last.toLowerCase() === 'r';
  }
  if (p === '으로' && rieul) return pair[1];
  return closed ? pair[0] : pair[1];
}

/** `fixed` (plain values) with `words` added as members said anew each time they are read, so
 * that what holds them follows a switch: `liveWords({ value: 'all' }, { label: () => t('x') })`
 * is `{ value: 'all', get label() { return t('x'); } }`. */
export function liveWords<T extends object, W extends Record<string, () => string>>(
  fixed: T,
  words: W,
): T & { readonly [K in keyof W]: string } {
  const out = { ...fixed };
  for (const [key, say] of Object.entries(words))
    Object.defineProperty(out, key, { get: say, enumerable: true });
  return out as T & { readonly [K in keyof W]: string };
}

/** A refusal whose sentence is said each time it is read, in the locale then, so that what
 * shows it follows a switch: `refusal(() => t('empty'))` is `{ ok: false, message }`. */
export function refusal(say: () => string): { readonly ok: false; readonly message: string } {
  return liveWords({ ok: false } as const, { message: say });
}

let currentLocale: () => Locale = () => 'en';

/** Where `t` reads the locale (state/locale.ts hands its signal); English until then. */
export function setLocaleSource(source: () => Locale): void {
  currentLocale = source;
}

/** A catalog's message function: `t('key', { f: 3 })` in the current locale. */
export interface Messages<E extends Catalog> {
  <K extends keyof E & string>(key: K, ...args: ArgsOf<E[K]>): string;
  /** the catalogs themselves, for the tests that compare them */
  readonly catalogs: { readonly en: E; readonly ko: Translation<E> };
}

/** The message function of one catalog: English (`as const`) defines the keys, Korean follows. */
export function messages<const E extends Catalog>(en: E, ko: Translation<E>): Messages<E> {
  const byLocale: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { en, ko };
  const t = (key: string, ...args: readonly (Readonly<Record<string, Value>> | undefined)[]): string => {
    const l = currentLocale();
    const template = byLocale[l][key] ?? en[key] ?? key;
    return interpolate(template, args[0] ?? {}, l);
  };
  return Object.assign(t, { catalogs: { en, ko } }) as Messages<E>;
}
