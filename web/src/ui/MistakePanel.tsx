// Classic mistakes: choose a named, wrong version of the loop; the page runs it beside the right
// one, shows its changed lines in the code panel (WrongLinesContext) and moves the walk to the
// first step where the two part, with both values. Knows mistakes only through the contract.

import { useMemo } from 'preact/hooks';
import type { Config } from '../state/config';
import { findParting, type LoopAt, type Mistake, type Parting, shapeText } from '../state/mistakes';
import type { OpRun } from '../state/operation';
import { longText } from './format';

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
        ? `They part after the last step (${p.step}): ${p.cell} is ${t(p.right)} in the right code, ${t(p.wrong)} in the wrong one.`
        : `They part at step ${p.step}${atText(p.at)}: ${p.cell} is ${t(p.right)} in the right code, ${t(p.wrong)} in the wrong one.`;
    case 'error': {
      const right = p.cell !== null ? ` The right code writes ${p.cell} = ${t(p.right)}.` : '';
      const where = p.at === null ? `after the last step (${p.step})` : `at step ${p.step}${atText(p.at)}`;
      return `They part ${where}: numpy raises ${p.error}: ${p.message.trim()}.${right}`;
    }
    case 'shape':
      return `They part after the last step (${p.step}): ${p.tensor} has shape ${shapeText(p.wrong)} instead of ${shapeText(p.right)}.`;
    case 'none':
      return `The two never part on this layer: all ${p.total} steps agree.`;
    case 'too_long':
      return `This layer has ${p.total} steps, too many to run the wrong code beside the right one here: make it smaller.`;
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
        <h2 id="mistake-title">Classic mistakes</h2>
      </header>
      <label>
        Mistake
        <select value={selected} onChange={(e) => choose((e.target as HTMLSelectElement).value)}>
          <option value="">none: the right code</option>
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
          aria-label="Where they part"
        >
          {partingText(parting, config)}
          {idle && parting.kind === 'none' ? ` ${idle}` : ''}
        </p>
      )}
      {step !== null && (
        <button type="button" onClick={() => seek(step)}>
          Go to step {step}, where they part
        </button>
      )}
    </section>
  );
}
