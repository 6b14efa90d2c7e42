// The assembler's row handlers: one per kind of content a table row carries (task cells, indicator
// cells, item cells, a page-break continuation, the task's owner and prose, cells of unknown columns).
// Each rule about what a row carries has its home here; the builder (assemble.ts) calls contentRow
// for every content row, after the page header, section and group rows it handles itself.
import type { Cell, TypedRow } from './classify.js';
import { realign, type AlignedRow } from './realign.js';
import { byRole, Col, NROLE, type Layout, type Role } from './layout.js';
import { bare, bigrams, echo } from './echo.js';
import { cellText } from './html.js';
import { ECHO_MIN } from './group.js';
import { halfWidth } from './quantity.js';
import { parseRate } from './rates.js';
import { diag } from './diagnostics.js';
import type { Diagnostic, Extra } from './model.js';
import {
  addExtra,
  continuesPoints,
  isOpen,
  loc,
  looksCut,
  openColumns,
  ownerComplete,
  packCount,
  startsPoint,
  POS,
  withoutFigures,
  type IndicatorRow,
  type ItemAnchor,
  type TaskBuilder,
} from './build.js';

/** What the row handlers read and change of the builder's state. */
export interface RowState {
  diagnostics: Diagnostic[];
  layout: Layout;
  task: TaskBuilder | undefined;
  /** The last item started, across tasks: a cut description may end on the next task's row. */
  lastItem: ItemAnchor | undefined;
  /** The item started before lastItem: the previous task's last item when lastItem opens a task. */
  itemBefore: ItemAnchor | undefined;
  /** The task before the current one in its group (undefined after a section or group row). */
  taskBefore: TaskBuilder | undefined;
  /** Set once a row carries report figures. */
  hasTable: boolean;
  place(n?: number): void;
  report(c: Cell, why?: string): void;
  /** A new task in the current group (created when the report has none). */
  startTask(line: number): TaskBuilder;
}

type Cells = Record<Role, Cell | undefined>;

/** One content row: realigned to the layout's columns, then each kind of cell to its handler. */
export function contentRow(b: RowState, row: TypedRow, cont: boolean): void {
  const open = cont ? openColumns(b.task, b.lastItem) : undefined;
  // A page-top text that goes on with the numbered points of one prose column continues that column.
  if (open && b.task)
    for (const c of row.cells) {
      const col = (c.type === 'text' || c.type === 'prose') && continuesPoints(b.task, c.paragraphs[0] ?? c.text);
      if (col) open[col] = true;
    }
  let a = realign(row, cont, open, true, b.layout);
  let s = byRole(a.slots);
  if (cont ? ownerTakesNoTail(b.task, s, b.layout, a.slots) : secondUnitMovedIn(b.task, s, b.layout)) {
    a = realign(row, cont, open, true, b.layout, OWNER_CLOSED);
    s = byRole(a.slots);
  }
  if (cont && ownerTailAsName(b.task, s, b.layout)) {
    s.owner = s.name;
    s.name = undefined;
  }
  if (!cont && itemTextInOwner(b.task, s, b.layout)) {
    s.itemDesc = s.owner;
    s.owner = undefined;
  }
  if (taskRateSlid(s) && !(cont && b.task?.no === taskNumber(s.no!))) {
    s.taskRate = s.itemRate;
    s.itemRate = undefined;
  }
  if (itemSlidIntoIndicator(s)) {
    s.itemDesc = s.name;
    s.itemRate = s.target;
    s.name = s.target = undefined;
  }
  if (cont && namesFigures(s)) {
    s.name = s.taskDesc;
    s.taskDesc = undefined;
  }
  for (let k = 0; k < a.unplaced.length; k++) b.report(a.unplaced[k]!, 'fits no column');
  // Only rows that carry report figures prove there is a table.
  if (s.no || s.taskRate || s.itemRate || s.target || s.current || s.rate) b.hasTable = true;
  taskCells(b, s, row, cont);
  const t = b.task;
  if (!t) return orphanRow(b, a, row);
  t.end = Math.max(t.end, row.line);
  const anchorsBefore = t.anchors.length;
  const indicators = indicatorCells(b, t, s, row, cont);
  itemCells(b, t, s, row, cont, indicators);
  for (let k = 0; k < indicators.length; k++) t.indicators.push(indicators[k]!); // not push(...): a cell can pack more than a call's arguments
  ownerAndProse(b, t, s, row, cont, indicators);
  extraCells(b, t, a, s, row, t.anchors.length > anchorsBefore ? t.anchors[anchorsBefore] : undefined, indicators);
  if (a.shift) {
    const { cell, to } = a.shift;
    b.diagnostics.push(
      diag('HZ104', {
        line: row.line,
        column: cell.column,
        args: { direction: to > cell.field ? 'right' : 'left', by: Math.abs(to - cell.field) },
      }),
    );
  }
}

