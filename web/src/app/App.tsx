// The shell every operation shares: header with the operation switcher, parameters on the
// left (they fold away to give a projected stage more room), the op's stage in the centre,
// its code and arithmetic on the right, the transport along the bottom.

import { useEffect, useState } from 'preact/hooks';
import type { Op } from '../engine/types';
import { LiveRegion } from '../components/LiveRegion';
import { OpSwitcher } from '../components/OpSwitcher';
import { ParamForm } from '../components/ParamForm';
import { Transport } from '../components/Transport';
import { OPS } from '../state/config';
import { convForwardModel, modelNow, OP_INFO } from '../state/ops/index';
import type { Store } from '../state/store';
import { ComingNext } from '../views/ComingNext';
import { loadViews, viewsNow, type OpViews } from '../views/index';
import { StoreContext } from './context';
import { useTransportKeys } from './useTransportKeys';

export function App({ store }: { store: Store }) {
  useTransportKeys(store);
  const [paramsOpen, setParamsOpen] = useState(true);
  const op = store.op.value;
  const loading = store.loading.value;
  const views = useViews(op);
  const model = modelNow(op) ?? convForwardModel;
  const stage =
    loading !== null || views === undefined ? (
      <section class="stage coming-next" aria-busy="true" aria-label={`${loading ?? op}: loading`}>
        <p role="status">Loading {loading ?? op}…</p>
      </section>
    ) : (
      <views.Stage />
    );
  return (
    <StoreContext.Provider value={store}>
      <div class={paramsOpen ? 'app' : 'app params-closed'}>
        <header class="app-header">
          <button
            type="button"
            class="params-toggle"
            aria-expanded={paramsOpen}
            aria-controls="params-column"
            onClick={() => setParamsOpen(!paramsOpen)}
            title={paramsOpen ? 'Hide the parameters: more room for the stage' : 'Show the parameters'}
          >
            {paramsOpen ? '◂ Parameters' : '▸ Parameters'}
          </button>
          <div class="brand">
            <h1>convstep</h1>
            <p>The assignment’s loop nest, one window per step</p>
          </div>
          <OpSwitcher
            ops={OPS.map((o) => OP_INFO[o])}
            current={loading ?? op}
            onSelect={(o) => void store.setOp(o)}
          />
        </header>
        <aside class="left" id="params-column" hidden={!paramsOpen}>
          <ParamForm fields={model.fields} presets={model.presets} controls={views?.Controls} />
        </aside>
        <main class="centre">{OP_INFO[op].ready ? stage : <ComingNext info={OP_INFO[op]} />}</main>
        <aside class="right" aria-label="Code and arithmetic">
          {loading === null && views && <views.Code />}
          {loading === null && views && <views.Arithmetic />}
        </aside>
        <footer class="bottom">
          <Transport />
        </footer>
        <LiveRegion />
      </div>
    </StoreContext.Provider>
  );
}

/** The op's views; when their code is not loaded yet (the store normally waits for it), loads
 * it and draws again. */
function useViews(op: Op): OpViews | undefined {
  const [, setLoaded] = useState<OpViews | null>(null);
  const views = viewsNow(op);
  useEffect(() => {
    if (views !== undefined) return;
    let live = true;
    loadViews(op).then(
      (v) => {
        if (live) setLoaded(v);
      },
      () => {
        // the store says a failed load in its notes when the op is chosen
      },
    );
    return () => {
      live = false;
    };
  }, [op, views]);
  return views;
}
