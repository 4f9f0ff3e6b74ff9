// How many windows cover each cell of dA_prev_pad: the cell's gradient is a sum of that many
// products per output channel. When the stride does not divide the window's reach, neighbouring
// cells get different counts, and the gradient comes out in a checkerboard.

import { useMemo } from 'preact/hooks';
import { CaptionedGrid } from '../../ui/CaptionedGrid';
import { MARGIN } from '../../ui/drawGrid';
import { cellText, longText, shortCellText } from '../../ui/format';
import { CAPTION, GROUP_GAP } from '../../ui/stageLayout';
import type { ViewProps } from '../../state/operation';
import { gatherInputs, overlapMap, textbookChannel, textbookGeometry } from './gather';
import { gatherTarget } from './GatherView';
import type { ConvBackwardFrame, ConvBackwardRun } from './model';
import type { ConvBackwardState } from './selection';
import { t as tOp } from './messages';

type Props = ViewProps<ConvBackwardRun, ConvBackwardFrame, ConvBackwardState> & {
  width: number;
  height: number;
};

/** The counts away from the edges, where every row is covered as often as it will be. */
function inner(counts: readonly number[], span: number): readonly number[] {
  const mid = counts.slice(span - 1, counts.length - span + 1);
  return mid.length > 0 ? mid : counts;
}

export function OverlapView({ run, frame, state, width, height }: Props) {
  const cfg = run.config;
  const data = cfg.data;
  const { f, stride, pad, dil } = cfg;
  const cell = gatherTarget(run, frame, state);
  const { i, k } = cell;
  const o = useMemo(() => overlapMap(run), [run]);
  const g = useMemo(() => gatherInputs(run), [run]);
  const t = useMemo(() => textbookGeometry(g), [g]);
  const channel = useMemo(() => textbookChannel(g, t, i, k), [g, t, i, k]);
  const span = dil * (f - 1) + 1;
  const distinct = [...new Set([...inner(o.rows, span), ...inner(o.cols, span)])].sort((a, b) => a - b);
  const even = distinct.length <= 1;
  const textH = 150;
  const gridW = Math.floor((width - GROUP_GAP) / 2);
  const cell1 = Math.max(
    6,
    Math.min(
      56,
      Math.floor((gridW - 2 * MARGIN) / run.Wp),
      Math.floor((height - textH - CAPTION - 2 * MARGIN) / run.Hp),
    ),
  );
  const select = (r: number, q: number) => state.select({ tensor: 'dA_prev_pad', i, row: r, col: q, k });
  const long = (v: number) => longText(v, data);
  const reach = dil > 1 ? tOp('reach', { span }) : `f = ${f}`;
  return (
    <div class="bw-overlap" style={{ width: `${width}px`, height: `${height}px` }}>
      <div class="bw-overlap-grids" style={{ gap: `${GROUP_GAP}px` }}>
        <CaptionedGrid
          class="bw-fig bw-fig-overlap"
          caption={tOp('overlapCaption')}
          label={tOp('overlapLabel')}
          picture={{
            rows: run.Hp,
            cols: run.Wp,
            cell: cell1,
            values: o.counts,
            scale: Math.max(1, o.max),
            text: (v) => String(v),
            pad,
            padValues: true,
            selected: { row: cell.row, col: cell.col },
          }}
          describe={(r, q) =>
            tOp('overlapTip', {
              r,
              q,
              rows: o.rows[r] ?? 0,
              cols: o.cols[q] ?? 0,
              n: o.counts[r * run.Wp + q] ?? 0,
              products: (o.counts[r * run.Wp + q] ?? 0) * run.nC,
            })
          }
          onSelect={select}
        />
        <CaptionedGrid
          class="bw-fig bw-fig-da"
          caption={`dA_prev_pad[${i},:,:,${k}]`}
          sub={tOp('endOfWalk')}
          picture={{
            rows: run.Hp,
            cols: run.Wp,
            cell: cell1,
            values: channel,
            scale: run.scale.dA,
            text: (v) => cellText(v, data),
            shortText: (v) => shortCellText(v, data),
            pad,
            padValues: true,
            selected: { row: cell.row, col: cell.col },
          }}
          describe={(r, q) => `dA_prev_pad[${i}, ${r}, ${q}, ${k}] = ${long(channel[r * run.Wp + q] ?? 0)}`}
          onSelect={select}
        />
      </div>
      <div class="bw-overlap-text" style={{ maxHeight: `${textH}px` }}>
        <p>
          <span class="bw-label">{tOp('windowsPerRow')}</span> <span class="bw-mono">{o.rows.join(' ')}</span>
          {'   '}
          <span class="bw-label">{tOp('perColumn')}</span> <span class="bw-mono">{o.cols.join(' ')}</span>
        </p>
        <p>
          {tOp('overlapCell', { n: run.nC })}
          {even
            ? tOp('overlapEven', { stride, reach, n: distinct[0] ?? 0 })
            : tOp('overlapOdd', {
                stride,
                reach,
                list: tOp('and', {
                  list: distinct.slice(0, -1).join(', '),
                  last: distinct[distinct.length - 1] ?? 0,
                }),
              })}
        </p>
      </div>
    </div>
  );
}
