/// <reference types="vitest/config" />
// One config for the site (Vite, root web/, output dist/ at the repository's top) and the unit
// tests (vitest): engine tests run in Node, component tests in happy-dom.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import preact from '@preact/preset-vite';
import { EARLY_WASM } from './web/src/app/earlyWasm.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * Writes a plain script into the built page (before `before`, the first occurrence) and allows
 * exactly that script in the page's Content-Security-Policy, by its SHA-256 hash: one file fewer
 * to ask for before the first stage, where a cold browser asks a static host for at most six at
 * a time.
 */
function inlineScript(html: string, code: string, before: string): string {
  const hash = createHash('sha256').update(code, 'utf8').digest('base64');
  const policy = /(<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*script-src 'self')/;
  if (!policy.test(html)) throw new Error('index.html has no script-src in its policy');
  if (!html.includes(before)) throw new Error(`index.html has no ${before}`);
  return html
    .replace(policy, `$1 'sha256-${hash}'`)
    .replace(before, `<script>${code}</script>\n    ${before}`);
}

/** A plain script (web/boot/opened-from-disk.js) that says what to do when the built page is
 * opened from disk, where its module scripts do not run; written into the page's body after
 * bundling, as Vite bundles only module scripts. The one-file build (vite.single.config.ts)
 * leaves it out. */
export function diskNotice(): Plugin {
  return {
    name: 'convstep:disk-notice',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        inlineScript(html, readFileSync(here('./web/boot/opened-from-disk.js'), 'utf8').trim(), '</body>'),
    },
  };
}

/** The built page fetches and compiles the WebAssembly module at once, as the page is read, in
 * parallel with its script, instead of once the script has run: a small inline script in the
 * head starts `WebAssembly.compileStreaming` and leaves the promise for the engine, which then
 * only instantiates the compiled module (its own fetch is the fallback when that failed, e.g. a
 * host that does not serve .wasm as application/wasm). */
function compileWasmEarly(): Plugin {
  return {
    name: 'convstep:compile-wasm-early',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const wasm = Object.keys(ctx.bundle ?? {}).find((f) => f.endsWith('.wasm'));
        if (wasm === undefined) return html;
        const source = `(function () {
  if (location.protocol === 'file:' || typeof WebAssembly !== 'object' || typeof WebAssembly.compileStreaming !== 'function') return;
  var compiling = WebAssembly.compileStreaming(fetch(${JSON.stringify(`./${wasm}`)}, { credentials: 'same-origin' }));
  // the engine falls back to its own fetch; this rejection is not the page's error
  compiling.catch(function () {});
  window[${JSON.stringify(EARLY_WASM)}] = compiling;
})();`;
        // before the stylesheet: a script after a stylesheet waits for it to arrive
        return inlineScript(html, source, '<link rel="stylesheet"');
      },
    },
  };
}

/** A built operation chunk: its folder under web/src/ops/ names the operation. */
const OP_CHUNK = /\/web\/src\/ops\/([a-z_]+)\/index\.ts$/;

/** Each operation's chunk with the chunks it imports, and the first operation in the
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
  // the registry's dynamic imports, in its order, from whichever chunk the page's script holds
  for (const file of [...loaded].flatMap((f) => byFile.get(f)?.dynamicImports ?? [])) {
    const chunk = byFile.get(file);
    const op = chunk?.facadeModuleId ? OP_CHUNK.exec(chunk.facadeModuleId)?.[1] : undefined;
    if (chunk === undefined || op === undefined) continue;
    first ??= op;
    const js = new Set<string>();
    walk(file, js);
    files[op] = [...js];
  }
  return first === null ? null : { files, first };
}

/** The page's own script asks for the code of the operation the link opens only once it has
 * run; a small inline script in the page's head, run as the page is read, asks for that code
 * (and its styles) at once, beside the page's script, so that the first stage is drawn sooner.
 * It stands before the stylesheet: a script after a stylesheet waits for it to arrive, and the
 * reading of the page waits for the script. */
