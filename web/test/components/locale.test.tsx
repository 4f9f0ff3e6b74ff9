// The page's language: ?lang=ko opens it in Korean, the header's switch changes every word at
// once and keeps the step, and a chosen language travels in the link.

import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { locale } from '../../src/state/locale';
import { renderApp } from './setup';

describe('the language', () => {
  it('follows ?lang=ko and travels in the link', async () => {
    const { store } = await renderApp('?op=conv_forward&step=5&lang=ko');
    expect(locale.value).toBe('ko');
    expect(screen.getByRole('button', { name: '발표' })).toBeTruthy();
    expect(store.query.value).toContain('lang=ko');
  });

  it('switches at once from the header, keeping the step', async () => {
    const { store } = await renderApp('?op=conv_forward&step=5');
    expect(screen.getByRole('button', { name: 'Present' })).toBeTruthy();
    expect(store.query.value).not.toContain('lang=');
    fireEvent.click(screen.getByRole('button', { name: '한국어' }));
    expect(screen.getByRole('button', { name: '발표' })).toBeTruthy();
    expect(store.position.value).toBe(5);
    expect(store.query.value).toContain('lang=ko');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('button', { name: 'Present' })).toBeTruthy();
    expect(store.position.value).toBe(5);
  });

  it('refuses an unknown language with a sentence and keeps the browser’s', async () => {
    const { store } = await renderApp('?op=conv_forward&lang=xx');
    expect(locale.value).toBe('en');
    expect(store.notes.value.join(' ')).toMatch(/lang/);
  });
});
