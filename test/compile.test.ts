// The compiled seed against the hand-checked transcription and the report's own structure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { compile } from '../src/compile.js';
import type { Report, Task } from '../src/model.js';
import type { GoldTask } from '../scripts/dev/gold-types.js';

const SEED = new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url);
const GOLD = new URL('../fixtures/hangzhou-2021-q3.gold.json', import.meta.url);
const seedBytes = readFileSync(SEED);
const report = compile(seedBytes, { file: 'fixtures/hangzhou-2021-q3.tsv' });

const gold = JSON.parse(readFileSync(GOLD, 'utf8')) as GoldTask[];

const ws = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const tasksOf = (r: Report) =>
  r.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks.map((t) => ({ section: s.ordinal, t }))));

/** Differences between a compiled task and its transcription (empty when they say the same). */
function differences(t: Task, g: GoldTask): string[] {
  const out: string[] = [];
  if (ws(t.rate?.text) !== ws(g.rate)) out.push(`rate ${t.rate?.text} ≠ ${g.rate}`);
  if (ws(t.owner) !== ws(g.owner)) out.push(`owner ${t.owner} ≠ ${g.owner}`);
  if (ws(t.description) !== ws(g.title)) out.push('description');
  if (t.items.length !== g.items.length) out.push(`${t.items.length} items ≠ ${g.items.length}`);
  g.items.forEach((gi, i) => {
    const it = t.items[i];
    if (!it) return;
    if (ws(it.description) !== ws(gi.title)) out.push(`item ${i + 1} description`);
    if (ws(it.rate?.text) !== ws(gi.rate)) out.push(`item ${i + 1} rate ${it.rate?.text} ≠ ${gi.rate}`);
    const a = it.indicators.map((x) =>
      [x.name, x.target?.text, x.current?.text, x.rate?.text, x.line].map(String).map(ws).join('/'),
    );
    const b = gi.indicators.map((x) => [x.name, x.target, x.current, x.rate, x.line].map(String).map(ws).join('/'));
    if (a.join('|') !== b.join('|')) out.push(`item ${i + 1} indicators [${a.join(' | ')}] ≠ [${b.join(' | ')}]`);
  });
  return out;
}

