// Text fields a task or item must carry: a task's 任务说明 and 责任单位, an item's 任务说明 and its
// indicators. Figures that are missing are the recomputation's business (HZ301-HZ304, HZ307).
import { diag } from './diagnostics.js';
import type { Diagnostic, Task, TableLayout } from './model.js';

export function fieldFindings(task: Task, path: string, out: Diagnostic[]): void {
  if (!task.description.trim()) {
    const at = task.at.no[0];
    out.push(
      diag('HZ305', {
        line: at?.line ?? task.lines.start,
        column: at?.column ?? 0,
        path: `${path}/description`,
        args: { level: 'task', levelZh: '重点工作' },
      }),
    );
  }
  if (task.owner === null || !task.owner.trim()) {
    const at = task.at.no[0] ?? task.at.description[0];
    out.push(diag('HZ306', { line: at?.line ?? task.lines.start, column: at?.column ?? 0, path: `${path}/owner` }));
  }
  task.items.forEach((item, i) => {
    const itemPath = `${path}/items/${i}`;
    const at = item.at.description[0] ?? item.rate?.at[0];
    const where = { line: at?.line ?? item.lines.start, column: at?.column ?? 0 };
    if (!item.description.trim())
      out.push(diag('HZ305', { ...where, path: `${itemPath}/description`, args: { level: 'item', levelZh: '细化项目' } }));
    if (item.indicators.length === 0) out.push(diag('HZ110', { ...where, path: itemPath }));
  });
}

/**
 * A column no header of the report names (its layouts have no owner column): the warning each task would get
 * for lacking it (HZ306) says nothing the header did not, so it is said once (HZ150) at the first header.
 */
export function absentColumns(layouts: readonly TableLayout[], diagnostics: Diagnostic[]): Diagnostic[] {
  const first = layouts[0];
  if (!first || first.line === 0 || layouts.some((l) => l.columns.some((c) => c.role === 'owner'))) return diagnostics;
  const kept = diagnostics.filter((d) => d.code !== 'HZ306');
  const count = diagnostics.length - kept.length;
  if (count === 0) return diagnostics;
  kept.push(diag('HZ150', { line: first.line, column: 1, args: { column: 'responsible unit', columnZh: '责任单位', count } }));
  return kept;
}
