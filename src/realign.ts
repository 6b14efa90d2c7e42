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
  assign: [number, number][]; // [cellIndex, column]
}

const COMPLETE = 0.5; // per filled indicator column, when a row fills three or four of them
const MAX_CELLS = 24; // wider rows keep positions as written (nothing fits past 12 columns anyway)
const bits = (mask: number) => (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) + ((mask >> 3) & 1);
const indicatorBit = (col: number) => (col >= 5 && col <= 8 ? 1 << (col - 5) : 0);

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
  if (n > MAX_CELLS) return asWritten(row);
  // best[k][state]: cells 0..k-1 consumed; state = next free column × 16 + mask of the
  // indicator columns (5-8) filled, so that complete indicator rows can be preferred.
  const best: (Step | undefined)[][] = Array.from({ length: n + 1 }, () => new Array<Step | undefined>((NCOL + 1) * 16).fill(undefined));
  best[0]![0] = { score: 0, assign: [] };
  const shiftCost = (k: number, col: number, prev: [number, number] | undefined): number => {
    const c = cells[k]!;
    if (!prev) return FIRST_SHIFT * Math.abs(col - c.field);
    const p = cells[prev[0]]!;
    return SHIFT_CHANGE * Math.min(4, Math.abs(col - prev[1] - (c.field - p.field)));
  };
  const relax = (k: number, state: number, step: Step) => {
    const cur = best[k]![state];
    if (!cur || step.score > cur.score) best[k]![state] = step;
  };
  for (let k = 0; k < n; k++) {
    for (let state = 0; state < (NCOL + 1) * 16; state++) {
      const st = best[k]![state];
      if (!st) continue;
      const s = state >> 4;
      const mask = state & 15;
      const last = s - 1; // last used column
      const prev = st.assign[st.assign.length - 1];
      const prevCol = prev ? prev[1] : -1;
      // skip this cell
      relax(k + 1, state, { score: st.score - SKIP, assign: st.assign });
      for (let col = last + 1; col < NCOL; col++) {
        const f = fit(cells[k]!, col);
        if (f === NO) continue;
        const score = st.score + f - shiftCost(k, col, prev) + adjacency(prevCol, col);
        relax(k + 1, ((col + 1) << 4) | mask | indicatorBit(col), { score, assign: [...st.assign, [k, col]] });
      }
      // item rate written before its description: cells k, k+1 → columns 4, 3
      if (k + 1 < n && last < 3 && cells[k]!.type === 'pct') {
        const d = cells[k + 1]!;
        const f = FIT[d.type][3]!;
        if (f !== NO) {
          const score = st.score + FIT.pct[4]! + f - SWAP - FIRST_SHIFT * Math.abs(4 - cells[k]!.field) - (prev ? SHIFT_CHANGE : 0);
          relax(k + 2, (5 << 4) | mask, { score, assign: [...st.assign, [k, 4], [k + 1, 3]] });
        }
      }
    }
  }
  let end: Step | undefined;
  let endScore = -Infinity;
  best[n]!.forEach((st, state) => {
    if (!st) return;
    const filled = bits(state & 15);
    const score = st.score + (filled >= 3 ? COMPLETE * filled : 0);
    if (score > endScore) {
      endScore = score;
      end = st;
    }
  });
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

/** Positions as written: for rows too wide to be a shifted report row. */
function asWritten(row: TypedRow): AlignedRow {
  const slots: (Cell | undefined)[] = new Array(NCOL).fill(undefined);
  const unplaced: Cell[] = [];
  for (const c of row.cells) {
    if (c.field < NCOL && FIT[c.type][c.field] !== NO) slots[c.field] = c;
    else unplaced.push(c);
  }
  return { line: row.line, width: row.width, slots, unplaced, moved: false, swapped: false };
}
