#!/usr/bin/env node
// Runs the bundled CLI (dist/hzreport.bundle.js, made by `npm run build`: one file loads faster
// than ~40 modules) when it is at least as new as tsc's dist/cli.js; otherwise, e.g. after a plain
// `tsc` since the last full build, or with HZREPORT_NO_BUNDLE=1, the unbundled dist/cli.js.
// The bundle is compiled here with the code cache the build made (scripts/build-bundle.mjs), under the
// V8 settings the CLI starts with (tune.ts, written by the build on the bundle's first line), set first since V8
// accepts a cache only under the flags it was made with.
// CommonJS (bin/package.json), not an ES module: a CommonJS entry starts without Node's ES module loader
// and its facades of the built-ins (docs/performance.md, "Cold start").
'use strict';
const { isAscii } = require('node:buffer');
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');

const DIST = join(__dirname, '../dist');
const BUNDLE = join(DIST, 'hzreport.bundle.js');
const CACHE = join(DIST, 'hzreport.bundle.cache');

function bundleIsCurrent() {
  if (process.env.HZREPORT_NO_BUNDLE) return false;
  try {
    return statSync(BUNDLE).mtimeMs >= statSync(join(DIST, 'cli.js')).mtimeMs;
  } catch {
    return false;
  }
}

/** The flags the build wrote on the bundle's first line (src/tune.ts, START_FLAGS). */
const FLAGS_LINE = '// V8 flags: ';
function startFlags(bytes) {
  const line = bytes.toString('latin1', 0, Math.max(0, bytes.indexOf(10)));
  return line.startsWith(FLAGS_LINE) ? line.slice(FLAGS_LINE.length).split(' ').filter(Boolean) : [];
}

/**
 * v8.setFlagsFromString without loading node:v8 (whose module loads Node's stream machinery, ~6 ms of CPU): the
 * binding behind it, reached without its deprecation warning; node:v8 where that is not available.
 */
function setV8Flags(flags) {
  let set;
  const quiet = process.noDeprecation;
  try {
    process.noDeprecation = true;
    const binding = process.binding('v8');
    if (typeof binding.setFlagsFromString === 'function') set = (flag) => binding.setFlagsFromString(flag);
  } catch {
    // No binding (a permission model, a later Node): node:v8.
  } finally {
    process.noDeprecation = quiet;
  }
  set ??= require('node:v8').setFlagsFromString;
  for (const flag of flags) set(flag);
}

/** The bundle's exports, and what writes its code cache (the build's training run only). */
function loadBundle() {
  // A CommonJS module in its wrapper (with no import(): the build made them require()).
  const bytes = readFileSync(BUNDLE);
  // The CLI's V8 settings, set before compiling: V8 accepts a code cache only under the flags it was made with.
  const flags = startFlags(bytes);
  setV8Flags(flags);
  let cachedData;
  try {
    // V8 checks a cache against the source's length only: a cache older than the bundle is not used.
    if (statSync(CACHE).mtimeMs >= statSync(BUNDLE).mtimeMs) cachedData = readFileSync(CACHE);
  } catch {
    // No cache: compiled as usual.
  }
  // The build writes the bundle in ASCII, which reads as latin1 without decoding UTF-8 (~2x faster than
  // readFileSync(BUNDLE, 'utf8')); a current cache was made by the same build, after that.
  const source = cachedData?.length || isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new (require('node:vm').Script)(source, {
    filename: BUNDLE,
    cachedData: cachedData?.length ? cachedData : undefined,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, DIST);
  const out = process.env.HZREPORT_CODE_CACHE;
  if (!out) return { main: module.exports.main, done: () => {} };
  // Under the flags a start has (the CLI changes some once it knows its inputs).
  return { main: module.exports.main, done: () => (setV8Flags(flags), writeFileSync(out, script.createCachedData())) };
}

// Which of process.stdout and process.stderr the CLI made (Node makes each on first use; output.ts writes
// through the descriptor and makes neither).
const made = new Set();
for (const name of ['stdout', 'stderr']) {
  const own = Object.getOwnPropertyDescriptor(process, name);
  if (!own?.get || !own.configurable) made.add(name);
  else
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: own.enumerable,
      get() {
        Object.defineProperty(process, name, own);
        made.add(name);
        return process[name];
      },
    });
}

/**
 * Ends the process as soon as the command is done: process.exit skips Node's teardown (freeing the heap piece by
 * piece, waiting for V8's background tasks), ~20 ms of a cold check (docs/performance.md, "Cold start"). Only
 * when no stream the CLI made still holds bytes for a slow reader (a pipe's stream writes asynchronously);
 * otherwise the process ends as usual, once they are written.
 */
function exit(code) {
  process.exitCode = code;
  if ([...made].every((name) => process[name].writableLength === 0)) process.exit(code);
}

function run({ main, done }) {
  main(process.argv).then(
    (code) => {
      done();
      exit(code);
    },
    (err) => {
      // Unexpected failure: one line, no stack, exit 2.
      process.stderr.write(`hzreport: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

if (bundleIsCurrent()) run(loadBundle());
else
  import('../dist/cli.js').then(
    (cli) => run({ main: cli.main, done: () => {} }),
    (err) => {
      process.stderr.write(`hzreport: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
