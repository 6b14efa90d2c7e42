// The start-up budget (docs/architecture.md, "Speed") depends on what the CLI does NOT load: zod (model and schema
// generation only), ajv (validation is standalone code generated at build time), cheerio and its
// parsers (only for markup outside the fast path of src/html.ts). Traced on real runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'hz-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Packages loaded from node_modules, plus 'bundle' when the esbuild bundle ran (it inlines
// csv-parse and commander, so those no longer show as separate loads).
function packagesLoaded(args: string[]): Set<string> {
  const trace = join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, '');
  const r = spawnSync(process.execPath, ['--import', './scripts/bench/trace-hooks.mjs', 'bin/hzreport.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HZ_TRACE_FILE: trace },
  });
  expect([0, 1], r.stderr).toContain(r.status);
  const pkgs = new Set<string>();
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line);
    if (m) pkgs.add(m[1]!);
    if (line.endsWith('/dist/hzreport.bundle.js')) pkgs.add('bundle');
    if (line.endsWith('/dist/hzreport-validator.cjs')) pkgs.add('validator');
  }
  return pkgs;
}

// bin/hzreport.js runs the bundle when it is at least as new as tsc's dist/cli.js.
function bundled(): boolean {
  const stat = (f: string) => statSync(join(root, f), { throwIfNoEntry: false })?.mtimeMs ?? NaN;
  return !process.env.HZREPORT_NO_BUNDLE && stat('dist/hzreport.bundle.js') >= stat('dist/cli.js');
}

const HEAVY = ['zod', 'ajv', 'cheerio', 'parse5', 'htmlparser2', 'undici', 'iconv-lite', 'fast-check'];

describe('start-up: modules the CLI loads', () => {
  it('checking the seed loads none of zod, ajv, cheerio (or its parsers), iconv-lite', () => {
    const pkgs = packagesLoaded(['check', 'fixtures/hangzhou-2021-q3.tsv']);
    expect(pkgs.has('csv-parse') || pkgs.has('bundle')).toBe(true);
    expect(HEAVY.filter((p) => pkgs.has(p))).toEqual([]);
  });

  // The bundle leaves the schema validator (ajv standalone code, ~0.4 MB) in a file of its own: only a command that
  // validates reads it.
  it.runIf(bundled())('check does not load the schema validator; parse does', () => {
    expect(packagesLoaded(['check', 'fixtures/hangzhou-2021-q3.tsv']).has('validator')).toBe(false);
    expect(packagesLoaded(['parse', 'fixtures/hangzhou-2021-q3.tsv', '-o', join(dir, 'seed.json')]).has('validator')).toBe(true);
  });

  // bin/hzreport.js sets the flags on the bundle's first line, then compiles the bundle with its code cache, which V8
  // accepts only under the flags it was made with: a cache it rejected would cost every start ~30 ms, silently.
  it.runIf(bundled() && statSync(join(root, 'dist/hzreport.bundle.cache'), { throwIfNoEntry: false }))(
    "the code cache is accepted under the flags the bundle names, which are the CLI's start flags",
    async () => {
      const { START_FLAGS } = await import('../src/tune.js');
      const bundle = join(root, 'dist/hzreport.bundle.js');
      expect(readFileSync(bundle, 'latin1').split('\n', 1)[0]).toBe(`// V8 flags: ${START_FLAGS.join(' ')}`);
      const probe = [
        `const { readFileSync } = require('node:fs');`,
        `for (const f of ${JSON.stringify(START_FLAGS)}) require('node:v8').setFlagsFromString(f);`,
        `const s = new (require('node:vm').Script)(readFileSync(${JSON.stringify(bundle)}, 'latin1'), {`,
        `  filename: ${JSON.stringify(bundle)}, cachedData: readFileSync(${JSON.stringify(bundle.replace(/js$/, 'cache'))}) });`,
        `process.stdout.write(String(s.cachedDataRejected));`,
      ].join('\n');
      const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
      expect(r.stdout, r.stderr).toBe('false');
    },
  );

  it('markup outside the fast path does load cheerio (the trace sees lazy requires)', () => {
    const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');
    const file = join(dir, 'script.tsv');
    writeFileSync(file, seed.replace('<p>一是压实责任分解任务。', '<p><script>x()</script>一是压实责任分解任务。'));
    const pkgs = packagesLoaded(['check', file]);
    expect(pkgs.has('cheerio')).toBe(true);
    expect(pkgs.has('zod') || pkgs.has('ajv')).toBe(false);
  });
});

