// One whole-number input with its seed name, a hint, and the sentence that says why a value
// was refused (beside the input, announced by screen readers). Text input rather than
// type=number so that what was typed, even "abc", reaches the sentence.

export interface NumberFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  error?: string | undefined;
  min: number;
  max: number;
  onInput(text: string): void;
  /** ArrowUp / ArrowDown */
  onNudge(delta: number): void;
}

export function NumberField({ id, label, hint, value, error, min, max, onInput, onNudge }: NumberFieldProps) {
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div class={error ? 'field invalid' : 'field'}>
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
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `${errId} ${hintId}` : hintId}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            onNudge(e.key === 'ArrowUp' ? 1 : -1);
          }
        }}
      />
      {error && (
        <p class="field-error" id={errId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