describe('the seed report compiles completely', () => {
  it('has the four sections and the tasks of each', () => {
    expect(report.sections.map((s) => s.ordinal)).toEqual(['一', '二', '三', '四']);
    expect(report.sections.map((s) => s.groups.reduce((n, g) => n + g.tasks.length, 0))).toEqual([2, 21, 42, 151]);
    expect(report.summary.tasks).toBe(216);
    expect(report.title).toContain('重点工作三季度完成情况汇编');
    expect(report.issuer).toBe('杭州市政府办公厅');
    expect(report.date).toBe('2021 年 10 月');
  });

  it('numbers the tasks of each section 1..n in order', () => {
    for (const s of report.sections) {
      const nos = s.groups.flatMap((g) => g.tasks.map((t) => t.no));
      expect(nos).toEqual(nos.map((_, i) => i + 1));
    }
  });

  it('names the leader of every group', () => {
    const groups = report.sections.flatMap((s) => s.groups);
    expect(groups.length).toBeGreaterThan(20);
    for (const g of groups) expect(g.leader, g.title ?? '').toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
  });

  it('matches the hand-checked transcription on every one of its 28 tasks', () => {
    const tasks = tasksOf(report);
    const failures: string[] = [];
    for (const g of gold) {
      const m = tasks.find((x) => x.section === g.section && x.t.no === g.no);
      if (!m) failures.push(`${g.section}.${g.no}: missing`);
      else {
        const d = differences(m.t, g);
        if (d.length) failures.push(`${g.section}.${g.no}: ${d.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(gold).toHaveLength(28);
  });

  it('accounts for every non-empty cell: the summary adds up and agrees with an independent recount', () => {
    const independent = seedBytes
      .toString('utf8')
      .split(/\r\n|\n|\r/)
      .reduce((n, line) => n + line.split('\t').filter((c) => c.trim() !== '').length, 0);
    expect(report.summary.cellsSeen).toBe(independent);
    expect(report.summary.cellsPlaced + report.summary.cellsReported).toBe(report.summary.cellsSeen);
    const unplaced = report.diagnostics.filter((d) => d.code === 'HZ101').length;
    expect(unplaced).toBe(report.summary.cellsReported);
  });

  it('keeps every placed value with its source line and column', () => {
    const lines = seedBytes.toString('utf8').split('\n');
    const cellAt = (l: { line: number; column: number }) => lines[l.line - 1]!.slice(l.column - 1).split('\t')[0]!;
    for (const { t } of tasksOf(report)) {
      for (const it of t.items) {
        for (const ind of it.indicators) {
          for (const q of [ind.target, ind.current, ind.rate]) {
            if (!q) continue;
            expect(q.at.length).toBeGreaterThan(0);
            // packed rows split one cell into several values: the text is a part of that cell
            expect(cellAt(q.at[0]!)).toContain(q.text.trim());
          }
        }
      }
    }
  });

  it('splits the row that packs two items as parallel <p> lists (line 1108)', () => {
    const t = tasksOf(report).find((x) => x.t.lines.start === 1108)!.t;
    // the third item continues after the page break (line 1112); 87.33% = (80 + 100 + 82) / 3
    expect(t.items.map((i) => i.rate?.text)).toEqual(['80%', '100%', '82%']);
    expect(t.items.map((i) => i.indicators.map((x) => x.name))).toEqual([['完成编制数'], ['省重大产业项目数'], ['项目完成率']]);
    expect(t.items.map((i) => i.indicators.map((x) => `${x.target?.text}→${x.current?.text}`))).toEqual([
      ['1个→0.8个'],
      ['3个→3个'],
      ['70%→58%'],
    ]);
    expect(report.diagnostics.some((d) => d.code === 'HZ105' && d.line === 1108)).toBe(true);
  });

  it('joins a description cut by a page break (line 146 ends the item begun on line 142)', () => {
    const t = tasksOf(report).find((x) => x.section === '二' && x.t.no === 15)!.t;
    const item = t.items[9]!;
    expect(item.description.endsWith('走十城等公众参与活动。')).toBe(true);
    expect(item.at.description.map((l) => l.line)).toEqual([142, 146]);
  });

  it('says where indicators were regrouped by arithmetic (lines 15-24)', () => {
    const d = report.diagnostics.find((x) => x.code === 'HZ102' && x.line === 15);
    expect(d?.message).toMatch(/1 of 4 item rates.*grouping 4/);
  });

  it('validates against the committed schema with a fresh ajv', () => {
    const schema = JSON.parse(readFileSync(new URL('../schemas/report.v2.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe('partial submissions and odd tables', () => {
  it('finds section and group rows that slid right by two cells', () => {
    const lines = seedBytes
      .toString('utf8')
      .split('\n')
      .map((l) => {
        const cells = l.split('\t');
        const filled = cells.filter((c) => c.trim() !== '');
        return cells.length >= 10 && filled.length === 1 && /^(<b>)?\s*([一二三四五六七八九十]+、|[（(])/.test(filled[0]!)
          ? '\t\t' + l
          : l;
      });
    const r = compile(lines.join('\n'));
    expect(r.sections.map((s) => s.ordinal)).toEqual(['一', '二', '三', '四']);
    expect(r.summary.groups).toBe(report.summary.groups);
    expect(r.summary.tasks).toBe(216);
    expect(r.summary.indicators).toBe(report.summary.indicators);
  });

  it('finds section and group rows that slid far right, into the indicator columns', () => {
    for (const slide of [5, 8]) {
      const lines = seedBytes
        .toString('utf8')
        .split('\n')
        .map((l) => {
          const cells = l.split('\t');
          const filled = cells.filter((c) => c.trim() !== '');
          return cells.length >= 10 && filled.length === 1 && /^(<b>)?\s*([一二三四五六七八九十]+、|[（(])/.test(filled[0]!)
            ? '\t'.repeat(slide) + l
            : l;
        });
      const r = compile(lines.join('\n'));
      expect(r.sections.map((s) => s.ordinal)).toEqual(['一', '二', '三', '四']);
      expect(r.summary.groups).toBe(report.summary.groups);
      expect(r.summary.tasks).toBe(216);
      expect(r.summary.indicators).toBe(report.summary.indicators);
    }
  });

  it("compiles one office's part of a report (header and tasks, no preamble, section or group rows)", () => {
    const text = seedBytes.toString('utf8').split('\n').slice(49, 62).join('\n'); // lines 50-62: header + tasks 二.2-5
    const r = compile(text, { file: 'part.tsv' });
    expect(r.sections).toHaveLength(1);
    expect(r.sections[0]!.ordinal).toBeNull();
    expect(r.sections[0]!.groups[0]!.ordinal).toBeNull();
    expect(r.sections[0]!.groups[0]!.tasks.map((t) => t.no)).toEqual([2, 3, 4, 5]);
    expect(r.summary.cellsPlaced + r.summary.cellsReported).toBe(r.summary.cellsSeen);
  });

  it('reads task numbers written full-width or with a trailing point', () => {
    const r = compile(
      '１２\t任务\t100%\t子项\t100%\t指标\t1个\t1个\t100%\t市某局\t\t\n13.\t任务二\t50%\t子项\t50%\t指标\t2个\t1个\t50%\t市某局\t\t\n',
    );
    expect(r.sections[0]!.groups[0]!.tasks.map((t) => t.no)).toEqual([12, 13]);
  });

  it('reads bare task rows without a header, and says so', () => {
    const text = seedBytes.toString('utf8').split('\n').slice(51, 54).join('\n'); // lines 52-54
    const r = compile(text);
    expect(r.summary.tasks).toBe(1);
    expect(r.summary.items).toBe(3);
    expect(r.diagnostics.some((d) => d.code === 'HZ106')).toBe(true);
  });
});
