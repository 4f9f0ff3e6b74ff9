// One whole-number input with its seed name, a hint, and the sentence that says why a value
// was refused (beside the input, announced by screen readers). Text input rather than
// type=number so that what was typed, even "abc", reaches the sentence.

export interface NumberFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  error?: string | undefined;
  /** the id of a sentence elsewhere that refuses this field's value along with others' */
  refusedBy?: string | undefined;
  /** the error is the C library's sentence about several fields (class combo-error) */
  comboError?: boolean;
  min: number;
  max: number;
  onInput(text: string): void;
  /** ArrowUp / ArrowDown */
  onNudge(delta: number): void;
}

export function NumberField(p: NumberFieldProps) {
  const { id, label, hint, value, error, refusedBy, comboError, min, max, onInput, onNudge } = p;
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const refused = error ? errId : refusedBy;
  return (
    <div class={refused ? 'field invalid' : 'field'}>
      <label for={id}>
        <span class="field-name">{label}</span>
        <span class="field-hint" id={hintId}>
          {hint} · {min}–{max}
        </span>
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellcheck={false}
        value={value}
        aria-invalid={refused ? 'true' : 'false'}
        aria-describedby={refused ? `${refused} ${hintId}` : hintId}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            onNudge(e.key === 'ArrowUp' ? 1 : -1);
          }
        }}
      />
      {error && (
        <p class={comboError ? 'field-error combo-error' : 'field-error'} id={errId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
