// Shape limits checked before any work (docs/reliability.md, "Limits"): memory grows with the
// largest task (kept whole until it is final) and with the largest cell (its text is repeated in
// the tree and in messages), so both are bounded, far above what reports hold, by one linear scan.
import { InputError } from './diagnostics.js';

/** Rows of one task: the bundled report's longest task has 12 rows (docs/reliability.md: measured peak memory). */
export const MAX_TASK_ROWS = 2_000;
/** Characters of one cell: the bundled report's longest cell has 1,083. */
export const MAX_CELL_CHARS = 100_000;

const fmt = (n: number) => n.toLocaleString('en');

/**
 * HZ008 when a task would have more than MAX_TASK_ROWS rows (a run of rows whose first field is
 * empty: only a task-number, section or group row ends a task), HZ009 when a field is longer than
 * MAX_CELL_CHARS. Line numbers are 1-based, as in diagnostics.
 */
export function checkShape(text: string): void {
  let line = 1;
  let runStart = 0;
  let run = 0;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > MAX_CELL_CHARS) longestField(text, start, end, line);
    if (
      text.charCodeAt(start) === 9 /* tab: first field empty */ ||
      start === end ||
      (end - start === 1 && text.charCodeAt(start) === 13)
    ) {
      if (run++ === 0) runStart = line;
      if (run > MAX_TASK_ROWS) throw new InputError('HZ008', { line: runStart, limit: fmt(MAX_TASK_ROWS) });
    } else run = 0;
    start = end + 1;
  }
}

function longestField(text: string, start: number, end: number, line: number): void {
  for (let f = start; f < end;) {
    let tab = text.indexOf('\t', f);
    if (tab < 0 || tab > end) tab = end;
    if (tab - f > MAX_CELL_CHARS) throw new InputError('HZ009', { line, chars: fmt(tab - f), limit: fmt(MAX_CELL_CHARS) });
    f = tab + 1;
  }
}
