// Baselines: written on the bundled report, they survive inserted lines and single out what changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hz, SEED, tempDir } from './helpers/run.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let dir: string;
let base: string;
let total: number;
beforeAll(() => {
  dir = tempDir();
  base = join(dir, 'baseline.json');
  const run = hz(['check', SEED, '--write-baseline', base]);
  expect(run.code, run.stderr).toBe(0);
  const seed = JSON.parse(hz(['check', SEED, '-f', 'json']).stdout) as Json;
  total = seed.files[0].diagnostics.length;
  expect(run.stderr).toBe(`hzreport: wrote baseline ${base}: ${total} findings\n`);
});

const withBlankLines = (text: string) => '\n\n\n\n\n' + text;

describe('baseline', () => {
  it('records every finding by a line-free fingerprint', () => {
    const b = JSON.parse(readFileSync(base, 'utf8')) as Json;
    expect(b).toMatchObject({ version: 1, tool: 'hzreport' });
    expect(b.entries.reduce((n: number, e: Json) => n + e.count, 0)).toBe(total);
    expect(new Set(b.entries.map((e: Json) => e.fingerprint)).size).toBe(b.entries.length);
  });

  it('a copy with blank lines inserted at the top: exit 0, no new findings, all matched, none gone', () => {
    const copy = join(dir, 'copy.tsv');
    writeFileSync(copy, withBlankLines(readFileSync(SEED, 'utf8')));
    const run = hz(['check', copy, '--baseline', base, '-f', 'json', '--max-warnings', '0']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as Json;
    expect(doc.files[0].diagnostics).toEqual([]);
    expect(run.stderr).toBe(`hzreport: baseline ${base}: ${total} known findings left out, 0 baseline entries no longer occur\n`);
  });

  it('one written rate changed: new findings only in that task, and the baseline says what no longer occurs', () => {
    const lines = withBlankLines(readFileSync(SEED, 'utf8')).split('\n');
    // The seed's line 300: an indicator rate (156.9%) of task 三.14; written as 15.69% it agrees with its figures.
    const at = 300 + 5 - 1;
    expect(lines[at]).toContain('156.9%');
    lines[at] = lines[at]!.replace('156.9%', '15.69%');
    const changed = join(dir, 'changed.tsv');
    writeFileSync(changed, lines.join('\n'));
    const run = hz(['check', changed, '--baseline', base, '-f', 'json', '--verbose']);
    const doc = JSON.parse(run.stdout) as Json;
    const fresh = doc.files[0].diagnostics as Json[];
    expect(fresh.length).toBeGreaterThan(0);
    expect([...new Set(fresh.map((d) => d.task))]).toEqual(['三.14']);
    const m = /(\d+) known findings left out, (\d+) baseline entr(?:y|ies) no longer occurs?/.exec(run.stderr)!;
    expect(Number(m[1]) + Number(m[2])).toBe(total); // each old finding either matched or gone
    expect(Number(m[2])).toBeGreaterThan(0); // the HZ201 at line 300 is gone
  });

  it('an unusable baseline: exit 2, one line naming it', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"entries": 3}');
    const run = hz(['check', SEED, '--baseline', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`hzreport: ${bad}: not an hzreport baseline (written by check --write-baseline)\n`);
    expect(hz(['check', SEED, '--baseline', join(dir, 'none.json')]).stderr).toMatch(/none\.json: no such file\n$/);
  });
});
