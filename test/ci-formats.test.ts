// The CI formats unix, junit and gitlab, each held to its own rules, on the seed and on an unreadable input.
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { hz, SEED } from './helpers/run.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let seed: Json;
beforeAll(() => {
  seed = JSON.parse(hz(['check', SEED, '--format', 'json']).stdout) as Json;
});
const problems = () => (seed.files[0].diagnostics as Json[]).filter((d) => d.severity !== 'info');

describe('unix format', () => {
  it('one `file:line:col: severity message [code]` line per error and warning, in order', () => {
    const run = hz(['check', 'fixtures/hangzhou-2021-q3.tsv', '-f', 'unix']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(problems().length);
    lines.forEach((l, i) => {
      const m = /^(.+):(\d+):(\d+): (error|warning|info) (.+) \[(HZ\d{3})\]$/.exec(l);
      expect(m, l).not.toBeNull();
      const d = problems()[i];
      expect([m![1], Number(m![2]), Number(m![3]), m![4], m![5], m![6]]).toEqual([
        'fixtures/hangzhou-2021-q3.tsv',
        d.line,
        d.column,
        d.severity,
        d.message,
        d.code,
      ]);
    });
  });

  it('an unreadable input is a line naming the file alone; --verbose adds infos; messages stay on one line', () => {
    const run = hz(['check', 'missing.tsv', '-f', 'unix']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('missing.tsv: error cannot read the file: no such file [HZ004]\n');
    const verbose = hz(['check', 'fixtures/hangzhou-2021-q3.tsv', '-f', 'unix', '--verbose']).stdout.trimEnd().split('\n');
    expect(verbose.length).toBe(seed.files[0].diagnostics.length);
  });
});

describe('junit format', () => {
  it('well-formed XML: one suite per input, one failing case per finding, counts that add up', () => {
    const run = hz(['check', 'fixtures/hangzhou-2021-q3.tsv', 'missing.tsv', '-f', 'junit']);
    expect(run.code).toBe(2);
    expect(run.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const $ = load(run.stdout, { xml: { xmlMode: true } });
    const root = $('testsuites');
    const suites = $('testsuite');
    expect(suites.length).toBe(2);
    const sum = (attr: string) => suites.toArray().reduce((n, s) => n + Number($(s).attr(attr)), 0);
    expect(Number(root.attr('tests'))).toBe(sum('tests'));
    expect(Number(root.attr('failures'))).toBe(sum('failures'));
    expect(Number(root.attr('errors'))).toBe(sum('errors'));
    const first = suites.eq(0);
    expect(first.attr('name')).toBe('fixtures/hangzhou-2021-q3.tsv');
    expect(Number(first.attr('tests'))).toBe(problems().length);
    expect(first.find('testcase').length).toBe(problems().length);
    expect(first.find('failure').first().attr('message')).toBe(problems()[0].message);
    expect(first.find('failure').first().attr('type')).toBe(problems()[0].severity);
    const broken = suites.eq(1);
    expect(broken.attr('errors')).toBe('1');
    expect(broken.find('error').attr('type')).toBe('HZ004');
  });

  it('escapes markup and drops characters XML 1.0 cannot carry', async () => {
    const { junit, xmlEscape } = await import('../src/emit/junit.js');
    expect(xmlEscape('a<b & "c" \u0001')).toBe('a&lt;b &amp; &quot;c&quot; \ufffd');
    const xml = junit([
      {
        file: 'a&b.tsv',
        diagnostics: [{ code: 'HZ101', severity: 'warning', message: '<script>\u0007', line: 3, column: 1, path: '' }],
        errors: 0,
        warnings: 1,
        infos: 0,
        tasks: 0,
        indicators: 0,
      },
    ]);
    const $ = load(xml, { xml: { xmlMode: true } });
    expect($('testsuite').attr('name')).toBe('a&b.tsv');
    expect($('failure').attr('message')).toBe('<script>\ufffd');
    // A clean file is one passing case.
    const clean = load(junit([{ file: 'ok.tsv', diagnostics: [], errors: 0, warnings: 0, infos: 0, tasks: 1, indicators: 1 }]), {
      xml: { xmlMode: true },
    });
    expect(clean('testcase').length).toBe(1);
    expect(clean('failure').length).toBe(0);
  });
});

describe('gitlab format (Code Quality)', () => {
  it('an array of issues with the required fields, unique fingerprints, known severities, lines from 1', () => {
    const run = hz(['check', 'fixtures/hangzhou-2021-q3.tsv', 'missing.tsv', '-f', 'gitlab', '--verbose']);
    expect(run.code).toBe(2);
    const issues = JSON.parse(run.stdout) as Json[];
    expect(issues.length).toBe(seed.files[0].diagnostics.length + 1);
    for (const i of issues) {
      expect(typeof i.description).toBe('string');
      expect(i.check_name).toMatch(/^HZ\d{3}$/);
      expect(typeof i.fingerprint).toBe('string');
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(typeof i.location.path).toBe('string');
      expect(Number.isInteger(i.location.lines.begin) && i.location.lines.begin >= 1).toBe(true);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.at(-1)).toMatchObject({
      check_name: 'HZ004',
      severity: 'blocker',
      location: { path: 'missing.tsv', lines: { begin: 1 } },
    });
    expect(issues.filter((i) => i.severity === 'major').length).toBe(seed.totals.errors);
  });

  it('fingerprints do not move when lines are inserted above', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    const a = join(dir, 'q3.tsv');
    writeFileSync(a, readFileSync(SEED));
    const before = (JSON.parse(hz(['check', a, '-f', 'gitlab']).stdout) as Json[]).map((i) => i.fingerprint);
    writeFileSync(a, '\n\n\n' + readFileSync(SEED, 'utf8'));
    const after = (JSON.parse(hz(['check', a, '-f', 'gitlab']).stdout) as Json[]).map((i) => i.fingerprint);
    expect(after).toEqual(before);
  });
});