const OWNER_CLOSED: boolean[] = Array.from({ length: NROLE }, (_, r) => r === Col.owner);

/**
 * After a page header, on a row that starts no task, a text that reads as a whole unit's name by itself (a
 * place: 新发展区), moved into the unit's column from another column, is no tail of the task's unit where
 * that unit is complete (it ends like a unit's name, its bracket closed): it is read in the other columns
 * it fits, most often as the tail of an indicator name cut by the break. So is any other text moved in
 * whose joining would leave the unit not ending like one (an item text slid into the first column). A fragment
 * (保局 after 市人力社, whose head ends like a unit) stays the unit's tail, as does a text in the unit's own
 * column or a repeat.
 */
function ownerTakesNoTail(t: TaskBuilder | undefined, s: Cells, layout: Layout, slots: readonly (Cell | undefined)[]): boolean {
  return (
    !!t &&
    t.owner !== null &&
    !!s.owner &&
    (s.owner.type === 'owner' || !ownerComplete(t.owner + s.owner.text)) &&
    s.owner.text !== t.owner &&
    (s.owner.field !== layout.fieldOf[Col.owner] || slidIntoOwner(t.owner, s.owner, slots)) &&
    !s.no &&
    !(s.taskDesc && s.taskRate) &&
    ownerComplete(t.owner)
  );
}

/**
 * On a row that starts no task (not after a page header), a text that reads as a unit moved into the unit's
 * column from another column, where the task has its unit already and the text is another: a second unit would
 * be reported, so the row is read with the unit's column closed (a name moved there beside a full indicator is
 * a second indicator's, ownerAndProse). In layouts that put the unit column beside the item's (序号, 重点工作,
 * 责任单位, 细化项目 …), an item text that opens like a unit (市创投、…, cut at a break) was drawn into it.
 */
function secondUnitMovedIn(t: TaskBuilder | undefined, s: Cells, layout: Layout): boolean {
  const o = s.owner;
  return (
    !!t && t.owner !== null && !!o && o.type === 'owner' && o.text !== t.owner && o.field !== layout.fieldOf[Col.owner] && !s.no
  );
}

/**
 * A fragment in the unit's own column that no unit ends with (额 after 市交通运输局), on a row that carries
 * other cells too: the row slid right, the fragment is another column's tail (an indicator name's). Alone on
 * its row it stays the unit's (ownerTailAsName).
 */
const slidIntoOwner = (owner: string, cell: Cell, slots: readonly (Cell | undefined)[]): boolean =>
  cell.type !== 'owner' && !ownerComplete(owner + cell.text) && slots.some((c) => c && c !== cell);

/**
 * After a page header, a short text read as an indicator name is the tail of the task's unit where
 * - the unit does not end like a unit's name (the break cut it) and that text completes it (市住房保障 +
 *   局), even beside figures that have no name: a cut name leaves its tail in a row of its own; or
 * - the text stands in the unit's own column with no figures beside it, where the unit's head ends like a
 *   whole name (集聚区 + 管委会, 卫生健康委 + 员会): a cut indicator name leaves its tail in the name's column;
 *   beside other cells only where the joined unit ends like one.
 */
function ownerTailAsName(t: TaskBuilder | undefined, s: Cells, layout: Layout): boolean {
  if (!t || t.owner === null || !s.name || s.owner || s.name.type !== 'name') return false;
  if (!ownerComplete(t.owner)) return ownerComplete(t.owner + s.name.text);
  const field = layout.fieldOf[Col.owner]!;
  return (
    !s.target &&
    !s.current &&
    !s.rate &&
    s.name.field === field &&
    field !== layout.fieldOf[Col.name] &&
    // beside other cells, only a tail that leaves the unit ending like one (not 额 after 市交通运输局: the row slid)
    (ownerComplete(t.owner + s.name.text) || !Object.values(s).some((c) => c && c !== s.name))
  );
}

/**
 * In a layout whose unit column comes before the item's (序号, 责任单位, …), a text that is no unit's name in the
 * unit column, written before an item rate that has no description, on a row that starts no task of a task that
 * has its unit: the item's text, slid left (to the first column, or by a cell lost before it). In the canonical
 * order the unit column comes after the indicator, and such a text there is a second indicator's name.
 */
