// Classic mistakes: choose a named, wrong version of the loop; the page runs it beside the right
// one, shows its changed lines in the code panel (WrongLinesContext) and moves the walk to the
// first step where the two part, with both values. Knows mistakes only through the contract.

import { useMemo } from 'preact/hooks';
import type { Config } from '../state/config';
import { findParting, type LoopAt, type Mistake, type Parting, shapeText } from '../state/mistakes';
import type { OpRun } from '../state/operation';
import { longText } from './format';
import { tUi } from './messages';

export interface MistakePanelProps {
  mistakes: readonly Mistake<OpRun>[];
  /** the chosen mistake's id; '' is the right code */
  selected: string;
  onSelect(id: string): void;
  run: OpRun;
  config: Config;
  seek(k: number): void;
}

function atText(at: LoopAt | null): string {
  if (at === null) return '';
  return ` (i=${at.i}, c=${at.c}, h=${at.h}, w=${at.w}, vert_start=${at.vertStart}, hori_start=${at.horiStart})`;
}

/** The verdict in words. */
export function partingText(p: Parting, c: Config): string {
  const t = (v: number) => longText(v, c.data);
  switch (p.kind) {
    case 'value':
      return p.at === null
        ? tUi('partValueEnd', { step: p.step, cell: p.cell, right: t(p.right), wrong: t(p.wrong) })
        : tUi('partValueAt', {
            step: p.step,
            at: atText(p.at),
            cell: p.cell,
            right: t(p.right),
            wrong: t(p.wrong),
          });
    case 'error': {
      const right = p.cell !== null ? tUi('partErrorRight', { cell: p.cell, right: t(p.right) }) : '';
      const facts = { step: p.step, error: p.error, message: p.message.trim(), right };
      return p.at === null ? tUi('partErrorEnd', facts) : tUi('partErrorAt', { ...facts, at: atText(p.at) });
    }
    case 'shape':
      return tUi('partShape', {
        step: p.step,
        tensor: p.tensor,
        wrong: shapeText(p.wrong),
        right: shapeText(p.right),
      });
    case 'none':
      return tUi('partNone', { total: p.total });
    case 'too_long':
      return tUi('partTooLong', { total: p.total });
  }
}

/** The step the walk goes to: where they part (none: stays). */
function partingStep(p: Parting): number | null {
  return p.kind === 'value' || p.kind === 'error' || p.kind === 'shape' ? p.step : null;
}

function runMistake(m: Mistake<OpRun>, run: OpRun): Parting {
  const { right, wrong } = m.loops(run);
  return findParting(right, wrong);
}

export function MistakePanel({ mistakes, selected, onSelect, run, config, seek }: MistakePanelProps) {
  const chosen = mistakes.find((m) => m.id === selected) ?? null;
  const parting = useMemo(() => (chosen ? runMistake(chosen, run) : null), [chosen, run]);
  const idle = chosen?.idle?.(config) ?? null;
  const step = parting ? partingStep(parting) : null;
  function choose(id: string): void {
    onSelect(id);
    const m = mistakes.find((x) => x.id === id);
    if (!m) return;
    const k = partingStep(runMistake(m, run));
    if (k !== null) seek(k);
  }
  return (
    <section class="panel learn-panel" aria-labelledby="mistake-title">
      <header class="panel-head">
        <h2 id="mistake-title">{tUi('mistakesTitle')}</h2>
      </header>
      <label>
        {tUi('mistake')}
        <select value={selected} onChange={(e) => choose((e.target as HTMLSelectElement).value)}>
          <option value="">{tUi('noMistake')}</option>
          {mistakes.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      {chosen && <p>{chosen.why}</p>}
      {parting && (
        <p
          class={step !== null ? 'learn-verdict parted' : 'learn-verdict'}
          role="status"
          aria-label={tUi('whereTheyPart')}
        >
          {partingText(parting, config)}
          {idle && parting.kind === 'none' ? ` ${idle}` : ''}
        </p>
      )}
      {step !== null && (
        <button type="button" onClick={() => seek(step)}>
          {tUi('goToParting', { step })}
        </button>
      )}
    </section>
  );
}
