// Chinese for what reaches the user through arguments and the CLI's own words. Catalog templates have
// their zh text (src/diagnostics.ts); an argument built in English by a stage (a side, a level, a reason,
// a detail) is translated here by its known forms, so a zh message never carries an English word.
// A form not listed stays as written: the zh catalog test (test/i18n.test.ts) then fails.
import type { Lang } from './diagnostics.js';

type Rule = [RegExp, string | ((...m: string[]) => string)];

const LEVELS: Record<string, string> = {
  indicator: '指标',
  indicators: '指标',
  item: '细化项目',
  items: '细化项目',
  task: '重点工作',
  tasks: '重点工作',
};

const RULES: Rule[] = [
  [/^(left|right)$/, (_, s) => (s === 'left' ? '左' : '右')],
  [/^(indicators?|items?|tasks?)$/, (_, s) => LEVELS[s]!],
  // HZ102 (assemble.ts: regrouping by the report's arithmetic)
  [
    /^row order reproduces (\d+) of (\d+) item rates, the chosen grouping (\d+) \((\d+) indicator(?:s|\(s\))? moved\)(; close: one rate decided)?$/,
    (_, a, b, c, d, close) =>
      `按行序可复现 ${b} 个细化项目完成率中的 ${a} 个，所选归属可复现 ${c} 个（移动了 ${d} 个指标）${close ? '；接近：仅一个完成率起决定作用' : ''}`,
  ],
  [
    /^task (\S+) has (\d+) item(?:s|\(s\))? instead of (\d+) in row order, so that (\d+) of the 2 task rates (\S+) and (\S+) reproduce instead of (\d+)$/,
    (_, t, n, before, k, a, b, base) =>
      `第 ${t} 项重点工作归入 ${n} 个细化项目（按行序为 ${before} 个），使第 ${a}、${b} 项重点工作的 2 个完成率中 ${k} 个可复现（按行序为 ${base} 个）`,
  ],
  [
    /^(\d+) indicator rows? below task (\S+)'s numbered row belongs? to the last item of task (\S+), (?:so that (\d+) more item rates? reproduces?(, the last ones because their names echo that item's text)?|whose names echo that item's text \(the rates reproduce either way\)|so that (fewer) indicator rows leave row order \(the rates reproduce either way\))$/,
    (_, n, b, a, k, words, fewer) =>
      `重点工作 ${b} 序号行以下的 ${n} 个指标行归重点工作 ${a} 的最后一个细化项目，` +
      (fewer
        ? '使偏离行序的指标行更少（两种读法复现的完成率一样多）'
        : k === undefined
          ? '因其名称与该细化项目的文字相近（两种读法复现的完成率一样多）'
          : `使多 ${k} 个细化项目完成率可复现${words ? '，最后几行因其名称与该细化项目的文字相近' : ''}`),
  ],
  [
    /^(\d+) indicator rows? from task (\S+)'s numbered row on belongs? to the last item of task (\S+), (?:whose names echo that item's text \(as many item rates reproduce (as with the rows below it|either way)\)|so that (\d+) more item rates? reproduces?)$/,
    (_, n, b, a, like, k) =>
      `重点工作 ${b} 序号行起的 ${n} 个指标行归重点工作 ${a} 的最后一个细化项目，` +
      (k === undefined
        ? `因其名称与该细化项目的文字相近（可复现的细化项目完成率与${like === 'either way' ? '按行序' : '只移动其下各行'}一样多）`
        : `使多 ${k} 个细化项目完成率可复现`),
  ],
  [
    /^task (\S+) has (\d+) item(?:s|\(s\))? instead of (\d+) in row order: (?:the item|(\d+) items) below task (\S+)'s numbered row belongs? to task (\S+), so that (\d+) more task rates? and (\d+) more item rates? reproduce$/,
    (_, t, n, before, d, b, a, kt, ki) =>
      `第 ${t} 项重点工作归入 ${n} 个细化项目（按行序为 ${before} 个）：重点工作 ${b} 序号行以下的 ${d ?? 1} 个细化项目归重点工作 ${a}，使多 ${kt} 个重点工作完成率、${ki} 个细化项目完成率可复现`,
  ],
  [
    /^task (\S+) has (\d+) item(?:s|\(s\))? instead of (\d+) in row order: (?:the item|(\d+) items) below task (\S+)'s numbered row belongs? to task (\S+), so that the rows after (?:it|them) go to the item whose text their names echo$/,
    (_, t, n, before, d, b, a) =>
      `第 ${t} 项重点工作归入 ${n} 个细化项目（按行序为 ${before} 个）：重点工作 ${b} 序号行以下的 ${d ?? 1} 个细化项目归重点工作 ${a}，使其后各行归入名称与其文字相近的细化项目`,
  ],
  // HZ002-HZ005 (read.ts, compile.ts, batch.ts: unusable input)
  [/^no such file$/, '文件不存在'],
  [/^is a directory$/, '是一个目录'],
  [/^permission denied$/, '没有读取权限'],
  [/^unknown encoding "(.*)"$/, (_, e) => `未知编码“${e}”`],
  [/^not valid (\S+)$/, (_, e) => `不是有效的 ${e}`],
  [/^undecodable as (\S+)$/, (_, e) => `无法按 ${e} 解码`],
  [/^NUL byte at character (\d+)$/, (_, n) => `第 ${n} 个字符为 NUL 字节`],
  [/^(\d+) control characters$/, (_, n) => `含 ${n} 个控制字符`],
  [
    /^does not read as (\S+), with (\d+) control characters(, but as UTF-8: try without --encoding|: try without --encoding, to detect the encoding)$/,
    (_, e, n, tail: string) =>
      `按 ${e} 读不通，含 ${n} 个控制字符${tail.includes('UTF-8') ? '，但可按 UTF-8 读取：请去掉 --encoding' : '：请去掉 --encoding，由程序识别编码'}`,
  ],
  [/^neither UTF-8 nor GB18030; name the encoding with --encoding$/, '既不是 UTF-8 也不是 GB18030，请用 --encoding 指定编码'],
  [/^a PDF document; extract its tables to TSV first$/, 'PDF 文档，请先将其中的表格提取为 TSV'],
  [/^a ZIP archive \((.*)\)$/, (_, x) => `ZIP 压缩包（${x}）`],
  [/^an OLE document \((.*)\)$/, (_, x) => `OLE 文档（${x}）`],
  [/^gzip data$/, 'GZIP 压缩数据'],
  [/^a PNG image$/, 'PNG 图片'],
  [/^a JPEG image$/, 'JPEG 图片'],
  [/^an ELF executable$/, 'ELF 可执行文件'],
  [/^no line has tab-separated fields$/, '没有一行含制表符分隔的字段'],
  [/^a header but no task, item or indicator rows$/, '有表头，但没有重点工作、细化项目或指标行'],
  [/^no header row and no task, item or indicator rows$/, '没有表头，也没有重点工作、细化项目或指标行'],
  [/^([\d,]+) lines$/, (_, n) => `${n} 行`],
  [/^more than (.+)$/, (_, x) => `超过 ${x}`],
  // HZ006 (read.ts)
  [/^utf-8 with (\d+) invalid byte sequences? replaced by U\+FFFD$/, (_, n) => `UTF-8（${n} 个无效字节序列已替换为 U+FFFD）`],
  // HZ111 (assemble.ts)
  [/^full-width characters and thousands separators$/, '全角字符和千位分隔符'],
  [/^full-width characters$/, '全角字符'],
  [/^thousands separators$/, '千位分隔符'],
  // HZ108 (html.ts): markup names stay as written, listed the Chinese way
  [/^((?:<\w+>|on\w+=)(?:, (?:<\w+>|on\w+=))*)$/, (_, list) => `标记 ${list.split(', ').join('、')} `],
  // Configuration and baseline files (config.ts, baseline.ts)
  [/^unknown key$/, '未知的键'],
  [/^must be a JSON object$/, '必须是 JSON 对象'],
  [/^must be a string$/, '必须是字符串'],
  [/^must be an object of code: level$/, '必须是“代码: 级别”形式的对象'],
  [/^not a diagnostic code \(HZ201\)$/, '不是诊断代码（如 HZ201）'],
  [/^no such diagnostic code \(docs\/diagnostics\.md\)$/, '没有此诊断代码（见 docs/diagnostics.md）'],
  [/^must be one of (.+)$/, (_, xs) => `必须是以下之一：${xs.split(', ').join('、')}`],
  [/^must be an object with tasks and\/or files$/, '必须是含 tasks 和/或 files 的对象'],
  [/^must be an array of task labels \(四\.81\)$/, '必须是重点工作编号（如 四.81）的数组'],
  [/^must be a task label: section ordinal and number \(四\.81\)$/, '必须是重点工作编号：部分序号加序号（如 四.81）'],
  [/^must be an array of glob patterns$/, '必须是通配模式的数组'],
  [/^must be a non-empty glob pattern$/, '必须是非空的通配模式'],
  [/^must be zh or en$/, '必须是 zh 或 en'],
  [/^must be a period such as (.+)$/, '必须是报告期，如 2021-Q3、2021-H1、2021-09 或 2021'],
  [/^must be an integer >= -1$/, '必须是不小于 -1 的整数'],
  [/^not JSON: (.*)$/, (_, x) => `不是 JSON：${x}`],
  [/^cannot read the file \((.*)\)$/, (_, x) => `无法读取文件（${x}）`],
  [
    /^not an hzreport baseline \(written by check --write-baseline\)$/,
    '不是 hzreport 基线文件（应由 check --write-baseline 写出）',
  ],
  [/^baseline version (.*); this hzreport reads version (\d+)$/, (_, v, w) => `基线版本 ${v}；本程序读取版本 ${w}`],
  [/^entries\[(\d+)\]: needs a fingerprint and a count >= 1$/, (_, i) => `entries[${i}]：需要 fingerprint 和不小于 1 的 count`],
  // Output errors (output.ts)
  [/^a parent is not a directory$/, '上级路径不是目录'],
  [/^no such directory$/, '目录不存在'],
  [/^read-only file system$/, '只读文件系统'],
  [/^no space left on the device$/, '设备空间不足'],
  [/^disk quota exceeded$/, '超出磁盘配额'],
  [/^file too large \(a file size limit was reached\)$/, '文件过大（已达到文件大小上限）'],
  [/^file name too long$/, '文件名过长'],
  [/^too many levels of symbolic links$/, '符号链接层数过多'],
  [/^the reader closed the pipe$/, '读取方已关闭管道'],
  [/^input\/output error$/, '输入/输出错误'],
  [/^no such device$/, '设备不存在'],
  [/^is a block device$/, '是块设备'],
  [/^is a socket$/, '是套接字'],
  [/^it is the input (.*); refusing to overwrite it$/, (_, f) => `它就是输入文件 ${f}，拒绝覆盖`],
];

