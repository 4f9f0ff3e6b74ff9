// A slice of the whole output or gradient as Python prints it, e.g. the notebook's
//   print("dA_prev[1,1] = ", dA_prev[1, 1])
// as dA_prev[1, 1].tolist(), with every digit (Python's repr), so that a student can compare
// it with the notebook. The sample and row are chosen here; the slice holds every column and
// channel. The values are what the loop has written so far: np.zeros where it has not been.

import { useState } from 'preact/hooks';
import type { Tensor } from '../../engine/types';
import { pyRepr } from './pool';
import './pool.css';

export interface ArrayPrintProps {
  /** the tensor's name in the code: A or dA_prev */
  name: string;
  tensor: Tensor | null;
  /** its shape, for the choices when the tensor is not there yet (step 0) */
  shape: readonly number[];
}

/** Rows and columns of a printed slice beyond which numpy would summarise with "...". */
const MAX_ROWS = 8;
const MAX_COLS = 6;

/** t[i, h].tolist() as Python prints it. */
export function sliceText(t: Tensor | null, shape: readonly number[], i: number, h: number): string {
  const [, H = 1, W = 1, C = 1] = shape;
  const rows: string[] = [];
  const at = (w: number, c: number) => (t ? (t.data[((i * H + h) * W + w) * C + c] ?? 0) : 0);
  const cols = (w: number) => {
    const vals: string[] = [];
    for (let c = 0; c < Math.min(C, MAX_COLS); c++) vals.push(pyRepr(at(w, c)));
    if (C > MAX_COLS) vals.push('...');
    return `[${vals.join(', ')}]`;
  };
  for (let w = 0; w < Math.min(W, MAX_ROWS); w++) rows.push(cols(w));
  if (W > MAX_ROWS) rows.push('...');
  return `[${rows.join(', ')}]`;
}

function Choice({
  label,
  value,
  n,
  onChange,
}: {
  label: string;
  value: number;
  n: number;
  onChange(v: number): void;
}) {
  return (
    <label class="print-choice">
      <span>{label}</span>
      <select
        value={String(value)}
        onChange={(e) => onChange(Number((e.currentTarget as HTMLSelectElement).value))}
      >
        {Array.from({ length: n }, (_, k) => (
          <option key={k} value={String(k)}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ArrayPrint({ name, tensor, shape }: ArrayPrintProps) {
  const [m = 1, H = 1] = shape;
  // the notebook prints [1, 1]; smaller layers get the nearest slice
  const [pick, setPick] = useState<{ i: number; h: number }>({ i: 1, h: 1 });
  const i = Math.min(pick.i, m - 1);
  const h = Math.min(pick.h, H - 1);
  const expr = `${name}[${i}, ${h}]`;
  return (
    <section class="array-print" aria-label={`Print ${name}`}>
      <div class="print-choices">
        <span class="print-title">print</span>
        <Choice label="i" value={i} n={m} onChange={(v) => setPick({ i: v, h })} />
        <Choice label="row" value={h} n={H} onChange={(v) => setPick({ i, h: v })} />
      </div>
      <pre class="print-out" role="region" aria-label={`${expr}, every column and channel`}>
        <span class="print-prompt">{`>>> ${expr}.tolist()`}</span>
        {'\n'}
        {sliceText(tensor, shape, i, h)}
      </pre>
    </section>
  );
}
