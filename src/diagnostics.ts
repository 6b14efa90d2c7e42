// One catalog of stable diagnostic codes, used by every stage. Codes never change meaning;
// new findings get new codes. docs/diagnostics.md is generated from this table.
import { zhArg } from './i18n.js';
import type { Diagnostic, Severity } from './model.js';

export type Lang = 'en' | 'zh';

export interface CatalogEntry {
  code: string;
  severity: Severity;
  title: string;
  /** Templates with {placeholders} filled from the diagnostic's args. */
  en: string;
  zh: string;
  /** Longer explanation for the documentation page. */
  doc: string;
}

const entries = [
  // HZ0xx: the input itself (fatal: exit 2)
  {
    code: 'HZ001',
    severity: 'error',
    title: 'empty-input',
    en: 'the file is empty',
    zh: '文件为空',
    doc: 'The input has no bytes, or only white space.',
  },
  {
    code: 'HZ002',
    severity: 'error',
    title: 'not-text',
    en: 'the file is not text ({reason})',
    zh: '文件不是文本（{reason}）',
    doc: 'The bytes are not text in any supported encoding (binary data, NUL bytes, undecodable sequences).',
  },
  {
    code: 'HZ003',
    severity: 'error',
    title: 'no-table',
    en: 'no report table found ({reason})',
    zh: '未找到报表表格（{reason}）',
    doc: 'No row looks like a report table: no header row and no task, item or indicator rows.',
  },
  {
    code: 'HZ004',
    severity: 'error',
    title: 'unreadable',
    en: 'cannot read the file: {reason}',
    zh: '无法读取文件：{reason}',
    doc: 'The file does not exist, is a directory, or cannot be read.',
  },
  {
    code: 'HZ005',
    severity: 'error',
    title: 'too-large',
    en: 'the input is too large ({size}; limit {limit})',
    zh: '输入过大（{size}；上限 {limit}）',
    doc: 'The input exceeds the size the compiler accepts; split it.',
  },
  {
    code: 'HZ007',
    severity: 'error',
    title: 'internal-error',
    en: 'internal error while compiling this file, a defect of hzreport (the other files are still compiled): {detail}',
    zh: '编译此文件时发生内部错误，属 hzreport 的缺陷（其他文件照常编译）：{detail}',
    doc: "Compiling this file hit a defect of the program (the detail is the runtime's own message, for the bug report). Only this file is unusable: a batch goes on with the others, and the run exits 2.",
  },
  {
    code: 'HZ008',
    severity: 'error',
    title: 'task-too-long',
    en: 'the task from line {line} has more than {limit} rows',
    zh: '自第 {line} 行起的重点工作超过 {limit} 行',
    doc: 'One task (the rows from a task, section or group row to the next) has more rows than the compiler accepts: a task is kept whole until it is final, so its size bounds the memory. Reports have tasks of a few dozen rows; this is a damaged or generated file.',
  },
  {
    code: 'HZ009',
    severity: 'error',
    title: 'cell-too-long',
    en: 'a cell on line {line} has {chars} characters (limit {limit})',
    zh: '第 {line} 行有一个单元格长 {chars} 个字符（上限 {limit}）',
    doc: 'One cell is longer than the compiler accepts: its text is kept in the tree and quoted in messages, so its length bounds the memory. Report cells have at most a few thousand characters.',
  },
  {
    code: 'HZ006',
    severity: 'info',
    title: 'encoding-decoded',
    en: 'decoded as {encoding}',
    zh: '已按 {encoding} 解码',
    doc: 'The file is not UTF-8; it was decoded from the named encoding. Informational for CI logs.',
  },

  // HZ1xx: structure (what the compiler had to repair or could not place)
  {
    code: 'HZ101',
    severity: 'warning',
    title: 'unplaced-cell',
    en: 'cell not placed in the tree: "{text}"',
    zh: '单元格未能归入结构：“{text}”',
    doc: 'A non-empty cell could not be given a place in the tree. Its text is in the message so nothing is lost.',
  },
  {
    code: 'HZ102',
    severity: 'info',
    title: 'ambiguous-grouping',
    en: "{level} regrouped by the report's arithmetic, not row order: {detail}",
    zh: '{level}按报表自身的算术关系重新归属（而非行序）：{detail}',
    doc: 'Misplaced merged-cell text: row order alone does not say which indicators belong to which item (or which items to which task). The grouping that keeps row order and reproduces the most reported rates was chosen; the message says how many rates each reading reproduces, and "close" when a single rate decided.',
  },
  {
    code: 'HZ103',
    severity: 'info',
    title: 'cut-cell-joined',
    en: 'text cut by a page break joined with line {otherLine}',
    zh: '被分页截断的文字已与第 {otherLine} 行拼接',
    doc: 'A cell continued after a page break (the first row after a repeated header) was joined to the cell it continues.',
  },
  {
    code: 'HZ104',
    severity: 'info',
    title: 'row-realigned',
    en: 'row shifted {direction} by {by}; realigned by cell types',
    zh: '该行单元格{direction}移 {by} 列，已按类型重新对齐',
    doc: 'Leading or inner empty cells were lost or added in extraction; the row was realigned to the canonical columns by the types and order of its cells.',
  },
  {
    code: 'HZ105',
    severity: 'info',
    title: 'items-split',
    en: '{count} items packed in one row split into separate items',
    zh: '同一行中打包的 {count} 个细化项目已拆分',
    doc: 'Parallel <p> lists in one row carried several items; they were split in order.',
  },
  {
    code: 'HZ106',
    severity: 'warning',
    title: 'no-header',
    en: 'no header row: columns taken in canonical order',
    zh: '缺少表头：按标准列顺序读取',
    doc: 'The table has no 序号/重点工作 header; rows were read in the canonical column order.',
  },
  {
    code: 'HZ108',
    severity: 'warning',
    title: 'unsafe-markup',
    en: 'removed {what} from a cell',
    zh: '已从单元格中移除{what}',
    doc: 'A cell held <script>, <style> or event-handler markup; it was dropped, and only the text kept.',
  },
  {
    code: 'HZ109',
    severity: 'warning',
    title: 'orphan-rows',
    en: 'rows before the first task cannot belong to any task',
    zh: '第一个重点工作之前的行无法归属',
    doc: 'Item or indicator rows appear before any task row in their section; they are reported, not guessed.',
  },
  {
    code: 'HZ110',
    severity: 'info',
    title: 'item-without-indicators',
    en: 'item has no indicators',
    zh: '细化项目没有量化指标',
    doc: 'An item has no indicator rows; its rate cannot be recomputed.',
  },
  {
    code: 'HZ111',
    severity: 'warning',
    title: 'odd-characters',
    en: 'normalised {what} in "{text}"',
    zh: '已规范化“{text}”中的{what}',
    doc: 'Full-width digits, thousands separators or similar were normalised before parsing the number. The text is kept as written.',
  },

  {
    code: 'HZ112',
    severity: 'info',
    title: 'unknown-column',
    en: 'column {field} is headed "{header}", which names no known role: its cells are kept as extra',
    zh: '第 {field} 列表头“{header}”不属于已知列：其单元格保留在 extra 中',
    doc: 'The header names a column in words the compiler does not know (a remarks column, say). Its cells are not dropped: each goes to the `extra` object of the task, item or indicator its row belongs to, under the header text, with its source location. Reported once per header that introduces the column.',
  },
  {
    code: 'HZ113',
    severity: 'error',
    title: 'header-without-tasks',
    en: 'the header names no column for task numbers or descriptions: the previous layout is kept',
    zh: '表头中没有序号或重点工作列：沿用此前的列布局',
    doc: "A page block's header maps no column to the key-work number or description, so nothing would identify tasks; the block is read in the layout used before it (the canonical order at the start).",
  },
  {
    code: 'HZ114',
    severity: 'info',
    title: 'layout-changed',
    en: 'the header changes the columns from this block on ({columns})',
    zh: '表头自此页起改变了列布局（{columns}）',
    doc: "A page block's header maps its columns differently from the block before; rows are read in the new layout from here on. The layouts used are listed in the document (`layouts`).",
  },
  {
    code: 'HZ115',
    severity: 'info',
    title: 'structure-uncertain',
    en: 'the grouping of this task was decided by a small margin ({reason}); the other reading: {alternative} (line {otherLine})',
    zh: '该重点工作的归属判定依据不足（{reasonZh}）；另一种读法：{alternativeZh}（第 {otherLine} 行）',
    doc: 'Where the structure (which indicators belong to which item, which items to which task, whether two equal rows are one item or two) was decided by a single written rate of 0% or 100% (which many groupings of capped rates reproduce), or where two readings reproduce the written rates equally and neither the format nor the names settle it (an item text repeated at the top of a page; an indicator whose name leans to the neighbouring item), the task is marked `structure: "ambiguous"` and this message names the reading not taken. The summary counts such tasks (`uncertain`): the list of tasks to read by eye. Calibrated on simulated renderings: docs/fidelity.md.',
  },

  // HZ2xx: arithmetic
  {
    code: 'HZ201',
    severity: 'error',
    title: 'indicator-rate-mismatch',
    en: 'indicator rate {actual} does not match current / target = {current} / {target} = {expected}',
    zh: '指标完成率 {actual} 与 当前值/目标值 = {current} / {target} = {expected} 不符',
    doc: 'The indicator rate is not current / target at its written precision (rounded or truncated, or rounded to two decimals first).',
  },
  {
    code: 'HZ202',
    severity: 'error',
    title: 'item-rate-mismatch',
    en: 'item rate {actual} does not match the mean of its {count} capped indicator rate(s) = {expected}{hint}',
    zh: '细化项目完成率 {actual} 与其 {count} 个指标完成率（封顶 100%）的平均值 {expected} 不符{hintZh}',
    doc: 'The item rate is not the mean of min(indicator rate, 100%) over its indicators (their written rates, or the unrounded rates from the figures). When the written figure is the uncapped mean, the message says so.',
  },
  {
    code: 'HZ203',
    severity: 'error',
    title: 'task-rate-mismatch',
    en: 'task rate {actual} does not match the mean of its {count} item rate(s) = {expected}{hint}',
    zh: '重点工作完成率 {actual} 与其 {count} 个细化项目完成率平均值 {expected} 不符{hintZh}',
    doc: "The key-work rate is not the mean of its item rates. When the written figure is instead the mean of all the task's indicator rates taken together, the message says so: still a mismatch, since items weigh equally whatever their number of indicators.",
  },
  {
    code: 'HZ204',
    severity: 'error',
    title: 'full-against-zero',
    en: '{level} rate {actual} contradicts the figures, which give {expected}',
    zh: '{levelZh}完成率 {actual} 与数值矛盾，数值给出 {expected}',
    doc: 'A full rate (100%) where the figures give zero, or a zero rate where the target is met: the grossest contradiction.',
  },
  {
    code: 'HZ205',
    severity: 'warning',
    title: 'unit-mismatch',
    en: 'target unit "{targetUnit}" and current unit "{currentUnit}" are not comparable{hint}',
    zh: '目标单位“{targetUnit}”与当前值单位“{currentUnit}”不可比{hintZh}',
    doc: 'Target and current are in incompatible units (个 against 座, 亿元 against %), so the rate cannot be recomputed. The message says which reading the written rate implies, if any (the two numbers divided as if in one unit). Values that can be compared only by assuming a unit or a magnitude are HZ211.',
  },
  {
    code: 'HZ206',
    severity: 'info',
    title: 'not-computable',
    en: 'rate cannot be recomputed: {reason}',
    zh: '无法复算完成率：{reasonZh}',
    doc: 'The figures are not numeric (annotated, pending, missing); the reason says which.',
  },
  {
    code: 'HZ207',
    severity: 'warning',
    title: 'rate-above-cap',
    en: '{level} rate {actual} is above 100%, but {level} rates are capped: expected {expected}{hint}',
    zh: '{levelZh}完成率 {actual} 超过 100%，但该层级封顶：应为 {expected}{hintZh}',
    doc: 'Item and task rates are means of capped rates and cannot exceed 100%.',
  },
  {
    code: 'HZ208',
    severity: 'info',
    title: 'ceiling-indicator',
    en: 'ceiling indicator (lower is better): {detail}',
    zh: '上限型指标（越低越好）：{detailZh}',
    doc: 'The indicator is a ceiling (mortality, unemployment, per-万人口 rates, 控制在…以内): judged as met when current ≤ target, not as a ratio.',
  },
  {
    code: 'HZ209',
    severity: 'warning',
    title: 'rate-not-a-rate',
    en: 'rate "{text}" is not a percentage',
    zh: '完成率“{text}”不是百分数',
    doc: 'A rate cell holds something other than a percentage.',
  },
  {
    code: 'HZ210',
    severity: 'warning',
    title: 'indicator-rate-capped',
    en: 'indicator rate written {actual} although current / target = {current} / {target} = {expected}: capped at 100%, unlike the uncapped indicator rates elsewhere in the report',
    zh: '指标完成率写为 {actual}，但 当前值/目标值 = {current} / {target} = {expected}：按 100% 封顶，与报告中其他未封顶的指标完成率不一致',
    doc: 'An over-achieved indicator is written as 100%. Indicator rates are not capped (the report writes 199%, 171.4%…; only item and task means cap them), so the figure understates the result; the item mean is unaffected.',
  },
  {
    code: 'HZ211',
    severity: 'warning',
    title: 'value-forms-differ',
    en: 'target "{target}" and current "{current}" are written in different forms ({what}): {reading}',
    zh: '目标值“{target}”与当前值“{current}”写法不一致（{whatZh}）：{readingZh}',
    doc: "Target and current can only be divided by assuming what one of them means: a percentage against a bare number (`100%` against `100`: a percentage, or a fraction?), or a magnitude (万, 亿) written on one side only (`20万吨` against `15`). The message says which reading the written rate implies, if any; the rate is judged under that reading (else under the plain one: the bare number in the other side's unit). A bare 0 is never ambiguous and is not reported. Units that cannot be compared at all are HZ205.",
  },
  {
    code: 'HZ212',
    severity: 'warning',
    title: 'value-with-remark',
    en: '{role} is written "{text}": expected a figure, found {found}; {effect}',
    zh: '{roleZh}写为“{text}”：应为数值，实为{foundZh}；{effectZh}',
    doc: 'A target or current cell carries a remark beside its number (`0(省厅未认定)`, `0（待年底核算）`, `0无`) or a placeholder instead of one (`—`, `/`, `无`, `（待年底核算）`). The number part is used where there is one and the remark is kept in the tree (`note`). A remark saying the figure is not final (pending accounting, not yet recognised, estimated) or a placeholder makes the rate unverifiable: it is then not judged (`rate.computed.status` not-computable, the reason giving what the number part would give). Bounding words (不少于, 以上, 约) are not remarks.',
  },
  {
    code: 'HZ213',
    severity: 'warning',
    title: 'text-promises-other-figure',
    en: 'indicator "{name}" targets {target}, but its item\'s description says {said} ("{context}"): expected the figure the text promises, found {what}',
    zh: '指标“{name}”的目标值为 {target}，但细化项目说明写的是 {said}（“{context}”）：应与说明所写一致，实为{whatZh}',
    doc: "The sub-item's description states a quantity for the same thing the indicator counts, and the indicator's target is another figure (推动第二批 5 个创新应用 against a target of 4个) or the same number in another measure word (100 个 against 100 座). Reported only where the two clearly refer to one count: the head noun of the indicator name stands in the clause of the quantity and no other clause shares more of the name, and the description holds one quantity of the indicator's kind (a count, an amount of money, an area, a percentage…), or several of which only that clause names the indicator clearly (实现规上工业增加值增长6%，工业投资增长10% for 工业投资增长率); a name holding a figure itself (42 项工作清单完成数) is compared only when the text has one quantity of its kind, and a figure that another indicator of the sub-item carries is that indicator's. A bound the target respects (35个以上 against 35个, 不少于 200 个 against 206个) is no contradiction. Ceilings are HZ214.",
  },
  {
    code: 'HZ214',
    severity: 'warning',
    title: 'ceiling-form-contradicts-text',
    en: 'ceiling indicator "{name}" has its target written as a percentage ({target}), but its item\'s description gives the ceiling as {said} without % ("{context}"): expected the form the text gives, found a percentage',
    zh: '上限型指标“{name}”的目标值写为百分数（{target}），但细化项目说明给出的上限为 {said}，不带 %（“{context}”）：应与说明的写法一致，实为百分数',
    doc: "A lower-is-better indicator (see HZ208, which is still reported) whose target is a percentage, while the clause of its sub-item's description that names it gives the ceiling as a bare number under a bound (万台死亡率控制在0.23以内 against 0.23%; 百亿元产值死亡率不突破 0.22 against 22%): a rate per unit written as a percentage, so the ceiling judged is not the one promised.",
  },

  // HZ3xx: missing fields
  {
    code: 'HZ301',
    severity: 'warning',
    title: 'missing-name',
    en: 'indicator has no name',
    zh: '量化指标缺少指标名称',
    doc: 'An indicator row has figures but no name.',
  },
  {
    code: 'HZ302',
    severity: 'warning',
    title: 'missing-target',
    en: 'indicator "{name}" has no target',
    zh: '量化指标“{name}”缺少目标值',
    doc: 'An indicator has no 数值及单位.',
  },
  {
    code: 'HZ303',
    severity: 'warning',
    title: 'missing-current',
    en: 'indicator "{name}" has no current value',
    zh: '量化指标“{name}”缺少当前值',
    doc: 'An indicator has no 当前值.',
  },
  {
    code: 'HZ304',
    severity: 'warning',
    title: 'missing-rate',
    en: '{level} has no rate',
    zh: '{levelZh}缺少完成率',
    doc: 'A task, item or indicator has no 完成率.',
  },
  {
    code: 'HZ305',
    severity: 'warning',
    title: 'missing-description',
    en: '{level} has no description',
    zh: '{levelZh}缺少任务说明',
    doc: 'A task or item has no 任务说明.',
  },
  {
    code: 'HZ306',
    severity: 'warning',
    title: 'missing-owner',
    en: 'task has no responsible unit',
    zh: '重点工作缺少责任单位',
    doc: 'A task has no 责任单位.',
  },
  {
    code: 'HZ150',
    severity: 'info',
    title: 'column-absent',
    en: 'the table has no {column} column ({columnZh}): none of its {count} tasks has one, not reported task by task',
    zh: '表格没有{columnZh}列：{count} 项重点工作均无此项，不逐项报告',
    doc: 'No header of the report names this column (a report laid out without 责任单位, say), so every task lacks what it would hold. Instead of one warning per task (HZ306), the report says it once, at the first header; the field is `null` on every task.',
  },
  {
    code: 'HZ307',
    severity: 'warning',
    title: 'indicator-without-figures',
    en: 'indicator "{name}" has no target, current value or rate',
    zh: '量化指标“{name}”缺少目标值、当前值和完成率',
    doc: 'An indicator name stands alone: its figures were never written, or were lost in extraction. Its item rate cannot count it.',
  },
  {
    code: 'HZ308',
    severity: 'warning',
    title: 'rate-without-figures',
    en: 'indicator "{name}" has a rate ({rate}) but no target and no current value: the rate cannot be verified',
    zh: '量化指标“{name}”有完成率（{rate}），但缺少目标值和当前值：完成率无法核实',
    doc: 'An indicator carries a written rate but neither of the figures it is made from. One finding, in place of HZ302 and HZ303 (as HZ307 stands for a name with nothing at all).',
  },
  {
    code: 'HZ309',
    severity: 'warning',
    title: 'task-without-account',
    en: 'task has no 主要亮点 (highlights) and no 存在问题与下步计划 (problems and next steps) text anywhere: expected an account of the work, found none',
    zh: '重点工作在任何行中都没有“主要亮点”和“存在问题与下步计划”文字：应有工作说明，实际为空',
    doc: 'A key work carries neither highlights nor problems and next steps in any of its rows (continuation rows after a page break included): the report gives no account of it beyond its figures. A task with one of the two is not reported, and a report in which no task has either (a layout without those columns) gives none.',
  },

  // HZ4xx: across tasks
  {
    code: 'HZ401',
    severity: 'warning',
    title: 'restated-task-disagrees',
    en: 'restated at {otherSection}.{otherNo} (line {otherLine}) with a different {field}: {actual} here, {expected} there',
    zh: '与 {otherSection}.{otherNo}（第 {otherLine} 行）重复，但{fieldZh}不同：此处 {actual}，彼处 {expected}',
    doc: 'Section 三 restates tasks of section 二 (and one section may restate another): the same sub-item reported twice must carry the same figures. Sub-items are matched by their text (normalised, or sharing most character bigrams). A difference is reported once, at the side whose own arithmetic fails, else at the later statement; when a whole task is restated, differing task rates are reported too.',
  },
  {
    code: 'HZ402',
    severity: 'warning',
    title: 'repeated-indicator-name',
    en: 'indicator name "{name}" repeats line {otherLine} of the same item for another kind of quantity ({unit} against {otherUnit}): the name was probably copied',
    zh: '指标名称“{name}”与同一细化项目第 {otherLine} 行重复，但计量的是另一种量（{unit} 与 {otherUnit}）：名称可能为误抄',
    doc: 'Two indicators of one item carry the same name but measure different kinds of quantity (a count against a length, an amount of money, an area…): one name was most likely copied from the row above.',
  },
  {
    code: 'HZ403',
    severity: 'warning',
    title: 'unit-does-not-fit-name',
    en: 'indicator "{name}" counts {thing} but its target is written in {unit}',
    zh: '指标“{name}”计量的是{thingZh}，但目标值单位为“{unit}”',
    doc: 'The indicator counts documents (规划, 方案, 文件, 标准, 清单, 办法, 条例, 意见) but its unit counts enterprises, people, households or vehicles (家, 人, 名, 户, 辆): a unit copied from another row, or a name that does not say what is counted.',
  },
  {
    code: 'HZ404',
    severity: 'warning',
    title: 'indicator-counted-twice',
    en: 'indicator "{name}" ({target}, {current}, {rate}) appears again under another sub-item of this task (line {otherLine}): an unmet figure counted twice lowers the task rate twice',
    zh: '指标“{name}”（{target}，{current}，{rate}）在该重点工作的另一细化项目下再次出现（第 {otherLine} 行）：未完成的数字被计算两次，使重点工作完成率重复降低',
    doc: 'The same indicator (name, target and current) is listed under two sub-items of one task while not met. Either it was copied into the wrong sub-item, or the task rate counts the shortfall twice. Met duplicates (编制方案数 1个 / 1个 / 100%) are common and not reported.',
  },
] as const satisfies readonly CatalogEntry[];

