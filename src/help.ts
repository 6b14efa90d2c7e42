// `--help` in the user's language. The CLI (cli.ts) defines every command, option and argument once, in
// English; this table gives each of those texts its Chinese, and the help renderer looks them up when the
// language is zh. A text missing here stays English, and test/help.test.ts fails on it.
// Both languages: widths measured as a terminal shows them (a CJK character takes two columns) and
// Chinese text wrapped between characters, so that help fits an 80-column terminal.
import type { Command, Help, HelpConfiguration, Option, Argument } from 'commander';
import type { Lang } from './diagnostics.js';
import { displayWidth } from './emit/text.js';

/** English description → Chinese: every text of the program's help, arguments and examples included. */
export const HELP_ZH: Record<string, string> = {
  // program and global options
  'Compile city-government quarterly progress reports (TSV extracted from PDF) into schema-valid JSON, recompute every completion rate and report every inconsistency.':
    '把城市政府季度工作进展报告（从 PDF 提取的 TSV 表格）编译为符合模式的 JSON，复算每个完成率，报告每处前后矛盾。',
  'print the version': '显示版本号',
  'print only what was asked for: errors only in check, no summaries or progress':
    '只输出所要的内容：check 只列错误，不显示汇总和进度',
  'include info findings (repairs the compiler made) in check output': 'check 输出中包括提示（编译器所做的修复）',
  'no colours (also: NO_COLOR=1, or output that is not a terminal)': '不使用颜色（设置 NO_COLOR=1 或输出不是终端时也不使用）',
  'language of messages (default: zh when LC_ALL/LANG starts with zh)': '提示信息的语言（默认：LC_ALL/LANG 以 zh 开头时为 zh）',
  'input encoding (default: detected: BOM, UTF-8, else GB18030)': '输入编码（默认自动检测：BOM、UTF-8，否则 GB18030）',
  'print the settings that apply to checking FILE (configuration file, rules, ignores) as JSON':
    '以 JSON 输出检查该文件时适用的设置（配置文件、规则、忽略项）',
  'configuration file of check and --print-config (default: hzreport.config.json, found from the current directory upward)':
    'check 和 --print-config 所用的配置文件（默认：从当前目录向上查找 hzreport.config.json）',
  'show help for a command': '显示命令的帮助',
  'display help for command': '显示命令的帮助',
  // commands
  'compile one report into one JSON document (stdout unless -o)': '把一份报告编译为一个 JSON 文档（不加 -o 时写到标准输出）',
  'compile reports and print every inconsistency (exit 1 on errors or too many warnings)':
    '编译报告并列出每处矛盾（有错误或警告过多时退出码为 1）',
  'flat tables (one row per indicator, item or task) as CSV, NDJSON or JSON, or an xlsx workbook of every level':
    '导出平面表格（每个指标、细化项目或重点工作一行），格式为 CSV、NDJSON 或 JSON，或含各层级的 xlsx 工作簿',
  'explain a diagnostic code: its messages, meaning, an example from a real report, how to fix or silence it':
    '解释诊断代码：提示信息、含义、真实报告中的示例、如何修正或关闭',
  'rollups by responsible unit (or leader group, section): tasks, rates, schedule status, findings; most behind first':
    '按责任单位（或牵头领导分组、部分）汇总：重点工作、完成率、进度状态、发现的问题；最落后的排在前面',
  'one self-contained offline HTML report: overview, completion per unit, sortable task table, findings (Chinese unless --lang en)':
    '生成一个独立、可离线打开的 HTML 报告：总览、各单位完成情况、可排序的重点工作表、发现的问题（除非 --lang en，否则为中文）',
  'print the published JSON Schema of the report documents (schemas/report.v2.schema.json)':
    '输出报告文档已发布的 JSON 模式（schemas/report.v2.schema.json）',
  'validate JSON documents against the published schema (all errors, with JSON pointers)':
    '按已发布的模式校验 JSON 文档（列出全部错误及其 JSON 指针）',
  'what changed between two reports (quarter over quarter): advanced, regressed, stalled, targets, owners, added, dropped':
    '比较两份报告（季度环比）的变化：推进、倒退、停滞、目标、责任单位、新增、删除',
  // options and arguments of the commands
  'reporting period, overriding the title and date line: Q1-Q4, H1, FY, 2021-11, 1-11月, 三季度…':
    '报告期，取代标题和日期行中的报告期：Q1-Q4、H1、FY、2021-11、1-11月、三季度…',
  "expected progress (序时进度) in percent, overriding the period's months/12":
    '序时进度（百分数），取代按报告期月数/12 算出的值',
  'write to a file (atomically: temporary file + rename)': '写入文件（原子写入：先写临时文件再改名）',
  'one-line JSON instead of indented': '输出单行 JSON，不缩进',
  'report file (TSV), or - for standard input': '报告文件（TSV），- 表示标准输入',
  'output format': '输出格式',
  'exit 1 when there are more warnings than this (-1: no limit)': '警告数超过此数时退出码为 1（-1：不限）',
  'write the findings to a file (atomically; nothing is written if any input fails)':
    '把发现的问题写入文件（原子写入；任一输入失败则不写入）',
  'report only findings not in this baseline; say how many matched and how many no longer occur':
    '只报告此基线中没有的问题；并说明有多少条与基线相符、多少条已不再出现',
  'record the current findings as the baseline (atomically), then report none of them':
    '把当前发现的问题记录为基线（原子写入），不再报告它们',
  'report files or glob patterns (quote globs), - for standard input': '报告文件或通配模式（通配模式请加引号），- 表示标准输入',
  'output format (default: from the -o extension .csv/.ndjson/.jsonl/.json/.xlsx, else csv; xlsx holds every level, or the --level given)':
    '输出格式（默认：按 -o 的扩展名 .csv/.ndjson/.jsonl/.json/.xlsx，否则为 csv；xlsx 含各层级，或仅含 --level 指定的层级）',
  'one row per': '每行对应',
  'CSV for Excel/WPS: UTF-8 byte-order mark and CRLF line ends (CSV only)':
    '供 Excel/WPS 打开的 CSV：加 UTF-8 字节序标记，用 CRLF 换行（仅 CSV）',
  'CSV header row: stable ASCII keys (en, default) or Chinese labels (zh)':
    'CSV 表头：稳定的 ASCII 键名（en，默认）或中文列名（zh）',
  'write to a file (atomically; nothing is written if any input fails)': '写入文件（原子写入；任一输入失败则不写入）',
  'diagnostic code, e.g. HZ201 (see docs/diagnostics.md)': '诊断代码，如 HZ201（见 docs/diagnostics.md）',
  "width of the table (default: the terminal's, else 80)": '表格宽度（默认：终端宽度，否则 80）',
  'write to a file (atomically), e.g. report.html': '写入文件（原子写入），如 report.html',
  "the previous quarter's report: the change since it beside each task": '上一季度的报告：在每项重点工作旁列出与其相比的变化',
  'write to a file': '写入文件',
  'write to a file (atomically)': '写入文件（原子写入）',
  'JSON files or glob patterns, - for standard input': 'JSON 文件或通配模式，- 表示标准输入',
  'output format (default: from the -o extension .json/.csv/.md, else stylish)':
    '输出格式（默认：按 -o 的扩展名 .json/.csv/.md，否则为 stylish）',
  'exit 1 when a change of these kinds is found (comma-separated, e.g. regressed,target-changed)':
    '发现这些类型的变化时退出码为 1（逗号分隔，如 regressed,target-changed）',
  'similarity (0-1) below which two tasks, items or indicators are a drop and an add (default 0.5)':
    '相似度（0-1）低于此值时，两个重点工作、细化项目或指标视为一删一增（默认 0.5）',
  'the earlier report (TSV), or - for standard input': '较早的报告（TSV），- 表示标准输入',
  'the later report (TSV), or - for standard input': '较晚的报告（TSV），- 表示标准输入',
  // after the lists: examples' comments and the exit codes
  'Examples:': '示例：',
  'annotations in a GitHub Actions log': '在 GitHub Actions 日志中显示为批注',
  'for github/codeql-action/upload-sarif': '供 github/codeql-action/upload-sarif 上传',
  'sheets 重点工作/细化项目/量化指标/问题清单': '工作表：重点工作/细化项目/量化指标/问题清单',
  'exit 1 for CI': '供 CI 使用：有此类变化时退出码为 1',
  'Exit codes: 0 ok, 1 findings over the limit (or invalid documents), 2 unusable input or arguments.':
    '退出码：0 正常；1 问题超出限度（或文档无效）；2 输入或参数无法使用。',
};

