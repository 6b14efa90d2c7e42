// Layout from the header: header cells mapped to roles by meaning, and reports laid out otherwise
// compiled to the same tree as the bundled report in its own layout.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify.js';
import { tokenize } from '../src/tokenize.js';
import { compile } from '../src/compile.js';
import { layoutFromHeader, ROLES, type Role } from '../src/layout.js';
import { relayout, shape, tasksOf, type Relayout } from './relayout.js';

const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');

/** The layout a header of one or two tab-separated lines gives: role by field. */
function rolesOf(...headerLines: string[]): string[] {
  const rows = classify(tokenize(headerLines.join('\n')));
  expect(rows.map((r) => r.kind)).toEqual(headerLines.map(() => 'header'));
  return layoutFromHeader(
    rows.map((r) => r.cells),
    1,
  ).columns.map((c) => c.role);
}

describe('layout from the header', () => {
  it("reads the bundled report's two-row header as the canonical order", () => {
    const lines = seed.split('\n');
    const at = lines.findIndex((l) => l.startsWith('序号'));
    expect(rolesOf(lines[at]!, lines[at + 1]!)).toEqual([...ROLES]);
  });

  it('maps synonyms in any order, a one-row header too, and keeps an unknown column as extra', () => {
    expect(
      rolesOf(
        '编号\t牵头单位\t重点任务\t\t分解任务\t\t指标\t\t\t\t工作成效\t下步计划\t备注',
        '\t\t工作内容\t完成进度\t具体内容\t完成比例\t指标名称\t年度目标\t累计完成\t进度',
      ),
    ).toEqual([
      'no',
      'owner',
      'taskDesc',
      'taskRate',
      'itemDesc',
      'itemRate',
      'name',
      'target',
      'current',
      'rate',
      'highlights',
      'nextSteps',
      'extra',
    ]);
    expect(rolesOf('序号\t重点工作\t完成率\t细化项目\t完成率\t指标名称\t目标值\t完成值\t完成率\t责任部门')).toEqual([
      'no',
      'taskDesc',
      'taskRate',
      'itemDesc',
      'itemRate',
      'name',
      'target',
      'current',
      'rate',
      'owner',
    ]);
    expect(
      rolesOf('序号\t主办单位\t重点工作完成率\t重点工作\t细化项目完成率\t细化项目\t指标完成率\t实际完成\t目标\t指标名称'),
    ).toEqual(['no', 'owner', 'taskRate', 'taskDesc', 'itemRate', 'itemDesc', 'rate', 'current', 'target', 'name']);
  });
});

const SYNONYMS: Relayout['headers'] = {
  no: ['编号', ''],
  taskDesc: ['重点任务', '工作内容'],
  itemDesc: ['分解任务', '具体内容'],
  target: ['', '目标值'],
  current: ['', '完成值'],
  rate: ['', '完成进度'],
  owner: ['牵头单位', ''],
  highlights: ['工作亮点', ''],
  nextSteps: ['存在问题及下一步打算', ''],
};
const canonical = tasksOf(compile(seed));
const without = (...drop: Role[]) => ROLES.filter((r) => !drop.includes(r));