/** An argument value in Chinese: known English forms translated, anything else (figures, text as written) kept. */
export function zhArg(value: string): string {
  for (const [re, to] of RULES) {
    const m = re.exec(value);
    if (m) return typeof to === 'string' ? to : to(...(m as unknown as string[]));
  }
  return value;
}

// ---- the CLI's own words ----------------------------------------------------------------------------

const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

/** error / warning / info in the user's language. */
export function severityWord(s: string, lang: Lang = 'en'): string {
  return lang === 'zh' ? (SEVERITY_ZH[s] ?? s) : s;
}

const BY_ZH: Record<string, string> = { unit: '责任单位', group: '牵头领导分组', section: '部分' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Words of the CLI outside the catalog, in English and Chinese. */
export function words(lang: Lang = 'en') {
  const zh = lang === 'zh';
  return {
    files: (n: number) => (zh ? `${n} 个文件` : plural(n, 'file')),
    errors: (n: number) => (zh ? `${n} 个错误` : plural(n, 'error')),
    warnings: (n: number) => (zh ? `${n} 个警告` : plural(n, 'warning')),
    infos: (n: number) => (zh ? `${n} 条提示` : plural(n, 'info')),
    problems: (n: number) => (zh ? `${n} 个问题` : plural(n, 'problem')),
    findings: (n: number) => (zh ? `${n} 条发现` : plural(n, 'finding')),
    noProblems: (files: string) => (zh ? `${files}中没有问题` : `no problems in ${files}`),
    inFiles: (headline: string, files: string) => (zh ? `${files}中有 ${headline}` : `${headline} in ${files}`),
    unusable: (n: number) => (zh ? `，其中 ${n} 个无法使用` : `, ${n} of them unusable`),
    hidden: (n: number, quiet: boolean) =>
      zh
        ? `（另有 ${n} 条已隐藏：${quiet ? '去掉 --quiet' : '加 --verbose'} 可显示）`
        : ` (${plural(n, 'more finding')} hidden: ${quiet ? 'drop --quiet' : 'use --verbose'})`,
    tooManyWarnings: (n: number, max: number) =>
      zh ? `警告过多（${n} 个；上限 ${max} 个）` : `too many warnings (${n}; maximum ${max})`,
    tableHeaders: zh ? ['文件', '重点工作', '量化指标', '错误', '警告'] : ['file', 'tasks', 'indicators', 'errors', 'warnings'],
    unusableFile: (file: string, code: string) => (zh ? `${file}（无法使用：${code}）` : `${file} (unusable: ${code})`),
    total: (n: number) => (zh ? `合计：${n} 个文件` : `total: ${plural(n, 'file')}`),
    wroteReport: (out: string, s: { tasks: number; items: number; indicators: number; errors: number; warnings: number }) =>
      zh
        ? `已写入 ${out}：${s.tasks} 项重点工作，${s.items} 个细化项目，${s.indicators} 个量化指标；${s.errors} 个错误，${s.warnings} 个警告`
        : `wrote ${out}: ${plural(s.tasks, 'task')}, ${plural(s.items, 'item')}, ${plural(s.indicators, 'indicator')}; ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`,
    wroteRows: (out: string, rows: number, level: string, files: number) =>
      zh
        ? `已写入 ${out}：${rows} 行（${LEVELS[level] ?? level}），来自 ${files} 个文件`
        : `wrote ${out}: ${plural(rows, 'row')} (${level}) from ${plural(files, 'file')}`,
    wroteWorkbook: (out: string, n: { tasks: number; items: number; indicators: number; findings: number }, files: number) =>
      zh
        ? `已写入 ${out}：${n.tasks} 项重点工作，${n.items} 个细化项目，${n.indicators} 个量化指标，${n.findings} 条发现，来自 ${files} 个文件`
        : `wrote ${out}: ${plural(n.tasks, 'task')}, ${plural(n.items, 'item')}, ${plural(n.indicators, 'indicator')}, ${plural(n.findings, 'finding')} from ${plural(files, 'file')}`,
    wroteSummary: (out: string, rows: number, by: string, files: number) =>
      zh
        ? `已写入 ${out}：${rows} 行（按${BY_ZH[by] ?? by}），来自 ${files} 个文件`
        : `wrote ${out}: ${plural(rows, 'row')} (${by}) from ${plural(files, 'file')}`,
    wroteHtml: (out: string, tasks: number, findings: number, kb: number) =>
      zh
        ? `已写入 ${out}：${tasks} 项重点工作，${findings} 条发现（${kb} KB）`
        : `wrote ${out}: ${plural(tasks, 'task')}, ${plural(findings, 'finding')} (${kb} KB)`,
    noPeriod: (file: string) =>
      zh
        ? `${file}：标题和日期行中没有报告期：只能区分已完成和未知（请用 --period 或 --expected 指定）`
        : `${file}: no reporting period in the title or date line: only done and unknown are told apart (give --period or --expected)`,
    stdinTwice: zh ? '-：标准输入只能作为两份报告之一' : '-: standard input can be only one of the two reports',
    workbookBinary: zh
      ? '错误：工作簿是二进制文件：请用 -o FILE.xlsx 指定文件（或重定向标准输出）'
      : 'error: a workbook is binary: give -o FILE.xlsx (or redirect standard output)',
    notJson: (detail: string) => (zh ? `不是 JSON 文档：${jsonErrorZh(detail)}` : `not a JSON document: ${detail}`),
    invalidDocs: (n: number, of: number) =>
      zh ? `${of} 个文档中有 ${n} 个无效` : `${n} of ${of} document${of === 1 ? '' : 's'} invalid`,
    validDocs: (n: number, schema: string) =>
      zh ? `${n} 个文档有效（模式 ${schema}）` : `${n} document${n === 1 ? '' : 's'} valid (schema ${schema})`,
    cannotWrite: (reason: string) => (zh ? `无法写入输出：${zhArg(reason)}` : `cannot write the output: ${reason}`),
  };
}

const TYPES_ZH: Record<string, string> = {
  string: '字符串',
  number: '数值',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: '空值',
};

const SCHEMA_RULES: Rule[] = [
  [
    /^must be ([a-z,]+)$/,
    (_, t) =>
      `必须是${t
        .split(',')
        .map((x) => TYPES_ZH[x] ?? x)
        .join('或')}`,
  ],
  [/^must have required property '(.*)'$/, (_, p) => `缺少必需的属性“${p}”`],
  [/^must NOT have additional properties$/, '不得有额外的属性'],
  [/^must match a schema in anyOf$/, '必须符合 anyOf 中的一个模式'],
  [/^must match exactly one schema in oneOf$/, '必须恰好符合 oneOf 中的一个模式'],
  [/^must be equal to constant$/, '必须等于规定的常量'],
  [/^must be equal to one of the allowed values$/, '必须是允许的取值之一'],
  [/^must match pattern "(.*)"$/, (_, p) => `必须匹配模式“${p}”`],
  [/^must be (>=|<=|>|<) (.+)$/, (_, op, n) => `必须${op} ${n}`],
  [
    /^must NOT have (more|fewer) than (\d+) (items|characters)$/,
    (_, mf, n, u) => `不得${mf === 'more' ? '多于' : '少于'} ${n} ${u === 'items' ? '项' : '个字符'}`,
  ],
  [/^must be null$/, '必须是空值'],
];

/** An ajv message (validate) in Chinese; forms not listed stay as ajv wrote them. */
/** JSON.parse's complaint in Chinese: where the text stops being JSON (the parser's own words are English). */
export function jsonErrorZh(detail: string): string {
  if (/^Unexpected end of JSON input/.test(detail)) return 'JSON 在结尾处不完整（文件被截断？）';
  const at = /at position (\d+)/.exec(detail);
  const token = /^Unexpected (?:token|non-whitespace character) '?([^',]*)'?/.exec(detail);
  const where = at ? `第 ${Number(at[1]) + 1} 个字符处` : '';
  if (/^Unexpected non-whitespace character after JSON/.test(detail)) return `${where}在 JSON 之后还有其他内容`;
  if (/^Unterminated string/.test(detail)) return `${where}字符串没有结束引号`;
  if (token?.[1]) return `${where}出现意外的字符“${token[1]}”`;
  return `${where || ''}语法错误`;
}

