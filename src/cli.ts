// The command line: a thin layer over the library. Exit codes: 0 ok, 1 findings over the limit
// (or invalid documents), 2 unusable input or arguments. Errors go to stderr as one line naming
// the file, never a stack trace. Heavy modules (chalk, csv-stringify, tinyglobby) load only when used.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { Failure, Outcome } from './batch.js';
import type { Lang } from './diagnostics.js';
import type { Report } from './model.js';
import type { FindingsFormat } from './emit/format.js';
import type { FileResult, Show } from './emit/results.js';
import type { Level } from './emit/rows.js';
import { tuneForInputs, tuneStart } from './tune.js';
import { parsePeriodOption, type PeriodOption } from './schedule.js';
import { examplesText, helpConfiguration, helpLang, helpText, placeholderZh, placeholders } from './help.js';

// Loaded on first use, so `--help`, `--version` and `schema` do not pay for the compiler.
const batch = () => import('./batch.js');
const results = () => import('./emit/results.js');
const output = () => import('./output.js');
const validation = () => import('./validate.js');

const require = createRequire(import.meta.url);
export const VERSION = (require('../package.json') as { version: string }).version;
const SCHEMA_PATH = new URL('../schemas/report.v2.schema.json', import.meta.url);

const EXPORT_FORMATS = ['csv', 'ndjson', 'json', 'xlsx'] as const;
// Kept here (not imported from emit/) so building the program loads nothing heavy.
const FINDINGS_FORMATS = [
  'stylish',
  'json',
  'github',
  'sarif',
  'unix',
  'junit',
  'gitlab',
] as const satisfies readonly FindingsFormat[];
const LEVELS = ['indicators', 'items', 'tasks'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `-o rows.ndjson` means NDJSON without saying --format twice; null: an extension no format matches. */
function formatFromName(out: string | undefined): ExportFormat | null | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(basename(out ?? ''))?.[1]?.toLowerCase();
  if (ext === undefined) return undefined;
  return ext === 'csv'
    ? 'csv'
    : ext === 'ndjson' || ext === 'jsonl'
      ? 'ndjson'
      : ext === 'json'
        ? 'json'
        : ext === 'xlsx'
          ? 'xlsx'
          : null;
}

