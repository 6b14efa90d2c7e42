// `hzreport summary`: rollups whose totals equal counts made independently from the JSON document, a
// terminal table that lines up Chinese text at 80 and 200 columns, and shared tasks counted for each unit.
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model.js';
import type { SummaryTable } from '../src/summary.js';
import { displayWidth } from '../src/emit/text.js';
import { excerpt, hz, SEED, tempDir } from './helpers/run.js';

let doc: Report;
let summary: SummaryTable;

beforeAll(() => {
  doc = JSON.parse(hz(['parse', SEED]).stdout) as Report;
  const run = hz(['summary', SEED, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  summary = JSON.parse(run.stdout) as SummaryTable;
});

/** Units of a task, split here by the rule the documentation states (separators 、，,；; outside brackets). */
const unitsOf = (owner: string | null) =>
  (owner ?? '')
    .split(/[、，,；;]/)
    .map((u) => u.replace(/\s+/g, ''))
    .filter(Boolean);
/** A unit however its brackets are written: full-width forms as half-width. */
const sameUnit = (u: string) => u.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

describe('summary of the bundled report', () => {
  it('totals equal the JSON document: tasks, items, indicators, statuses, findings by severity', () => {
    const tasks = doc.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks));
    const t = summary.total;
    expect(t.tasks).toBe(tasks.length);
    expect(t.items).toBe(tasks.reduce((n, x) => n + x.items.length, 0));
    expect(t.indicators).toBe(tasks.reduce((n, x) => n + x.items.reduce((m, i) => m + i.indicators.length, 0), 0));
    for (const s of ['已完成', '达进度', '欠进度', '未知'] as const)
      expect(t.status[s]).toBe(tasks.filter((x) => x.schedule!.status === s).length);
    expect(t.findings).toEqual({ error: doc.summary.errors, warning: doc.summary.warnings, info: doc.summary.infos });
    const written = tasks.map((x) => x.rate?.value).filter((v): v is number => typeof v === 'number');
    expect(t.writtenMean).toBeCloseTo(written.reduce((a, b) => a + b, 0) / written.length, 9);
  });

  it('a unit written with half-width and with full-width brackets is one row, named as most of its tasks write it', () => {
    const tasks = doc.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks));
    const ids = summary.rows.map((r) => sameUnit(r.key));
    expect(new Set(ids).size).toBe(ids.length);
    // The bundled report writes one unit both ways (a case of the rule, found here rather than named).
    const both = [...new Set(tasks.flatMap((x) => unitsOf(x.owner)))].filter(
      (u, _, all) => all.filter((v) => sameUnit(v) === sameUnit(u)).length > 1,
    );
    expect(both.length).toBeGreaterThanOrEqual(2);
    const row = summary.rows.find((r) => sameUnit(r.key) === sameUnit(both[0]!))!;
    const count = (u: string) => tasks.filter((x) => unitsOf(x.owner).includes(u)).length;
    expect(row.tasks).toBe(both.reduce((n, u) => n + count(u), 0));
    expect(count(row.key)).toBe(Math.max(...both.map(count)));
  });

  it('each unit row equals the tasks that name the unit; rows are ordered most behind first', () => {
    const tasks = doc.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks));
    expect(summary.rows.length).toBeGreaterThan(30);
    for (const row of summary.rows) {
      const mine = tasks.filter((x) => unitsOf(x.owner).some((u) => sameUnit(u) === sameUnit(row.key)));
      expect(row.tasks, row.key).toBe(mine.length);
      expect(row.status.欠进度, row.key).toBe(mine.filter((x) => x.schedule!.status === '欠进度').length);
    }
    const behind = summary.rows.map((r) => r.status.欠进度);
    expect(behind).toEqual([...behind].sort((a, b) => b - a));
    // Findings of the rows add up to the total, less those on no task (no task is shared here).
    expect(summary.shared).toBe(0);
    const sum = summary.rows.reduce((n, r) => n + r.findings.error + r.findings.warning + r.findings.info, 0);
    expect(sum + summary.outsideTasks).toBe(doc.diagnostics.length);
  });

  it.each([
    [80, 'zh'],
    [80, 'en'],
    [200, 'zh'],
    [200, 'en'],
  ])('the terminal table at %i columns (%s): every line fits, every table line is equally wide', (width, lang) => {
    const run = hz(['summary', SEED, '--width', String(width), '--lang', lang]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
    const table = lines.slice(0, lines.indexOf(''));
    expect(table.length).toBe(summary.rows.length + 4);
    expect(new Set(table.map(displayWidth)).size).toBe(1);
    // Right-aligned numbers: the last column ends at the same display column on every line.
    expect(table[0]).toMatch(lang === 'zh' ? /^责任单位/ : /^unit/);
    if (width === 200) expect(table[0]).toMatch(lang === 'zh' ? /指标.*提示/ : /indicators.*infos/);
    // At 80 columns the findings stay: errors and warnings both, in either language.
    if (width === 80) expect(table[0]).toMatch(lang === 'zh' ? /错误 +警告$/ : /errors +warnings$/);
  });

  it('columns give way in order: a column of zeros first, warnings before errors, the key column cut last', () => {
    const header = (width: number) => hz(['summary', SEED, '--width', String(width)]).stdout.split('\n')[0]!;
    expect(summary.total.status.未知).toBe(0); // every task of the bundled report has a usable rate
    for (const width of [66, 70, 74]) {
      expect(header(width)).toMatch(/behind +errors$/);
      expect(header(width)).not.toMatch(/unknown/);
    }
    expect(header(64)).toMatch(/behind$/);
  });

  it('--format md and csv carry the same rows', () => {
    const md = hz(['summary', SEED, '--format', 'md', '--lang', 'zh']).stdout;
    expect(md.split('\n').filter((l) => l.startsWith('| ')).length).toBe(summary.rows.length + 2);
    const csv = parseCsv(hz(['summary', SEED, '--format', 'csv', '--by', 'group']).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    const groups = new Set(doc.sections.flatMap((s) => s.groups.map((g) => g.leader)));
    expect(csv.length).toBe(groups.size + 1);
    expect(csv.at(-1)).toMatchObject({ leader: 'total', tasks: '216' });
    expect(csv.slice(0, -1).reduce((n, r) => n + Number(r.tasks), 0)).toBe(216);
  });
});

