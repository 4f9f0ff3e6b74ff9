// The frame of every operation's arithmetic panel: a region named by its heading, with the
// operation's own arithmetic (or, before the first step, its sentence) inside.

import type { ComponentChildren } from 'preact';

export interface ArithmeticPanelProps {
  /** the heading, which names the region: "Arithmetic", "This step" */
  title: string;
  /** the operation's own class beside `panel arith-panel` */
  class?: string;
  children: ComponentChildren;
}

export function ArithmeticPanel({ title, class: own, children }: ArithmeticPanelProps) {
  return (
    <section class={own ? `panel arith-panel ${own}` : 'panel arith-panel'} aria-labelledby="arith-title">
      <h2 id="arith-title">{title}</h2>
      {children}
    </section>
  );
}
