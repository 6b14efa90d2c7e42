// The command line: a thin layer over the library. Exit codes: 0 ok, 1 findings over the limit
// (or invalid documents), 2 unusable input or arguments. Errors go to stderr as one line naming
// the file, never a stack trace. Heavy modules (chalk, csv-stringify, tinyglobby) load only when used.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { Failure } from './batch.js';
import type { Lang } from './diagnostics.js';
import type { Report } from './model.js';
import type { FindingsFormat } from './emit/format.js';
import type { FileResult, Show } from './emit/results.js';
import type { Level } from './emit/rows.js';
import { tuneV8 } from './tune.js';

// Loaded on first use, so `--help`, `--version` and `schema` do not pay for the compiler.
const batch = () => import('./batch.js');
const results = () => import('./emit/results.js');
const output = () => import('./output.js');
const validation = () => import('./validate.js');

const require = createRequire(import.meta.url);
export const VERSION = (require('../package.json') as { version: string }).version;
const SCHEMA_PATH = new URL('../schemas/report.v1.schema.json', import.meta.url);

const EXPORT_FORMATS = ['csv', 'ndjson', 'json'] as const;
// Kept here (not imported from emit/) so building the program loads nothing heavy.
const FINDINGS_FORMATS = ['stylish', 'json', 'github', 'sarif'] as const satisfies readonly FindingsFormat[];
const LEVELS = ['indicators', 'items', 'tasks'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `-o rows.ndjson` means NDJSON without saying --format twice. */
function formatFromName(out: string | undefined): ExportFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(out ?? '')?.[1]?.toLowerCase();
  return ext === 'csv' ? 'csv' : ext === 'ndjson' || ext === 'jsonl' ? 'ndjson' : ext === 'json' ? 'json' : undefined;
}

interface Globals {
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
  lang?: Lang;
  encoding?: string;
}

/** zh when the locale says Chinese (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them). */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/** Colour level for a stream: off with --no-color, NO_COLOR (any non-empty value) or a non-TTY, unless FORCE_COLOR. */
export function colorLevel(stream: { isTTY?: boolean }, flag: boolean, env: NodeJS.ProcessEnv = process.env): 0 | 1 | 2 | 3 {
  if (!flag) return 0;
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force === '0' || force === 'false') return 0;
  if (force !== undefined) return 1;
  if (!stream.isTTY) return 0;
  if (env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' ? 3 : /256/.test(env.TERM ?? '') ? 2 : 1;
}

async function chalkFor(stream: { isTTY?: boolean }, g: Globals): Promise<ChalkInstance> {
  const { Chalk } = await import('chalk');
  return new Chalk({ level: colorLevel(stream, g.color) });
}

// Names and text inside a line are made printable where they are put in (emit/text.ts printable);
// this keeps any other control or bidi character off the terminal too (line ends are the lines').
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const err = (line: string) => process.stderr.write((line.endsWith('\n') ? line : line + '\n').replace(UNPRINTABLE, ' '));
const shown = (name: string) => name.replace(/[\r\n]/g, ' ');

function parseMaxWarnings(v: string): number {
  if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError('expected an integer (-1 for no limit)');
  return Number(v);
}

/** Per-file table on stderr for batches: files, tasks, indicators, errors, warnings. */
async function summaryTable(fileResults: readonly FileResult[], failures: readonly Failure[]): Promise<string> {
  const { totals } = await results();
  const { table } = await import('./emit/text.js');
  const t = totals(fileResults);
  const rows: (string | number)[][] = fileResults.map((r) => [shown(r.file), r.tasks, r.indicators, r.errors, r.warnings]);
  for (const f of failures) rows.push([`${shown(f.file)} (unusable: ${f.code})`, 0, 0, 0, 0]);
  rows.push([`total: ${fileResults.length + failures.length} files`, t.tasks, t.indicators, t.errors, t.warnings]);
  return table(['file', 'tasks', 'indicators', 'errors', 'warnings'], rows);
}

