// The table's layout: which role each physical column plays, read from the page block's header
// by meaning (one synonym table), so that reports with other column orders, synonym headers,
// missing or added columns compile alike.
import type { Cell } from './classify.js';

/** The roles a column can play, in canonical order (the order of a report without a header). */
export const ROLES = [
  'no',
  'taskDesc',
  'taskRate',
  'itemDesc',
  'itemRate',
  'name',
  'target',
  'current',
  'rate',
  'owner',
  'highlights',
  'nextSteps',
] as const;
export type Role = (typeof ROLES)[number];
/** A column the header names in words the table does not know: its cells are kept as `extra`. */
export const EXTRA = 'extra';
export type ColumnRole = Role | typeof EXTRA;

/** Role → slot index in an aligned row (slots are indexed by role, whatever the layout). */
export const Col = {
  no: 0,
  taskDesc: 1,
  taskRate: 2,
  itemDesc: 3,
  itemRate: 4,
  name: 5,
  target: 6,
  current: 7,
  rate: 8,
  owner: 9,
  highlights: 10,
  nextSteps: 11,
} as const satisfies Record<Role, number>;
export const NROLE = ROLES.length;
/** Role index of an extra column in Layout.roleAt. */
export const EXTRA_ROLE = NROLE;

export interface LayoutColumn {
  /** Header text of the column (both header rows joined with "/"), "" when the header leaves it blank. */
  header: string;
  role: ColumnRole;
  /** 0-based field index of the column. */
  field: number;
}

export interface Layout {
  /** First line of the header it was read from; 0 for the canonical layout (no header). */
  line: number;
  columns: LayoutColumn[];
  /** Field → role index (EXTRA_ROLE for extra columns); fields past the end are extra. */
  roleAt: Int8Array;
  /** Role index → field, -1 when the layout has no such column. */
  fieldOf: Int8Array;
  /** A key naming the roles by field, to tell whether a new header changes the layout. */
  key: string;
}

// ---- the synonym table ---------------------------------------------------------------------
// Group words name a level (a two-row header's first row); leaf words name what a column holds.
type Tag =
  'task' | 'item' | 'indicator' | 'no' | 'desc' | 'rate' | 'name' | 'target' | 'current' | 'owner' | 'highlights' | 'nextSteps';
const SYNONYMS: Record<Tag, readonly string[]> = {
  task: ['重点工作', '重点任务', '工作任务'],
  item: ['细化项目', '具体项目', '细化任务', '分解任务'],
  indicator: ['量化指标'],
  no: ['序号', '编号'],
  desc: ['任务说明', '工作内容', '具体内容'],
  rate: ['完成率', '完成进度', '完成比例', '进度'],
  name: ['指标名称', '指标'],
  target: ['数值及单位', '目标值', '年度目标', '目标'],
  current: ['当前值', '完成值', '实际完成', '累计完成'],
  owner: ['责任单位', '牵头单位', '责任部门', '主办单位'],
  highlights: ['主要亮点', '工作亮点', '工作成效'],
  nextSteps: [
    '存在问题与下步计划',
    '存在问题与下一步计划',
    '存在问题及下一步打算',
    '存在问题及下步计划',
    '下步计划',
    '下一步计划',
    '下一步打算',
    '存在问题',
  ],
};
/** Every synonym with its tag, longest first (a longer word wins where two overlap). */
const WORDS: { word: string; tag: Tag }[] = Object.entries(SYNONYMS)
  .flatMap(([tag, words]) => words.map((word) => ({ word, tag: tag as Tag })))
  .sort((a, b) => b.word.length - a.word.length);

/** Codes a header word starts with: a cell starting otherwise is no header cell (most cells; cheap). */
const HEADER_START = new Uint8Array(0x10000);
for (const { word } of WORDS) HEADER_START[word.charCodeAt(0)] = 1;

const norm = (text: string) => text.replace(/[\s　：:（）()]/g, '');

