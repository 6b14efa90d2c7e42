#!/usr/bin/env node
// Build step (after tsc): bundle the CLI into one file, dist/hzreport.bundle.js, which bin/hzreport.js
// runs. Loading ~40 separate ES modules (dist/ plus csv-parse, commander, chalk) costs ~0.1 s of CPU
// at every start on this kind of machine (docs/architecture.md, "Speed"; measured in docs/performance.md).
// The library entry (dist/index.js) stays tsc's unbundled output.
//
// The CLI bundle is CommonJS code that bin/hzreport.js compiles itself (node:vm) with V8's code
// cache, dist/hzreport.bundle.cache, made here by one check of the bundled report: a cold start then
// neither parses the 0.75 MB nor compiles the functions a check runs (Node 20 has no code cache for
// ES modules). A cache that does not fit (another Node, other V8 flags) is rejected by V8 and the
// bundle compiled as usual.
// cheerio and iconv-lite are required lazily at run time (createRequire) and stay outside; so does exceljs
// (a dynamic import in src/emit/xlsx.ts, used by `export --format xlsx` only).
// The bundle sits in dist/ beside cli.js, so its '../package.json' and '../schemas/' resolve alike.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(root, 'dist/hzreport.bundle.js');
export const CODE_CACHE = join(root, 'dist/hzreport.bundle.cache');
// compileAll's worker threads (src/batch-worker.ts), started by the bundle from beside it: a worker
// loads one file too, not the ~30 modules of the compiler.
export const WORKER_BUNDLE = join(root, 'dist/hzreport-worker.bundle.js');
// The schema validator (ajv standalone code, 44% of the CLI's code), which `check` never runs: a file of its own,
// required on the first validation (see lazyValidator).
export const VALIDATOR_BUNDLE = join(root, 'dist/hzreport-validator.cjs');
const VALIDATOR = join(root, 'dist/generated/validate-report.js');
const SEED = join(root, 'fixtures/hangzhou-2021-q3.tsv');

const EXTERNAL = ['cheerio', 'iconv-lite', 'zod', 'ajv', 'exceljs'];

export async function buildBundle() {
  const esbuild = createRequire(import.meta.url)('esbuild');
  // No cache of an older bundle survives a failed build (bin/hzreport.js also ignores a cache older than the bundle).
  rmSync(CODE_CACHE, { force: true });
  // The V8 flags a start runs under, for bin/hzreport.js to read from the bundle's first line and set before it
  // compiles the bundle (V8 accepts the code cache only under the flags it was made with).
  const { START_FLAGS } = await import(pathToFileURL(join(root, 'dist/tune.js')).href);
  // Asynchronous: esbuild runs plugins only so.
  await esbuild.build({
    ...common(join(root, 'dist/cli.js'), BUNDLE),
    format: 'cjs',
    // import.meta.url as the ES modules saw it: the bundle's own file URL (injected below).
    define: { 'import.meta.url': '__hzModuleUrl' },
    inject: [join(root, 'scripts/bundle-url.js')],
    plugins: [lazyChildProcess, lazyCrypto, requireDynamic, lazyValidator],
    // CommonJS's own wrapper written into the file, so the launcher compiles the text as read (no copy joined).
    banner: {
      js:
        `// V8 flags: ${START_FLAGS.join(' ')}\n` +
        '// The CLI as one CommonJS module in its wrapper, run by bin/hzreport.js through node:vm with its code cache (scripts/build-bundle.mjs).\n' +
        '(function (exports, require, module, __filename, __dirname) {',
    },
    footer: { js: '})' },
  });
  asciiOnly(BUNDLE);
  esbuild.buildSync({ ...common(VALIDATOR, VALIDATOR_BUNDLE), format: 'cjs' });
  asciiOnly(VALIDATOR_BUNDLE);
  esbuild.buildSync({
    ...common(join(root, 'dist/batch-worker.js'), WORKER_BUNDLE),
    format: 'esm',
    // CommonJS dependencies (commander) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __hzCreateRequire } from 'node:module'; const require = __hzCreateRequire(import.meta.url);",
    },
  });
  makeCodeCache();
}

function common(entry, outfile) {
  return {
    // From tsc's output: the bundle runs exactly the code the tests run.
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Whitespace and syntax only: stack traces keep their names.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    // exceljs: loaded by `export --format xlsx` only (dynamic import), never part of the bundle.
    external: EXTERNAL,
    logLevel: 'warning',
  };
}