function preloadStartOp(): Plugin {
  return {
    name: 'convstep:preload-start-op',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const ops = opFiles(ctx.bundle);
        if (ops === null) return html;
        const source = `(function () {
  if (location.protocol === 'file:') return;
  var files = ${JSON.stringify(ops.files)};
  var op = new URLSearchParams(location.search).get('op');
  var list = op !== null && Object.prototype.hasOwnProperty.call(files, op) ? files[op] : files[${JSON.stringify(ops.first)}];
  for (var i = 0; i < list.length; i++) {
    var link = document.createElement('link');
    link.rel = 'modulepreload';
    // as the page's script will ask for it, so that the browser reuses this request
    link.crossOrigin = '';
    link.href = './' + list[i];
    document.head.appendChild(link);
  }
})();`;
        // before the stylesheet: a script after a stylesheet waits for it to arrive
        return inlineScript(html, source, '<link rel="stylesheet"');
      },
    },
  };
}

/** The modules a module reaches through static imports (itself included). */
function staticClosure(
  from: string,
  info: (id: string) => { importedIds: readonly string[] } | null,
): Set<string> {
  const seen = new Set<string>();
  const todo = [from];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(info(id)?.importedIds ?? []));
  }
  return seen;
}

const ENTRY = here('./web/src/main.tsx');
const OP_INDEX = /[\\/]web[\\/]src[\\/]ops[\\/][a-z_]+[\\/]index\.ts$/;

/**
 * Fewer files before the first stage: a cold browser asks a static host for at most six files
 * at a time over HTTP/1.1, and every further round costs a round trip. Left alone, the bundler
 * splits the modules the page's script imports into a handful of small shared chunks, and the
 * modules every operation imports into as many again. Grouped, the first stage needs three
 * scripts: the page's (everything it imports), the operations' common code (everything an
 * operation's folder imports from outside it), and the operation's own.
 */
function chunkGroups(): Rolldown.CodeSplittingGroup[] {
  let start: Set<string> | null = null;
  let opsCommon: Set<string> | null = null;
  return [
    {
      name(id, ctx) {
        start ??= staticClosure(ENTRY, (m) => ctx.getModuleInfo(m));
        return start.has(id) && id !== ENTRY ? 'start' : null;
      },
      debugName: 'start',
      priority: 2,
    },
    {
      name(id, ctx) {
        if (opsCommon === null) {
          start ??= staticClosure(ENTRY, (m) => ctx.getModuleInfo(m));
          const ops = new Set<string>();
          // the op folders' index modules, the registry imports them dynamically
          for (const m of start)
            for (const d of ctx.getModuleInfo(m)?.dynamicallyImportedIds ?? [])
              if (OP_INDEX.test(d)) ops.add(d);
          opsCommon = new Set();
          for (const op of ops) {
            const folder = op.replace(/index\.ts$/, '');
            for (const m of staticClosure(op, (x) => ctx.getModuleInfo(x)))
              if (!m.startsWith(folder) && !start.has(m)) opsCommon.add(m);
          }
        }
        return opsCommon.has(id) ? 'op-common' : null;
      },
      debugName: 'op-common',
      priority: 1,
    },
  ];
}

export default defineConfig({
  root: here('./web'),
  // Relative URLs, so the built folder works from any sub-path of any static host.
  base: './',
  plugins: [preact(), compileWasmEarly(), preloadStartOp(), diskNotice()],
  server: { host: '127.0.0.1', strictPort: false },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Vite inlines small assets as data: URLs; the .wasm must stay a file so that a strict
    // Content-Security-Policy (no connect-src data:) can load it.
    assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
    // one stylesheet for the whole page (about 8 KB gzipped): the first stage needs the page's
    // and the operations' styles, and one file is one request fewer before it
    cssCodeSplit: false,
    rolldownOptions: { output: { codeSplitting: { groups: chunkGroups() } } },
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