function itemTextInOwner(t: TaskBuilder | undefined, s: Cells, layout: Layout): boolean {
  const o = s.owner;
  return (
    !!t &&
    !!o &&
    !!s.itemRate &&
    !s.itemDesc &&
    !s.no &&
    t.owner !== null &&
    o.text !== t.owner &&
    (o.type === 'name' || o.type === 'text') &&
    o.field < s.itemRate.field &&
    layout.fieldOf[Col.owner]! < layout.fieldOf[Col.itemDesc]!
  );
}

/**
 * A numbered row with its task's text but no task rate, whose only other figure is a rate in the item's column
 * (no item text, no indicator cells on the row): the task's rate, slid right into the item's column. A numbered
 * row written on a line of its own carries the task's cells only; an item's rate comes with its text. Not a
 * page top's repeat of the open task's number (short merged cells are repeated there, an item's rate too).
 */
const taskRateSlid = (s: Cells): boolean =>
  !!s.no && !!s.taskDesc && !s.taskRate && !!s.itemRate && !s.itemDesc && !s.name && !s.target && !s.current && !s.rate;

/**
 * After a page header, a short text read into the task's text column (typed as an indicator's name) on a row
 * that starts no task and carries an indicator's figures without a name: that indicator's name, slid left past
 * the item columns, not the tail of the task's text. Decided after realignment.
 */
const namesFigures = (s: Cells): boolean =>
  !!s.taskDesc &&
  s.taskDesc.type === 'name' &&
  !s.no &&
  !s.taskRate &&
  !s.name &&
  !s.itemDesc &&
  !s.itemRate &&
  !!(s.target || s.current || s.rate);

/**
 * A numbered row without its first item's text, whose indicator cells are a description's text and a percentage
 * only (no current value, no rate): the item's text and rate, slid right into the name and target columns. A
 * numbered row carries its first item's text; an indicator gives its figures beside its name.
 */
const itemSlidIntoIndicator = (s: Cells): boolean =>
  !!s.no &&
  !!s.taskDesc &&
  !s.itemDesc &&
  !s.itemRate &&
  s.name?.type === 'text' &&
  s.target?.type === 'pct' &&
  !s.current &&
  !s.rate;

const taskNumber = (c: Cell) => Number(halfWidth(c.text).replace(/[.、]$/, ''));

/**
 * Task cells (number, description, rate). A numbered row starts a task; in a layout without numbers, a
 * task description that does not continue the one above across a page break. After a page break, a row
 * that repeats the task's merged cells (its number, and its description and rate when written) continues it.
 */
function taskCells(b: RowState, s: Cells, row: TypedRow, cont: boolean): void {
  const numberless = b.layout.fieldOf[Col.no]! < 0;
  const task = b.task;
  const repeatsTask =
    cont &&
    !!task &&
    (numberless ? !!s.taskDesc : !!s.no && task.no === taskNumber(s.no)) &&
    (!s.taskDesc || repeatsText(task.descText.join(''), s.taskDesc.text)) &&
    (!s.taskRate || s.taskRate.text === task.rate?.text);
  if (repeatsTask) {
    if (s.no) task.noAt.push(loc(s.no));
    if (s.taskDesc) task.descAt.push(loc(s.taskDesc));
    if (s.taskRate) task.rate!.at.push(loc(s.taskRate));
    b.place((s.no ? 1 : 0) + (s.taskDesc ? 1 : 0) + (s.taskRate ? 1 : 0));
  } else if (s.no || (numberless && s.taskDesc && !(cont && task && !s.taskRate))) {
    const t = b.startTask(row.line);
    if (s.no) {
      t.no = taskNumber(s.no);
      t.noAt.push(loc(s.no));
      b.place();
    }
    if (s.taskDesc) {
      t.descText.push(s.taskDesc.text);
      t.descAt.push(loc(s.taskDesc));
      b.place();
    }
    if (s.taskRate) {
      t.rate = parseRate(s.taskRate.text, [loc(s.taskRate)]);
      b.place();
    }
  } else if (s.taskDesc || s.taskRate) {
    // A task without its number: keep it rather than lose it.
    const t = (cont && s.taskDesc && !s.taskRate && taskHolder(b, (x) => x.descText.join(''))) || (task ?? b.startTask(row.line));
    if (s.taskDesc && cont && t.noAt.length > 1 && t.descText.join('').endsWith(s.taskDesc.text)) {
      // The tail of the task's text repeated at a page top and cut there: the task has it already.
      t.descAt.push(loc(s.taskDesc));
      b.place();
    } else if (s.taskDesc) {
      if (cont && t.descText.length)
        b.diagnostics.push(
          diag('HZ103', {
            line: s.taskDesc.line,
            column: s.taskDesc.column,
            args: { otherLine: t.descAt[t.descAt.length - 1]?.line ?? t.start },
          }),
        );
      t.descText.push(s.taskDesc.text);
      t.descAt.push(loc(s.taskDesc));
      b.place();
    }
    if (s.taskRate) {
      if (!t.rate) {
        t.rate = parseRate(s.taskRate.text, [loc(s.taskRate)]);
        b.place();
      } else if (t.rate.text === s.taskRate.text) {
        t.rate.at.push(loc(s.taskRate));
        b.place();
      } else b.report(s.taskRate, 'second task rate');
    }
  }
}

