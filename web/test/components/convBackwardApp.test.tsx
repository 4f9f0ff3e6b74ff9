// conv_backward as a person uses it: found by role and visible text, driven by clicks and keys.
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { codeLine, stepText } from './page';
import { renderApp } from './setup';
import { selection } from './setup';

const NB = '?op=conv_backward&m=10&H=4&W=4&Cin=3&Cout=8&f=2&stride=2&pad=2&dil=1&seed=1&data=gauss&dz=z';
const MINUS = '\u2212';

/** Hover (or tap) a cell of a grid: its canvas sits at (0, 0) in happy-dom. */
function pointAt(name: string, row: number, col: number, cell: number) {
  const canvas = screen.getByRole('img', { name });
  const at = { clientX: 4 + (col + 0.5) * cell, clientY: 4 + (row + 0.5) * cell };
  return { canvas, at };
}

function cellOf(name: string): number {
  const canvas = screen.getByRole('img', { name }) as HTMLCanvasElement;
  const cols = name.startsWith('dA_prev_pad') ? 8 : 2;
  return (parseFloat(canvas.style.width) - 8) / cols;
}

describe('conv_backward', () => {
  it('is ready in the switcher and opens from a link at its step', async () => {
    await renderApp(`${NB}&step=37`);
    const nav = screen.getByRole('navigation', { name: 'Operation' });
    const b = within(nav).getByRole('button', { name: /conv_backward/ }) as HTMLButtonElement;
    expect(b.disabled).toBe(false);
    expect(b.getAttribute('aria-pressed')).toBe('true');
    expect(stepText()).toBe('step 37 of 1280');
    expect(screen.getByText('steps = m·n_C·n_H·n_W = 10·8·4·4 = 1280')).toBeTruthy();
  });

  it('switches from conv_forward, keeping the layer', async () => {
    const { store } = await renderApp('?step=5');
    fireEvent.click(screen.getByRole('button', { name: /conv_backward/ }));
    expect(store.op.value).toBe('conv_backward');
    expect(screen.getByRole('img', { name: 'dA_prev_pad[0,:,:,3]' })).toBeTruthy();
    expect(stepText()).toMatch(/^step 1 of 192$/);
  });

  it('draws dZ, db and, per input channel, dA_prev_pad, W, a_slice and dW', async () => {
    await renderApp(`${NB}&step=37`);
    // step 37: i = 0, c = 2, h = 1, w = 0
    expect(screen.getByRole('img', { name: 'dZ[0,:,:,2]' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'db[2]' })).toBeTruthy();
    for (const k of [0, 1, 2]) {
      expect(screen.getByRole('img', { name: `dA_prev_pad[0,:,:,${k}]` })).toBeTruthy();
      expect(screen.getByRole('img', { name: `W[:,:,${k},2]` })).toBeTruthy();
      expect(screen.getByRole('img', { name: `a_slice[:,:,${k}]` })).toBeTruthy();
      expect(screen.getByRole('img', { name: `dW[:,:,${k},2]` })).toBeTruthy();
    }
  });

  it('marks the three += lines and shows the loop variables', async () => {
    await renderApp(`${NB}&step=37`);
    for (const start of ['dA_prev_pad[i,', 'dW[:,:,:,c] \\', 'db[:,:,:,c] += dZ[i, h, w, c]']) {
      expect(codeLine(start).classList.contains('current'), start).toBe(true);
    }
    expect(codeLine('for c in').textContent).toContain('c = 2');
    expect(codeLine('for h in').textContent).toContain('h = 1');
    expect(codeLine('vert_start =').textContent).toContain('= 2');
    expect(codeLine('dA_prev_pad[i,').textContent).toMatch(/dZ = /);
    fireEvent.click(screen.getByRole('button', { name: 'C (what runs)' }));
    expect(codeLine('db[c] += dz;').classList.contains('current')).toBe(true);
    expect(codeLine('x.c = k % n_C;').textContent).toContain('c = 2');
  });

  it('shows what this step adds to dA_prev_pad, dW and db', async () => {
    const { store } = await renderApp(`${NB}&step=37`);
    const panel = screen.getByRole('region', { name: 'This step' });
    const win = store.frame.value.win!;
    expect(panel.textContent).toContain(`dZ[0, 1, 0, 2] = ${win.value < 0 ? MINUS : ''}`);
    expect(panel.textContent).toContain('dA_prev_pad[0, 2:4, 0:2, :] += W[:,:,:,2] · dZ');
    expect(panel.textContent).toContain('dW[:,:,:,2] += a_slice · dZ');
    expect(within(panel).getAllByRole('table')).toHaveLength(6);
    expect(panel.textContent).toMatch(/db\[2\] \+= dZ/);
  });

  it('changes where dZ comes from', async () => {
    const { store } = await renderApp(`${NB}&step=3`);
    const select = screen.getByRole('combobox', { name: /where dZ comes from/ }) as HTMLSelectElement;
    expect(select.value).toBe('z');
    fireEvent.change(select, { target: { value: 'ones' } });
    expect(store.config.value.dz).toBe('ones');
    expect(stepText()).toBe('step 3 of 1280');
    expect(screen.getByRole('region', { name: 'This step' }).textContent).toContain(
      'dZ[0, 0, 2, 0] = 1.0000',
    );
  });

  it('opens the notebook preset', async () => {
    const { store } = await renderApp('?op=conv_backward');
    fireEvent.click(screen.getByRole('button', { name: 'Notebook conv_backward' }));
    expect(store.config.value).toMatchObject({
      m: 10,
      H: 4,
      W: 4,
      Cin: 3,
      Cout: 8,
      f: 2,
      stride: 2,
      pad: 2,
      dz: 'z',
    });
  });

  it('tells a hovered cell’s index, offsets, value and writers', async () => {
    await renderApp(`${NB}&step=37`);
    const name = 'dA_prev_pad[0,:,:,1]';
    const { canvas, at } = pointAt(name, 3, 2, cellOf(name));
    fireEvent.pointerMove(canvas, at);
    const tip = screen.getByRole('tooltip').textContent ?? '';
    // padded (3, 2) is dA_prev[0, 1, 0, 1]: windows h = 1, w = 1 of every c write it
    expect(tip).toContain('dA_prev_pad[0, 3, 2, 1]');
    expect(tip).toContain('= dA_prev[0, 1, 0, 1] (flat NHWC offset 13)');
    expect(tip).toContain(`flat NHWC offset ${(3 * 8 + 2) * 3 + 1} in dA_prev_pad`);
    expect(tip).toContain('written by 8 steps: 6, 22, 38, 54, …; 2 done so far');
    const dw = 'dW[:,:,0,2]';
    const p = pointAt(dw, 1, 1, cellOf(dw));
    fireEvent.pointerMove(p.canvas, p.at);
    expect(
      screen
        .getAllByRole('tooltip')
        .map((t) => t.textContent)
        .join('\n'),
    ).toContain('(every window of channel c = 2)');
  });

  it('selects a clicked cell: its value before and after, every write, the gradient check', async () => {
    const { store } = await renderApp(`${NB}&step=38`);
    const name = 'dA_prev_pad[0,:,:,1]';
    const { canvas, at } = pointAt(name, 3, 2, cellOf(name));
    fireEvent.click(canvas, at);
    expect(selection(store).selected.value).toEqual({ tensor: 'dA_prev_pad', i: 0, row: 3, col: 2, k: 1 });
    const inspector = screen.getByRole('region', { name: 'Inspector' });
    expect(within(inspector).getByRole('heading', { name: 'dA_prev_pad[0, 3, 2, 1]' })).toBeTruthy();
    // step 38 writes it (c = 2, h = 1, w = 1)
    expect(inspector.textContent).toMatch(/step 38 adds/);
    const writes = within(inspector).getByRole('table', { name: /Every write to/ });
    expect(within(writes).getAllByRole('button')).toHaveLength(8);
    // jump to another write
    fireEvent.click(within(writes).getByRole('button', { name: '54' }));
    expect(stepText()).toBe('step 54 of 1280');
    const check = within(inspector).getByRole('table', { name: 'Gradient check of dA_prev[0, 1, 0, 1]' });
    expect(check.textContent).toContain('walk-through so far (partial)');
    fireEvent.click(screen.getByRole('button', { name: 'Go to end' }));
    const done = within(inspector).getByRole('table', { name: 'Gradient check of dA_prev[0, 1, 0, 1]' });
    expect(done.textContent).toContain('walk-through, all 1280 steps');
    expect(done.textContent).toContain('✓ agree');
  });

  it('announces each step with dZ', async () => {
    await renderApp(`${NB}&step=36`);
    fireEvent.click(screen.getByRole('button', { name: 'Step forward' }));
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toMatch(/^step 37 of 1280: i=0, c=2, h=1, w=0, dZ = /);
  });
});
