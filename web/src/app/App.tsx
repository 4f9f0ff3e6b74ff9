// The shell every operation shares: header with the operation switcher, parameters on the
// left (they fold away to give a projected stage more room), the op's stage in the centre,
// its code and arithmetic on the right, the transport along the bottom. It knows operations
// only through the registry and the Operation contract.
//
// Two modes change the shell through classes on its root (styles/app.css, styles/modes.css):
//   present  for a lecture hall: no parameters, large type, the stage and the code side by side,
//            every number on the stage at 20 px or more (ui/present.ts)
//   embed    inside another page's iframe: the stage, the current code line, a compact
//            transport (kept to the link's from..to) and a link to the full page; the stage is
//            drawn as presenter mode draws it, one channel at a time with a number in every cell
//            shown, the numbers' smallest size growing with the frame (12 px at 480×320,
//            ui/present.ts embedFont); under 800×500 the code is one line
// On a phone (under 600 px wide, or on its side: under 1100 × 500) the stage is drawn as an
// embed's is, one channel at a time with a number in every cell shown (PHONE_FONT), laid out
// for a screen's height with the page scrolling through it; every control stays.

import { useEffect, useState } from 'preact/hooks';
import type { OpActions } from '../state/operation';
import type { Store } from '../state/store';
import { StoreContext, WrongLinesContext } from '../ui/context';
import { tUi } from '../ui/messages';
import { PHONE, useMedia } from '../ui/useBoxSize';
import { LiveRegion } from '../ui/LiveRegion';
import { LocaleSwitch } from './LocaleSwitch';
import { tApp } from './messages';
import { embedFont, LectureContext, PHONE_FONT, PRESENT_FONT, PresentContext } from '../ui/present';
import { OpSwitcher } from './OpSwitcher';
import {
  CheckPanel,
  EmbedCode,
  ExportMenu,
  loadPanels,
  MistakePanel,
  OwnData,
  PredictPanel,
  PrintoutPanel,
} from './panels';
import { ParamForm } from './ParamForm';
import { Transport } from './Transport';
import { useTransportKeys } from './useTransportKeys';

/** A small embed: one line of code, a compact pager and transport. */
const SMALL_EMBED = '(max-width: 799px), (max-height: 499px)';

/** The window's size in CSS px (an embed's: its frame's), following it. */
function useWindowSize(on: boolean): { width: number; height: number } {
  const read = () => ({ width: globalThis.innerWidth ?? 0, height: globalThis.innerHeight ?? 0 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (!on) return;
    const change = () =>
      setSize((was) => {
        const now = read();
        return now.width === was.width && now.height === was.height ? was : now;
      });
    change();
    globalThis.addEventListener?.('resize', change);
    return () => globalThis.removeEventListener?.('resize', change);
  }, [on]);
  return size;
}

function pageAddress(): string {
  const l = globalThis.location;
  return l ? `${l.origin}${l.pathname}` : '';
}

