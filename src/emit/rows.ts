// Flat tables from the report tree: one row per indicator, item or task, with the
// hierarchy repeated on every row so a spreadsheet filter or a `jq` one-liner needs no joins.
import type { Indicator, Item, Quantity, Rate, Report, Schedule, Section, Group, Task } from '../model.js';

export type Level = 'indicators' | 'items' | 'tasks';
export const LEVELS: readonly Level[] = ['indicators', 'items', 'tasks'];

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

// The row's own schedule status (docs/schedule.md), last so that earlier columns keep their places.
const SCHEDULE_COLUMNS = [
  'schedule_expected',
  'schedule_status',
  'schedule_status_en',
  'schedule_rate',
  'schedule_basis',
] as const;

const scheduleCells = (s: Schedule | undefined): Row => ({
  schedule_expected: s?.expected ?? null,
  schedule_status: s?.status ?? null,
  schedule_status_en: s?.statusEn ?? null,
  schedule_rate: s?.value ?? null,
  schedule_basis: s?.basis ?? null,
});

/** Column names per level, in output order (stable: scripts depend on them). */
export const COLUMNS: Record<Level, readonly string[]> = {
  tasks: [
    'file',
    'section',
    'section_title',
    'group',
    'leader',
    'task_no',
    'task',
    'task_rate',
    'task_rate_value',
    'task_rate_computed',
    'task_rate_status',
    'task_rate_reason',
    'items',
    'indicators',
    'owner',
    'line_start',
    'line_end',
    ...SCHEDULE_COLUMNS,
  ],
  items: [
    'file',
    'section',
    'section_title',
    'group',
    'leader',
    'task_no',
    'task',
    'task_rate',
    'item_no',
    'item',
    'item_rate',
    'item_rate_value',
    'item_rate_computed',
    'item_rate_status',
    'item_rate_reason',
    'indicators',
    'owner',
    'line_start',
    'line_end',
    ...SCHEDULE_COLUMNS,
  ],
  indicators: [
    'file',
    'section',
    'section_title',
    'group',
    'leader',
    'task_no',
    'task',
    'task_rate',
    'item_no',
    'item',
    'item_rate',
    'indicator',
    'target',
    'target_value',
    'target_unit',
    'current',
    'current_value',
    'current_unit',
    'rate',
    'rate_value',
    'rate_computed',
    'rate_status',
    'rate_reason',
    'ceiling',
    'owner',
    'line',
    ...SCHEDULE_COLUMNS,
  ],
};

const rateCells = (prefix: string, r: Rate | null): Row => ({
  [prefix]: r?.text ?? null,
  [`${prefix}_value`]: r?.value ?? null,
  [`${prefix}_computed`]: r?.computed?.value ?? null,
  [`${prefix}_status`]: r?.computed?.status ?? null,
  [`${prefix}_reason`]: r?.computed?.reason ?? null,
});

const quantityCells = (prefix: string, q: Quantity | null): Row => ({
  [prefix]: q?.text ?? null,
  [`${prefix}_value`]: q?.value ?? null,
  [`${prefix}_unit`]: q?.unit ?? null,
});

function context(file: string, s: Section, g: Group, t: Task): Row {
  return {
    file,
    section: s.ordinal,
    section_title: s.title,
    group: g.ordinal,
    leader: g.leader,
    task_no: t.no,
    task: t.description,
    task_rate: t.rate?.text ?? null,
  };
}

function* walk(report: Report): Generator<[Section, Group, Task]> {
  for (const s of report.sections) for (const g of s.groups) for (const t of g.tasks) yield [s, g, t];
}

const countIndicators = (items: Item[]) => items.reduce((n, i) => n + i.indicators.length, 0);

function pick(row: Row, level: Level): Row {
  const out: Row = {};
  for (const c of COLUMNS[level]) out[c] = row[c] ?? null;
  return out;
}

/** Flatten one report to rows at the given level. `file` defaults to report.source.file. */
export function toRows(report: Report, level: Level = 'indicators', file: string = report.source.file): Row[] {
  const rows: Row[] = [];
  for (const [s, g, t] of walk(report)) {
    const ctx = context(file, s, g, t);
    if (level === 'tasks') {
      rows.push(
        pick(
          {
            ...ctx,
            ...rateCells('task_rate', t.rate),
            items: t.items.length,
            indicators: countIndicators(t.items),
            owner: t.owner,
            line_start: t.lines.start,
            line_end: t.lines.end,
            ...scheduleCells(t.schedule),
          },
          level,
        ),
      );
      continue;
    }
    t.items.forEach((item, i) => {
      const itemCtx: Row = { ...ctx, item_no: i + 1, item: item.description, item_rate: item.rate?.text ?? null, owner: t.owner };
      if (level === 'items') {
        rows.push(
          pick(
            {
              ...itemCtx,
              ...rateCells('item_rate', item.rate),
              indicators: item.indicators.length,
              line_start: item.lines.start,
              line_end: item.lines.end,
              ...scheduleCells(item.schedule),
            },
            level,
          ),
        );
        return;
      }
      for (const ind of item.indicators) rows.push(pick(indicatorRow(itemCtx, ind), level));
    });
  }
  return rows;
}

function indicatorRow(itemCtx: Row, ind: Indicator): Row {
  return {
    ...itemCtx,
    indicator: ind.name,
    ...quantityCells('target', ind.target),
    ...quantityCells('current', ind.current),
    ...rateCells('rate', ind.rate),
    ceiling: ind.ceiling,
    line: ind.line,
    ...scheduleCells(ind.schedule),
  };
}