describe('the bundled report re-laid out (same cells, same damage, other columns)', () => {
  it.each<[string, Relayout]>([
    ['owner last, synonym headers', { order: [...without('owner'), 'owner'], headers: SYNONYMS }],
    ['owner second', { order: ['no', 'owner', ...without('no', 'owner')], headers: { owner: ['责任部门', ''] } }],
    ['no prose columns', { order: without('highlights', 'nextSteps'), headers: {} }],
    ['an extra remarks column', { order: [...ROLES, 'remarks'], headers: {}, remark: (line) => `见第${line}行` }],
    [
      'a one-row header',
      {
        order: [...ROLES],
        headers: {
          taskDesc: '重点工作',
          taskRate: '重点工作完成率',
          itemDesc: '细化项目',
          itemRate: '细化项目完成率',
          name: '指标名称',
          target: '目标值',
          current: '当前值',
          rate: '指标完成率',
          no: '序号',
          owner: '责任单位',
          highlights: '主要亮点',
          nextSteps: '下步计划',
        },
      },
    ],
  ])('%s: every task, every owner and the same tree as in the canonical layout', (_, spec) => {
    const text = relayout(seed, spec);
    expect(text).not.toBe(seed);
    const report = compile(text);
    const got = tasksOf(report);
    const roles = new Set<string>(spec.order);
    expect(got.size).toBe(canonical.size);
    const wrong: string[] = [];
    for (const [k, t] of canonical) {
      const g = got.get(k);
      expect(g?.owner ?? null, `owner of ${k}`).toBe(roles.has('owner') ? t.owner : null);
      if (JSON.stringify(shape(g!, roles)) !== JSON.stringify(shape(t, roles))) wrong.push(k);
    }
    expect(wrong).toEqual([]);
    // every cell accounted for, counted independently of the compiler
    const cells = text.split('\n').reduce((n, l) => n + l.split('\t').filter((f) => f.trim() !== '').length, 0);
    expect(report.summary.cellsSeen).toBeLessThanOrEqual(cells);
    expect(report.summary.cellsPlaced + report.summary.cellsReported).toBe(report.summary.cellsSeen);
    expect(report.layouts?.[0]?.columns.map((c) => c.role)).toEqual(spec.order.map((r) => (r === 'remarks' ? 'extra' : r)));
  });

  it('findings name the column as this layout heads and places it, not as the canonical order would', () => {
    const report = compile(relayout(seed, { order: [...without('owner'), 'owner'], headers: SYNONYMS }));
    const columns = report.layouts![0]!.columns;
    const at = (role: string) => columns.find((c) => c.role === role)!;
    const rate = report.diagnostics.find((d) => d.code === 'HZ201')!;
    expect(rate.field).toEqual({ header: at('rate').header, column: at('rate').field + 1 });
    expect(rate.field!.header).toContain('完成进度');
    const task = report.diagnostics.find((d) => d.code === 'HZ203')!;
    expect(task.field).toEqual({ header: at('taskRate').header, column: at('taskRate').field + 1 });
  });

  it('keeps the cells of an unknown column in `extra` on the task of their row, and names the column once', () => {
    const text = relayout(seed, { order: [...ROLES, 'remarks'], headers: {}, remark: (line) => `见第${line}行` });
    const report = compile(text);
    const tasks = [...tasksOf(report).values()];
    const withRemark = tasks.filter((t) => t.extra?.['备注']);
    expect(withRemark.length).toBeGreaterThan(200);
    for (const t of withRemark) {
      const x = t.extra!['备注']!;
      expect(x.text).toBe(`见第${x.at[0]!.line}行`);
      expect(x.at[0]!.line).toBe(t.at.no[0]!.line);
    }
    expect(report.diagnostics.filter((d) => d.code === 'HZ112')).toHaveLength(1);
  });

  it('reads a block whose header changes from that block on', () => {
    // the first blocks in the canonical layout, the rest with the owner last
    const moved = relayout(seed, { order: [...without('owner'), 'owner'], headers: SYNONYMS }).split('\n');
    const lines = seed.split('\n');
    const cut = lines.findIndex((l, i) => i > 200 && l.startsWith('序号'));
    const text = [...lines.slice(0, cut), ...moved.slice(cut)].join('\n');
    const report = compile(text);
    expect(report.layouts?.map((l) => l.line)).toEqual([lines.findIndex((l) => l.startsWith('序号')) + 1, cut + 1]);
    expect(report.diagnostics.filter((d) => d.code === 'HZ114')).toHaveLength(1);
    const got = tasksOf(report);
    for (const [k, t] of canonical) expect(got.get(k)?.owner, k).toBe(t.owner);
  });
});
