// The analyst's views on the command line: `summary` (rollups by unit, leader or section) and `report` (one
// offline HTML file). cli.ts
// registers the commands and compiles the inputs; what they emit is decided here.
import type { Lang } from './diagnostics.js';
import { words } from './i18n.js';
import type { Report } from './model.js';
import type { PeriodOption } from './schedule.js';
import type { SummaryBy } from './summary.js';
import type { SummaryFormat } from './emit/summary.js';

export interface ViewGlobals {
  quiet?: boolean;
  lang?: Lang;
}

/** Compiles the inputs as every command does (failures already reported on stderr). */
export type CompileInputs = (patterns: string[], schedule: PeriodOption) => Promise<{ reports: Report[]; failures: unknown[] }>;

const err = (line: string) => process.stderr.write(line.endsWith('\n') ? line : line + '\n');

/** The terminal's width when printing to one, else 80 (a pipe or file gets what fits a terminal). */
function terminalWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80;
}

export async function runSummary(
  patterns: string[],
  opts: { by: SummaryBy; format: SummaryFormat; width?: number; output?: string } & PeriodOption,
  g: ViewGlobals,
  compileInputs: CompileInputs,
): Promise<number> {
  const { reports, failures } = await compileInputs(patterns, { period: opts.period, expected: opts.expected });
  // A rollup missing a file would look complete.
  if (failures.length) return 2;
  const { summarize } = await import('./summary.js');
  const emitter = await import('./emit/summary.js');
  const table = summarize(reports, opts.by);
  const lang = g.lang ?? 'en';
  const text =
    opts.format === 'json'
      ? emitter.summaryJson(table)
      : opts.format === 'csv'
        ? emitter.summaryCsv(table)
        : opts.format === 'md'
          ? emitter.summaryMarkdown(table, lang)
          : emitter.summaryText(table, lang, opts.width ?? terminalWidth());
  const { emit } = await import('./output.js');
  emit(text, opts.output);
  if (opts.output && opts.output !== '-' && !g.quiet)
    err(`hzreport: ${words(g.lang).wroteSummary(opts.output, table.rows.length, opts.by, reports.length)}`);
  if (!g.quiet) warnNoPeriod(reports, g.lang);
  return 0;
}

function warnNoPeriod(reports: readonly Report[], lang: Lang | undefined): void {
  for (const r of reports) if (!r.period) err(`hzreport: ${words(lang).noPeriod(r.source.file)}`);
}

/** `report FILE -o report.html`: compiled here (not by the batch) because the findings show their source lines. */
export async function runReport(
  file: string,
  opts: { output?: string; lang?: Lang; version: string; previous?: string } & PeriodOption,
  g: ViewGlobals & { encoding?: string },
): Promise<number> {
  const { decode, readSource } = await import('./read.js');
  const { readStdin } = await import('./batch.js');
  const { compileSource } = await import('./compile.js');
  const { InputError, render } = await import('./diagnostics.js');
  // Chinese unless --lang says otherwise: the report is for the office.
  const lang = opts.lang ?? 'zh';
  let report: Report;
  let text: string;
  try {
    const source =
      file === '-' ? decode('-', await readStdin(), { encoding: g.encoding }) : readSource(file, { encoding: g.encoding });
    text = source.text;
    report = compileSource(source, { lang, schedule: { period: opts.period, expected: opts.expected } });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    err(`hzreport: ${file}: ${render(e.code, e.args, g.lang)} [${e.code}]`);
    return 2;
  }
  const previous = opts.previous === undefined ? undefined : await previousOf(opts.previous, file, report, g);
  if (previous === null) return 2;
  const { htmlReport } = await import('./emit/html-report.js');
  const html = htmlReport(report, { lang, sourceText: text, generator: `hzreport ${opts.version}`, previous });
  const { emit } = await import('./output.js');
  emit(html, opts.output, { inputs: opts.previous === undefined ? [file] : [file, opts.previous] });
  if (!g.quiet) warnNoPeriod([report], g.lang);
  if (opts.output && opts.output !== '-' && !g.quiet) {
    const kb = Math.round(Buffer.byteLength(html) / 1024);
    err(`hzreport: ${words(g.lang).wroteHtml(opts.output, report.summary.tasks, report.diagnostics.length, kb)}`);
  }
  return 0;
}

/** `report NEW --previous OLD`: the old report compiled as `diff` compiles it and diffed; null (reported) when unusable. */
async function previousOf(
  oldFile: string,
  newFile: string,
  report: Report,
  g: ViewGlobals & { encoding?: string },
): Promise<{ diff: import('./diff-model.js').Diff; report: Report } | null> {
  if (oldFile === '-' && newFile === '-') {
    err(`hzreport: ${words(g.lang).stdinTwice}`);
    return null;
  }
  const { compileInput, failureLine, isFailure } = await import('./batch.js');
  const outcome = await compileInput(oldFile, { lang: g.lang, encoding: g.encoding });
  if (isFailure(outcome)) {
    err(failureLine(outcome.failure));
    return null;
  }
  const { diffReports } = await import('./diff.js');
  return { diff: diffReports(outcome.report, report), report: outcome.report };
}

/** `export --format xlsx`: every level in one workbook; binary, so never onto a terminal. */
export async function writeXlsx(
  reports: readonly Report[],
  output: string | undefined,
  g: ViewGlobals,
  level?: 'tasks' | 'items' | 'indicators',
): Promise<number> {
  const toStdout = output === undefined || output === '-';
  if (toStdout && process.stdout.isTTY) {
    err(`hzreport: ${words(g.lang).workbookBinary}`);
    return 2;
  }
  const { toXlsx, LEVEL_SHEET } = await import('./emit/xlsx.js');
  // --level given: that level's sheet alone, as the CSV of that level would hold.
  const bytes = await toXlsx(reports, g.lang ?? 'zh', level ? [LEVEL_SHEET[level]] : undefined);
  const { writeFileAtomic } = await import('./output.js');
  if (toStdout) process.stdout.write(bytes);
  else writeFileAtomic(output, bytes);
  if (!toStdout && !g.quiet) {
    const n = (k: 'tasks' | 'items' | 'indicators') => reports.reduce((a, r) => a + r.summary[k], 0);
    const findings = reports.reduce((a, r) => a + r.diagnostics.length, 0);
    const counts = { tasks: n('tasks'), items: n('items'), indicators: n('indicators'), findings };
    if (level) err(`hzreport: ${words(g.lang).wroteRows(output, counts[level], level, reports.length)}`);
    else err(`hzreport: ${words(g.lang).wroteWorkbook(output, counts, reports.length)}`);
  }
  return 0;
}
