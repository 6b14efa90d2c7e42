// The `summary` rollups as a terminal table (fitted to the terminal's width, Chinese text counted as two
// columns), Markdown, CSV or JSON.
import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../diagnostics.js';
import type { Rollup, SummaryTable } from '../summary.js';
import { displayWidth, padEnd, padStart, printable, truncate, wrap } from './text.js';

export type SummaryFormat = 'table' | 'md' | 'csv' | 'json';

interface Column {
  id: string;
  zh: string;
  en: string;
  /** Dropped first when the table does not fit (0: never dropped; an optional column of zeros goes first). */
  drop: number;
  cell(r: Rollup): string;
}

const pct = (v: number | null) => (v === null ? '-' : `${v.toFixed(2)}%`);

const KEY_ZH = { unit: '责任单位', group: '牵头领导', section: '部分' } as const;
const KEY_EN = { unit: 'unit', group: 'leader', section: 'section' } as const;

const COLUMNS: readonly Column[] = [
  { id: 'tasks', zh: '任务', en: 'tasks', drop: 0, cell: (r) => String(r.tasks) },
  { id: 'items', zh: '项目', en: 'items', drop: 4, cell: (r) => String(r.items) },
  { id: 'indicators', zh: '指标', en: 'indicators', drop: 5, cell: (r) => String(r.indicators) },
  { id: 'written_mean', zh: '填报均值', en: 'written', drop: 3, cell: (r) => pct(r.writtenMean) },
  { id: 'recomputed_mean', zh: '复算均值', en: 'recomputed', drop: 0, cell: (r) => pct(r.recomputedMean) },
  { id: 'done', zh: '已完成', en: 'done', drop: 0, cell: (r) => String(r.status.已完成) },
  { id: 'on_schedule', zh: '达进度', en: 'on-schedule', drop: 0, cell: (r) => String(r.status.达进度) },
  { id: 'behind', zh: '欠进度', en: 'behind', drop: 0, cell: (r) => String(r.status.欠进度) },
  { id: 'unknown', zh: '未知', en: 'unknown', drop: 1, cell: (r) => String(r.status.未知) },
  { id: 'errors', zh: '错误', en: 'errors', drop: 1, cell: (r) => String(r.findings.error) },
  { id: 'warnings', zh: '警告', en: 'warnings', drop: 2, cell: (r) => String(r.findings.warning) },
  { id: 'infos', zh: '提示', en: 'infos', drop: 6, cell: (r) => String(r.findings.info) },
];

const GAP = '  ';

function keyLabel(t: SummaryTable, r: Rollup, lang: Lang): string {
  if (r === t.total) return lang === 'zh' ? '合计' : 'total';
  return r.key === '' ? (lang === 'zh' ? '（未填写）' : '(none written)') : printable(r.key);
}

export function footer(t: SummaryTable, lang: Lang): string[] {
  const notes: string[] = [];
  const expected = [...new Set(t.expected)];
  const exp = expected.map((e) => (e === null ? (lang === 'zh' ? '未知' : 'unknown') : `${e}%`)).join(', ');
  if (lang === 'zh') {
    notes.push(`${t.files} 个文件，${t.total.tasks} 项重点工作，序时进度 ${exp}；按欠进度任务数排序。`);
    if (t.by === 'unit' && t.shared)
      notes.push(`${t.shared} 项重点工作由多个单位共同负责，在每个单位下各计一次（合计只计一次）。`);
    if (t.unassigned) notes.push(`${t.unassigned} 项重点工作未填写${KEY_ZH[t.by]}。`);
    if (t.outsideTasks) notes.push(`${t.outsideTasks} 条问题不属于任何重点工作，只计入合计。`);
  } else {
    notes.push(
      `${t.files} file${t.files === 1 ? '' : 's'}, ${t.total.tasks} tasks, expected progress ${exp}; most behind first.`,
    );
    if (t.by === 'unit' && t.shared)
      notes.push(
        `${t.shared} task${t.shared === 1 ? ' is' : 's are'} shared by several units and count${t.shared === 1 ? 's' : ''} for each (once in the total).`,
      );
    if (t.unassigned) notes.push(`${t.unassigned} task${t.unassigned === 1 ? ' has' : 's have'} no ${KEY_EN[t.by]} written.`);
    if (t.outsideTasks)
      notes.push(`${t.outsideTasks} finding${t.outsideTasks === 1 ? '' : 's'} concern no task: in the total only.`);
  }
  return notes;
}

