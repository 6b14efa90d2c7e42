// Logical rows: a transcription laid out as the report's table does it (merged cells written once,
// on the top row of their span), then damaged at the level of rows: an item's text on another row
// of its span or above it, a task's numbered row above the previous task's last rows, several
// items packed into one row as parallel <p> lists. Columns come later (render.ts).
import type { Role } from './layout.js';
import type { Rng } from './rng.js';
import type { TTask, Transcription } from './transcription.js';

/** A cell's value: text, or a list (prose paragraphs; packed parallel values). */
export type Val = string | string[];

export interface LRow {
  kind: 'section' | 'group' | 'row';
  /** Section or group row text. */
  text?: string;
  v: Partial<Record<Role, Val>>;
  /** Index of the task in document order (-1: a section or group row). */
  task: number;
  /** The item whose indicator the row carries (or whose text, on a row without indicator); -1: none. */
  item: number;
  /** The task's numbered row. */
  first?: boolean;
  /** The item whose text (description and rate) the row carries. */
  textOf?: number;
  /** Several items packed into this row. */
  packed?: boolean;
  /** A row holding only the tail of a cell cut by a page break. */
  tail?: boolean;
  /** A row repeating the merged cells above it at the top of a page. */
  repeat?: boolean;
}

export interface RowDamage {
  /** Per item (not the first), that its text sits on another row of its span or above it. */
  moveItem: number;
  /** Per task, that its numbered row sits above the previous task's last rows. */
  taskUp: number;
  /** Per task of two items or more, that its last item's text sits on a row of its own below the
   * item's indicator rows (the bundled report does it twice). */
  itemBelow: number;
  /** Per run of single-indicator items, that two or three of them share one row. */
  packed: number;
  /** Per task (and a quarter of that per item), remarks text, when the layout has a remarks column. */
  remarks: number;
}

/** What the row damage did, counted. */
export interface RowStats {
  itemsMoved: number;
  ratesRepeated: number;
  itemsBelow: number;
  tasksUp: number;
  packedRows: number;
}

export const REMARKS = [
  '已完成',
  '序时推进',
  '按计划推进',
  '进度滞后',
  '年底前完成',
  '详见附件',
  '已纳入年度考核',
  '需省级部门协调',
];

const full = (x: string): boolean => x.trim() !== '';

/** The rows of one task, undamaged except for packing. */
function taskRows(task: TTask, ti: number, r: Rng, d: RowDamage, stats: RowStats): LRow[] {
  const rows: LRow[] = [];
  const items = task.items;
  for (let j = 0; j < items.length; j++) {
    const it = items[j]!;
    // Pack a run of items with one indicator each and every value written.
    const packable = (k: number): boolean => {
      const x = items[k];
      if (!x || x.indicators.length !== 1 || !full(x.description) || !full(x.rate)) return false;
      const ind = x.indicators[0]!;
      return [ind.name, ind.target, ind.current, ind.rate].every(full);
    };
    // Mixed types side by side (a count beside a percentage, a bare 0 beside a quantity) are what
    // packed rows make hard: such runs are packed three times as often.
    const mixed = (k: number): boolean => {
      const a = items[k]?.indicators[0];
      const b = items[k + 1]?.indicators[0];
      if (!a || !b) return false;
      return a.target.endsWith('%') !== b.target.endsWith('%') || a.current.trim() === '0' || b.current.trim() === '0';
    };
    let n = 1;
    if (packable(j) && packable(j + 1) && r.chance(mixed(j) ? 3 * d.packed : d.packed))
      n = packable(j + 2) && r.chance(0.3) ? 3 : 2;
    if (n > 1) {
      const group = items.slice(j, j + n);
      stats.packedRows++;
      // One remarks cell cannot say which packed item it is about: they have none.
      for (const x of group) delete x.remarks;
      const ind = group.map((x) => x.indicators[0]!);
      rows.push({
        kind: 'row',
        task: ti,
        item: j,
        textOf: j,
        packed: true,
        v: {
          itemDesc: group.map((x) => x.description),
          itemRate: group.map((x) => x.rate),
          name: ind.map((x) => x.name),
          target: ind.map((x) => x.target),
          current: ind.map((x) => x.current),
          indRate: ind.map((x) => x.rate),
        },
      });
      j += n - 1;
      continue;
    }
    const span = Math.max(1, it.indicators.length);
    for (let k = 0; k < span; k++) {
      const row: LRow = { kind: 'row', task: ti, item: j, v: {} };
      if (k === 0) {
        row.textOf = j;
        row.v.itemDesc = it.description;
        row.v.itemRate = it.rate;
        if (it.remarks) row.v.remarks = it.remarks;
      }
      const ind = it.indicators[k];
      if (ind) Object.assign(row.v, { name: ind.name, target: ind.target, current: ind.current, indRate: ind.rate });
      rows.push(row);
    }
  }
  if (!rows.length) rows.push({ kind: 'row', task: ti, item: -1, v: {} });
  const top = rows[0]!;
  top.first = true;
  Object.assign(top.v, {
    no: task.no === null ? '' : String(task.no),
    taskDesc: task.description,
    taskRate: task.rate,
    owner: task.owner,
  });
  if (task.highlights.length) top.v.highlights = [...task.highlights];
  if (task.nextSteps.length) top.v.nextSteps = [...task.nextSteps];
  if (task.remarks) top.v.remarks = task.remarks;
  stats.itemsMoved += moveItems(rows, r, d);
  if (itemBelow(rows, items.length - 1, r, d)) stats.itemsBelow++;
  return rows;
}

