// The content size of an element, kept current with a ResizeObserver (where there is one), and
// the room a stage may take: its box, or on a phone a screen's height.

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { useLecture } from './present';

export interface Box {
  width: number;
  height: number;
}

export function useBoxSize<T extends HTMLElement>(fallback: Box): [RefObject<T | null>, Box] {
  const ref = useRef<T>(null);
  const [box, setBox] = useState<Box>(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      if (width > 0 && height > 0)
        setBox((b) => (b.width === width && b.height === height ? b : { width, height }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, box];
}

/** A phone, upright or on its side, as the page's styles have it (styles/app.css): the stage is
 * laid out for the screen, not for what is left of it under the page's header; its box grows,
 * the page scrolls. */
export const PHONE = '(max-width: 600px), (max-width: 1100px) and (max-height: 500px)';

/**
 * The room a stage's layout may fill: its box's size, except on a phone's page (not in presenter
 * mode or an embed), where the box's height follows what the stage draws and the layout may use
 * the screen's whole height, so that the notebook's grids show whole with a number in every
 * cell; the page scrolls under the transport kept at the screen's foot.
 */
export function useStageBox<T extends HTMLElement>(fallback: Box): [RefObject<T | null>, Box] {
  const [ref, box] = useBoxSize<T>(fallback);
  // presenter mode and an embed's frame keep the stage to its box
  const lecture = useLecture();
  const phone = useMedia(PHONE);
  if (lecture || !phone) return [ref, box];
  return [ref, { width: box.width, height: Math.floor(globalThis.innerHeight ?? box.height) }];
}

/** Whether the media query matches, following the window's size. */
export function useMedia(query: string): boolean {
  const [on, setOn] = useState(() => globalThis.matchMedia?.(query).matches === true);
  useEffect(() => {
    const m = globalThis.matchMedia?.(query);
    if (!m) return;
    const change = () => setOn(m.matches);
    change();
    m.addEventListener('change', change);
    return () => m.removeEventListener('change', change);
  }, [query]);
  return on;
}
