// The language the page speaks: English or Korean (the seed's). It follows the browser's
// language until a link (?lang=ko) or the header's switch chooses one; a chosen locale travels
// in the link and the embed code, one that only follows the browser does not, so that each
// reader of a shared link gets their own.
//
// Every word the page shows comes from a catalog (a `messages.ts` beside the code that shows
// it): `messages(en, ko)` returns that catalog's `t(key, params)`. `t` reads the locale signal,
// so a component, a computed value or an effect that calls it follows a switch at once.

import { signal } from '@preact/signals';
import { type Locale, localeOf, setLocaleSource } from '../lib/i18n';

export type { Locale } from '../lib/i18n';
/** Re-exported so that a catalog above lib imports it from here, beside the locale. */
export { liveWords, messages } from '../lib/i18n';

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

setLocaleSource(() => locale.value);

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
