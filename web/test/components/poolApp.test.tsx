// The pooling pages as a person uses them: chosen with the operation switcher, found by role and
// visible text, driven by clicks and keys.
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { currentLine, stepText } from './page';
import { renderApp } from './setup';

function printed(name: string): string {
  return (document.querySelector(`pre[aria-label^="${name}"]`)?.textContent ?? '').split('\n')[1] ?? '';
}

const NOTEBOOK_B = '?op=pool_backward&m=5&H=5&W=3&Cin=2&f=2&stride=1&seed=1&data=gauss';

describe('choosing pooling', () => {
  it('the switcher opens pool_forward on the same layer, with pooling’s fields and formula', async () => {
    await renderApp();
    const nav = screen.getByRole('navigation', { name: 'Operation' });
    fireEvent.click(within(nav).getByRole('button', { name: /pool_forward/ }));
    expect(
      within(nav)
        .getByRole('button', { name: /pool_forward/ })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    // the conv notebook's input pooled: (5 − 3) / 2, (7 − 3) / 2
    expect(screen.getByText('n_H = ⌊(5 − 3) / 2⌋ + 1 = 2')).toBeTruthy();
    expect(screen.getByText('n_W = ⌊(7 − 3) / 2⌋ + 1 = 3')).toBeTruthy();
    expect(stepText()).toBe('step 1 of 48');
    // no n_C, pad or dilation for pooling
    expect(screen.queryByRole('textbox', { name: /^pad\b/ })).toBeNull();
    expect(screen.queryByRole('textbox', { name: /^n_C\b/ })).toBeNull();
    expect(screen.queryByRole('textbox', { name: /^dilation\b/ })).toBeNull();
    expect(screen.getByRole('img', { name: 'A_prev[0,:,:,0]' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'A[0,:,:,0]' })).toBeTruthy();
    expect(currentLine()).toContain('A[i, h, w, c] = np.max(');
  });

  it('presets: the notebook’s pool_forward case, then average', async () => {
    await renderApp('?op=pool_forward');
    fireEvent.click(screen.getByRole('button', { name: 'Notebook pool_forward' }));
    expect(screen.getByText('n_H = (5 − 3) + 1 = 3')).toBeTruthy();
    expect(stepText()).toBe('step 1 of 54');
    fireEvent.click(screen.getByRole('radio', { name: /average/ }));
    expect(currentLine()).toContain('A[i, h, w, c] = np.mean(');
    const panel = screen.getByRole('region', { name: 'Arithmetic' });
    expect(panel.textContent).toContain('sum of 9 values');
    expect(panel.textContent).toContain('/ 9');
  });

  it('walks to the end and prints A[1, 1] as the notebook prints it', async () => {
    await renderApp('?op=pool_forward&m=2&H=5&W=5&Cin=3&f=3&stride=1&seed=1&data=gauss&mode=max');
    fireEvent.keyDown(document.body, { key: 'End' });
    expect(stepText()).toBe('step 54 of 54');
    const rows = JSON.parse(printed('A[1, 1]')) as number[][];
    expect(rows[0]!.map((v) => v.toFixed(8))).toEqual(['1.96710175', '0.84616065', '1.27375593']);
  });
});

describe('pool_backward', () => {
  it('the notebook preset, walked to the end, prints dA_prev[1, 1] as the notebook does (max, then average)', async () => {
    await renderApp('?op=pool_backward');
    fireEvent.click(screen.getByRole('button', { name: 'Notebook pool_backward' }));
    expect(screen.getByText('n_H = (5 − 2) + 1 = 4')).toBeTruthy();
    expect(screen.getByText('steps = m·n_C·n_H·n_W = 5·2·4·2 = 80')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Go to end' }));
    expect(printed('dA_prev[1, 1]')).toBe(
      '[[0.0, 0.0], [5.058443935342465, -1.6828270215556507], [0.0, 0.0]]',
    );
    fireEvent.click(screen.getByRole('radio', { name: /^average/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Go to end' }));
    expect(printed('dA_prev[1, 1]')).toBe(
      '[[0.08485462489158352, 0.2787551982460382], [1.2646109838356163, -0.2574937269055999], [1.179756358944033, -0.5362489251516381]]',
    );
  });

  it('draws A_prev, the mask, mask · dA, dA and dA_prev; marks the += line', async () => {
    await renderApp(`${NOTEBOOK_B}&step=6`);
    for (const name of ['A_prev[0,:,:,0]', 'mask', 'mask · dA', 'dA[0,:,:,0]', 'dA_prev[0,:,:,0]']) {
      expect(screen.getByRole('img', { name })).toBeTruthy();
    }
    expect(currentLine()).toContain('dA_prev[i, vert_start:vert_end,');
    const panel = screen.getByRole('region', { name: 'Arithmetic' });
    expect(panel.textContent).toContain('mask = create_mask_from_window(A_prev[0, 2:4, 1:3, 0])');
    expect(within(panel).getByRole('table', { name: /cells this step adds to/ })).toBeTruthy();
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('step 6 of 80: i=0, c=0, h=2, w=1, dA = −0.5171, adds −0.5171 to 1 cell');
  });

  it('average shows distribute_value’s grid and its lines of code', async () => {
    await renderApp(`${NOTEBOOK_B}&mode=average&step=6`);
    expect(screen.getByRole('img', { name: 'distribute_value' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: 'mask' })).toBeNull();
    expect(currentLine()).toContain('dA_prev[i, vert_start:vert_end,');
    const list = screen.getByRole('list', { name: 'Python loop nest' });
    expect(list.textContent).toContain('distribute_value(da, shape)');
    expect(list.textContent).toContain('da = dA[i, h, w, c]= −0.5171');
    const panel = screen.getByRole('region', { name: 'Arithmetic' });
    expect(panel.textContent).toContain('−0.1293');
  });

  it('the tie rule: a switch with its sentence; PyTorch’s rule sends a tie’s gradient to one cell', async () => {
    await renderApp('?op=pool_backward');
    fireEvent.click(screen.getByRole('button', { name: 'Ties (small integers)' }));
    expect(
      screen.getByText(
        /When a window’s maximum appears more than once, the assignment’s mask \(x == max\(x\)\) sends the gradient to every tied cell; PyTorch sends it only to the first in row-major order\./,
      ),
    ).toBeTruthy();
    const all = screen.getByRole('radio', { name: /all tied maxima/ }) as HTMLInputElement;
    expect(all.checked).toBe(true);
    // step until a window has a tie
    let note: HTMLElement | null = null;
    for (let k = 0; k < 20 && note === null; k++) {
      fireEvent.keyDown(document.body, { key: 'ArrowRight' });
      note = screen.queryByRole('note');
    }
    expect(note?.textContent).toMatch(/appears \d times: the assignment’s mask/);
    const cellsAll = screen
      .getByRole('table', { name: /cells this step adds to/ })
      .querySelectorAll('tbody tr').length;
    expect(cellsAll).toBeGreaterThan(1);
    fireEvent.click(screen.getByRole('radio', { name: /first maximum/ }));
    expect(screen.getByRole('note').textContent).toMatch(/PyTorch’s rule marks only the first/);
    expect(
      screen.getByRole('table', { name: /cells this step adds to/ }).querySelectorAll('tbody tr').length,
    ).toBe(1);
    expect(screen.getByText('tied maximum, skipped (PyTorch)')).toBeTruthy(); // the legend
  });

  it('dA from all ones', async () => {
    const { store } = await renderApp(`${NOTEBOOK_B}&step=1`);
    fireEvent.click(screen.getByRole('radio', { name: /all ones/ }));
    expect(store.config.value.da).toBe('ones');
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toMatch(/dA = 1\.0000/);
  });

  it('the C loop on the toggle', async () => {
    await renderApp(`${NOTEBOOK_B}&step=37`);
    fireEvent.click(screen.getByRole('button', { name: 'C (what runs)' }));
    expect(currentLine()).toContain('if (mask[u * f + v])');
    expect(screen.getByRole('list', { name: 'C loop' }).textContent).toContain('k = 36');
  });
});
