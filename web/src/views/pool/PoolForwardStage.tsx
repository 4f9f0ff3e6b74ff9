// pool_forward's stage for the current sample i and channel c: the window sliding over
// A_prev[i, :, :, c] (one channel at a time, as the loop runs), its maximum ringed (every tied
// maximum), and A[i, :, :, c] filling in. The window's numbers are in the arithmetic panel.

import { useStore } from '../../app/context';
import { cellText, shortCellText } from '../../app/format';
import { useBoxSize } from '../../app/useBoxSize';
import type { CellHighlight, GridWindow } from '../../components/drawGrid';
import { poolChoices } from '../../state/config';
import { poolFormulas } from '../../state/ops/pool';
import { unvisitedNote } from '../../state/ops/formula';
import type { PoolForwardFrame, PoolForwardRun } from '../../state/ops/poolForward';
import { tipA, tipAprev } from '../../state/ops/poolTips';
import { GROUP_GAP } from '../stageLayout';
import { ArrayPrint } from './ArrayPrint';
import { PoolFig } from './PoolFig';
import { PoolLegend } from './PoolLegend';
import { bestArrangement, type Arrangement } from './poolLayout';

export function PoolForwardStage() {
  const store = useStore();
  const s = store.run.value as PoolForwardRun;
  const fr = store.frame.value as PoolForwardFrame;
  const [ref, box] = useBoxSize<HTMLDivElement>({ width: 900, height: 520 });
  if (s.op !== 'pool_forward') return null;
  const cfg = s.config;
  const { mode } = poolChoices(cfg);
  const { i, c } = fr;
  const text = (v: number) => cellText(v, cfg.data);
  const shortText = (v: number) => shortCellText(v, cfg.data);
  const formulas = poolFormulas(cfg);
  const note = unvisitedNote(s.visitedRows, s.visitedCols);

  const aDims = { rows: cfg.H, cols: cfg.W, caption: `A_prev[${i},:,:,${c}]` };
  const oDims = { rows: s.nH, cols: s.nW, caption: `A[${i},:,:,${c}]` };
  const arrangements: Arrangement[] = [[[aDims, oDims]], [[aDims], [oDims]]];
  const { index, cell } = bestArrangement(arrangements, box.width, box.height);
  const win: GridWindow | null = fr.win ? { row: fr.win.vertStart, col: fr.win.horiStart, span: cfg.f, taps: cfg.f, step: 1 } : null;
  const highlights: CellHighlight[] = [];
  if (fr.win && mode === 'max')
    fr.mask.forEach((m, j) => {
      if (m === 1) highlights.push({ row: fr.win!.vertStart + Math.floor(j / cfg.f), col: fr.win!.horiStart + (j % cfg.f), kind: 'hit' });
    });

  const aFig = (
    <PoolFig
      kind="in"
      caption={`A_prev[${i},:,:,${c}]`}
      picture={{
        rows: cfg.H, cols: cfg.W, cell, values: fr.a, scale: s.scale.A_prev, text, shortText,
        visitedRows: s.visitedRows, visitedCols: s.visitedCols, window: win, highlights,
      }}
      describe={(r, q) => tipAprev(s, i, c, r, q)}
    />
  );
  const outFig = (
    <PoolFig
      kind="out"
      caption={`A[${i},:,:,${c}]`}
      picture={{
        rows: s.nH, cols: s.nW, cell, values: fr.A, scale: s.scale.A, text, shortText,
        marked: fr.win ? { row: fr.win.h, col: fr.win.w } : null,
      }}
      describe={(h, w) => tipA(s, fr, h, w)}
    />
  );

  return (
    <section class="stage pool-stage" aria-labelledby="stage-title">
      <h2 id="stage-title" class="sr-only">
        Stage: sample {i}, channel {c}
      </h2>
      <div class="formulas">
        <span>{formulas.nH}</span>
        <span>{formulas.nW}</span>
        <span>{formulas.steps}</span>
        {note && <span class="formula-note">{note}</span>}
      </div>
      <div class="stage-box" ref={ref}>
        <div class={index === 0 ? 'pool-row' : 'pool-col'} style={{ gap: `${GROUP_GAP}px` }}>
          {aFig}
          {outFig}
        </div>
      </div>
      <ArrayPrint name="A" tensor={fr.out} shape={[cfg.m, s.nH, s.nW, cfg.Cin]} />
      <PoolLegend unvisited={note !== null} marks={mode === 'max' ? ['max'] : []} />
    </section>
  );
}
