// The left column: the layer's sizes, the data, presets. Every input is checked as it is typed;
// a refused value gets a sentence beside it and the stage keeps the last valid configuration.

import { useStore } from '../ui/context';
import type { ComponentChildren } from 'preact';
import { FIELDS, sameConfig, type FieldKey, type Preset } from '../state/config';
import { NumberField } from '../ui/NumberField';
import { tApp } from './messages';

export interface ParamFormProps {
  /** the layer fields this op uses, in order */
  fields: readonly FieldKey[];
  /** labels and hints the op gives some fields instead of FIELDS' */
  names?: Partial<Record<FieldKey, { label: string; hint: string }>>;
  /** the op's presets */
  presets: readonly Preset[];
  /** the op's own choices (pooling's mode, ...), shown under the layer's sizes */
  controls?: ComponentChildren;
}

export function ParamForm({ fields, names, presets, controls }: ParamFormProps) {
  const store = useStore();
  const drafts = store.drafts.value;
  const errors = store.fieldErrors.value;
  const combo = store.comboError.value;
  const config = store.config.value;
  const dataKind = store.dataKind.value;
  const pending = Object.keys(errors).length > 0 || combo !== null;
  // the fields the C library's sentence is about: those typed away from what the stage uses;
  // the sentence goes beside the first, and all of them are marked
  const refused =
    combo === null
      ? []
      : fields.filter((k) => errors[k] === undefined && drafts[k].trim() !== String(config[k]));
  const comboAt = refused[0];

  const field = (key: FieldKey) => {
    const spec = { ...FIELDS[key], ...names?.[key] };
    const isRefused = refused.includes(key);
    return (
      <NumberField
        key={key}
        id={`field-${key}`}
        label={spec.label}
        hint={spec.hint}
        min={spec.min}
        max={spec.max}
        value={drafts[key]}
        error={key === comboAt && combo !== null ? combo : errors[key]}
        comboError={key === comboAt && combo !== null}
        refusedBy={isRefused && key !== comboAt ? `field-${comboAt}-error` : undefined}
        onInput={(t) => store.setField(key, t)}
        onNudge={(d) => store.nudgeField(key, d)}
      />
    );
  };

  return (
    <form class="params" aria-labelledby="params-title" onSubmit={(e) => e.preventDefault()} noValidate>
      <h2 id="params-title">{tApp('layer')}</h2>
      <div class="fields">{fields.map(field)}</div>
      {combo !== null && comboAt === undefined && (
        <p class="combo-error" role="alert">
          {combo}
        </p>
      )}
      {pending && (
        <p class="pending">
          {refused.length > 0
            ? tApp('keepsLastWith', {
                values: refused.map((k) => `${FIELDS[k].label} = ${config[k]}`).join(', '),
              })
            : `${tApp('keepsLast')}.`}
        </p>
      )}
      {controls}

      <h2>{tApp('data')}</h2>
      <div class="fields fields-wide">{field('seed')}</div>
      <fieldset class="data-kind">
        <legend>{tApp('values')}</legend>
        <label>
          <input
            type="radio"
            name="data"
            value="gauss"
            checked={dataKind === 'gauss'}
            onChange={() => store.setDataKind('gauss')}
          />
          <span>
            {tApp('gaussian')} <span class="radio-hint">{tApp('gaussianHint')}</span>
          </span>
        </label>
        <label>
          <input
            type="radio"
            name="data"
            value="ints"
            checked={dataKind === 'ints'}
            onChange={() => store.setDataKind('ints')}
          />
          <span>
            {tApp('smallInts')} <span class="radio-hint">{tApp('intsRule')}</span>
          </span>
        </label>
      </fieldset>

      <h2>{tApp('presets')}</h2>
      <ul class="presets">
        {presets.map((p, i) => (
          <li key={i}>
            <button
              type="button"
              aria-pressed={sameConfig(p.config, config, store.registry.choices)}
              onClick={() => store.applyConfig(p.config)}
            >
              {p.name}
            </button>
            <span class="preset-why">{p.why}</span>
          </li>
        ))}
      </ul>
    </form>
  );
}
