// Paste your arrays: any input of the current run (A_prev, W, b, dZ, dA) as a numpy literal,
// read by lib/numpy's parser and checked against the shape the layer needs.

import { useState } from 'preact/hooks';
import type { Tensor } from '../../engine/types';
import { parseNumpyText } from '../../lib/numpy';
import { sameShape, shapeText, weightsLink } from '../../state/source';
import { useStore } from '../../ui/context';
import { type Say, useSentence } from '../../ui/useSentence';
import { tOwnData } from './messages';

/** The pasted values as a tensor of `want`'s shape, or what says why they do not fit. A
 * shape equal to `want` without its 1s is taken too: a 3 × 3 W for a (3, 3, 1, 1) layer. */
export function fitPasted(
  name: string,
  data: Float64Array,
  shape: readonly number[],
  want: readonly number[],
): Tensor | Say {
  const squeeze = (s: readonly number[]) => s.filter((d) => d !== 1);
  if (sameShape(shape, want) || (shape.length < want.length && sameShape(squeeze(shape), squeeze(want)))) {
    return { shape: [want[0]!, want[1]!, want[2]!, want[3]!], data };
  }
  return () => tOwnData('mustHaveShape', { name, want: shapeText(want), shape: shapeText(shape) });
}

export function PasteArrays() {
  const store = useStore();
  const inputs = store.run.value.inputs ?? { A_prev: store.run.value.data.A_prev };
  const names = Object.keys(inputs);
  const [name, setName] = useState('A_prev');
  const [text, setText] = useState('');
  const [ok, setOk] = useState(false);
  const [said, setSaid] = useSentence();
  const current = names.includes(name) ? name : (names[0] ?? 'A_prev');
  const want = inputs[current]?.shape;

  function use(): void {
    if (want === undefined) return;
    const r = parseNumpyText(text);
    if (!r.ok) {
      setOk(false);
      setSaid(() => r.message);
      return;
    }
    const t = fitPasted(current, r.data, r.shape, want);
    if (typeof t === 'function') {
      setOk(false);
      setSaid(t);
      return;
    }
    const link = current === 'W' ? weightsLink(t) : undefined;
    const refused = store.setSource({
      [current]: {
        tensor: t,
        get origin() {
          return tOwnData('originPasted');
        },
        link,
      },
    });
    const name = current;
    setOk(refused === null);
    setSaid(refused ?? (() => tOwnData('isPasted', { name, shape: shapeText(want) })));
  }

  return (
    <fieldset class="own-paste">
      <legend>{tOwnData('pasteArray')}</legend>
      <div class="own-row">
        <label>
          {tOwnData('into')}{' '}
          <select value={current} onChange={(e) => setName(e.currentTarget.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <span class="own-hint">
          {tOwnData('shapeIs', { shape: want === undefined ? '' : shapeText(want) })}
        </span>
      </div>
      <textarea
        aria-label={tOwnData('asLiteral', { name: current })}
        rows={4}
        spellcheck={false}
        placeholder="print(arr), repr(arr) or arr.tolist()"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div class="own-row">
        <button type="button" onClick={use}>
          {tOwnData('useAs', { name: current })}
        </button>
        {store.source.value[current]?.origin === tOwnData('originPasted') && (
          <button type="button" onClick={() => store.setSource({ [current]: null })}>
            {tOwnData('backToSeed', { name: current })}
          </button>
        )}
      </div>
      {said !== null && (
        <p class={ok ? 'own-status' : 'own-error'} role={ok ? 'status' : 'alert'}>
          {said}
        </p>
      )}
    </fieldset>
  );
}
