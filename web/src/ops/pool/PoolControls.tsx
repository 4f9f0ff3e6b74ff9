// The pooling choices the form shows under the layer's sizes: mode (max / average); for
// pool_backward, the rule for tied maxima and where dA comes from. Each applies at once.

import type { Config } from '../../state/config';
import type { OpActions } from '../../state/operation';
import type { PoolMode, PoolTies } from '../../engine/types';
import { poolChoices, type DaSource } from './choices';
import './pool.css';

interface Option<T extends string> {
  value: T;
  label: string;
  hint: string;
}

function Radios<T extends string>({
  name,
  legend,
  options,
  value,
  onPick,
  code = false,
}: {
  name: string;
  legend: string;
  options: readonly Option<T>[];
  value: T;
  onPick(v: T): void;
  /** the legend is a name from the code (mode) */
  code?: boolean;
}) {
  return (
    <fieldset class={code ? 'data-kind pool-choice pool-choice-code' : 'data-kind pool-choice'}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onPick(o.value)}
          />
          <span>
            {o.label} <span class="radio-hint">{o.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

const MODES: readonly Option<PoolMode>[] = [
  { value: 'max', label: 'max', hint: 'A = np.max(a_prev_slice)' },
  { value: 'average', label: 'average', hint: 'A = np.mean(a_prev_slice)' },
];

const TIES: readonly Option<PoolTies>[] = [
  { value: 'all', label: 'all tied maxima', hint: 'the assignment: mask = (x == np.max(x))' },
  { value: 'first', label: 'first maximum', hint: 'PyTorch’s max_pool2d' },
];

const SOURCES: readonly Option<DaSource>[] = [
  { value: 'randn', label: 'np.random.randn', hint: 'drawn after A_prev, as the notebook does' },
  { value: 'ones', label: 'all ones', hint: 'the gradient of sum(A)' },
];

/** The one sentence on the tie rules. */
const TIES_SENTENCE =
  'When a window’s maximum appears more than once, the assignment’s mask (x == max(x)) sends the gradient to every tied cell; PyTorch sends it only to the first in row-major order.';

export interface PoolControlsProps {
  config: Config;
  actions: OpActions;
}

function PoolControls({ backward, config, actions }: PoolControlsProps & { backward: boolean }) {
  const store = actions;
  const p = poolChoices(config);
  return (
    <div class="pool-controls">
      <Radios
        name="pool-mode"
        legend="mode"
        code
        options={MODES}
        value={p.mode}
        onPick={(mode) => store.setChoices({ mode })}
      />
      {backward && p.mode === 'max' && (
        <>
          <Radios
            name="pool-ties"
            legend="Tied maxima get the gradient"
            options={TIES}
            value={p.ties}
            onPick={(ties) => store.setChoices({ ties })}
          />
          <p class="ties-sentence">{TIES_SENTENCE}</p>
        </>
      )}
      {backward && (
        <Radios
          name="pool-da"
          legend="dA, the incoming gradient"
          options={SOURCES}
          value={p.da}
          onPick={(da) => store.setChoices({ da })}
        />
      )}
    </div>
  );
}

export function PoolForwardControls(p: PoolControlsProps) {
  return <PoolControls backward={false} {...p} />;
}

export function PoolBackwardControls(p: PoolControlsProps) {
  return <PoolControls backward {...p} />;
}