/**
 * The task a plain tail after a page header continues in one of the task's own text columns (its
 * description, its prose): the current task, unless that task was opened above the previous task's last
 * rows (its first item is the last one started, and the previous task's last item came just before it:
 * the previous task is still open) and the previous task's text there stops mid-sentence while the
 * current one's ends its sentence (where the current task has no text there yet, the tail is its own).
 */
function taskHolder(b: RowState, text: (t: TaskBuilder) => string | undefined): TaskBuilder | undefined {
  const cur = b.task;
  const before = b.taskBefore;
  if (!cur || !before || cur.anchors[0] !== b.lastItem || !b.itemBefore || !before.anchors.includes(b.itemBefore)) return cur;
  const own = text(cur);
  return own && !isOpen(own) && isOpen(text(before)) ? before : cur;
}

/**
 * A text repeating a merged cell: the same text, or its head where the repeat was itself cut by the next
 * page break (a line of it at least).
 */
const repeatsText = (text: string, repeat: string): boolean =>
  repeat === text || (repeat.length >= 12 && repeat.length < text.length && text.startsWith(repeat));

/** Rows before any task: nothing to attach them to. */
function orphanRow(b: RowState, a: AlignedRow, row: TypedRow): void {
  const cells = a.slots.filter((c): c is Cell => !!c);
  if (cells.length) b.diagnostics.push(diag('HZ109', { line: row.line, column: cells[0]!.column }));
  for (const c of cells) b.report(c, 'before the first task');
  for (const x of a.extra) b.report(x.cell, 'before the first task');
}

/**
 * A cut cell's tail goes on with its text; it does not say it again. A name alone after a page header
 * whose words (character bigrams) are half or more in the name above is a name of its own, an indicator
 * without figures named like its neighbour (国家级…引进数 / 省级…引进数), not the tail of that name.
 */
export function restatesName(tail: string, above: string): boolean {
  return echo(bigrams(bare(tail)), bare(above)) >= 0.5;
}

/** Indicator cells (name, target, current, rate): the row's indicators, split when packed as parallel <p> lists. */
function indicatorCells(b: RowState, t: TaskBuilder, s: Cells, row: TypedRow, cont: boolean): IndicatorRow[] {
  const n = (s.name ? 1 : 0) + (s.target ? 1 : 0) + (s.current ? 1 : 0) + (s.rate ? 1 : 0);
  if (!n) return [];
  let packed = packCount(s.name, s.target, s.current, s.rate);
  const slots = packed === 1 && (s.name?.paragraphs.length ?? 0) > 1 ? emptySlots(s) : undefined;
  if (slots) packed = slots.name!.length;
  const nameOnly = s.name && !s.target && !s.current && !s.rate;
  const last = t.indicators[t.indicators.length - 1];
  if (nameOnly && cont && last && !restatesName(s.name!.text, last.name.text)) {
    // The tail of a name cut by the page break.
    last.name.text += s.name!.text;
    last.name.at.push(loc(s.name!));
    last.nameTail ??= s.name!;
    b.diagnostics.push(diag('HZ103', { line: s.name!.line, column: s.name!.column, args: { otherLine: last.line } }));
    b.place();
    return [];
  }
  const out: IndicatorRow[] = [];
  for (let p = 0; p < packed; p++) {
    const part = (c: Cell | undefined, k: IndicatorKey) =>
      c ? (slots ? slots[k]![p]! : packed > 1 ? (c.paragraphs[p] ?? '') : c.text) : '';
    // a slot left empty in a packed list is a figure not written for that indicator
    const cell = (c: Cell | undefined, k: IndicatorKey) => (c && (!slots || slots[k]![p]) ? c : null);
    out.push({
      pos: POS(row.line, p),
      line: row.line,
      name: { text: part(s.name, 'name'), at: s.name ? [loc(s.name)] : [] },
      target: cell(s.target, 'target'),
      targetText: part(s.target, 'target'),
      current: cell(s.current, 'current'),
      currentText: part(s.current, 'current'),
      rate: cell(s.rate, 'rate'),
      rateText: part(s.rate, 'rate'),
    });
  }
  b.place(n);
  return out;
}