interface Globals {
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
  lang?: Lang;
  /** --lang was given (a configuration's lang applies otherwise). */
  langGiven?: boolean;
  encoding?: string;
  /** --config FILE (check, --print-config). */
  config?: string;
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
  // No colour: no chalk either (it loads node:tty and node:net).
  if (colorLevel(stream, g.color) === 0) return (await import('./plain.js')).PLAIN;
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
async function summaryTable(fileResults: readonly FileResult[], failures: readonly Failure[], lang?: Lang): Promise<string> {
  const { totals } = await results();
  const { table } = await import('./emit/text.js');
  const { words } = await import('./i18n.js');
  const w = words(lang);
  const t = totals(fileResults);
  const rows: (string | number)[][] = fileResults.map((r) => [shown(r.file), r.tasks, r.indicators, r.errors, r.warnings]);
  for (const f of failures) rows.push([w.unusableFile(shown(f.file), f.code), 0, 0, 0, 0]);
  rows.push([w.total(fileResults.length + failures.length), t.tasks, t.indicators, t.errors, t.warnings]);
  return table(w.tableHeaders, rows);
}

// `check` needs each report's findings only (findingsOnly): its tasks are dropped as they are checked
// and the tree, which it never emits, is not validated. `export` emits the tree: kept and validated.
async function compileBatch(
  patterns: string[],
  g: Globals,
  findingsOnly = false,
  out?: string,
  keep?: (file: string) => boolean,
  schedule?: PeriodOption,
): Promise<{ reports: Report[]; failures: Failure[]; outcomes: Outcome[] }> {
  const { compileAll, expandInputs, failureLine, isFailure } = await batch();
  const assertValidReport = findingsOnly ? (r: Report) => r : (await validation()).assertValidReport;
  const { progressBar } = await import('./emit/progress.js');
  const files = (await expandInputs(patterns)).filter((f) => !keep || keep(f));
  if (tuned) tuneForInputs(inputBytes(files));
  (await output()).refuseInputs(out, files);
  const bar = progressBar(g.quiet ? 0 : files.length);
  bar.tick(0, files.length, files[0] ?? '');
  const outcomes = await compileAll(files, {
    lang: g.lang,
    encoding: g.encoding,
    findingsOnly,
    schedule,
    onProgress: (d, n, f) => bar.tick(d, n, f),
  });
  bar.done();
  const reports: Report[] = [];
  const failures: Failure[] = [];
  for (const o of outcomes) {
    if (isFailure(o)) {
      failures.push(o.failure);
      err(failureLine(o.failure));
    } else reports.push(assertValidReport(o.report));
  }
  return { reports, failures, outcomes };
}

/** The inputs' total size for tuneForInputs (standard input or an unreadable file: unknown, as large). */
function inputBytes(files: string[]): number {
  let bytes = 0;
  for (const f of files) bytes += f === '-' ? Infinity : (statSync(f, { throwIfNoEntry: false })?.size ?? 0);
  return bytes;
}

/** --period and --expected (schedule status, docs/schedule.md) for the commands that emit the tree. */
function scheduleOptions(cmd: Command): Command {
  return cmd
    .option(
      '--period <period>',
      'reporting period, overriding the title and date line: Q1-Q4, H1, FY, 2021-11, 1-11月, 三季度…',
      (v: string) => {
        if (!parsePeriodOption(v))
          throw new InvalidArgumentError(
            'expected Q1-Q4, H1, H2, FY, YYYY-MM, M1-M12, 1-N月 or a period as reports write it (三季度, 上半年, 1-11月)',
          );
        return v;
      },
    )
    .option('--expected <percent>', "expected progress (序时进度) in percent, overriding the period's months/12", (v: string) => {
      const n = Number(v.replace(/%$/, ''));
      if (!/^\d+(\.\d+)?%?$/.test(v) || !(n > 0 && n <= 100))
        throw new InvalidArgumentError('expected a percentage above 0 and at most 100');
      return n;
    });
}

const scheduleOf = (o: { period?: string; expected?: number }): PeriodOption => ({ period: o.period, expected: o.expected });

// ---- commands ---------------------------------------------------------------------------------

async function runParse(
  file: string,
  opts: { output?: string; compact?: boolean; period?: string; expected?: number },
  g: Globals,
): Promise<number> {
  const { compileInput, failureLine, isFailure } = await batch();
  if (tuned) tuneForInputs(inputBytes([file]));
  const { reportWriter } = await import('./emit/report-json.js');
  // Sections are validated and written as they are compiled; the file appears only when all is written.
  const out = (await output()).openOutput(opts.output, { inputs: [file] });
  const writer = reportWriter(out, { compact: opts.compact });
  let report: Report;
  try {
    const outcome = await compileInput(file, { lang: g.lang, encoding: g.encoding, sink: writer, schedule: scheduleOf(opts) });
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
    const { words } = await import('./i18n.js');
    err(`hzreport: ${words(g.lang).wroteReport(shown(opts.output), report.summary)}`);
  }
  return 0;
}

interface CheckOpts {
  format: FindingsFormat;
  maxWarnings: number;
  output?: string;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  /** Where format and maxWarnings came from: a configuration applies only to what the command line left at its default. */
  given?: { format: boolean; maxWarnings: boolean };
}

async function runCheck(patterns: string[], opts: CheckOpts, g: Globals): Promise<number> {
  const cfg = await import('./config.js');
  let loaded: import('./config.js').LoadedConfig;
  try {
    loaded = cfg.loadConfig(opts.config);
  } catch (e) {
    if (!(e instanceof cfg.ConfigError)) throw e;
    err(
      `hzreport: ${e.file}: ${e.key ? `${e.key}: ` : ''}${g.lang === 'zh' ? (await import('./i18n.js')).zhArg(e.problem) : e.problem}`,
    );
    return 2;
  }
  const config = loaded.config;
  if (!g.langGiven && config.lang) g = { ...g, lang: config.lang };
  const format = (opts.given?.format === false && config.format) || opts.format;
  const maxWarnings =
    opts.given?.maxWarnings === false && config.maxWarnings !== undefined ? config.maxWarnings : opts.maxWarnings;
  const { outcomes } = await compileBatch(patterns, g, true, opts.output, (f) => !cfg.isIgnoredFile(f, loaded));
  const { resultOf, fatalResult } = await results();
  const { formatFindings } = await import('./emit/format.js');
  // In input order; an input that could not be read or compiled is a fatal entry, so a partial
  // failure never loses the findings of the others (in every format, to stdout or to -o).
  let fileResults = outcomes.map((o) => ('failure' in o ? fatalResult(o.failure) : cfg.applyConfig(resultOf(o.report), config)));
  if (opts.baseline || opts.writeBaseline) {
    const { baselineStep } = await import('./baseline-cli.js');
    const step = baselineStep(fileResults, opts, g);
    if (step === 2) return 2;
    fileResults = step;
  }
  const show: Show | undefined = g.quiet ? 'errors' : g.verbose ? 'all' : undefined;
  const toStdout = !opts.output || opts.output === '-';
  // Only stylish has colour and fits a terminal. No format makes standard output's stream for a pipe or a file (see
  // onStdoutError): whether it is a terminal is known from the descriptor.
  const terminal = toStdout && (await output()).stdoutIsTerminal();
  const chalk = format === 'stylish' ? await chalkFor({ isTTY: terminal }, g) : undefined;
  const width = terminal ? process.stdout.columns : undefined;
  const text = await formatFindings(fileResults, format, {
    show,
    chalk,
    version: VERSION,
    lang: g.lang,
    period: config.period,
    width,
  });
  (await output()).emit(text, opts.output);
  const compiled = fileResults.filter((r) => !r.fatal);
  const failed = fileResults.length - compiled.length;
  if (fileResults.length > 1 && !g.quiet)
    err(
      await summaryTable(
        compiled,
        outcomes.flatMap((o) => ('failure' in o ? [o.failure] : [])),
        g.lang,
      ),
    );
  const { checkExit } = await import('./emit/exit.js');
  const exit = checkExit(compiled, failed, maxWarnings, g.lang);
  if (exit.reason) err(`hzreport: ${exit.reason}`);
  return exit.code;
}

/** `hzreport --print-config FILE`: the settings that apply when checking FILE, as JSON. */
async function runPrintConfig(file: string, named: string | undefined): Promise<number> {
  const cfg = await import('./config.js');
  try {
    const loaded = cfg.loadConfig(named);
    const c = loaded.config;
    const effective = {
      configFile: loaded.file ?? null,
      file,
      ignored: cfg.isIgnoredFile(file, loaded),
      format: c.format ?? 'stylish',
      lang: c.lang ?? defaultLang(),
      period: c.period ?? null,
      maxWarnings: c.maxWarnings ?? -1,
      ignore: { tasks: c.ignore?.tasks ?? [], files: c.ignore?.files ?? [] },
      rules: cfg.effectiveRules(c),
    };
    process.stdout.write(JSON.stringify(effective, null, 2) + '\n');
    return 0;
  } catch (e) {
    if (!(e instanceof cfg.ConfigError)) throw e;
    err(`hzreport: ${e.file}: ${e.message}`);
    return 2;
  }
}

async function runExport(
  patterns: string[],
  opts: {
    format: ExportFormat;
    level: Level;
    /** --level given on the command line (not its default): an xlsx workbook holds that level's sheet alone. */
    levelGiven?: boolean;
    excel?: boolean;
    output?: string;
    headers?: 'en' | 'zh';
    period?: string;
    expected?: number;
  },
  g: Globals,
): Promise<number> {
  const { reports, failures } = await compileBatch(patterns, g, false, opts.output, undefined, scheduleOf(opts));
  // Nothing is written when any input is unusable: a partial table would look complete.
  if (failures.length) return 2;
  if (opts.format === 'xlsx')
    return (await import('./views-cli.js')).writeXlsx(reports, opts.output, g, opts.levelGiven ? opts.level : undefined);
  // Written row by row (emit/table.ts): no whole table in memory; -o still complete or absent.
  const { writeTable } = await import('./emit/table.js');
  const { COLUMNS } = await import('./emit/rows.js');
  const { COLUMN_ZH } = await import('./i18n.js');
  const headers = opts.headers === 'zh' ? COLUMNS[opts.level].map((c) => COLUMN_ZH[c] ?? c) : undefined;
  const out = (await output()).openOutput(opts.output);
  let rows: number;
  try {
    rows = writeTable(reports, opts.format, opts.level, out.write, { excel: opts.excel, headers, lang: g.lang });
    await out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
  if (!g.quiet) {
    const { resultOf } = await results();
    const { words } = await import('./i18n.js');
    if (reports.length > 1)
      err(
        await summaryTable(
          reports.map((r) => resultOf(r)),
          [],
          g.lang,
        ),
      );
    if (opts.output && opts.output !== '-')
      err(`hzreport: ${words(g.lang).wroteRows(shown(opts.output), rows, opts.level, reports.length)}`);
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
  const { severityWord, words, zhSchemaMessage } = await import('./i18n.js');
  const w = words(g.lang);
  const { printable } = await import('./emit/text.js');
  const { emit } = await output();
  const files = await expandInputs(patterns);
  if (tuned) tuneForInputs(inputBytes(files));
  const checked: Validation[] = [];
  let unusable = 0;
  for (const file of files) {
    let text: string;
    try {
      // Bounded (read.ts MAX_JSON_BYTES, above what parse writes for the largest report): unreadable is
      // HZ004, too large HZ005, not UTF-8 (or not the --encoding given) HZ002.
      const bytes =
        file === '-' ? await readStdin(MAX_JSON_BYTES, true) : readBytes(file, { maxBytes: MAX_JSON_BYTES, noNul: true });
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
      err(`hzreport: ${printable(file)}: ${w.notJson((e as Error).message.split('\n')[0]!)}`);
      unusable++;
      continue;
    }
    const errors = validateReport(doc).map((e) => (g.lang === 'zh' ? { ...e, message: zhSchemaMessage(e.message) } : e));
    checked.push({ file, valid: errors.length === 0, errors });
  }
  const invalid = checked.filter((c) => !c.valid);
  if (opts.format === 'json') {
    emit(JSON.stringify(checked, null, 2) + '\n');
  } else {
    const chalk = await chalkFor(process.stdout, g);
    let out = '';
    for (const c of invalid) {
      let width = 0;
      for (const e of c.errors) width = Math.max(width, e.pointer.length);
      out += `\n${chalk.underline(printable(c.file))}\n`;
      for (const e of c.errors)
        out += `  ${chalk.dim(printable(e.pointer).padEnd(width))}  ${chalk.red(severityWord('error', g.lang))}  ${printable(e.message)}\n`;
    }
    if (invalid.length) out += `\n${chalk.red.bold(`✖ ${w.invalidDocs(invalid.length, checked.length)}`)}\n`;
    else if (!g.quiet && checked.length) out += `${chalk.green('✔')} ${w.validDocs(checked.length, 'report.v2')}\n`;
    emit(out);
  }
  return unusable ? 2 : invalid.length ? 1 : 0;
}

// ---- program ------------------------------------------------------------------------------------

// The program: global options, then the commands in groups (each group a function, so each stays short).
function globals(cmd: Command): Globals {
  const o = cmd.optsWithGlobals() as Globals & { lang?: Lang };
  return { ...o, lang: o.lang ?? defaultLang(), langGiven: o.lang !== undefined };
}
// Examples after a command's help, in the language its help is rendered in (help.ts).
const examples =
  (lines: string[]) =>
  ({ command }: { command: Command }): string =>
    examplesText(lines, helpLang(command));

/** commander's usage errors in Chinese (--lang zh): the patterns it writes, the rest as written. */
/** Why an option's argument was refused (the parsers above, diff-cli.ts), in Chinese; kinds and formats stay codes. */
const ARGUMENT_ZH: [RegExp, string][] = [
  [/^expected an integer \(-1 for no limit\)$/, '应为整数（-1 表示不限）'],
  [/^expected a percentage above 0 and at most 100$/, '应为大于 0 且不超过 100 的百分数'],
  [
    /^expected Q1-Q4, H1, H2, FY, YYYY-MM, M1-M12, 1-N月 or a period as reports write it \(三季度, 上半年, 1-11月\)$/,
    '应为 Q1-Q4、H1、H2、FY、YYYY-MM、M1-M12、1-N月，或报告中的写法（三季度、上半年、1-11月）',
  ],
  [/^expected a comma-separated list of: (.*)$/, '应为以逗号分隔的下列类型：$1'],
  [/^expected a number from 0 to 1$/, '应为 0 到 1 之间的数'],
];
const argumentZh = (why: string): string => {
  for (const [re, to] of ARGUMENT_ZH) if (re.test(why)) return why.replace(re, to);
  return why;
};

const USAGE_ZH: [RegExp, string | ((...m: string[]) => string)][] = [
  [/^error: unknown option '(.*)'/, "错误：未知选项 '$1'"],
  [/^error: unknown command '(.*)'/, "错误：未知命令 '$1'"],
  [/^error: missing required argument '(.*)'/, (_, name) => `错误：缺少必需的参数 '${placeholderZh(name)}'`],
  [/^error: option '(.*)' argument missing/, "错误：选项 '$1' 缺少参数"],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\./,
    "错误：选项 '$1' 的参数 '$2' 无效，可选值为 $3。",
  ],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\. (.*)/,
    (_, o, v, why) => `错误：选项 '${o}' 的参数 '${v}' 无效：${argumentZh(why)}`,
  ],
  // diff's own argument checks (cmd.error in its action)
  [/^error: (expected .*)/, (_, why) => `错误：${argumentZh(why)}`],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (_, cmd, n, got) => `错误：${cmd ? `${cmd} 的` : ''}参数过多：应为 ${n} 个，实为 ${got} 个。`,
  ],
  [/\(Did you mean (.*)\?\)/, '（是否要用 $1？）'],
];
const usageZh = (text: string): string => {
  for (const [re, to] of USAGE_ZH) if (re.test(text)) text = text.replace(re, to as (...m: string[]) => string);
  // Placeholders of the options named (<level> → <层级>), as the help shows them.
  return text.replace(/'(-[^']*)'/g, (_, flags: string) => `'${placeholders(flags)}'`);
};

