// The printout panel against what numpy prints: for each of the notebook's test cells
// (tests/fixtures/printouts.json, written by tests/fixtures/printouts.py from numpy's own
// print()), the panel's text for the same preset is the same, byte for byte, and so is every
// array's .tolist() line, to the last digit. The panel opens at the end of a walk, and on demand before it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fireEvent, render } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import type { Shape4 } from '../../src/engine/types';
import { toListRepr } from '../../src/lib/numpy/index';
import { npConvForward } from '../../src/ops/conv/numpyOrder';
import { operation as convBackward } from '../../src/ops/conv_backward/index';
import { NOTEBOOK_CONV_BACKWARD } from '../../src/ops/conv_backward/model';
import { operation as convForward } from '../../src/ops/conv_forward/index';
import { NOTEBOOK_POOL_BACKWARD, NOTEBOOK_POOL_FORWARD } from '../../src/ops/pool/pool';
import { operation as poolBackward } from '../../src/ops/pool_backward/index';
import { npAveragePool } from '../../src/ops/pool/numpyOrder';
import { operation as poolForward } from '../../src/ops/pool_forward/index';
import { NOTEBOOK, type Config } from '../../src/state/config';
import type { Operation, OpRun } from '../../src/state/operation';
import { PrintoutPanel, type PrintoutPanelProps } from '../../src/ui/PrintoutPanel';
import { engine } from './setup';

interface Cell {
  lines: { code: string; text: string; tolist?: string }[];
}
interface OrderCase {
  op: 'conv' | 'pool';
  seed: number;
  shapes: Shape4[];
  hparameters: { pad?: number; stride: number; dilation?: number; f?: number };
  tolist: string;
}
const fixture = JSON.parse(readFileSync(resolve(process.cwd(), 'tests/fixtures/printouts.json'), 'utf8')) as {
  cells: Record<string, Cell>;
  orders: Record<string, OrderCase>;
};

const CELLS: [string, Operation, Config][] = [
  ['conv_forward', convForward as unknown as Operation, NOTEBOOK],
  ['conv_backward', convBackward as unknown as Operation, NOTEBOOK_CONV_BACKWARD],
  ['pool_forward_s1_max', poolForward as unknown as Operation, { ...NOTEBOOK_POOL_FORWARD, mode: 'max' }],
  [
    'pool_forward_s1_average',
    poolForward as unknown as Operation,
    { ...NOTEBOOK_POOL_FORWARD, mode: 'average' },
  ],
  [
    'pool_forward_s2_max',
    poolForward as unknown as Operation,
    { ...NOTEBOOK_POOL_FORWARD, stride: 2, mode: 'max' },
  ],
  [
    'pool_forward_s2_average',
    poolForward as unknown as Operation,
    { ...NOTEBOOK_POOL_FORWARD, stride: 2, mode: 'average' },
  ],
  ['pool_backward_max', poolBackward as unknown as Operation, { ...NOTEBOOK_POOL_BACKWARD, mode: 'max' }],
  [
    'pool_backward_average',
    poolBackward as unknown as Operation,
    { ...NOTEBOOK_POOL_BACKWARD, mode: 'average' },
  ],
];

/** the panel with its open state held as the page holds it */
function Held(props: Omit<PrintoutPanelProps, 'open' | 'onOpen'>) {
  const [open, setOpen] = useState(false);
  return <PrintoutPanel {...props} open={open} onOpen={setOpen} />;
}

async function panel(op: Operation, config: Config, position?: number) {
  const run: OpRun = op.open(await engine(), config);
  const make = op.printouts;
  if (!make) throw new Error(`${op.info.id} has no printouts`);
  const view = render(<Held run={run} make={make} position={position ?? run.total} total={run.total} />);
  return { run, view };
}

describe('the printout panel prints what numpy prints', () => {
  it('covers every cell of the fixture', () => {
    expect(CELLS.map(([name]) => name).sort()).toEqual(Object.keys(fixture.cells).sort());
  });

  for (const [name, op, config] of CELLS) {
    it(`${name}: every line, byte for byte, and every array's .tolist()`, async () => {
      const { run, view } = await panel(op, config);
      const want = fixture.cells[name]!.lines;
      const texts = [...view.container.querySelectorAll('pre.printout-text')].map((p) => p.textContent ?? '');
      const codes = [...view.container.querySelectorAll('.printout-code')].map((c) => c.textContent);
      expect(codes).toEqual(want.map((l) => `>>> ${l.code}`));
      const full = [...view.container.querySelectorAll('pre.printout-full')].map(
        (p) => (p.textContent ?? '').split('\n')[1] ?? '',
      );
      const got = [...texts, ...full];
      const expected = [
        ...want.map((l) => l.text),
        ...want.flatMap((l) => (l.tolist === undefined ? [] : [l.tolist])),
      ];
      // Every digit: Z, dW and the average pool's A come from sums that numpy adds pairwise and
      // the C kernels left to right; the panel recomputes them in numpy's order.
      expect(got).toEqual(expected);
      run.dispose();
    });
  }
});

describe('numpy’s order of adding, beyond the notebook’s layers', () => {
  // Each case differs somewhere from the same windows summed left to right (printouts.py
  // checks it): 175 products a window, which numpy splits in two halves; dilation; pools of
  // 9 and 16 cells.
  for (const [name, c] of Object.entries(fixture.orders)) {
    it(`${name}: every value of ${c.op === 'conv' ? 'Z' : 'A'} to the last digit`, async () => {
      const [A_prev, W, b] = (await engine()).randn(c.seed, c.shapes);
      const h = c.hparameters;
      const out =
        c.op === 'conv'
          ? npConvForward(A_prev!, W!, b!, {
              f: c.shapes[1]![0],
              nC: c.shapes[1]![3],
              stride: h.stride,
              pad: h.pad ?? 0,
              dilation: h.dilation ?? 1,
            })
          : npAveragePool(A_prev!, { f: h.f ?? 1, stride: h.stride, mode: 'average', ties: 'all' });
      expect(toListRepr(out)).toBe(c.tolist);
    });
  }
});

describe('when the panel shows', () => {
  it('opens by itself at the end of the walk, and before it on demand', async () => {
    const { run, view } = await panel(convForward as unknown as Operation, NOTEBOOK, 10);
    const details = view.container.querySelector('details')!;
    expect(details.open).toBe(false);
    // folded, nothing is formatted: a large layer's printout is many thousand numbers
    expect(view.container.querySelectorAll('pre').length).toBe(0);
    fireEvent.click(view.getByText('The notebook’s printout'));
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(details.open).toBe(true);
    expect(view.getByText(/once all 192 steps have run \(the walk is at step 10\)/)).toBeTruthy();
    expect(view.container.querySelectorAll('pre.printout-text').length).toBeGreaterThan(0);
    view.rerender(<Held run={run} make={convForward.printouts as never} position={192} total={192} />);
    expect(view.getByText(/run to the end/)).toBeTruthy();
    run.dispose();
  });

  it('says numpy’s IndexError when the cell’s index is not in this run', async () => {
    const { run, view } = await panel(convForward as unknown as Operation, { ...NOTEBOOK, m: 1 });
    const texts = [...view.container.querySelectorAll('pre.printout-text')].map((p) => p.textContent);
    expect(texts[2]).toBe('IndexError: index 1 is out of bounds for axis 0 with size 1');
    run.dispose();
  });
});
