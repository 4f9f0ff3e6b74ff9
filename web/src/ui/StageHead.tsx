// The top of every stage: its title for screen readers and the output-size formulas worked out
// with the current numbers, with a note on rows and columns no window reaches.

import { tUi } from './messages';

/** The output-size formulas with the current numbers, and the step count. */
export interface SizeFormulas {
  nH: string;
  nW: string;
  steps: string;
}

export interface StageHeadProps {
  i: number;
  c: number;
  /** what c counts: 'channel' (pooling) or 'output channel' (conv) */
  channel: string;
  formulas: SizeFormulas;
  note: string | null;
}

export function StageHead({ i, c, channel, formulas, note }: StageHeadProps) {
  return (
    <>
      <h2 id="stage-title" class="sr-only">
        {tUi('stageTitle', { i, channel, c })}
      </h2>
      <div class="formulas">
        <span>{formulas.nH}</span>
        <span>{formulas.nW}</span>
        <span>{formulas.steps}</span>
        {note && <span class="formula-note">{note}</span>}
      </div>
    </>
  );
}