export function zhSchemaMessage(message: string): string {
  for (const [re, to] of SCHEMA_RULES) {
    const m = re.exec(message);
    if (m) return typeof to === 'string' ? to : to(...(m as unknown as string[]));
  }
  return message;
}

/** Chinese headers for the export columns (`export --headers zh`); the ASCII keys stay the default for scripts. */
export const COLUMN_ZH: Record<string, string> = {
  file: '文件',
  section: '部分',
  section_title: '部分标题',
  group: '分组',
  leader: '牵头领导',
  task_no: '序号',
  task: '重点工作',
  task_rate: '重点工作完成率',
  task_rate_value: '重点工作完成率数值',
  task_rate_computed: '重点工作复算完成率',
  task_rate_status: '重点工作复算状态',
  task_rate_reason: '重点工作复算说明',
  items: '细化项目数',
  indicators: '量化指标数',
  owner: '责任单位',
  line_start: '起始行',
  line_end: '结束行',
  item_no: '细化项目序号',
  item: '细化项目',
  item_rate: '细化项目完成率',
  item_rate_value: '细化项目完成率数值',
  item_rate_computed: '细化项目复算完成率',
  item_rate_status: '细化项目复算状态',
  item_rate_reason: '细化项目复算说明',
  indicator: '指标名称',
  target: '数值及单位',
  target_value: '目标数值',
  target_unit: '目标单位',
  current: '当前值',
  current_value: '当前数值',
  current_unit: '当前单位',
  rate: '完成率',
  rate_value: '完成率数值',
  rate_computed: '复算完成率',
  rate_status: '复算状态',
  rate_reason: '复算说明',
  ceiling: '上限型指标',
  line: '行号',
  schedule_expected: '序时进度',
  schedule_status: '进度状态',
  schedule_status_en: '进度状态（英文）',
  schedule_rate: '判定所用完成率',
  schedule_basis: '判定依据',
};

