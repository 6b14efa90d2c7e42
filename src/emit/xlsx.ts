// `export --format xlsx`: one workbook with four sheets (重点工作 / 细化项目 / 量化指标 / 问题清单), frozen
// header row, autofilter, rates as numbers formatted as percentages, behind-schedule rows and the cells of
// findings highlighted, column widths fitted to Chinese text. exceljs is loaded here only, by dynamic import
// (and kept out of the CLI bundle), so no other command pays for it.
import type { Lang } from '../diagnostics.js';
import type { Diagnostic, Indicator, Item, Rate, Report, Schedule, Section, Group, Task } from '../model.js';
import { severityWord, zhCell } from '../i18n.js';
import { displayWidth } from './text.js';
import { countIndicators } from './rows.js';

export const SHEETS = ['重点工作', '细化项目', '量化指标', '问题清单'] as const;
/** The sheets' names in an English workbook. */
export const SHEET_EN = { 重点工作: 'Tasks', 细化项目: 'Items', 量化指标: 'Indicators', 问题清单: 'Findings' } as const;

type Value = string | number | boolean | null;
interface Col {
  zh: string;
  en: string;
  /** Rates: stored as a fraction (0.7308) with a percent format. */
  percent?: boolean;
}

const C = (zh: string, en: string, percent = false): Col => ({ zh, en, percent });
const CONTEXT = [C('文件', 'file'), C('部分', 'section'), C('牵头领导', 'leader'), C('序号', 'task no')];
const RATE = (zh: string, en: string) => [
  C(`${zh}填报完成率`, `${en} written rate`.trim(), true),
  C(`${zh}复算完成率`, `${en} recomputed rate`.trim(), true),
  C('复算结果', 'recomputed status'),
];
const SCHEDULE = [
  C('序时进度', 'expected', true),
  C('进度状态', 'status'),
  C('进度状态（英文）', 'status (en)'),
  C('判定依据', 'basis'),
];
const TAIL = [C('问题', 'findings'), C('行', 'line')];

const COLUMNS = {
  重点工作: [
    ...CONTEXT,
    C('任务说明', 'task'),
    C('责任单位', 'unit'),
    ...RATE('', ''),
    ...SCHEDULE,
    C('细化项目数', 'items'),
    C('指标数', 'indicators'),
    ...TAIL,
  ],
  细化项目: [
    ...CONTEXT,
    C('责任单位', 'unit'),
    C('项目序号', 'item no'),
    C('细化项目', 'item'),
    ...RATE('', ''),
    ...SCHEDULE,
    C('指标数', 'indicators'),
    ...TAIL,
  ],
  量化指标: [
    ...CONTEXT,
    C('责任单位', 'unit'),
    C('项目序号', 'item no'),
    C('指标名称', 'indicator'),
    C('目标值', 'target'),
    C('当前值', 'current'),
    ...RATE('', ''),
    C('上限型', 'ceiling'),
    ...SCHEDULE,
    ...TAIL,
  ],
  问题清单: [
    C('文件', 'file'),
    C('行', 'line'),
    C('列', 'column'),
    C('级别', 'severity'),
    C('代码', 'code'),
    C('说明', 'message'),
    C('应为', 'expected'),
    C('实际', 'actual'),
    C('位置', 'path'),
  ],
} satisfies Record<(typeof SHEETS)[number], Col[]>;

/** A rate as a fraction for a percent-formatted cell (68.76 → 0.6876, not 0.6876000000000001); text that is no rate stays text. */
const fraction = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number((v / 100).toPrecision(12));
function rateValues(r: Rate | null): Value[] {
  const written = r?.value !== null && r?.value !== undefined ? fraction(r.value) : (r?.text ?? null);
  return [written, fraction(r?.computed?.value), r?.computed?.status ?? null];
}
const scheduleValues = (s: Schedule | undefined): Value[] => [
  fraction(s?.expected),
  s?.status ?? null,
  s?.statusEn ?? null,
  s?.basis ?? null,
];

