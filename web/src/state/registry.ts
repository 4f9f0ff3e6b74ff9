// The registry of operations: what each is (OpInfo, known at once) and its code (an Operation,
// loaded when first chosen, each in its own chunk, so that the first stage is drawn sooner).
// web/src/ops/index.ts lists the operations; everything else asks this registry.

import type { ChoiceSpec } from './config';
import type { OpId, OpInfo, Operation } from './operation';

/** What an operation's folder exports from its index module. */
interface OperationModule {
  operation: Operation;
}

export type RegistryEntry = readonly [info: OpInfo, load: () => Promise<OperationModule>];

export interface Registry {
  /** the operations, in the switcher's order; the first is the one a bare link opens */
  readonly infos: readonly OpInfo[];
  info(id: OpId): OpInfo | undefined;
  /** every operation's choices, each key once */
  readonly choices: readonly ChoiceSpec[];
  /** the operation if its code is loaded, else undefined */
  now(id: OpId): Operation | undefined;
  /** loads the operation's code (once; later calls share the first load; a failed load may be
   * tried again) */
  load(id: OpId): Promise<Operation>;
}

export function createRegistry(entries: readonly RegistryEntry[]): Registry {
  const infos = entries.map(([info]) => info);
  const loaders = new Map(entries.map(([info, load]) => [info.id, load]));
  const loaded = new Map<OpId, Operation>();
  const pending = new Map<OpId, Promise<Operation>>();
  const choices: ChoiceSpec[] = [];
  for (const info of infos)
    for (const spec of info.choices) if (!choices.some((s) => s.key === spec.key)) choices.push(spec);
  return {
    infos,
    choices,
    info: (id) => infos.find((i) => i.id === id),
    now: (id) => loaded.get(id),
    load(id) {
      const have = loaded.get(id);
      if (have) return Promise.resolve(have);
      const load = loaders.get(id);
      if (load === undefined) return Promise.reject(new Error(`no operation is called ${id}`));
      let p = pending.get(id);
      if (!p) {
        p = load().then(
          (m) => {
            loaded.set(id, m.operation);
            pending.delete(id);
            return m.operation;
          },
          (e: unknown) => {
            pending.delete(id);
            throw e;
          },
        );
        pending.set(id, p);
      }
      return p;
    },
  };
}
