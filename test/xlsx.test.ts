// `export --format xlsx`: the workbook re-read with exceljs (sheet names, one row per task, item,
// indicator and finding of the JSON, percent formats, frozen header, autofilter, highlights), exceljs
// loaded by that command only, and an output name no format matches refused.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model.js';
import { hz, ROOT, SEED, tempDir } from './helpers/run.js';

const dir = tempDir();
let doc: Report;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  doc = JSON.parse(hz(['parse', SEED]).stdout) as Report;
  const out = join(dir, 'report.xlsx');
  const run = hz(['export', SEED, '-o', out, '--lang', 'zh']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain(
    `report.xlsx：${doc.summary.tasks} 项重点工作，${doc.summary.items} 个细化项目，${doc.summary.indicators} 个量化指标，${doc.diagnostics.length} 条发现`,
  );
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
}, 120_000);

const tasks = () => doc.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks));
const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1).map(String);
const column = (ws: ExcelJS.Worksheet, name: string) => header(ws).indexOf(name) + 1;

describe('the workbook', () => {
  it('has the four sheets, with one row per task, item, indicator and finding of the JSON', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['重点工作', '细化项目', '量化指标', '问题清单']);
    const rows = (name: string) => wb.getWorksheet(name)!.rowCount - 1;
    expect(rows('重点工作')).toBe(doc.summary.tasks);
    expect(rows('细化项目')).toBe(doc.summary.items);
    expect(rows('量化指标')).toBe(doc.summary.indicators);
    expect(rows('问题清单')).toBe(doc.diagnostics.length);
  });

  it('under --lang en, sheet names and headers are English, every header as written (no stray space)', async () => {
    const out = join(dir, 'report-en.xlsx');
    expect(hz(['export', SEED, '-o', out, '--lang', 'en']).code).toBe(0);
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(en.worksheets.map((w) => w.name)).toEqual(['Tasks', 'Items', 'Indicators', 'Findings']);
    for (const ws of en.worksheets) {
      const h = header(ws);
      for (const name of h) expect(name, ws.name).toBe(name.trim());
      expect(h.join(' '), ws.name).not.toMatch(/[\u2e80-\u9fff]/);
    }
    expect(header(en.getWorksheet('Tasks')!)).toContain('written rate');
  });

  it('stores rates as numbers formatted as percentages, and the text of rates that are not numbers', () => {
    const ws = wb.getWorksheet('重点工作')!;
    const written = column(ws, '填报完成率');
    const recomputed = column(ws, '复算完成率');
    expect(written).toBeGreaterThan(0);
    expect(ws.getColumn(written).numFmt).toBe('0.00%');
    expect(ws.getColumn(recomputed).numFmt).toBe('0.00%');
    tasks().forEach((t, k) => {
      const cell = ws.getRow(k + 2).getCell(written).value;
      // The fraction as the percentage reads (73.08% → 0.7308), without binary noise (0.6876000000000001).
      if (t.rate?.value !== null && t.rate?.value !== undefined) expect(cell).toBe(Number((t.rate.value / 100).toPrecision(12)));
      else expect(cell ?? null).toBe(t.rate?.text ?? null);
      expect(ws.getRow(k + 2).getCell(column(ws, '进度状态')).value).toBe(t.schedule!.status);
    });
    const inds = wb.getWorksheet('量化指标')!;
    expect(inds.getColumn(column(inds, '序时进度')).numFmt).toBe('0.00%');
    expect(inds.getRow(2).getCell(column(inds, '序时进度')).value).toBe(0.75);
  });

  it('under --lang zh, the values the compiler writes are Chinese too: recomputed status, basis, ceiling, severity', () => {
    const values = (sheet: string, name: string) => {
      const ws = wb.getWorksheet(sheet)!;
      const col = column(ws, name);
      expect(col, `${sheet} ${name}`).toBeGreaterThan(0);
      return new Set(
        ws
          .getColumn(col)
          .values.slice(2)
          .filter((v) => v !== null && v !== undefined)
          .map(String),
      );
    };
    expect([...values('量化指标', '复算结果')].sort()).toEqual(['一致', '上限型', '不符', '无法复算']);
    expect([...values('量化指标', '判定依据')].sort()).toEqual(['上限型判定', '复算完成率', '所填完成率']);
    expect([...values('量化指标', '上限型')].sort()).toEqual(['否', '是']);
    expect([...values('问题清单', '级别')].sort()).toEqual(['提示', '警告', '错误']);
    for (const sheet of ['重点工作', '细化项目', '量化指标'])
      expect(header(wb.getWorksheet(sheet)!).filter((h) => /[A-Za-z]/.test(h))).toEqual([]);
  });

  it('freezes the header row and sets an autofilter over every row and column of each sheet', () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const af = ws.autoFilter as unknown as string | { from: unknown; to: unknown };
      const range = typeof af === 'string' ? af : '';
      expect(range).toMatch(new RegExp(`^A1:[A-Z]+${ws.rowCount}$`));
      expect(ws.getRow(1).font?.bold).toBe(true);
    }
  });

  it('highlights behind-schedule rows and the cells of findings; widths fit Chinese text', () => {
    const ws = wb.getWorksheet('重点工作')!;
    const findingsCol = column(ws, '问题');
    const fillOf = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    const paths = new Set(
      doc.diagnostics
        .map((d) => /^\/sections\/\d+\/groups\/\d+\/tasks\/\d+(?=\/rate|\/owner|\/description|$)/.exec(d.path)?.[0])
        .filter(Boolean),
    );
    let k = 0;
    doc.sections.forEach((s, i) =>
      s.groups.forEach((g, j) =>
        g.tasks.forEach((t, n) => {
          const row = ws.getRow(k + 2);
          expect(fillOf(row.getCell(1)), `task ${k}`).toBe(t.schedule!.status === '欠进度' ? 'FFFDE2E2' : undefined);
          if (paths.has(`/sections/${i}/groups/${j}/tasks/${n}`)) expect(fillOf(row.getCell(findingsCol))).toBe('FFFFE0B2');
          k++;
        }),
      ),
    );
    const problems = wb.getWorksheet('问题清单')!;
    const firstError = doc.diagnostics.findIndex((d) => d.severity === 'error');
    expect(fillOf(problems.getRow(firstError + 2).getCell(1))).toBe('FFFDE2E2');
    // The task column is wide (capped), the number column narrow; Chinese headers are counted double.
    expect(ws.getColumn(column(ws, '任务说明')).width).toBe(62);
    expect(ws.getColumn(column(ws, '序号')).width).toBe(6);
    expect(ws.getColumn(column(ws, '责任单位')).width).toBeGreaterThanOrEqual(2 * '杭州城西科创产业集聚区管委会'.length);
  });
});

describe('choosing the format by the output name', () => {
  it('refuses an extension no format matches (exit 2), writing nothing', () => {
    const out = join(dir, 'table.txt');
    const run = hz(['export', SEED, '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no export format writes table\.txt/);
    expect(existsSync(out)).toBe(false);
    // An explicit format is the user's choice, whatever the name.
    expect(hz(['export', SEED, '--format', 'csv', '-o', join(dir, 'table.dat')]).code).toBe(0);
  });

  it('loads exceljs for the workbook only, never for check or CSV export', () => {
    const trace = (args: string[]) => {
      const file = join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
      writeFileSync(file, '');
      const r = spawnSync(process.execPath, ['--import', './scripts/bench/trace-hooks.mjs', 'bin/hzreport.js', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, HZ_TRACE_FILE: file },
      });
      expect([0, 1], r.stderr).toContain(r.status);
      return readFileSync(file, 'utf8').includes('node_modules/exceljs/');
    };
    expect(trace(['check', SEED])).toBe(false);
    expect(trace(['export', SEED, '-o', join(dir, 'rows.csv')])).toBe(false);
    expect(trace(['export', SEED, '-o', join(dir, 'book.xlsx')])).toBe(true);
  });
});
