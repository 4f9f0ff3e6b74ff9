// Step back and forth, play and pause, scrub: one window of the loop nest per step.
// Keys (anywhere outside a text field): space, ← →, Home, End.

import { useStore } from '../ui/context';
import { SPEEDS } from '../state/speeds';
import { Icon } from '../ui/icons';

export function Transport() {
  const store = useStore();
  const position = store.position.value;
  const total = store.total.value;
  const playing = store.playing.value;
  const speed = store.speedIndex.value;
  // an embed may be kept to a range of steps
  const { lo, hi } = store.range.value;
  const atStart = position <= lo;
  const atEnd = position >= hi;

  return (
    <div class="transport" role="group" aria-label="Steps">
      <div class="transport-buttons">
        <button
          type="button"
          onClick={() => store.toStart()}
          disabled={atStart}
          aria-label="Go to start"
          title="Start (Home)"
        >
          <Icon name="start" />
        </button>
        <button
          type="button"
          onClick={() => store.stepBy(-1)}
          disabled={atStart}
          aria-label="Step back"
          title="Step back (←)"
        >
          <Icon name="back" /> <span class="btn-text">Back</span>
        </button>
        <button
          type="button"
          class="play"
          onClick={() => store.togglePlay()}
          aria-label={playing ? 'Pause' : 'Play'}
          title="Play / pause (space)"
        >
          <Icon name={playing ? 'pause' : 'play'} />{' '}
          <span class="btn-text">{playing ? 'Pause' : 'Play'}</span>
        </button>
        <button
          type="button"
          onClick={() => store.stepBy(1)}
          disabled={atEnd}
          aria-label="Step forward"
          title="Step forward (→)"
        >
          <span class="btn-text">Step</span> <Icon name="forward" />
        </button>
        <button
          type="button"
          onClick={() => store.toEnd()}
          disabled={atEnd}
          aria-label="Go to end"
          title="End (End)"
        >
          <Icon name="end" />
        </button>
      </div>
      <label class="speed">
        <span class="speed-label">Speed</span>
        <select
          value={String(speed)}
          onChange={(e) => store.setSpeed(Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {SPEEDS.map((s, i) => (
            <option key={s.label} value={String(i)}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <input
        class="scrub"
        type="range"
        min={lo}
        max={hi}
        step={1}
        value={position}
        aria-label="Step"
        aria-valuetext={`step ${position} of ${total}`}
        onInput={(e) => store.seek(Number((e.currentTarget as HTMLInputElement).value))}
      />
      <output class="step-count" aria-label="Step number">
        step <b>{position}</b> of {total}
      </output>
    </div>
  );
}
