// Schedule status (docs/schedule.md): the period read from the title or date line, the expected progress,
// and every task, item and indicator judged against it by the rate its figures support.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import type { Indicator, Rate, Report, Schedule } from '../src/model.js';
import { derivePeriod, monthsOf, parsePeriodOption, resolvePeriod } from '../src/schedule.js';
import { validateReport } from '../src/validate.js';
import { excerpt, hz, SEED, tempDir } from './helpers/run.js';
import { buildDoc, caseArb, compileOk, hasFigures, render } from './damage.js';

const seed = readFileSync(SEED);
const report = compile(seed, { file: 'fixtures/hangzhou-2021-q3.tsv' });
const tasks = (r: Report) => r.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks));
const items = (r: Report) => tasks(r).flatMap((t) => t.items);
const indicators = (r: Report) => items(r).flatMap((i) => i.indicators);

describe('the period', () => {
  it("is read from the bundled report's title: 三季度 → Q3, 75%", () => {
    expect(report.period).toMatchObject({ code: 'Q3', months: 9, year: 2021, expected: 75, from: 'title' });
    expect(report.period!.text).toBe(report.title);
  });

  it.each([
    ['2021 年《政府报告》重点工作一季度完成情况汇编', 3, 'Q1', 25],
    ['2021年《政府报告》重点工作上半年完成情况汇编', 6, 'H1', 50],
    ['2021 年《政府报告》重点工作前三季度完成情况', 9, 'Q3', 75],
    ['2021年《政府报告》重点工作1-11月完成情况汇编', 11, '2021-11', 91.67],
    ['2021年《政府报告》重点工作 1 — 11 月完成情况', 11, '2021-11', 91.67],
    ['2021年《政府报告》重点工作一至十一月完成情况', 11, '2021-11', 91.67],
    ['2021年《政府报告》重点工作全年完成情况汇编', 12, 'FY', 100],
    ['2021年《政府报告》重点工作第四季度完成情况', 12, 'FY', 100],
    ['2022年政府工作报告重点任务截至5月底完成情况', 5, '2022-05', 41.67],
  ])('%s → %i months (%s, %f%%)', (title, months, code, expected) => {
    expect(derivePeriod(title, null)).toMatchObject({ months, code, expected, from: 'title' });
  });

  it('falls back to the date line: a named period, else the months before the publication month', () => {
    expect(derivePeriod('重点工作完成情况汇编', '截至 2021 年 9 月底')).toMatchObject({ months: 9, from: 'date' });
    expect(derivePeriod('重点工作完成情况汇编', '2021 年 10 月')).toMatchObject({
      months: 9,
      code: 'Q3',
      year: 2021,
      from: 'date-published',
    });
    expect(derivePeriod('重点工作完成情况汇编', '2022年1月')).toMatchObject({ months: 12, code: 'FY', year: 2021 });
    expect(derivePeriod('重点工作完成情况汇编', null)).toBeNull();
    expect(derivePeriod(null, null)).toBeNull();
  });

  it('--period and --expected override it', () => {
    expect(parsePeriodOption('Q3')).toEqual({ months: 9, year: null });
    expect(parsePeriodOption('h1')).toEqual({ months: 6, year: null });
    expect(parsePeriodOption('2021-11')).toEqual({ months: 11, year: 2021 });
    expect(parsePeriodOption('1-11月')).toEqual({ months: 11, year: null });
    expect(parsePeriodOption('三季度')).toEqual({ months: 9, year: null });
    expect(parsePeriodOption('2021-13')).toBeNull();
    expect(parsePeriodOption('soon')).toBeNull();
    const title = report.title;
    expect(resolvePeriod(title, null, { period: 'H1' })).toMatchObject({ code: 'H1', expected: 50, year: 2021, from: 'option' });
    expect(resolvePeriod(title, null, { expected: 80 })).toMatchObject({ code: 'Q3', expected: 80, from: 'option' });
    expect(resolvePeriod('无期间', null, { expected: 80 })).toMatchObject({ code: null, months: null, expected: 80 });
    expect(() => resolvePeriod(title, null, { period: 'someday' })).toThrow(/not a reporting period/);
    expect(() => resolvePeriod(title, null, { expected: 0 })).toThrow(/above 0/);
  });

  it('never takes a quarter or month from a title that names none (random Chinese text without 季/月/年)', () => {
    const noPeriod = fc.string({
      unit: fc.constantFrom(...'重点工作完成情况汇编政府报告杭州市十四五一二三四五六七八九十0123456789-《》 '),
      maxLength: 40,
    });
    fc.assert(fc.property(noPeriod, (t) => monthsOf(t) === null));
  });
});

/** What the schedule must say for a rate, stated independently of src/schedule.ts. */
function expectedStatus(value: number | null, expected: number | null): Schedule['status'] {
  if (value === null) return '未知';
  const v = Math.round(value * 100) / 100;
  if (v >= 100) return '已完成';
  if (expected === null) return '未知';
  return v >= expected ? '达进度' : '欠进度';
}

function checkRate(rate: Rate | null, s: Schedule | undefined): void {
  expect(s).toBeDefined();
  expect(s!.expected).toBe(75);
  const c = rate?.computed;
  if (c?.status === 'mismatch' && c.value !== null) {
    // Contradicted: the recomputed rate decides, and the schedule says so.
    expect(s).toMatchObject({ basis: 'recomputed', value: c.value });
  } else if (rate?.value !== null && rate?.value !== undefined && c?.status !== 'not-reported') {
    expect(s).toMatchObject({ basis: 'written', value: rate.value });
  }
  expect(s!.status).toBe(expectedStatus(s!.value, 75));
  expect(s!.statusEn).toBe({ 已完成: 'done', 达进度: 'on-schedule', 欠进度: 'behind', 未知: 'unknown' }[s!.status]);
}

