// The four operations. Those not stepped yet are shown, disabled, as coming next.

import type { Op } from '../engine/types';
import type { OpInfo } from '../state/ops/model';

export interface OpSwitcherProps {
  ops: readonly OpInfo[];
  current: Op;
  onSelect(op: Op): void;
}

export function OpSwitcher({ ops, current, onSelect }: OpSwitcherProps) {
  return (
    <nav class="op-switcher" aria-label="Operation">
      {ops.map((o) => (
        <button
          key={o.op}
          type="button"
          aria-pressed={o.op === current}
          disabled={!o.ready}
          onClick={() => onSelect(o.op)}
          title={o.ready ? o.summary : `${o.op}: coming next`}
        >
          <span class="op-name">{o.op}</span>
          {!o.ready && <span class="op-soon">coming next</span>}
        </button>
      ))}
    </nav>
  );
}
