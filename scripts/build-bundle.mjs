#!/usr/bin/env node
// Build step (after tsc): bundle the CLI into one ESM file, dist/hzreport.bundle.js, which
// bin/hzreport.js loads. Loading ~40 separate ES modules (dist/ plus csv-parse, commander, chalk)
// costs ~0.1 s of CPU at every start on this kind of machine (docs/architecture.md, "Speed"; measured in
// docs/performance.md). The library entry (dist/index.js) stays tsc's unbundled output.
// cheerio and iconv-lite are required lazily at run time (createRequire) and stay outside; so does exceljs
// (a dynamic import in src/emit/xlsx.ts, used by `export --format xlsx` only).
// The bundle sits in dist/ beside cli.js, so its '../package.json' and '../schemas/' resolve alike.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(root, 'dist/hzreport.bundle.js');
// compileAll's worker threads (src/batch-worker.ts), started by the bundle from beside it: a worker
// loads one file too, not the ~30 modules of the compiler.
export const WORKER_BUNDLE = join(root, 'dist/hzreport-worker.bundle.js');

export function buildBundle() {
  const esbuild = createRequire(import.meta.url)('esbuild');
  for (const [entry, outfile] of [
    ['dist/cli.js', BUNDLE],
    ['dist/batch-worker.js', WORKER_BUNDLE],
  ])
    build(esbuild, join(root, entry), outfile);
}

function build(esbuild, entry, outfile) {
  esbuild.buildSync({
    // From tsc's output: the bundle runs exactly the code the tests run.
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Whitespace and syntax only: stack traces keep their names.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    // exceljs: loaded by `export --format xlsx` only (dynamic import), never part of the bundle.
    external: ['cheerio', 'iconv-lite', 'zod', 'ajv', 'exceljs'],
    // CommonJS dependencies (commander) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __hzCreateRequire } from 'node:module'; const require = __hzCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) buildBundle();
