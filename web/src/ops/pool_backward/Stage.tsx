// pool_backward's stage for the current sample i and channel c, read left to right as the loop
// body runs: the window over A_prev[i, :, :, c]; its mask (max: create_mask_from_window) or
// distribute_value's f×f grid (average); dA[i, :, :, c] with the incoming gradient's cell
// outlined; and dA_prev[i, :, :, c] accumulating, the cells this step adds to ringed with the
// amount added in their corner, so that where windows overlap the running sum visibly grows.

import { Fragment } from 'preact';
import { longText } from '../../ui/format';
import type { CellHighlight, GridPicture } from '../../ui/drawGrid';
import { poolChoices } from '../pool/choices';
import type { ViewProps } from '../../state/operation';
import type { PoolBackwardFrame, PoolBackwardRun } from './model';
import { tipDA, tipDAprev } from './tips';
import { GAP, GROUP_GAP } from '../../ui/stageLayout';
import { PoolFig } from '../pool/PoolFig';
import type { PoolMark } from '../pool/PoolLegend';
import { bestArrangement, type Arrangement, type GridDims, type Item } from '../pool/layout';
import { usePresentCell } from '../../ui/present';
import {
  AprevFig,
  aPrevPictures,
  PoolStageFrame,
  poolStageTexts,
  poolWindow,
  usePoolStageBox,
} from '../pool/PoolStage';
import { stepNumber } from '../../lib/tensor';
import { picturedChannels, Pictures, runId, scaleOf, showPictures, stepsDone } from '../../ui/Pictures';
import { t } from './messages';

/** A_prev[i], dA[i] and dA_prev[i] as images: the gradient read at (h, w) of channel c, and the
 * window of dA_prev it is added to. */
function PoolBackwardPictures({ run: s, frame: fr }: { run: PoolBackwardRun; frame: PoolBackwardFrame }) {
  const { i, c, win } = fr;
  const id = runId(s);
  const items = aPrevPictures(s, i, c, win);
  for (const k of picturedChannels(s.nC, c))
    items.push({
      name: 'dA',
      tensor: s.data.dA,
      channel: k,
      max: s.scale.dA,
      scale: scaleOf(s.data.dA),
      window: k === c && win ? { row: win.h, col: win.w, span: 1 } : null,
      version: `${id}:${i}`,
    });
  if (fr.dA_prev !== null)
    for (const k of picturedChannels(s.nC, c))
      items.push({
        name: 'dA_prev',
        tensor: fr.dA_prev,
        channel: k,
        max: s.scale.dA_prev,
        scale: scaleOf(s.dA_prev_final),
        window: k === c && win ? { row: win.vertStart, col: win.horiStart, span: s.config.f } : null,
        // the steps of channel k done so far: each adds to that channel only
        version: `${id}:${i}:${stepsDone(fr.position, stepNumber(s, i, k, 0, 0), s.nH * s.nW)}`,
      });
  return <Pictures sample={i} items={items} channelCounts={{ dA: s.nC, dA_prev: s.nC }} />;
}

/** Where each grid goes: A_prev (a), dA (d), dA_prev (g), and the step's own f×f grids (the
 * mask and mask · dA, or distribute_value's) stacked (S) or side by side (T). The stage takes
 * the layout with the largest cells; the first is the loop body's order, left to right. */
type Slot = 'a' | 'd' | 'g' | 'S' | 'T';
const LAYOUTS: readonly (readonly (readonly Slot[])[])[] = [
  [['a', 'S', 'd', 'g']],
  [['a', 'T', 'd', 'g']],
  [['a', 'S', 'd'], ['g']],
  [['a', 'T', 'd'], ['g']],
  [
    ['a', 'd'],
    ['S', 'g'],
  ],
  [
    ['a', 'd'],
    ['T', 'g'],
  ],
  // a narrow screen (a phone held upright): A_prev and dA_prev each a row of their own
  [['a'], ['S', 'd'], ['g']],
  [['a'], ['T', 'd'], ['g']],
];

