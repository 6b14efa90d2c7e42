// Library API: what scripts import from 'hzreport'. The CLI is a thin layer over these functions.
//
//   import { readFileSync } from 'node:fs';
//   import { compile, check, toCsv } from 'hzreport';
//   const report = compile(readFileSync('report.tsv'), { file: 'report.tsv' });
//   const { errors, warnings, diagnostics } = check(report);
//   const csv = toCsv(report, { level: 'items', excel: true });
import { compile, type CompileOptions } from './compile.js';
import type { Report } from './model.js';
import { toCsvText, type CsvOptions } from './emit/csv.js';
import { toNdjsonText } from './emit/ndjson.js';
import { resultOf, exitCodeFor, type FileResult } from './emit/results.js';
import { toRows, type Level, type Row } from './emit/rows.js';

export { compile, compileFile, compileSource, type CompileOptions, type ReportSink, type ReportHead } from './compile.js';
export { validateReport, assertValidReport, reportSchema, type SchemaError } from './validate.js';
export { catalog, catalogEntries, render, localize, InputError, type Lang, type Code, type CatalogEntry } from './diagnostics.js';
export { toRows, COLUMNS, LEVELS, type Level, type Row, type Cell } from './emit/rows.js';
export { csvCell, type CsvOptions } from './emit/csv.js';
export { formatFindings, FINDINGS_FORMATS, type FindingsFormat, type FindingsOptions } from './emit/format.js';
export { toSarif } from './emit/sarif.js';
export { escapeData, escapeProperty, annotation } from './emit/github.js';
export { resultOf, totals, exitCodeFor, type FileResult, type Totals, type Show } from './emit/results.js';
export { expandInputs, compileAll, type Outcome, type Failure } from './batch.js';
export { writeFileAtomic, OutputError } from './output.js';
export type * from './model.js';
export { diffReports, similarity, DEFAULT_THRESHOLD, type DiffOptions } from './diff.js';
export type { Diff, Change, ChangeKind, MatchMethod } from './diff-model.js';

export interface CheckResult extends FileResult {
  report: Report;
  /** What `hzreport check` would exit with: 0, or 1 for errors or more warnings than maxWarnings. */
  exitCode: 0 | 1;
}

export interface CheckOptions extends CompileOptions {
  /** Warnings allowed before exitCode becomes 1 (-1 or undefined: no limit). */
  maxWarnings?: number;
}

/**
 * Compile (unless given a compiled report) and count the findings, as `hzreport check` does.
 * A string is report text (not a path: use compileFile, or readFileSync, for files).
 */
export function check(input: Report | Uint8Array | string, options: CheckOptions = {}): CheckResult {
  const report = typeof input === 'string' || input instanceof Uint8Array ? compile(input, options) : input;
  const result = resultOf(report, options.file ?? report.source.file);
  return { ...result, report, exitCode: exitCodeFor(result, options.maxWarnings ?? -1) };
}

export interface TableOptions {
  /** One row per indicator (default), item or task. */
  level?: Level;
}

const rowsOf = (reports: Report | readonly Report[], level: Level): Row[] =>
  (Array.isArray(reports) ? reports : [reports as Report]).flatMap((r) => toRows(r, level));

/** CSV text (RFC 4180, header row, formula-like cells neutralised); `excel: true` adds the BOM and CRLF. */
export function toCsv(
  reports: Report | readonly Report[],
  options: TableOptions & Omit<CsvOptions, 'level' | 'columns'> = {},
): string {
  const level = options.level ?? 'indicators';
  return toCsvText(rowsOf(reports, level), { level, excel: options.excel, lang: options.lang });
}

/** NDJSON text: one JSON object per row and line. */
export function toNdjson(reports: Report | readonly Report[], options: TableOptions = {}): string {
  return toNdjsonText(rowsOf(reports, options.level ?? 'indicators'));
}

// The analyst's views: schedule status (docs/schedule.md) and rollups by unit, leader or section.
export { derivePeriod, resolvePeriod, parsePeriodOption, STATUS_EN, type PeriodOption } from './schedule.js';
export { summarize, splitUnits, type SummaryBy, type SummaryTable, type Rollup } from './summary.js';