// Every page block repeats the same header, and short cells (units, names) recur: their tags, whether they
// read as header words, and a header's layout are worked out once (pure functions of the text).
const tagsOf = new Map<string, readonly Tag[]>();
const layoutOf = new Map<string, Layout>();
const headerText = new Map<string, boolean>();
const MEMO_MAX = 1024;

/** The tags a header cell's words carry, each word used once (longest match first). */
export function headerTags(text: string): readonly Tag[] {
  let tags = tagsOf.get(text);
  if (!tags) {
    if (tagsOf.size >= MEMO_MAX) tagsOf.clear();
    tagsOf.set(text, (tags = findTags(text)));
  }
  return tags;
}

function findTags(text: string): Tag[] {
  let rest = norm(text);
  const found: { at: number; tag: Tag }[] = [];
  for (const { word, tag } of WORDS) {
    for (let i = rest.indexOf(word); i >= 0; i = rest.indexOf(word)) {
      found.push({ at: i, tag });
      rest = rest.slice(0, i) + '\u0000'.repeat(word.length) + rest.slice(i + word.length);
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.tag);
}

/** True when a cell's text reads as a header cell: short, and made of the table's header words. */
export function isHeaderText(text: string): boolean {
  if (text.length > 24 || HEADER_START[text.charCodeAt(0)] !== 1) return false;
  let is = headerText.get(text);
  if (is === undefined) {
    if (headerText.size >= MEMO_MAX) headerText.clear();
    const t = norm(text);
    is = t.length > 0 && t.length <= 16 && WORDS.some(({ word }) => t.includes(word));
    headerText.set(text, is);
  }
  return is;
}

const LEVEL_OF: Partial<Record<Tag, 'task' | 'item' | 'indicator'>> = { task: 'task', item: 'item', indicator: 'indicator' };
const DIRECT: Partial<Record<Tag, Role>> = {
  no: 'no',
  name: 'name',
  target: 'target',
  current: 'current',
  owner: 'owner',
  highlights: 'highlights',
  nextSteps: 'nextSteps',
};

/**
 * The role of one column from its tags (its own cell's, after its parent's when a two-row header
 * refines a group), and the role of the column before it (a bare 完成率 or 任务说明 takes its
 * level from its neighbours in a one-row header).
 */
function roleOf(
  tags: readonly Tag[],
  level: 'task' | 'item' | 'indicator' | null,
  prev: ColumnRole | null,
  seen: Set<ColumnRole>,
): ColumnRole {
  let lv = level;
  let leaf: Tag | null = null;
  // 指标 beside another leaf word names the level (指标完成率), not the name column
  if (tags.includes('name') && tags.some((t) => t === 'rate' || t === 'desc')) {
    tags = tags.map((t) => (t === 'name' ? 'indicator' : t));
  }
  for (const t of tags) {
    const l = LEVEL_OF[t];
    if (l) lv = l;
    else leaf = t; // the last leaf word names the column (a parent's leaf is overridden by the child's)
  }
  if (leaf && DIRECT[leaf]) return DIRECT[leaf]!;
  if (leaf === 'desc' || (leaf === null && (lv === 'task' || lv === 'item'))) {
    if (lv === 'task') return 'taskDesc';
    if (lv === 'item') return 'itemDesc';
    if (lv === 'indicator') return 'name';
    return seen.has('taskDesc') ? 'itemDesc' : 'taskDesc';
  }
  if (leaf === 'rate') {
    if (lv === 'task') return 'taskRate';
    if (lv === 'item') return 'itemRate';
    if (lv === 'indicator') return 'rate';
    if (prev === 'taskDesc') return 'taskRate';
    if (prev === 'itemDesc') return 'itemRate';
    if (prev === 'name' || prev === 'target' || prev === 'current') return 'rate';
    return seen.has('taskRate') ? (seen.has('itemRate') ? 'rate' : 'itemRate') : 'taskRate';
  }
  if (leaf === null && lv === 'indicator') return 'name';
  return EXTRA;
}

/**
 * The layout a header of one or two rows describes. A second row refines the first: its cells
 * split the group named above them (重点工作 over 任务说明 | 完成率). A column whose header words are
 * unknown is kept as extra; a role named twice keeps its first column, the second is extra.
 */
export function layoutFromHeader(rows: readonly (readonly Cell[])[], line: number): Layout {
  const key = rows.map((r) => r.map((c) => `${c.field}\u0001${c.text}`).join('\u0002')).join('\u0003');
  let layout = layoutOf.get(key);
  if (!layout) {
    if (layoutOf.size >= MEMO_MAX) layoutOf.clear();
    layoutOf.set(key, (layout = readHeader(rows)));
  }
  return layout.line === line ? layout : { ...layout, line };
}

function readHeader(rows: readonly (readonly Cell[])[]): Layout {
  const top = rows[0] ?? [];
  const sub = rows.length > 1 ? rows[rows.length - 1]! : [];
  const fields = new Set<number>();
  for (const c of top) fields.add(c.field);
  for (const c of sub) fields.add(c.field);
  const order = [...fields].sort((a, b) => a - b);
  const columns: LayoutColumn[] = [];
  const seen = new Set<ColumnRole>();
  let prev: ColumnRole | null = null;
  for (const field of order) {
    // the first-row cell spanning this field: the last at or before it (a group spans its sub cells)
    let parent: Cell | undefined;
    for (const c of top) if (c.field <= field) parent = c;
    const own = sub.find((c) => c.field === field);
    const inherited = parent ? headerTags(parent.text) : [];
    const header = [...new Set([parent?.text ?? '', own?.text ?? ''].filter((x) => x !== ''))].join('/');
    let level: 'task' | 'item' | 'indicator' | null = null;
    for (const t of inherited) level = LEVEL_OF[t] ?? level;
    // the sub cell refines its group: the parent's level, the child's leaf word
    const tags = own ? [...inherited.filter((t) => LEVEL_OF[t]), ...headerTags(own.text)] : inherited;
    let role: ColumnRole = tags.length ? roleOf(tags, level, prev, seen) : EXTRA;
    if (role !== EXTRA && seen.has(role)) role = EXTRA;
    seen.add(role);
    columns.push({ header, role, field });
    prev = role;
  }
  return makeLayout(columns, 0);
}

export function makeLayout(columns: LayoutColumn[], line: number): Layout {
  const width = columns.reduce((w, c) => Math.max(w, c.field + 1), 0);
  const roleAt = new Int8Array(Math.max(width, 1)).fill(EXTRA_ROLE);
  const fieldOf = new Int8Array(NROLE).fill(-1);
  for (const c of columns) {
    if (c.role === EXTRA) continue;
    const r = Col[c.role];
    roleAt[c.field] = r;
    fieldOf[r] = c.field;
  }
  return { line, columns, roleAt, fieldOf, key: Array.from(roleAt).join(',') };
}

/** The canonical layout: the one a report without a header is read in. */
export const CANONICAL: Layout = makeLayout(
  ROLES.map((role, field) => ({ header: '', role, field })),
  0,
);

/** True when the layout has a column that identifies tasks (their number or their description). */
export function identifiesTasks(l: Layout): boolean {
  return l.fieldOf[Col.no]! >= 0 || l.fieldOf[Col.taskDesc]! >= 0;
}

/** The role of a field in a layout (fields past the header's width are extra). */
export function roleAtField(l: Layout, field: number): number {
  return field < l.roleAt.length ? l.roleAt[field]! : EXTRA_ROLE;
}

/** An aligned row's cells by role name (slots are indexed by Col). */
export function byRole<T>(slots: readonly (T | undefined)[]): Record<Role, T | undefined> {
  return {
    no: slots[0],
    taskDesc: slots[1],
    taskRate: slots[2],
    itemDesc: slots[3],
    itemRate: slots[4],
    name: slots[5],
    target: slots[6],
    current: slots[7],
    rate: slots[8],
    owner: slots[9],
    highlights: slots[10],
    nextSteps: slots[11],
  };
}
