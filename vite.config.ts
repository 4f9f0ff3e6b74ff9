/// <reference types="vitest/config" />
// One config for the site (Vite, root web/, output dist/ at the repository's top) and the unit
// tests (vitest): engine tests run in Node, component tests in happy-dom.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
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

/** A built operation chunk: its folder under web/src/ops/ names the operation. */
const OP_CHUNK = /\/web\/src\/ops\/([a-z_]+)\/index\.ts$/;

/** Each operation's chunk with the chunks and styles it imports, and the first operation in the
 * registry's order (the one a bare link opens); null when the build has no operation chunks
 * (the one-file copy inlines them). */
function opFiles(
  bundle: Rolldown.OutputBundle | undefined,
): { files: Record<string, string[]>; first: string } | null {
  if (bundle === undefined) return null;
  const chunks = Object.values(bundle).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry);
  if (entry === undefined) return null;
  // what the page's own script brings anyway
  const loaded = new Set<string>();
  const walk = (file: string, into: Set<string>): void => {
    if (into.has(file) || loaded.has(file)) return;
    into.add(file);
    for (const f of byFile.get(file)?.imports ?? []) walk(f, into);
  };
  walk(entry.fileName, loaded);
  const files: Record<string, string[]> = {};
  let first: string | null = null;
  for (const file of entry.dynamicImports) {
    const chunk = byFile.get(file);
    const op = chunk?.facadeModuleId ? OP_CHUNK.exec(chunk.facadeModuleId)?.[1] : undefined;
    if (chunk === undefined || op === undefined) continue;
    first ??= op;
    const js = new Set<string>();
    walk(file, js);
    const css = [...js].flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]);
    files[op] = [...js, ...css];
  }
  return first === null ? null : { files, first };
}

/** The page's own script asks for the code of the operation the link opens only once it has
 * run; this small script, run as soon as it arrives, asks for that code (and its styles) at
 * once, beside the page's script, so that the first stage is drawn sooner. */
function preloadStartOp(): Plugin {
  const script = 'start-op.js';
  return {
    name: 'convstep:preload-start-op',
    apply: 'build',
    generateBundle(_options, bundle) {
      const ops = opFiles(bundle);
      if (ops === null) return;
      const source = `// Asks for the code of the operation the address opens (else the first) at once.
(function () {
  if (location.protocol === 'file:') return;
  var files = ${JSON.stringify(ops.files)};
  var op = new URLSearchParams(location.search).get('op');
  var list = op !== null && Object.prototype.hasOwnProperty.call(files, op) ? files[op] : files[${JSON.stringify(ops.first)}];
  for (var i = 0; i < list.length; i++) {
    var link = document.createElement('link');
    if (/\\.css$/.test(list[i])) {
      link.rel = 'preload';
      link.as = 'style';
    } else link.rel = 'modulepreload';
    link.href = './' + list[i];
    document.head.appendChild(link);
  }
})();
`;
      this.emitFile({ type: 'asset', fileName: script, source });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (opFiles(ctx.bundle) === null) return [];
        return [{ tag: 'script', attrs: { src: `./${script}`, async: true }, injectTo: 'head' }];
      },
    },
  };
}

export default defineConfig({
  root: here('./web'),
  // Relative URLs, so the built folder works from any sub-path of any static host.
  base: './',
  plugins: [preact(), preloadWasm(), preloadStartOp(), diskNotice()],
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
