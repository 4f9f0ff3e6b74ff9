// The first run, from what a link asks for: the operation, the layer, the step. A link that
// does not fit gets a sentence in `notes` and the operation's notebook example instead.

import type { Engine } from '../engine/types';
import type { Config } from './config';
import type { OpRun, Operation } from './operation';
import type { Registry } from './registry';
import type { UrlState } from './url';
import { NO_SOURCE, type DataSource } from './source';
import { tState } from './messages';

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export interface Start {
  operation: Operation;
  config: Config;
  run: OpRun;
  /** the link's tensors, kept when they opened the run */
  source: DataSource;
  /** the step the run's stepper has been put at */
  step: number;
  /** what the link asked for that could not be done, each said when read (in the page's
   * language then); the link's refused parameters are its `fromUrl.notes` */
  notes: (() => string)[];
}

/** Opens the first run. The operation `fromUrl.op` must have its code loaded. */
export function openStart(engine: Engine, registry: Registry, fromUrl: UrlState): Start {
  const notes: (() => string)[] = [];
  const operation = registry.now(fromUrl.op);
  if (operation === undefined) throw new Error(`the code of ${fromUrl.op} is not loaded`);
  let config = fromUrl.config;
  let source = fromUrl.source ?? NO_SOURCE;
  let run: OpRun;
  try {
    const v = operation.validate(engine, config);
    if (!v.ok) {
      notes.push(() => tState('linkNoFit', { why: v.message }));
      throw new Error(v.message);
    }
    run = operation.open(engine, config, source);
  } catch (e) {
    if (notes.length === 0) notes.push(() => tState('linkNoFit', { why: messageOf(e) }));
    config = operation.fallback;
    source = NO_SOURCE;
    run = operation.open(engine, config);
  }
  let step = Math.min(1, run.total);
  if (fromUrl.step !== null) {
    if (fromUrl.step > run.total) {
      const facts = { step: fromUrl.step, total: run.total };
      notes.push(() => tState('linkPastEnd', facts));
    }
    step = Math.min(fromUrl.step, run.total);
  }
  run.stepper.seek(step);
  return { operation, config, run, source, step, notes };
}