/**
 * esbuild escapes every character outside ASCII but those in regular expression literals (the reports' words,
 * 年, 半年…). Escaped as \uXXXX too (the same in a pattern, with or without the u flag, and in a string), the
 * bundle reads as a one-byte string, without decoding UTF-8 (a few ms of every start).
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    text.replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')),
  );
}

/**
 * commander requires node:child_process at load time, for executable subcommands, which hzreport has none
 * of; loading it (with net and dgram) costs ~10 ms of every start. Required on first use instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents:
        "let cp; const get = () => (cp ??= require('node:child_process'));\n" +
        'module.exports = new Proxy({}, { get: (_, key) => get()[key], has: (_, key) => key in get() });',
      loader: 'js',
    }));
  },
};

/**
 * node:crypto loads ~17 modules of Node's own (~4% of a cold check's CPU, measured by whole-process pairs) for
 * a hash a check never computes (read.ts skips the SHA-256 for findings only; the temporary file's name and
 * the GitLab fingerprints need it only when asked for). Our modules import it through forwarders of its
 * functions that require it on first call.
 */
const lazyCrypto = {
  name: 'lazy-crypto',
  setup(build) {
    const dist = join(root, 'dist') + '/';
    build.onResolve({ filter: /^(node:)?crypto$/ }, (args) =>
      args.importer.startsWith(dist) ? { path: 'crypto', namespace: 'lazy-crypto' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-crypto' }, () => {
      const crypto = createRequire(import.meta.url)('node:crypto');
      const names = Object.keys(crypto).filter((k) => typeof crypto[k] === 'function' && /^[A-Za-z_$][\w$]*$/.test(k));
      return {
        contents: [
          "let c; const get = () => (c ??= require('node:crypto'));",
          ...names.map(
            (n) =>
              `export function ${n}(...args) { return new.target ? new (get().${n})(...args) : get().${n}.apply(this, args); }`,
          ),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/**
 * The generated validator inside the CLI bundle costs every start: reading its 0.4 MB, and running its top level,
 * which builds the schema's objects. In the bundle it is replaced by forwarders of the same exports that require
 * dist/hzreport-validator.cjs on first call (copying ajv's `errors` property after each call, as callers read it).
 */
const lazyValidator = {
  name: 'lazy-validator',
  setup(build) {
    build.onResolve({ filter: /^\.\/hzreport-validator\.cjs$/ }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /[\\/]generated[\\/]validate-report\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const names = [...(/export\s*\{([^}]*)\}\s*;?\s*$/.exec(text)?.[1] ?? '').matchAll(/\bas\s+(\w+)/g)].map((m) => m[1]);
      const sha = /export const schemaSha256 = ("[0-9a-f]{64}");/.exec(text)?.[1];
      if (!names.length || !sha) throw new Error(`build-bundle: cannot read the exports of ${args.path}`);
      const file = JSON.stringify('./' + VALIDATOR_BUNDLE.slice(dirname(BUNDLE).length + 1));
      const forwarders = names.map(
        (n) =>
          `export function ${n}(...args) { const f = load().${n}; const ok = f.apply(this, args); ${n}.errors = f.errors; return ok; }`,
      );
      return {
        contents: [
          `let m; const load = () => (m ??= require(${file}));`,
          `export const schemaSha256 = ${sha};`,
          ...forwarders,
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/**
 * import() of a package or built-in left outside (exceljs, node:worker_threads) as require(), inside a
 * promise like esbuild's own: code compiled through node:vm has no module loader for import() in Node 20.
 * Both are CommonJS.
 */
const requireDynamic = {
  name: 'require-dynamic',
  setup(build) {
    const outside = (path) => path.startsWith('node:') || builtinModules.includes(path) || EXTERNAL.includes(path);
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === 'dynamic-import' && outside(args.path) ? { path: args.path, namespace: 'require-dynamic' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'require-dynamic' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * The code cache: bin/hzreport.js runs a check of the bundled report with HZREPORT_CODE_CACHE set to the
 * cache's path and writes the cache there at the end (the bytecode of what ran), under exactly the flags
 * and source a later start has.
 */
function makeCodeCache() {
  const dir = mkdtempSync(join(tmpdir(), 'hz-cache-'));
  try {
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin/hzreport.js'), 'check', SEED, '--format', 'json', '-o', join(dir, 'out.json')],
      {
        env: { ...withoutNoBundle(process.env), HZREPORT_CODE_CACHE: CODE_CACHE },
        encoding: 'utf8',
      },
    );
    // Without a cache the CLI still runs (compiled as usual): say so, and leave none behind.
    if (r.status !== 0 && r.status !== 1) {
      rmSync(CODE_CACHE, { force: true });
      process.stderr.write(`build-bundle: no code cache: the check that makes it failed (exit ${r.status}): ${r.stderr}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function withoutNoBundle(env) {
  const { HZREPORT_NO_BUNDLE: _, ...rest } = env;
  return rest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildBundle();
