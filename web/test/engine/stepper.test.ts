// Steppers against the batch kernels: run to the end they give the batch results bit for bit; the
// window record of every step matches the seed's loops, computed here independently; seek(k)
// lands where k calls of next() do, forwards and backwards.
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmEngine } from '../../src/engine/engine';
import type {
  Op,
  PoolTies,
  Shape4,
  Stepper,
  StepperSpec,
  StepperTensor,
  Tensor,
  WindowRecord,
} from '../../src/engine/types';
import { ConvstepError } from '../../src/engine/types';
import { loadFixtures, tensorOf, type FixtureCase } from './fixtures';
import { sharedEngine } from './load';
import { bitwiseMismatch, mismatch, refConvBackward, refMask } from './reference';

let engine: WasmEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const convCases = loadFixtures('conv.txt');
const poolCases = loadFixtures('pool.txt');

interface Layer {
  name: string;
  spec: StepperSpec;
  /** the batch kernel's results, by stepper tensor name */
  batch: () => Partial<Record<StepperTensor, Tensor>>;
  /** tensors the batch kernel sums in another order, with the magnitudes for the tolerance */
  approx?: () => Partial<Record<StepperTensor, Float64Array>>;
}

/** The four ops for every fixture case (pool cases with both tie rules for max). */
function layers(): Layer[] {
  const out: Layer[] = [];
  for (const c of convCases) {
    const params = c.conv!;
    const A_prev = tensorOf(c, 'A_prev'),
      W = tensorOf(c, 'W'),
      b = tensorOf(c, 'b'),
      dZ = tensorOf(c, 'dZ');
    out.push({
      name: `${c.name} conv_forward`,
      spec: { op: 'conv_forward', A_prev, W, b, params },
      batch: () => ({ out: engine.convForward(A_prev, W, b, params) }),
    });
    out.push({
      name: `${c.name} conv_backward`,
      spec: { op: 'conv_backward', dZ, A_prev, W, params },
      batch: () => {
        const g = engine.convBackward(dZ, A_prev, W, params);
        return { dA_prev: g.dA_prev, dW: g.dW, db: g.db };
      },
      // The batch conv_backward sums dA_prev's terms over the output channels first (so that it
      // vectorises); the stepper adds them in the seed's order. dW and db keep the seed's order.
      approx: () => ({ dA_prev: refConvBackward(dZ, A_prev, W, params).dA_prev.magnitude }),
    });
  }
  for (const c of poolCases) {
    const { f, stride, mode } = c.pool!;
    const A_prev = tensorOf(c, 'A_prev'),
      dA = tensorOf(c, 'dA');
    const rules: PoolTies[] = mode === 'max' ? ['all', 'first'] : ['all'];
    for (const ties of rules) {
      const params = { f, stride, mode, ties };
      out.push({
        name: `${c.name} pool_forward ties ${ties}`,
        spec: { op: 'pool_forward', A_prev, params },
        batch: () => ({ out: engine.poolForward(A_prev, params) }),
      });
      out.push({
        name: `${c.name} pool_backward ties ${ties}`,
        spec: { op: 'pool_backward', dA, A_prev, params },
        batch: () => ({ dA_prev: engine.poolBackward(dA, A_prev, params) }),
      });
    }
  }
  return out;
}

const ALL_TENSORS: StepperTensor[] = ['A_prev_pad', 'out', 'dA_prev_pad', 'dA_prev', 'dW', 'db'];
const HAS: Record<Op, StepperTensor[]> = {
  conv_forward: ['A_prev_pad', 'out'],
  conv_backward: ['A_prev_pad', 'dA_prev_pad', 'dA_prev', 'dW', 'db'],
  pool_forward: ['A_prev_pad', 'out'],
  pool_backward: ['A_prev_pad', 'dA_prev_pad', 'dA_prev'],
};

const at = (s: Shape4, i: number, h: number, w: number, c: number): number =>
  ((i * s[1] + h) * s[2] + w) * s[3] + c;