// ---- the words a CSV writes as values (export --lang zh) ------------------------------------------
// The report's own text and figures stay as written; what the compiler writes in English (a recomputed
// rate's status and reason, the schedule basis, true/false) is Chinese in a zh CSV. NDJSON and JSON keep
// the English codes: they are for programs (README, "hzreport export").

const RATE_STATUS_ZH: Record<string, string> = {
  consistent: '一致',
  mismatch: '不符',
  'not-computable': '无法复算',
  ceiling: '上限型',
  'not-reported': '未填写',
};

const BASIS_ZH: Record<string, string> = { written: '所填完成率', recomputed: '复算完成率', ceiling: '上限型判定' };

const ROLE_ZH: Record<string, string> = { target: '目标值', current: '当前值' };
const BELOW_ZH: Record<string, string> = { indicator: '指标', item: '细化项目' };
const list = (xs: string) => xs.split(', ').join('、');

/** Why two figures cannot be compared (quantity.ts), in Chinese. */
const WHY_ZH: Rule[] = [
  [/^unit (.+) against (.+)$/, (_, a, b) => `单位 ${a} 与 ${b}`],
  [/^not numeric$/, '不是数值'],
  [/^percentage against a count$/, '百分数与数量'],
  [/^too large to compute with$/, '数值过大，无法计算'],
];