describe('summary with another period', () => {
  it('--period H1 judges against 50%: fewer tasks behind, the same done', () => {
    const h1 = JSON.parse(hz(['summary', SEED, '--format', 'json', '--period', 'H1']).stdout) as SummaryTable;
    expect(h1.expected).toEqual([50]);
    expect(h1.total.status.已完成).toBe(summary.total.status.已完成);
    expect(h1.total.status.欠进度).toBeLessThan(summary.total.status.欠进度);
    expect(h1.total.status.欠进度 + h1.total.status.达进度).toBe(summary.total.status.欠进度 + summary.total.status.达进度);
  });
});

describe('a task shared by several units', () => {
  it('counts for each unit, once in the total, and the footer says so', () => {
    const dir = tempDir();
    const file = excerpt(dir, 'shared.tsv', (lines) => {
      lines[14] = lines[14]!.replace('市农业农村局', '市发改委、市经信局');
    });
    const t = JSON.parse(hz(['summary', file, '--format', 'json']).stdout) as SummaryTable;
    expect(t.rows.map((r) => r.key).sort()).toEqual(['市发改委', '市经信局']);
    expect(t.rows.map((r) => r.tasks)).toEqual([1, 1]);
    expect(t.total.tasks).toBe(1);
    expect(t.shared).toBe(1);
    const text = hz(['summary', file, '--lang', 'zh']).stdout;
    expect(text).toContain('1 项重点工作由多个单位共同负责，在每个单位下各计一次');
    expect(hz(['summary', file, '--lang', 'en']).stdout).toMatch(/1 task is shared by several units and counts for each/);
  });
});