/** The window record of every step, from the seed's loops: i, then c, then h, then w. */
function expectedWindows(spec: StepperSpec, forwardOut: Tensor | null): Omit<WindowRecord, 'total'>[] {
  const A = spec.A_prev;
  const conv = spec.op === 'conv_forward' || spec.op === 'conv_backward';
  const p = spec.params;
  const f = p.f,
    stride = p.stride;
  const span = conv ? Math.max((p as { dilation: number }).dilation, 1) * (f - 1) + 1 : f;
  const pad = conv ? (p as { pad: number }).pad : 0;
  const nC = conv ? (p as { nC: number }).nC : A.shape[3];
  const nH = Math.floor((A.shape[1] + 2 * pad - span) / stride) + 1;
  const nW = Math.floor((A.shape[2] + 2 * pad - span) / stride) + 1;
  const outShape: Shape4 = [A.shape[0], nH, nW, nC];
  const grad = spec.op === 'conv_backward' ? spec.dZ : spec.op === 'pool_backward' ? spec.dA : null;
  const maxPool = !conv && (p as { mode: string }).mode === 'max';
  const average = !conv && !maxPool;
  const windows: Omit<WindowRecord, 'total'>[] = [];
  for (let i = 0; i < A.shape[0]; i++)
    for (let c = 0; c < nC; c++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++) {
          const vertStart = h * stride,
            horiStart = w * stride;
          const value =
            grad === null
              ? forwardOut!.data[at(outShape, i, h, w, c)]!
              : grad.data[at(outShape, i, h, w, c)]!;
          // Forward, the mask marks every maximum; backward, the cells that get the gradient.
          const ties = grad === null ? 'all' : (p as { ties: PoolTies }).ties;
          const mask = maxPool ? refMask(A, i, c, vertStart, horiStart, f, ties) : new Uint8Array(f * f);
          windows.push({
            step: windows.length + 1,
            i,
            c,
            h,
            w,
            vertStart,
            vertEnd: vertStart + span,
            horiStart,
            horiEnd: horiStart + span,
            f,
            value,
            amount: grad === null ? 0 : average ? value / (f * f) : value,
            mask,
            maskCount: mask.reduce((x, y) => x + y, 0),
          });
        }
  return windows;
}

function snapshot(s: Stepper): { window: WindowRecord; tensors: (Tensor | null)[] } {
  return { window: s.window(), tensors: ALL_TENSORS.map((t) => s.tensor(t)) };
}

function sameSnapshot(
  label: string,
  got: ReturnType<typeof snapshot>,
  want: ReturnType<typeof snapshot>,
): void {
  expect(got.window, `${label}: window`).toEqual(want.window);
  ALL_TENSORS.forEach((t, k) => {
    const g = got.tensors[k]!,
      w = want.tensors[k]!;
    if (w === null) expect(g, `${label}: ${t}`).toBeNull();
    else expect(bitwiseMismatch(`${label}: ${t}`, g, w)).toBeNull();
  });
}

