// Step back and forth, play and pause, scrub: one window of the loop nest per step.
// Keys (anywhere outside a text field): space, ← →, Home, End.

import { useStore } from '../ui/context';
import { SPEEDS, speedLabel } from '../state/speeds';
import { Icon } from '../ui/icons';
import { tApp } from './messages';

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
  // "step <b>5</b> of 192": the number in bold wherever the language puts it
  const [before = '', after = ''] = tApp('stepOf', { position: '\u0000', total }).split('\u0000');

  return (
    <div class="transport" role="group" aria-label={tApp('steps')}>
      <div class="transport-buttons">
        <button
          type="button"
          onClick={() => store.toStart()}
          disabled={atStart}
          aria-label={tApp('goToStart')}
          title={tApp('startKey')}
        >
          <Icon name="start" />
        </button>
        <button
          type="button"
          onClick={() => store.stepBy(-1)}
          disabled={atStart}
          aria-label={tApp('stepBack')}
          title={tApp('stepBackKey')}
        >
          <Icon name="back" /> <span class="btn-text">{tApp('back')}</span>
        </button>
        <button
          type="button"
          class="play"
          onClick={() => store.togglePlay()}
          aria-label={playing ? tApp('pause') : tApp('play')}
          title={tApp('playKey')}
        >
          <Icon name={playing ? 'pause' : 'play'} />{' '}
          <span class="btn-text">{playing ? tApp('pause') : tApp('play')}</span>
        </button>
        <button
          type="button"
          onClick={() => store.stepBy(1)}
          disabled={atEnd}
          aria-label={tApp('stepForward')}
          title={tApp('stepForwardKey')}
        >
          <span class="btn-text">{tApp('stepButton')}</span> <Icon name="forward" />
        </button>
        <button
          type="button"
          onClick={() => store.toEnd()}
          disabled={atEnd}
          aria-label={tApp('goToEnd')}
          title={tApp('endKey')}
        >
          <Icon name="end" />
        </button>
      </div>
      <label class="speed">
        <span class="speed-label">{tApp('speed')}</span>
        <select
          value={String(speed)}
          onChange={(e) => store.setSpeed(Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {SPEEDS.map((s, i) => (
            <option key={i} value={String(i)}>
              {speedLabel(s)}
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
        aria-label={tApp('step')}
        aria-valuetext={tApp('stepOf', { position, total })}
        onInput={(e) => store.seek(Number((e.currentTarget as HTMLInputElement).value))}
      />
      <output class="step-count" aria-label={tApp('stepNumber')}>
        {before}
        <b>{position}</b>
        {after}
      </output>
    </div>
  );
}
