// The shell every operation shares: header with the operation switcher, parameters on the
// left (they fold away to give a projected stage more room), the op's stage in the centre,
// its code and arithmetic on the right, the transport along the bottom. It knows operations
// only through the registry and the Operation contract.

import { useState } from 'preact/hooks';
import type { OpActions } from '../state/operation';
import type { Store } from '../state/store';
import { StoreContext } from '../ui/context';
import { LiveRegion } from '../ui/LiveRegion';
import { ExportMenu } from './ExportMenu';
import { OpSwitcher } from './OpSwitcher';
import { ParamForm } from './ParamForm';
import { Transport } from './Transport';
import { useTransportKeys } from './useTransportKeys';

export function App({ store }: { store: Store }) {
  useTransportKeys(store);
  const [paramsOpen, setParamsOpen] = useState(true);
  const op = store.op.value;
  const loading = store.loading.value;
  const operation = store.operation.value;
  const { Stage, Code, Arithmetic, Controls } = operation.views;
  const actions: OpActions = store;
  const props = {
    run: store.run.value,
    frame: store.frame.value,
    state: store.opState.value,
    codeLang: store.codeLang.value,
    actions,
  };
  const ready = loading === null;
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
            ops={store.registry.infos}
            current={loading ?? op}
            onSelect={(o) => void store.setOp(o)}
          />
          <ExportMenu store={store} stageArea="stage-area" />
        </header>
        <aside class="left" id="params-column" hidden={!paramsOpen}>
          <ParamForm
            fields={operation.fields}
            presets={operation.presets}
            controls={Controls && <Controls config={store.config.value} actions={actions} />}
          />
        </aside>
        <main class="centre" id="stage-area">
          {ready ? (
            <Stage {...props} />
          ) : (
            <section class="stage coming-next" aria-busy="true" aria-label={`${loading}: loading`}>
              <p role="status">Loading {loading}…</p>
            </section>
          )}
        </main>
        <aside class="right" aria-label="Code and arithmetic">
          {ready && <Code {...props} />}
          {ready && <Arithmetic {...props} />}
        </aside>
        <footer class="bottom">
          <Transport />
        </footer>
        <LiveRegion />
      </div>
    </StoreContext.Provider>
  );
}
