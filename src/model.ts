// The data model: the single source of the types and of the published schema
// (schemas/report.v2.schema.json is generated from it by `npm run schema`).
// Runtime code imports only types from here, so zod is never loaded by the CLI.
import { z } from 'zod';

import { SCHEMA_VERSION } from './constants.js';
import { EXTRA, ROLES } from './layout.js';

const d = <T extends z.ZodType>(schema: T, title: string, description: string): T => schema.meta({ title, description }) as T;

export const Location = d(
  z.object({
    line: d(z.number().int().min(1), 'line', '源文件行号 (1-based physical line in the source file).'),
    column: d(z.number().int().min(1), 'column', '字符列号 (1-based character column where the cell starts).'),
    field: d(z.number().int().min(0), 'field', '源字段序号 (0-based tab-separated field index as written, before realignment).'),
  }),
  'Location',
  'Where a cell was found in the source: 源文件中的位置.',
);

export const Locations = d(
  z.array(Location),
  'Locations',
  'Source cells a value was taken from; several when a cell cut by a page break was joined.',
);

export const Extra = d(
  z.record(
    z.string(),
    d(
      z.object({
        text: d(z.string(), 'text', 'The cell text, HTML removed (several cells of one column joined).'),
        at: Locations,
      }),
      'ExtraCell',
      'A cell of a column with an unknown header.',
    ),
  ),
  'Extra',
  '其他列: cells of columns whose header names no known role (备注, say), by header text, kept rather than dropped.',
);

export const ComputedRate = d(
  z.object({
    value: d(z.number().nullable(), 'value', '复算完成率 (recomputed rate in percent), null when it cannot be computed.'),
    status: d(
      z.enum(['consistent', 'mismatch', 'not-computable', 'ceiling', 'not-reported']),
      'status',
      'consistent: the written rate agrees at its written precision; mismatch: it does not; not-computable: the figures do not allow it (see reason); ceiling: a lower-is-better indicator judged as such; not-reported: no rate was written.',
    ),
    reason: d(z.string().nullable(), 'reason', 'Why the rate could not be recomputed, or how it was judged.'),
  }),
  'ComputedRate',
  '复算结果: the rate recomputed from the figures, beside the reported one.',
);

export const Rate = d(
  z.object({
    text: d(z.string(), 'text', '完成率 as written in the report.'),
    value: d(z.number().nullable(), 'value', '完成率 in percent (73.08 for "73.08%"), null when the text is not a rate.'),
    decimals: d(z.number().int().min(0).nullable(), 'decimals', 'Number of decimals written (precision of the reported figure).'),
    at: Locations,
    computed: ComputedRate.optional(),
  }),
  'Rate',
  '完成率: a completion rate as written, its value and, after recomputation, the computed figure.',
);

export const Quantity = d(
  z.object({
    text: d(z.string(), 'text', '数值及单位 / 当前值 as written in the report.'),
    value: d(
      z.number().nullable(),
      'value',
      'Numeric value with CJK magnitudes applied (121万头 → 1210000), null when not numeric.',
    ),
    unit: d(
      z.string().nullable(),
      'unit',
      'Unit without magnitude (头, 万吨/天 → 吨/天, % for percentages), null when none is written.',
    ),
    percent: d(z.boolean(), 'percent', 'True when the value is a percentage (98% → value 98, percent true).'),
    note: d(
      z.string().nullable(),
      'note',
      'Annotation written beside the value (省厅未认定, 待年底核算), or why it is not numeric.',
    ),
    at: Locations,
  }),
  'Quantity',
  '数值: a target or current value, parsed into value and unit, text kept as written.',
);

export const Schedule = d(
  z.object({
    expected: d(
      z.number().nullable(),
      'expected',
      '序时进度: the progress expected by the end of the period, in percent (三季度 → 75, 1-11月 → 91.67); null when the period is unknown.',
    ),
    status: d(
      z.enum(['已完成', '达进度', '欠进度', '未知']),
      'status',
      '已完成: rate ≥ 100%; 达进度: rate ≥ expected; 欠进度: rate < expected; 未知: no usable rate (or no period, short of 100%). A ceiling indicator is 欠进度 when exceeded, else 达进度 (已完成 once the whole year is reported).',
    ),
    statusEn: d(
      z.enum(['done', 'on-schedule', 'behind', 'unknown']),
      'statusEn',
      'The status in English: done, on-schedule, behind, unknown.',
    ),
    value: d(z.number().nullable(), 'value', 'The rate the status was judged by, in percent.'),
    basis: d(
      z.enum(['written', 'recomputed', 'ceiling']).nullable(),
      'basis',
      "Which rate was used: written (the report's own, not contradicted by its figures), recomputed (the figures contradict the written rate, or none was written), ceiling (a lower-is-better indicator, judged as kept or exceeded); null when there is none.",
    ),
  }),
  'Schedule',
  '进度状态: the node against the time-proportional schedule of the reporting period (docs/schedule.md).',
);