/** An item's text (description and rate) on a middle row of its span, or above it on a row of the
 * previous item: item texts keep their order, one per row. */
function moveItems(rows: LRow[], r: Rng, d: RowDamage): number {
  let moved = 0;
  let prev = -1; // row index of the previous item's text
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.textOf === undefined) continue;
    const j = row.textOf;
    let last = i;
    while (last + 1 < rows.length && rows[last + 1]!.item === j && rows[last + 1]!.textOf === undefined) last++;
    const movable = !row.packed && j > 0 && row.v.name !== undefined && r.chance(d.moveItem);
    const cands: number[] = [];
    if (movable)
      for (let k = prev + 1; k <= last; k++)
        if (k !== i && rows[k]!.textOf === undefined && !rows[k]!.packed && rows[k]!.v.name !== undefined) cands.push(k);
    if (!cands.length) {
      prev = i;
      continue;
    }
    const k = r.pick(cands);
    const to = rows[k]!;
    to.v.itemDesc = row.v.itemDesc;
    to.v.itemRate = row.v.itemRate;
    to.textOf = j;
    if (row.v.remarks !== undefined) {
      to.v.remarks = row.v.remarks;
      delete row.v.remarks;
    }
    delete row.v.itemDesc;
    delete row.v.itemRate;
    delete row.textOf;
    prev = k;
    moved++;
    if (k > i) i = k; // rows between i and k now carry no text; continue after the new place
  }
  return moved;
}

/** The last item's text on a row of its own after its indicator rows, when it is the last row of the
 * task and its text sat on the item's first row. */
function itemBelow(rows: LRow[], j: number, r: Rng, d: RowDamage): boolean {
  if (j < 1 || !r.chance(d.itemBelow)) return false;
  const i = rows.findIndex((x) => x.textOf === j);
  const row = rows[i];
  if (!row || row.packed || row.first || row.v.name === undefined || rows.slice(i + 1).some((x) => x.item !== j)) return false;
  const below: LRow = {
    kind: 'row',
    task: row.task,
    item: j,
    textOf: j,
    v: { itemDesc: row.v.itemDesc!, itemRate: row.v.itemRate! },
  };
  if (row.v.remarks !== undefined) below.v.remarks = row.v.remarks;
  delete row.v.itemDesc;
  delete row.v.itemRate;
  delete row.v.remarks;
  delete row.textOf;
  rows.push(below);
  return true;
}

/** A task's numbered row above the last one or two rows of the previous task of its group, where
 * those rows carry indicators only. */
function tasksUp(group: LRow[][], r: Rng, d: RowDamage): number {
  let n = 0;
  for (let t = 1; t < group.length; t++) {
    const prev = group[t - 1]!;
    const cur = group[t]!;
    if (prev.length < 2 || !r.chance(d.taskUp)) continue;
    let k = r.int(1, Math.min(2, prev.length - 1));
    while (k > 0 && prev.slice(prev.length - k).some((x) => x.textOf !== undefined || x.first || x.v.name === undefined)) k--;
    if (!k) continue;
    const moved = prev.splice(prev.length - k, k);
    cur.splice(1, 0, ...moved);
    n++;
  }
  return n;
}

/** An item's rate written again on the next row of its span (a row of the same item with an indicator). */
export function repeatRates(rows: LRow[], r: Rng, p: number): number {
  let n = 0;
  for (let i = 0; i + 1 < rows.length; i++) {
    const row = rows[i]!;
    const next = rows[i + 1]!;
    if (row.kind !== 'row' || row.textOf === undefined || row.packed || typeof row.v.itemRate !== 'string') continue;
    if (next.kind !== 'row' || next.task !== row.task || next.item !== row.textOf || next.textOf !== undefined) continue;
    if (next.v.itemRate !== undefined || next.v.name === undefined || next.packed || !r.chance(p)) continue;
    next.v.itemRate = row.v.itemRate;
    n++;
  }
  return n;
}

/** Remarks for a remarks (备注) column: on tasks, and on items after the first (an item's text row is
 * then never the task's row, which has the task's remark). */
export function addRemarks(tr: Transcription, r: Rng, p: number): void {
  for (const s of tr.sections)
    for (const g of s.groups)
      for (const t of g.tasks) {
        if (r.chance(p)) t.remarks = r.pick(REMARKS);
        t.items.forEach((it, j) => {
          if (j > 0 && r.chance(p / 4)) it.remarks = r.pick(REMARKS);
        });
      }
}

/** The whole table as logical rows: section rows, group rows, task rows. */
export function tableRows(tr: Transcription, r: Rng, d: RowDamage, stats: RowStats): LRow[] {
  const out: LRow[] = [];
  let ti = 0;
  for (const s of tr.sections) {
    if (s.title !== null) out.push({ kind: 'section', text: s.title, v: {}, task: -1, item: -1 });
    for (const g of s.groups) {
      if (g.title !== null) out.push({ kind: 'group', text: g.title, v: {}, task: -1, item: -1 });
      const group = g.tasks.map((t) => taskRows(t, ti++, r, d, stats));
      stats.tasksUp += tasksUp(group, r, d);
      for (const rows of group) out.push(...rows);
    }
  }
  return out;
}