// `check` needs each report's findings only (findingsOnly): its tasks are dropped as they are checked
// and the tree, which it never emits, is not validated. `export` emits the tree: kept and validated.
async function compileBatch(patterns: string[], g: Globals, findingsOnly = false, out?: string): Promise<{ reports: Report[]; failures: Failure[] }> {
  const { compileAll, expandInputs, failureLine, isFailure } = await batch();
  const assertValidReport = findingsOnly ? (r: Report) => r : (await validation()).assertValidReport;
  const { progressBar } = await import('./emit/progress.js');
  const files = await expandInputs(patterns);
  (await output()).refuseInputs(out, files);
  const bar = progressBar(g.quiet ? 0 : files.length);
  bar.tick(0, files.length, files[0] ?? '');
  const outcomes = await compileAll(files, { lang: g.lang, encoding: g.encoding, findingsOnly, onProgress: (d, n, f) => bar.tick(d, n, f) });
  bar.done();
  const reports: Report[] = [];
  const failures: Failure[] = [];
  for (const o of outcomes) {
    if (isFailure(o)) {
      failures.push(o.failure);
      err(failureLine(o.failure));
    } else reports.push(assertValidReport(o.report));
  }
  return { reports, failures };
}

// ---- commands ---------------------------------------------------------------------------------

