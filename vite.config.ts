/// <reference types="vitest/config" />
// One config for the site (Vite, root web/, output dist/ at the repository's top) and the unit
// tests (vitest): engine tests run in Node, component tests in happy-dom.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** A plain script (web/public/opened-from-disk.js) that says what to do when the built page is
 * opened from disk, where its module scripts do not run; added after bundling, as Vite bundles
 * only module scripts. The one-file build (vite.single.config.ts) leaves it out. */
export function diskNotice(): Plugin {
  return {
    name: 'convstep:disk-notice',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'script', attrs: { src: './opened-from-disk.js', defer: true }, injectTo: 'body' },
      ],
    },
  };
}

/** The built page asks for the WebAssembly module at once, in parallel with its script, instead
 * of once the script has run: a preload the glue's fetch (same origin, credentials same-origin)
 * then reuses. */
function preloadWasm(): Plugin {
  return {
    name: 'convstep-preload-wasm',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const wasm = Object.keys(ctx.bundle ?? {}).find((f) => f.endsWith('.wasm'));
        if (wasm === undefined) return [];
        const attrs = {
          rel: 'preload',
          href: `./${wasm}`,
          as: 'fetch',
          type: 'application/wasm',
          crossorigin: '',
        };
        return [{ tag: 'link', attrs, injectTo: 'head' }];
      },
    },
  };
}

export default defineConfig({
  root: here('./web'),
  // Relative URLs, so the built folder works from any sub-path of any static host.
  base: './',
  plugins: [preact(), preloadWasm(), diskNotice()],
  server: { host: '127.0.0.1', strictPort: false },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Vite inlines small assets as data: URLs; the .wasm must stay a file so that a strict
    // Content-Security-Policy (no connect-src data:) can load it.
    assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
  },
  test: {
    root: here('.'),
    // generous: the component tests render whole walks, and a busy machine is slow
    testTimeout: 20000,
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          root: here('.'),
          include: ['web/test/engine/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'lib',
          root: here('.'),
          include: ['web/test/lib/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'components',
          root: here('.'),
          include: ['web/test/components/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
    ],
  },
});
