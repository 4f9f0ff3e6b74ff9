// Keyboard: space plays and pauses, ← and → step, Home and End jump; PageUp and PageDown step
// too, as presentation clickers send them; P turns presenter mode on and off (not in an
// embed). Text fields, selects and sliders keep their own keys; space on a focused button
// presses that button.

import { useEffect } from 'preact/hooks';
import type { Store } from '../state/store';

function ownsKeys(t: EventTarget | null, key: string): boolean {
  if (!(t instanceof Element)) return false;
  const tag = t.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || (t as HTMLElement).isContentEditable) return true;
  if (tag === 'INPUT') {
    const type = (t as HTMLInputElement).type;
    // radio buttons and checkboxes only claim space and the arrows
    if (type === 'radio' || type === 'checkbox') return key === ' ' || key.startsWith('Arrow');
    return true;
  }
  if (key === ' ' && (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY')) return true;
  return false;
}

export function useTransportKeys(store: Store): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (ownsKeys(e.target, e.key)) return;
      switch (e.key) {
        case ' ':
          store.togglePlay();
          break;
        case 'ArrowLeft':
        case 'PageUp':
          store.stepBy(-1);
          break;
        case 'ArrowRight':
        case 'PageDown':
          store.stepBy(1);
          break;
        case 'p':
        case 'P':
          if (store.embed !== null || e.shiftKey) return;
          store.setPresent(!store.present.peek());
          break;
        case 'Home':
          store.toStart();
          break;
        case 'End':
          store.toEnd();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
}
