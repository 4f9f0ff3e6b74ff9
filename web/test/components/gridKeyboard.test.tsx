// The grids from the keyboard: focus one, move its cursor with the arrow keys, read the cell's
// tooltip, select it with Enter; the arrows inside a grid leave the transport alone.
import { act, fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { stepText } from './page';
import { renderApp } from './setup';
import { selection } from './setup';

const NB = '?op=conv_backward&m=10&H=4&W=4&Cin=3&Cout=8&f=2&stride=2&pad=2&dil=1&seed=1&data=gauss&dz=z';

function focusGrid(name: string): HTMLElement {
  const canvas = screen.getByRole('img', { name });
  expect(canvas.tabIndex).toBe(0);
  act(() => canvas.focus());
  expect(document.activeElement).toBe(canvas);
  return canvas;
}

/** The tooltip that describes the grid (aria-describedby), which must be the one shown. */
function described(canvas: HTMLElement): string {
  const id = canvas.getAttribute('aria-describedby');
  expect(id).toBeTruthy();
  const tip = document.getElementById(id!);
  expect(tip?.getAttribute('role')).toBe('tooltip');
  expect(screen.getByRole('tooltip')).toBe(tip);
  return tip?.textContent ?? '';
}

function key(target: HTMLElement, k: string) {
  fireEvent.keyDown(target, { key: k });
}

describe('grids from the keyboard', () => {
  it('conv_forward: a focused grid describes its cursor cell, moved by the arrow keys', async () => {
    await renderApp('?step=5');
    const z = focusGrid('Z[0,:,:,0]');
    // step 5 writes Z[0, 1, 0, 0]: the cursor starts on that cell
    expect(described(z)).toContain('Z[0, 1, 0, 0] = ');
    key(z, 'ArrowRight');
    expect(described(z)).toContain('Z[0, 1, 1, 0]: not computed yet (step 6)');
    key(z, 'ArrowUp');
    expect(described(z)).toContain('Z[0, 0, 1, 0] = ');
    key(z, 'ArrowUp'); // stays on the top row
    expect(described(z)).toContain('Z[0, 0, 1, 0] = ');
    expect(described(z)).toContain('flat NHWC offset 8');
    key(z, 'End');
    expect(described(z)).toContain('Z[0, 0, 3, 0] = ');
    key(z, 'Home');
    expect(described(z)).toContain('Z[0, 0, 0, 0] = ');
    expect(described(z)).toContain('flat NHWC offset 0');
    // the transport's keys did not step
    expect(stepText()).toBe('step 5 of 192');
    // Escape hides the tip and gives the arrows back to the transport
    key(z, 'Escape');
    expect(screen.queryByRole('tooltip')).toBeNull();
    key(z, 'ArrowRight');
    expect(stepText()).toBe('step 6 of 192');
    expect(screen.queryByRole('tooltip')).toBeNull();
    act(() => z.blur());
    expect(screen.queryByRole('tooltip')).toBeNull();
    expect(z.getAttribute('aria-describedby')).toBeNull();
  });

  it('← and → on a focused grid move its cursor, not the step; elsewhere they still step', async () => {
    await renderApp('?step=5');
    const a = focusGrid('A_prev[0,:,:,0]');
    key(a, 'ArrowLeft');
    key(a, 'ArrowLeft');
    key(a, 'ArrowRight');
    key(a, 'Home');
    key(a, 'End');
    expect(stepText()).toBe('step 5 of 192');
    act(() => a.blur());
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(stepText()).toBe('step 4 of 192');
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(stepText()).toBe('step 5 of 192');
  });

  it('conv_backward: Enter selects the cursor cell for the inspector', async () => {
    const { store } = await renderApp(`${NB}&step=38`);
    const name = 'dA_prev_pad[0,:,:,1]';
    const grid = focusGrid(name);
    const first = /dA_prev_pad\[0, (\d+), (\d+), 1\]/.exec(described(grid));
    expect(first).not.toBeNull();
    const row = Number(first![1]);
    const col = Number(first![2]);
    // move to (row + 1, col) then (row + 1, col - 1): padded (3, 2) when the cursor starts on
    // step 38's window at (2, 2)
    key(grid, 'ArrowDown');
    key(grid, 'ArrowLeft');
    expect(stepText()).toBe('step 38 of 1280');
    const tip = described(grid);
    expect(tip).toContain(`dA_prev_pad[0, ${row + 1}, ${col - 1}, 1]`);
    expect(selection(store).selected.value).toBeNull();
    key(grid, 'Enter');
    expect(selection(store).selected.value).toEqual({
      tensor: 'dA_prev_pad',
      i: 0,
      row: row + 1,
      col: col - 1,
      k: 1,
    });
    const inspector = screen.getByRole('region', { name: 'Inspector' });
    expect(
      within(inspector).getByRole('heading', { name: `dA_prev_pad[0, ${row + 1}, ${col - 1}, 1]` }),
    ).toBeTruthy();
    expect(stepText()).toBe('step 38 of 1280');
    if (row === 2 && col === 3) expect(tip).toContain('written by 8 steps: 6, 22, 38, 54, …');

    // a dW grid too, with space
    const dw = focusGrid('dW[:,:,0,2]');
    key(dw, 'Home');
    key(dw, 'ArrowDown');
    expect(described(dw)).toContain('(every window of channel c = 2)');
    key(dw, ' ');
    const sel = selection(store).selected.value;
    expect(sel).toMatchObject({ tensor: 'dW', u: 1, v: 0 });
    // space on the grid selected the cell: the transport did not start playing
    expect(store.playing.value).toBe(false);
    expect(stepText()).toBe('step 38 of 1280');
  });
});
