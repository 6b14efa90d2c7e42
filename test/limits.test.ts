// Input the compiler refuses early, before it costs memory: one line on stderr, exit 2, no output.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { runMain } from './helpers/main.js';
import { tempDir } from './helpers/run.js';

const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8').split('\n');
const dir = tempDir();

async function refused(name: string, text: string): Promise<{ stderr: string; status: number | null; wrote: boolean }> {
  const file = join(dir, name);
  writeFileSync(file, text);
  const out = join(dir, `${name}.json`);
  const r = await runMain(['parse', file, '-o', out]);
  return { stderr: r.stderr, status: r.code, wrote: existsSync(out) };
}

describe('limits', () => {
  it('a million lines without a tab: HZ003 before tokenizing', { timeout: 120_000 }, async () => {
    const r = await refused('million-lines.tsv', Array.from({ length: 1_000_000 }, (_, i) => `第${i}行`).join('\n'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no report table found (no line has tab-separated fields) [HZ003]');
    expect(r.wrote).toBe(false);
  });

  it('more lines than a report can have: HZ005, however short the lines', { timeout: 120_000 }, async () => {
    const head = [...seed.slice(10, 13), seed[14]!].join('\n');
    const row = '\t\t\t\t\t指标\t1个\t1个\t100%\t\t\t';
    const r = await refused('million-rows.tsv', head + '\n' + Array.from({ length: 400_000 }, () => row).join('\n'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the input is too large (400,004 lines; limit 300,000 lines) [HZ005]');
    expect(r.wrote).toBe(false);
  });

  it('a header with no rows is not a table (HZ003)', () => {
    expect(() => compile(seed.slice(10, 12).join('\n'))).toThrow(/a header but no task, item or indicator rows/);
  });

  it('full-width digits and thousands separators are read, and named (HZ111)', () => {
    const r = compile('1\t任务\t100%\t子项\t100%\t指标\t１，５００万元\t1,500万元\t１００％\t市某局\t\t\n');
    const ind = r.sections[0]!.groups[0]!.tasks[0]!.items[0]!.indicators[0]!;
    expect([ind.target?.value, ind.current?.value, ind.rate?.value, ind.target?.text]).toEqual([
      15_000_000,
      15_000_000,
      100,
      '１，５００万元',
    ]);
    expect(r.diagnostics.filter((d) => d.code === 'HZ111').map((d) => [d.column, d.message])).toEqual([
      [22, 'normalised full-width characters and thousands separators in "１，５００万元"'],
      [30, 'normalised thousands separators in "1,500万元"'],
      [38, 'normalised full-width characters in "１００％"'],
    ]);
  });
});

describe('line counting for the limit', () => {
  it('counts a final line end as ending the last line, not starting another', () => {
    const row = '1\t任务\t100%\t子项\t100%\t指标\t1个\t1个\t100%\t市某局\t\t';
    expect(compile(row).source.lines).toBe(1);
    expect(compile(row + '\n').source.lines).toBe(1);
    expect(compile(row + '\r\n' + row + '\r\n').source.lines).toBe(2);
  });
});
