// Where a finding is, as an analyst says it: the task (四.81), the task's 责任单位 and the field (the
// column header as the report writes it, and its 1-based column). A post-pass over the finished
// diagnostics, from each one's JSON path (or, for a path-less repair, its line) and the tasks seen.
import type { Diagnostic, Task, TableLayout } from './model.js';
import { ROLES } from './layout.js';

/** The canonical columns, headed as the bundled report's two header rows write them (docs/format.md): used when a report has no header. */
export const COLUMN_HEADERS = [
  '序号',
  '重点工作/任务说明',
  '重点工作/完成率',
  '细化项目/任务说明',
  '细化项目/完成率',
  '量化指标/指标名称',
  '量化指标/数值及单位',
  '量化指标/当前值',
  '量化指标/完成率',
  '责任单位',
  '主要亮点',
  '存在问题与下步计划',
] as const;

// The node a path ends in and its last key → canonical column (0-based).
const TASK_FIELDS: Record<string, number> = { no: 0, description: 1, rate: 2, owner: 9, highlights: 10, nextSteps: 11 };
const ITEM_FIELDS: Record<string, number> = { description: 3, rate: 4 };
const INDICATOR_FIELDS: Record<string, number> = { name: 5, target: 6, current: 7, rate: 8 };

const TASK_PATH = /^(\/sections\/\d+\/groups\/\d+\/tasks\/\d+)(?:\/items\/\d+(?:\/indicators\/\d+)?)?(?:\/(\w+))?/;

/**
 * The column a diagnostic's path points at, or undefined for a whole node: as the layout in effect
 * writes it (its header and 1-based column), else as the canonical columns head it.
 */
export function fieldOf(path: string, layout?: TableLayout): Diagnostic['field'] {
  const m = TASK_PATH.exec(path);
  if (!m) return undefined;
  const key = m[2];
  if (!key || key === 'items' || key === 'indicators') return undefined;
  const table = path.includes('/indicators/') ? INDICATOR_FIELDS : path.includes('/items/') ? ITEM_FIELDS : TASK_FIELDS;
  const i = table[key];
  if (i === undefined) return undefined;
  const written = layout?.columns.find((c) => c.role === ROLES[i]);
  return written && written.header !== ''
    ? { header: written.header, column: written.field + 1 }
    : { header: COLUMN_HEADERS[i]!, column: i + 1 };
}

/** The layout in effect at a line: the last one read from a header at or above it (layouts in line order). */
function layoutAt(layouts: readonly TableLayout[], line: number): TableLayout | undefined {
  let found = layouts[0];
  for (const l of layouts) if (l.line <= line) found = l;
  return found;
}

/** 四.81: the section's ordinal and the task's number (? when the report leaves one out). */
export function taskLabel(ordinal: string | null, no: number | null): string {
  return `${ordinal ?? '?'}.${no ?? '?'}`;
}

interface Place {
  start: number;
  end: number;
  label: string;
  owner: string | null;
}

/** Collects the tasks as they are finished; then labels the diagnostics. */
export function createLocator() {
  const byPath = new Map<string, Place>();
  const spans: Place[] = [];
  return {
    addTask(task: Task, at: { section: number; group: number; task: number; ordinal: string | null }): void {
      const place: Place = {
        start: task.lines.start,
        end: task.lines.end,
        label: taskLabel(at.ordinal, task.no),
        owner: task.owner,
      };
      byPath.set(`/sections/${at.section}/groups/${at.group}/tasks/${at.task}`, place);
      spans.push(place);
    },
    /** Adds task, owner and field to each diagnostic that concerns a task (in place). */
    locate(diagnostics: Diagnostic[], layouts: readonly TableLayout[] = []): void {
      spans.sort((a, b) => a.start - b.start);
      for (const d of diagnostics) {
        const m = TASK_PATH.exec(d.path);
        const place = m ? byPath.get(m[1]!) : d.line > 0 ? spanAt(spans, d.line) : undefined;
        if (!place) continue;
        d.task = place.label;
        d.owner = place.owner;
        const field = fieldOf(d.path, layoutAt(layouts, d.line));
        if (field) d.field = field;
      }
    },
  };
}

/** The task whose lines hold `line` (spans sorted by start; the last one starting at or before it). */
function spanAt(spans: readonly Place[], line: number): Place | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  let found: Place | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= line) {
      found = spans[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && line <= found.end ? found : undefined;
}