export type Code = (typeof entries)[number]['code'];
export const catalog: ReadonlyMap<Code, CatalogEntry> = new Map(entries.map((e) => [e.code, e]));
export const catalogEntries: readonly CatalogEntry[] = entries;

export type Args = Record<string, string | number | null>;

/** The {placeholders} of a message template. */
type Placeholders<T extends string> = T extends `${string}{${infer K}}${infer Rest}` ? K | Placeholders<Rest> : never;
type EntryOf<C extends Code> = Extract<(typeof entries)[number], { code: C }>;
/**
 * The arguments a code's messages take: every placeholder of its en and zh templates, so that a call such as
 * diag('HZ201', { args: { … } }) is checked against the catalog. A code known only as `Code` takes any Args.
 */
export type ArgsOf<C extends Code> = Code extends C
  ? Args
  : C extends Code
    ? [PlaceholdersOf<C>] extends [never]
      ? Record<string, never>
      : { [K in PlaceholdersOf<C>]: string | number | null }
    : never;
type PlaceholdersOf<C extends Code> = Placeholders<EntryOf<C>['en'] | EntryOf<C>['zh']>;
/** `args` is required exactly when the code's messages have placeholders. */
type ArgsField<C extends Code> = Code extends C
  ? { args?: Args }
  : [PlaceholdersOf<C>] extends [never]
    ? { args?: ArgsOf<C> }
    : { args: ArgsOf<C> };