/** One clause of a recomputed rate's reason (recompute.ts builds them; clauses are joined by "; "). */
const REASON_ZH: Rule[] = [
  [/^mean of item rates over (\d+): (.+)$/, (_, n, xs) => `${n} 个细化项目完成率的平均值：${list(xs)}`],
  [
    /^mean of min\(indicator rate, 100%\) over (\d+): (.+)$/,
    (_, n, xs) => `${n} 个指标完成率（超过 100% 的按 100%）的平均值：${list(xs)}`,
  ],
  [
    /^ceiling indicator: (.+) against a ceiling of (.+): (met|exceeded)$/,
    (_, c, t, m) => `上限型指标：当前值 ${c}，上限 ${t}：${m === 'met' ? '已达到' : '已超出'}`,
  ],
  [
    /^target "(.*)" and current "(.*)" are not comparable \((.*)\)$/,
    (_, t, c, why) => `目标值“${t}”与当前值“${c}”不可比（${zhBy(WHY_ZH, why)}）`,
  ],
  [/^(target|current) "(.*)" is not final \((.*)\)$/, (_, r, x, note) => `${ROLE_ZH[r]}“${x}”不是最终数（${note}）`],
  [/^the number part gives (.+)$/, (_, v) => `按其中的数字为 ${v}`],
  [/^no (target|current) written$/, (_, r) => `未填写${ROLE_ZH[r]}`],
  [/^(target|current) "(.*)" is not a number \((.*)\)$/, (_, r, x, note) => `${ROLE_ZH[r]}“${x}”不是数值（${note}）`],
  [/^(target|current) "(.*)" is not a number$/, (_, r, x) => `${ROLE_ZH[r]}“${x}”不是数值`],
  [/^target and current are both 0$/, '目标值与当前值均为 0'],
  [/^target is 0 \(current (.*)\)$/, (_, c) => `目标值为 0（当前值 ${c}）`],
  [/^no target, current value or rate written$/, '未填写目标值、当前值和完成率'],
  [/^no rate written, and the figures give none$/, '未填写完成率，数值也无法算出'],
  [/^no rate written, and the (indicator|item)s give none$/, (_, b) => `未填写完成率，各${BELOW_ZH[b]}也无法算出`],
  [/^no rate written$/, '未填写完成率'],
  [/^value from the figures$/, '按数值算出'],
  [/^mean of the (indicator|item) rates$/, (_, b) => `取各${BELOW_ZH[b]}完成率的平均值`],
  [/^rate "(.*)" is not a percentage$/, (_, x) => `完成率“${x}”不是百分数`],
  [/^no (indicator|item)s$/, (_, b) => `没有${BELOW_ZH[b]}`],
  [/^(indicator|item) (\d+) of (\d+) has no rate$/, (_, b, i, n) => `第 ${i} 个${BELOW_ZH[b]}（共 ${n} 个）没有完成率`],
  [/^written capped at (.+)$/, (_, v) => `所填完成率封顶为 ${v}`],
  [/^written above 100%$/, '所填完成率超过 100%'],
  [/^written above 100% \(the written figure is the uncapped mean\)$/, '所填完成率超过 100%（所填数字为未封顶的平均值）'],
  [/^agrees with the mean of the unrounded rates from the figures$/, '与按数值算出的未取整完成率的平均值相符'],
  [/^the written figure is the uncapped mean (.+)$/, (_, v) => `所填数字为未封顶的平均值 ${v}`],
  [
    /^the written figure is the mean of all (\d+) indicator rates, (.+)$/,
    (_, n, v) => `所填数字为全部 ${n} 个指标完成率的平均值 ${v}`,
  ],
];

function zhBy(rules: Rule[], value: string): string {
  for (const [re, to] of rules) {
    const m = re.exec(value);
    if (m) return typeof to === 'string' ? to : to(...(m as unknown as string[]));
  }
  return value;
}

/** A recomputed rate's reason in Chinese, clause by clause; figures and the report's text stay as written. */
export function zhReason(reason: string): string {
  return reason
    .split('; ')
    .map((clause) => zhBy(REASON_ZH, clause))
    .join('；');
}

/** An export cell in Chinese, by its column: statuses, reasons, the basis and true/false; anything else as it is. */
export function zhCell(column: string, value: string | number | boolean | null): string | number | boolean | null {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value !== 'string') return value;
  if (column.endsWith('rate_status')) return RATE_STATUS_ZH[value] ?? value;
  if (column.endsWith('rate_reason')) return zhReason(value);
  if (column === 'schedule_basis') return BASIS_ZH[value] ?? value;
  return value;
}