type IndicatorKey = 'name' | 'target' | 'current' | 'rate';
const P_BLOCK = /<p\b[^>]*>([\s\S]*?)<\/p>/gi;

/**
 * A packed row's parallel <p> lists read slot by slot, empty paragraphs kept (`<p></p> <p>30个</p>`: the first
 * indicator has no target), where the lists' non-empty paragraphs differ in number but their <p> blocks agree
 * with the name's: each cell wholly made of <p> blocks, the name's all written. Else undefined (read as before).
 */
function emptySlots(s: Cells): Partial<Record<IndicatorKey, string[]>> | undefined {
  const k = s.name!.paragraphs.length;
  const out: Partial<Record<IndicatorKey, string[]>> = {};
  let gap = false;
  for (const key of ['name', 'target', 'current', 'rate'] as const) {
    const c = s[key];
    if (!c) continue;
    if (!c.raw.includes('<p')) return undefined;
    const xs: string[] = [];
    let rest = c.raw;
    for (const m of c.raw.matchAll(P_BLOCK)) {
      xs.push(cellText(m[1]!).text);
      rest = rest.replace(m[0], '');
    }
    if (xs.length !== k || rest.trim() || xs.filter(Boolean).length !== c.paragraphs.length) return undefined;
    if (xs.some((x) => !x)) gap = true;
    out[key] = xs;
  }
  return gap && out.name!.every(Boolean) ? out : undefined;
}

/**
 * The item a plain tail (no rate, no number beside it) continues: the last item started, unless its text
 * ends its sentence while the previous task's last item stops mid-sentence (a task's numbered row written
 * above the previous task's last rows, the page break among those rows): a tail goes on with a cut text.
 */
function tailHolder(b: RowState, plain: boolean): ItemAnchor | undefined {
  const last = b.lastItem;
  const before = b.itemBefore;
  const opensTask = !!last && b.task?.anchors[0] === last;
  if (plain && opensTask && before && !b.task!.anchors.includes(before) && !looksCut(last) && looksCut(before)) return before;
  return last;
}

/**
 * Continuation: after a page header, a description continues the merged cell above it when its row
 * carries nothing of its own at that level (no task number, no rate beside it); where the text above
 * stops mid-sentence, also beside a rate when the row repeats the item's rate or continues the task's text
 * too (the merged cells written on the tail's row; a numbered row: only a cut text's tail without a rate);
 * never when it repeats the text.
 * True when the description was taken as such a tail.
 */
function continuation(b: RowState, s: Cells, cont: boolean): ItemAnchor | undefined {
  const desc = s.itemDesc;
  const rate = s.itemRate;
  const packedItems = rate && rate.parts.length > 1 ? rate.parts.length : 1;
  const item = tailHolder(b, !rate && !s.no);
  if (!desc || !cont || !item || packedItems !== 1 || desc.text === item.descText.join('')) return undefined;
  // With a rate beside it, the text is a tail only where the row repeats the item's merged rate cell or
  // continues the task's own text too: a row that brings an item with a rate of its own starts that item.
  // Never where the text above is, word for word, the name of an indicator on its row: an item named by
  // its indicator was written whole, not cut (and an equal rate is weak: 100% is most rates).
  const mergedRow = !s.no && (!!s.taskDesc || rate?.text === item.rate?.text) && !namedByIndicator(b.task, item);
  const cut = looksCut(item);
  // Beside figures without a name, a text moved into the item's column from beyond it (the side away from the
  // name's column: the row slid past the item's column, its name with it) under a finished item text names their
  // indicator (itemCells). Written in the item's column, or moved from between the two, it stays a tail.
  if (!rate && !cut && !s.name && (s.target || s.current || s.rate) && slidPastItem(b.layout, desc.field)) return undefined;
  if (rate ? !(cut && mergedRow) : s.no && !cut) return undefined;
  // The tail of a description cut by the page break (possibly of the previous task's last item).
  if (rate && !s.taskDesc && !item.tailAlt) item.tailAlt = { desc, rate, words: namesOwnText(s, desc, item) };
  item.descText.push(desc.text);
  item.desc.push(desc);
  b.diagnostics.push(
    diag('HZ103', {
      line: desc.line,
      column: desc.column,
      args: { otherLine: item.desc[item.desc.length - 2]?.line ?? item.line },
    }),
  );
  b.place();
  return item;
}

