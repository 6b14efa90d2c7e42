// Stage 3: raw fields → typed cells. A cell's type says which canonical columns it can
// fill; realignment (stage 4) uses types and order, never fixed positions alone.
import { cellText, plainText } from './html.js';
import type { Row } from './tokenize.js';
import { halfWidth, isOtherSpace } from './quantity.js';
import { isHeaderText } from './layout.js';

export type CellType =
  | 'int' // a bare small integer: task number (or a bare count)
  | 'pct' // a percentage: a rate, or a target/current in percent
  | 'qty' // a number with a unit, or an annotated value: target/current
  | 'owner' // a unit name such as 市XX局
  | 'name' // short text: indicator name (or a short description)
  | 'text' // longer text: a description
  | 'prose' // paragraphs or long prose: highlights / next steps
  | 'mark'; // a lone dash or slash: "no figure" in a figure column, "nothing" in a text column

export interface Cell {
  line: number;
  field: number;
  column: number;
  raw: string;
  text: string;
  paragraphs: string[];
  type: CellType;
  /** Types of the paragraphs, when a cell packs several values as parallel <p> lists. */
  parts: CellType[];
  removed: string[];
}

export type RowKind = 'blank' | 'header' | 'preamble' | 'section' | 'group' | 'content';

export interface TypedRow {
  line: number;
  width: number;
  kind: RowKind;
  cells: Cell[];
}

const PCT = /^[-+]?[0-9０-９]+(?:[.．][0-9０-９]+)?\s*[%％]$/;
const INT = /^[0-9０-９]{1,3}[.．、]?$/; // a task number, possibly full-width or with a trailing point
const NUMERIC_START = /^[（(]?\s*[-+]?[0-9０-９]/;
const PENDING = /^(?:[（(][^）)]{0,12}(待|核算|未认定|暂无|无)[^）)]{0,12}[）)]|无|暂无|待定|待核算)$/;
// A lone dash or slash stands for "no figure" (quantity.ts PLACEHOLDER: HZ212 for a value) or for nothing to
// say: typed as a mark that fits every figure column and, weakly, the text columns, so it stays where written.
const DASH_OR_SLASH = /^(?:[-—–－]{1,2}|[/／])$/;
/** The words a unit's name ends with (市发改委, 市钱江新城二期建设指挥部办公室): one list for every test of a unit. */
export const UNIT_ENDINGS = '局|委|办|会|中心|集团|院|部|厅|室|所|区|县|队|处|组|单位|指挥部|公司|馆|站|社|政府';
const OWNER_END = new RegExp(`(${UNIT_ENDINGS})(\\s*[（(][^）)]{1,20}[）)])?$`);
const SENTENCE = /[。；;：:，,！？]/;
// A unit with its second name in brackets, cut by a page break inside the bracket: 办公室（市钱投集.
const OWNER_CUT = new RegExp(`(${UNIT_ENDINGS.replace('|区|县', '')})\\s*[（(][^）)]{1,20}$`);

export const SECTION_RE = /^[一二三四五六七八九十]+\s*[、.．]/;
export const GROUP_RE = /^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$/;

const LEADING_NUMBER = /^[（(]?\s*[-+]?[0-9０-９][0-9０-９,，.．]*/;
const FULL_WIDTH_THOUSANDS_G = /(\d)，(?=\d{3})/g;
const SEPARATOR_G = /[。；;，,：:]/g; // global: tested from a position (lastIndex)
const BRACKETED_G = /[（(][^）)]*[）)]/g;
const SPACE = /\s/;
const SPACES_G = /\s+/g;
const DIGIT = /[0-9０-９]/;
const CITY_SHORT = /^市.{1,12}$/;
const OWNER_START = /^(市|杭州|区|县|亚组委|.{1,8}[区县市](各|$))/;
const FULL_STOP = /[。；;]/;

