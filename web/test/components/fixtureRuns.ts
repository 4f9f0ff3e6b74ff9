// Shared by the tests that read numpy's fixtures for the classic mistakes and the check
// (tests/fixtures/mistakes.txt, check.txt): the operations those files name, a fixture's layer
// read onto an operation's, and runs on the real engine.
import { operation as convBackward } from '../../src/ops/conv_backward/index';
import { operation as convForward } from '../../src/ops/conv_forward/index';
import { operation as poolBackward } from '../../src/ops/pool_backward/index';
import { operation as poolForward } from '../../src/ops/pool_forward/index';
import type { Config } from '../../src/state/config';
import type { OpRun, Operation } from '../../src/state/operation';
import { disposeAfterTest, engine } from './setup';

/** The operations the fixtures cover, by the seed's names. */
export const OPS: Record<string, Operation> = {
  conv_forward: convForward as unknown as Operation,
  conv_backward: convBackward as unknown as Operation,
  pool_forward: poolForward as unknown as Operation,
  pool_backward: poolBackward as unknown as Operation,
};

/** A fixture line's `key=value` words, as its configuration. */
export function configPairs(words: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of words) {
    const [k, v] = kv.split('=');
    out[k!] = v!;
  }
  return out;
}

/** "m=2 stride=2", a fixture's configuration in a test's title. */
export function configText(raw: Record<string, string>): string {
  return Object.entries(raw)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** The operation's layer with the fixture's fields (numbers where they are digits), dilation 1:
 * the notebook's loops have none. */
export function configOf(op: Operation, raw: Record<string, string>): Config {
  const c: Config = { ...op.fallback };
  for (const [k, v] of Object.entries(raw)) c[k] = /^\d+$/.test(v) ? Number(v) : v;
  c.dil = 1;
  return c;
}

/** The operation's run on `c`, disposed after the test. */
export async function openRun(op: Operation, c: Config): Promise<OpRun> {
  return disposeAfterTest(op.open(await engine(), c));
}
