// conv_backward's stage for the current sample i and output channel c: dZ[i,:,:,c] with the
// cell being read, db[c]; and for each input channel k, dA_prev_pad[i,:,:,k] filling in as a heat
// map under the window, with W[:,:,k,c], the a_slice and dW[:,:,k,c] below it. Click a cell of
// dA_prev_pad, dW or db to follow it in the inspector under the grids.

import { cellText, longText, shortCellText } from '../../ui/format';
import { useChannelPage } from '../../ui/ChannelPager';
import { useLecture, usePresentCell } from '../../ui/present';
import { useStageBox } from '../../ui/useBoxSize';
import { fitTogether, type GridWindow } from '../../ui/drawGrid';
import type { ViewProps } from '../../state/operation';
import { DZ_SOURCES, dzOf, type DzSource } from './info';
import type { BackwardView, ConvBackwardState } from './selection';
import { GatherView } from './GatherView';
import { OverlapView } from './OverlapView';
import {
  cellWrites,
  DZ_LABELS,
  onPadding,
  stepsText,
  writesDone,
  type CellRef,
  type ConvBackwardFrame,
  type ConvBackwardRun,
} from './model';
import { unvisitedNote } from '../../lib/geometry';
import { convFormulas } from '../conv/formula';
import { inputChannelPages } from '../conv/layer';
import { GAP, GROUP_GAP } from '../../ui/stageLayout';
import { StageHead } from '../../ui/StageHead';
import { BackwardFig, type BackwardFigure } from './BackwardFig';
import { BackwardLegend } from './BackwardLegend';
import { CellInspector } from './CellInspector';
import { backwardLayout, CARD_GAP, cardSize, dbCell, headSize, SELECT_HEIGHT, SELECT_WIDTH } from './layout';
import { addText } from './text';
import { cropPad, flatOffset, stepNumber } from '../../lib/tensor';
import {
  inputChannels,
  picturedChannels,
  Pictures,
  runId,
  scaleOf,
  showPictures,
  stepsDone,
  type PictureItem,
} from '../../ui/Pictures';
import './convBackward.css';
import { t } from './messages';
import { tUi } from '../../ui/messages';

/** "written by 4 steps: 3, 19, 35 and 51; 2 done so far" */
function writtenBy(steps: number[], done: number): string {
  if (steps.length === 0) return t('neverWrittenNoWindow');
  return t('writtenByList', { n: steps.length, list: stepsText(steps), done });
}

