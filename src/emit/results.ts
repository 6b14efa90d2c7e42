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
  /** The input could not be read or compiled: its one diagnostic is the HZ00x finding (exit code 2). */
  fatal?: true;
}

/** An input that could not be read or compiled, as a result: one whole-file error with its HZ00x code. */
export function fatalResult(f: { file: string; code: string; message: string }): FileResult {
  const diagnostic: Diagnostic = { code: f.code, severity: 'error', message: f.message, line: 0, column: 0, path: '' };
  return { file: f.file, diagnostics: [diagnostic], errors: 1, warnings: 0, infos: 0, tasks: 0, indicators: 0, fatal: true };
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
  /** Inputs that could not be read or compiled (each also counted as one error). */
  fatal: number;
}

export function totals(results: readonly FileResult[]): Totals {
  const t: Totals = { files: results.length, tasks: 0, indicators: 0, errors: 0, warnings: 0, infos: 0, fatal: 0 };
  for (const r of results) {
    if (r.fatal) t.fatal++;
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