/** Codes of the findings on a node (its own pointer, or a field of it such as /rate), by pointer. */
function findingsByNode(ds: readonly Diagnostic[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const NODE = /^\/sections\/\d+\/groups\/\d+\/tasks\/\d+(?:\/items\/\d+(?:\/indicators\/\d+)?)?/;
  for (const d of ds) {
    const m = NODE.exec(d.path);
    if (!m) continue;
    const list = out.get(m[0]) ?? [];
    if (!list.includes(d.code)) list.push(d.code);
    out.set(m[0], list);
  }
  return out;
}

interface Rows {
  rows: Value[][];
  behind: boolean[];
  flagged: boolean[];
}

function collect(reports: readonly Report[]): Record<(typeof SHEETS)[number], Rows> {
  const sheets = Object.fromEntries(SHEETS.map((s) => [s, { rows: [], behind: [], flagged: [] } as Rows])) as Record<
    (typeof SHEETS)[number],
    Rows
  >;
  const push = (sheet: (typeof SHEETS)[number], row: Value[], behind: boolean, codes: string[] | undefined) => {
    sheets[sheet].rows.push([...row, codes?.join(' ') ?? null]);
    sheets[sheet].behind.push(behind);
    sheets[sheet].flagged.push(!!codes?.length);
  };
  for (const r of reports) {
    const file = r.source.file;
    const codes = findingsByNode(r.diagnostics);
    r.sections.forEach((s: Section, i) =>
      s.groups.forEach((g: Group, j) =>
        g.tasks.forEach((t: Task, k) => {
          const at = `/sections/${i}/groups/${j}/tasks/${k}`;
          const ctx: Value[] = [file, s.ordinal, g.leader, t.no];
          const indicators = countIndicators(t.items);
          push(
            '重点工作',
            [...ctx, t.description, t.owner, ...rateValues(t.rate), ...scheduleValues(t.schedule), t.items.length, indicators],
            t.schedule?.status === '欠进度',
            codes.get(at),
          );
          sheets.重点工作.rows.at(-1)!.push(t.lines.start);
          t.items.forEach((item: Item, l) => {
            push(
              '细化项目',
              [
                ...ctx,
                t.owner,
                l + 1,
                item.description,
                ...rateValues(item.rate),
                ...scheduleValues(item.schedule),
                item.indicators.length,
              ],
              item.schedule?.status === '欠进度',
              codes.get(`${at}/items/${l}`),
            );
            sheets.细化项目.rows.at(-1)!.push(item.lines.start);
            item.indicators.forEach((ind: Indicator, m) => {
              push(
                '量化指标',
                [
                  ...ctx,
                  t.owner,
                  l + 1,
                  ind.name,
                  ind.target?.text ?? null,
                  ind.current?.text ?? null,
                  ...rateValues(ind.rate),
                  ind.ceiling,
                  ...scheduleValues(ind.schedule),
                ],
                ind.schedule?.status === '欠进度',
                codes.get(`${at}/items/${l}/indicators/${m}`),
              );
              sheets.量化指标.rows.at(-1)!.push(ind.line);
            });
          });
        }),
      ),
    );
    for (const d of r.diagnostics) {
      sheets.问题清单.rows.push([
        file,
        d.line,
        d.column,
        d.severity,
        d.code,
        d.message,
        d.expected ?? null,
        d.actual ?? null,
        d.path,
      ]);
      sheets.问题清单.behind.push(false);
      sheets.问题清单.flagged.push(d.severity !== 'info');
    }
  }
  return sheets;
}

const FILL = (argb: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb } });
const BEHIND = FILL('FFFDE2E2');
const FLAG = FILL('FFFFE0B2');
const HEADER = FILL('FFECEFF1');
const SEVERITY: Record<string, ReturnType<typeof FILL>> = { error: FILL('FFFDE2E2'), warning: FILL('FFFFF4CC') };

/** Width in Excel's units (one per narrow character): Chinese characters count two, long text is capped. */
function widthOf(values: readonly Value[]): number {
  let w = 4;
  for (const v of values) {
    const text = v === null ? '' : typeof v === 'number' && !Number.isInteger(v) ? '100.00%' : String(v);
    w = Math.max(w, displayWidth(text.length > 200 ? text.slice(0, 200) : text));
  }
  return Math.min(w, 60) + 2;
}

// Columns whose values the compiler writes in English, and their Chinese (as export's CSV writes them: i18n.ts).
const ZH_VALUES: Record<string, (v: Value) => Value> = {
  'recomputed status': (v) => zhCell('rate_status', v),
  basis: (v) => zhCell('schedule_basis', v),
  ceiling: (v) => zhCell('ceiling', v),
  severity: (v) => (typeof v === 'string' ? severityWord(v, 'zh') : v),
};

/** The workbook's bytes. */
export async function toXlsx(reports: readonly Report[], lang: Lang = 'zh'): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hzreport';
  const data = collect(reports);
  for (const name of SHEETS) {
    const cols = COLUMNS[name];
    const { rows, behind, flagged } = data[name];
    const ws = wb.addWorksheet(lang === 'zh' ? name : SHEET_EN[name], { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(cols.map((c) => (lang === 'zh' ? c.zh : c.en)));
    // The compiler's words in the values (statuses, basis, true/false, severity) in Chinese too; fills below read the codes.
    const zhValues = lang === 'zh' ? cols.map((c) => ZH_VALUES[c.en]) : [];
    for (const r of rows) ws.addRow(lang === 'zh' ? r.map((v, i) => zhValues[i]?.(v) ?? v) : r);
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).eachCell((cell) => (cell.fill = HEADER));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: cols.length } };
    cols.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = widthOf([lang === 'zh' ? c.zh : c.en, ...rows.map((r) => r[i] ?? null)]);
      if (c.percent) col.numFmt = '0.00%';
      if (col.width > 40) col.alignment = { wrapText: true, vertical: 'top' };
    });
    const findingsCol = cols.findIndex((c) => c.en === 'findings') + 1;
    rows.forEach((_, k) => {
      const row = ws.getRow(k + 2);
      if (name === '问题清单') {
        const fill = SEVERITY[String(rows[k]![3])];
        if (fill) row.eachCell((cell) => (cell.fill = fill));
        return;
      }
      if (behind[k]) row.eachCell({ includeEmpty: false }, (cell) => (cell.fill = BEHIND));
      if (flagged[k] && findingsCol > 0) row.getCell(findingsCol).fill = FLAG;
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