/** A table no wider than `width` display columns: optional columns dropped, then the key column cut. */
export function summaryText(t: SummaryTable, lang: Lang, width = 80): string {
  const all = [...t.rows, t.total];
  const header = (c: Column) => (lang === 'zh' ? c.zh : c.en);
  const colWidth = (c: Column) => Math.max(displayWidth(header(c)), ...all.map((r) => displayWidth(c.cell(r))));
  const keyHeader = lang === 'zh' ? KEY_ZH[t.by] : KEY_EN[t.by];
  const keyNatural = Math.max(displayWidth(keyHeader), ...all.map((r) => displayWidth(keyLabel(t, r, lang))));
  const minKey = Math.min(keyNatural, 12);
  let cols = [...COLUMNS];
  const used = () => cols.reduce((n, c) => n + GAP.length + colWidth(c), 0);
  // Warnings give way before errors; a column that says 0 on every row says least.
  const drop = (c: Column) => (c.drop > 0 && all.every((r) => c.cell(r) === '0') ? 10 + c.drop : c.drop);
  while (used() + minKey > width) {
    const worst = cols.reduce((m, c) => (drop(c) > drop(m) ? c : m), cols[0]!);
    if (drop(worst) === 0) break;
    cols = cols.filter((c) => c !== worst);
  }
  const keyWidth = Math.max(4, Math.min(keyNatural, width - used()));
  const widths = cols.map(colWidth);
  const line = (key: string, cells: string[]) =>
    padEnd(truncate(key, keyWidth), keyWidth) + cells.map((c, i) => GAP + padStart(c, widths[i]!)).join('');
  const out = [
    line(keyHeader, cols.map(header)),
    '─'.repeat(keyWidth) + widths.map((w) => GAP + '─'.repeat(w)).join(''),
    ...t.rows.map((r) =>
      line(
        keyLabel(t, r, lang),
        cols.map((c) => c.cell(r)),
      ),
    ),
    '─'.repeat(keyWidth) + widths.map((w) => GAP + '─'.repeat(w)).join(''),
    line(
      keyLabel(t, t.total, lang),
      cols.map((c) => c.cell(t.total)),
    ),
  ];
  return [...out, '', ...footer(t, lang).flatMap((n) => wrap(n, width))].join('\n') + '\n';
}

const mdCell = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');

export function summaryMarkdown(t: SummaryTable, lang: Lang): string {
  const keyHeader = lang === 'zh' ? KEY_ZH[t.by] : KEY_EN[t.by];
  const head = `| ${keyHeader} | ${COLUMNS.map((c) => (lang === 'zh' ? c.zh : c.en)).join(' | ')} |`;
  const rule = `|---|${COLUMNS.map(() => '---:').join('|')}|`;
  const row = (r: Rollup) => `| ${mdCell(keyLabel(t, r, lang))} | ${COLUMNS.map((c) => c.cell(r)).join(' | ')} |`;
  const total = `| **${keyLabel(t, t.total, lang)}** | ${COLUMNS.map((c) => `**${c.cell(t.total)}**`).join(' | ')} |`;
  return [head, rule, ...t.rows.map(row), total, '', ...footer(t, lang)].join('\n') + '\n';
}

/** CSV with stable English column names; rates as numbers (percent); the total as the last row. */
export function summaryCsv(t: SummaryTable): string {
  const header = [KEY_EN[t.by], ...COLUMNS.map((c) => c.id)];
  const num = (v: number | null) => (v === null ? '' : Number(v.toFixed(4)));
  const record = (r: Rollup, key: string) => [
    key,
    r.tasks,
    r.items,
    r.indicators,
    num(r.writtenMean),
    num(r.recomputedMean),
    r.status.已完成,
    r.status.达进度,
    r.status.欠进度,
    r.status.未知,
    r.findings.error,
    r.findings.warning,
    r.findings.info,
  ];
  // A key a spreadsheet would run as a formula gets a leading quote, as in `export`.
  const safe = (k: string) => (/^[=+\-@\t\r]/.test(k) ? `'${k}` : k);
  return stringify([header, ...t.rows.map((r) => record(r, safe(r.key))), record(t.total, 'total')]);
}

export function summaryJson(t: SummaryTable): string {
  return JSON.stringify(t, null, 2) + '\n';
}