// Into a pipe, `check` writes through the descriptor: making process.stdout would load node:net (a pipe is a
// net.Socket) and turn the pipe non-blocking; chalk's colour detection loads node:tty and net too. Standard
// error is a pipe as well: nothing is written there for one file, so its stream is not made either.
describe('start-up: standard output into a pipe', () => {
  const preload = join(dir, 'builtins.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('fs').writeFileSync(process.env.HZ_BUILTINS_FILE, process.moduleLoadList.join('\\n')));\n`,
  );
  function withoutColorSettings(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    return env;
  }
  function builtinsLoaded(args: string[]): { modules: string[]; stdout: string; stderr: string } {
    const file = join(dir, `builtins-${Math.random().toString(36).slice(2)}.txt`);
    const r = spawnSync(process.execPath, ['-r', preload, 'bin/hzreport.js', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...withoutColorSettings(), HZ_BUILTINS_FILE: file },
    });
    expect(r.status, r.stderr).toBe(1);
    const modules = readFileSync(file, 'utf8')
      .split('\n')
      .filter((m) => m.startsWith('NativeModule '))
      .map((m) => m.slice('NativeModule '.length));
    return { modules, stdout: r.stdout, stderr: r.stderr };
  }

  it.each([['stylish'], ['json']])('check --format %s loads neither net nor tty', (format) => {
    const { modules, stdout, stderr } = builtinsLoaded(['check', 'fixtures/hangzhou-2021-q3.tsv', '--format', format]);
    expect(modules.filter((m) => m === 'net' || m === 'tty')).toEqual([]);
    // bin/hzreport.js is CommonJS and the bundle is compiled through node:vm: no ES module is loaded at all.
    if (bundled()) expect(modules).not.toContain('internal/modules/esm/translators');
    // No findings format shows the source's SHA-256: check computes none, and the bundle requires node:crypto on first use.
    if (bundled()) expect(modules).not.toContain('crypto');
    // V8's flags are set through the binding behind node:v8, whose module loads the stream machinery; quietly.
    expect(modules.filter((m) => m === 'v8' || m === 'stream')).toEqual([]);
    expect(stderr).toBe('');
    expect(stdout).toContain('HZ201');
  });
});

describe('text without colour', () => {
  it('PLAIN writes what chalk at level 0 writes, on every style the formats use', async () => {
    const { Chalk } = await import('chalk');
    const { PLAIN } = await import('../src/plain.js');
    const chalk = new Chalk({ level: 0 });
    const texts: unknown[][] = [['abc'], [''], [42], ['a', 'b'], ['一是', 3, null]];
    for (const args of texts) {
      expect(PLAIN.red(...args)).toBe(chalk.red(...args));
      expect(PLAIN.yellow.bold(...args)).toBe(chalk.yellow.bold(...args));
      expect(PLAIN.dim(...args)).toBe(chalk.dim(...args));
      expect(PLAIN(...args)).toBe(chalk(...args));
    }
    expect(PLAIN.level).toBe(0);
    // Returned from an async function as it is (not taken for a thenable).
    expect(await Promise.resolve(PLAIN)).toBe(PLAIN);
  });

  it('stylish output of the seed is the same with PLAIN as with chalk at level 0', async () => {
    const { Chalk } = await import('chalk');
    const { PLAIN } = await import('../src/plain.js');
    const { compile } = await import('../src/compile.js');
    const { resultOf } = await import('../src/emit/results.js');
    const { formatFindings } = await import('../src/emit/format.js');
    const report = compile(readFileSync(join(root, 'fixtures/hangzhou-2021-q3.tsv')), { file: 'seed.tsv' });
    const results = [resultOf(report)];
    for (const show of ['problems', 'all'] as const) {
      const plain = await formatFindings(results, 'stylish', { show, chalk: PLAIN });
      expect(plain).toBe(await formatFindings(results, 'stylish', { show, chalk: new Chalk({ level: 0 }) }));
      expect(plain).toContain('HZ201');
    }
  });
});

// A small input runs without the optimising compiler (src/tune.ts, SMALL_RUN_FLAGS); every command that reads
// inputs must give V8 its defaults back above SMALL_INPUT_BYTES, or a large report compiles in the baseline tiers
// only. --trace-opt prints a line for each function TurboFan compiles: none on the seed, some on a large input.
// (validate is not among them: checking even 26 MB of reports' JSON runs too little JavaScript for TurboFan.)
describe('start-up: V8 settings follow the input size', () => {
  const seed = join(root, 'fixtures/hangzhou-2021-q3.tsv');
  const large = join(dir, 'large.tsv');
  const text = readFileSync(seed, 'utf8');
  writeFileSync(large, text + text + text); // 1.25 MiB, over SMALL_INPUT_BYTES (1 MiB)
  const optimised = (args: string[]): number => {
    const r = spawnSync(process.execPath, ['--trace-opt', 'bin/hzreport.js', ...args], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    expect([0, 1], r.stderr).toContain(r.status);
    return (r.stdout.match(/^\[completed (?:optimizing|compiling)/gm) ?? []).length;
  };
  it.each([
    ['parse', (f: string) => ['parse', f, '-o', join(dir, 'out.json')]],
    ['check', (f: string) => ['check', f, '--format', 'unix', '--max-warnings', '-1']],
    ['export', (f: string) => ['export', f, '-o', join(dir, 'out.csv')]],
    ['report', (f: string) => ['report', f, '-o', join(dir, 'out.html')]],
    ['diff', (f: string) => ['diff', f, f]],
  ])('%s: no TurboFan on the seed, TurboFan back on a large input', (_name, args) => {
    expect(optimised(args(seed))).toBe(0);
    expect(optimised(args(large))).toBeGreaterThan(0);
  });
});
