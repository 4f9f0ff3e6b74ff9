// The operations, as the registry lists them.

import type { OpId, OpInfo } from '../state/operation';
import { tApp } from './messages';

export interface OpSwitcherProps {
  ops: readonly OpInfo[];
  current: OpId;
  onSelect(op: OpId): void;
}

export function OpSwitcher({ ops, current, onSelect }: OpSwitcherProps) {
  return (
    <nav class="op-switcher" aria-label={tApp('operation')}>
      {ops.map((o) => (
        <button
          key={o.id}
          type="button"
          aria-pressed={o.id === current}
          onClick={() => onSelect(o.id)}
          title={o.summary}
        >
          <span class="op-name">{o.id}</span>
        </button>
      ))}
    </nav>
  );
}
