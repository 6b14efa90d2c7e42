// The diff document (`hzreport diff OLD NEW --format json`): the single source of its types and of
// the published schema schemas/diff.v1.schema.json (`npm run schema`). Runtime code imports only
// types from here, so zod is never loaded by the CLI.
import { z } from 'zod';
import { CHANGE_KINDS, DIFF_SCHEMA_VERSION } from './diff-kinds.js';

const d = <T extends z.ZodType>(schema: T, title: string, description: string): T => schema.meta({ title, description }) as T;

export const ChangeKind = d(
  z.enum(CHANGE_KINDS),
  'ChangeKind',
  'regressed: the rate or a current value fell; advanced: it rose (and nothing fell); stalled: an unfinished task in which no rate and no current value moved; target-changed: an indicator target differs; owner-changed: the responsible unit differs; description-changed: the description (or indicator name) differs; added: only in the new report; dropped: only in the old one.',
);

export const Level = d(
  z.enum(['task', 'item', 'indicator']),
  'Level',
  'What a change concerns: 重点工作 (task), 细化项目 (item) or 量化指标 (indicator).',
);

export const MatchMethod = d(
  z.enum(['ordinal', 'title', 'position', 'number', 'description', 'name']),
  'MatchMethod',
  'How a node was matched: sections by ordinal (and title), by title, or by position (reports without section rows); tasks by number with agreeing descriptions, or by description similarity; items by description; indicators by name.',
);

export const Match = d(
  z.object({
    method: MatchMethod,
    similarity: d(
      z.number().min(0).max(1),
      'similarity',
      'Character-bigram similarity (Dice) of the descriptions or names, 1 when equal; 0.9 × the overlap coefficient when the shorter text lies within the longer (a fragment joined by extraction damage).',
    ),
  }),
  'Match',
  'How the old and the new node were paired.',
);

const num = z.number().nullable();

export const RateChange = d(
  z.object({
    old: d(z.string().nullable(), 'old', 'Rate as written in the old report (null when none).'),
    new: d(z.string().nullable(), 'new', 'Rate as written in the new report.'),
    oldValue: d(num, 'oldValue', 'Old rate in percent: written, else recomputed.'),
    newValue: d(num, 'newValue', 'New rate in percent: written, else recomputed.'),
    oldComputed: d(num, 'oldComputed', 'Rate recomputed from the old figures.'),
    newComputed: d(num, 'newComputed', 'Rate recomputed from the new figures.'),
    delta: d(num, 'delta', 'newValue − oldValue in percentage points, null when either is unknown.'),
  }),
  'RateChange',
  '完成率 before and after.',
);

export const CurrentChange = d(
  z.object({
    old: d(z.string().nullable(), 'old', 'Current value as written in the old report.'),
    new: d(z.string().nullable(), 'new', 'Current value as written in the new report.'),
    oldValue: d(num, 'oldValue', 'Old value in the common unit (magnitudes 万/亿 applied, units converted).'),
    newValue: d(num, 'newValue', 'New value in the common unit.'),
    comparable: d(z.boolean(), 'comparable', 'Whether the two values could be brought to one unit.'),
    delta: d(num, 'delta', 'newValue − oldValue, null when not comparable.'),
  }),
  'CurrentChange',
  '当前值 before and after.',
);

export const ScheduleChange = d(
  z.object({
    old: d(
      z.string().nullable(),
      'old',
      'Schedule status in the old report, as the report document gives it (已完成/达进度/欠进度/未知).',
    ),
    new: d(z.string().nullable(), 'new', 'Schedule status in the new report.'),
    oldEn: d(z.string().nullable(), 'oldEn', 'The old status in English (done, on-schedule, behind, unknown), when given.'),
    newEn: d(z.string().nullable(), 'newEn', 'The new status in English, when given.'),
    oldExpected: d(
      z.number().nullable(),
      'oldExpected',
      '序时进度 of the old report: the progress expected by the end of its period, in percent.',
    ),
    newExpected: d(z.number().nullable(), 'newExpected', '序时进度 of the new report.'),
  }),
  'ScheduleChange',
  'Schedule status before and after, when the reports carry one.',
);