/**
 * A page-top text beside a rate equal to the open item's, whose row's indicator is named after that text
 * alone (its words found there clearly more than in the text above: an indicator is named after what its item
 * promises): the row brings an item of its own, whose rate happens to equal the one above, where that rate
 * is one most items have (100%, or 0%), unless only the joined reading reproduces the task's rate (finishTask).
 * A cut item's tail beside its merged rate repeated has no indicator of its own named after the tail alone,
 * and a non-round rate written again is the merged cell's.
 */
function namesOwnText(s: Cells, desc: Cell, item: ItemAnchor): boolean {
  const v = item.rate?.value;
  if (!s.name || (v !== 100 && v !== 0)) return false; // a rate other than 100% or 0% equal by chance is rare
  const name = bigrams(bare(s.name.text));
  return echo(name, bare(desc.text)) - echo(name, bare(item.descText.join(''))) >= ECHO_MIN;
}

const slidPastItem = (layout: Layout, field: number): boolean => {
  const item = layout.fieldOf[Col.itemDesc]!;
  return (field - item) * (layout.fieldOf[Col.name]! - item) < 0;
};

/**
 * Every item has a text. An item of a rate alone, made where its row's text was joined as the tail of the
 * item above (the row continued the task's cut text too) or of the task's own text, that no text followed:
 * the text was its own.
 */
export function restoreTail(t: TaskBuilder, diagnostics: Diagnostic[]): void {
  for (const a of t.anchors) if (a.textAlt && !a.descText.length) restoreText(a, a.textAlt, diagnostics);
}

/** The joined text back to the item of a rate alone whose row brought it. */
function restoreText(a: ItemAnchor, alt: NonNullable<ItemAnchor['textAlt']>, diagnostics: Diagnostic[]): void {
  a.textAlt = undefined;
  const of = alt.of;
  const task = alt.task;
  if (of) {
    if (of.desc[of.desc.length - 1] !== alt.desc) return;
    of.desc = of.desc.slice(0, -1);
    of.descText = of.descText.slice(0, -1);
  } else if (task) {
    const last = task.descAt[task.descAt.length - 1];
    if (task.descText.length < 2 || last?.line !== alt.desc.line || last.column !== alt.desc.column) return;
    task.descAt = task.descAt.slice(0, -1);
    task.descText = task.descText.slice(0, -1);
  } else return;
  a.desc = [alt.desc];
  a.descText = [alt.desc.text];
  for (let k = diagnostics.length - 1; k >= 0; k--) {
    const d = diagnostics[k]!;
    if (d.code === 'HZ103' && d.line === alt.desc.line && d.column === alt.desc.column) {
      diagnostics.splice(k, 1);
      break;
    }
  }
}

/** The item's text is the name of an indicator on the item's own row. */
const namedByIndicator = (t: TaskBuilder | undefined, item: ItemAnchor): boolean => {
  const text = item.descText.join('').trim();
  return !!t && t.indicators.some((x) => x.line === item.line && x.name.text.trim() === text);
};

const figures = (x: IndicatorRow) => [x.name.text, x.targetText, x.currentText, x.rateText].join('\t');

/**
 * The row's indicator cells repeat, figure for figure, those on the row of the item it repeats. Indicator
 * cells are never merged, so a page's first row that repeats them with the item's text and rate brings a
 * second, identical item rather than the merged cells of the one above.
 */
function repeatsFigures(t: TaskBuilder, item: ItemAnchor, indicators: readonly IndicatorRow[]): boolean {
  if (!indicators.length) return false;
  const own = t.indicators.filter((x) => x.line === item.line);
  return (
    own.length === indicators.length &&
    own.every((x, i) => figures(x) === figures(indicators[i]!) && (x.targetText || x.currentText || x.rateText))
  );
}