describe.each(layers().map((l) => [l.name, l] as const))('stepper %s', (_name, layer) => {
  it('run to the end equals the batch kernel bit for bit, window by window as the seed loops', () => {
    const s = engine.createStepper(layer.spec);
    try {
      const batch = layer.batch();
      const windows = expectedWindows(layer.spec, batch.out ?? null);
      expect(s.op).toBe(layer.spec.op);
      expect(s.total).toBe(windows.length);
      expect(s.position).toBe(0);
      expect(s.window().step).toBe(0);
      let k = 0;
      while (s.next()) {
        const want = windows[k]!;
        const got = s.window();
        // Compare field by field, so that a failure names the step.
        expect({ ...got, mask: Array.from(got.mask) }, `step ${k + 1}`).toEqual({
          ...want,
          total: windows.length,
          mask: Array.from(want.mask),
        });
        k++;
        expect(s.position).toBe(k);
      }
      expect(k).toBe(windows.length);
      expect(s.next()).toBe(false);
      expect(s.position).toBe(s.total);
      const approx = layer.approx?.() ?? {};
      for (const [name, want] of Object.entries(batch)) {
        const got = s.tensor(name as StepperTensor)!;
        const magnitude = approx[name as StepperTensor];
        if (magnitude === undefined) expect(bitwiseMismatch(name, got, want)).toBeNull();
        else expect(mismatch(name, got, want, magnitude)).toBeNull();
      }
      const pad = layer.spec.op.startsWith('conv') ? (layer.spec.params as { pad: number }).pad : 0;
      expect(
        bitwiseMismatch('A_prev_pad', s.tensor('A_prev_pad')!, engine.zeroPad(layer.spec.A_prev, pad)),
      ).toBeNull();
      for (const t of ALL_TENSORS) {
        if (!HAS[layer.spec.op].includes(t)) expect(s.tensor(t), t).toBeNull();
        else expect(s.tensor(t), t).not.toBeNull();
      }
    } finally {
      s.dispose();
    }
  });

  it('seek(k) equals k calls of next(), forwards and backwards; reset returns to step 0', () => {
    const walker = engine.createStepper(layer.spec);
    const seeker = engine.createStepper(layer.spec);
    try {
      const total = walker.total;
      const picks = [
        ...new Set(
          [0, 1, 2, Math.floor(total / 3), Math.floor(total / 2), total - 1, total].filter(
            (k) => k >= 0 && k <= total,
          ),
        ),
      ].sort((a, b) => a - b);
      const wanted = new Map<number, ReturnType<typeof snapshot>>();
      for (const k of picks) {
        while (walker.position < k) walker.next();
        wanted.set(k, snapshot(walker));
      }
      // Jump around: to the end, back to the start, then each pick from the highest down and up again.
      const order = [total, 0, ...[...picks].reverse(), ...picks];
      for (const k of order) {
        seeker.seek(k);
        expect(seeker.position).toBe(k);
        sameSnapshot(`seek(${k})`, snapshot(seeker), wanted.get(k)!);
      }
      seeker.seek(Math.floor(total / 2));
      seeker.reset();
      expect(seeker.position).toBe(0);
      sameSnapshot('reset', snapshot(seeker), wanted.get(0)!);
      // After a seek, next() carries on from there.
      seeker.seek(picks[1]!);
      while (seeker.position < total) seeker.next();
      sameSnapshot('seek then next to the end', snapshot(seeker), wanted.get(total)!);
    } finally {
      walker.dispose();
      seeker.dispose();
    }
  });
});

/** pool_forward over the first pool fixture, every tied maximum taking the gradient. */
function poolStepper(): Stepper {
  const c = poolCases[0]!;
  return engine.createStepper({
    op: 'pool_forward',
    A_prev: tensorOf(c, 'A_prev'),
    params: { ...c.pool!, ties: 'all' },
  });
}