async function runParse(file: string, opts: { output?: string; compact?: boolean }, g: Globals): Promise<number> {
  const { compileInput, failureLine, isFailure } = await batch();
  const { reportWriter } = await import('./emit/report-json.js');
  // Sections are validated and written as they are compiled; the file appears only when all is written.
  const out = (await output()).openOutput(opts.output, { inputs: [file] });
  const writer = reportWriter(out, { compact: opts.compact });
  let report: Report;
  try {
    const outcome = await compileInput(file, { lang: g.lang, encoding: g.encoding, sink: writer });
    if (isFailure(outcome)) {
      out.abort();
      err(failureLine(outcome.failure));
      return 2;
    }
    report = outcome.report;
    writer.finish(report);
    await out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
  if (opts.output && opts.output !== '-' && !g.quiet) {
    const s = report.summary;
    err(`hzreport: wrote ${shown(opts.output)}: ${s.tasks} tasks, ${s.items} items, ${s.indicators} indicators; ${s.errors} errors, ${s.warnings} warnings`);
  }
  return 0;
}

async function runCheck(
  patterns: string[],
  opts: { format: FindingsFormat; maxWarnings: number; output?: string },
  g: Globals,
): Promise<number> {
  const { reports, failures } = await compileBatch(patterns, g, true, opts.output);
  const { exitCodeFor, resultOf, totals } = await results();
  const { formatFindings } = await import('./emit/format.js');
  const fileResults = reports.map((r) => resultOf(r));
  const show: Show | undefined = g.quiet ? 'errors' : g.verbose ? 'all' : undefined;
  const toStdout = !opts.output || opts.output === '-';
  const chalk = await chalkFor(toStdout ? process.stdout : { isTTY: false }, g);
  const text = await formatFindings(fileResults, opts.format, {
    show,
    chalk,
    version: VERSION,
    failures: failures.map((f) => ({ file: f.file, message: `${f.message} [${f.code}]` })),
  });
  // Machine formats always produce a document (an empty SARIF log is still a valid upload), but a
  // file (-o) is written only when every input compiled, like parse and export.
  const write = toStdout ? fileResults.length > 0 || opts.format === 'sarif' || opts.format === 'json' : failures.length === 0;
  if (write) (await output()).emit(text, opts.output);
  if (fileResults.length + failures.length > 1 && !g.quiet) err(await summaryTable(fileResults, failures));
  if (failures.length) return 2;
  const t = totals(fileResults);
  const code = exitCodeFor(t, opts.maxWarnings);
  if (code && t.errors === 0 && !g.quiet) err(`hzreport: too many warnings (${t.warnings}; maximum ${opts.maxWarnings})`);
  return code;
}

async function runExport(
  patterns: string[],
  opts: { format: ExportFormat; level: Level; excel?: boolean; output?: string },
  g: Globals,
): Promise<number> {
  const { reports, failures } = await compileBatch(patterns, g, false, opts.output);
  // Nothing is written when any input is unusable: a partial table would look complete.
  if (failures.length) return 2;
  const { toRows } = await import('./emit/rows.js');
  const rows = reports.flatMap((r) => toRows(r, opts.level));
  let text: string;
  if (opts.format === 'csv') {
    const { toCsvText } = await import('./emit/csv.js');
    text = toCsvText(rows, { level: opts.level, excel: opts.excel });
  } else if (opts.format === 'ndjson') {
    const { toNdjsonText } = await import('./emit/ndjson.js');
    text = toNdjsonText(rows);
  } else {
    text = JSON.stringify(rows, null, 2) + '\n';
  }
  (await output()).emit(text, opts.output);
  if (!g.quiet) {
    const { resultOf } = await results();
    if (reports.length > 1) err(await summaryTable(reports.map((r) => resultOf(r)), []));
    if (opts.output && opts.output !== '-') err(`hzreport: wrote ${shown(opts.output)}: ${rows.length} rows (${opts.level}) from ${reports.length} file${reports.length === 1 ? '' : 's'}`);
  }
  return 0;
}

async function runSchema(opts: { output?: string }): Promise<number> {
  (await output()).emit(readFileSync(SCHEMA_PATH, 'utf8'), opts.output);
  return 0;
}

interface Validation {
  file: string;
  valid: boolean;
  errors: { pointer: string; message: string }[];
}

async function runValidate(patterns: string[], opts: { format: 'stylish' | 'json' }, g: Globals): Promise<number> {
  const { expandInputs, readStdin } = await batch();
  const { validateReport } = await validation();
  const { readBytes, jsonText, MAX_JSON_BYTES } = await import('./read.js');
  const { InputError, render } = await import('./diagnostics.js');
  const { printable } = await import('./emit/text.js');
  const { emit } = await output();
  const files = await expandInputs(patterns);
  const checked: Validation[] = [];
  let unusable = 0;
  for (const file of files) {
    let text: string;
    try {
      // Bounded (read.ts MAX_JSON_BYTES, above what parse writes for the largest report): unreadable is
      // HZ004, too large HZ005, not UTF-8 (or not the --encoding given) HZ002.
      const bytes = file === '-' ? await readStdin(MAX_JSON_BYTES, true) : readBytes(file, { maxBytes: MAX_JSON_BYTES, noNul: true });
      text = jsonText(bytes, g.encoding);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      err(`hzreport: ${printable(file)}: ${render(e.code, e.args, g.lang)} [${e.code}]`);
      unusable++;
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      err(`hzreport: ${printable(file)}: not a JSON document: ${(e as Error).message.split('\n')[0]}`);
      unusable++;
      continue;
    }
    const errors = validateReport(doc);
    checked.push({ file, valid: errors.length === 0, errors });
  }
  const invalid = checked.filter((c) => !c.valid);
  if (opts.format === 'json') {
    emit(JSON.stringify(checked, null, 2) + '\n');
  } else {
    const chalk = await chalkFor(process.stdout, g);
    let out = '';
    for (const c of invalid) {
      let w = 0;
      for (const e of c.errors) w = Math.max(w, e.pointer.length);
      out += `\n${chalk.underline(printable(c.file))}\n`;
      for (const e of c.errors) out += `  ${chalk.dim(printable(e.pointer).padEnd(w))}  ${chalk.red('error')}  ${printable(e.message)}\n`;
    }
    if (invalid.length) out += `\n${chalk.red.bold(`✖ ${invalid.length} of ${checked.length} document${checked.length === 1 ? '' : 's'} invalid`)}\n`;
    else if (!g.quiet && checked.length) out += `${chalk.green('✔')} ${checked.length} document${checked.length === 1 ? '' : 's'} valid (schema ${'report.v1'})\n`;
    emit(out);
  }
  return unusable ? 2 : invalid.length ? 1 : 0;
}

// ---- program ------------------------------------------------------------------------------------

function program(setCode: (code: number) => void): Command {
  const globals = (cmd: Command): Globals => {
    const o = cmd.optsWithGlobals() as Globals & { lang?: Lang };
    return { ...o, lang: o.lang ?? defaultLang() };
  };
  const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

  const p = new Command('hzreport')
    .description('Compile city-government quarterly progress reports (TSV extracted from PDF) into schema-valid JSON, recompute every completion rate and report every inconsistency.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('-q, --quiet', 'print only what was asked for: errors only in check, no summaries or progress')
    .option('--verbose', 'include info findings (repairs the compiler made) in check output')
    .option('--no-color', 'no colours (also: NO_COLOR=1, or output that is not a terminal)')
    .addOption(new Option('--lang <lang>', 'language of messages (default: zh when LC_ALL/LANG starts with zh)').choices(['zh', 'en']))
    .option('--encoding <name>', 'input encoding (default: detected: BOM, UTF-8, else GB18030)')
    .showSuggestionAfterError()
    // Subcommand help also lists --quiet, --lang, --encoding… (inherited by the commands below).
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      // Commander's own errors become one line: `hzreport: error: unknown option '--x'`.
      outputError: (str, write) => write(`hzreport: ${str.trim()}\n`),
    })
    .addHelpText('after', examples([
      'hzreport parse fixtures/hangzhou-2021-q3.tsv -o out/report.json',
      'hzreport check fixtures/*.tsv --format sarif -o hzreport.sarif',
      'hzreport export fixtures/hangzhou-2021-q3.tsv --excel -o indicators.csv',
      'cat report.tsv | hzreport parse - | jq .summary',
    ]) + '\nExit codes: 0 ok, 1 findings over the limit (or invalid documents), 2 unusable input or arguments.\n');

  p.command('parse')
    .description('compile one report into one JSON document (stdout unless -o)')
    .argument('<file>', 'report file (TSV), or - for standard input')
    .option('-o, --output <file>', 'write to a file (atomically: temporary file + rename)')
    .option('--compact', 'one-line JSON instead of indented')
    .addHelpText('after', examples([
      'hzreport parse fixtures/hangzhou-2021-q3.tsv -o out/hangzhou-2021-q3.json',
      'hzreport parse - < report.tsv > report.json',
      'hzreport parse report.tsv | jq \'.sections[].groups[].tasks[] | {no, rate: .rate.text}\'',
    ]))
    .action(async (file: string, opts, cmd: Command) => setCode(await runParse(file, opts, globals(cmd))));

  p.command('check')
    .description('compile reports and print every inconsistency (exit 1 on errors or too many warnings)')
    .argument('<files...>', 'report files or glob patterns (quote globs), - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FINDINGS_FORMATS).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this (-1: no limit)', parseMaxWarnings, -1)
    .option('-o, --output <file>', 'write the findings to a file (atomically; nothing is written if any input fails)')
    .addHelpText('after', examples([
      'hzreport check fixtures/hangzhou-2021-q3.tsv',
      'hzreport check "reports/**/*.tsv" --max-warnings 0',
      'hzreport check report.tsv --format github        # annotations in a GitHub Actions log',
      'hzreport check report.tsv --format sarif -o hzreport.sarif   # for github/codeql-action/upload-sarif',
      'hzreport check report.tsv --format json | jq \'.files[].diagnostics[] | select(.severity=="error")\'',
    ]))
    .action(async (files: string[], opts, cmd: Command) => setCode(await runCheck(files, opts, globals(cmd))));

  p.command('export')
    .description('flat tables (one row per indicator, item or task) as CSV, NDJSON or JSON')
    .argument('<files...>', 'report files or glob patterns (quote globs), - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format (default: from the -o extension .csv/.ndjson/.jsonl/.json, else csv)').choices(EXPORT_FORMATS))
    .addOption(new Option('-l, --level <level>', 'one row per').choices(LEVELS).default('indicators'))
    .option('--excel', 'CSV for Excel/WPS: UTF-8 byte-order mark and CRLF line ends (CSV only)')
    .option('-o, --output <file>', 'write to a file (atomically; nothing is written if any input fails)')
    .addHelpText('after', examples([
      'hzreport export fixtures/hangzhou-2021-q3.tsv --excel -o indicators.csv',
      'hzreport export fixtures/hangzhou-2021-q3.tsv --level tasks --format ndjson | jq -c \'select(.task_rate_status=="mismatch")\'',
      'hzreport export "reports/*.tsv" --level items -o items.csv',
    ]))
    .action(async (files: string[], opts: { format?: ExportFormat; excel?: boolean; output?: string; level: Level }, cmd: Command) => {
      const format = opts.format ?? formatFromName(opts.output) ?? 'csv';
      if (opts.excel && format !== 'csv') cmd.error(`error: --excel applies to CSV only (format is ${format})`, { exitCode: 2 });
      setCode(await runExport(files, { ...opts, format }, globals(cmd)));
    });

  p.command('schema')
    .description('print the published JSON Schema of the report documents (schemas/report.v1.schema.json)')
    .option('-o, --output <file>', 'write to a file')
    .addHelpText('after', examples(['hzreport schema > report.v1.schema.json', 'hzreport schema | jq .properties.summary']))
    .action(async (opts) => setCode(await runSchema(opts)));

  p.command('validate')
    .description('validate JSON documents against the published schema (all errors, with JSON pointers)')
    .argument('<docs...>', 'JSON files or glob patterns, - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .addHelpText('after', examples([
      'hzreport validate out/hangzhou-2021-q3.json',
      'hzreport parse report.tsv | hzreport validate -',
      'hzreport validate "out/*.json" --format json',
    ]))
    .action(async (docs: string[], opts, cmd: Command) => setCode(await runValidate(docs, opts, globals(cmd))));

  p.command('diff')
    .description('what changed between two reports (quarter over quarter): advanced, regressed, stalled, targets, owners, added, dropped')
    .argument('<old>', 'the earlier report (TSV), or - for standard input')
    .argument('<new>', 'the later report (TSV), or - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format (default: from the -o extension .json/.csv/.md, else stylish)').choices(['stylish', 'json', 'csv', 'md']))
    .option('--fail-on <kinds>', 'exit 1 when a change of these kinds is found (comma-separated, e.g. regressed,target-changed)')
    .option('--threshold <n>', 'similarity (0-1) below which two tasks, items or indicators are a drop and an add (default 0.5)')
    .option('-o, --output <file>', 'write to a file (atomically)')
    .addHelpText('after', examples([
      'hzreport diff fixtures/hangzhou-2021-q2.synthetic.tsv fixtures/hangzhou-2021-q3.tsv',
      'hzreport diff q2.tsv q3.tsv --format json | jq .summary',
      'hzreport diff q2.tsv q3.tsv --fail-on regressed,target-changed   # exit 1 for CI',
    ]))
    .action(async (oldFile: string, newFile: string, opts: { format?: string; failOn?: string; threshold?: string; output?: string }, cmd: Command) => {
      const d = await import('./diff-cli.js');
      const format = (opts.format as 'stylish' | 'json' | 'csv' | 'md' | undefined) ?? d.formatFromName(opts.output);
      const g = globals(cmd);
      let failOn, threshold;
      try {
        failOn = opts.failOn === undefined ? undefined : d.parseKinds(opts.failOn);
        threshold = opts.threshold === undefined ? undefined : d.parseThreshold(opts.threshold);
      } catch (e) {
        cmd.error(`error: ${(e as Error).message}`, { exitCode: 2 });
      }
      const chalk = await chalkFor(!opts.output || opts.output === '-' ? process.stdout : { isTTY: false }, g);
      setCode(await d.runDiff(oldFile, newFile, { ...opts, format, failOn, threshold, lang: g.lang ?? 'en', encoding: g.encoding, chalk }, err));
    });

  return p;
}

