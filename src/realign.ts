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
const OPEN_TAIL = 0.8; // after a page header, text in a column whose text above was cut
const ADJACENT = 0.3; // neighbouring cells in neighbouring columns: rows lose cells, rarely gain gaps
const INDICATOR_LINK = 0.3; // and more so name→target and current→rate, the core of an indicator row
const DESC_RATE = 0.5; // a description and its own rate, the two halves of one merged cell pair
const COMPLETE = 0.5; // per filled indicator column, when a row fills three or four of them
const MAX_CELLS = 24; // wider rows keep positions as written (nothing fits past 12 columns anyway)

/** The weights, for the double-precision reference programme the tests compare against. */
export const WEIGHTS = { FIT, AT_PLACE, SHIFT_CHANGE, FIRST_SHIFT, TASK_MOVE, SWAP, SKIP, OPEN_TAIL, ADJACENT, INDICATOR_LINK, DESC_RATE, COMPLETE, MAX_CELLS } as const;

// The programme counts in units of 0.05 (every weight above is a multiple of it), so that its
// scores are small integers: exact, and free of the boxed doubles that float arithmetic costs
// before the JIT has compiled the loop (most of a cold run).
const UNIT = 20;
function int(w: number): number {
  const u = Math.round(w * UNIT);
  // A weight off the grid would be rounded here, and the programme would no longer be exact.
  if (Math.abs(u - w * UNIT) > 1e-9) throw new Error(`realign: weight ${w} is not a multiple of 1/${UNIT}`);
  return u;
}
const NONE = -0x3fffffff; // no path / forbidden (a small integer, far below any score)
const TYPES: readonly CellType[] = ['int', 'pct', 'qty', 'owner', 'name', 'text', 'prose'];
const TYPE_INDEX: Record<CellType, number> = { int: 0, pct: 1, qty: 2, owner: 3, name: 4, text: 5, prose: 6 };
/** FIT in units, by type index × NCOL + column. */
const FIT_I = new Int32Array(TYPES.length * NCOL);
for (let t = 0; t < TYPES.length; t++) for (let col = 0; col < NCOL; col++) {
  const f = FIT[TYPES[t]!][col]!;
  FIT_I[t * NCOL + col] = f === NO ? NONE : int(f);
}
const I_AT_PLACE = int(AT_PLACE);
const I_SHIFT_CHANGE = int(SHIFT_CHANGE);
const I_FIRST_SHIFT = int(FIRST_SHIFT);
const I_TASK_MOVE = int(TASK_MOVE);
const I_SWAP = int(SWAP);
const I_SKIP = int(SKIP);
const I_OPEN_TAIL = int(OPEN_TAIL);
const I_COMPLETE = int(COMPLETE);
const I_PCT_ITEM_RATE = int(FIT.pct[4]!);
/** Bonus for a cell placed right after the previous one, by column (ADJACENT, plus the links into it). */
const ADJ = new Int32Array(NCOL);
for (let col = 0; col < NCOL; col++) ADJ[col] = int(ADJACENT + (col === 6 || col === 8 ? INDICATOR_LINK : 0) + (col === 2 || col === 4 ? DESC_RATE : 0));

/** The indicator-mask bit of a column (5-8), else 0. */
const INDICATOR_BIT = new Int32Array(NCOL);
for (let col = 5; col <= 8; col++) INDICATOR_BIT[col] = 1 << (col - 5);

const S = (NCOL + 1) * 16; // DP states per cell
const SWAPPED = 99;
// DP tables and per-row scratch, reused across rows (rows are small; allocation per row dominated the time).
let scoreBuf = new Int32Array(0);
let fromBuf = new Int32Array(0);
let choiceBuf = new Int8Array(0);
const fitsBuf = new Int32Array(MAX_CELLS * NCOL);
const fieldBuf = new Int32Array(MAX_CELLS);
const typeBuf = new Int32Array(MAX_CELLS);
const colOf = new Int32Array(MAX_CELLS); // backtracked column per cell (-1: unplaced)
const NEXTS = NCOL + 1; // values of the next free column
const reachBuf = new Int32Array((MAX_CELLS + 2) * NEXTS);
const allowedBuf = new Int32Array(MAX_CELLS);
const BITS = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/**
 * Fit of a cell (type index t, written in field) for a column, in units; NONE forbids.
 * startsTask, afterHeader, open: as in realign.
 */
