// What `check` produces per file, shared by the stylish/json/github/sarif emitters.
import type { Diagnostic, Report, Severity } from '../model.js';

export interface FileResult {
  /** Path as given on the command line ("-" for stdin). */
  file: string;
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  infos: number;
  tasks: number;
  indicators: number;
}

export function resultOf(report: Report, file: string = report.source.file): FileResult {
  const count = (s: Severity) => report.diagnostics.filter((d) => d.severity === s).length;
  return {
    file,
    diagnostics: report.diagnostics,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    tasks: report.summary.tasks,
    indicators: report.summary.indicators,
  };
}

export interface Totals {
  files: number;
  tasks: number;
  indicators: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function totals(results: readonly FileResult[]): Totals {
  const t: Totals = { files: results.length, tasks: 0, indicators: 0, errors: 0, warnings: 0, infos: 0 };
  for (const r of results) {
    t.tasks += r.tasks;
    t.indicators += r.indicators;
    t.errors += r.errors;
    t.warnings += r.warnings;
    t.infos += r.infos;
  }
  return t;
}

/** Which findings an output shows: errors only (--quiet), errors and warnings, or everything (--verbose). */
export type Show = 'errors' | 'problems' | 'all';

export function visible(d: Diagnostic, show: Show): boolean {
  return show === 'all' || d.severity === 'error' || (show === 'problems' && d.severity === 'warning');
}

/** Exit code of a check: 1 when there are errors or more warnings than allowed (maxWarnings < 0: no limit). */
export function exitCodeFor(t: Pick<Totals, 'errors' | 'warnings'>, maxWarnings = -1): 0 | 1 {
  return t.errors > 0 || (maxWarnings >= 0 && t.warnings > maxWarnings) ? 1 : 0;
}