export const Period = d(
  z.object({
    code: d(
      z.string().nullable(),
      'code',
      'Q1, H1, Q3, FY for quarter ends, else 2021-11 (or M11 without a year); null when only --expected was given.',
    ),
    months: d(z.number().int().min(1).max(12).nullable(), 'months', 'Months covered from January.'),
    year: d(z.number().int().nullable(), 'year', 'Year named by the title or date line.'),
    expected: d(
      z.number().min(0).max(100),
      'expected',
      '序时进度 in percent: months / 12 × 100, rounded to two decimals, unless --expected says otherwise.',
    ),
    from: d(
      z.enum(['title', 'date', 'date-published', 'option']),
      'from',
      "Where the period was read: the title, a period named on the date line, the date line's publication month (the months before it), or the command line.",
    ),
    text: d(z.string(), 'text', 'The text the period was read from, as written.'),
  }),
  'Period',
  '报告期: the reporting period and the progress expected by its end.',
);

export const Indicator = d(
  z.object({
    name: d(z.string(), 'name', '量化指标 · 指标名称 (indicator name).'),
    target: d(Quantity.nullable(), 'target', '量化指标 · 数值及单位 (target value with unit); null when the cell is empty.'),
    current: d(Quantity.nullable(), 'current', '量化指标 · 当前值 (current value); null when the cell is empty.'),
    rate: d(Rate.nullable(), 'rate', '量化指标 · 完成率 (indicator completion rate); null when the cell is empty.'),
    ceiling: d(
      z.boolean(),
      'ceiling',
      'Lower is better (死亡率, 失业率, 控制在…以内): judged against the target as a ceiling, not as a ratio.',
    ),
    line: d(z.number().int().min(1), 'line', 'Source line of the indicator row.'),
    at: d(z.object({ name: Locations }), 'at', 'Source cells of the name.'),
    extra: Extra.optional(),
    schedule: Schedule.optional(),
  }),
  'Indicator',
  '量化指标: one quantified indicator of an item.',
);

export const Lines = d(
  z.object({
    start: d(z.number().int().min(1), 'start', 'First source line.'),
    end: d(z.number().int().min(1), 'end', 'Last source line.'),
  }),
  'Lines',
  'Source line span of a node.',
);

export const Item = d(
  z.object({
    description: d(
      z.string(),
      'description',
      '细化项目 · 任务说明 (sub-item description), page-break fragments joined, HTML removed.',
    ),
    rate: d(Rate.nullable(), 'rate', '细化项目 · 完成率 (sub-item completion rate); null when none is written.'),
    lines: Lines,
    indicators: d(z.array(Indicator), 'indicators', '量化指标 of this item, in order.'),
    at: d(z.object({ description: Locations }), 'at', 'Source cells of the description.'),
    extra: Extra.optional(),
    schedule: Schedule.optional(),
  }),
  'Item',
  '细化项目: a sub-item of a key work.',
);

export const Task = d(
  z.object({
    no: d(
      z.number().int().nullable(),
      'no',
      '序号 (key-work number, restarts in each section); null when the number is missing.',
    ),
    description: d(z.string(), 'description', '重点工作 · 任务说明 (key-work description), page-break fragments joined.'),
    rate: d(Rate.nullable(), 'rate', '重点工作 · 完成率 (key-work completion rate); null when none is written.'),
    owner: d(z.string().nullable(), 'owner', '责任单位 (responsible unit).'),
    highlights: d(z.array(z.string()), 'highlights', '主要亮点 (highlights), one string per paragraph.'),
    nextSteps: d(z.array(z.string()), 'nextSteps', '存在问题与下步计划 (problems and next steps), one string per paragraph.'),
    lines: Lines,
    items: d(z.array(Item), 'items', '细化项目 of this key work, in order.'),
    at: d(
      z.object({ no: Locations, description: Locations, owner: Locations, highlights: Locations, nextSteps: Locations }),
      'at',
      'Source cells of the task fields.',
    ),
    structure: d(
      z.enum(['layout', 'arithmetic', 'ambiguous']).optional(),
      'structure',
      "How the task's items and indicators were grouped: layout (row order, the default when absent), arithmetic (regrouped because the written rates call for it by a clear margin), ambiguous (decided by a small margin, or two readings reproduce the written rates equally: read it by eye).",
    ),
    extra: Extra.optional(),
    schedule: Schedule.optional(),
  }),
  'Task',
  '重点工作: a key work (task) with its sub-items.',
);

