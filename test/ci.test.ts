// `check` as a CI job runs it: partial failures reported (not lost), exit reasons said.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hz, SEED, tempDir } from './helpers/run.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let dir: string;
let warnOnly: string;
let seedJson: Json;
beforeAll(() => {
  dir = tempDir();
  // The seed's first task with one over-achieved indicator rate written as 100% (HZ210): warnings only.
  const lines = readFileSync(SEED, 'utf8').split('\n').slice(0, 24);
  lines[18] = lines[18]!.replace('103.9%', '100%');
  warnOnly = join(dir, 'warn-only.tsv');
  writeFileSync(warnOnly, lines.join('\n') + '\n');
  seedJson = JSON.parse(hz(['check', SEED, '--format', 'json']).stdout) as Json;
});

describe('partial failure is reported, not lost', () => {
  const missing = () => join(dir, 'broken.tsv');

  it("every format, to -o: the compiled input's findings and a fatal entry for the unreadable one, exit 2, atomic", () => {
    for (const format of ['stylish', 'json', 'github', 'sarif']) {
      const out = join(dir, `out.${format}`);
      const run = hz(['check', SEED, missing(), '-f', format, '-o', out]);
      expect(run.code, format).toBe(2);
      expect(run.stderr).toMatch(/broken\.tsv: cannot read the file: .*\[HZ004\]/);
      expect(existsSync(out), format).toBe(true);
      const text = readFileSync(out, 'utf8');
      // Written atomically: no temporary file left beside it.
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      if (format === 'json') {
        const doc = JSON.parse(text) as Json;
        expect(doc.files).toHaveLength(2);
        expect(doc.files[0].diagnostics).toEqual(seedJson.files[0].diagnostics);
        expect(doc.files[1]).toMatchObject({ file: missing(), fatal: true, errors: 1 });
        expect(doc.files[1].diagnostics[0]).toMatchObject({ code: 'HZ004', severity: 'error', line: 0 });
        expect(doc.failures).toEqual([{ file: missing(), code: 'HZ004', message: expect.stringMatching(/no such file/) }]);
      } else if (format === 'sarif') {
        const log = JSON.parse(text) as Json;
        const errors = log.runs[0].results.filter((r: Json) => r.level === 'error');
        expect(errors.length).toBe(seedJson.totals.errors);
        const inv = log.runs[0].invocations[0];
        expect(inv.executionSuccessful).toBe(false);
        expect(inv.toolExecutionNotifications).toHaveLength(1);
        expect(inv.toolExecutionNotifications[0]).toMatchObject({ level: 'error', associatedRule: { id: 'HZ004' } });
        expect(inv.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/broken\.tsv$/);
      } else if (format === 'github') {
        expect(text.split('\n').filter((l) => l.startsWith('::error')).length).toBe(seedJson.totals.errors + 1);
        expect(text).toContain(`::error file=${missing().replace(/:/g, '%3A')},title=HZ004 unreadable::cannot read the file`);
      } else {
        expect(text).toMatch(/^\s+61:47 +error +二\.4 +indicator rate 70\.99%/m);
        expect(text).toMatch(/broken\.tsv\n\s+error +cannot read the file: no such file +HZ004/);
        expect(text).toMatch(/in 2 files, 1 of them unusable/);
      }
    }
  });

  it('to stdout, the same output as with -o', () => {
    const out = join(dir, 'same.json');
    const run = hz(['check', SEED, missing(), '-f', 'json']);
    hz(['check', SEED, missing(), '-f', 'json', '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(readFileSync(out, 'utf8'));
  });
});

describe('exit reasons', () => {
  it('warnings over --max-warnings: one line on stderr, even under --quiet', () => {
    for (const extra of [[], ['--quiet'], ['-f', 'json', '-q']]) {
      const run = hz(['check', warnOnly, '--max-warnings', '0', ...extra]);
      expect(run.code, extra.join(' ')).toBe(1);
      expect(run.stderr, extra.join(' ')).toBe('hzreport: too many warnings (1; maximum 0)\n');
    }
    const within = hz(['check', warnOnly, '--max-warnings', '1', '-q']);
    expect(within.code).toBe(0);
    expect(within.stderr).toBe('');
  });
});

describe('locations an analyst can use', () => {
  it("every finding of the seed names its task (四.81), the task's 责任单位 and, for a cell, its column", async () => {
    const { compile } = await import('../src/index.js');
    const { COLUMN_HEADERS } = await import('../src/locate.js');
    const report = compile(readFileSync(SEED), { file: 'seed.tsv' });
    const tasks = new Map<string, { owner: string | null; start: number; end: number }>();
    for (const s of report.sections)
      for (const g of s.groups)
        for (const t of g.tasks) tasks.set(`${s.ordinal}.${t.no}`, { owner: t.owner, start: t.lines.start, end: t.lines.end });
    expect(report.diagnostics.length).toBeGreaterThan(500);
    for (const d of report.diagnostics) {
      const t = tasks.get(d.task!);
      expect(t, `${d.code} at ${d.line}`).toBeDefined();
      expect(d.owner).toBe(t!.owner);
      expect(d.line >= t!.start && d.line <= t!.end, `${d.code} at ${d.line} in ${d.task}`).toBe(true);
      // the seed's header is the canonical one, written 下步计划 or 下一步计划 from block to block
      if (d.field) expect(d.field.header.replace('下一步计划', '下步计划')).toBe(COLUMN_HEADERS[d.field.column - 1]);
    }
    const rate = report.diagnostics.find((d) => d.code === 'HZ201' && d.line === 300)!;
    expect(rate).toMatchObject({ task: '三.14', field: { header: '量化指标/完成率', column: 9 } });
    expect(typeof rate.owner).toBe('string');
    const item = report.diagnostics.find((d) => d.code === 'HZ202')!;
    expect(item.field).toEqual({ header: '细化项目/完成率', column: 5 });
    const task = report.diagnostics.find((d) => d.code === 'HZ203')!;
    expect(task.field).toEqual({ header: '重点工作/完成率', column: 3 });
  });

  it('stylish shows the task before the message', () => {
    const run = hz(['check', SEED]);
    expect(run.stdout).toMatch(/^\s+300:52 {2}error {4}三\.14 +indicator rate 156\.9%/m);
  });
});