// Arguments a stage builds in English words (sides, levels, reasons, details): rendered in Chinese by
// zhArg under zh. Others (text, names, figures, units) are the report's own words and stay as written.
const WORDED_ARGS = new Set(['level', 'direction', 'detail', 'reason', 'size', 'limit', 'encoding', 'what', 'thing', 'hint']);

// "4 indicator(s)", "its 1 item rate(s)": in English, a noun marked "(s)" after a count (with at most two words
// between) agrees with it. Templates and stages write "(s)" where the count varies; Chinese has no plural.
const COUNTED = /(?<![\d.,])(\d+)((?: [A-Za-z-]+){0,2}) ([A-Za-z-]+)\(s\)/g;
const agree = (text: string) =>
  text.includes('(s)')
    ? text.replace(COUNTED, (_, n: string, mid: string, noun: string) => `${n}${mid} ${noun}${n === '1' ? '' : 's'}`)
    : text;

// A stage's English words in the arguments ("2 item(s)") agree with their counts where scripts read them (JSON
// args) too, not only in the rendered message; their Chinese forms (zhArg) read either spelling.
function agreeArgs(args: Args): Args {
  let out: Args | null = null;
  for (const k in args) {
    const v = args[k];
    if (typeof v !== 'string' || !v.includes('(s)')) continue;
    out ??= { ...args };
    out[k] = agree(v);
  }
  return out ?? args;
}

