// The one-file copy: `npm run build:single` writes dist-single/convstep.html, the whole page in
// one file (scripts, styles, every operation's code and the WebAssembly module inside it), that
// works opened from disk (file://) with no network: for a course's learning-management system
// and for offline lectures. `npm run build` (vite.config.ts) keeps the hashed .wasm beside the
// script for static hosts.
//
// How the pieces get inside:
// - vite-plugin-singlefile inlines the script and the stylesheet and turns code splitting off,
//   so the operations' lazy chunks (the dynamic imports of web/src/ops/index.ts) are inlined too.
// - The .wasm: web/src/engine/embedded.ts is swapped for embedded.single.ts, which imports it as
//   base64 and hands the bytes to the module (wasmBinary), so nothing is fetched. The glue's own
//   reference to its .wasm file (new URL("convstep.wasm", import.meta.url)) is unused then; it is
//   replaced by the bare name so that the bytes are not inlined a second time.
// - The sample images: web/public is not part of the one file; app/owndata/sampleFiles.ts is
//   swapped for sampleFiles.single.ts, which imports the three PNGs as data: URLs.
// - The Content-Security-Policy: the hosted page's policy allows scripts from 'self' only, which
//   an inline script is not. The one file's policy allows exactly its own inline script (by its
//   SHA-256 hash, computed after inlining) and 'wasm-unsafe-eval', and nothing from anywhere
//   else (default-src 'none'): the file cannot reach the network even if it tried.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeConfig, type Plugin, type UserConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import shared from './vite.config.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const outDir = here('./dist-single');
const FILE_NAME = 'convstep.html';

/** The page's policy for the one file: its inline scripts by hash, nothing from outside. */
function singleFilePolicy(html: string): string {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const code = m[1] ?? '';
    if (code.trim() === '') continue;
    hashes.push(`'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`);
  }
  return [
    "default-src 'none'",
    `script-src ${hashes.join(' ')} 'wasm-unsafe-eval'`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Points the glue's .wasm reference at a bare name: the bytes come from embedded.single.ts. */
function glueWithoutWasmUrl(): Plugin {
  const pattern = /new URL\((["'])convstep\.wasm\1,\s*import\.meta\.url\)/g;
  return {
    name: 'convstep:glue-without-wasm-url',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/generated/convstep.mjs')) return null;
      if (!pattern.test(code)) {
        this.error(
          'the WebAssembly glue no longer names convstep.wasm by new URL(...): update vite.single.config.ts',
        );
      }
      return { code: code.replace(pattern, '"convstep.wasm"'), map: null };
    },
  };
}

const PENDING = "default-src 'none'; script-src 'sha256-pending'; style-src 'unsafe-inline'";
const POLICY = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/;

/** Before inlining: the one file's policy, its script hash still to come. */
function singleFilePolicyDraft(): Plugin {
  return {
    name: 'convstep:single-file-policy',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!POLICY.test(html)) throw new Error('web/index.html has no Content-Security-Policy meta tag');
        return html.replace(POLICY, `$1${PENDING}$2`);
      },
    },
  };
}

/** After inlining: the policy for inline code, the file's name, nothing else left beside it. */
function finishSingleFile(): Plugin {
  return {
    name: 'convstep:finish-single-file',
    apply: 'build',
    writeBundle() {
      const built = join(outDir, 'index.html');
      let html = readFileSync(built, 'utf8');
      html = html.replace(POLICY, `$1${singleFilePolicy(html)}$2`);
      if (/<script\b[^>]*\bsrc=/.test(html) || /<link\b[^>]*\bhref="(?!data:)/.test(html)) {
        throw new Error('the one-file page still loads a file beside it');
      }
      writeFileSync(join(outDir, FILE_NAME), html);
      rmSync(built);
    },
  };
}

const single: UserConfig = {
  // web/public is not copied beside the one file: the samples come inside it (sampleFiles.single.ts)
  publicDir: false,
  resolve: {
    alias: [
      { find: /^\.\/embedded$/, replacement: here('./web/src/engine/embedded.single.ts') },
      { find: /^\.\/sampleFiles$/, replacement: here('./web/src/app/owndata/sampleFiles.single.ts') },
    ],
  },
  plugins: [
    singleFilePolicyDraft(),
    glueWithoutWasmUrl(),
    viteSingleFile({ removeViteModuleLoader: true }),
    finishSingleFile(),
  ],
  build: { outDir, emptyOutDir: true },
};

// the hosted page's config without its disk notice: this file is the one that works from disk
const base: UserConfig = {
  ...shared,
  plugins: (shared.plugins ?? []).filter(
    (p) => !(p && typeof p === 'object' && 'name' in p && p.name === 'convstep:disk-notice'),
  ),
};

export default mergeConfig(base, single);