export function program(setCode: (code: number) => void, lang: Lang = 'en'): Command {
  const p = new Command('hzreport')
    .description(
      'Compile city-government quarterly progress reports (TSV extracted from PDF) into schema-valid JSON, recompute every completion rate and report every inconsistency.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'display help for command')
    .option('-q, --quiet', 'print only what was asked for: errors only in check, no summaries or progress')
    .option('--verbose', 'include info findings (repairs the compiler made) in check output')
    .option('--no-color', 'no colours (also: NO_COLOR=1, or output that is not a terminal)')
    .addOption(
      new Option('--lang <lang>', 'language of messages (default: zh when LC_ALL/LANG starts with zh)').choices(['zh', 'en']),
    )
    .option('--encoding <name>', 'input encoding (default: detected: BOM, UTF-8, else GB18030)')
    .option(
      '--print-config <file>',
      'print the settings that apply to checking FILE (configuration file, rules, ignores) as JSON',
    )
    .option(
      '-c, --config <file>',
      'configuration file of check and --print-config (default: hzreport.config.json, found from the current directory upward)',
    )
    .showSuggestionAfterError()
    // Subcommand help also lists --quiet, --lang, --encoding… (inherited by the commands below).
    // and every text of the help in the language (help.ts), measured and wrapped as a terminal shows CJK.
    .configureHelp(helpConfiguration(lang))
    .exitOverride()
    .configureOutput({
      // Commander's own errors become one line: `hzreport: error: unknown option '--x'` (in Chinese with --lang zh).
      outputError: (str, write) => write(`hzreport: ${lang === 'zh' ? usageZh(str.trim()) : str.trim()}\n`),
    })
    .addHelpText('after', (ctx) => {
      const exit = 'Exit codes: 0 ok, 1 findings over the limit (or invalid documents), 2 unusable input or arguments.';
      return (
        examples([
          'hzreport parse fixtures/hangzhou-2021-q3.tsv -o out/report.json',
          'hzreport check fixtures/*.tsv --format sarif -o hzreport.sarif',
          'hzreport export fixtures/hangzhou-2021-q3.tsv --excel -o indicators.csv',
          'cat report.tsv | hzreport parse - | jq .summary',
        ])(ctx) + `\n${ctx.command.createHelp().boxWrap(helpText(exit, helpLang(ctx.command)), 80)}\n`
      );
    });

  // The program itself runs only with --print-config (else commander shows help / an unknown command).
  p.action(async (opts: { printConfig?: string; config?: string }) => {
    // A word that names no command (`hzreport chek`): commander's unknown-command error, with its suggestion.
    if (p.args.length) (p as unknown as { unknownCommand(): never }).unknownCommand();
    if (opts.printConfig === undefined) {
      p.outputHelp({ error: true });
      setCode(2);
      return;
    }
    setCode(await runPrintConfig(opts.printConfig, opts.config));
  });
  addCompileCommands(p, setCode);
  addAnalystCommands(p, setCode);
  addDocumentCommands(p, setCode);
  // After the commands are added, so that they keep refusing excess arguments (they copy it when created).
  p.allowExcessArguments();
  return p;
}

/** parse, check and export: the compiler and its findings and tables. */
function addCompileCommands(p: Command, setCode: (code: number) => void): void {
  scheduleOptions(p.command('parse'))
    .description('compile one report into one JSON document (stdout unless -o)')
    .argument('<file>', 'report file (TSV), or - for standard input')
    .option('-o, --output <file>', 'write to a file (atomically: temporary file + rename)')
    .option('--compact', 'one-line JSON instead of indented')
    .addHelpText(
      'after',
      examples([
        'hzreport parse fixtures/hangzhou-2021-q3.tsv -o out/hangzhou-2021-q3.json',
        'hzreport parse - < report.tsv > report.json',
        "hzreport parse report.tsv\n| jq '.sections[].groups[].tasks[] | {no, rate: .rate.text}'",
      ]),
    )
    .action(async (file: string, opts, cmd: Command) => setCode(await runParse(file, opts, globals(cmd))));

  p.command('check')
    .description('compile reports and print every inconsistency (exit 1 on errors or too many warnings)')
    .argument('<files...>', 'report files or glob patterns (quote globs), - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FINDINGS_FORMATS).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this (-1: no limit)', parseMaxWarnings, -1)
    .option('-o, --output <file>', 'write the findings to a file (atomically; nothing is written if any input fails)')
    .addHelpText(
      'after',
      examples([
        'hzreport check fixtures/hangzhou-2021-q3.tsv',
        'hzreport check "reports/**/*.tsv" --max-warnings 0',
        'hzreport check report.tsv --format github   # annotations in a GitHub Actions log',
        'hzreport check report.tsv --format sarif -o hzreport.sarif   # for github/codeql-action/upload-sarif',
        'hzreport check report.tsv --format json\n| jq \'.files[].diagnostics[] | select(.severity=="error")\'',
      ]),
    )
    .option('--baseline <file>', 'report only findings not in this baseline; say how many matched and how many no longer occur')
    .option('--write-baseline <file>', 'record the current findings as the baseline (atomically), then report none of them')
    .action(async (files: string[], opts: CheckOpts, cmd: Command) => {
      const given = {
        format: cmd.getOptionValueSource('format') !== 'default',
        maxWarnings: cmd.getOptionValueSource('maxWarnings') !== 'default',
      };
      const g = globals(cmd);
      setCode(await runCheck(files, { ...opts, config: g.config, given }, g));
    });

  scheduleOptions(p.command('export'))
    .description('flat tables (one row per indicator, item or task) as CSV, NDJSON or JSON, or an xlsx workbook of every level')
    .argument('<files...>', 'report files or glob patterns (quote globs), - for standard input')
    .addOption(
      new Option(
        '-f, --format <format>',
        'output format (default: from the -o extension .csv/.ndjson/.jsonl/.json/.xlsx, else csv; xlsx holds every level, or the --level given)',
      ).choices(EXPORT_FORMATS),
    )
    .addOption(new Option('-l, --level <level>', 'one row per').choices(LEVELS).default('indicators'))
    .option('--excel', 'CSV for Excel/WPS: UTF-8 byte-order mark and CRLF line ends (CSV only)')
    .addOption(
      new Option('--headers <lang>', 'CSV header row: stable ASCII keys (en, default) or Chinese labels (zh)').choices([
        'en',
        'zh',
      ]),
    )
    .option('-o, --output <file>', 'write to a file (atomically; nothing is written if any input fails)')
    .addHelpText(
      'after',
      examples([
        'hzreport export fixtures/hangzhou-2021-q3.tsv --excel -o indicators.csv',
        'hzreport export fixtures/hangzhou-2021-q3.tsv --level tasks -f ndjson\n| jq -c \'select(.task_rate_status=="mismatch")\'',
        'hzreport export "reports/*.tsv" --level items -o items.csv',
        'hzreport export fixtures/hangzhou-2021-q3.tsv -o report.xlsx   # sheets 重点工作/细化项目/量化指标/问题清单',
      ]),
    )
    .action(
      async (
        files: string[],
        opts: {
          format?: ExportFormat;
          excel?: boolean;
          output?: string;
          level: Level;
          headers?: 'en' | 'zh';
          period?: string;
          expected?: number;
        },
        cmd: Command,
      ) => {
        const named = formatFromName(opts.output);
        // Never a CSV file under another format's name.
        const zh = globals(cmd).lang === 'zh';
        if (!opts.format && named === null)
          cmd.error(
            zh
              ? `错误：没有哪种导出格式写 ${basename(opts.output!)}：请用 .csv、.ndjson、.jsonl、.json 或 .xlsx，或指定 --format`
              : `error: no export format writes ${basename(opts.output!)}: use .csv, .ndjson, .jsonl, .json or .xlsx, or --format`,
            { exitCode: 2 },
          );
        const format = opts.format ?? named ?? 'csv';
        if (opts.excel && format !== 'csv')
          cmd.error(
            zh ? `错误：--excel 只用于 CSV（当前格式为 ${format}）` : `error: --excel applies to CSV only (format is ${format})`,
            {
              exitCode: 2,
            },
          );
        const levelGiven = cmd.getOptionValueSource('level') === 'cli';
        setCode(await runExport(files, { ...opts, format, levelGiven }, globals(cmd)));
      },
    );
}

/** explain, summary and report: what an analyst reads. */
function addAnalystCommands(p: Command, setCode: (code: number) => void): void {
  p.command('explain')
    .description('explain a diagnostic code: its messages, meaning, an example from a real report, how to fix or silence it')
    .argument('<code>', 'diagnostic code, e.g. HZ201 (see docs/diagnostics.md)')
    .addHelpText('after', examples(['hzreport explain HZ201', 'hzreport explain HZ401 --lang zh']))
    .action(async (code: string, _opts, cmd: Command) => {
      const g = globals(cmd);
      const text = (await import('./explain.js')).explain(code, g.lang);
      if (text === undefined) {
        err(
          `hzreport: ${code}: ${g.lang === 'zh' ? '没有此诊断代码（见 docs/diagnostics.md）' : 'no such diagnostic code (see docs/diagnostics.md)'}`,
        );
        setCode(2);
      } else process.stdout.write(text);
    });

  // The analyst's views (views-cli.ts): rollups by unit, leader or section.
  scheduleOptions(p.command('summary'))
    .description(
      'rollups by responsible unit (or leader group, section): tasks, rates, schedule status, findings; most behind first',
    )
    .argument('<files...>', 'report files or glob patterns (quote globs), - for standard input')
    .addOption(new Option('--by <key>', 'one row per').choices(['unit', 'group', 'section']).default('unit'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'md', 'csv', 'json']).default('table'))
    .option('--width <columns>', "width of the table (default: the terminal's, else 80)", (v: string) =>
      Math.max(40, parseMaxWarnings(v)),
    )
    .option('-o, --output <file>', 'write to a file (atomically; nothing is written if any input fails)')
    .addHelpText(
      'after',
      examples(['hzreport summary fixtures/hangzhou-2021-q3.tsv', 'hzreport summary "reports/*.tsv" --by group --format md']),
    )
    .action(async (files: string[], opts, cmd: Command) => {
      const g = globals(cmd);
      const { runSummary } = await import('./views-cli.js');
      setCode(
        await runSummary(files, opts, g, (patterns, schedule) =>
          compileBatch(patterns, g, false, opts.output, undefined, schedule),
        ),
      );
    });

  scheduleOptions(p.command('report'))
    .description(
      'one self-contained offline HTML report: overview, completion per unit, sortable task table, findings (Chinese unless --lang en)',
    )
    .argument('<file>', 'report file (TSV), or - for standard input')
    .option('-o, --output <file>', 'write to a file (atomically), e.g. report.html')
    .option('--previous <file>', "the previous quarter's report: the change since it beside each task")
    .addHelpText(
      'after',
      examples([
        'hzreport report fixtures/hangzhou-2021-q3.tsv -o report.html',
        'hzreport report fixtures/hangzhou-2021-q3.tsv\n--previous fixtures/hangzhou-2021-q2.synthetic.tsv -o report.html',
        'hzreport report report.tsv --lang en --period 2021-11 -o report-en.html',
      ]),
    )
    .action(async (file: string, opts, cmd: Command) => {
      const g = globals(cmd);
      const lang = (cmd.optsWithGlobals() as { lang?: Lang }).lang;
      const { runReport } = await import('./views-cli.js');
      if (tuned) tuneForInputs(inputBytes(opts.previous ? [file, opts.previous] : [file]));
      setCode(await runReport(file, { ...opts, lang, version: VERSION }, g));
    });
}