/** Item cells (description, rate): a new item, or the merged cells of the one above, or a packed row's items. */
function itemCells(b: RowState, t: TaskBuilder, s: Cells, row: TypedRow, cont: boolean, indicators: IndicatorRow[]): void {
  const joined = continuation(b, s, cont);
  const desc = joined ? undefined : s.itemDesc;
  const rate = s.itemRate;
  if (!desc && !rate) return;
  const packedItems = rate && rate.parts.length > 1 ? rate.parts.length : 1;
  const pinned = !s.no && !!s.taskDesc && t.start !== row.line; // the row also continues its task's own text
  const last = t.anchors[t.anchors.length - 1];
  const sameAsLast = !!desc && !!rate && !!last?.rate && last.rate.text === rate.text && last.descText.join('') === desc.text;
  if (desc && !rate && indicators.length === 1 && !indicators[0]!.name.text) {
    // A description with no rate beside figures with no name: the text names the indicator.
    indicators[0]!.name = { text: desc.text, at: [loc(desc)] };
    b.place();
  } else if (
    !desc &&
    rate &&
    packedItems === 1 &&
    last?.rate &&
    last.rate.text === rate.text &&
    !slidWithText(b, t, s, row, cont)
  ) {
    // The merged item-rate cell repeated on a later row.
    last.rate.at.push(loc(rate));
    b.place();
  } else if (!desc && rate && packedItems === 1 && last && !last.rate && last.descText.length) {
    // Description and rate of one merged item cell landed on different rows.
    last.rate = parseRate(rate.text, [loc(rate)]);
    b.place();
  } else if (desc && !rate && last && last.rate && !last.descText.length) {
    last.desc.push(desc);
    last.descText.push(desc.text);
    b.place();
  } else if (packedItems > 1 && (!desc || desc.paragraphs.length === packedItems)) {
    b.diagnostics.push(diag('HZ105', { line: row.line, column: rate!.column, args: { count: packedItems } }));
    for (let p = 0; p < packedItems; p++) {
      t.anchors.push({
        pos: POS(row.line, p),
        line: row.line,
        desc: desc ? [desc] : [],
        descText: desc ? [desc.paragraphs[p] ?? ''] : [],
        rate: parseRate(rate!.paragraphs[p] ?? '', [loc(rate!)]),
        pinned,
        repeats: [],
      });
    }
    if (b.lastItem !== t.anchors[t.anchors.length - 1]) b.itemBefore = b.lastItem;
    b.lastItem = t.anchors[t.anchors.length - 1];
    b.place((desc ? 1 : 0) + 1);
  } else {
    // The same text and rate as the item above: at the top of a page, most likely its merged cell
    // repeated (one item), unless the row repeats its figures too; within a page, two items. Where both
    // readings reproduce the written rates alike, that default stands (regroup.ts decides, and says so).
    const item: ItemAnchor = {
      repeatOf: sameAsLast ? last : undefined,
      repeatAtPageTop: sameAsLast && cont && !repeatsFigures(t, last, indicators),
      pos: POS(row.line),
      line: row.line,
      desc: desc ? [desc] : [],
      descText: desc ? [desc.text] : [],
      rate: rate ? parseRate(rate.text, [loc(rate)]) : null,
      pinned,
      repeats: [],
    };
    if (joined && s.itemDesc && rate) item.textAlt = { desc: s.itemDesc, of: joined };
    // The row's text, written outside the task's column, went on with the task's cut text, and its rate
    // makes this item: the text may be its own (an item without a text is rare, but the report has them).
    // Beside a rate written outside the item's column the row slid, the text with it: the text is the item's now,
    // so that a tail on the next page goes on with it.
    else if (!desc && rate && cont && !s.no && s.taskDesc && t.descAt.some((l) => l.line === row.line)) {
      const slid = rate.field !== b.layout.fieldOf[Col.itemRate];
      if (slid || s.taskDesc.field !== b.layout.fieldOf[Col.taskDesc]) item.textAlt = { desc: s.taskDesc, task: t };
      if (slid && item.textAlt) restoreText(item, item.textAlt, b.diagnostics);
    }
    b.itemBefore = b.lastItem;
    b.lastItem = item;
    t.anchors.push(item);
    b.place((desc ? 1 : 0) + (rate ? 1 : 0));
  }
}

/**
 * After a page header, an item rate written outside its column beside a text read into the task's column on
 * the same row (the row slid, the item's text with it): a new item's rate, even where it equals the rate of the
 * item above (two items of a task may share a rate, and the slid text is the new item's, given back below).
 */
const slidWithText = (b: RowState, t: TaskBuilder, s: Cells, row: TypedRow, cont: boolean): boolean =>
  cont &&
  !s.no &&
  !!s.taskDesc &&
  !!s.itemRate &&
  s.itemRate.field !== b.layout.fieldOf[Col.itemRate] &&
  t.descAt.some((l) => l.line === row.line);

