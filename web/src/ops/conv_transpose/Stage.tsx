// conv_transpose's stage for the current sample i and input channel c: X[i,:,:,c] with the cell
// this step spreads, the overlap map (how many windows cover each cell of Y_pad), and for each
// output channel k, Y_pad[i,:,:,k] filling in under the window, with W[:,:,k,c] and Y[i,:,:,k]
// (Y_pad cropped, + b) below it, shown once the sample's loop is over.

import { CaptionedGrid } from '../../ui/CaptionedGrid';
import { useChannelPage } from '../../ui/ChannelPager';
import { useLecture, usePresentCell } from '../../ui/present';
import { cellText, fixed, longText, shortCellText } from '../../ui/format';
import { useStageBox } from '../../ui/useBoxSize';
import type { GridWindow } from '../../ui/drawGrid';
import type { ViewProps } from '../../state/operation';
import { GAP, GROUP_GAP } from '../../ui/stageLayout';
import { StageHead, type SizeFormulas } from '../../ui/StageHead';
import { LegendItem, LegendList } from '../../ui/Legend';
import { flatOffset, stepNumber } from '../../lib/tensor';
import {
  picturedChannels,
  Pictures,
  runId,
  scaleOf,
  showPictures,
  stepsDone,
  type PictureItem,
} from '../../ui/Pictures';
import type { Config } from '../../state/config';
import { isCropped, tapsAt, X_LABELS, type ConvTransposeFrame, type ConvTransposeRun } from './model';
import { CARD_GAP, cardSize, headSize, stackedHead, transposeLayout } from './layout';
import './convTranspose.css';
import { t } from './messages';
import { tUi } from '../../ui/messages';

const MINUS = '\u2212';

/** X[i] and Y[i] as images: the cell of channel c this step spreads, and the window of Y it
 * lands on (Y is Y_pad cropped, + b, as it stands). */
function ConvTransposePictures({ run: s, frame: fr }: { run: ConvTransposeRun; frame: ConvTransposeFrame }) {
  const cfg = s.config;
  const { i, c, win } = fr;
  const id = runId(s);
  const X = s.data.X;
  const items: PictureItem[] = picturedChannels(cfg.Cin, c).map((k) => ({
    name: 'X',
    tensor: X,
    channel: k,
    max: s.scale.X,
    scale: scaleOf(X),
    window: k === c && win ? { row: win.h, col: win.w, span: 1 } : null,
    version: `${id}:${i}`,
  }));
  if (fr.position > 0) {
    // every step of sample i adds to all of Y[i]'s channels
    const done = stepsDone(fr.position, stepNumber(s, i, 0, 0, 0), s.nC * s.nH * s.nW);
    const at = win ? { row: win.vertStart - cfg.pad, col: win.horiStart - cfg.pad, span: s.span } : null;
    for (const k of picturedChannels(cfg.Cout, 0))
      items.push({
        name: 'Y',
        tensor: fr.y,
        channel: k,
        max: s.scale.Y,
        scale: scaleOf(s.full),
        window: at,
        version: `${id}:${i}:${done}`,
      });
  }
  return <Pictures sample={i} items={items} channelCounts={{ X: cfg.Cin, Y: cfg.Cout }} />;
}

/** n_H_out = (n_H − 1)·stride − 2·pad + dilation·(f − 1) + 1 + output_padding, worked out. */
function transposeFormulas(c: Config, op: number, yH: number, yW: number): SizeFormulas {
  const reach = c.dil > 1 ? `${c.dil}·(${c.f} ${MINUS} 1) + 1` : `${c.f}`;
  const one = (name: string, n: number, out: number) =>
    `${name} = (${n} ${MINUS} 1)·${c.stride} ${MINUS} 2·${c.pad} + ${reach} + ${op} = ${out}`;
  return {
    nH: one('n_H_out', c.H, yH),
    nW: one('n_W_out', c.W, yW),
    steps: `${tUi('stepsWord')} = m·n_C·n_H·n_W = ${c.m}·${c.Cin}·${c.H}·${c.W} = ${c.m * c.Cin * c.H * c.W}`,
  };
}

/** What the overlap map says about the cells Y keeps: even, or a checkerboard and why. */
function overlapNote(s: ConvTransposeRun): string | null {
  const seen = new Set<number>();
  for (let r = 0; r < s.Hp; r++)
    for (let q = 0; q < s.Wp; q++) if (!isCropped(s, r, q)) seen.add(s.overlap[r * s.Wp + q] ?? 0);
  seen.delete(0);
  const counts = [...seen].sort((a, b) => a - b);
  if (counts.length <= 1) return null;
  const { f, stride, dil } = s.config;
  const list = t('or', { list: counts.slice(0, -1).join(', '), last: counts[counts.length - 1] ?? 0 });
  const why = dil === 1 && f % stride !== 0 ? t('overlapWhy', { f, stride }) : '';
  return t('overlapNote', { list, why });
}

