// Filters that mean something: presets for W (lib/image), several at once (Sobel x and Sobel y
// as two output channels), for one f, each input channel on its own or summed; and any cell of
// W typed in. Both go to the store's data source; a preset travels in the link.

import { useState } from 'preact/hooks';
import { encodeFilterSpec, MODES, PRESETS, type BankMode, type PresetId } from '../../lib/image';
import { filterTensors, weightsLink } from '../../state/source';
import { useStore } from '../../ui/context';
import { useSentence } from '../../ui/useSentence';
import { tOwnData } from './messages';

export function FilterInput() {
  const store = useStore();
  const [chosen, setChosen] = useState<readonly PresetId[]>(['sobel_x', 'sobel_y']);
  const [f, setF] = useState(3);
  const [mode, setMode] = useState<BankMode>('sum');
  const [message, setMessage] = useSentence();
  const own = store.source.value.W;
  const sizes = [1, 3, 5, 7, 9].filter((n) =>
    chosen.every((id) => PRESETS.find((p) => p.id === id)?.sizes.includes(n)),
  );

  function apply(): void {
    const text = encodeFilterSpec({ presets: chosen, f, mode });
    const cfg = store.config.peek();
    const t = filterTensors(text, cfg.Cin);
    if (typeof t === 'string') {
      // (a preset's own text is always read; a refusal here is the nC_prev the bank is for)
      setMessage(() => {
        const again = filterTensors(text, cfg.Cin);
        return typeof again === 'string' ? again : '';
      });
      return;
    }
    // pad (f − 1) / 2 and stride 1: Z keeps the image's size, as an image filter does
    const layer = { f, Cout: t.W.tensor.shape[3], pad: (f - 1) / 2, stride: 1, dil: 1 };
    const refused = store.setSource({ W: t.W, b: t.b }, layer);
    setMessage(refused === null ? null : () => tOwnData('filtersNoFit', { why: refused() }));
  }

  const toggle = (id: PresetId, on: boolean) =>
    setChosen(
      on
        ? PRESETS.map((p) => p.id).filter((x) => x === id || chosen.includes(x))
        : chosen.filter((x) => x !== id),
    );

  return (
    <fieldset class="own-filters">
      <legend>{tOwnData('filtersForW')}</legend>
      <div class="own-presets">
        {PRESETS.map((p) => (
          <label key={p.id} title={p.description}>
            <input
              type="checkbox"
              checked={chosen.includes(p.id)}
              onChange={(e) => toggle(p.id, e.currentTarget.checked)}
            />{' '}
            {p.label}
          </label>
        ))}
      </div>
      <div class="own-row">
        <label>
          f{' '}
          <select value={String(f)} onChange={(e) => setF(Number(e.currentTarget.value))}>
            {[1, 3, 5, 7, 9].map((n) => (
              <option key={n} value={n} disabled={!sizes.includes(n)}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tOwnData('channels')}{' '}
          <select value={mode} onChange={(e) => setMode(e.currentTarget.value as BankMode)}>
            {MODES.map((m) => (
              <option key={m.id} value={m.id} title={m.description}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="button" onClick={apply} disabled={chosen.length === 0 || !sizes.includes(f)}>
        {tOwnData('useAsW')}
      </button>
      {chosen.length > 0 && !sizes.includes(f) && (
        <p class="own-hint">
          {chosen.map((id) => PRESETS.find((p) => p.id === id)?.label).join(', ')}: f ={' '}
          {sizes.join(', ') || tOwnData('noneInCommon')}.
        </p>
      )}
      {own !== undefined && <p class="own-status">{tOwnData('wIs', { origin: own.origin })}</p>}
      {message !== null && (
        <p class="own-error" role="alert">
          {message}
        </p>
      )}
      <WCells />
      {own !== undefined && (
        <button type="button" onClick={() => store.setSource({ W: null, b: null })}>
          {tOwnData('backToSeedWb')}
        </button>
      )}
    </fieldset>
  );
}

/** W[:, :, k, c] as inputs: typing a number changes that one cell of W. */
function WCells() {
  const store = useStore();
  const W = store.run.value.inputs?.W;
  const [k, setK] = useState(0);
  const [c, setC] = useState(0);
  const [error, setError] = useSentence();
  if (W === undefined) return null;
  const [f, , nCPrev, nC] = W.shape;
  const kk = Math.min(k, nCPrev - 1);
  const cc = Math.min(c, nC - 1);
  const at = (u: number, v: number) => ((u * f + v) * nCPrev + kk) * nC + cc;

  function set(u: number, v: number, text: string): void {
    const t = text.trim();
    const x = Number(t);
    if (t === '' || !Number.isFinite(x)) {
      const cell = `W[${u}, ${v}, ${kk}, ${cc}]`;
      const value = String(W?.data[at(u, v)]);
      setError(() => tOwnData('notANumber', { cell, text: `“${t.slice(0, 16)}”`, value }));
      return;
    }
    if (W === undefined) return;
    const data = W.data.slice();
    data[at(u, v)] = x;
    const tensor = { shape: W.shape, data };
    const refused = store.setSource({
      W: {
        tensor,
        get origin() {
          return tOwnData('originTyped');
        },
        link: weightsLink(tensor),
      },
    });
    setError(refused);
  }

  const pick = (n: number, value: number, on: (v: number) => void, label: string) => (
    <label>
      {label}{' '}
      <select value={String(value)} onChange={(e) => on(Number(e.currentTarget.value))}>
        {Array.from({ length: n }, (_, q) => (
          <option key={q} value={q}>
            {q}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div class="own-wcells">
      <div class="own-row">
        <span>{tOwnData('typeIntoW')}</span>
        {pick(nCPrev, kk, setK, 'k')}
        {pick(nC, cc, setC, 'c')}
      </div>
      <div class="own-wgrid" style={{ gridTemplateColumns: `repeat(${f}, 4.2em)` }}>
        {Array.from({ length: f * f }, (_, q) => {
          const u = Math.floor(q / f);
          const v = q % f;
          const value = W.data[at(u, v)] ?? 0;
          return (
            <input
              key={`${u}-${v}-${kk}-${cc}-${value}`}
              type="text"
              inputMode="decimal"
              aria-label={`W[${u}, ${v}, ${kk}, ${cc}]`}
              defaultValue={String(Number(value.toPrecision(6)))}
              onChange={(e) => set(u, v, e.currentTarget.value)}
            />
          );
        })}
      </div>
      {error !== null && (
        <p class="own-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
