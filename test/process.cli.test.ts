// The CLI as a real process (`node bin/hzreport.js`, built by `npm test`): what an in-process call
// to main() cannot show. Standard input, exit codes as the shell sees them, the package entry.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/index.js';
import { excerpt, hz, ROOT, SEED, tempDir } from './helpers/run.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe('exit codes, as the shell sees them', () => {
  it('0 clean, 1 on errors, 2 on a usage error or an unusable file', () => {
    const clean = excerpt(dir, 'clean.tsv');
    const error = excerpt(dir, 'error.tsv', (l) => (l[17] = l[17]!.replace('0%', '50%')));
    expect(hz(['check', clean]).code).toBe(0);
    expect(hz(['check', error]).code).toBe(1);
    const usage = hz(['frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^hzreport: error: /);
    const missing = hz(['parse', join(dir, 'missing.tsv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`hzreport: ${join(dir, 'missing.tsv')}: cannot read the file: no such file [HZ004]\n`);
  });
});

describe('standard input', () => {
  it('stdin (-) gives the same document as the file, except the recorded name', () => {
    // Both runs here, back to back (the built CLI may be rebuilt while the suite runs).
    const fromFile = JSON.parse(hz(['parse', SEED]).stdout) as Report;
    const run = hz(['parse', '-'], { input: readFileSync(SEED) });
    expect(run.code, run.stderr).toBe(0);
    const fromStdin = JSON.parse(run.stdout) as Report;
    expect(fromStdin.source.file).toBe('-');
    expect(fromStdin.summary.tasks).toBeGreaterThan(0);
    expect({ ...fromStdin, source: { ...fromStdin.source, file: SEED } }).toEqual(fromFile);
    // check, export and validate read stdin too.
    const checked = hz(['check', '-', '--format', 'json'], { input: readFileSync(SEED) });
    expect((JSON.parse(checked.stdout) as { files: { file: string; errors: number }[] }).files).toEqual([
      expect.objectContaining({ file: '-', errors: fromFile.summary.errors }),
    ]);
    const exported = hz(['export', '-', '--level', 'tasks', '--format', 'json'], { input: readFileSync(SEED) });
    const rows = JSON.parse(exported.stdout) as { file: string }[];
    expect(rows.length).toBe(fromFile.summary.tasks);
    expect(rows.every((r) => r.file === '-')).toBe(true);
    expect(hz(['validate', '-'], { input: run.stdout }).code).toBe(0);
  });

  it.skipIf(!existsSync('/dev/zero'))(
    'is bounded like files: endless input stops with HZ005 (parse), at its first NUL (validate; needs /dev/zero)',
    () => {
      const zero = openSync('/dev/zero', 'r');
      const v = spawnSync(process.execPath, [join(ROOT, 'bin/hzreport.js'), 'validate', '-'], {
        stdio: [zero, 'pipe', 'pipe'],
        timeout: 60_000,
      });
      closeSync(zero);
      expect([v.status, v.stdout.toString(), v.stderr.toString()]).toEqual([
        2,
        '',
        'hzreport: -: the file is not text (NUL byte at byte 1) [HZ002]\n',
      ]);
      const z = openSync('/dev/zero', 'r');
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/hzreport.js'), 'parse', '-'], {
        stdio: [z, 'pipe', 'pipe'],
        timeout: 60_000,
      });
      closeSync(z);
      expect(r.status).toBe(2);
      expect(r.stdout.toString()).toBe('');
      expect(r.stderr.toString()).toBe('hzreport: -: the input is too large (more than 64 MB; limit 64 MB) [HZ005]\n');
    },
  );
});

describe('package', () => {
  it('is importable as the package "hzreport" from plain Node', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import('hzreport').then(m => console.log(typeof m.compile, typeof m.check, typeof m.toCsv))",
      ],
      { cwd: ROOT },
    );
    expect(r.stdout.toString().trim()).toBe('function function function');
  });
});