/** schema, validate and diff: the published documents and their comparison. */
function addDocumentCommands(p: Command, setCode: (code: number) => void): void {
  p.command('schema')
    .description('print the published JSON Schema of the report documents (schemas/report.v2.schema.json)')
    .option('-o, --output <file>', 'write to a file')
    .addHelpText('after', examples(['hzreport schema > report.v2.schema.json', 'hzreport schema | jq .properties.summary']))
    .action(async (opts) => setCode(await runSchema(opts)));

  p.command('validate')
    .description('validate JSON documents against the published schema (all errors, with JSON pointers)')
    .argument('<docs...>', 'JSON files or glob patterns, - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .addHelpText(
      'after',
      examples([
        'hzreport validate out/hangzhou-2021-q3.json',
        'hzreport parse report.tsv | hzreport validate -',
        'hzreport validate "out/*.json" --format json',
      ]),
    )
    .action(async (docs: string[], opts, cmd: Command) => setCode(await runValidate(docs, opts, globals(cmd))));

  p.command('diff')
    .description(
      'what changed between two reports (quarter over quarter): advanced, regressed, stalled, targets, owners, added, dropped',
    )
    .argument('<old>', 'the earlier report (TSV), or - for standard input')
    .argument('<new>', 'the later report (TSV), or - for standard input')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: from the -o extension .json/.csv/.md, else stylish)').choices([
        'stylish',
        'json',
        'csv',
        'md',
      ]),
    )
    .option('--fail-on <kinds>', 'exit 1 when a change of these kinds is found (comma-separated, e.g. regressed,target-changed)')
    .option('--threshold <n>', 'similarity (0-1) below which two tasks, items or indicators are a drop and an add (default 0.5)')
    .option('-o, --output <file>', 'write to a file (atomically)')
    .addHelpText(
      'after',
      examples([
        'hzreport diff fixtures/hangzhou-2021-q2.synthetic.tsv\nfixtures/hangzhou-2021-q3.tsv',
        'hzreport diff q2.tsv q3.tsv --format json | jq .summary',
        'hzreport diff q2.tsv q3.tsv --fail-on regressed,target-changed   # exit 1 for CI',
      ]),
    )
    .action(
      async (
        oldFile: string,
        newFile: string,
        opts: { format?: string; failOn?: string; threshold?: string; output?: string },
        cmd: Command,
      ) => {
        const d = await import('./diff-cli.js');
        if (tuned) tuneForInputs(inputBytes([oldFile, newFile]));
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
        setCode(
          await d.runDiff(
            oldFile,
            newFile,
            { ...opts, format, failOn, threshold, lang: g.lang ?? 'en', encoding: g.encoding, chalk },
            err,
          ),
        );
      },
    );
}

