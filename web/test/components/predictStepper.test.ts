// Predict, then reveal, against the C steppers the walk runs: the change a question asks about is
// the change the step makes (the cell read before and after it), and the value Z gets is the
// window's; on Gaussian data and on small integers, where the answer must be exact.
import { describe, expect, it } from 'vitest';
import { operation as convBackward } from '../../src/ops/conv_backward/index';
import { operation as convForward } from '../../src/ops/conv_forward/index';
import { operation as convTranspose } from '../../src/ops/conv_transpose/index';
import type { Config } from '../../src/state/config';
import type { OpRun, Operation } from '../../src/state/operation';
import { disposeAfterTest, engine } from './setup';

async function open(op: Operation, patch: Partial<Config>): Promise<OpRun> {
  return disposeAfterTest(op.open(await engine(), { ...op.fallback, ...patch } as Config));
}

/** "Y_pad[0, 2, 3, 1]" → the tensor's name and its flat index in `shape`. */
function cellOf(label: string, shape: readonly number[]): { name: string; index: number } {
  const m = /([A-Za-z_]+)\[([\d, ]+)\]/.exec(label)!;
  const idx = m[2]!.split(',').map((x) => Number(x.trim()));
  let index = 0;
  idx.forEach((x, d) => {
    index = index * shape[d]! + x;
  });
  return { name: m[1]!, index };
}

const STEPPER_NAME: Record<string, string> = {
  Y_pad: 'out_pad',
  dA_prev_pad: 'dA_prev_pad',
  dW: 'dW',
  db: 'db',
};

async function changesAgree(op: Operation, patch: Partial<Config>): Promise<number> {
  const run = await open(op, patch);
  const steps = Math.min(run.total, 40);
  let checked = 0;
  for (let s = 1; s <= steps; s++) {
    const q = op.predict!(run, s);
    for (const n of q.numbers) {
      const stepperName = STEPPER_NAME[cellOf(n.label, [1]).name]!;
      run.stepper.seek(s - 1);
      const before = run.stepper.tensor(stepperName as never);
      run.stepper.seek(s);
      const after = run.stepper.tensor(stepperName as never)!;
      const { index } = cellOf(n.label, after.shape);
      const was = before?.data[index] ?? 0;
      const change = after.data[index]! - was;
      expect(Math.abs(change - n.answer), `step ${s}: ${n.label}`).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(was), Math.abs(after.data[index]!)),
      );
      if (n.decimals === null) expect(change - n.answer, `step ${s}: ${n.label} exact`).toBe(0);
      checked++;
    }
  }
  return checked;
}

describe('predict, then reveal, against the C steppers', () => {
  for (const data of ['gauss', 'ints'] as const) {
    it(`conv_backward (${data}): the change asked of dA_prev_pad, dW and db is the step's`, async () => {
      expect(await changesAgree(convBackward as unknown as Operation, { data, stride: 1 })).toBeGreaterThan(
        0,
      );
    });

    it(`conv_transpose (${data}): the change asked of Y_pad is the step's`, async () => {
      expect(await changesAgree(convTranspose as unknown as Operation, { data })).toBeGreaterThan(0);
    });

    it(`conv_forward (${data}): the value asked of Z is the one the step writes`, async () => {
      const op = convForward as unknown as Operation;
      const run = await open(op, { data });
      for (let s = 1; s <= Math.min(run.total, 40); s++) {
        const q = op.predict!(run, s);
        run.stepper.seek(s);
        const z = run.stepper.window()!.value;
        expect(Math.abs(q.numbers[0]!.answer - z), `step ${s}`).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(z)),
        );
        if (data === 'ints') expect(q.numbers[0]!.decimals).toBeNull();
      }
    });
  }
});