function DzSelect({ value, onChange }: { value: DzSource; onChange(dz: DzSource): void }) {
  return (
    <label
      class="bw-dz-source"
      title={DZ_LABELS[value].hint}
      style={{ height: `${SELECT_HEIGHT}px`, width: `${SELECT_WIDTH}px` }}
    >
      <span>{t('whereDz')}</span>
      <select
        value={value}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as DzSource)}
      >
        {DZ_SOURCES.map((d) => (
          <option key={d} value={d}>
            {DZ_LABELS[d].label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A_prev[i], dZ[i] and dA_prev[i] as images: the gradient read at (h, w) of channel c, and the
 * window of dA_prev it is spread over (the padding cropped, as after the sample's loop). */
function ConvBackwardPictures({ run: s, frame: fr }: { run: ConvBackwardRun; frame: ConvBackwardFrame }) {
  const cfg = s.config;
  const { i, c, win } = fr;
  const id = runId(s);
  const at = win ? { row: win.vertStart - cfg.pad, col: win.horiStart - cfg.pad, span: s.span } : null;
  const A = s.data.A_prev;
  const items: PictureItem[] = inputChannels(A, 0).map((k) => ({
    name: 'A_prev',
    tensor: A,
    channel: k,
    max: s.scale.A,
    scale: scaleOf(A),
    window: at,
    version: `${id}:${i}`,
  }));
  for (const k of picturedChannels(cfg.Cout, c))
    items.push({
      name: 'dZ',
      tensor: s.dZ,
      channel: k,
      max: s.scale.dZ,
      scale: scaleOf(s.dZ),
      window: k === c && win ? { row: win.h, col: win.w, span: 1 } : null,
      version: `${id}:${i}`,
    });
  if (fr.position > 0) {
    const dA = cropPad(fr.dAPad, cfg.pad);
    // every step of sample i adds to all of dA_prev[i]'s channels
    const done = stepsDone(fr.position, stepNumber(s, i, 0, 0, 0), cfg.Cout * s.nH * s.nW);
    for (const k of picturedChannels(cfg.Cin, 0))
      items.push({
        name: 'dA_prev',
        tensor: dA,
        channel: k,
        max: s.scale.dA,
        scale: scaleOf(s.full.dA_prev),
        window: at,
        version: `${id}:${i}:${done}`,
      });
  }
  return <Pictures sample={i} items={items} channelCounts={{ dZ: cfg.Cout, dA_prev: cfg.Cin }} />;
}

const VIEWS: readonly { id: BackwardView; label: () => string; title: () => string }[] = [
  { id: 'walk', label: () => t('viewWalk'), title: () => t('viewWalkTitle') },
  { id: 'gather', label: () => t('viewGather'), title: () => t('viewGatherTitle') },
  { id: 'overlap', label: () => t('viewOverlap'), title: () => t('viewOverlapTitle') },
];

function ViewSwitch({ value, onChange }: { value: BackwardView; onChange(v: BackwardView): void }) {
  return (
    <div class="bw-views" role="group" aria-label={t('stageView')}>
      {VIEWS.map((v) => (
        <button
          key={v.id}
          type="button"
          aria-pressed={value === v.id}
          title={v.title()}
          onClick={() => onChange(v.id)}
        >
          {v.label()}
        </button>
      ))}
    </div>
  );
}

export function ConvBackwardStage(props: ViewProps<ConvBackwardRun, ConvBackwardFrame, ConvBackwardState>) {
  const { run: s, frame: fr, state, actions } = props;
  const [ref, box] = useStageBox<HTMLDivElement>({ width: 900, height: 420 });
  const selected = state.selected.value;
  // presenter mode and embeds walk only: the gather and overlap views need a page's room
  const lecture = useLecture();
  const view = lecture ? 'walk' : state.view.value;
  const cfg = s.config;
  const data = cfg.data;
  const { i, c } = fr;
  const { f, Cin, pad, dil } = cfg;
  const text = (v: number) => cellText(v, data);
  const shortText = (v: number) => shortCellText(v, data);
  const long = (v: number) => longText(v, data);
  // presenter mode, embeds and phones: one input channel at a time
  const pages = inputChannelPages(cfg);
  const page = useChannelPage(pages.count, pages.what());
  const dims = { channels: page.to - page.from, Hp: s.Hp, Wp: s.Wp, f, nH: s.nH, nW: s.nW };
  // presenter mode, embeds and phones: W, a_slice and dW whole, with their numbers
  const layout = backwardLayout(dims, box.width, box.height, undefined, usePresentCell());
  const formulas = convFormulas(cfg);
  const never = unvisitedNote(s.visitedRows, s.visitedCols);
  const win = fr.win;
  const select = (cell: CellRef) => state.select(cell);
  const position = fr.position;

  const window: GridWindow | null = win
    ? { row: win.vertStart, col: win.horiStart, span: s.span, taps: f, step: dil }
    : null;
  const dAShape = s.A_pad.shape;
  const dWShape = s.data.W.shape;

  // dZ[i, :, :, c]: read, never written; the current cell is the one this step reads.
  const dzFig: BackwardFigure = {
    key: 'dz',
    kind: 'dz',
    caption: `dZ[${i},:,:,${c}]`,
    picture: {
      rows: s.nH,
      cols: s.nW,
      cell: layout.dz,
      values: fr.dZ,
      scale: s.scale.dZ,
      text,
      shortText,
      marked: win ? { row: win.h, col: win.w } : null,
    },
    describe: (h, w) =>
      `dZ[${i}, ${h}, ${w}, ${c}] = ${long(fr.dZ[h * s.nW + w] ?? 0)}\n` +
      `${tUi('flatOffset', { offset: flatOffset(s.dZ.shape, [i, h, w, c]) })}\n` +
      t('dzReadBy', { step: stepNumber(s, i, c, h, w) }),
  };
  const dbWritten = fr.cWritten[c] === true;
  const dbFig: BackwardFigure = {
    key: 'db',
    kind: 'db',
    caption: `db[${c}]`,
    picture: {
      rows: 1,
      cols: 1,
      cell: dbCell(layout),
      values: [dbWritten ? (fr.db.data[c] ?? 0) : Number.NaN],
      scale: s.scale.db,
      text,
      shortText,
      selected: selected?.tensor === 'db' && selected.c === c ? { row: 0, col: 0 } : null,
      // db[c] += dZ[i, h, w, c]
      notes: () => (win ? addText(win.value, data, 2) : null),
    },
    describe: () => {
      const steps = cellWrites(s, { tensor: 'db', c }).map((x) => x.step);
      const v = dbWritten ? ` = ${long(fr.db.data[c] ?? 0)}` : t('notWrittenColon');
      return `db[0, 0, 0, ${c}]${v}\n${t('flatOffsetPlain', { offset: c })}\n${writtenBy(steps, writesDone(cellWrites(s, { tensor: 'db', c }), position))}`;
    },
    onSelect: () => select({ tensor: 'db', c }),
  };

  const touched = new Map<string, number>();
  for (const a of fr.dAAdds) touched.set(`${a.row},${a.col},${a.k}`, a.amount);
  // dW[u, v, k, c] += a_slice[u, v, k] * dZ[i, h, w, c]
  const dwAdded = new Map<string, number>();
  for (const a of fr.dWAdds) dwAdded.set(`${a.u},${a.v},${a.k}`, a.amount);

  const cards = [];
  for (let k = page.from; k < page.to; k++) {
    const values = new Float64Array(s.Hp * s.Wp);
    for (let r = 0; r < s.Hp; r++)
      for (let q = 0; q < s.Wp; q++)
        values[r * s.Wp + q] = fr.dAWritten[r * s.Wp + q]
          ? (fr.dAPad.data[flatOffset(dAShape, [i, r, q, k])] ?? 0)
          : Number.NaN;
    const dAFig: BackwardFigure = {
      key: `dA${k}`,
      kind: 'da',
      caption: `dA_prev_pad[${i},:,:,${k}]`,
      picture: {
        rows: s.Hp,
        cols: s.Wp,
        cell: layout.cell,
        values,
        scale: s.scale.dA,
        text,
        shortText,
        pad,
        padValues: true,
        visitedRows: s.visitedRows,
        visitedCols: s.visitedCols,
        window,
        selected:
          selected?.tensor === 'dA_prev_pad' && selected.i === i && selected.k === k
            ? { row: selected.row, col: selected.col }
            : null,
        notes: (r, q) => {
          const a = touched.get(`${r},${q},${k}`);
          return a === undefined ? null : addText(a, data, 2);
        },
      },
      describe: (r, q) => {
        const name = `dA_prev_pad[${i}, ${r}, ${q}, ${k}]`;
        const v = values[r * s.Wp + q] ?? Number.NaN;
        const head = Number.isNaN(v) ? tUi('cellNotWritten', { name }) : `${name} = ${long(v)}`;
        const inner = onPadding(s, r, q)
          ? t('paddingCropped')
          : `= dA_prev[${i}, ${r - pad}, ${q - pad}, ${k}] (${tUi('flatOffset', { offset: flatOffset([cfg.m, cfg.H, cfg.W, Cin], [i, r - pad, q - pad, k]) })})`;
        const ws = cellWrites(s, { tensor: 'dA_prev_pad', i, row: r, col: q, k });
        const add = touched.get(`${r},${q},${k}`);
        const now = add === undefined ? '' : `\n${tUi('thisStepAdds', { value: addText(add, data) })}`;
        return `${head}\n${inner}\n${t('flatInPad', { offset: flatOffset(dAShape, [i, r, q, k]) })}\n${writtenBy(
          ws.map((x) => x.step),
          writesDone(ws, position),
        )}${now}`;
      },
      onSelect: (r, q) => select({ tensor: 'dA_prev_pad', i, row: r, col: q, k }),
    };

    const wv = new Float64Array(f * f);
    const av = new Float64Array(f * f).fill(Number.NaN);
    const dwv = new Float64Array(f * f).fill(Number.NaN);
    for (let u = 0; u < f; u++)
      for (let v = 0; v < f; v++) {
        wv[u * f + v] = s.data.W.data[flatOffset(dWShape, [u, v, k, c])] ?? 0;
        if (win)
          av[u * f + v] =
            s.A_pad.data[flatOffset(dAShape, [i, win.vertStart + u * dil, win.horiStart + v * dil, k])] ?? 0;
        if (fr.cWritten[c]) dwv[u * f + v] = fr.dW.data[flatOffset(dWShape, [u, v, k, c])] ?? 0;
      }
    const wFig: BackwardFigure = {
      key: `w${k}`,
      kind: 'w',
      caption: 'W',
      label: `W[:,:,${k},${c}]`,
      picture: { rows: f, cols: f, cell: layout.small, values: wv, scale: s.scale.W, text, shortText },
      describe: (u, v) =>
        `W[${u}, ${v}, ${k}, ${c}] = ${long(wv[u * f + v] ?? 0)}\n${tUi('flatOffset', { offset: flatOffset(dWShape, [u, v, k, c]) })}\n${t('multipliesIntoDA')}`,
    };
    const aFig: BackwardFigure = {
      key: `a${k}`,
      kind: 'a',
      caption: 'a_slice',
      label: `a_slice[:,:,${k}]`,
      picture: { rows: f, cols: f, cell: layout.small, values: av, scale: s.scale.A, text, shortText },
      describe: (u, v) => {
        if (!win) return t('noWindowYet');
        const row = win.vertStart + u * dil;
        const col = win.horiStart + v * dil;
        const where = onPadding(s, row, col)
          ? t('paddingZero')
          : `A_prev[${i}, ${row - pad}, ${col - pad}, ${k}], ${tUi('flatOffset', { offset: flatOffset([cfg.m, cfg.H, cfg.W, Cin], [i, row - pad, col - pad, k]) })}`;
        return `a_slice[${u}, ${v}, ${k}] = A_prev_pad[${i}, ${row}, ${col}, ${k}] = ${long(av[u * f + v] ?? 0)}\n${where}\n${t('multipliesIntoDW')}`;
      },
    };
    const dwFig: BackwardFigure = {
      key: `dw${k}`,
      kind: 'dw',
      caption: 'dW',
      label: `dW[:,:,${k},${c}]`,
      picture: {
        rows: f,
        cols: f,
        cell: layout.small,
        values: dwv,
        scale: s.scale.dW,
        text,
        shortText,
        selected:
          selected?.tensor === 'dW' && selected.k === k && selected.c === c
            ? { row: selected.u, col: selected.v }
            : null,
        notes: (u, v) => {
          const a = dwAdded.get(`${u},${v},${k}`);
          return a === undefined ? null : addText(a, data, 2);
        },
      },
      describe: (u, v) => {
        const cell: CellRef = { tensor: 'dW', u, v, k, c };
        const ws = cellWrites(s, cell);
        const val = dwv[u * f + v] ?? Number.NaN;
        const head = Number.isNaN(val)
          ? tUi('cellNotWritten', { name: `dW[${u}, ${v}, ${k}, ${c}]` })
          : `dW[${u}, ${v}, ${k}, ${c}] = ${long(val)}`;
        return `${head}\n${tUi('flatOffset', { offset: flatOffset(dWShape, [u, v, k, c]) })}\n${writtenBy(
          ws.map((x) => x.step),
          writesDone(ws, position),
        )}\n${t('everyWindowOfC', { c })}`;
      },
      onSelect: (u, v) => select({ tensor: 'dW', u, v, k, c }),
    };
    cards.push({ k, dAFig, small: [wFig, aFig, dwFig] });
  }

  // grids of one size side by side decide alike whether their numbers fit: the dA_prev_pad
  // channels together, and W, a_slice and dW of every channel together
  const dAPictures = fitTogether(cards.map((x) => x.dAFig.picture));
  const smallPictures = fitTogether(cards.flatMap((x) => x.small.map((sf) => sf.picture)));
  cards.forEach((x, n) => {
    x.dAFig.picture = dAPictures[n]!;
    x.small.forEach((sf, j) => {
      sf.picture = smallPictures[n * x.small.length + j]!;
    });
  });

  const card = cardSize(dims, layout.cell, layout.small);
  const smallBox = (card.w - 2 * GAP) / 3;

  return (
    <section class="stage bw-stage" aria-labelledby="stage-title">
      <div class="bw-top">
        <StageHead
          i={i}
          c={c}
          channel={tUi('outputChannel')}
          formulas={formulas}
          note={never && t('gradientStays0', { never })}
        />
        {!lecture && <ViewSwitch value={view} onChange={(v) => state.setView(v)} />}
      </div>
      {view === 'walk' && page.pager}
      {view === 'walk' && showPictures(cfg.H, cfg.W) && <ConvBackwardPictures run={s} frame={fr} />}
      <div class="stage-box" ref={ref}>
        {view === 'gather' && <GatherView {...props} width={box.width} height={box.height} />}
        {view === 'overlap' && <OverlapView {...props} width={box.width} height={box.height} />}
        {view === 'walk' && (
          <div class={`bw-grids bw-${layout.arrangement}`} style={{ gap: `${GROUP_GAP}px` }}>
            <div
              class="bw-head"
              style={{
                gap: `${layout.arrangement === 'top' ? GROUP_GAP : GAP}px`,
                width: `${headSize(dims, layout).w}px`,
              }}
            >
              <DzSelect value={dzOf(cfg)} onChange={(dz) => actions.setChoices({ dz })} />
              <BackwardFig f={dzFig} />
              <BackwardFig f={dbFig} />
            </div>
            <div
              class="bw-cards"
              style={{
                gridTemplateColumns: `repeat(${layout.cols}, ${card.w}px)`,
                columnGap: `${CARD_GAP}px`,
                rowGap: `${GAP}px`,
              }}
            >
              {cards.map(({ k, dAFig, small }) => (
                <div key={k} class="bw-card" style={{ gap: `${GAP}px` }}>
                  <BackwardFig f={dAFig} width={card.w} />
                  <div class="bw-small" style={{ gap: `${GAP}px` }}>
                    {small.map((sf) => (
                      <BackwardFig key={sf.key} f={sf} width={smallBox} />
                    ))}
                  </div>
                </div>
              ))}
            </div>
          </div>
        )}
      </div>
      {view === 'walk' && <CellInspector {...props} />}
      {view === 'walk' && (
        <BackwardLegend pad={pad} unvisited={never !== null} dilated={dil > 1} scale={s.scale} />
      )}
    </section>
  );
}
