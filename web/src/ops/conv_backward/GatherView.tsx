// conv_backward's stage, gathered: one cell of dA_prev_pad and every product that ends up in it
// (the steps that add them: click one to go there), their sum, and beside it the textbook's
// form of the same sum: dZ with zeros put in, convolved with W rotated by 180°.

import { useMemo, useState } from 'preact/hooks';
import { CaptionedGrid } from '../../ui/CaptionedGrid';
import { MARGIN } from '../../ui/drawGrid';
import { cellText, longText, shortCellText } from '../../ui/format';
import { CAPTION } from '../../ui/stageLayout';
import type { ViewProps } from '../../state/operation';
import { flatOffset } from '../../lib/tensor';
import {
  dilatedDz,
  gatherCell,
  gatherInputs,
  rotatedFilter,
  textbookCell,
  textbookChannel,
  textbookGeometry,
  type PadCell,
} from './gather';
import { onPadding, type ConvBackwardFrame, type ConvBackwardRun } from './model';
import type { ConvBackwardState } from './selection';
import { precise } from './text';
import { t as tOp } from './messages';

type Props = ViewProps<ConvBackwardRun, ConvBackwardFrame, ConvBackwardState> & {
  width: number;
  height: number;
};

/** The cell the gather shows: the selected dA_prev_pad cell, else the first cell of the image. */
export function gatherTarget(
  run: ConvBackwardRun,
  frame: ConvBackwardFrame,
  state: ConvBackwardState,
): PadCell {
  const s = state.selected.value;
  if (s?.tensor === 'dA_prev_pad') return { i: s.i, row: s.row, col: s.col, k: s.k };
  const p = run.config.pad;
  return { i: frame.i, row: p, col: p, k: 0 };
}

/** Cells as large as fit `cells` across `w` and down `h`, within reason. */
function cellFor(cols: number, rows: number, w: number, h: number, max = 46): number {
  return Math.max(
    6,
    Math.min(max, Math.floor((w - 2 * MARGIN) / cols), Math.floor((h - CAPTION - 2 * MARGIN) / rows)),
  );
}

const zerosText = (n: number) => tOp('zeros', { n });

