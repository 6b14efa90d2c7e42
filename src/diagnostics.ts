// One catalog of stable diagnostic codes, used by every stage. Codes never change meaning;
// new findings get new codes. docs/diagnostics.md is generated from this table.
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
  { code: 'HZ001', severity: 'error', title: 'empty-input', en: 'the file is empty', zh: '文件为空', doc: 'The input has no bytes, or only white space.' },
  { code: 'HZ002', severity: 'error', title: 'not-text', en: 'the file is not text ({reason})', zh: '文件不是文本（{reason}）', doc: 'The bytes are not text in any supported encoding (binary data, NUL bytes, undecodable sequences).' },
  { code: 'HZ003', severity: 'error', title: 'no-table', en: 'no report table found ({reason})', zh: '未找到报表表格（{reason}）', doc: 'No row looks like a report table: no header row and no task, item or indicator rows.' },
  { code: 'HZ004', severity: 'error', title: 'unreadable', en: 'cannot read the file: {reason}', zh: '无法读取文件：{reason}', doc: 'The file does not exist, is a directory, or cannot be read.' },
  { code: 'HZ005', severity: 'error', title: 'too-large', en: 'the input is too large ({size}; limit {limit})', zh: '输入过大（{size}；上限 {limit}）', doc: 'The input exceeds the size the compiler accepts; split it.' },
  { code: 'HZ006', severity: 'info', title: 'encoding-decoded', en: 'decoded as {encoding}', zh: '已按 {encoding} 解码', doc: 'The file is not UTF-8; it was decoded from the named encoding. Informational for CI logs.' },

  // HZ1xx: structure (what the compiler had to repair or could not place)
  { code: 'HZ101', severity: 'warning', title: 'unplaced-cell', en: 'cell not placed in the tree: "{text}"', zh: '单元格未能归入结构：“{text}”', doc: 'A non-empty cell could not be given a place in the tree. Its text is in the message so nothing is lost.' },
  { code: 'HZ102', severity: 'info', title: 'ambiguous-grouping', en: '{level} regrouped by the report\'s arithmetic, not row order: {detail}', zh: '{level}按报表自身的算术关系重新归属（而非行序）：{detail}', doc: 'Misplaced merged-cell text: row order alone does not say which indicators belong to which item (or which items to which task). The grouping that keeps row order and reproduces the most reported rates was chosen; the message says how many rates each reading reproduces, and "close" when a single rate decided.' },
  { code: 'HZ103', severity: 'info', title: 'cut-cell-joined', en: 'text cut by a page break joined with line {otherLine}', zh: '被分页截断的文字已与第 {otherLine} 行拼接', doc: 'A cell continued after a page break (the first row after a repeated header) was joined to the cell it continues.' },
  { code: 'HZ104', severity: 'info', title: 'row-realigned', en: 'row shifted {direction} by {by}; realigned by cell types', zh: '该行单元格{direction}移 {by} 列，已按类型重新对齐', doc: 'Leading or inner empty cells were lost or added in extraction; the row was realigned to the canonical columns by the types and order of its cells.' },
  { code: 'HZ105', severity: 'info', title: 'items-split', en: '{count} items packed in one row split into separate items', zh: '同一行中打包的 {count} 个细化项目已拆分', doc: 'Parallel <p> lists in one row carried several items; they were split in order.' },
  { code: 'HZ106', severity: 'warning', title: 'no-header', en: 'no header row: columns taken in canonical order', zh: '缺少表头：按标准列顺序读取', doc: 'The table has no 序号/重点工作 header; rows were read in the canonical column order.' },
  { code: 'HZ107', severity: 'warning', title: 'short-row', en: 'row has {fields} fields; expected 12', zh: '该行有 {fields} 个字段，应为 12 个', doc: 'A row has fewer or more fields than the 12 canonical columns (a truncated row, or extra empty fields). It was realigned by cell types.' },
  { code: 'HZ108', severity: 'warning', title: 'unsafe-markup', en: 'removed {what} from a cell', zh: '已从单元格中移除{what}', doc: 'A cell held <script>, <style> or event-handler markup; it was dropped, and only the text kept.' },
  { code: 'HZ109', severity: 'warning', title: 'orphan-rows', en: 'rows before the first task cannot belong to any task', zh: '第一个重点工作之前的行无法归属', doc: 'Item or indicator rows appear before any task row in their section; they are reported, not guessed.' },
  { code: 'HZ110', severity: 'info', title: 'item-without-indicators', en: 'item has no indicators', zh: '细化项目没有量化指标', doc: 'An item has no indicator rows; its rate cannot be recomputed.' },
  { code: 'HZ111', severity: 'warning', title: 'odd-characters', en: 'normalised {what} in "{text}"', zh: '已规范化“{text}”中的{what}', doc: 'Full-width digits, thousands separators or similar were normalised before parsing the number. The text is kept as written.' },

  // HZ2xx: arithmetic
  { code: 'HZ201', severity: 'error', title: 'indicator-rate-mismatch', en: 'indicator rate {actual} does not match current / target = {current} / {target} = {expected}', zh: '指标完成率 {actual} 与 当前值/目标值 = {current} / {target} = {expected} 不符', doc: 'The indicator rate is not current / target at its written precision (rounded or truncated, or rounded to two decimals first).' },
  { code: 'HZ202', severity: 'error', title: 'item-rate-mismatch', en: 'item rate {actual} does not match the mean of its {count} capped indicator rates = {expected}{hint}', zh: '细化项目完成率 {actual} 与其 {count} 个指标完成率（封顶 100%）的平均值 {expected} 不符{hintZh}', doc: 'The item rate is not the mean of min(indicator rate, 100%) over its indicators (their written rates, or the unrounded rates from the figures). When the written figure is the uncapped mean, the message says so.' },
  { code: 'HZ203', severity: 'error', title: 'task-rate-mismatch', en: 'task rate {actual} does not match the mean of its {count} item rates = {expected}{hint}', zh: '重点工作完成率 {actual} 与其 {count} 个细化项目完成率平均值 {expected} 不符{hintZh}', doc: 'The key-work rate is not the mean of its item rates. When the written figure is instead the mean of all the task\'s indicator rates taken together, the message says so: still a mismatch, since items weigh equally whatever their number of indicators.' },
  { code: 'HZ204', severity: 'error', title: 'full-against-zero', en: '{level} rate {actual} contradicts the figures, which give {expected}', zh: '{levelZh}完成率 {actual} 与数值矛盾，数值给出 {expected}', doc: 'A full rate (100%) where the figures give zero, or a zero rate where the target is met: the grossest contradiction.' },
  { code: 'HZ205', severity: 'warning', title: 'unit-mismatch', en: 'target unit "{targetUnit}" and current unit "{currentUnit}" are not comparable', zh: '目标单位“{targetUnit}”与当前值单位“{currentUnit}”不可比', doc: 'Target and current are in incompatible units, so the rate cannot be recomputed.' },
  { code: 'HZ206', severity: 'info', title: 'not-computable', en: 'rate cannot be recomputed: {reason}', zh: '无法复算完成率：{reasonZh}', doc: 'The figures are not numeric (annotated, pending, missing); the reason says which.' },
  { code: 'HZ207', severity: 'warning', title: 'rate-above-cap', en: '{level} rate {actual} is above 100%, but {level} rates are capped: expected {expected}{hint}', zh: '{levelZh}完成率 {actual} 超过 100%，但该层级封顶：应为 {expected}{hintZh}', doc: 'Item and task rates are means of capped rates and cannot exceed 100%.' },
  { code: 'HZ208', severity: 'info', title: 'ceiling-indicator', en: 'ceiling indicator (lower is better): {detail}', zh: '上限型指标（越低越好）：{detailZh}', doc: 'The indicator is a ceiling (mortality, unemployment, per-万人口 rates, 控制在…以内): judged as met when current ≤ target, not as a ratio.' },
  { code: 'HZ209', severity: 'warning', title: 'rate-not-a-rate', en: 'rate "{text}" is not a percentage', zh: '完成率“{text}”不是百分数', doc: 'A rate cell holds something other than a percentage.' },
  { code: 'HZ210', severity: 'warning', title: 'indicator-rate-capped', en: 'indicator rate written {actual} although current / target = {current} / {target} = {expected}: capped at 100%, unlike the uncapped indicator rates elsewhere in the report', zh: '指标完成率写为 {actual}，但 当前值/目标值 = {current} / {target} = {expected}：按 100% 封顶，与报告中其他未封顶的指标完成率不一致', doc: 'An over-achieved indicator is written as 100%. Indicator rates are not capped (the report writes 199%, 171.4%…; only item and task means cap them), so the figure understates the result; the item mean is unaffected.' },

  // HZ3xx: missing fields
  { code: 'HZ301', severity: 'warning', title: 'missing-name', en: 'indicator has no name', zh: '量化指标缺少指标名称', doc: 'An indicator row has figures but no name.' },
  { code: 'HZ302', severity: 'warning', title: 'missing-target', en: 'indicator "{name}" has no target', zh: '量化指标“{name}”缺少目标值', doc: 'An indicator has no 数值及单位.' },
  { code: 'HZ303', severity: 'warning', title: 'missing-current', en: 'indicator "{name}" has no current value', zh: '量化指标“{name}”缺少当前值', doc: 'An indicator has no 当前值.' },
  { code: 'HZ304', severity: 'warning', title: 'missing-rate', en: '{level} has no rate', zh: '{levelZh}缺少完成率', doc: 'A task, item or indicator has no 完成率.' },
  { code: 'HZ305', severity: 'warning', title: 'missing-description', en: '{level} has no description', zh: '{levelZh}缺少任务说明', doc: 'A task or item has no 任务说明.' },
  { code: 'HZ306', severity: 'warning', title: 'missing-owner', en: 'task has no responsible unit', zh: '重点工作缺少责任单位', doc: 'A task has no 责任单位.' },
  { code: 'HZ307', severity: 'warning', title: 'indicator-without-figures', en: 'indicator "{name}" has no target, current value or rate', zh: '量化指标“{name}”缺少目标值、当前值和完成率', doc: 'An indicator name stands alone: its figures were never written, or were lost in extraction. Its item rate cannot count it.' },

  // HZ4xx: across tasks
  { code: 'HZ401', severity: 'warning', title: 'restated-task-disagrees', en: 'restated at {otherSection}.{otherNo} (line {otherLine}) with a different {field}: {actual} here, {expected} there', zh: '与 {otherSection}.{otherNo}（第 {otherLine} 行）重复，但{fieldZh}不同：此处 {actual}，彼处 {expected}', doc: 'Section 三 restates tasks of section 二 (and one section may restate another): the same sub-item reported twice must carry the same figures. Sub-items are matched by their text (normalised, or sharing most character bigrams). A difference is reported once, at the side whose own arithmetic fails, else at the later statement; when a whole task is restated, differing task rates are reported too.' },
  { code: 'HZ402', severity: 'warning', title: 'repeated-indicator-name', en: 'indicator name "{name}" repeats line {otherLine} of the same item for another kind of quantity ({unit} against {otherUnit}): the name was probably copied', zh: '指标名称“{name}”与同一细化项目第 {otherLine} 行重复，但计量的是另一种量（{unit} 与 {otherUnit}）：名称可能为误抄', doc: 'Two indicators of one item carry the same name but measure different kinds of quantity (a count against a length, an amount of money, an area…): one name was most likely copied from the row above.' },
  { code: 'HZ403', severity: 'warning', title: 'unit-does-not-fit-name', en: 'indicator "{name}" counts {thing} but its target is written in {unit}', zh: '指标“{name}”计量的是{thingZh}，但目标值单位为“{unit}”', doc: 'The indicator counts documents (规划, 方案, 文件, 标准, 清单, 办法, 条例, 意见) but its unit counts enterprises, people, households or vehicles (家, 人, 名, 户, 辆): a unit copied from another row, or a name that does not say what is counted.' },
  { code: 'HZ404', severity: 'warning', title: 'indicator-counted-twice', en: 'indicator "{name}" ({target}, {current}, {rate}) appears again under another sub-item of this task (line {otherLine}): an unmet figure counted twice lowers the task rate twice', zh: '指标“{name}”（{target}，{current}，{rate}）在该重点工作的另一细化项目下再次出现（第 {otherLine} 行）：未完成的数字被计算两次，使重点工作完成率重复降低', doc: 'The same indicator (name, target and current) is listed under two sub-items of one task while not met. Either it was copied into the wrong sub-item, or the task rate counts the shortfall twice. Met duplicates (编制方案数 1个 / 1个 / 100%) are common and not reported.' },
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

export function render(code: Code, args: Args, lang: Lang = 'en'): string {
  const entry = catalog.get(code)!;
  return entry[lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = args[k];
    return v === undefined || v === null ? '' : String(v);
  });
}

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
  const args: Args = at.args ?? {};
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