export const Group = d(
  z.object({
    ordinal: d(
      z.string().nullable(),
      'ordinal',
      'Group ordinal as written inside the brackets ((一) → 一); null when the report has no group rows.',
    ),
    title: d(z.string().nullable(), 'title', 'Group row text (e.g. (一) 王宏同志牵头重点工作), HTML removed.'),
    leader: d(z.string().nullable(), 'leader', '牵头领导: the leading official named by the group row.'),
    line: d(z.number().int().min(1).nullable(), 'line', 'Source line of the group row.'),
    tasks: d(z.array(Task), 'tasks', '重点工作 led by this official, in order.'),
  }),
  'Group',
  '牵头领导分组: the tasks led by one official.',
);

export const Section = d(
  z.object({
    ordinal: d(z.string().nullable(), 'ordinal', 'Section ordinal (一/二/三/四); null when the report has no section rows.'),
    title: d(z.string().nullable(), 'title', 'Section row text, HTML removed.'),
    line: d(z.number().int().min(1).nullable(), 'line', 'Source line of the section row.'),
    groups: d(z.array(Group), 'groups', '牵头领导分组 of this section, in order.'),
  }),
  'Section',
  '部分: a section of the report (一、省政府工作报告…).',
);

export const LayoutColumn = d(
  z.object({
    header: d(z.string(), 'header', 'Header text of the column (a two-row header\'s cells joined with "/"), "" when no header.'),
    role: d(
      z.enum([...ROLES, EXTRA]),
      'role',
      'What the column holds (the field of the tree it fills); extra: an unknown header, cells kept in `extra`.',
    ),
    field: d(z.number().int().min(0), 'field', '0-based field index of the column.'),
  }),
  'LayoutColumn',
  '列: one column of the table as its header maps it.',
);

export const TableLayout = d(
  z.object({
    line: d(
      z.number().int().min(0),
      'line',
      'Line of the header the layout was read from; 0 when the report has no header (canonical order).',
    ),
    columns: d(z.array(LayoutColumn), 'columns', 'The columns, by field.'),
  }),
  'TableLayout',
  '列布局: how the header maps columns to roles, from its line until the next header that changes it.',
);

export const Severity = d(z.enum(['error', 'warning', 'info']), 'Severity', 'Severity of a diagnostic.');

export const Diagnostic = d(
  z.object({
    code: d(z.string().regex(/^HZ\d{3}$/), 'code', 'Stable diagnostic code (see docs/diagnostics.md).'),
    severity: Severity,
    message: d(z.string(), 'message', 'Human-readable message in the selected language.'),
    line: d(z.number().int().min(0), 'line', 'Source line (1-based; 0 when the finding concerns the whole file).'),
    column: d(z.number().int().min(0), 'column', 'Source column (1-based; 0 when unknown).'),
    endLine: d(z.number().int().min(0).optional(), 'endLine', 'Last source line of the region.'),
    endColumn: d(z.number().int().min(0).optional(), 'endColumn', 'Column just after the region on endLine.'),
    path: d(z.string(), 'path', 'JSON pointer into this document of the node concerned, or "" for the whole document.'),
    expected: d(z.string().nullable().optional(), 'expected', "What the report's arithmetic or layout expects here."),
    actual: d(z.string().nullable().optional(), 'actual', 'What the report says.'),
    args: d(
      z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
      'args',
      'Message arguments, to re-render the message in another language.',
    ),
    task: d(z.string().optional(), 'task', '重点工作 the finding concerns, as section ordinal and task number (四.81).'),
    owner: d(z.string().nullable().optional(), 'owner', '责任单位 of that task, as written.'),
    field: d(
      z
        .object({
          header: d(z.string(), 'header', 'Column header as the report writes it (量化指标/完成率).'),
          column: d(z.number().int().min(1), 'column', '1-based column of the table (1 序号 … 12 存在问题与下步计划).'),
        })
        .optional(),
      'field',
      'The table column the finding concerns, when it concerns one cell.',
    ),
  }),
  'Diagnostic',
  'A finding: a place where the report contradicts itself or the compiler had to repair or could not place something.',
);

