// Rollups of compiled reports by responsible unit (责任单位), leader group or section: how many tasks, items
// and indicators each has, their mean written and recomputed task rates, how many tasks are done, on
// schedule, behind or unknown (schedule.ts), and the findings on its tasks by severity.
import type { Diagnostic, Group, Report, ScheduleStatus, Section, Severity, Task } from './model.js';
import { STATUSES } from './schedule.js';

export type SummaryBy = 'unit' | 'group' | 'section';
export const SUMMARY_BY: readonly SummaryBy[] = ['unit', 'group', 'section'];

export interface Rollup {
  /** The unit, the leader, or the section as written. */
  key: string;
  tasks: number;
  items: number;
  indicators: number;
  /** Mean of the written task rates, and of the recomputed ones (percent), over the tasks that have one. */
  writtenMean: number | null;
  recomputedMean: number | null;
  /** Tasks by schedule status. */
  status: Record<ScheduleStatus, number>;
  findings: Record<Severity, number>;
}

export interface SummaryTable {
  by: SummaryBy;
  files: number;
  /** Expected progress of each file's period (序时进度), in file order; null when unknown. */
  expected: (number | null)[];
  /** Most behind first. */
  rows: Rollup[];
  /** Every task once, every finding once (rows overlap when a task has several units). */
  total: Rollup;
  /** Tasks that name several units, and so count in several rows. */
  shared: number;
  /** Tasks without a unit (or group, section), collected under the key "". */
  unassigned: number;
  /** Findings on no task (the file, a section or group row, the preamble): in the total only. */
  outsideTasks: number;
}

/** 市发改委、市经信局 → both; separators inside brackets (市安委办（市应急管理局）) do not split. */
export function splitUnits(owner: string | null): string[] {
  if (!owner) return [];
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of owner) {
    if ('(（[【'.includes(ch)) depth++;
    else if (')）]】'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,；;／/]/.test(ch)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  // A space between Chinese characters is extraction damage (市委人才 办), not part of the name.
  return [...new Set(out.map((u) => u.replace(/(?<=[\u2e80-\uffff])\s+(?=[\u2e80-\uffff(（])/g, '')))];
}

/**
 * One unit however its brackets are written: 市安委办(市应急管理局) and 市安委办（市应急管理局） are one row
 * (full-width forms as half-width, white space left out), shown as most of its tasks write it.
 */
function identity(key: string): string {
  return key.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
}

function emptyRollup(
  key: string,
): Rollup & { sums: { written: number; nWritten: number; recomputed: number; nRecomputed: number } } {
  return {
    key,
    tasks: 0,
    items: 0,
    indicators: 0,
    writtenMean: null,
    recomputedMean: null,
    status: { 已完成: 0, 达进度: 0, 欠进度: 0, 未知: 0 },
    findings: { error: 0, warning: 0, info: 0 },
    sums: { written: 0, nWritten: 0, recomputed: 0, nRecomputed: 0 },
  };
}
type Acc = ReturnType<typeof emptyRollup>;

function addTask(acc: Acc, t: Task): void {
  acc.tasks++;
  acc.items += t.items.length;
  for (const item of t.items) acc.indicators += item.indicators.length;
  if (t.rate?.value !== null && t.rate?.value !== undefined) {
    acc.sums.written += t.rate.value;
    acc.sums.nWritten++;
  }
  const c = t.rate?.computed?.value;
  if (c !== null && c !== undefined) {
    acc.sums.recomputed += c;
    acc.sums.nRecomputed++;
  }
  acc.status[t.schedule?.status ?? '未知']++;
}

function keysOf(by: SummaryBy, s: Section, g: Group, t: Task): string[] {
  if (by === 'unit') return splitUnits(t.owner);
  if (by === 'group') return [g.leader ?? g.title ?? ''].filter(Boolean);
  return [s.title ?? s.ordinal ?? ''].filter(Boolean);
}

/** The task a finding concerns, by its JSON pointer: /sections/i/groups/j/tasks/k[/…]. */
const TASK_POINTER = /^\/sections\/(\d+)\/groups\/(\d+)\/tasks\/(\d+)(?:\/|$)/;

const finish = ({ sums, ...r }: Acc): Rollup => ({
  ...r,
  writtenMean: sums.nWritten ? sums.written / sums.nWritten : null,
  recomputedMean: sums.nRecomputed ? sums.recomputed / sums.nRecomputed : null,
});

/** Share of a row's tasks behind schedule (for ordering). */
const behindShare = (r: Rollup) => (r.tasks ? r.status.欠进度 / r.tasks : 0);

export function summarize(reports: readonly Report[], by: SummaryBy = 'unit'): SummaryTable {
  const rows = new Map<string, Acc>();
  // Per row: how often each written form of its key occurs (the most frequent names the row).
  const forms = new Map<string, Map<string, number>>();
  const total = emptyRollup('');
  let shared = 0;
  let unassigned = 0;
  let outsideTasks = 0;
  for (const report of reports) {
    const keysAt = new Map<string, string[]>();
    // Findings that name a line but no node (repairs of the layout): the task whose lines hold it.
    const keysOnLine = new Map<number, string[]>();
    report.sections.forEach((s, i) =>
      s.groups.forEach((g, j) =>
        g.tasks.forEach((t, k) => {
          let keys = keysOf(by, s, g, t);
          if (keys.length > 1) shared++;
          if (keys.length === 0) {
            unassigned++;
            keys = [''];
          }
          keysAt.set(`${i}/${j}/${k}`, keys);
          for (let line = t.lines.start; line <= t.lines.end; line++) if (!keysOnLine.has(line)) keysOnLine.set(line, keys);
          addTask(total, t);
          for (const key of keys) {
            const id = identity(key);
            let acc = rows.get(id);
            if (!acc) rows.set(id, (acc = emptyRollup(key)));
            addTask(acc, t);
            const f = forms.get(id) ?? new Map<string, number>();
            forms.set(id, f.set(key, (f.get(key) ?? 0) + 1));
          }
        }),
      ),
    );
    for (const d of report.diagnostics as Diagnostic[]) {
      total.findings[d.severity]++;
      const m = TASK_POINTER.exec(d.path);
      const keys = m ? keysAt.get(`${m[1]}/${m[2]}/${m[3]}`) : d.path === '' ? keysOnLine.get(d.line) : undefined;
      if (!keys) {
        outsideTasks++;
        continue;
      }
      for (const key of keys) rows.get(identity(key))!.findings[d.severity]++;
    }
  }
  for (const [id, acc] of rows) {
    let best = 0;
    for (const [form, n] of forms.get(id)!) if (n > best) [acc.key, best] = [form, n];
  }
  const sorted = [...rows.values()]
    .map(finish)
    .sort(
      (a, b) =>
        b.status.欠进度 - a.status.欠进度 ||
        behindShare(b) - behindShare(a) ||
        (a.recomputedMean ?? Infinity) - (b.recomputedMean ?? Infinity) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  return {
    by,
    files: reports.length,
    expected: reports.map((r) => r.period?.expected ?? null),
    rows: sorted,
    total: finish(total),
    shared,
    unassigned,
    outsideTasks,
  };
}

export { STATUSES };