describe('schedule status of the bundled report (序时进度 75%)', () => {
  it('every task and item is judged by its written rate, or the recomputed one where the figures contradict it', () => {
    for (const t of tasks(report)) checkRate(t.rate, t.schedule);
    for (const i of items(report)) checkRate(i.rate, i.schedule);
    // The contradicted tasks really are judged differently from their written figure.
    const contradicted = tasks(report).filter((t) => t.schedule?.basis === 'recomputed');
    expect(contradicted.length).toBeGreaterThan(10);
  });

  it('ordinary indicators likewise; ceiling indicators are kept (达进度) or exceeded (欠进度)', () => {
    const inds = indicators(report);
    const ceilings = inds.filter((i) => i.ceiling);
    expect(ceilings.length).toBeGreaterThan(0);
    for (const i of inds.filter((x) => !x.ceiling)) checkRate(i.rate, i.schedule);
    for (const i of ceilings as Indicator[]) {
      const judged = i.rate?.computed?.value ?? null;
      expect(i.schedule!.status).toBe(judged === null ? '未知' : judged >= 100 ? '达进度' : '欠进度');
      if (judged !== null) expect(i.schedule!.basis).toBe('ceiling');
    }
  });

  it('counts: the first task is behind (73.08% < 75%), and all four statuses occur among the indicators', () => {
    expect(tasks(report)[0]!.schedule).toEqual({
      expected: 75,
      status: '欠进度',
      statusEn: 'behind',
      value: 73.08,
      basis: 'written',
    });
    const seen = new Set(indicators(report).map((i) => i.schedule!.status));
    expect([...seen].sort()).toEqual(['已完成', '未知', '欠进度', '达进度'].sort());
  });

  it('another period moves tasks between 达进度 and 欠进度, never the done or unknown ones', () => {
    const h1 = compile(seed, { file: 'x.tsv', schedule: { period: 'H1' } });
    const a = tasks(report);
    const b = tasks(h1);
    let moved = 0;
    a.forEach((t, k) => {
      const x = t.schedule!;
      const y = b[k]!.schedule!;
      expect(y.expected).toBe(50);
      if (x.status === '已完成' || x.status === '未知') expect(y.status).toBe(x.status);
      if (x.status !== y.status) {
        moved++;
        expect([x.status, y.status]).toEqual(['欠进度', '达进度']);
      }
    });
    expect(moved).toBeGreaterThan(0);
  });

  it('the document stays valid against the schema', () => {
    expect(validateReport(JSON.parse(JSON.stringify(report)))).toEqual([]);
  });
});

describe('schedule in the CLI and the exports', () => {
  it('parse --period / --expected set it; a bad value is refused with exit 2', () => {
    const doc = JSON.parse(hz(['parse', SEED, '--period', '2021-11']).stdout) as Report;
    expect(doc.period).toMatchObject({ code: '2021-11', expected: 91.67, from: 'option' });
    const bad = hz(['parse', SEED, '--expected', '120']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--expected/);
    expect(hz(['parse', SEED, '--period', 'someday']).code).toBe(2);
  });

  it('CSV rows carry the status in Chinese and English beside the rate it was judged by', () => {
    const run = hz(['export', SEED, '--level', 'tasks']);
    expect(run.code, run.stderr).toBe(0);
    const rows = parseCsv(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(report.summary.tasks);
    tasks(report).forEach((t, k) => {
      const s = t.schedule!;
      expect([
        rows[k]!.schedule_status,
        rows[k]!.schedule_status_en,
        rows[k]!.schedule_basis,
        rows[k]!.schedule_expected,
      ]).toEqual([s.status, s.statusEn, s.basis ?? '', '75']);
    });
  });

  it('a report whose title and date name no period has period null: done or unknown only', () => {
    const dir = tempDir();
    const file = excerpt(dir, 'plain.tsv', (lines) => {
      lines[0] = '# 重点工作完成情况汇编';
      lines[2] = '';
      lines[4] = '';
      lines[6] = '';
    });
    const doc = JSON.parse(hz(['parse', file]).stdout) as Report;
    expect(doc.period).toBeNull();
    for (const t of tasks(doc)) expect(['已完成', '未知']).toContain(t.schedule!.status);
    for (const i of items(doc)) expect(i.schedule!.status).toBe(i.rate?.value === 100 ? '已完成' : '未知');
  });
});

describe('schedule status under extraction damage (real blocks of the seed, test/damage.ts)', () => {
  it('every task, item and indicator gets a schedule that follows the rule from its own rates', () => {
    const runs = Number(process.env.HZ_PROPERTY_RUNS ?? 60);
    fc.assert(
      fc.property(caseArb(), (c) => {
        const doc = compileOk(render(buildDoc(c)).bytes, hasFigures(c));
        if (!doc) return;
        const expected = doc.period?.expected ?? null;
        // With the preamble, the period is the seed's; without it, none.
        expect(expected).toBe(c.preamble ? 75 : null);
        for (const node of [...tasks(doc), ...items(doc), ...indicators(doc).filter((i) => !i.ceiling)]) {
          const s = node.schedule!;
          expect(s.expected).toBe(expected);
          expect(s.status).toBe(expectedStatus(s.value, expected));
          const c2 = node.rate?.computed;
          if (c2?.status === 'mismatch' && c2.value !== null) expect(s.basis).toBe('recomputed');
          if (s.basis === 'written') expect(s.value).toBe(node.rate!.value);
        }
      }),
      { numRuns: runs, seed: Number(process.env.HZ_PROPERTY_SEED ?? 20211027) },
    );
  });
});
