// The language the page speaks: English or Korean (the seed's). It follows the browser's
// language until a link (?lang=ko) or the header's switch chooses one; a chosen locale travels
// in the link and the embed code, one that only follows the browser does not, so that each
// reader of a shared link gets their own.
//
// Every word the page shows comes from a catalog (a `messages.ts` beside the code that shows
// it): `messages(en, ko)` returns that catalog's `t(key, params)`. `t` reads the locale signal,
// so a component, a computed value or an effect that calls it follows a switch at once.

import { signal } from '@preact/signals';
import {
  type ArgsOf,
  type Catalog,
  interpolate,
  type Locale,
  localeOf,
  type Translation,
  type Value,
} from '../lib/i18n';

export type { Locale } from '../lib/i18n';

/** The first of the browser's languages that is one of ours, else English. */
export function browserLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  for (const tag of languages) {
    const l = localeOf(tag);
    if (l !== null) return l;
  }
  return 'en';
}

/** The locale the page speaks now. */
export const locale = signal<Locale>(browserLocale());

/** Whether a link or the switch chose the locale (then the link carries it as lang=...). */
export const localeChosen = signal(false);

/** Sets the locale; `chosen` (the default) marks it as chosen, so that the link carries it. */
export function setLocale(l: Locale, chosen = true): void {
  locale.value = l;
  localeChosen.value = chosen;
}

/** Back to the browser's language, not chosen (tests start from here). */
export function resetLocale(languages?: readonly string[]): void {
  setLocale(browserLocale(languages), false);
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
    const l = locale.value;
    const template = byLocale[l][key] ?? en[key] ?? key;
    return interpolate(template, args[0] ?? {}, l);
  };
  return Object.assign(t, { catalogs: { en, ko } }) as Messages<E>;
}
