// What the colours and marks on conv_backward's stage mean.

import { LegendItem, LegendList } from '../../ui/Legend';
import { t } from './messages';
import { tUi } from '../../ui/messages';

export interface BackwardLegendProps {
  pad: number;
  /** some padded row or column is never written */
  unvisited: boolean;
  dilated: boolean;
}

export function BackwardLegend({ pad, unvisited, dilated }: BackwardLegendProps) {
  return (
    <LegendList>
      {pad > 0 && <LegendItem swatch="swatch-pad">{t('legendPad')}</LegendItem>}
      {unvisited && <LegendItem swatch="swatch-unvisited">{t('legendNever')}</LegendItem>}
      <LegendItem swatch="swatch-window">{dilated ? t('legendWindowDilated') : t('legendWindow')}</LegendItem>
      <LegendItem swatch="bw-swatch-selected">{t('legendSelected')}</LegendItem>
      <LegendItem swatch="swatch-empty">{tUi('notWrittenYet')}</LegendItem>
    </LegendList>
  );
}