export function GatherView({ run, frame, state, actions, width, height }: Props) {
  const cfg = run.config;
  const data = cfg.data;
  const { f, dil, stride, pad } = cfg;
  const long = (v: number) => longText(v, data);
  const text = (v: number) => cellText(v, data);
  const shortText = (v: number) => shortCellText(v, data);
  const cell = gatherTarget(run, frame, state);
  const { i, row, col, k } = cell;
  const g = useMemo(() => gatherInputs(run), [run]);
  const t = useMemo(() => textbookGeometry(g), [g]);
  const gathered = useMemo(() => gatherCell(g, cell), [g, i, row, col, k]);
  const book = useMemo(() => textbookCell(g, t, cell), [g, t, i, row, col, k]);
  const channel = useMemo(() => textbookChannel(g, t, i, k), [g, t, i, k]);
  // The dZ channel the textbook grid shows: the one on stage unless a person picks another.
  const [cPicked, setC] = useState<number | null>(null);
  const c = cPicked !== null && cPicked < run.nC ? cPicked : frame.c;
  const grid = useMemo(() => dilatedDz(g, t, i, c), [g, t, i, c]);
  const rot = useMemo(() => rotatedFilter(g, k, c), [g, k, c]);

  const y = row - pad;
  const x = col - pad;
  const inPad = onPadding(run, row, col);
  const batch = inPad ? null : (run.full.dA_prev.data[flatOffset(run.full.dA_prev.shape, [i, y, x, k])] ?? 0);
  const name = `dA_prev_pad[${i}, ${row}, ${col}, ${k}]`;
  const alias = inPad ? tOp('inPaddingCropped') : `= dA_prev[${i}, ${y}, ${x}, ${k}]`;
  const forC = book.taps.filter((p) => p.c === c);
  const sumC = forC.reduce((s, p) => s + p.x * p.wRot, 0);
  const position = frame.position;
  const directName = dil > 1 ? 'dil·(f−1)−pad' : 'f−1−pad';

  // Two rows: the cell picked and its products; the textbook's form under them.
  const topH = Math.floor((height - 12) * 0.52);
  const pickCell = cellFor(run.Wp, run.Hp, width * 0.4, topH);
  const bookCell = cellFor(t.cols.size, t.rows.size, width * 0.4, height - 12 - topH);
  // The rotated filter: its numbers readable even when the spread-out dZ's are not.
  const rotCell = Math.min(Math.max(bookCell, 40), Math.floor(120 / f));
  const select = (r: number, q: number) => state.select({ tensor: 'dA_prev_pad', i, row: r, col: q, k });
  const channelOptions = (n: number) => Array.from({ length: n }, (_, j) => j);

  return (
    <div class="bw-gather" style={{ width: `${width}px`, height: `${height}px` }}>
      <div class="bw-gather-row" style={{ height: `${topH}px` }}>
        <CaptionedGrid
          class="bw-fig bw-fig-da"
          caption={`dA_prev_pad[${i},:,:,${k}]`}
          sub={tOp('endOfWalk')}
          picture={{
            rows: run.Hp,
            cols: run.Wp,
            cell: pickCell,
            values: channel,
            scale: run.scale.dA,
            text,
            shortText,
            pad,
            padValues: true,
            selected: { row, col },
          }}
          describe={(r, q) =>
            `dA_prev_pad[${i}, ${r}, ${q}, ${k}] = ${long(channel[r * run.Wp + q] ?? 0)}\n${tOp('clickToGather')}`
          }
          onSelect={select}
        />
        <div class="bw-gather-right">
          <header class="bw-gather-head">
            <h3>
              {name} <span class="bw-label">{alias}</span>
            </h3>
            <label>
              {tOp('channelK')}{' '}
              <select
                value={k}
                aria-label={tOp('dAChannelK')}
                onChange={(e) =>
                  state.select({
                    tensor: 'dA_prev_pad',
                    i,
                    row,
                    col,
                    k: Number((e.currentTarget as HTMLSelectElement).value),
                  })
                }
              >
                {channelOptions(cfg.Cin).map((j) => (
                  <option key={j} value={j}>
                    {j}
                  </option>
                ))}
              </select>
            </label>
          </header>
          <p class="bw-gather-why">{tOp('gatheredWhy', { n: gathered.windows, i, k })}</p>
          <div class="bw-writes bw-gather-list">
            <table aria-label={tOp('gatheredOf', { name })}>
              <thead>
                <tr>
                  <th scope="col">{tOp('colStep')}</th>
                  <th scope="col">c</th>
                  <th scope="col">h,w</th>
                  <th scope="col">u,v</th>
                  <th scope="col">dZ</th>
                  <th scope="col">× W</th>
                  <th scope="col">{tOp('colProduct')}</th>
                  <th scope="col">{tOp('colSum')}</th>
                </tr>
              </thead>
              <tbody>
                {gathered.terms.map((p) => (
                  <tr
                    key={p.step}
                    class={`${p.step === position ? 'now' : p.step < position ? 'done' : 'later'}${p.c === c ? ' bw-on-c' : ''}`}
                  >
                    <td>
                      <button
                        type="button"
                        onClick={() => actions.seek(p.step)}
                        title={tOp('goToStep', { step: p.step })}
                      >
                        {p.step}
                      </button>
                    </td>
                    <td>{p.c}</td>
                    <td>
                      {p.h},{p.w}
                    </td>
                    <td>
                      {p.u},{p.v}
                    </td>
                    <td>{long(p.dz)}</td>
                    <td>{long(p.weight)}</td>
                    <td>{long(p.product)}</td>
                    <td>{long(p.sum)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {gathered.terms.length === 0 && <p class="bw-hint">{tOp('noWindowCovers')}</p>}
          </div>
          <dl class="bw-gather-sums">
            <dt>{tOp('sumOfProducts', { n: gathered.terms.length })}</dt>
            <dd class="bw-gather-sum" data-value={gathered.sum}>
              {precise(gathered.sum)}
            </dd>
            <dt>
              {tOp('scatter', { total: run.total })}
              {batch === null ? '' : tOp('batchKernel')}
            </dt>
            <dd data-value={batch ?? gathered.sum}>{precise(batch ?? gathered.sum)}</dd>
            <dt>{tOp('textbook')}</dt>
            <dd class="bw-gather-book-sum" data-value={book.sum}>
              {precise(book.sum)}
            </dd>
          </dl>
        </div>
      </div>
      <div class="bw-gather-row bw-gather-bookrow">
        <div class="bw-gather-book">
          <CaptionedGrid
            class="bw-fig bw-fig-dz"
            caption={tOp('spreadOut', { i, c })}
            label={tOp('zerosPutIn', { i, c })}
            picture={{
              rows: t.rows.size,
              cols: t.cols.size,
              cell: bookCell,
              values: grid,
              scale: run.scale.dZ,
              text,
              shortText,
              pad: t.rows.before === t.cols.before ? t.rows.before : 0,
              window: { row, col, span: t.span, taps: f, step: dil },
              highlights: forC
                .filter((p) => p.isDz)
                .map((p) => ({ row: p.row, col: p.col, kind: 'hit' as const })),
            }}
            describe={(r, q) => {
              const dr = r - t.rows.before;
              const dq = q - t.cols.before;
              const real =
                dr >= 0 &&
                dq >= 0 &&
                dr % stride === 0 &&
                dq % stride === 0 &&
                dr / stride < run.nH &&
                dq / stride < run.nW;
              return real
                ? `dZ[${i}, ${dr / stride}, ${dq / stride}, ${c}] = ${long(grid[r * t.cols.size + q] ?? 0)}`
                : tOp('aZeroPutIn');
            }}
          />
          <CaptionedGrid
            class="bw-fig bw-fig-w"
            caption={`W_rot[:,:,${c},${k}]`}
            label={`W_rot[:,:,${c},${k}] = W[::-1, ::-1, ${k}, ${c}]`}
            width={130}
            picture={{ rows: f, cols: f, cell: rotCell, values: rot, scale: run.scale.W, text, shortText }}
            describe={(u, v) =>
              `W_rot[${u}, ${v}, ${c}, ${k}] = W[${f - 1 - u}, ${f - 1 - v}, ${k}, ${c}] = ${long(rot[u * f + v] ?? 0)}`
            }
          />
        </div>
        <div class="bw-gather-book-text">
          <p>
            {tOp('bookBefore', {
              i,
              c,
              between: zerosText(t.rows.between),
              around: zerosText(t.rows.before),
            })}
            {t.rows.unreached + t.cols.unreached > 0 &&
              tOp('bookUnreached', { rows: t.rows.unreached, cols: t.cols.unreached })}
            {tOp('bookMiddle')}
            {dil > 1 && tOp('bookTaps', { dil })}
            {tOp('bookWindow', { row, col })}
            <b>{precise(sumC, 6)}</b> {tOp('bookForChannel')}{' '}
            <select
              value={c}
              aria-label={tOp('dzChannelShown')}
              onChange={(e) => setC(Number((e.currentTarget as HTMLSelectElement).value))}
            >
              {channelOptions(run.nC).map((j) => (
                <option key={j} value={j}>
                  {j}
                </option>
              ))}
            </select>
            {tOp('bookSummed', { n: run.nC })}
          </p>
          <p>
            {t.direct >= 0
              ? tOp('bookDirect', { name: directName, n: t.direct })
              : tOp('bookCropped', { name: directName, n: t.direct.toString().replace('-', '−') })}
          </p>
        </div>
      </div>
    </div>
  );
}
