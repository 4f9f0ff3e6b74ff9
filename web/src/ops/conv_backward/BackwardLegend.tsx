// What the colours and marks on conv_backward's stage mean.

import { LegendItem, LegendList } from '../../ui/Legend';
import { t } from './messages';
import { tUi } from '../../ui/messages';
import { precise } from './text';

export interface BackwardLegendProps {
  pad: number;
  /** some padded row or column is never written */
  unvisited: boolean;
  dilated: boolean;
  /** |value| that gets the full colour: the final gradients' (model.ts, fillScale) */
  scale: { dA: number; dW: number; db: number };
}

export function BackwardLegend({ pad, unvisited, dilated, scale }: BackwardLegendProps) {
  return (
    <LegendList>
      <li class="bw-scale-note">
        {t('gradientScale', {
          dA: precise(scale.dA, 3),
          dW: precise(scale.dW, 3),
          db: precise(scale.db, 3),
        })}
      </li>
      {pad > 0 && <LegendItem swatch="swatch-pad">{t('legendPad')}</LegendItem>}
      {unvisited && <LegendItem swatch="swatch-unvisited">{t('legendNever')}</LegendItem>}
      <LegendItem swatch="swatch-window">{dilated ? t('legendWindowDilated') : t('legendWindow')}</LegendItem>
      <LegendItem swatch="bw-swatch-selected">{t('legendSelected')}</LegendItem>
      <LegendItem swatch="swatch-empty">{tUi('notWrittenYet')}</LegendItem>
    </LegendList>
  );
}
