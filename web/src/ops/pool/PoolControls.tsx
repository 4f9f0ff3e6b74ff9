// The pooling choices the form shows under the layer's sizes: mode (max / average); for
// pool_backward, the rule for tied maxima and where dA comes from. Each applies at once.

import type { Config } from '../../state/config';
import type { OpActions } from '../../state/operation';
import { liveWords } from '../../state/locale';
import type { PoolMode, PoolTies } from '../../engine/types';
import { poolChoices, type DaSource } from './choices';
import './pool.css';
import { tPool } from './messages';

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
  liveWords({ value: 'all' }, { label: () => tPool('tiesAll'), hint: () => tPool('tiesAllHint') }),
  liveWords({ value: 'first' }, { label: () => tPool('tiesFirst'), hint: () => tPool('tiesFirstHint') }),
];

const SOURCES: readonly Option<DaSource>[] = [
  liveWords({ value: 'randn', label: 'np.random.randn' }, { hint: () => tPool('daRandnHint') }),
  liveWords({ value: 'ones' }, { label: () => tPool('daOnes'), hint: () => tPool('daOnesHint') }),
];

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
            legend={tPool('tiesLegend')}
            options={TIES}
            value={p.ties}
            onPick={(ties) => store.setChoices({ ties })}
          />
          <p class="ties-sentence">{tPool('tiesSentence')}</p>
        </>
      )}
      {backward && (
        <Radios
          name="pool-da"
          legend={tPool('daLegend')}
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
