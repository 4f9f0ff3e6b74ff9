// conv_forward's stage for the current sample i and output channel c: A_prev (padded, one grid
// per input channel) with the window on every channel, W[:, :, :, c] and b[c], and
// Z[i, :, :, c] filling in. The window's numbers are in the arithmetic panel.

import { useMemo } from 'preact/hooks';
import { channelOf, flatOffset, stepNumber } from '../../lib/tensor';
import type { ViewProps } from '../../state/operation';
import { CaptionedGrid } from '../../ui/CaptionedGrid';
import type { GridPicture, GridWindow } from '../../ui/drawGrid';
import { cellText, longText, shortCellText } from '../../ui/format';
import { GAP, GROUP_GAP } from '../../ui/stageLayout';
import { StageHead } from '../../ui/StageHead';
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
import { useStageBox } from '../../ui/useBoxSize';
import { useChannelPage } from '../../ui/ChannelPager';
import { usePresentCell } from '../../ui/present';
import { unvisitedNote } from '../../lib/geometry';
import { convFormulas } from '../conv/formula';
import { inputChannelPages } from '../conv/layer';
import { Legend } from '../conv/Legend';
import { stageLayout } from './layout';
import type { ConvForwardRun, ConvFrame } from './model';
import { tUi } from '../../ui/messages';

interface Figure {
  key: string;
  caption: string;
  picture: GridPicture;
  describe?: (row: number, col: number) => string | null;
  kind: 'a' | 'w' | 'b' | 'z';
}

function Fig({ f }: { f: Figure }) {
  return (
    <CaptionedGrid class={`grid-${f.kind}`} caption={f.caption} picture={f.picture} describe={f.describe} />
  );
}

function offsetText(shape: readonly number[], idx: readonly number[]): string {
  return tUi('flatOffset', { offset: flatOffset(shape, idx) });
}

