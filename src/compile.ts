// The pipeline: read → tokenize → classify → realign → assemble → recompute → check, streaming task by
// task. Realignment runs per row inside the builder, since it reads the layout of the page block's
// header and what the page above left open (rows.ts); regrouping by the arithmetic is the builder's
// last step for each task (regroup.ts).
import { decode, readSource, type ReadOptions, type Source } from './read.js';
import { tokenizeRows } from './tokenize.js';
import { checkShape } from './limits.js';
import { assembleTyped } from './assemble.js';
import { classifyRows } from './classify.js';
import { recomputeOne } from './recompute.js';
import { createChecker } from './check.js';
import { absentColumns, fieldFindings } from './fields.js';
import { createLocator } from './locate.js';
import { resolvePeriod, scheduleTask, type PeriodOption } from './schedule.js';
import { InputError, localize, type Lang } from './diagnostics.js';
import { SCHEMA_VERSION } from './constants.js';
import type { Diagnostic, Report, Section } from './model.js';

/** What a report says before its sections: everything emitted ahead of the first section. */
export type ReportHead = Pick<Report, 'schemaVersion' | 'source' | 'title' | 'issuer' | 'date' | 'period'>;

/**
 * Takes a report section by section, recomputed and checked, in order (index = place in
 * report.sections). head() comes once, before any section; then the compiled report is returned
 * with no sections, its diagnostics and summary complete. Nothing reaches a sink for input that
 * is refused (InputError).
 */
export interface ReportSink {
  head(head: ReportHead): void;
  section(section: Section, index: number): void;
  /** False: the sections come without their tasks, which are dropped as soon as checked (`check`). */
  withTasks?: boolean;
}

export interface CompileOptions extends ReadOptions {
  /** Name to record as source.file (defaults to the path, or "-"). */
  file?: string;
  /** Language of diagnostic messages. */
  lang?: Lang;
  /** When given, filled with milliseconds spent per stage (benchmark hook: scripts/bench). */
  timings?: Record<string, number>;
  /** Stream the sections here instead of returning them: the report returned has none (docs/architecture.md, "Streaming"). */
  sink?: ReportSink;
  /** The reporting period or expected progress, overriding what the title and date line say (schedule.ts). */
  schedule?: PeriodOption;
}

export function compileSource(source: Source, options: CompileOptions = {}): Report {
  const t = options.timings;
  let mark = t ? performance.now() : 0;
  const lap = (stage: string): void => {
    if (!t) return;
    const now = performance.now();
    t[stage] = (t[stage] ?? 0) + now - mark;
    mark = now;
  };
  // A report table row has many fields: text without such a line is refused before any more work.
  if (!hasTableLine(source.text)) throw new InputError('HZ003', { reason: 'no line has tab-separated fields' });
  // Bound the work (a report has a few thousand lines; a year of reports concatenated, some tens of
  // thousands). Memory grows with the text, the diagnostics and the checker's facts, not the tree.
  const lines = countLines(source.text);
  if (lines > MAX_LINES)
    throw new InputError('HZ005', {
      size: `${lines.toLocaleString('en')} lines`,
      limit: `${MAX_LINES.toLocaleString('en')} lines`,
    });
  checkShape(source.text); // HZ008, HZ009: the largest task and cell bound the memory
  const head: ReportHead = {
    schemaVersion: SCHEMA_VERSION,
    source: { file: source.file, sha256: source.sha256, lines, bytes: source.bytes, encoding: source.encoding },
    title: null,
    issuer: null,
    date: null,
    period: null,
  };
  // Each task is recomputed and checked as soon as the assembler finishes it; each section is then kept or
  // streamed. Rows are tokenized and typed lazily, so only the rows of unfinished tasks are alive at a time.
  const recomputed: Diagnostic[] = [];
  const checker = createChecker();
  const locator = createLocator();
  const kept: Section[] = [];
  const sink = options.sink;
  let index = 0;
  const keepTasks = !sink || sink.withTasks !== false;
  let expected: number | null = null;
  let uncertain = 0;
  // Stage times overlap when streaming; the hook charges each stretch to the stage that ran it.
  lap('scan');
  // Stages 2-5: lines → fields → typed rows → (realigned, assembled, regrouped) tasks, lazily.
  const rows = classifyRows(tokenizeRows(source.text));
  const tree = assembleTyped(rows, {
    keepTasks,
    preamble: (p) => {
      Object.assign(head, p);
      head.period = resolvePeriod(head.title, head.date, options.schedule);
      expected = head.period?.expected ?? null;
      sink?.head(head);
    },
    // Stages 6-7: each task as soon as it is final: recomputed, then checked.
    task: (task, at) => {
      lap('assemble');
      if (task.structure === 'ambiguous') uncertain++;
      const path = `/sections/${at.section}/groups/${at.group}/tasks/${at.task}`;
      recomputeOne(task, path, recomputed);
      fieldFindings(task, path, recomputed);
      locator.addTask(task, at);
      lap('recompute');
      checker.addTask(task, at);
      lap('check');
    },
    sectionEnd: () => checker.endSection(),
    section: (section) => {
      lap('assemble');
      // Schedule status (the preamble, and so the period, is known by the first section; `check` keeps no tasks).
      for (const g of section.groups) for (const task of g.tasks) scheduleTask(task, expected);
      const i = index++;
      if (sink) {
        sink.section(section, i);
        lap('emit');
      } else kept.push(section);
    },
  });
  if (!tree.hasTable) {
    throw new InputError('HZ003', {
      reason: tree.hasHeader
        ? 'a header but no task, item or indicator rows'
        : 'no header row and no task, item or indicator rows',
    });
  }
  lap('assemble');
  const report: Report = {
    ...head,
    sections: kept,
    layouts: tree.layouts,
    diagnostics: [],
    summary: { ...tree.counts, uncertain, errors: 0, warnings: 0, infos: 0 },
  };
  const checked = checker.finish();
  lap('check');
  let diagnostics: Diagnostic[] = [...(source.diagnostics ?? []), ...tree.diagnostics, ...recomputed, ...checked];
  diagnostics = absentColumns(tree.layouts, diagnostics); // a column no header names: said once (HZ150)
  // Codes are ASCII (HZ101): compared as strings, not by locale (ICU collation is ~10 ms on a report).
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  locator.locate(diagnostics, tree.layouts);
  if (options.lang && options.lang !== 'en') diagnostics = localize(diagnostics, options.lang);
  report.diagnostics = diagnostics;
  for (const d of diagnostics)
    report.summary[d.severity === 'error' ? 'errors' : d.severity === 'warning' ? 'warnings' : 'infos']++;
  lap('diagnostics');
  return report;
}

export const MAX_LINES = 300_000;

/** Physical lines as the tokenizer counts them (a final line end starts no new line). */
function countLines(text: string): number {
  let n = text === '' || text.endsWith('\n') || text.endsWith('\r') ? 0 : 1;
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    return n;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** True when some line has at least three tab-separated fields. */
function hasTableLine(text: string): boolean {
  return /\t[^\n\r]*\t/.test(text);
}

/** Compile a report from bytes (any supported encoding) or already-decoded text. */
export function compile(input: Uint8Array | string, options: CompileOptions = {}): Report {
  const file = options.file ?? '-';
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  return compileSource(decode(file, bytes, options), options);
}

/** Read (bounded) and compile one file. Throws InputError for unusable input. */
export function compileFile(path: string, options: CompileOptions = {}): Report {
  const source = readSource(path, options);
  return compileSource(options.file ? { ...source, file: options.file } : source, options);
}
