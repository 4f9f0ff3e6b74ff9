// What the colours and marks on the stage mean.

import type { ComponentChildren } from 'preact';
import { legendGradient } from './colors';
import { tUi } from './messages';

/** One entry of a legend: a swatch (its class, and any mark drawn in it) and what it means. */
export function LegendItem({
  swatch,
  mark,
  children,
}: {
  swatch: string;
  mark?: string;
  children: ComponentChildren;
}) {
  return (
    <li>
      <span class={`swatch ${swatch}`} aria-hidden="true">
        {mark}
      </span>
      {children}
    </li>
  );
}

/** A stage's legend: the colour scale first, then the stage's own entries. */
export function LegendList({ children }: { children: ComponentChildren }) {
  return (
    <ul class="legend" aria-label={tUi('legend')}>
      <li>
        <span class="swatch swatch-scale" style={{ background: legendGradient() }} aria-hidden="true" />
        {tUi('legendScale')}
      </li>
      {children}
    </ul>
  );
}
