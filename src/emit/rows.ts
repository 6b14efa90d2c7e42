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

// Where a row stands, first on every level; an item's own columns, on the item and indicator levels.
const WHERE = ['file', 'section', 'section_title', 'group', 'leader', 'task_no', 'task', 'task_rate'] as const;
const ITEM = ['item_no', 'item', 'item_rate'] as const;

/** Column names per level, in output order (stable: scripts depend on them). */
export const COLUMNS: Record<Level, readonly string[]> = {
  tasks: [
    ...WHERE,
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
    ...WHERE,
    ...ITEM,
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
    ...WHERE,
    ...ITEM,
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

// Each row is one object literal with its columns in COLUMNS order (test/export.test.ts checks the keys): a
// row built by spreading partial objects cost ~14 KB of garbage and a slow-mode object per row, which at
// 2,000 indicators in one task put export over its memory budget (docs/reliability.md).

function* walk(report: Report): Generator<[Section, Group, Task]> {
  for (const s of report.sections) for (const g of s.groups) for (const t of g.tasks) yield [s, g, t];
}

export const countIndicators = (items: Item[]) => items.reduce((n, i) => n + i.indicators.length, 0);

function taskRow(file: string, s: Section, g: Group, t: Task): Row {
  const r = t.rate;
  const sc = t.schedule;
  return {
    file,
    section: s.ordinal,
    section_title: s.title,
    group: g.ordinal,
    leader: g.leader,
    task_no: t.no,
    task: t.description,
    task_rate: r?.text ?? null,
    task_rate_value: r?.value ?? null,
    task_rate_computed: r?.computed?.value ?? null,
    task_rate_status: r?.computed?.status ?? null,
    task_rate_reason: r?.computed?.reason ?? null,
    items: t.items.length,
    indicators: countIndicators(t.items),
    owner: t.owner,
    line_start: t.lines.start,
    line_end: t.lines.end,
    schedule_expected: sc?.expected ?? null,
    schedule_status: sc?.status ?? null,
    schedule_status_en: sc?.statusEn ?? null,
    schedule_rate: sc?.value ?? null,
    schedule_basis: sc?.basis ?? null,
  };
}

function itemRow(file: string, s: Section, g: Group, t: Task, item: Item, no: number): Row {
  const r = item.rate;
  const sc = item.schedule;
  return {
    file,
    section: s.ordinal,
    section_title: s.title,
    group: g.ordinal,
    leader: g.leader,
    task_no: t.no,
    task: t.description,
    task_rate: t.rate?.text ?? null,
    item_no: no,
    item: item.description,
    item_rate: r?.text ?? null,
    item_rate_value: r?.value ?? null,
    item_rate_computed: r?.computed?.value ?? null,
    item_rate_status: r?.computed?.status ?? null,
    item_rate_reason: r?.computed?.reason ?? null,
    indicators: item.indicators.length,
    owner: t.owner,
    line_start: item.lines.start,
    line_end: item.lines.end,
    schedule_expected: sc?.expected ?? null,
    schedule_status: sc?.status ?? null,
    schedule_status_en: sc?.statusEn ?? null,
    schedule_rate: sc?.value ?? null,
    schedule_basis: sc?.basis ?? null,
  };
}

function indicatorRow(file: string, s: Section, g: Group, t: Task, item: Item, no: number, ind: Indicator): Row {
  const tq: Quantity | null = ind.target;
  const cq: Quantity | null = ind.current;
  const r: Rate | null = ind.rate;
  const sc: Schedule | undefined = ind.schedule;
  return {
    file,
    section: s.ordinal,
    section_title: s.title,
    group: g.ordinal,
    leader: g.leader,
    task_no: t.no,
    task: t.description,
    task_rate: t.rate?.text ?? null,
    item_no: no,
    item: item.description,
    item_rate: item.rate?.text ?? null,
    indicator: ind.name,
    target: tq?.text ?? null,
    target_value: tq?.value ?? null,
    target_unit: tq?.unit ?? null,
    current: cq?.text ?? null,
    current_value: cq?.value ?? null,
    current_unit: cq?.unit ?? null,
    rate: r?.text ?? null,
    rate_value: r?.value ?? null,
    rate_computed: r?.computed?.value ?? null,
    rate_status: r?.computed?.status ?? null,
    rate_reason: r?.computed?.reason ?? null,
    ceiling: ind.ceiling,
    owner: t.owner,
    line: ind.line,
    schedule_expected: sc?.expected ?? null,
    schedule_status: sc?.status ?? null,
    schedule_status_en: sc?.statusEn ?? null,
    schedule_rate: sc?.value ?? null,
    schedule_basis: sc?.basis ?? null,
  };
}

/** The rows of one report at the given level, one at a time (a writer can emit each and keep none). */
export function* eachRow(report: Report, level: Level = 'indicators', file: string = report.source.file): Generator<Row> {
  for (const [s, g, t] of walk(report)) {
    if (level === 'tasks') {
      yield taskRow(file, s, g, t);
      continue;
    }
    for (let i = 0; i < t.items.length; i++) {
      const item = t.items[i]!;
      if (level === 'items') yield itemRow(file, s, g, t, item, i + 1);
      else for (const ind of item.indicators) yield indicatorRow(file, s, g, t, item, i + 1, ind);
    }
  }
}

/** Flatten one report to rows at the given level. `file` defaults to report.source.file. */
export function toRows(report: Report, level: Level = 'indicators', file: string = report.source.file): Row[] {
  return [...eachRow(report, level, file)];
}