/** The language asked for on the command line (for errors raised outside a command), else the locale's. */
function langOf(argv: readonly string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return v === 'zh' || v === 'en' ? v : defaultLang();
}

/**
 * The language of `check --help`: as check's own output speaks, a configuration's `lang` applies when the command
 * line gives no --lang (a configuration that cannot be read leaves the help to the locale: check will say why).
 */
async function helpLangOf(argv: readonly string[], lang: Lang): Promise<Lang> {
  const args = argv.slice(2);
  const helpOfCheck =
    args[0] === 'help' ? args[1] === 'check' : args[0] === 'check' && args.some((a) => a === '-h' || a === '--help');
  if (!helpOfCheck) return lang;
  if (args.some((a) => a === '--lang' || a.startsWith('--lang='))) return lang;
  const i = args.findIndex((a) => a === '-c' || a === '--config' || a.startsWith('--config='));
  const named = i < 0 ? undefined : args[i]!.includes('=') ? args[i]!.slice(args[i]!.indexOf('=') + 1) : args[i + 1];
  try {
    return (await import('./config.js')).loadConfig(named).config.lang ?? lang;
  } catch {
    return lang;
  }
}

/** For a caller that runs main in its own process (the tests): V8 tuning suits a process that compiles and exits. */
export interface MainOptions {
  tune?: boolean;
}
let pipeGuarded = false;
/** main() set V8's flags (tests run it many times in one process without). */
let tuned = false;
/** Exit status when the reader of standard output closed the pipe: 128 + SIGPIPE, as a process killed by it. */
const EXIT_PIPE = 141;

