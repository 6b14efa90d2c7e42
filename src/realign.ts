// Stage 4: typed cells → the 12 canonical columns. Extraction drops or adds empty cells,
// so a row's cells slide; their order is fixed and their types say where they can go.
// A small dynamic programme picks, per row, the monotone assignment of cells to columns
// that best fits the types, keeps the row's own spacing, and prefers positions as written.
import type { Cell, CellType, TypedRow } from './classify.js';

export const COLUMNS = ['no', 'taskDesc', 'taskRate', 'itemDesc', 'itemRate', 'name', 'target', 'current', 'rate', 'owner', 'highlights', 'nextSteps'] as const;
export type Column = (typeof COLUMNS)[number];
export const NCOL = COLUMNS.length;

export interface AlignedRow {
  line: number;
  width: number;
  /** Canonical slot → cell (undefined when empty). */
  slots: (Cell | undefined)[];
  /** Cells that fit no column (reported, never dropped). */
  unplaced: Cell[];
  /** True when any cell moved from its written position. */
  moved: boolean;
  /** (itemRate, itemDesc) written in swapped order. */
  swapped: boolean;
}

const NO = -Infinity;

// How well a cell of a type fits a column. Higher is better; NO forbids.
const FIT: Record<CellType, number[]> = {
  //          no  tDesc tRate iDesc iRate name  targ  curr  rate  owner high  next
  int: /*  */ [3, NO, NO, NO, NO, NO, 1.5, 1.5, NO, NO, NO, NO],
  pct: /*  */ [NO, NO, 2, NO, 2, NO, 1.8, 1.8, 2, NO, NO, NO],
  qty: /*  */ [NO, NO, NO, NO, NO, NO, 2.5, 2.5, NO, NO, NO, NO],
  owner: /**/ [NO, 0.3, NO, 0.3, NO, 0.5, NO, NO, NO, 2.5, 0.2, 0.2],
  name: /* */ [NO, 0.6, NO, 0.8, NO, 1.5, NO, NO, NO, 0.3, 0.3, 0.3],
  text: /* */ [NO, 1.2, NO, 1.2, NO, 0.9, NO, NO, NO, NO, 0.8, 0.8],
  prose: /**/ [NO, 0.8, NO, 0.8, NO, 0.2, NO, NO, NO, NO, 1.5, 1.5],
};

const AT_PLACE = 0.4; // bonus for a cell left where it was written
const SHIFT_CHANGE = 0.4; // per column of change in shift between neighbouring cells
const FIRST_SHIFT = 0.05; // per column of shift of the first cell
const TASK_MOVE = 3; // moving a cell into the task columns on a row that starts no task
const SWAP = 0.5; // an item rate written before its description
const SKIP = 6; // a cell that fits nowhere
const ADJACENT = 0.3; // neighbouring cells in neighbouring columns: rows lose cells, rarely gain gaps
const INDICATOR_LINK = 0.3; // and more so name→target and current→rate, the core of an indicator row
const adjacency = (prevCol: number, col: number): number =>
  col !== prevCol + 1 ? 0 : ADJACENT + (col === 6 || col === 8 ? INDICATOR_LINK : 0);

interface Step {
  score: number;
  prev: number; // previous state column (-1 = start)
  prevK: number; // index of the previous step's last cell
  assign: [number, number][]; // [cellIndex, column]
}

export function realign(row: TypedRow): AlignedRow {
  const cells = row.cells;
  const n = cells.length;
  const startsTask = n >= 2 && cells[0]!.type === 'int' && cells[0]!.field <= 1 && cells[1]!.type !== 'pct' && cells[1]!.type !== 'qty' && cells[1]!.type !== 'int';
  const fit = (c: Cell, col: number): number => {
    let s = FIT[c.type][col]!;
    if (s === NO) return NO;
    if (col === c.field) s += AT_PLACE;
    // Rows that start no task rarely carry task cells: only a description tail left in place.
    if (col <= 2 && !startsTask && !(col === 1 && c.field === 1)) s -= TASK_MOVE;
    if (col === 0 && !startsTask) return NO;
    return s;
  };
  // best[k][c]: best score with cells 0..k-1 consumed and last used column c (c = -1 → index 0).
  const best: (Step | undefined)[][] = Array.from({ length: n + 1 }, () => new Array<Step | undefined>(NCOL + 1).fill(undefined));
  best[0]![0] = { score: 0, prev: -1, prevK: -1, assign: [] };
  const shiftCost = (k: number, col: number, prevCol: number): number => {
    const c = cells[k]!;
    if (prevCol < 0 || k === 0) return FIRST_SHIFT * Math.abs(col - c.field);
    const p = cells[k - 1]!;
    return SHIFT_CHANGE * Math.min(4, Math.abs(col - prevCol - (c.field - p.field)));
  };
  const relax = (k: number, c: number, step: Step) => {
    const cur = best[k]![c];
    if (!cur || step.score > cur.score) best[k]![c] = step;
  };
  for (let k = 0; k < n; k++) {
    for (let s = 0; s <= NCOL; s++) {
      const st = best[k]![s];
      if (!st) continue;
      const last = s - 1; // last used column
      // lastCol of previous cell, for the shift cost
      const prevCol = st.assign.length ? st.assign[st.assign.length - 1]![1] : -1;
      // skip this cell
      relax(k + 1, s, { score: st.score - SKIP, prev: s, prevK: k, assign: [...st.assign] });
      for (let col = last + 1; col < NCOL; col++) {
        const f = fit(cells[k]!, col);
        if (f === NO) continue;
        const score = st.score + f - shiftCost(k, col, prevCol) + adjacency(prevCol, col);
        relax(k + 1, col + 1, { score, prev: s, prevK: k, assign: [...st.assign, [k, col]] });
      }
      // item rate written before its description: cells k, k+1 → columns 4, 3
      if (k + 1 < n && last < 3 && cells[k]!.type === 'pct') {
        const d = cells[k + 1]!;
        const f = FIT[d.type][3]!;
        if (f !== NO) {
          const score = st.score + FIT.pct[4]! + f - SWAP - FIRST_SHIFT * Math.abs(4 - cells[k]!.field) - (prevCol < 0 ? 0 : SHIFT_CHANGE);
          relax(k + 2, 5, { score, prev: s, prevK: k, assign: [...st.assign, [k, 4], [k + 1, 3]] });
        }
      }
    }
  }
  let end: Step | undefined;
  for (const st of best[n]!) if (st && (!end || st.score > end.score)) end = st;
  const slots: (Cell | undefined)[] = new Array(NCOL).fill(undefined);
  const placed = new Set<number>();
  let moved = false;
  let swapped = false;
  for (const [k, col] of end!.assign) {
    slots[col] = cells[k];
    placed.add(k);
    if (cells[k]!.field !== col) moved = true;
    if (col === 3 && slots[4] && slots[4].field < cells[k]!.field) swapped = true;
  }
  const unplaced = cells.filter((_, k) => !placed.has(k));
  return { line: row.line, width: row.width, slots, unplaced, moved, swapped };
}
