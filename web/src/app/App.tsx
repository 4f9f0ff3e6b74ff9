// The shell every operation shares: header with the operation switcher, parameters on the
// left (they fold away to give a projected stage more room), the op's stage in the centre,
// its code and arithmetic on the right, the transport along the bottom.

import { useState } from 'preact/hooks';
import { LiveRegion } from '../components/LiveRegion';
import { OpSwitcher } from '../components/OpSwitcher';
import { ParamForm } from '../components/ParamForm';
import { Transport } from '../components/Transport';
import { OPS } from '../state/config';
import { convForwardModel, MODELS, OP_INFO } from '../state/ops/index';
import type { Store } from '../state/store';
import { ComingNext } from '../views/ComingNext';
import { OP_VIEWS } from '../views/index';
import { StoreContext } from './context';
import { useTransportKeys } from './useTransportKeys';

export function App({ store }: { store: Store }) {
  useTransportKeys(store);
  const [paramsOpen, setParamsOpen] = useState(true);
  const op = store.op.value;
  const views = OP_VIEWS[op];
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
          <OpSwitcher ops={OPS.map((o) => OP_INFO[o])} current={op} onSelect={(o) => store.setOp(o)} />
        </header>
        <aside class="left" id="params-column" hidden={!paramsOpen}>
          <ParamForm fields={(MODELS[op] ?? convForwardModel).fields} presets={MODELS[op]?.presets} controls={views?.Controls} />
        </aside>
        <main class="centre">{views ? <views.Stage /> : <ComingNext info={OP_INFO[op]} />}</main>
        <aside class="right" aria-label="Code and arithmetic">
          {views && <views.Code />}
          {views && <views.Arithmetic />}
        </aside>
        <footer class="bottom">
          <Transport />
        </footer>
        <LiveRegion />
      </div>
    </StoreContext.Provider>
  );
}