/** For a caller that runs main in its own process (the tests): V8 tuning suits a process that compiles and exits. */
export interface MainOptions {
  tune?: boolean;
}
let pipeGuarded = false;

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  if (options.tune !== false) tuneV8();
  let code = 0;
  const p = program((c) => {
    code = c;
  });
  // Output goes through output.ts (every write checked); anything written through the stream
  // that fails is one line and exit 2 too. Registered once: the tests call main() many times in one process.
  if (!pipeGuarded) {
    pipeGuarded = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      err(`hzreport: standard output: cannot write the output: ${e.code ?? e.message}`);
      process.exit(2);
    });
  }
  try {
    if (argv.length <= 2) {
      process.stderr.write(p.helpInformation());
      return 2;
    }
    await p.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; usage errors were already printed by commander.
      if (e.exitCode === 0) return 0;
      return 2;
    }
    // Writing the output failed (a directory, no permission, disk full): one line naming the output.
    if (e instanceof Error && e.name === 'SettingError') {
      err(`hzreport: ${e.message}`);
      return 2;
    }
    if (e instanceof Error && e.name === 'OutputError') {
      err(`hzreport: ${shown((e as Error & { path: string }).path)}: ${e.message}`);
      return 2;
    }
    const ne = e as NodeJS.ErrnoException;
    if (ne && typeof ne.code === 'string' && ne.syscall) {
      err(`hzreport: ${ne.path ?? ''}${ne.path ? ': ' : ''}${ne.code}: ${ne.message.replace(/^[A-Z]+: /, '')}`);
      return 2;
    }
    throw e;
  }
}
