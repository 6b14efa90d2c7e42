// compileAll spreads large batches over worker threads (src/batch.ts, src/batch-worker.ts). Both
// ways must give the same outcomes, in input order, failures included, and the CLI the same bytes.
// The worker path runs tsc's output (dist/), as the CLI does: `npm test` builds first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hz, ROOT, SEED, tempDir } from './helpers/run.js';

type Batch = typeof import('../src/batch.js');
const DIST = join(ROOT, 'dist/batch.js');
const built = existsSync(DIST) && existsSync(join(ROOT, 'dist/batch-worker.js'));

let dir: string;
let files: string[];
beforeAll(() => {
  dir = tempDir();
  const seed = readFileSync(SEED, 'utf8');
  const lines = seed.split('\n');
  // A damaged copy: a block of rows gone and a rate rewritten, so it compiles with other findings.
  const damaged = [...lines.slice(0, 60), ...lines.slice(90)].join('\n').replace(/100%/, '97.5%');
  writeFileSync(join(dir, 'damaged.tsv'), damaged);
  writeFileSync(join(dir, 'empty.tsv'), '');
  writeFileSync(join(dir, 'binary.tsv'), Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xfe, 0, 1, 2, 3]));
  files = [SEED, join(dir, 'damaged.tsv'), join(dir, 'empty.tsv'), join(dir, 'no-such-file.tsv'), join(dir, 'binary.tsv'), SEED];
});

// A CLI-project test: `npm test` and `npm run test:cli` build first, so a missing build is a failure, not a skip.
it('has the build to run (dist/batch.js, dist/batch-worker.js)', () => {
  expect(built, 'run `npm run build`').toBe(true);
});

describe.runIf(built)('compileAll over worker threads', () => {
  it('chooses workers only for large batches, and never with a sink or for one file', async () => {
    const { useWorkers } = (await import(DIST)) as Batch;
    expect(useWorkers([SEED, SEED, SEED, SEED], {})).toBe(0);
    expect(useWorkers([SEED, SEED, SEED, SEED], { findingsOnly: true })).toBe(0);
    expect(useWorkers([SEED], { workers: 2 })).toBe(0);
    expect(useWorkers([SEED, SEED], { workers: 0 })).toBe(0);
    expect(useWorkers([SEED, SEED, SEED], { workers: 2 })).toBe(2);
    expect(useWorkers([SEED, SEED], { workers: 2, sink: { head() {}, section() {} } })).toBe(0);
  });

  for (const findingsOnly of [true, false]) {
    it(`gives the same outcomes in input order as in-process (findingsOnly: ${findingsOnly})`, async () => {
      const { compileAll } = (await import(DIST)) as Batch;
      const progress = (log: number[]) => (done: number, total: number) => {
        expect(total).toBe(files.length);
        log.push(done);
      };
      const seen = { here: [] as number[], there: [] as number[] };
      const here = await compileAll(files, { findingsOnly, workers: 0, onProgress: progress(seen.here) });
      const there = await compileAll(files, { findingsOnly, workers: 2, onProgress: progress(seen.there) });
      expect(there.map((o) => o.file)).toEqual(files);
      expect(there).toEqual(here);
      expect(JSON.stringify(there)).toBe(JSON.stringify(here));
      expect(seen.there).toEqual([1, 2, 3, 4, 5, 6]);
      expect(seen.here).toEqual([1, 2, 3, 4, 5, 6]);
      const codes = there.map((o) => ('failure' in o ? o.failure.code : 'report'));
      expect(codes).toEqual(['report', 'report', 'HZ001', 'HZ004', 'HZ002', 'report']);
      if (findingsOnly) for (const o of there) if ('report' in o) expect(o.report.sections).toEqual([]);
    });
  }

  it('keeps messages in the language asked for', async () => {
    const { compileAll } = (await import(DIST)) as Batch;
    const batch = [join(dir, 'empty.tsv'), join(dir, 'binary.tsv')];
    const there = await compileAll(batch, { lang: 'zh', workers: 2 });
    expect(there).toEqual(await compileAll(batch, { lang: 'zh', workers: 0 }));
  });
});

describe.runIf(built)('the CLI with and without worker threads', () => {
  it.each([[['check', '--format', 'json']], [['check']], [['export', '--format', 'csv']]])(
    '%j: same stdout, stderr and exit code',
    (args) => {
      const batch = [SEED, join(dir, 'damaged.tsv'), join(dir, 'empty.tsv'), join(dir, 'binary.tsv'), SEED];
      const runs = ['0', '2', undefined].map((w) => hz([...args, ...batch], { env: { HZREPORT_WORKERS: w } }));
      const [here, ...others] = runs;
      expect(here!.code).toBe(2);
      expect(here!.stderr).toMatch(/empty\.tsv: .*\[HZ001\]/);
      for (const r of others) {
        expect(r.code).toBe(here!.code);
        expect(r.stderr).toBe(here!.stderr);
        expect(r.stdout === here!.stdout).toBe(true);
      }
    },
  );

  it('export of usable files: the same rows both ways', () => {
    const batch = [SEED, join(dir, 'damaged.tsv'), SEED];
    const [a, b] = ['0', '2'].map((w) => hz(['export', '--format', 'csv', ...batch], { env: { HZREPORT_WORKERS: w } }));
    expect(a!.code).toBe(0);
    expect(b!.code).toBe(0);
    expect(b!.stdout === a!.stdout).toBe(true);
    expect(b!.stderr).toBe(a!.stderr);
  });

  it('standard input is read once, on the main thread', () => {
    const input = readFileSync(SEED);
    const [a, b] = ['0', '2'].map((w) => hz(['check', '--format', 'json', '-', SEED], { input, env: { HZREPORT_WORKERS: w } }));
    expect(a!.code).toBe(1);
    expect(b!.code).toBe(a!.code);
    expect(b!.stdout === a!.stdout).toBe(true);
    expect(b!.stderr).toBe(a!.stderr);
  });
});