/** The task's owner and prose (highlights, next steps); a name in the owner column is a lost indicator's. */
function ownerAndProse(b: RowState, t: TaskBuilder, s: Cells, row: TypedRow, cont: boolean, indicators: IndicatorRow[]): void {
  let owner = s.owner;
  // A second indicator name after a full indicator, whose figures were lost in extraction.
  if (owner && owner.type === 'name' && !cont && t.owner !== null && t.owner !== owner.text && indicators.length) {
    t.indicators.push(withoutFigures(POS(row.line, 63), row.line, owner));
    owner = undefined;
    b.place();
  }
  // A text in the owner column beside figures with no name, when the task has its unit already: the
  // indicator's name, drawn one column over by its owner-like wording (市…); not after a page header where
  // the unit was cut there (its name does not end like one): the text is the unit's tail.
  if (
    owner &&
    t.owner !== null &&
    t.owner !== owner.text &&
    !(cont && !ownerComplete(t.owner)) &&
    indicators.length === 1 &&
    !indicators[0]!.name.text &&
    (indicators[0]!.targetText || indicators[0]!.currentText)
  ) {
    indicators[0]!.name = { text: owner.text, at: [loc(owner)] };
    owner = undefined;
    b.place();
  }
  if (owner) {
    if (t.owner !== null && t.owner !== owner.text && !cont) {
      b.report(owner, `second responsible unit (task has "${t.owner}")`);
    } else {
      if (t.owner === null) t.owner = owner.text;
      else if (t.owner !== owner.text) t.owner += owner.text; // the tail of a unit cut by the page break
      t.ownerAt.push(loc(owner));
      b.place();
    }
  }
  const packed = cont ? packedTails(t, s) : undefined;
  if (packed) {
    addProse(b, t, 'highlights', 'highlightsAt', packed, cont, packed.paragraphs.slice(0, 1));
    addProse(b, t, 'nextSteps', 'nextStepsAt', packed, cont, packed.paragraphs.slice(1), false);
    return;
  }
  for (let k = 0; k < PROSE.length; k++) {
    const key = PROSE[k]![0];
    const cell = s[key];
    if (!cell) continue;
    const at = PROSE[k]![1];
    const holder = cont ? (taskHolder(b, (x) => x[key][x[key].length - 1]) ?? t) : t;
    addProse(b, holder, key, at, cell, cont);
  }
}

const PROSE = [
  ['highlights', 'highlightsAt'],
  ['nextSteps', 'nextStepsAt'],
] as const;

const cutMidSentence = (text: string | undefined) => isOpen(text) && !/[：:]$/.test(text!.trim());

/**
 * After a page header, one prose cell of several paragraphs where both prose columns stop mid-sentence:
 * extraction packed the two columns' tails into one cell, a paragraph each. Its first paragraph, ending
 * its sentence, is the highlights' tail; the rest go on with the next steps. Undefined otherwise (a tail
 * that opens a numbered point is a point of its own, not a packed tail).
 */
function packedTails(t: TaskBuilder, s: Cells): Cell | undefined {
  const cell = s.highlights ? (s.nextSteps ? undefined : s.highlights) : s.nextSteps;
  if (!cell || cell.paragraphs.length < 2) return undefined;
  const [p0, p1] = cell.paragraphs as [string, string];
  if (isOpen(p0) || startsPoint(p0) || startsPoint(p1)) return undefined;
  return cutMidSentence(t.highlights[t.highlights.length - 1]) && cutMidSentence(t.nextSteps[t.nextSteps.length - 1])
    ? cell
    : undefined;
}

/** Highlights or next steps: paragraphs, the first continuing the last after a page break. */
function addProse(
  b: RowState,
  t: TaskBuilder,
  key: 'highlights' | 'nextSteps',
  at: 'highlightsAt' | 'nextStepsAt',
  cell: Cell,
  cont: boolean,
  paras = cell.paragraphs.length ? cell.paragraphs : [cell.text],
  count = true,
): void {
  const list = t[key];
  if (cont && list.length) {
    // Text cut by the page break continues the last paragraph.
    list[list.length - 1] = list[list.length - 1]! + (paras[0] ?? '');
    for (let p = 1; p < paras.length; p++) list.push(paras[p]!);
    b.diagnostics.push(
      diag('HZ103', { line: cell.line, column: cell.column, args: { otherLine: t[at][t[at].length - 1]?.line ?? t.start } }),
    );
  } else for (const p of paras) list.push(p);
  t[at].push(loc(cell));
  if (count) b.place();
}

/**
 * Cells of unknown columns: on the highest node the row starts (a merged cell spans what starts beside
 * it): the task, else the item, else the indicator; on the task for rows that start none.
 */
function extraCells(
  b: RowState,
  t: TaskBuilder,
  a: AlignedRow,
  s: Cells,
  row: TypedRow,
  item: ItemAnchor | undefined,
  indicators: IndicatorRow[],
): void {
  if (!a.extra.length) return;
  const holder: { extra?: Extra } = t.start === row.line && s.no ? t : (item ?? indicators[0] ?? t);
  for (const x of a.extra) {
    const col = b.layout.columns.find((c) => c.field === x.field);
    addExtra(holder, col?.header || `#${x.field + 1}`, x.cell);
    b.place();
  }
}