/** A number followed by at most a short unit (brackets and spaces aside): 121万头, 30 万吨/天, 14条（段）. */
function looksLikeQuantity(raw: string): boolean {
  let text = halfWidth(raw);
  if (text.includes('，')) text = text.replace(FULL_WIDTH_THOUSANDS_G, '$1,');
  // a separator after the leading digits, commas and points
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 44 || c === 46)) break;
  }
  SEPARATOR_G.lastIndex = i;
  if (SEPARATOR_G.test(text)) return false;
  let rest = text.replace(LEADING_NUMBER, '');
  if (rest.includes('(') || rest.includes('（')) rest = rest.replace(BRACKETED_G, '');
  if (SPACE.test(rest)) rest = rest.replace(SPACES_G, '');
  return rest.length <= 6 && !DIGIT.test(rest);
}

// A year (2021年…) opens a text, not a quantity.
const YEAR_START = /^[（(]?\s*(?:19|20)[0-9]{2}\s*年/;

/**
 * Whether a text's first character (a UTF-16 code unit) can open what PCT, DASH_OR_SLASH, INT, NUMERIC_START or
 * PENDING match: a sign, digit, dash, slash, bracket, white space (\s), or 无暂待. Most texts open with none,
 * and skip those tests (test/classify-first.test.ts checks every code unit against the patterns' first sets).
 */
export function mayOpenFigure(c: number): boolean {
  if (c < 0x80) return c <= 0x20 || c === 0x28 || c === 0x2b || c === 0x2d || c === 0x2f || (c >= 0x30 && c <= 0x39);
  return (
    (c >= 0xff08 && c <= 0xff19) || // （ ） ＊ ＋ ， － ． ／ ０-９ (a superset)
    c === 0x2013 || // –
    c === 0x2014 || // —
    c === 0x65e0 || // 无
    c === 0x6682 || // 暂
    c === 0x5f85 || // 待
    isOtherSpace(c)
  );
}

/** The patterns mayOpenFigure stands before (for its test). */
export const FIGURE_PATTERNS: readonly RegExp[] = [PCT, DASH_OR_SLASH, INT, NUMERIC_START, PENDING];

export function typeOf(text: string, hasParagraphs: boolean): CellType {
  const len = text.length; // the reports' characters are all in the BMP: one UTF-16 unit each
  if (mayOpenFigure(text.charCodeAt(0))) {
    if (PCT.test(text)) return 'pct';
    if (DASH_OR_SLASH.test(text)) return 'mark';
    if (INT.test(text)) return 'int';
    if (NUMERIC_START.test(text) && !YEAR_START.test(text) && looksLikeQuantity(text)) return 'qty';
    if (len <= 14 && PENDING.test(text)) return 'qty';
  }
  if (hasParagraphs || len > 80) return 'prose';
  if (
    len <= 40 &&
    !SENTENCE.test(text) &&
    OWNER_START.test(text) &&
    (OWNER_END.test(text) || CITY_SHORT.test(text) || OWNER_CUT.test(text))
  )
    return 'owner';
  if (len <= 16 && !FULL_STOP.test(text)) return 'name';
  return 'text';
}

// Section and group rows stand alone near the left edge (a row may have slid right a
// little); prose tails that open with 一、 or （一） stand far right and name no report or leader.
const SECTION_WORDS = /报告|工作|任务/;
const GROUP_WORDS = /牵头|主抓|负责|分管|重点工作/;
function isHeading(c: Cell, pattern: RegExp, words: RegExp): boolean {
  if (!pattern.test(c.text)) return false;
  // A heading slid right is still a heading when its words say so: a short title, alone on its row.
  return c.field <= 1 || (words.test(c.text) && (c.field <= 3 || c.text.length <= HEADING_MAX));
}
const HEADING_MAX = 40;

/** A header row: mostly cells made of the table's header words (src/layout.ts), none a figure. */
function isHeader(cells: Cell[]): boolean {
  let hits = 0;
  let others = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (isHeaderText(c.text)) hits++;
    else if (c.type === 'int' || c.type === 'pct' || c.type === 'qty' || ++others > 2) return false;
  }
  return hits >= 3 && hits >= others * 3;
}

