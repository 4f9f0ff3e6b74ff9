// The app as a person uses it: found by role and visible text, driven by clicks and keys.
import { act, fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { codeLine, currentLine, stepText } from './page';
import { renderApp } from './setup';

function field(name: RegExp) {
  return screen.getByRole('textbox', { name }) as HTMLInputElement;
}

function type(input: HTMLInputElement, text: string) {
  fireEvent.input(input, { target: { value: text } });
}

const NOTEBOOK_NH = 'n_H = ⌊(5 + 2·1 − 3) / 2⌋ + 1 = 3';

describe('first view', () => {
  it('shows the notebook example at step 1, with the output size worked out', async () => {
    await renderApp();
    expect(screen.getByText(NOTEBOOK_NH)).toBeTruthy();
    expect(screen.getByText('n_W = ⌊(7 + 2·1 − 3) / 2⌋ + 1 = 4')).toBeTruthy();
    expect(screen.getByText('steps = m·n_C·n_H·n_W = 2·8·3·4 = 192')).toBeTruthy();
    expect(stepText()).toBe('step 1 of 192');
    expect(screen.getByRole('button', { name: 'Notebook conv_forward' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('draws one grid per input channel, W and b for the output channel, and Z', async () => {
    await renderApp();
    for (const k of [0, 1, 2, 3]) {
      expect(screen.getByRole('img', { name: `A_prev[0,:,:,${k}]` })).toBeTruthy();
      expect(screen.getByRole('img', { name: `W[:,:,${k},0]` })).toBeTruthy();
    }
    expect(screen.getByRole('img', { name: 'b[0]' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Z[0,:,:,0]' })).toBeTruthy();
  });

  it('offers all four operations, conv_forward first', async () => {
    await renderApp();
    const nav = screen.getByRole('navigation', { name: 'Operation' });
    const conv = within(nav).getByRole('button', { name: /conv_forward/ });
    expect(conv.getAttribute('aria-pressed')).toBe('true');
    for (const op of ['pool_forward', 'conv_backward', 'pool_backward']) {
      const b = within(nav).getByRole('button', { name: new RegExp(op) }) as HTMLButtonElement;
      expect(b.disabled).toBe(false);
      expect(b.getAttribute('aria-pressed')).toBe('false');
      expect(b.textContent).not.toContain('coming next');
    }
  });
});

describe('parameter form', () => {
  const refusals: [string, RegExp][] = [
    ['', /n_H_prev is empty: enter a whole number from 1 to 128\./],
    ['abc', /“abc” is not a number: n_H_prev takes a whole number from 1 to 128\./],
    ['-2', /n_H_prev cannot be negative/],
    ['0', /n_H_prev cannot be 0: enter a whole number from 1 to 128\./],
    ['2.5', /n_H_prev must be a whole number, not “2\.5”/],
    ['1e9', /n_H_prev = “1e9” is too large: at most 128 here\./],
  ];
  for (const [text, sentence] of refusals) {
    it(`refuses ${JSON.stringify(text)} with a sentence and keeps the last valid layer`, async () => {
      await renderApp();
      const input = field(/n_H_prev/);
      type(input, text);
      expect(screen.getByText(sentence)).toBeTruthy();
      expect(input.getAttribute('aria-invalid')).toBe('true');
      // the sentence is tied to the input for screen readers
      const described = input.getAttribute('aria-describedby') ?? '';
      expect(document.getElementById(described.split(' ')[0]!)?.textContent).toMatch(sentence);
      // the stage still shows the notebook layer
      expect(screen.getByText(NOTEBOOK_NH)).toBeTruthy();
      expect(stepText()).toBe('step 1 of 192');
    });
  }

  it('applies a valid value at once', async () => {
    await renderApp();
    type(field(/n_H_prev/), '7');
    expect(screen.getByText('n_H = ⌊(7 + 2·1 − 3) / 2⌋ + 1 = 4')).toBeTruthy();
    expect(stepText()).toBe('step 1 of 256');
  });

  it('never inserts what was typed as HTML', async () => {
    await renderApp();
    type(field(/n_W_prev/), '<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText(/is not a number: n_W_prev takes/)).toBeTruthy();
  });

  it('shows the C library’s sentence when the filter does not fit, and keeps the stage', async () => {
    await renderApp();
    type(field(/^f\b/), '9');
    const alert = screen.getAllByRole('alert').find((a) => a.classList.contains('combo-error'));
    expect(alert?.textContent).toMatch(/does not fit/);
    expect(screen.getByText(NOTEBOOK_NH)).toBeTruthy();
    // fixing another field so that it fits clears the sentence
    type(field(/^pad\b/), '3');
    expect(screen.queryByText(/does not fit/)).toBeNull();
    expect(screen.getByText('n_H = ⌊(5 + 2·3 − 9) / 2⌋ + 1 = 2')).toBeTruthy();
  });

  it('puts the C sentence beside the field it is about, marks it, and says what the stage uses', async () => {
    await renderApp();
    const f = field(/^f\b/);
    type(f, '9');
    const alert = screen.getAllByRole('alert').find((a) => a.classList.contains('combo-error'));
    expect(alert?.textContent).toMatch(/does not fit/);
    // under f, not under the last field (dilation)
    expect(alert?.closest('.field')?.contains(f)).toBe(true);
    expect(f.getAttribute('aria-invalid')).toBe('true');
    // a screen reader on f hears the sentence (an alert with no id would make this vacuous)
    expect(alert?.id).toBeTruthy();
    expect(f.getAttribute('aria-describedby')?.split(' ')).toContain(alert?.id);
    expect(field(/^dilation\b/).getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByText(/The stage keeps showing the last valid layer: f = 3\./)).toBeTruthy();
  });

  it('ArrowUp and ArrowDown change a field by one within its range', async () => {
    await renderApp();
    const stride = field(/^stride\b/);
    fireEvent.keyDown(stride, { key: 'ArrowDown' });
    expect(stride.value).toBe('1');
    fireEvent.keyDown(stride, { key: 'ArrowDown' });
    expect(stride.value).toBe('1');
    expect(screen.getByText('n_H = (5 + 2·1 − 3) + 1 = 5')).toBeTruthy();
  });

  it('switches to small integers and back', async () => {
    const { store } = await renderApp();
    fireEvent.click(screen.getByRole('radio', { name: /Small integers/ }));
    expect(store.config.value.data).toBe('ints');
    for (const v of store.run.value.data.A_prev.data) {
      expect(Number.isInteger(v) && v >= -3 && v <= 3).toBe(true);
    }
    fireEvent.click(screen.getByRole('radio', { name: /Gaussian/ }));
    expect(store.config.value.data).toBe('gauss');
  });

  it('applies a preset', async () => {
    await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Stride leaves a gap' }));
    expect(screen.getByText('n_H = ⌊(6 + 2·0 − 3) / 2⌋ + 1 = 2')).toBeTruthy();
    expect(screen.getByText('1 row and 1 column never visited')).toBeTruthy();
    expect(screen.getByText('never visited')).toBeTruthy(); // the legend
  });
});

describe('transport', () => {
  it('buttons step, jump and scrub', async () => {
    await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Step forward' }));
    expect(stepText()).toBe('step 2 of 192');
    fireEvent.click(screen.getByRole('button', { name: 'Step back' }));
    fireEvent.click(screen.getByRole('button', { name: 'Step back' }));
    expect(stepText()).toBe('step 0 of 192');
    expect((screen.getByRole('button', { name: 'Step back' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Go to end' }));
    expect(stepText()).toBe('step 192 of 192');
    fireEvent.click(screen.getByRole('button', { name: 'Go to start' }));
    expect(stepText()).toBe('step 0 of 192');
    fireEvent.input(screen.getByRole('slider', { name: 'Step' }), { target: { value: '37' } });
    expect(stepText()).toBe('step 37 of 192');
  });

  it('keys: → ← End Home, and space plays and pauses', async () => {
    await renderApp();
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(stepText()).toBe('step 3 of 192');
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(stepText()).toBe('step 2 of 192');
    fireEvent.keyDown(document.body, { key: 'End' });
    expect(stepText()).toBe('step 192 of 192');
    fireEvent.keyDown(document.body, { key: 'Home' });
    expect(stepText()).toBe('step 0 of 192');
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
  });

  it('keys typed in a text field stay in the field', async () => {
    await renderApp();
    fireEvent.keyDown(field(/^m\b/), { key: 'ArrowRight' });
    fireEvent.keyDown(field(/^m\b/), { key: 'End' });
    expect(stepText()).toBe('step 1 of 192');
  });

  it('plays with requestAnimationFrame and stops at the end', async () => {
    const { store } = await renderApp('?m=1&H=3&W=3&Cin=1&Cout=1&f=3&stride=1&pad=0&step=0');
    store.setSpeed(8); // 100 steps per frame
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    await act(() => new Promise((r) => setTimeout(r, 200)));
    expect(stepText()).toBe('step 1 of 1');
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
  });

  it('announces each step to screen readers', async () => {
    await renderApp('?step=36');
    fireEvent.click(screen.getByRole('button', { name: 'Step forward' }));
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('step 37 of 192: i=0, c=3, h=0, w=0, Z = −1.9624');
  });
});

describe('code panel', () => {
  it('marks Z = np.zeros at step 0 and the conv_single_step line after a step', async () => {
    await renderApp('?step=0');
    expect(currentLine()).toContain('Z = np.zeros((m, n_H, n_W, n_C))');
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(currentLine()).toContain('Z[i, h, w, c] = conv_single_step(');
  });

  it('shows the loop variables of step 37 beside their lines', async () => {
    await renderApp('?step=37');
    // step 37 is k = 36: w = 36 % 4 = 0, h = 9 % 3 = 0, c = 3, i = 0
    expect(codeLine('for i in').textContent).toContain('i = 0');
    expect(codeLine('for c in').textContent).toContain('c = 3');
    expect(codeLine('for h in').textContent).toContain('h = 0');
    expect(codeLine('for w in').textContent).toContain('w = 0');
    expect(codeLine('vert_start =').textContent).toContain('= 0');
    expect(codeLine('vert_end =').textContent).toContain('= 3');
    expect(codeLine('hori_end =').textContent).toContain('= 3');
  });

  it('passes the vertical loop only when a new row starts', async () => {
    await renderApp('?step=6');
    // step 6: k = 5, w = 1, h = 1: only the inner loop ran
    expect(codeLine('vert_start =').classList.contains('ran')).toBe(false);
    expect(codeLine('hori_start =').classList.contains('ran')).toBe(true);
    expect(codeLine('hori_start =').textContent).toContain('= 2');
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    // step 5: k = 4, w = 0, h = 1: a new row, vert_start = h * stride = 2
    expect(codeLine('vert_start =').classList.contains('ran')).toBe(true);
    expect(codeLine('vert_start =').textContent).toContain('= 2');
    expect(codeLine('vert_end =').textContent).toContain('= 5');
  });

  it('shows the C that runs on the toggle, marked on the same step', async () => {
    await renderApp('?step=37');
    fireEvent.click(screen.getByRole('button', { name: 'C (what runs)' }));
    expect(currentLine()).toContain('out[i, h, w, c] = s + b[c];');
    expect(codeLine('x.c = k % n_C;').textContent).toContain('c = 3');
    expect(codeLine('int64_t k = s->pos;').textContent).toContain('k = 36');
  });
});

describe('arithmetic panel', () => {
  it('sums the products, adds b and gives Z', async () => {
    await renderApp();
    expect(screen.getByText('sum of 36 products')).toBeTruthy();
    const panel = screen.getByRole('region', { name: 'Arithmetic' });
    // Z[0,0,0,0] of the notebook case and b[0]
    expect(panel.textContent).toContain('−2.6511');
    expect(panel.textContent).toContain('−1.3988');
  });

  it('writes small windows out term by term', async () => {
    await renderApp('?m=1&H=3&W=3&Cin=1&Cout=1&f=2&stride=1&pad=0&data=ints&seed=3&step=1');
    const panel = screen.getByRole('region', { name: 'Arithmetic' });
    expect(panel.textContent).toMatch(/ch 0.*·.*\+.*·.*\+.*·.*\+.*·/);
  });

  it('says nothing was computed at step 0', async () => {
    await renderApp('?step=0');
    const panel = screen.getByRole('region', { name: 'Arithmetic' });
    expect(within(panel).getByText(/nothing computed yet/)).toBeTruthy();
  });
});

describe('link parameters', () => {
  it('reads the configuration and step from the query', async () => {
    await renderApp(
      '?op=conv_forward&m=1&H=6&W=6&Cin=2&Cout=2&f=3&stride=2&pad=0&dil=1&seed=2&data=ints&step=3',
    );
    expect(stepText()).toBe('step 3 of 8');
    expect(field(/n_H_prev/).value).toBe('6');
  });

  it('refuses a bad parameter with a sentence and falls back to the default', async () => {
    await renderApp('?H=abc&stride=0&data=fancy&op=nonsense');
    const notes = screen.getByRole('list', { name: /refused/ });
    expect(notes.textContent).toMatch(
      /“abc” is not a number: n_H_prev takes a whole number from 1 to 128\. Using 5\./,
    );
    expect(notes.textContent).toMatch(/stride cannot be 0/);
    expect(notes.textContent).toMatch(/data “fancy” is not gauss or ints/);
    expect(notes.textContent).toMatch(/op “nonsense”/);
    expect(screen.getByText(NOTEBOOK_NH)).toBeTruthy();
  });

  it('falls back to the notebook example when the link’s layer does not fit', async () => {
    await renderApp('?H=2&W=2&f=9&pad=0');
    expect(screen.getByRole('list', { name: /refused/ }).textContent).toMatch(/does not fit/);
    expect(screen.getByText(NOTEBOOK_NH)).toBeTruthy();
  });

  it('clamps a step past the end', async () => {
    await renderApp('?step=5000');
    expect(stepText()).toBe('step 192 of 192');
  });
});
