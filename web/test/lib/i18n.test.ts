// The message machinery: templates, plurals, Korean particles, the locale from a language tag,
// and every catalog of the page (each messages.ts): both locales with the same keys and, in each
// message, the same placeholders.

import { describe, expect, it } from 'vitest';
import { interpolate, localeOf, particle, placeholders } from '../../src/lib/i18n';
import { browserLocale, locale, messages, resetLocale, setLocale } from '../../src/state/locale';

describe('interpolate', () => {
  it('fills each placeholder, every time it occurs', () => {
    expect(interpolate('filter {f}×{f} does not fit {n}', { f: 6, n: '5×5' }, 'en')).toBe(
      'filter 6×6 does not fit 5×5',
    );
  });
  it('writes numbers as code does: no grouping, at most six decimals', () => {
    expect(interpolate('{n}', { n: 4194304 }, 'en')).toBe('4194304');
    expect(interpolate('{n}', { n: 1 / 3 }, 'ko')).toBe('0.333333');
  });
  it('chooses the English plural word by the number', () => {
    const tpl = '{n} {n#element|elements}';
    expect(interpolate(tpl, { n: 1 }, 'en')).toBe('1 element');
    expect(interpolate(tpl, { n: 3 }, 'en')).toBe('3 elements');
  });
  it('leaves a missing parameter visible rather than inventing one', () => {
    expect(interpolate('at {where}', {}, 'en')).toBe('at {where}');
  });
});

describe('Korean particles follow the last sound of the value', () => {
  it.each([
    ['6×6', '이', '이'], // 육: closed
    ['5×5', '이', '가'], // 오: open
    ['10', '을', '을'], // 십: closed
    ['필터', '은', '는'],
    ['입력', '과', '과'],
    ['7', '으로', '로'], // 칠: ㄹ takes 로
    ['3', '으로', '으로'], // 삼
    ['W', '이', '가'], // 더블유
    ['n_C', '을', '를'], // 씨
    ['pad', '이', '가'], // 디
  ])('%s + %s → %s', (word, p, want) => {
    expect(particle(word, p)).toBe(want);
  });
  it('is written as {name|particle} in a template', () => {
    expect(interpolate('필터 {f}×{f|이} 맞지 않습니다', { f: 6 }, 'ko')).toBe('필터 6×6이 맞지 않습니다');
    expect(interpolate('입력 {n|이} 작습니다', { n: 5 }, 'ko')).toBe('입력 5가 작습니다');
  });
});

describe('the locale', () => {
  it('is read from a language tag', () => {
    expect(localeOf('ko-KR')).toBe('ko');
    expect(localeOf('EN_gb')).toBe('en');
    expect(localeOf('fr')).toBeNull();
    expect(localeOf(null)).toBeNull();
  });
  it('follows the first of the browser’s languages that is ours', () => {
    expect(browserLocale(['fr-FR', 'ko', 'en'])).toBe('ko');
    expect(browserLocale(['de'])).toBe('en');
  });
  it('switches what a catalog says at once', () => {
    const t = messages({ hi: 'filter {f}' } as const, { hi: '필터 {f}' });
    setLocale('ko');
    expect(locale.value).toBe('ko');
    expect(t('hi', { f: 3 })).toBe('필터 3');
    setLocale('en');
    expect(t('hi', { f: 3 })).toBe('filter 3');
    resetLocale(['en']);
  });
});

interface CatalogPair {
  en: Record<string, string>;
  ko: Record<string, string>;
}

// every catalog of the page: each export of a messages.ts that carries its catalogs
const modules = import.meta.glob<Record<string, unknown>>('../../src/**/messages.ts', { eager: true });
const catalogs: [string, CatalogPair][] = [];
for (const [file, mod] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(mod)) {
    const c = (value as { catalogs?: CatalogPair } | null)?.catalogs;
    if (typeof value === 'function' && c !== undefined) catalogs.push([`${file} ${name}`, c]);
  }
}

describe('every catalog is complete in both locales', () => {
  it('finds the catalogs', () => {
    expect(catalogs.length).toBeGreaterThan(0);
  });
  it.each(catalogs)('%s: the same keys, each with the same placeholders', (_name, { en, ko }) => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect({ key, names: placeholders(ko[key] ?? '') }).toEqual({
        key,
        names: placeholders(en[key] ?? ''),
      });
      expect({ key, empty: (ko[key] ?? '').trim() === '' }).toEqual({ key, empty: false });
    }
  });
});
