// The header's language switch: one button that names the other language in itself ("한국어"
// on the English page, "English" on the Korean one). Switching changes every word at once and
// nothing else: the step, the layer and the link's other parameters stay.

import { LOCALE_NAMES, LOCALES } from '../lib/i18n';
import { locale, setLocale } from '../state/locale';
import { tApp } from './messages';

export function LocaleSwitch() {
  const now = locale.value;
  const next = LOCALES[(LOCALES.indexOf(now) + 1) % LOCALES.length] ?? now;
  return (
    <button
      type="button"
      class="header-button locale-switch"
      lang={next}
      title={tApp('switchLanguage')}
      onClick={() => setLocale(next)}
    >
      {LOCALE_NAMES[next]}
    </button>
  );
}