export const Summary = d(
  z.object({
    sections: d(z.number().int().min(0), 'sections', 'Number of sections (部分).'),
    groups: d(z.number().int().min(0), 'groups', 'Number of leader groups (牵头领导分组).'),
    tasks: d(z.number().int().min(0), 'tasks', 'Number of key works (重点工作).'),
    items: d(z.number().int().min(0), 'items', 'Number of sub-items (细化项目).'),
    indicators: d(z.number().int().min(0), 'indicators', 'Number of quantified indicators (量化指标).'),
    cellsSeen: d(z.number().int().min(0), 'cellsSeen', 'Non-empty table cells in the source.'),
    cellsPlaced: d(
      z.number().int().min(0),
      'cellsPlaced',
      'Non-empty cells placed: in the tree with their source locations, or consumed as layout (the repeated two-line header of each page block, section and group rows, the preamble).',
    ),
    cellsReported: d(z.number().int().min(0), 'cellsReported', 'Non-empty cells not placed but named in a diagnostic.'),
    uncertain: d(z.number().int().min(0).optional(), 'uncertain', 'Tasks whose structure is marked ambiguous (to read by eye).'),
    errors: d(z.number().int().min(0), 'errors', 'Diagnostics of severity error.'),
    warnings: d(z.number().int().min(0), 'warnings', 'Diagnostics of severity warning.'),
    infos: d(z.number().int().min(0), 'infos', 'Diagnostics of severity info.'),
  }),
  'Summary',
  'Counts of the compiled tree and of the source cells: cellsSeen = cellsPlaced + cellsReported.',
);

export const Report = d(
  z.object({
    $schema: d(z.string().optional(), '$schema', 'URI of this schema, when the document names it.'),
    schemaVersion: d(z.literal(SCHEMA_VERSION), 'schemaVersion', 'Version of this schema.'),
    source: d(
      z.object({
        file: d(z.string(), 'file', 'Path of the source as given, or "-" for standard input.'),
        sha256: d(z.string().regex(/^[0-9a-f]{64}$/), 'sha256', 'SHA-256 of the source bytes.'),
        lines: d(z.number().int().min(0), 'lines', 'Number of physical lines.'),
        bytes: d(z.number().int().min(0), 'bytes', 'Size in bytes.'),
        encoding: d(z.string(), 'encoding', 'Encoding the bytes were decoded from (utf-8, utf-16le, gb18030…).'),
      }),
      'source',
      'The compiled file.',
    ),
    title: d(z.string().nullable(), 'title', '标题: the report title from the preamble.'),
    issuer: d(z.string().nullable(), 'issuer', '发文单位: the issuing office from the preamble.'),
    date: d(z.string().nullable(), 'date', '日期: the date line of the preamble, as written.'),
    period: d(
      Period.nullable(),
      'period',
      '报告期 and 序时进度: read from the title or date line, or given on the command line; null when neither names one.',
    ),
    sections: d(z.array(Section), 'sections', '部分 of the report, in order.'),
    layouts: d(
      z.array(TableLayout).optional(),
      'layouts',
      'The column layouts the table was read in, in order: the first, then each one a header changed to.',
    ),
    diagnostics: d(z.array(Diagnostic), 'diagnostics', 'Every finding, sorted by line and column.'),
    summary: Summary,
  }),
  'hzreport report',
  'A quarterly progress report (《政府报告》重点工作完成情况) compiled by hzreport: sections, leader groups, key works (tasks), sub-items and quantified indicators, with every completion rate recomputed and every inconsistency reported.',
);

export type Location = z.infer<typeof Location>;
export type Extra = z.infer<typeof Extra>;
export type TableLayout = z.infer<typeof TableLayout>;
export type Schedule = z.infer<typeof Schedule>;
export type ScheduleStatus = Schedule['status'];
export type Period = z.infer<typeof Period>;
export type ComputedRate = z.infer<typeof ComputedRate>;
export type Rate = z.infer<typeof Rate>;
export type Quantity = z.infer<typeof Quantity>;
export type Indicator = z.infer<typeof Indicator>;
export type Lines = z.infer<typeof Lines>;
export type Item = z.infer<typeof Item>;
export type Task = z.infer<typeof Task>;
export type Group = z.infer<typeof Group>;
export type Section = z.infer<typeof Section>;
export type Severity = z.infer<typeof Severity>;
export type Diagnostic = z.infer<typeof Diagnostic>;
export type Summary = z.infer<typeof Summary>;
export type Report = z.infer<typeof Report>;

/** Where a task sits: indexes of its section, its group in the section and itself in the group. */
export interface TaskPlace {
  section: number;
  group: number;
  task: number;
  /** The section's ordinal (一), null for a section without a heading. */
  ordinal: string | null;
}
