// conv_transpose's own choices under the layer's sizes: output_padding (in the link as outpad)
// and where X comes from (x). Each applies at once; the C library refuses an output_padding that
// is not below the stride or the dilation, with its sentence under the form.

import type { Config } from '../../state/config';
import type { OpActions } from '../../state/operation';
import { OUTPUT_PADDINGS, outputPaddingOf, X_SOURCES, xSourceOf } from './info';
import { X_LABELS } from './model';
import './convTranspose.css';
import { t } from './messages';

export function ConvTransposeControls({ config, actions }: { config: Config; actions: OpActions }) {
  const x = xSourceOf(config);
  return (
    <div class="ct-controls">
      <label class="ct-outpad">
        <span>
          output_padding <span class="radio-hint">{t('outpadHint')}</span>
        </span>
        <select
          value={String(outputPaddingOf(config))}
          onChange={(e) => actions.setChoices({ outpad: (e.currentTarget as HTMLSelectElement).value })}
        >
          {OUTPUT_PADDINGS.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="data-kind">
        <legend>{t('xLegend')}</legend>
        {X_SOURCES.map((s) => (
          <label key={s}>
            <input
              type="radio"
              name="ct-x"
              value={s}
              checked={x === s}
              onChange={() => actions.setChoices({ x: s })}
            />
            <span>
              {X_LABELS[s].label} <span class="radio-hint">{X_LABELS[s].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
