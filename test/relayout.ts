// Test aid: the bundled report re-rendered in another column layout, with the same damage. Each
// content cell takes the role the compiled canonical reading gave it (its source location in the
// tree), and is written at that role's place in the new layout, keeping the row's shift when all
// its cells share it.
import { classify } from '../src/classify.js';
import { tokenize } from '../src/tokenize.js';
import { compile } from '../src/compile.js';
import { Col, ROLES, type Role } from '../src/layout.js';
import type { Location, Report, Task } from '../src/model.js';

export interface Relayout {
  /** Roles in their new order; roles left out are dropped (their cells with them). */
  order: readonly (Role | 'remarks')[];
  /** Header of each role: [first row, second row] ('' for none) for a two-row header, or one text. */
  headers: Partial<Record<Role | 'remarks', readonly [string, string] | string>>;
  /** Text of the remarks column on task rows (the task number's row), when the order has one. */
  remark?: (line: number) => string;
}

const CANONICAL_HEADERS: Record<Role, readonly [string, string]> = {
  no: ['序号', ''],
  taskDesc: ['重点工作', '任务说明'],
  taskRate: ['', '完成率'],
  itemDesc: ['细化项目', '任务说明'],
  itemRate: ['', '完成率'],
  name: ['量化指标', '指标名称'],
  target: ['', '数值及单位'],
  current: ['', '当前值'],
  rate: ['', '完成率'],
  owner: ['责任单位', ''],
  highlights: ['主要亮点', ''],
  nextSteps: ['存在问题与下步计划', ''],
};

/** Role of each placed cell, by "line:field", from the compiled tree's source locations. */
export function rolesOf(report: Report): Map<string, Role> {
  const m = new Map<string, Role>();
  const put = (at: readonly Location[] | undefined, role: Role) => at?.forEach((l) => m.set(`${l.line}:${l.field}`, role));
  for (const s of report.sections)
    for (const g of s.groups)
      for (const t of g.tasks) {
        put(t.at.no, 'no');
        put(t.at.description, 'taskDesc');
        put(t.rate?.at, 'taskRate');
        put(t.at.owner, 'owner');
        put(t.at.highlights, 'highlights');
        put(t.at.nextSteps, 'nextSteps');
        for (const it of t.items) {
          put(it.at.description, 'itemDesc');
          put(it.rate?.at, 'itemRate');
          for (const x of it.indicators) {
            put(x.at.name, 'name');
            put(x.target?.at, 'target');
            put(x.current?.at, 'current');
            put(x.rate?.at, 'rate');
          }
        }
      }
  return m;
}

export function relayout(text: string, spec: Relayout): string {
  const roles = rolesOf(compile(text));
  const lines = text.split('\n');
  const pos = new Map(spec.order.map((r, i) => [r, i]));
  const header = (r: Role | 'remarks') => spec.headers[r] ?? (r === 'remarks' ? ['备注', ''] : CANONICAL_HEADERS[r]);
  const twoRows = spec.order.some((r) => typeof header(r) !== 'string');
  let headerDone = false;
  for (const row of classify(tokenize(text))) {
    const i = row.line - 1;
    if (row.kind === 'header') {
      // the block's header, in the new layout, in place of the old one (one or two lines)
      if (!headerDone) {
        const top = spec.order.map((r) => {
          const h = header(r);
          return typeof h === 'string' ? h : h[0];
        });
        const sub = spec.order.map((r) => {
          const h = header(r);
          return typeof h === 'string' ? '' : h[1];
        });
        lines[i] = top.join('\t');
        if (twoRows) lines[i + 1] = '\u0000' + sub.join('\t');
        else if (lines[i + 1] !== undefined && classify(tokenize(lines[i + 1]!))[0]?.kind === 'header') lines[i + 1] = '\u0001';
        headerDone = true;
      }
      continue;
    }
    headerDone = false;
    if (row.kind !== 'content') continue;
    const out: string[] = new Array<string>(spec.order.length + 4).fill('');
    const placed: { cell: (typeof row.cells)[number]; role: Role }[] = [];
    const unplaced = row.cells.filter((c) => !roles.has(`${c.line}:${c.field}`));
    for (const c of row.cells) {
      const role = roles.get(`${c.line}:${c.field}`);
      if (role) placed.push({ cell: c, role });
    }
    const shifts = new Set(placed.map((p) => p.cell.field - Col[p.role]));
    const d = shifts.size === 1 ? [...shifts][0]! : 0;
    let width = 0;
    for (const p of placed) {
      const at = pos.get(p.role);
      if (at === undefined) continue;
      const f = Math.max(0, at + (placed.every((q) => pos.get(q.role) === undefined || pos.get(q.role)! + d >= 0) ? d : 0));
      // a second name on one row stands where the owner's column is (its figures lost in extraction)
      const g = out[f] && p.role === 'name' && pos.has('owner') ? pos.get('owner')! + (f - at) : f;
      out[g] = p.cell.raw;
      width = Math.max(width, g + 1);
    }
    for (const c of unplaced) out[Math.min(c.field, out.length - 1)] ||= c.raw;
    const rp = pos.get('remarks');
    if (rp !== undefined && spec.remark && placed.some((p) => p.role === 'no')) {
      const f = rp + d >= 0 ? rp + d : rp;
      if (!out[f]) out[f] = spec.remark(row.line);
    }
    lines[i] = out.slice(0, Math.max(width, row.width > 12 ? row.width : 0, spec.order.length)).join('\t');
  }
  return lines
    .filter((l) => l !== '\u0001')
    .map((l) => (l.startsWith('\u0000') ? l.slice(1) : l))
    .join('\n');
}

/** Tasks of a report keyed by section and number (the first of each). */
export function tasksOf(r: Report): Map<string, Task> {
  const m = new Map<string, Task>();
  for (const s of r.sections)
    for (const g of s.groups)
      for (const t of g.tasks) {
        const k = `${s.ordinal}.${t.no}`;
        if (!m.has(k)) m.set(k, t);
      }
  return m;
}

/** A task's content without source locations: what must not depend on the layout. */
export function shape(t: Task, roles: ReadonlySet<string> = new Set(ROLES)): unknown {
  return {
    no: t.no,
    description: roles.has('taskDesc') ? t.description : null,
    rate: roles.has('taskRate') ? (t.rate?.text ?? null) : null,
    owner: roles.has('owner') ? t.owner : null,
    highlights: roles.has('highlights') ? t.highlights.join('') : null,
    nextSteps: roles.has('nextSteps') ? t.nextSteps.join('') : null,
    items: t.items.map((it) => ({
      description: it.description,
      rate: it.rate?.text ?? null,
      indicators: it.indicators.map((x) => [x.name, x.target?.text ?? null, x.current?.text ?? null, x.rate?.text ?? null]),
    })),
  };
}
