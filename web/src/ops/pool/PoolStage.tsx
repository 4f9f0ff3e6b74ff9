// What both pooling stages share: reading the run and frame, the numbers' formatting, the
// window over A_prev[i, :, :, c] as a figure, and the stage's frame around the grids.

import type { ComponentChildren, RefObject } from 'preact';
import { cellText, shortCellText } from '../../ui/format';
import { useStageBox } from '../../ui/useBoxSize';
import type { CellHighlight, GridWindow } from '../../ui/drawGrid';
import { unvisitedNote } from '../../lib/geometry';
import { poolFormulas, type PoolRun } from './pool';
import { tipAprev } from './tips';
import { StageHead } from '../../ui/StageHead';
import { inputChannels, runId, scaleOf, type PictureItem } from '../../ui/Pictures';
import { PoolFig } from './PoolFig';
import { PoolLegend, type PoolMark } from './PoolLegend';
import { tUi } from '../../ui/messages';

/** The stage box and its size. */
export function usePoolStageBox() {
  return useStageBox<HTMLDivElement>({ width: 900, height: 520 });
}

/** Cell texts in the run's number format, the size formulas and the unvisited note. */
export function poolStageTexts(s: PoolRun) {
  const cfg = s.config;
  return {
    text: (v: number) => cellText(v, cfg.data),
    shortText: (v: number) => shortCellText(v, cfg.data),
    formulas: poolFormulas(cfg),
    note: unvisitedNote(s.visitedRows, s.visitedCols),
  };
}

/** The f×f window at the step's corner, or none before the first step. */
export function poolWindow(
  win: { vertStart: number; horiStart: number } | null,
  f: number,
): GridWindow | null {
  return win ? { row: win.vertStart, col: win.horiStart, span: f, taps: f, step: 1 } : null;
}

export interface AprevFigProps {
  s: PoolRun;
  i: number;
  c: number;
  cell: number;
  /** A_prev[i, :, :, c] */
  values: Float64Array;
  window: GridWindow | null;
  highlights: CellHighlight[] | null;
}

/** A_prev[i, :, :, c] with the window over it. */
export function AprevFig({ s, i, c, cell, values, window, highlights }: AprevFigProps) {
  const cfg = s.config;
  const { text, shortText } = poolStageTexts(s);
  return (
    <PoolFig
      kind="in"
      caption={`A_prev[${i},:,:,${c}]`}
      picture={{
        rows: cfg.H,
        cols: cfg.W,
        cell,
        values,
        scale: s.scale.A_prev,
        text,
        shortText,
        visitedRows: s.visitedRows,
        visitedCols: s.visitedCols,
        window,
        highlights,
      }}
      describe={(r, q) => tipAprev(s, i, c, r, q)}
    />
  );
}

/** A_prev[i] as pictures (the image, or a few channels with c among them), the window on
 * channel c. */
export function aPrevPictures(s: PoolRun, i: number, c: number, win: PoolWindowCorner | null): PictureItem[] {
  const A = s.data.A_prev;
  const at = win ? { row: win.vertStart, col: win.horiStart, span: s.config.f } : null;
  return inputChannels(A, c).map((k) => ({
    name: 'A_prev',
    tensor: A,
    channel: k,
    max: s.scale.A_prev,
    scale: scaleOf(A),
    window: k === 'rgb' || k === c ? at : null,
    version: `${runId(s)}:${i}`,
  }));
}

type PoolWindowCorner = { vertStart: number; horiStart: number };

export interface PoolStageFrameProps {
  i: number;
  c: number;
  texts: ReturnType<typeof poolStageTexts>;
  boxRef: RefObject<HTMLDivElement | null>;
  /** the grids, inside the measured stage box */
  children: ComponentChildren;
  /** the legend's marks, and whether it shows the "not computed yet" swatch */
  marks: readonly PoolMark[];
  empty?: boolean;
  /** the tensors as pictures, above the grids (large layers only) */
  pictures?: ComponentChildren;
}

export function PoolStageFrame({
  i,
  c,
  texts,
  boxRef,
  children,
  marks,
  empty,
  pictures,
}: PoolStageFrameProps) {
  return (
    <section class="stage pool-stage" aria-labelledby="stage-title">
      <StageHead i={i} c={c} channel={tUi('channel')} formulas={texts.formulas} note={texts.note} />
      {pictures}
      <div class="stage-box" ref={boxRef}>
        {children}
      </div>
      <PoolLegend unvisited={texts.note !== null} marks={marks} empty={empty} />
    </section>
  );
}
