// pool_forward's stage for the current sample i and channel c: the window sliding over
// A_prev[i, :, :, c] (one channel at a time, as the loop runs), its maximum ringed (every tied
// maximum), and A[i, :, :, c] filling in. The window's numbers are in the arithmetic panel.

import type { CellHighlight } from '../../ui/drawGrid';
import { poolChoices } from '../pool/choices';
import type { ViewProps } from '../../state/operation';
import type { PoolForwardFrame, PoolForwardRun } from './model';
import { tipA } from './tips';
import { GROUP_GAP } from '../../ui/stageLayout';
import { PoolFig } from '../pool/PoolFig';
import { bestArrangement, type Arrangement } from '../pool/layout';
import {
  AprevFig,
  aPrevPictures,
  PoolStageFrame,
  poolStageTexts,
  poolWindow,
  usePoolStageBox,
} from '../pool/PoolStage';
import { outputSoFar, stepNumber } from '../../lib/tensor';
import { picturedChannels, Pictures, runId, scaleOf, showPictures, stepsDone } from '../../ui/Pictures';

/** A_prev[i] and the channels of A[i] as images, the window marked on channel c. */
function PoolForwardPictures({ run: s, frame: fr }: { run: PoolForwardRun; frame: PoolForwardFrame }) {
  const { i, c } = fr;
  const items = aPrevPictures(s, i, c, fr.win);
  if (fr.out !== null) {
    const A = outputSoFar(fr.out, fr.position);
    for (const k of picturedChannels(s.nC, c))
      items.push({
        name: 'A',
        tensor: A,
        channel: k,
        max: s.scale.A,
        scale: scaleOf(s.A_final),
        window: k === c && fr.win ? { row: fr.win.h, col: fr.win.w, span: 1 } : null,
        version: `${runId(s)}:${i}:${stepsDone(fr.position, stepNumber(s, i, k, 0, 0), s.nH * s.nW)}`,
      });
  }
  return <Pictures sample={i} items={items} channelCounts={{ A: s.nC }} />;
}

export function PoolForwardStage({
  run: s,
  frame: fr,
}: ViewProps<PoolForwardRun, PoolForwardFrame, unknown>) {
  const [ref, box] = usePoolStageBox();
  const cfg = s.config;
  const { mode } = poolChoices(cfg);
  const { i, c } = fr;
  const texts = poolStageTexts(s);
  const { text, shortText } = texts;

  const aDims = { rows: cfg.H, cols: cfg.W, caption: `A_prev[${i},:,:,${c}]` };
  const oDims = { rows: s.nH, cols: s.nW, caption: `A[${i},:,:,${c}]` };
  const arrangements: Arrangement[] = [[[aDims, oDims]], [[aDims], [oDims]]];
  const { index, cell } = bestArrangement(arrangements, box.width, box.height);
  const highlights: CellHighlight[] = [];
  if (fr.win && mode === 'max')
    fr.mask.forEach((m, j) => {
      if (m === 1)
        highlights.push({
          row: fr.win!.vertStart + Math.floor(j / cfg.f),
          col: fr.win!.horiStart + (j % cfg.f),
          kind: 'hit',
        });
    });

  const outFig = (
    <PoolFig
      kind="out"
      caption={`A[${i},:,:,${c}]`}
      picture={{
        rows: s.nH,
        cols: s.nW,
        cell,
        values: fr.A,
        scale: s.scale.A,
        text,
        shortText,
        marked: fr.win ? { row: fr.win.h, col: fr.win.w } : null,
      }}
      describe={(h, w) => tipA(s, fr, h, w)}
    />
  );

  return (
    <PoolStageFrame
      i={i}
      c={c}
      texts={texts}
      boxRef={ref}
      marks={mode === 'max' ? ['max'] : []}
      pictures={showPictures(cfg.H, cfg.W) && <PoolForwardPictures run={s} frame={fr} />}
    >
      <div class={index === 0 ? 'pool-row' : 'pool-col'} style={{ gap: `${GROUP_GAP}px` }}>
        <AprevFig
          s={s}
          i={i}
          c={c}
          cell={cell}
          values={fr.a}
          window={poolWindow(fr.win, cfg.f)}
          highlights={highlights}
        />
        {outFig}
      </div>
    </PoolStageFrame>
  );
}