/** Where the data came from, in the notebook's words. */
function sourceText(s: ConvTransposeRun): string {
  const c = s.config;
  const seed = `np.random.seed(${c.seed})`;
  const ints = c.data === 'ints' ? t('eachInt') : '';
  const dims = (t: readonly number[]) => `(${t.join(', ')})`;
  if (s.xSource === 'z')
    return t('sourceZ', { seed, y: dims(s.yShape), w: dims(s.data.W.shape), cin: c.Cin, ints });
  if (s.xSource === 'ones') return t('sourceOnes', { x: dims(s.data.X.shape), w: dims(s.data.W.shape) });
  return `${seed}; X = randn${dims(s.data.X.shape)}; W = randn${dims(s.data.W.shape)}; b = randn(1, 1, 1, ${c.Cout})${ints}.`;
}

/** The channels presenter mode pages, one at a time (Operation.channelPages): the output's. */
export function outputChannelPages(c: Config): { count: number; what: () => string } {
  return { count: c.Cout, what: () => tUi('outputChannel') };
}

export function ConvTransposeStage({
  run: s,
  frame: fr,
}: ViewProps<ConvTransposeRun, ConvTransposeFrame, undefined>) {
  const [ref, box] = useStageBox<HTMLDivElement>({ width: 900, height: 420 });
  const cfg = s.config;
  const data = cfg.data;
  const { i, c } = fr;
  const { f, pad, dil } = cfg;
  const [, yH, yW] = s.yShape;
  const text = (v: number) => cellText(v, data);
  const shortText = (v: number) => shortCellText(v, data);
  const long = (v: number) => longText(v, data);
  // presenter mode, embeds and phones: one output channel at a time; presenter mode and embeds:
  // no data line
  const lecture = useLecture();
  const pages = outputChannelPages(cfg);
  const page = useChannelPage(pages.count, pages.what());
  const dims = { cards: page.to - page.from, nH: s.nH, nW: s.nW, Hp: s.Hp, Wp: s.Wp, yH, yW, f };
  // presenter mode, embeds and phones: W whole, with its numbers
  const layout = transposeLayout(dims, box.width, box.height, undefined, usePresentCell());
  const win = fr.win;
  const window: GridWindow | null = win
    ? { row: win.vertStart, col: win.horiStart, span: s.span, taps: f, step: dil }
    : null;
  const card = cardSize(dims, layout.cell, layout.small, layout.w);
  const touched = new Map<string, number>();
  for (const a of fr.adds) touched.set(`${a.row},${a.col},${a.k}`, a.amount);
  const windowsAt = (r: number, q: number) => t('windowsAt', { n: s.overlap[r * s.Wp + q] ?? 0 });
  const unreached = s.reachedRows.some((v) => !v) || s.reachedCols.some((v) => !v);

  const xFig = (
    <CaptionedGrid
      class="ct-fig ct-fig-x"
      caption={`X[${i},:,:,${c}]`}
      picture={{
        rows: s.nH,
        cols: s.nW,
        cell: layout.x,
        values: fr.X,
        scale: s.scale.X,
        text,
        shortText,
        marked: win ? { row: win.h, col: win.w } : null,
      }}
      describe={(h, w) =>
        `X[${i}, ${h}, ${w}, ${c}] = ${long(fr.X[h * s.nW + w] ?? 0)}\n${t('spreadBy', { step: stepNumber(s, i, c, h, w), where: `Y_pad[${i}, ${h * cfg.stride}:${h * cfg.stride + s.span}, ${w * cfg.stride}:${w * cfg.stride + s.span}, :]` })}`
      }
    />
  );
  const overlapFig = (
    <CaptionedGrid
      class="ct-fig ct-fig-overlap"
      caption={t('windowsPerCell')}
      label={t('overlapLabel', { max: s.maxOverlap })}
      picture={{
        rows: s.Hp,
        cols: s.Wp,
        cell: layout.overlap,
        values: Float64Array.from(s.overlap),
        scale: s.maxOverlap,
        text: (v) => String(v),
        pad,
        padValues: true,
        window,
      }}
      describe={(r, q) => {
        const rows = tapsAt(r, s.nH, cfg.stride, f, dil).map((x) => x.t);
        const cols = tapsAt(q, s.nW, cfg.stride, f, dil).map((x) => x.t);
        const span = t('rowsCols', { rows: `{${rows.join(', ')}}`, cols: `{${cols.join(', ')}}` });
        return `Y_pad[${i}, ${r}, ${q}, :]: ${windowsAt(r, q)}\n${span}${isCropped(s, r, q) ? `\n${tUi('croppedAtEnd')}` : ''}`;
      }}
    />
  );

  const cards = [];
  for (let k = page.from; k < page.to; k++) {
    const values = new Float64Array(s.Hp * s.Wp);
    for (let r = 0; r < s.Hp; r++)
      for (let q = 0; q < s.Wp; q++)
        values[r * s.Wp + q] = fr.written[r * s.Wp + q]
          ? (fr.yPad.data[flatOffset(fr.yPad.shape, [i, r, q, k])] ?? 0)
          : Number.NaN;
    const wv = new Float64Array(f * f);
    for (let u = 0; u < f; u++)
      for (let v = 0; v < f; v++)
        wv[u * f + v] = s.data.W.data[flatOffset(s.data.W.shape, [u, v, k, c])] ?? 0;
    const yv = new Float64Array(yH * yW);
    for (let r = 0; r < yH; r++)
      for (let q = 0; q < yW; q++)
        yv[r * yW + q] = fr.sampleDone ? (fr.y.data[flatOffset(fr.y.shape, [i, r, q, k])] ?? 0) : Number.NaN;
    const bk = s.data.b.data[k] ?? 0;
    cards.push(
      <div key={k} class="ct-card" style={{ gap: `${GAP}px`, width: `${card.w}px` }}>
        <CaptionedGrid
          class="ct-fig ct-fig-y"
          caption={`Y_pad[${i},:,:,${k}]`}
          width={card.w}
          picture={{
            rows: s.Hp,
            cols: s.Wp,
            cell: layout.cell,
            values,
            scale: s.scale.Y,
            text,
            shortText,
            pad,
            padValues: true,
            visitedRows: s.reachedRows,
            visitedCols: s.reachedCols,
            window,
            notes: (r, q) => {
              const a = touched.get(`${r},${q},${k}`);
              return a === undefined ? null : (a < 0 ? '' : '+') + fixed(a, data === 'ints' ? 0 : 2);
            },
          }}
          describe={(r, q) => {
            const v = values[r * s.Wp + q] ?? Number.NaN;
            const name = `Y_pad[${i}, ${r}, ${q}, ${k}]`;
            const head = Number.isNaN(v) ? tUi('cellNotWritten', { name }) : `${name} = ${long(v)}`;
            const where = isCropped(s, r, q)
              ? tUi('croppedAtEnd')
              : t('becomes', { name: `Y[${i}, ${r - pad}, ${q - pad}, ${k}]`, k });
            const add = touched.get(`${r},${q},${k}`);
            return `${head}\n${where}\n${windowsAt(r, q)}${add === undefined ? '' : `\n${tUi('thisStepAdds', { value: long(add) })}`}`;
          }}
        />
        <div class="ct-small" style={{ gap: `${GAP}px` }}>
          <CaptionedGrid
            class="ct-fig ct-fig-w"
            caption={f * layout.w >= 64 ? `W[:,:,${k},${c}]` : 'W'}
            label={`W[:,:,${k},${c}]`}
            picture={{ rows: f, cols: f, cell: layout.w, values: wv, scale: s.scale.W, text, shortText }}
            describe={(u, v) =>
              `W[${u}, ${v}, ${k}, ${c}] = ${long(wv[u * f + v] ?? 0)}\n${t('timesX', { i, c })}`
            }
          />
          <CaptionedGrid
            class="ct-fig ct-fig-out"
            caption={`Y[${i},:,:,${k}]`}
            label={t('yLabel', { i, k })}
            picture={{
              rows: yH,
              cols: yW,
              cell: layout.small,
              values: yv,
              scale: s.scale.Y,
              text,
              shortText,
            }}
            describe={(r, q) =>
              fr.sampleDone
                ? `Y[${i}, ${r}, ${q}, ${k}] = Y_pad[${i}, ${r + pad}, ${q + pad}, ${k}] + b[${k}] = ${long(yv[r * yW + q] ?? 0)}\nb[${k}] = ${long(bk)}`
                : t('cropLater', { name: `Y[${i}, ${r}, ${q}, ${k}]`, i })
            }
          />
        </div>
      </div>,
    );
  }

  return (
    <section class="stage ct-stage" aria-labelledby="stage-title">
      <StageHead
        i={i}
        c={c}
        channel={tUi('inputChannel')}
        formulas={transposeFormulas(cfg, s.outputPadding, yH, yW)}
        note={overlapNote(s)}
      />
      {!lecture && (
        <p class="ct-source" title={X_LABELS[s.xSource].hint}>
          <b>{t('data')}</b> {sourceText(s)}
        </p>
      )}
      {page.pager}
      {showPictures(cfg.H, cfg.W) && <ConvTransposePictures run={s} frame={fr} />}
      <div class="stage-box" ref={ref}>
        <div class={`ct-grids ct-${layout.arrangement}`} style={{ gap: `${GROUP_GAP}px` }}>
          <div
            class="ct-head"
            style={{
              gap: `${stackedHead(layout.arrangement) ? GAP : GROUP_GAP}px`,
              width: `${headSize(dims, layout).w}px`,
            }}
          >
            {xFig}
            {overlapFig}
          </div>
          <div
            class="ct-cards"
            style={{
              gridTemplateColumns: `repeat(${layout.cols}, ${card.w}px)`,
              columnGap: `${CARD_GAP}px`,
              rowGap: `${GAP}px`,
            }}
          >
            {cards}
          </div>
        </div>
      </div>
      <LegendList>
        {pad > 0 && <LegendItem swatch="swatch-pad">{t('legendPad')}</LegendItem>}
        {unreached && <LegendItem swatch="swatch-unvisited">{t('legendNoWindow')}</LegendItem>}
        <LegendItem swatch="swatch-window">{t('legendWindow')}</LegendItem>
        <LegendItem swatch="swatch-empty">{tUi('notWrittenYet')}</LegendItem>
      </LegendList>
    </section>
  );
}