export function ConvForwardStage({ run: s, frame: fr }: ViewProps<ConvForwardRun, ConvFrame, unknown>) {
  const cfg = s.config;
  const { i, c } = fr;
  const text = (v: number) => cellText(v, cfg.data);
  const shortText = (v: number) => shortCellText(v, cfg.data);
  const [ref, box] = useStageBox<HTMLDivElement>({ width: 900, height: 520 });
  // presenter mode: one input channel at a time
  const pages = inputChannelPages(cfg);
  const page = useChannelPage(pages.count, pages.what());
  // presenter mode and embeds: W and b whole, with their numbers
  const smallCell = usePresentCell();
  const layout = stageLayout(
    { channels: page.to - page.from, Hp: s.Hp, Wp: s.Wp, f: cfg.f, nH: s.nH, nW: s.nW },
    box.width,
    box.height,
    undefined,
    smallCell,
  );
  const cell = layout.cell;
  const formulas = convFormulas(cfg);
  const note = unvisitedNote(s.visitedRows, s.visitedCols);

  const win: GridWindow | null = fr.win
    ? { row: fr.win.vertStart, col: fr.win.horiStart, span: s.span, taps: cfg.f, step: cfg.dil }
    : null;

  const aFigs: Figure[] = [];
  const wFigs: Figure[] = [];
  // A_pad's channels on stage, copied once per sample and page, not in every frame
  const planes = useMemo(() => {
    const out: Float64Array[] = [];
    for (let k = page.from; k < page.to; k++) out.push(channelOf(s.A_pad, i, k));
    return out;
  }, [s.A_pad, i, page.from, page.to]);
  for (let k = page.from; k < page.to; k++) {
    const a = planes[k - page.from] ?? new Float64Array(s.Hp * s.Wp);
    aFigs.push({
      key: `a${k}`,
      kind: 'a',
      caption: `A_prev[${i},:,:,${k}]`,
      picture: {
        rows: s.Hp,
        cols: s.Wp,
        cell,
        values: a,
        scale: s.scale.A,
        text,
        shortText,
        pad: cfg.pad,
        visitedRows: s.visitedRows,
        visitedCols: s.visitedCols,
        window: win,
      },
      describe: (r, q) => {
        const h = r - cfg.pad;
        const w = q - cfg.pad;
        const where = `A_prev_pad[${i}, ${r}, ${q}, ${k}]`;
        if (h < 0 || w < 0 || h >= cfg.H || w >= cfg.W)
          return `${where} = 0\n${tUi('cellPadding', { name: 'A_prev' })}`;
        return `A_prev[${i}, ${h}, ${w}, ${k}] = ${longText(a[r * s.Wp + q] ?? 0, cfg.data)}\n${where}\n${offsetText([cfg.m, cfg.H, cfg.W, cfg.Cin], [i, h, w, k])}`;
      },
    });
    const wv = new Float64Array(cfg.f * cfg.f);
    for (let u = 0; u < cfg.f; u++)
      for (let v = 0; v < cfg.f; v++)
        wv[u * cfg.f + v] = s.data.W.data[((u * cfg.f + v) * cfg.Cin + k) * cfg.Cout + c] ?? 0;
    wFigs.push({
      key: `w${k}`,
      kind: 'w',
      caption: `W[:,:,${k},${c}]`,
      picture: {
        rows: cfg.f,
        cols: cfg.f,
        cell: layout.wCell,
        values: wv,
        scale: s.scale.W,
        text,
        shortText,
      },
      describe: (u, v) =>
        `W[${u}, ${v}, ${k}, ${c}] = ${longText(wv[u * cfg.f + v] ?? 0, cfg.data)}\n${offsetText([cfg.f, cfg.f, cfg.Cin, cfg.Cout], [u, v, k, c])}`,
    });
  }
  const bFig: Figure = {
    key: 'b',
    kind: 'b',
    caption: `b[${c}]`,
    picture: { rows: 1, cols: 1, cell: layout.wCell, values: [fr.bias], scale: s.scale.W, text, shortText },
    describe: () => `b[0, 0, 0, ${c}] = ${longText(fr.bias, cfg.data)}`,
  };
  const zFig: Figure = {
    key: 'z',
    kind: 'z',
    caption: `Z[${i},:,:,${c}]`,
    picture: {
      rows: s.nH,
      cols: s.nW,
      cell,
      values: fr.Z,
      scale: s.scale.Z,
      text,
      shortText,
      marked: fr.win ? { row: fr.win.h, col: fr.win.w } : null,
    },
    describe: (h, w) => {
      const v = fr.Z[h * s.nW + w] ?? Number.NaN;
      const at = stepNumber(s, i, c, h, w);
      const name = `Z[${i}, ${h}, ${w}, ${c}]`;
      const head = Number.isNaN(v)
        ? tUi('cellNotComputed', { name, step: at })
        : tUi('cellAtStep', { name, value: longText(v, cfg.data), step: at });
      return `${head}\n${offsetText([cfg.m, s.nH, s.nW, cfg.Cout], [i, h, w, c])}`;
    },
  };

  const aGroup = (
    <div
      class="group group-a"
      style={{ gridTemplateColumns: `repeat(${layout.aCols}, auto)`, gap: `${GAP}px` }}
    >
      {aFigs.map((f) => (
        <Fig key={f.key} f={f} />
      ))}
    </div>
  );
  const wGroup = (
    <div
      class="group group-w"
      style={{ gridTemplateColumns: `repeat(${layout.wCols}, auto)`, gap: `${GAP}px` }}
    >
      {wFigs.map((f) => (
        <Fig key={f.key} f={f} />
      ))}
    </div>
  );
  const bz = (
    <div class="group-row" style={{ gap: `${GROUP_GAP}px` }}>
      <Fig f={bFig} />
      <Fig f={zFig} />
    </div>
  );

  return (
    <section class="stage" aria-labelledby="stage-title">
      <StageHead i={i} c={c} channel={tUi('outputChannel')} formulas={formulas} note={note} />
      {page.pager}
      {showPictures(cfg.H, cfg.W) && <ConvForwardPictures run={s} frame={fr} />}
      <div class="stage-box" ref={ref}>
        {layout.arrangement === 'stacked' ? (
          <div class="stage-grids stacked" style={{ gap: `${GROUP_GAP}px` }}>
            {aGroup}
            <div class="group-row" style={{ gap: `${GROUP_GAP}px` }}>
              {wGroup}
              {bz}
            </div>
          </div>
        ) : (
          <div class="stage-grids side" style={{ gap: `${GROUP_GAP}px` }}>
            {aGroup}
            <div class="group-col" style={{ gap: `${GROUP_GAP}px` }}>
              {wGroup}
              {bz}
            </div>
          </div>
        )}
      </div>
      <Legend pad={cfg.pad} unvisited={note !== null} dilated={cfg.dil > 1} />
    </section>
  );
}

/** A_prev[i] and the channels of Z[i] as images, the window marked: what the numbers look like. */
function ConvForwardPictures({ run: s, frame: fr }: { run: ConvForwardRun; frame: ConvFrame }) {
  const cfg = s.config;
  const { i, c } = fr;
  const id = runId(s);
  const A = s.data.A_prev;
  const aWin = fr.win
    ? { row: fr.win.vertStart - cfg.pad, col: fr.win.horiStart - cfg.pad, span: s.span }
    : null;
  const items: PictureItem[] = inputChannels(A, 0).map((k) => ({
    name: 'A_prev',
    tensor: A,
    channel: k,
    max: s.scale.A,
    scale: scaleOf(A),
    window: aWin,
    version: `${id}:${i}`,
  }));
  const Z = fr.zSoFar?.() ?? null;
  if (Z !== null)
    for (const k of picturedChannels(cfg.Cout, c))
      items.push({
        name: 'Z',
        tensor: Z,
        channel: k,
        max: s.scale.Z,
        scale: scaleOf(s.Z_final),
        window: k === c && fr.win ? { row: fr.win.h, col: fr.win.w, span: 1 } : null,
        // cells of Z[i,:,:,k] written so far
        version: `${id}:${i}:${stepsDone(fr.position, stepNumber(s, i, k, 0, 0), s.nH * s.nW)}`,
      });
  return <Pictures sample={i} items={items} channelCounts={{ Z: cfg.Cout }} />;
}