/** Highlights for the f×f window at (r0, q0): 'hit' where `gets`, 'skip' where only `tied`. */
function windowHighlights(
  f: number,
  r0: number,
  q0: number,
  gets: Uint8Array,
  tied: Uint8Array,
): CellHighlight[] {
  const out: CellHighlight[] = [];
  for (let j = 0; j < f * f; j++) {
    const row = r0 + Math.floor(j / f);
    const col = q0 + (j % f);
    if (gets[j] === 1) out.push({ row, col, kind: 'hit' });
    else if (tied[j] === 1) out.push({ row, col, kind: 'skip' });
  }
  return out;
}

export function PoolBackwardStage({
  run: s,
  frame: fr,
}: ViewProps<PoolBackwardRun, PoolBackwardFrame, unknown>) {
  const [ref, box] = usePoolStageBox();
  const cfg = s.config;
  const { f } = cfg;
  const { mode, ties } = poolChoices(cfg);
  const max = mode === 'max';
  const { i, c, win } = fr;
  const data = cfg.data;
  const texts = poolStageTexts(s);
  const { text, shortText } = texts;

  const aDims: GridDims = { rows: cfg.H, cols: cfg.W, caption: `A_prev[${i},:,:,${c}]` };
  const gDims: GridDims = { rows: cfg.H, cols: cfg.W, caption: `dA_prev[${i},:,:,${c}]` };
  // dA no larger than the window (the notebook's 2×3): a small grid, shown whole with the mask
  const dSmall = s.nH <= f && s.nW <= f;
  const dDims: GridDims = { rows: s.nH, cols: s.nW, small: dSmall, caption: `dA[${i},:,:,${c}]` };
  const fDims = (caption: string): GridDims => ({ rows: f, cols: f, small: true, caption });
  const steps = max ? [fDims('mask'), fDims('mask · dA')] : [fDims('distribute_value')];
  const dimsOf = (slot: Slot): Item[] =>
    slot === 'S'
      ? [{ stack: steps }]
      : slot === 'T'
        ? steps
        : [slot === 'a' ? aDims : slot === 'd' ? dDims : gDims];
  const arrangements: Arrangement[] = LAYOUTS.map((rows) => rows.map((row) => row.flatMap(dimsOf)));
  // presenter mode and embeds: the step's f×f grids whole, with their numbers
  const present = { cell: usePresentCell(), window: f, large: [aDims, gDims] };
  const {
    index,
    cell,
    small: sc,
  } = bestArrangement(arrangements, box.width, box.height, undefined, present.cell > 0 ? present : undefined);

  const gridWin = poolWindow(win, f);
  const marks = win
    ? windowHighlights(f, win.vertStart, win.horiStart, fr.gets, max ? fr.tied : new Uint8Array(f * f))
    : [];
  const local = win ? windowHighlights(f, 0, 0, fr.gets, max ? fr.tied : new Uint8Array(f * f)) : [];
  const inWindow = (r: number, q: number) =>
    win !== null &&
    r >= win.vertStart &&
    r < win.vertStart + f &&
    q >= win.horiStart &&
    q < win.horiStart + f;
  const addedAt = (r: number, q: number) =>
    win ? (fr.added[(r - win.vertStart) * f + (q - win.horiStart)] ?? 0) : 0;
  const plus = (v: number) => (v < 0 ? text(v) : `+${text(v)}`);
  const where = win ? `${i},${win.h},${win.w},${c}` : '';
  const smallPic = (values: ArrayLike<number>, scale: number): GridPicture => ({
    rows: f,
    cols: f,
    cell: sc,
    values,
    scale,
    text,
    shortText,
    highlights: max ? local : null,
  });

  const aFig = (
    <AprevFig s={s} i={i} c={c} cell={cell} values={fr.a} window={gridWin} highlights={max ? marks : null} />
  );
  const empty = new Float64Array(f * f).fill(Number.NaN);
  const stepFigs = max
    ? [
        <PoolFig
          key="mask"
          kind="step"
          caption="mask"
          picture={{
            ...smallPic(win ? Array.from(fr.gets) : empty, Number.POSITIVE_INFINITY),
            text: (v) => String(v),
            shortText: undefined,
          }}
          describe={(u, v) => {
            if (!win) return null;
            const j = u * f + v;
            const why = fr.gets[j] === 1 ? t('gets') : fr.tied[j] === 1 ? t('skipped') : t('notMax');
            return `mask[${u}, ${v}] = ${fr.gets[j] ?? 0}\nA_prev[${i}, ${win.vertStart + u}, ${win.horiStart + v}, ${c}] = ${longText(fr.slice[j] ?? 0, data)}\n${why}`;
          }}
        />,
        <PoolFig
          key="mask-da"
          kind="step"
          caption="mask · dA"
          picture={smallPic(win ? fr.added : empty, s.scale.dA_prev)}
          describe={(u, v) =>
            win
              ? `np.multiply(mask, dA[${i}, ${win.h}, ${win.w}, ${c}])[${u}, ${v}]\n= ${fr.gets[u * f + v] ?? 0} · ${longText(win.value, data)} = ${longText(fr.added[u * f + v] ?? 0, data)}`
              : null
          }
        />,
      ]
    : [
        <PoolFig
          key="distribute"
          kind="step"
          caption="distribute_value"
          picture={smallPic(win ? fr.added : empty, s.scale.dA_prev)}
          describe={() =>
            win
              ? `distribute_value(dA[${where}], (${f}, ${f}))\n= ${longText(win.value, data)} / (${f}·${f}) = ${t('inEveryCell', { value: longText(win.amount, data) })}`
              : null
          }
        />,
      ];
  const stackEl = (
    <div class="pool-stack" style={{ gap: `${GAP}px` }}>
      {stepFigs}
    </div>
  );
  const dFig = (
    <PoolFig
      kind="in"
      caption={`dA[${i},:,:,${c}]`}
      picture={{
        rows: s.nH,
        cols: s.nW,
        cell: dSmall ? sc : cell,
        values: fr.dA,
        scale: s.scale.dA,
        text,
        shortText,
        marked: win ? { row: win.h, col: win.w } : null,
      }}
      describe={(h, w) => tipDA(s, fr, h, w)}
    />
  );
  const gFig = (
    <PoolFig
      kind="out"
      caption={`dA_prev[${i},:,:,${c}]`}
      picture={{
        rows: cfg.H,
        cols: cfg.W,
        cell,
        values: fr.dAp,
        scale: s.scale.dA_prev,
        text,
        shortText,
        visitedRows: s.visitedRows,
        visitedCols: s.visitedCols,
        window: gridWin,
        highlights: max ? marks.filter((m) => m.kind === 'hit') : null,
        notes: (r, q) =>
          inWindow(r, q) && fr.gets[(r - win!.vertStart) * f + (q - win!.horiStart)] === 1
            ? plus(addedAt(r, q))
            : null,
      }}
      describe={(r, q) => tipDAprev(s, fr, r, q)}
    />
  );

  const figsOf = (slot: Slot) =>
    slot === 'S' ? [stackEl] : slot === 'T' ? stepFigs : [slot === 'a' ? aFig : slot === 'd' ? dFig : gFig];
  const rows = (LAYOUTS[index] ?? LAYOUTS[0]!).map((row) => row.flatMap(figsOf));
  const legend: PoolMark[] = max
    ? ties === 'first'
      ? ['gets', 'skip', 'added']
      : ['gets', 'added']
    : ['added'];

  return (
    <PoolStageFrame
      i={i}
      c={c}
      texts={texts}
      boxRef={ref}
      marks={legend}
      empty={false}
      pictures={showPictures(cfg.H, cfg.W) && <PoolBackwardPictures run={s} frame={fr} />}
    >
      <div class="pool-rows" style={{ gap: `${GROUP_GAP}px` }}>
        {rows.map((row, n) => (
          <div key={n} class="pool-row" style={{ gap: `${GROUP_GAP}px` }}>
            {row.map((el, k) => (
              <Fragment key={k}>{el}</Fragment>
            ))}
          </div>
        ))}
      </div>
    </PoolStageFrame>
  );
}