export function render(code: Code, args: Args, lang: Lang = 'en'): string {
  // The template split once at its {placeholders}: text at even places, argument names at odd ones.
  const split = lang === 'en' ? EN_PARTS : ZH_PARTS;
  let parts = split.get(code);
  if (parts === undefined) split.set(code, (parts = catalog.get(code)![lang].split(/\{(\w+)\}/)));
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i]!;
    const v = Object.hasOwn(args, k) ? args[k] : undefined;
    if (v !== undefined && v !== null)
      text += lang === 'zh' && typeof v === 'string' && WORDED_ARGS.has(k) ? zhArg(v) : String(v);
    text += parts[i + 1]!;
  }
  return lang === 'en' ? agree(text) : text;
}

const EN_PARTS = new Map<Code, string[]>();
const ZH_PARTS = new Map<Code, string[]>();

export type DiagInput<C extends Code = Code> = DiagPlace & ArgsField<C>;

interface DiagPlace {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  path?: string;
  expected?: string | null;
  actual?: string | null;
  lang?: Lang;
}

export function diag<C extends Code>(code: C, at: DiagInput<C>): Diagnostic {
  const entry = catalog.get(code)!;
  const args: Args = agreeArgs(at.args ?? {});
  const d: Diagnostic = {
    code,
    severity: entry.severity,
    message: render(code, args, at.lang ?? 'en'),
    line: at.line,
    column: at.column ?? 0,
    path: at.path ?? '',
  };
  if (at.endLine !== undefined) d.endLine = at.endLine;
  if (at.endColumn !== undefined) d.endColumn = at.endColumn;
  if (at.expected !== undefined) d.expected = at.expected;
  if (at.actual !== undefined) d.actual = at.actual;
  if (Object.keys(args).length) d.args = args;
  return d;
}

/** Re-render every message in another language (args are kept on each diagnostic). */
export function localize(diags: Diagnostic[], lang: Lang): Diagnostic[] {
  return diags.map((d) => ({ ...d, message: render(d.code as Code, d.args ?? {}, lang) }));
}

/** A code and its arguments, for each code: the arguments required exactly when its messages have placeholders. */
export type InputErrorArgs = {
  [C in Code]: [PlaceholdersOf<C>] extends [never] ? [code: C, args?: ArgsOf<C>] : [code: C, args: ArgsOf<C>];
}[Code];

/** A fatal problem with the input: the CLI prints one line naming the file and exits 2. */
export class InputError extends Error {
  readonly code: Code;
  readonly args: Args;
  /** new InputError(code, args): the args its messages' placeholders name. */
  constructor(...[code, args = {}]: InputErrorArgs) {
    super(render(code, args));
    this.code = code;
    this.args = args;
    this.name = 'InputError';
  }
}