/** Placeholders in usage, option and argument terms (`<file>`, `[options]`) in Chinese. */
const PLACEHOLDER_ZH: Record<string, string> = {
  options: '选项',
  command: '命令',
  file: '文件',
  files: '文件',
  docs: '文档',
  code: '代码',
  old: '旧报告',
  new: '新报告',
  format: '格式',
  level: '层级',
  lang: '语言',
  name: '编码名',
  n: '数',
  period: '报告期',
  percent: '百分数',
  kinds: '类型',
  key: '维度',
  columns: '列数',
};

/** Commander's fixed words: the headings of its lists. */
const TITLE_ZH: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
};

/** A help text in the language: the English as written, or its Chinese (the English when none is listed). */
export function helpText(en: string, lang: Lang): string {
  return lang === 'zh' ? (HELP_ZH[en] ?? en) : en;
}

/** An argument's name (file, files…) in Chinese, as the help shows it. */
export const placeholderZh = (name: string): string => PLACEHOLDER_ZH[name] ?? name;

/** The placeholders of a usage or option term (`<file>`, `[options]`) in Chinese. */
export const placeholders = (term: string): string =>
  term.replace(/([<[])([\w-]+)(\.\.\.)?([>\]])/g, (m, open: string, name: string, dots = '', close: string) =>
    PLACEHOLDER_ZH[name] ? `${open}${PLACEHOLDER_ZH[name]}${dots}${close}` : m,
  );