export const Change = d(
  z.object({
    kind: ChangeKind,
    level: Level,
    path: d(z.string(), 'path', 'JSON pointer of the node in the new report, or in the old report for a drop.'),
    oldPath: d(z.string().nullable(), 'oldPath', 'JSON pointer in the old report (null when added).'),
    taskPath: d(
      z.string(),
      'taskPath',
      'JSON pointer of the enclosing task: in the new report, or in the old one for a dropped task.',
    ),
    label: d(z.string(), 'label', 'Where the node sits, for people: section ordinal.task number › item number › indicator name.'),
    section: d(z.string().nullable(), 'section', 'Section ordinal (一/二/…) of the node.'),
    sectionTitle: d(z.string().nullable(), 'sectionTitle', 'Section title of the node.'),
    task: d(z.number().int().nullable(), 'task', 'Task number (序号) in the report the path points into.'),
    text: d(z.string(), 'text', 'Task or item description, or indicator name (new report; old for a drop).'),
    old: d(
      z.union([z.string(), z.null()]),
      'old',
      'Before, as written: the rate for advanced/regressed/stalled, the target, owner or description for the *-changed kinds; null for added.',
    ),
    new: d(z.union([z.string(), z.null()]), 'new', 'After, as written; null for dropped.'),
    match: d(Match.nullable(), 'match', 'How the node was matched (null for added and dropped).'),
    rate: d(RateChange.nullable(), 'rate', 'Rate before and after (matched nodes).'),
    current: d(CurrentChange.nullable(), 'current', 'Current value before and after (matched indicators).'),
    schedule: d(ScheduleChange.nullable(), 'schedule', 'Schedule status before and after, null when neither report carries one.'),
  }),
  'Change',
  'One change of one node.',
);

const Counts = d(
  z.object({
    matched: d(z.number().int().min(0), 'matched', 'Nodes found in both reports.'),
    added: d(z.number().int().min(0), 'added', 'Nodes only in the new report (an added task counts once, not with its items).'),
    dropped: d(z.number().int().min(0), 'dropped', 'Nodes only in the old report.'),
    changed: d(z.number().int().min(0), 'changed', 'Matched nodes with at least one change other than stalled.'),
    stalled: d(z.number().int().min(0), 'stalled', 'Unfinished tasks in which nothing moved.'),
  }),
  'Counts',
  'Counts of nodes by what happened to them.',
);

export const TaskMatch = d(
  z.object({
    oldPath: z.string(),
    newPath: z.string(),
    label: d(z.string(), 'label', 'section ordinal.task number in the new report.'),
    oldLabel: d(z.string(), 'oldLabel', 'section ordinal.task number in the old report.'),
    method: MatchMethod,
    similarity: z.number().min(0).max(1),
  }),
  'TaskMatch',
  'A matched pair of tasks.',
);

export const Diff = d(
  z.object({
    $schema: d(z.string().optional(), '$schema', 'URI of this schema.'),
    schemaVersion: d(z.literal(DIFF_SCHEMA_VERSION), 'schemaVersion', 'Version of this schema.'),
    old: d(
      z.object({ file: z.string(), sha256: z.string(), title: z.string().nullable(), date: z.string().nullable() }),
      'old',
      'The old report.',
    ),
    new: d(
      z.object({ file: z.string(), sha256: z.string(), title: z.string().nullable(), date: z.string().nullable() }),
      'new',
      'The new report.',
    ),
    threshold: d(
      z.number().min(0).max(1),
      'threshold',
      'Similarity below which two nodes are not a match but a drop and an add.',
    ),
    summary: d(
      Counts.extend({
        tasks: Counts,
        items: Counts,
        indicators: Counts,
        kinds: d(z.record(z.string(), z.number().int().min(0)), 'kinds', 'Number of changes of each kind.'),
      }),
      'summary',
      'Totals over tasks, items and indicators, then per level.',
    ),
    changes: d(z.array(Change), 'changes', 'Every change, in the order of the new report (drops where the old node stood).'),
    matches: d(z.array(TaskMatch), 'matches', 'Every matched pair of tasks, with how it was matched.'),
  }),
  'hzreport diff',
  'What changed between two compiled quarterly progress reports (hzreport diff OLD NEW).',
);

export type ChangeKind = z.infer<typeof ChangeKind>;
export type Level = z.infer<typeof Level>;
export type MatchMethod = z.infer<typeof MatchMethod>;
export type Match = z.infer<typeof Match>;
export type RateChange = z.infer<typeof RateChange>;
export type CurrentChange = z.infer<typeof CurrentChange>;
export type ScheduleChange = z.infer<typeof ScheduleChange>;
export type Change = z.infer<typeof Change>;
export type Counts = z.infer<typeof Counts>;
export type TaskMatch = z.infer<typeof TaskMatch>;
export type Diff = z.infer<typeof Diff>;