function fitOf(t: number, field: number, col: number, isText: boolean, startsTask: boolean, afterHeader: boolean, open: readonly boolean[] | undefined): number {
  let s = FIT_I[t * NCOL + col]!;
  if (s === NONE) return NONE;
  if (col === field) s += I_AT_PLACE;
  // Rows that start no task rarely carry task cells: only a description tail after a page header.
  if (col <= 2 && !startsTask && !(afterHeader && col === 1 && (field === 1 || open?.[1]))) s -= I_TASK_MOVE;
  if (col === 0 && !startsTask) return NONE;
  if (isText && open?.[col]) s += I_OPEN_TAIL;
  return s;
}

/**
 * @param fast take rows already in place as written without running the programme
 * (test/realign.test.ts checks that this never changes the result).
 * @param afterHeader the row follows a repeated page header: only there can a task's
 * description continue on a row of its own (cut by the page break).
 * @param open after a page header, the text columns whose text above stops mid-sentence:
 * a text cell there is most likely its tail.
 */
export function realign(row: TypedRow, afterHeader = false, open?: readonly boolean[], fast = true): AlignedRow {
  const cells = row.cells;
  const n = cells.length;
  if (n > MAX_CELLS) return asWritten(row);
  // A task row: its first cell is the task number, followed by text (wherever the row slid).
  let startsTask = false;
  if (n >= 2 && cells[0]!.type === 'int') {
    const t1 = cells[1]!.type;
    startsTask = t1 !== 'pct' && t1 !== 'qty' && t1 !== 'int';
  }
  // Most rows are written in place: every cell in a column that takes its type, at no
  // penalty. The programme below would keep them so; skip it (it is most of the time).
  let inPlace = fast && !afterHeader;
  let at3 = false;
  let at5 = false;
  let at678 = false;
  for (let k = 0; k < n; k++) {
    const c = cells[k]!;
    const field = c.field;
    const t = TYPE_INDEX[c.type];
    fieldBuf[k] = field;
    typeBuf[k] = t;
    if (field === 3) at3 = true;
    else if (field === 5) at5 = true;
    else if (field >= 6 && field <= 8) at678 = true;
    if (inPlace) {
      // in place: a column that takes the type, and no penalty or bonus beyond AT_PLACE
      if (field >= NCOL) inPlace = false;
      else {
        const f = FIT_I[t * NCOL + field]!;
        inPlace = f !== NONE && fitOf(t, field, field, t >= 4 /* name, text, prose */, startsTask, afterHeader, open) === f + I_AT_PLACE;
      }
    }
  }
  const nameless = at678 && !at5 && at3; // a name may sit in the description column
  if (inPlace && !nameless) return asWritten(row);

  rowCells = cells;
  rowStartsTask = startsTask;
  rowAfterHeader = afterHeader;
  rowOpen = open;
  // score[k * S + state]: cells 0..k-1 consumed; state = next free column × 16 + mask of the
  // indicator columns (5-8) filled, so that complete indicator rows can be preferred.
  const size = (n + 1) * S;
  newDoubles(size);
  if (scoreBuf.length < size) {
    scoreBuf = new Int32Array(size * 2);
    fromBuf = new Int32Array(size * 2);
    choiceBuf = new Int8Array(size * 2);
  }
  const score = scoreBuf;
  const from = fromBuf;
  const choice = choiceBuf;
  score.fill(NONE, 0, size);
  score[0] = 0;
  const fits = fitsBuf;
  const allowed = allowedBuf; // per cell: bit col set when the cell may go to column col
  // fitOf for every cell and column, inline (the same steps, with open as bits)
  let openBits = 0;
  if (open) for (let col = 0; col < NCOL; col++) if (open[col]) openBits |= 1 << col;
  for (let k = 0; k < n; k++) {
    const t = typeBuf[k]!;
    const field = fieldBuf[k]!;
    const textBits = t >= 4 ? openBits : 0; // OPEN_TAIL applies to name, text and prose cells
    const descTail = afterHeader && (field === 1 || (openBits & 2) !== 0); // a task description cut by the page break
    let bits = 0;
    for (let col = 0; col < NCOL; col++) {
      let f = FIT_I[t * NCOL + col]!;
      if (f !== NONE) {
        if (col === field) f += I_AT_PLACE;
        if (col <= 2 && !startsTask && !(col === 1 && descTail)) f -= I_TASK_MOVE;
        if (col === 0 && !startsTask) f = NONE;
        else {
          if ((textBits >> col) & 1) f += I_OPEN_TAIL;
          bits |= 1 << col;
        }
      }
      fits[k * NCOL + col] = f;
    }
    allowed[k] = bits;
  }
  // The states reached at each step, as bits: reach[k * NEXTS + next] has bit mask set when
  // state next × 16 + mask holds a path. Visiting them in bit order is visiting states in
  // increasing order, as a scan over all states would (which ties depend on), skipping the empty.
  const reach = reachBuf;
  reach.fill(0, 0, (n + 1) * NEXTS);
  reach[0] = 1;
  for (let k = 0; k < n; k++) {
    const field = fieldBuf[k]!;
    const fieldStep = k > 0 ? field - fieldBuf[k - 1]! : 0;
    const row0 = k * S;
    const row1 = row0 + S;
    const fitRow = k * NCOL;
    const swapFit = k + 1 < n && typeBuf[k] === 1 /* pct */ ? FIT_I[typeBuf[k + 1]! * NCOL + 3]! : NONE;
    const cellCols = allowed[k]!;
    const reach0 = k * NEXTS;
    const reach1 = reach0 + NEXTS;
    for (let next = 0; next < NEXTS; next++) {
      let masks = reach[reach0 + next]!;
      const prevCol = next - 1; // last used column (-1: none yet)
      // shift penalty: the first placed cell by its shift, later ones by the change in shift
      const first = prevCol < 0 || k === 0;
      const shiftFrom = first ? field : prevCol + fieldStep;
      const shiftUnit = first ? I_FIRST_SHIFT : I_SHIFT_CHANGE;
      const shiftCap = first ? 0x3fffffff : 4; // the first shift is not capped
      while (masks !== 0) {
        const mask = 31 - Math.clz32(masks & -masks);
        masks &= masks - 1;
        const state = (next << 4) | mask;
        const base = score[row0 + state]!;
        // skip the cell
        let v = base - I_SKIP;
        let i = row1 + state;
        let kept = score[i]!;
        if (v > kept || (v === kept && laterWins(k + 1, state, k, state, -1))) {
          score[i] = v;
          from[i] = state;
          choice[i] = -1;
          doubleStamp[i] = 0; // a new path: its double score is not known yet
          reach[reach1 + next] = reach[reach1 + next]! | (1 << mask);
        }
        let cols = cellCols & (-1 << next);
        while (cols !== 0) {
          const col = 31 - Math.clz32(cols & -cols);
          cols &= cols - 1;
          let d = col - shiftFrom;
          if (d < 0) d = -d;
          if (d > shiftCap) d = shiftCap;
          v = base + fits[fitRow + col]! - shiftUnit * d;
          if (col === next) v += ADJ[col]!; // col === prevCol + 1
          const toMask = mask | INDICATOR_BIT[col]!;
          const to = ((col + 1) << 4) | toMask;
          i = row1 + to;
          kept = score[i]!;
          if (v > kept || (v === kept && laterWins(k + 1, to, k, state, col))) {
            score[i] = v;
            from[i] = state;
            choice[i] = col;
            doubleStamp[i] = 0; // a new path: its double score is not known yet
            reach[reach1 + col + 1] = reach[reach1 + col + 1]! | (1 << toMask);
          }
        }
        // item rate written before its description: cells k, k+1 → columns 4, 3
        if (swapFit !== NONE && next <= 3) {
          const d = 4 - field;
          v = base + I_PCT_ITEM_RATE + swapFit - I_SWAP - I_FIRST_SHIFT * (d < 0 ? -d : d) - (prevCol >= 0 ? I_SHIFT_CHANGE : 0);
          const to = (5 << 4) | mask;
          i = row1 + S + to;
          kept = score[i]!;
          if (v > kept || (v === kept && laterWins(k + 2, to, k, state, SWAPPED))) {
            score[i] = v;
            from[i] = state;
            choice[i] = SWAPPED;
            doubleStamp[i] = 0; // a new path: its double score is not known yet
            reach[reach1 + NEXTS + 5] = reach[reach1 + NEXTS + 5]! | (1 << mask);
          }
        }
      }
    }
  }
  let endState = 0;
  let endScore = NONE;
  const last = n * S;
  for (let next = 0; next < NEXTS; next++) {
    let masks = reach[n * NEXTS + next]!;
    while (masks !== 0) {
      const mask = 31 - Math.clz32(masks & -masks);
      masks &= masks - 1;
      const state = (next << 4) | mask;
      const v = score[last + state]!;
      const filled = BITS[mask]!;
      const total = filled >= 3 ? v + I_COMPLETE * filled : v;
      if (total > endScore || (total === endScore && endDouble(n, state) > endDouble(n, endState))) {
        endScore = total;
        endState = state;
      }
    }
  }
  for (let k = n, state = endState; k > 0; ) {
    const i = k * S + state;
    const col = choice[i]!;
    if (col === SWAPPED) {
      colOf[k - 1] = 3;
      colOf[k - 2] = 4;
      k -= 2;
    } else {
      colOf[k - 1] = col;
      k -= 1;
    }
    state = from[i]!;
  }
  const slots: (Cell | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  const unplaced: Cell[] = [];
  let moved = false;
  let swapped = false;
  for (let k = 0; k < n; k++) {
    const c = cells[k]!;
    const col = colOf[k]!;
    if (col < 0) {
      unplaced.push(c);
      continue;
    }
    slots[col] = c;
    if (c.field !== col) moved = true;
    if (col === 3 && slots[4] && slots[4].field < c.field) swapped = true;
  }
  rowCells = NO_CELLS;
  rowOpen = undefined;
  return { line: row.line, width: row.width, slots, unplaced, moved, swapped };
}

// ---- ties ---------------------------------------------------------------------------------
// Paths whose scores are equal in units were told apart, when the programme summed weights as
// doubles, by rounding noise: the kept path is the one whose double sum came out higher.
// Results must not change, so a tie is settled the same way: both paths' double sums are
// replayed, in the order the double programme added them. Ties are rare; replays are short.

const NO_CELLS: Cell[] = [];
let rowCells: readonly Cell[] = NO_CELLS;
let rowStartsTask = false;
let rowAfterHeader = false;
let rowOpen: readonly boolean[] | undefined;
const pathK = new Int32Array(MAX_CELLS + 1);
const pathState = new Int32Array(MAX_CELLS + 1);
const pathChoice = new Int32Array(MAX_CELLS + 1);

const adjacency = (prevCol: number, col: number): number =>
  col !== prevCol + 1 ? 0 : ADJACENT + (col === 6 || col === 8 ? INDICATOR_LINK : 0) + (col === 2 || col === 4 ? DESC_RATE : 0);

/** The weights as doubles, in the order the double programme added them. */
function fitDouble(c: Cell, col: number): number {
  let s = FIT[c.type][col]!;
  if (s === NO) return NO;
  if (col === c.field) s += AT_PLACE;
  if (col <= 2 && !rowStartsTask && !(rowAfterHeader && col === 1 && (c.field === 1 || rowOpen?.[1]))) s -= TASK_MOVE;
  if (col === 0 && !rowStartsTask) return NO;
  if (rowOpen?.[col] && (c.type === 'text' || c.type === 'prose' || c.type === 'name')) s += OPEN_TAIL;
  return s;
}

/** The double score after one step (skip: -1, a column, or SWAPPED) from state at step k. */
function stepDouble(base: number, k: number, state: number, ch: number): number {
  if (ch === -1) return base - SKIP;
  const c = rowCells[k]!;
  const prevCol = (state >> 4) - 1;
  if (ch === SWAPPED) {
    const f = FIT[rowCells[k + 1]!.type][3]!;
    return base + FIT.pct[4]! + f - SWAP - FIRST_SHIFT * Math.abs(4 - c.field) - (prevCol >= 0 ? SHIFT_CHANGE : 0);
  }
  const col = ch;
  const p = k > 0 ? rowCells[k - 1]! : undefined;
  const shift = prevCol < 0 || !p ? FIRST_SHIFT * Math.abs(col - c.field) : SHIFT_CHANGE * Math.min(4, Math.abs(col - prevCol - (c.field - p.field)));
  return base + fitDouble(c, col) - shift + adjacency(prevCol, col);
}

// Double scores already replayed, by table index, valid while doubleStamp[i] === doubleGeneration
// (a new row starts a new generation; a state given a new path is marked stale).
let doubleBuf = new Float64Array(0);
let doubleStamp = new Int32Array(0);
let doubleGeneration = 0;

/** A new row: no double score replayed yet. */
function newDoubles(size: number): void {
  if (doubleBuf.length < size) {
    doubleBuf = new Float64Array(size * 2);
    doubleStamp = new Int32Array(size * 2);
    doubleGeneration = 0;
  }
  doubleGeneration++;
  if (doubleGeneration > 0x3fffffff) {
    doubleStamp.fill(0);
    doubleGeneration = 1;
  }
}

/** The double score of the path kept at (k, state). */
function pathDouble(k: number, state: number): number {
  const k0 = k;
  const state0 = state;
  // back to the start, or to a state whose double score is known
  let m = 0;
  let v = 0;
  while (k > 0) {
    const i = k * S + state;
    if (doubleStamp[i] === doubleGeneration) {
      v = doubleBuf[i]!;
      break;
    }
    const ch = choiceBuf[i]!;
    const prev = fromBuf[i]!;
    const pk = ch === SWAPPED ? k - 2 : k - 1;
    pathK[m] = pk;
    pathState[m] = prev;
    pathChoice[m] = ch;
    m++;
    k = pk;
    state = prev;
  }
  for (let j = m - 1; j >= 0; j--) {
    const pk = pathK[j]!;
    const ch = pathChoice[j]!;
    v = stepDouble(v, pk, pathState[j]!, ch);
    // the state this step reaches: the one before it in the walk (or where the walk began)
    const i = j > 0 ? pathK[j - 1]! * S + pathState[j - 1]! : k0 * S + state0;
    doubleBuf[i] = v;
    doubleStamp[i] = doubleGeneration;
  }
  return v;
}

/** At a tie at (k, state): does the step ch from (pk, prev) beat the path kept there, in doubles? */
function laterWins(k: number, state: number, pk: number, prev: number, ch: number): boolean {
  const kept = pathDouble(k, state);
  return stepDouble(pathDouble(pk, prev), pk, prev, ch) > kept;
}

/** The double total of a final state, as the double programme compared them. */
function endDouble(n: number, state: number): number {
  const filled = BITS[state & 15]!;
  return pathDouble(n, state) + (filled >= 3 ? COMPLETE * filled : 0);
}
/** Positions as written: for rows too wide to be a shifted report row, and rows already in place. */
function asWritten(row: TypedRow): AlignedRow {
  const slots: (Cell | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  const unplaced: Cell[] = [];
  const cells = row.cells;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    if (c.field < NCOL && FIT_I[TYPE_INDEX[c.type] * NCOL + c.field] !== NONE) slots[c.field] = c;
    else unplaced.push(c);
  }
  return { line: row.line, width: row.width, slots, unplaced, moved: false, swapped: false };
}