// Closing punctuation and the like: no line starts with one (and no line ends with an opening one).
const NO_START = /^[，。、；：！？）》」』”’%…·]/;
const NO_END = /[（《「『“‘]$/;
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;
// After Chinese punctuation a line may break even before Latin text (…：Q1-Q4、H1…).
const BREAK_AFTER = /[，。、；：！？）」』”]$/;

/** Break points of a line: runs of non-space Latin text stay whole, CJK characters break between each other. */
function chunks(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/\s*[^\s]+/g)) {
    const word = m[0];
    // Split a word at every CJK character (each its own chunk), keeping Latin runs together.
    const parts = word.match(
      /\s*(?:[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+)/g,
    ) ?? [word];
    for (const part of parts) {
      const prev = out[out.length - 1];
      // Keep punctuation with what precedes it, an opening bracket with what follows.
      const breaks = (CJK.test(part[0]!) && CJK.test(prev?.at(-1) ?? '')) || BREAK_AFTER.test(prev ?? '');
      if (prev !== undefined && !/^\s/.test(part) && (NO_START.test(part) || NO_END.test(prev) || !breaks))
        out[out.length - 1] = prev + part;
      else out.push(part);
    }
  }
  return out;
}

/** commander's boxWrap, with break points between CJK characters and widths as a terminal shows them. */
function boxWrap(this: Help, str: string, width: number): string {
  if (width < this.minWidthToWrap) return str;
  const lines: string[] = [];
  for (const raw of str.split(/\r\n|\n/)) {
    const parts = chunks(raw);
    if (!parts.length) {
      lines.push('');
      continue;
    }
    let line = parts[0]!;
    for (const part of parts.slice(1)) {
      if (displayWidth(line + part) <= width) line += part;
      else {
        lines.push(line);
        line = part.trimStart();
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** The choices and default commander appends to a description, in Chinese. */
function extrasZh(choices: readonly string[] | undefined, def: string | undefined): string {
  const extra = [choices ? `可选：${choices.join('、')}` : '', def !== undefined ? `默认：${def}` : ''].filter(Boolean);
  return extra.length ? `（${extra.join('；')}）` : '';
}

function defaultShown(o: Option): string | undefined {
  if (o.defaultValue === undefined) return undefined;
  const shown = o.required || o.optional || (o.isBoolean() && typeof o.defaultValue === 'boolean');
  return shown ? (o.defaultValueDescription ?? String(o.defaultValue)) : undefined;
}

/**
 * configureHelp() settings for the language: both languages measure CJK width and wrap between CJK
 * characters; zh also translates every description, placeholder and heading. `lang` is kept on the
 * configuration so that texts added after the lists (examples) can ask for it.
 */
export function helpConfiguration(lang: Lang): HelpConfiguration & { lang: Lang } {
  const base = { showGlobalOptions: true, lang, displayWidth, boxWrap };
  if (lang !== 'zh') return base;
  return {
    ...base,
    styleTitle: (s: string) => TITLE_ZH[s] ?? s,
    // No space after a full-width colon: 用法：hzreport …
    formatHelp(this: Help, cmd: Command, helper: Help) {
      return (Object.getPrototypeOf(this).formatHelp.call(this, cmd, helper) as string).replace(/^用法： /, '用法：');
    },
    commandUsage(this: Help, cmd: Command) {
      return placeholders(Object.getPrototypeOf(this).commandUsage.call(this, cmd) as string);
    },
    subcommandTerm(this: Help, cmd: Command) {
      return placeholders(Object.getPrototypeOf(this).subcommandTerm.call(this, cmd) as string);
    },
    optionTerm: (o: Option) => placeholders(o.flags),
    argumentTerm: (a: Argument) => PLACEHOLDER_ZH[a.name()] ?? a.name(),
    commandDescription: (cmd: Command) => helpText(cmd.description(), 'zh'),
    subcommandDescription: (cmd: Command) => helpText(cmd.summary() || cmd.description(), 'zh'),
    optionDescription: (o: Option) => helpText(o.description, 'zh') + extrasZh(o.argChoices, defaultShown(o)),
    argumentDescription: (a: Argument) =>
      helpText(a.description, 'zh') +
      extrasZh(a.argChoices, a.defaultValue === undefined ? undefined : (a.defaultValueDescription ?? String(a.defaultValue))),
  } as HelpConfiguration & { lang: Lang };
}

/** The language a command's help is rendered in (set by helpConfiguration on the program). */
export function helpLang(cmd: Command): Lang {
  return (cmd.configureHelp() as { lang?: Lang }).lang ?? 'en';
}

/**
 * The examples after a command's help, in its language. Each is a command line, optionally followed by
 * `  # comment` (translated, shown on the line above it); a `\n` in it continues the command on the next
 * line (` \` as a shell reads it), so that every line fits 80 columns.
 */
export function examplesText(lines: readonly string[], lang: Lang): string {
  const shown = lines.map((l) => {
    const [cmd, comment] = l.split(/\s+# /) as [string, string | undefined];
    const command = `  $ ${cmd.split('\n').join(' \\\n      ')}`;
    return comment === undefined ? command : `  # ${helpText(comment, lang)}\n${command}`;
  });
  return `\n${helpText('Examples:', lang)}\n${shown.join('\n')}\n`;
}