describe('window record', () => {
  it('for the notebook convolution step 1 is sample 0, channel 0, rows 0..3, columns 0..3', () => {
    const c = convCases.find((x) => x.name === 'notebook_conv_forward') as FixtureCase;
    expect(c).toBeDefined();
    const s = engine.createStepper({
      op: 'conv_forward',
      A_prev: tensorOf(c, 'A_prev'),
      W: tensorOf(c, 'W'),
      b: tensorOf(c, 'b'),
      params: c.conv!,
    });
    try {
      expect(s.next()).toBe(true);
      const r = s.window();
      expect([r.step, r.i, r.c, r.h, r.w]).toEqual([1, 0, 0, 0, 0]);
      expect([r.vertStart, r.vertEnd, r.horiStart, r.horiEnd]).toEqual([0, 3, 0, 3]);
      expect(r.f).toBe(3);
      // Step 2 slides right by the stride: columns 2..5.
      s.next();
      const r2 = s.window();
      expect([r2.h, r2.w, r2.horiStart, r2.horiEnd]).toEqual([0, 1, 2, 5]);
      // Z is 2×3×4×8 here: step 4*3 + 1 = 13 is the first of channel 1.
      s.seek(13);
      expect([s.window().i, s.window().c, s.window().h, s.window().w]).toEqual([0, 1, 0, 0]);
    } finally {
      s.dispose();
    }
  });

  it('is all zeros before the first step', () => {
    const { f } = poolCases[0]!.pool!;
    const s = poolStepper();
    try {
      const r = s.window();
      expect([
        r.step,
        r.i,
        r.c,
        r.h,
        r.w,
        r.vertStart,
        r.vertEnd,
        r.horiStart,
        r.horiEnd,
        r.value,
        r.amount,
        r.maskCount,
      ]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(r.mask.length).toBe(f * f);
      expect(Array.from(r.mask).every((v) => v === 0)).toBe(true);
    } finally {
      s.dispose();
    }
  });

  it('gives copies: changing a returned tensor or mask does not change the stepper', () => {
    const s = poolStepper();
    try {
      s.next();
      const mask = s.window().mask;
      mask.fill(7);
      expect(Array.from(s.window().mask)).not.toContain(7);
      const out = s.tensor('out')!;
      const first = out.data[0];
      out.data[0] = 12345;
      expect(s.tensor('out')!.data[0]).toBe(first);
    } finally {
      s.dispose();
    }
  });
});

describe('stepper inputs', () => {
  it('are copies: changing the JavaScript tensors after creation changes nothing', () => {
    const c = convCases.find((x) => x.name === 'notebook_conv_backward')!;
    const dZ = tensorOf(c, 'dZ'),
      A_prev = tensorOf(c, 'A_prev'),
      W = tensorOf(c, 'W');
    const copy = (t: Tensor): Tensor => ({ shape: t.shape, data: t.data.slice() });
    const spec: StepperSpec = {
      op: 'conv_backward',
      dZ: copy(dZ),
      A_prev: copy(A_prev),
      W: copy(W),
      params: c.conv!,
    };
    const s = engine.createStepper(spec);
    try {
      spec.dZ.data.fill(0);
      spec.W.data.fill(0);
      spec.A_prev.data.fill(0);
      s.seek(s.total);
      const want = engine.convBackward(dZ, A_prev, W, c.conv!);
      expect(bitwiseMismatch('dW', s.tensor('dW')!, want.dW)).toBeNull();
      expect(bitwiseMismatch('dA_prev', s.tensor('dA_prev')!, want.dA_prev)).toBeNull();
    } finally {
      s.dispose();
    }
  });
});

describe('dispose', () => {
  it('is idempotent, and a disposed stepper says so when used', () => {
    const s = poolStepper();
    s.dispose();
    s.dispose();
    const uses: [string, () => unknown][] = [
      ['next', () => s.next()],
      ['seek', () => s.seek(0)],
      ['reset', () => s.reset()],
      ['window', () => s.window()],
      ['tensor', () => s.tensor('out')],
      ['position', () => s.position],
    ];
    for (const [name, use] of uses) {
      expect(use, name).toThrow(ConvstepError);
      expect(use, name).toThrow(/disposed/);
    }
    expect(s.total).toBeGreaterThan(0);
  });

  it('seek outside 0..total is an error with a sentence, and the stepper stays where it was', () => {
    const s = poolStepper();
    try {
      s.seek(3);
      for (const k of [-1, s.total + 1, 1.5, Number.NaN, Infinity]) {
        expect(() => s.seek(k), String(k)).toThrow(/seek: step .* is not a whole number from 0 to/);
      }
      expect(s.position).toBe(3);
      expect(() => s.tensor('nonsense' as StepperTensor)).toThrow(/no stepper tensor is called "nonsense"/);
    } finally {
      s.dispose();
    }
  });
});