export function App({ store }: { store: Store }) {
  useTransportKeys(store);
  const mistakeId = store.mistake.value;
  // The first render draws the stage and the frame around it; the columns beside it (and the
  // panels' code) follow right after, so that the stage is on screen sooner.
  const [full, setFull] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => {
      setFull(true);
      void loadPanels().catch(() => {});
    }, 0);
    return () => clearTimeout(t);
  }, []);
  // a phone: the parameters start folded, so that the stage comes first
  useEffect(() => {
    const narrow = globalThis.matchMedia?.(PHONE).matches === true;
    const asked = new URLSearchParams(globalThis.location?.search ?? '').has('params');
    if (narrow && !asked) store.setParamsOpen(false);
  }, [store]);
  const present = store.present.value;
  const embed = store.embed !== null;
  // a phone draws the stage as an embed does: one channel at a time, a number in every cell
  const phone = useMedia(PHONE);
  const smallEmbed = useMedia(SMALL_EMBED) && embed;
  const frame = useWindowSize(embed);
  const paramsOpen = store.paramsOpen.value && !present && !embed;
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
  const mistakes = operation.mistakes ?? [];
  const wrongLines = mistakes.find((m) => m.id === mistakeId)?.lines ?? [];
  const notes = store.notes.value;
  const predicting = store.predict.value && ready && operation.predict !== undefined;
  const position = props.frame.position;
  const question =
    predicting && position < props.frame.total
      ? (operation.predict?.(props.run, position + 1) ?? null)
      : null;
  const cls = [
    'app',
    paramsOpen ? '' : 'params-closed',
    present ? 'present' : '',
    embed ? 'embed' : '',
    smallEmbed ? 'embed-small' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const noteList = notes.length > 0 && (
    <ul class="url-notes app-notes" aria-label={tApp('refusedLinkParams')}>
      {notes.map((n, i) => (
        <li key={i}>{n}</li>
      ))}
    </ul>
  );
  const stage = (
    <main class="centre" id="stage-area">
      {embed && noteList}
      {ready ? (
        <Stage {...props} />
      ) : (
        <section
          class="stage coming-next"
          aria-busy="true"
          aria-label={tApp('loadingOpLabel', { op: loading ?? '' })}
        >
          <p role="status">{tApp('loadingOp', { op: loading ?? '' })}</p>
        </section>
      )}
    </main>
  );

  if (embed) {
    return (
      <StoreContext.Provider value={store}>
        <PresentContext.Provider value={embedFont(frame.width, frame.height)}>
          <LectureContext.Provider value={true}>
            <div class={cls}>
              {stage}
              <aside class="right" aria-label={tApp('code')}>
                {ready && <Code {...props} />}
              </aside>
              <footer class="bottom">
                <Transport />
                <a
                  class="open-full"
                  href={`${pageAddress()}${store.pageQuery.value}`}
                  target="_blank"
                  rel="noopener"
                >
                  {tApp('openFull')}
                </a>
              </footer>
              <LiveRegion />
            </div>
          </LectureContext.Provider>
        </PresentContext.Provider>
      </StoreContext.Provider>
    );
  }

  return (
    <StoreContext.Provider value={store}>
      <PresentContext.Provider value={present ? PRESENT_FONT : phone ? PHONE_FONT : 0}>
        <LectureContext.Provider value={present}>
          <WrongLinesContext.Provider value={wrongLines}>
            <div class={cls} data-shell={full ? 'full' : 'stage'}>
              <header class="app-header">
                {!present && (
                  <button
                    type="button"
                    class="params-toggle header-button"
                    aria-expanded={paramsOpen}
                    aria-controls="params-column"
                    onClick={() => store.setParamsOpen(!paramsOpen)}
                    title={paramsOpen ? tApp('hideParams') : tApp('showParams')}
                  >
                    {paramsOpen ? tApp('paramsOpen') : tApp('paramsClosed')}
                  </button>
                )}
                <div class="brand">
                  <h1>convstep</h1>
                  <p>{tApp('tagline')}</p>
                </div>
                <OpSwitcher
                  ops={store.registry.infos}
                  current={loading ?? op}
                  onSelect={(o) => void store.setOp(o)}
                />
                {full && !present && <ExportMenu store={store} stageArea="stage-area" />}
                {full && !present && <EmbedCode page={pageAddress()} query={store.pageQuery.value} op={op} />}
                <button
                  type="button"
                  class="present-toggle header-button"
                  aria-pressed={present}
                  onClick={() => store.setPresent(!present)}
                  title={tApp('presentTitle')}
                >
                  {present ? tApp('leavePresent') : tApp('present')}
                </button>
                <LocaleSwitch />
                {noteList}
              </header>
              <aside class="left" id="params-column" hidden={!paramsOpen}>
                {full && (
                  <ParamForm
                    fields={operation.fields}
                    names={operation.fieldNames}
                    presets={operation.presets}
                    controls={Controls && <Controls config={store.config.value} actions={actions} />}
                  />
                )}
                {full && <OwnData />}
              </aside>
              {stage}
              <aside class="right" aria-label={present ? tApp('code') : tApp('codeAndArithmetic')}>
                {predicting && (
                  <PredictPanel
                    key={`${op}-${props.run.total}`}
                    question={question}
                    advance={() => store.stepBy(1)}
                    cue={store.setCue}
                    ask={(s) => operation.predict?.(props.run, s) ?? null}
                  />
                )}
                {full && ready && !present && mistakes.length > 0 && (
                  <MistakePanel
                    mistakes={mistakes}
                    selected={mistakeId}
                    onSelect={store.setMistake}
                    run={props.run}
                    config={store.config.value}
                    seek={store.seek}
                  />
                )}
                {full && ready && <Code {...props} />}
                {full && ready && !present && <Arithmetic {...props} />}
                {full && ready && !present && operation.printouts && (
                  <PrintoutPanel
                    run={props.run}
                    make={operation.printouts}
                    open={store.printoutsOpen.value}
                    onOpen={store.setPrintoutsOpen}
                    position={props.frame.position}
                    total={props.frame.total}
                  />
                )}
                {ready && !present && operation.check && (
                  <CheckPanel spec={operation.check} mistakes={mistakes} run={props.run} seek={store.seek} />
                )}
              </aside>
              <footer class={operation.predict ? 'bottom with-predict' : 'bottom'}>
                <Transport />
                {operation.predict && (
                  <button
                    type="button"
                    class="predict-toggle header-button"
                    aria-pressed={store.predict.value}
                    onClick={() => store.setPredict(!store.predict.value)}
                    title={tUi('predictToggleTitle')}
                  >
                    {store.predict.value ? tUi('leavePredict') : tUi('predictToggle')}
                  </button>
                )}
              </footer>
              <LiveRegion />
            </div>
          </WrongLinesContext.Provider>
        </LectureContext.Provider>
      </PresentContext.Provider>
    </StoreContext.Provider>
  );
}