/**
 * Listens for errors on standard output's stream once something makes it. Node makes it on first use, and for a
 * pipe that loads its network modules and turns the pipe non-blocking, so that large writes meet EAGAIN and wait
 * (docs/performance.md); output.ts writes through the descriptor and needs no stream.
 */
function onStdoutError(listener: (e: NodeJS.ErrnoException) => void): void {
  const made = Object.getOwnPropertyDescriptor(process, 'stdout');
  if (!made?.get || !made.configurable) return void process.stdout.on('error', listener);
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: made.enumerable,
    get() {
      Object.defineProperty(process, 'stdout', made);
      const stream = process.stdout;
      stream.on('error', listener);
      return stream;
    },
  });
}

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  tuned = options.tune !== false;
  if (tuned) tuneStart();
  let code = 0;
  const p = program(
    (c) => {
      code = c;
    },
    await helpLangOf(argv, langOf(argv)),
  );
  // Output goes through output.ts (every write checked); anything written through the stream
  // that fails is one line and exit 2 too. Registered once: the tests call main() many times in one process.
  if (!pipeGuarded) {
    pipeGuarded = true;
    onStdoutError((e) => {
      if (e.code === 'EPIPE') process.exit(EXIT_PIPE);
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
      const zh = (e as Error & { zh?: string }).zh;
      err(`hzreport: ${langOf(argv) === 'zh' && zh ? zh : e.message}`);
      return 2;
    }
    if (e instanceof Error && e.name === 'OutputError') {
      const oe = e as Error & { path: string; reason?: string };
      // The reader of a pipe stopped reading (`| head`): what it did not want is not an error to report.
      const { STDOUT, PIPE_CLOSED } = await output();
      if (oe.path === STDOUT && oe.reason === PIPE_CLOSED) return EXIT_PIPE;
      const lang = langOf(argv);
      const { words } = await import('./i18n.js');
      err(`hzreport: ${shown(oe.path)}: ${lang === 'zh' && oe.reason ? words(lang).cannotWrite(oe.reason) : e.message}`);
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
