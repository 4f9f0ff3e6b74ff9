// The shell's panels that the first drawn stage does not need: their code (and CSS) loads as
// chunks of their own once the stage is on screen, so that the first view carries less script.

import { type ComponentType, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Starts each panel's download (once) and resolves when its code is there. */
const starters: (() => Promise<unknown>)[] = [];

/** A component whose code arrives later: it renders nothing until then, and again nothing if
 * the code could not be loaded (a later render tries again). */
function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const start = (): Promise<ComponentType<P>> => {
    pending ??= load().then(
      (c) => {
        loaded = c;
        return c;
      },
      (err: unknown) => {
        pending = null;
        throw err;
      },
    );
    return pending;
  };
  starters.push(start);
  return function Lazy(props: P) {
    const [, setArrived] = useState(loaded !== null);
    useEffect(() => {
      // the code may have arrived between the render and this effect (the one-file copy has it
      // at once): render again with it
      if (loaded !== null) {
        setArrived(true);
        return;
      }
      let live = true;
      start().then(
        () => live && setArrived(true),
        () => {},
      );
      return () => {
        live = false;
      };
    }, []);
    return loaded === null ? null : h(loaded, props);
  };
}

export const ExportMenu = lazyPanel(() => import('./ExportMenu').then((m) => m.ExportMenu));
export const EmbedCode = lazyPanel(() => import('./EmbedCode').then((m) => m.EmbedCode));
export const OwnData = lazyPanel(() => import('./owndata/OwnData').then((m) => m.OwnData));
export const PrintoutPanel = lazyPanel(() => import('../ui/PrintoutPanel').then((m) => m.PrintoutPanel));
export const MistakePanel = lazyPanel(() => import('../ui/MistakePanel').then((m) => m.MistakePanel));
export const PredictPanel = lazyPanel(() => import('../ui/PredictPanel').then((m) => m.PredictPanel));
export const CheckPanel = lazyPanel(() => import('../ui/CheckPanel').then((m) => m.CheckPanel));

/** Loads every panel's code: the app once its first stage is drawn, tests before they render
 * the app (so that the panels are there at once). */
export function loadPanels(): Promise<unknown> {
  return Promise.all(starters.map((s) => s()));
}
