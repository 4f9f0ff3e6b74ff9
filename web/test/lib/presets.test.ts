// The notebook presets as the README states them, and preset names that cannot be taken for
// each other: the README's shapes are read back from the presets' own configurations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONV_BACKWARD_PRESETS, NOTEBOOK_CONV_BACKWARD } from '../../src/ops/conv_backward/model';
import { NOTEBOOK_POOL_BACKWARD, NOTEBOOK_POOL_FORWARD } from '../../src/ops/pool/pool';
import { NOTEBOOK, type Config } from '../../src/state/config';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const shape = (c: Config) => `A_prev (${c.m},${c.H},${c.W},${c.Cin})`;

describe('README: the notebook presets', () => {
  it('gives conv_forward and conv_backward the shapes their presets open', () => {
    for (const [op, c] of [
      ['conv_forward', NOTEBOOK],
      ['conv_backward', NOTEBOOK_CONV_BACKWARD],
    ] as const)
      expect(readme).toContain(
        `\`${op}\` (seed ${c.seed}, ${shape(c)}, W (${c.f},${c.f},${c.Cin},${c.Cout}), pad ${c.pad}, stride ${c.stride}`,
      );
  });

  it('gives pool_forward and pool_backward the shapes their presets open', () => {
    for (const [op, c] of [
      ['pool_forward', NOTEBOOK_POOL_FORWARD],
      ['pool_backward', NOTEBOOK_POOL_BACKWARD],
    ] as const)
      expect(readme).toContain(`\`${op}\` (seed ${c.seed}, ${shape(c)}, f ${c.f}, stride ${c.stride}`);
  });
});

describe('conv_backward: preset names', () => {
  it('names the operation of every notebook preset, its own first', () => {
    const notebook = CONV_BACKWARD_PRESETS.filter((p) => /notebook/i.test(p.name));
    expect(notebook.length).toBe(2);
    for (const p of notebook) expect(p.name).toMatch(/conv_(forward|backward)/);
    expect(CONV_BACKWARD_PRESETS[0]?.name).toBe('Notebook conv_backward');
  });
});