export function classify(rows: Iterable<Row>): TypedRow[] {
  const out: TypedRow[] = [];
  let seenTable = false;
  const add = (row: Row) => {
    const typed = classifyRow(row, seenTable);
    if (typed.kind === 'header' || typed.kind === 'content') seenTable = true;
    out.push(typed);
  };
  if (Array.isArray(rows)) for (let i = 0; i < rows.length; i++) add(rows[i] as Row);
  else for (const row of rows) add(row);
  return out;
}

/** Rows typed one at a time, so that a large report is never held as typed rows all at once. */
export function* classifyRows(rows: Iterable<Row>): Generator<TypedRow> {
  let seenTable = false;
  for (const row of rows) {
    const typed = classifyRow(row, seenTable);
    if (typed.kind === 'header' || typed.kind === 'content') seenTable = true;
    yield typed;
  }
}

// A plain cell's empty lists, shared by all of them (a large report holds hundreds of thousands of
// cells at once); frozen, so that a write to one would fail loudly rather than reach the others.
const NO_PARTS = Object.freeze([]) as unknown as CellType[];
const NOTHING_REMOVED = Object.freeze([]) as unknown as string[];

/** One row: its cells typed, and its kind (seenTable: a header or content row came before). */
function classifyRow(row: Row, seenTable: boolean): TypedRow {
  const cells: Cell[] = [];
  const fields = row.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    // a blank field has no markup, and its plain text is '' (\s is what trim() removes)
    const plain = plainText(f.raw);
    if (plain !== null) {
      // most cells: no markup, one paragraph (cellText's result, without building it)
      if (plain === '') continue;
      cells.push({
        line: row.line,
        field: f.field,
        column: f.column,
        raw: f.raw,
        text: plain,
        paragraphs: [plain],
        type: typeOf(plain, false),
        parts: NO_PARTS,
        removed: NOTHING_REMOVED,
      });
      continue;
    }
    const ct = cellText(f.raw);
    if (ct.text === '' && ct.removed.length === 0) continue;
    const multi = ct.hadMarkup && ct.paragraphs.length > 1;
    const parts = multi ? ct.paragraphs.map((p) => typeOf(p, false)) : [];
    // A packed cell (<p>80%</p> <p>100%</p>) takes the type its paragraphs share; figures of mixed
    // types (a count beside a percentage, a bare 0 beside a quantity) are target or current values.
    const uniform = parts.length > 1 && parts.every((p) => p === parts[0]) && parts[0] !== 'text' && parts[0] !== 'prose';
    const figures = !uniform && parts.length > 1 && parts.every((p) => p === 'int' || p === 'pct' || p === 'qty');
    const type = uniform ? parts[0]! : figures ? 'qty' : multi && ct.text.length <= 80 ? 'text' : typeOf(ct.text, multi);
    cells.push({
      line: row.line,
      field: f.field,
      column: f.column,
      raw: f.raw,
      text: ct.text,
      paragraphs: ct.paragraphs,
      type,
      parts,
      removed: ct.removed,
    });
  }
  let kind: RowKind;
  if (cells.length === 0) kind = 'blank';
  else if (isHeader(cells)) kind = 'header';
  else if (cells.length === 1 && isHeading(cells[0]!, SECTION_RE, SECTION_WORDS)) kind = 'section';
  else if (cells.length === 1 && isHeading(cells[0]!, GROUP_RE, GROUP_WORDS)) kind = 'group';
  else if (!seenTable && cells.length === 1 && cells[0]!.type !== 'int') kind = 'preamble';
  else kind = 'content';
  return { line: row.line, width: row.width, kind, cells };
}
