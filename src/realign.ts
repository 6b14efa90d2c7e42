// Stage 4: typed cells → the columns of the table's layout (read from the header, or the
// canonical order). Extraction drops or adds empty cells, so a row's cells slide; their order is
// the layout's and their types say where they can go. A small dynamic programme picks, per row,
// the monotone assignment of cells to the layout's columns that best fits the types, keeps the
// row's own spacing, and prefers positions as written. Slots are indexed by role (Col), so the
// stages after this one never see the layout.
import type { Cell, CellType, TypedRow } from './classify.js';
import { CANONICAL, Col, EXTRA_ROLE, NROLE, ROLES, type Layout } from './layout.js';

export const COLUMNS = ROLES;
export type Column = (typeof COLUMNS)[number];
export const NCOL = NROLE;

export interface AlignedRow {
  line: number;
  width: number;
  /** Role (Col) → cell (undefined when empty). */
  slots: (Cell | undefined)[];
  /** Cells in columns the header names in unknown words (layout's extra columns), with the column's field. */
  extra: { field: number; cell: Cell }[];
  /** Cells that fit no column (reported, never dropped). */
  unplaced: Cell[];
  /** True when any cell moved from its written position. */
  moved: boolean;
  /** (itemRate, itemDesc) written in swapped order. */
  swapped: boolean;
  /** The first cell moved, and the field of the column it went to. */
  shift?: { cell: Cell; to: number };
}

const NO = -Infinity;

// How well a cell of a type fits a column's role. Higher is better; NO forbids. The last column is
// an extra column (unknown header): text of any kind, never a bare figure; a remark written there in place
// (a unit-like 市… name, a short note, an annotation such as 截至9月底) stays unless its row slid, so it
// weighs a little below the best column of its type (an in-place bonus then keeps it, a slide does not).
// A bare integer may stay in the item description column at a small weight: a page break can cut an item
// text right after its first figure.
const FIT: Record<CellType, number[]> = {
  //          no  tDesc tRate iDesc iRate name  targ  curr  rate  owner high  next  extra
  int: /*  */ [3, NO, NO, 0.1, NO, NO, 1.5, 1.5, NO, NO, NO, NO, NO],
  pct: /*  */ [NO, NO, 2, NO, 2, NO, 1.8, 1.8, 2, NO, NO, NO, NO],
  qty: /*  */ [NO, NO, NO, NO, NO, NO, 2.5, 2.5, NO, NO, NO, NO, 0.5],
  owner: /**/ [NO, 0.3, NO, 0.3, NO, 0.5, NO, NO, NO, 2.5, 0.2, 0.2, 2.2],
  name: /* */ [NO, 0.6, NO, 0.8, NO, 1.5, NO, NO, NO, 0.3, 0.3, 0.3, 1.2],
  text: /* */ [NO, 1.2, NO, 1.2, NO, 0.9, NO, NO, NO, NO, 0.8, 0.8, 0.6],
  prose: /**/ [NO, 0.8, NO, 0.8, NO, 0.2, NO, NO, NO, NO, 1.5, 1.5, 0.4],
  mark: /* */ [NO, NO, 2, NO, 2, NO, 1.8, 1.8, 2, NO, 0.3, 0.3, 0.6], // a lone dash or slash (classify.ts)
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
const MAX_CELLS = 24; // wider rows keep positions as written (nothing fits past the layout's columns anyway)
const MAX_WIDTH = 28; // columns a layout may have (the programme's column sets are 32-bit masks)

// The programme counts in units of 0.05 (every weight above is a multiple of it), so that its
// scores are small integers: exact, and free of the boxed doubles that float arithmetic costs
// before the JIT has compiled the loop (most of a cold run). Ties keep the path found first.
const UNIT = 20;
function int(w: number): number {
  const u = Math.round(w * UNIT);
  // A weight off the grid would be rounded here, and the programme would no longer be exact.
  if (Math.abs(u - w * UNIT) > 1e-9) throw new Error(`realign: weight ${w} is not a multiple of 1/${UNIT}`);
  return u;
}
const NONE = -0x3fffffff; // no path / forbidden (a small integer, far below any score)
const TYPES: readonly CellType[] = ['int', 'pct', 'qty', 'owner', 'name', 'text', 'prose', 'mark'];
const TYPE_INDEX: Record<CellType, number> = { int: 0, pct: 1, qty: 2, owner: 3, name: 4, text: 5, prose: 6, mark: 7 };
const NFIT = NROLE + 1; // roles and extra
/** FIT in units, by type index × NFIT + role. */
const FIT_I = new Int32Array(TYPES.length * NFIT);
for (let t = 0; t < TYPES.length; t++)
  for (let r = 0; r < NFIT; r++) {
    const f = FIT[TYPES[t]!][r]!;
    FIT_I[t * NFIT + r] = f === NO ? NONE : int(f);
  }
const I_AT_PLACE = int(AT_PLACE);
const I_WELL = int(0.5); // a cell fitting its place this well lets a row stand as written without the programme
const OWNER_TYPE = TYPE_INDEX.owner;
const I_SHIFT_CHANGE = int(SHIFT_CHANGE);
const I_FIRST_SHIFT = int(FIRST_SHIFT);
const I_TASK_MOVE = int(TASK_MOVE);
// A numbered row carries its task's description and unit: text goes to the description column rather than
// staying in the item's where the row gained a gap after the number, and a unit to the owner column rather than
// an unknown column beside it (the readings otherwise cost about the same shift).
const I_TASK_OWN = int(1);
const I_SWAP = int(SWAP);
const I_SKIP = int(SKIP);
const I_OPEN_TAIL = int(OPEN_TAIL);
const I_COMPLETE = int(COMPLETE);
const I_PCT_ITEM_RATE = int(FIT.pct[Col.itemRate]!);
const BITS = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];
const SWAPPED = 99;
/** The indicator roles, each a bit of the programme's state (complete indicator rows are preferred). */
const INDICATOR_ROLE_BIT = new Int32Array(NFIT);
INDICATOR_ROLE_BIT[Col.name] = 1;
INDICATOR_ROLE_BIT[Col.target] = 2;
INDICATOR_ROLE_BIT[Col.current] = 4;
INDICATOR_ROLE_BIT[Col.rate] = 8;
/** Links between a role and the one before it: the core of an indicator row, a description and its rate. */
const LINK: [number, number, number][] = [
  [Col.name, Col.target, INDICATOR_LINK],
  [Col.current, Col.rate, INDICATOR_LINK],
  [Col.taskDesc, Col.taskRate, DESC_RATE],
  [Col.itemDesc, Col.itemRate, DESC_RATE],
];

/** A layout's columns as the programme reads them: one table per layout, built once. */
interface Plan {
  width: number;
  /** Field → role index (EXTRA_ROLE for extra columns). */
  role: Int8Array;
  /** FIT in units by type index × width + field. */
  fit: Int32Array;
  /** Bonus for a cell placed right after the previous one, by field. */
  adj: Int32Array;
  /** Indicator bit of a field's role, else 0. */
  indBit: Int32Array;
  /** Fields of the task columns (number, description, rate), as bits. */
  taskBits: number;
  noField: number;
  taskDescField: number;
  itemDescField: number;
  nameField: number;
  /** Field of the item description when the item rate stands right after it (a swap can be undone), else -1. */
  swapField: number;
  /**
   * fit with the bonuses and penalties that depend on the row starting a task or not, by
   * starts × TYPES.length × width + type index × width + field: rows that start no task pay TASK_MOVE in
   * the task columns and cannot use the number column; rows that start one get TASK_OWN for text in the
   * description column and a unit in the owner column.
   */
  rowFit: Int32Array;
  /** Fields rowFit allows (not NONE), by starts × TYPES.length + type index. */
  rowBits: Int32Array;
  /** Fields where rowFit differs from fit, by starts × TYPES.length + type index. */
  rowChanged: Int32Array;
}

const plans = new WeakMap<Layout, Plan>();
function planOf(layout: Layout): Plan {
  let p = plans.get(layout);
  if (p) return p;
  const width = Math.min(Math.max(layout.roleAt.length, 1), MAX_WIDTH);
  const role = layout.roleAt.slice(0, width);
  const fit = new Int32Array(TYPES.length * width);
  for (let t = 0; t < TYPES.length; t++) for (let f = 0; f < width; f++) fit[t * width + f] = FIT_I[t * NFIT + role[f]!]!;
  const adj = new Int32Array(width);
  const indBit = new Int32Array(width);
  let taskBits = 0;
  for (let f = 0; f < width; f++) {
    const r = role[f]!;
    let a = ADJACENT;
    for (const [before, after, w] of LINK) if (r === after && f > 0 && role[f - 1] === before) a += w;
    adj[f] = int(a);
    indBit[f] = INDICATOR_ROLE_BIT[r]!;
    if (r === Col.no || r === Col.taskDesc || r === Col.taskRate) taskBits |= 1 << f;
  }
  const at = (r: number) => {
    const f = layout.fieldOf[r]!;
    return f >= 0 && f < width ? f : -1;
  };
  const itemDesc = at(Col.itemDesc);
  const noField = at(Col.no);
  const taskDescField = at(Col.taskDesc);
  const ownerField = layout.fieldOf[Col.owner]!;
  const T = TYPES.length;
  const rowFit = new Int32Array(2 * T * width);
  const rowBits = new Int32Array(2 * T);
  const rowChanged = new Int32Array(2 * T);
  for (let starts = 0; starts < 2; starts++)
    for (let t = 0; t < T; t++)
      for (let f = 0; f < width; f++) {
        let v = fit[t * width + f]!;
        if (v !== NONE) {
          if (((taskBits >> f) & 1) !== 0 && !starts) v -= I_TASK_MOVE;
          if (starts && ((f === taskDescField && t >= 4) || (f === ownerField && t === OWNER_TYPE))) v += I_TASK_OWN;
          if (f === noField && !starts) v = NONE;
          else rowBits[starts * T + t]! |= 1 << f;
        }
        rowFit[(starts * T + t) * width + f] = v;
        if (v !== fit[t * width + f]) rowChanged[starts * T + t]! |= 1 << f;
      }
  p = {
    width,
    role,
    fit,
    adj,
    indBit,
    taskBits,
    noField,
    taskDescField,
    itemDescField: itemDesc,
    nameField: at(Col.name),
    swapField: itemDesc >= 0 && at(Col.itemRate) === itemDesc + 1 ? itemDesc : -1,
    rowFit,
    rowBits,
    rowChanged,
  };
  plans.set(layout, p);
  return p;
}

// DP tables and per-row scratch, reused across rows (rows are small; allocation per row dominated the time).
let scoreBuf = new Int32Array(0);
let fromBuf = new Int32Array(0);
let choiceBuf = new Int8Array(0);
let fitsBuf = new Int32Array(0);
let reachBuf = new Int32Array(0);
let boundBuf = new Int32Array(0);
const indicatorCellsBuf = new Int32Array(MAX_CELLS + 1);
const fieldBuf = new Int32Array(MAX_CELLS);
const typeBuf = new Int32Array(MAX_CELLS);
const colOf = new Int32Array(MAX_CELLS); // backtracked column per cell (-1: unplaced)
const allowedBuf = new Int32Array(MAX_CELLS);

/**
 * Whether a row starts a task. Where the number column comes first and the description follows it (as in
 * the canonical layout), the number is the row's first cell, wherever the row slid, followed by text. Elsewhere: an integer in the number column, or slid up to MAX_SLIDE columns from it
 * when its neighbours fit the columns the same slide puts them in (a count among figures does not).
 */
const MAX_SLIDE = 4;
function startsTaskRow(cells: readonly Cell[], plan: Plan): boolean {
  const nf = plan.noField;
  if (nf < 0) return false;
  const n = cells.length;
  if (nf === 0 && plan.taskDescField === 1) {
    if (n < 2 || cells[0]!.type !== 'int') return false;
    const t1 = cells[1]!.type;
    return t1 !== 'pct' && t1 !== 'qty' && t1 !== 'int';
  }
  // The number written in place in a first number column, text right after it: the row may have gained a
  // gap after the number (the owner column between number and description, say), as the canonical test allows.
  if (nf === 0 && n > 1 && cells[0]!.field === 0 && cells[0]!.type === 'int' && textual(cells[1]!)) return true;
  for (let d = 0; d <= MAX_SLIDE; d++) {
    for (let side = 0; side < (d ? 2 : 1); side++) {
      const slide = side ? -d : d;
      let k = 0;
      while (k < n && cells[k]!.field - slide !== nf) k++; // fields increase: at most one cell
      if (k === n || cells[k]!.type !== 'int') continue;
      const before = k > 0 ? cells[k - 1] : undefined;
      const after = k + 1 < n ? cells[k + 1] : undefined;
      if (
        slide === 0
          ? fitsSlid(after, 0, plan)
          : (before || after) && fitsSlid(before, slide, plan) && fitsSlid(after, slide, plan)
      )
        return true;
      // The slide can begin at the number (a cell lost or gained just before it): the cell before stays
      // in its column, and a text after the number fits the column the slide puts it in.
      if (slide !== 0 && before && after && textual(after) && fitsSlid(before, 0, plan) && fitsSlid(after, slide, plan))
        return true;
    }
  }
  return false;
}

function textual(c: Cell): boolean {
  return c.type !== 'int' && c.type !== 'pct' && c.type !== 'qty';
}

/** Whether a cell (none: true) fits the column a slide of the row puts it in. */
function fitsSlid(c: Cell | undefined, slide: number, plan: Plan): boolean {
  if (!c) return true;
  const f = c.field - slide;
  return f >= 0 && f < plan.width && plan.fit[TYPE_INDEX[c.type] * plan.width + f] !== NONE;
}

/**
 * @param fast take rows already in place as written without running the programme
 * (test/realign.test.ts checks that this never changes the result).
 * @param afterHeader the row follows a repeated page header: only there can a task's
 * description continue on a row of its own (cut by the page break).
 * @param open after a page header, the text roles (by Col) whose text above stops mid-sentence:
 * a text cell there is most likely its tail.
 * @param layout the table's columns (the canonical order when the report has no header).
 * @param closed roles (by Col) no cell of the row may take: a merged cell that is complete and that the
 * row does not repeat has nothing to continue.
 */
export function realign(
  row: TypedRow,
  afterHeader = false,
  open?: readonly boolean[],
  fast = true,
  layout: Layout = CANONICAL,
  closed?: readonly boolean[],
): AlignedRow {
  return align(row, afterHeader, open, fast ? SHORTCUT : FULL, layout, closed);
}

/**
 * The programme alone, pruned or in full: test/realign-shortcut.test.ts checks that both choose the
 * same on random rows (pruning is exact by construction, see bounds).
 */
export function realignByProgramme(
  row: TypedRow,
  prune: boolean,
  afterHeader = false,
  open?: readonly boolean[],
  layout: Layout = CANONICAL,
  closed?: readonly boolean[],
): AlignedRow {
  return align(row, afterHeader, open, prune ? PRUNED : FULL, layout, closed);
}

/** How align decides: rows in place as written, else the pruned programme; the pruned programme; the programme in full. */
const SHORTCUT = 0;
const PRUNED = 1;
const FULL = 2;

function align(
  row: TypedRow,
  afterHeader: boolean,
  open: readonly boolean[] | undefined,
  mode: number,
  layout: Layout,
  closed: readonly boolean[] | undefined,
): AlignedRow {
  const plan = planOf(layout);
  const cells = row.cells;
  const n = cells.length;
  if (n > MAX_CELLS) return asWritten(row, plan);
  const W = plan.width;
  const startsTask = startsTaskRow(cells, plan);
  let openBits = 0;
  if (open) for (let f = 0; f < W; f++) if (open[plan.role[f]!]) openBits |= 1 << f;
  let closedBits = 0;
  if (closed) for (let f = 0; f < W; f++) if (closed[plan.role[f]!]) closedBits |= 1 << f;
  const T = TYPES.length;
  const rowType = startsTask ? T : 0; // rowFit's half for this row
  // Most rows are written in place: every cell in a column that takes its type, at no
  // penalty. The programme below would keep them so; skip it (it is most of the time).
  if (mode === SHORTCUT && !afterHeader && !closedBits && inPlaceAsWritten(cells, plan, rowType, openBits))
    return asWritten(row, plan);
  // fit of cell k for each field, with the row's bonuses and penalties
  const fitsSize = n * W;
  if (fitsBuf.length < fitsSize) fitsBuf = new Int32Array(fitsSize * 2);
  const fits = fitsBuf;
  const allowed = allowedBuf; // per cell: bit f set when the cell may go to field f
  const tdf = plan.taskDescField;
  const rowFit = plan.rowFit;
  for (let k = 0; k < n; k++) {
    const c = cells[k]!;
    const field = c.field;
    const t = TYPE_INDEX[c.type];
    fieldBuf[k] = field;
    typeBuf[k] = t;
    const o = k * W;
    const from = (rowType + t) * W;
    for (let f = 0; f < W; f++) fits[o + f] = rowFit[from + f]!;
    let bits = plan.rowBits[rowType + t]!;
    if (field < W && fits[o + field] !== NONE) fits[o + field] = fits[o + field]! + I_AT_PLACE;
    // a task description cut by the page break continues on a row of its own: no penalty for the move
    if (!startsTask && afterHeader && tdf >= 0 && (field === tdf || ((openBits >> tdf) & 1) !== 0) && fits[o + tdf] !== NONE)
      fits[o + tdf] = fits[o + tdf]! + I_TASK_MOVE;
    if (t >= 4) for (let f = 0; f < W; f++) if (((openBits & bits) >> f) & 1) fits[o + f] = fits[o + f]! + I_OPEN_TAIL; // name, text and prose
    if (closedBits !== 0) {
      for (let f = 0; f < W; f++) if ((closedBits >> f) & 1) fits[o + f] = NONE;
      bits &= ~closedBits;
    }
    allowed[k] = bits;
  }
  return programme(row, plan, n, mode !== FULL);
}

/**
 * Whether the row stands as written without the programme: every cell in a column that takes its type well (a
 * unit anywhere but in the owner or name column may have slid out of the owner column, an indicator name in the
 * owner column out of the name column beside it, in layouts that put the unit there: the programme decides), with
 * no penalty or bonus beyond AT_PLACE, and no name missing beside figures where the description column holds one.
 */
function inPlaceAsWritten(cells: readonly Cell[], plan: Plan, rowType: number, openBits: number): boolean {
  const W = plan.width;
  let atItemDesc = false;
  let atName = false;
  let atFigures = false;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    const field = c.field;
    if (field >= W) return false;
    const t = TYPE_INDEX[c.type];
    const fit = plan.fit[t * W + field]!;
    if (fit === NONE || fit < I_WELL) return false;
    if ((plan.rowChanged[rowType + t]! >> field) & 1 || (t >= 4 && (openBits >> field) & 1)) return false;
    const r = plan.role[field]!;
    if (field === plan.itemDescField) atItemDesc = true;
    else if (field === plan.nameField) atName = true;
    else if (r === Col.target || r === Col.current || r === Col.rate) atFigures = true;
  }
  return !(atFigures && !atName && atItemDesc); // a name may sit in the description column
}

/**
 * The dynamic programme over (cells consumed, next free field, indicator roles filled).
 * @param prune skip states that cannot reach the score of the row read as written (see bounds):
 * the result is the same as without, on every row.
 */
function programme(row: TypedRow, plan: Plan, n: number, prune: boolean): AlignedRow {
  const W = plan.width;
  const NEXTS = W + 1; // values of the next free field
  const S = NEXTS * 16; // states per step: next free field × 16 + mask of indicator roles filled
  const size = (n + 1) * S;
  if (scoreBuf.length < size) {
    scoreBuf = new Int32Array(size * 2);
    fromBuf = new Int32Array(size * 2);
    choiceBuf = new Int8Array(size * 2);
  }
  if (reachBuf.length < (n + 2) * NEXTS) reachBuf = new Int32Array((n + 2) * NEXTS * 2);
  const score = scoreBuf;
  const from = fromBuf;
  const choice = choiceBuf;
  const fits = fitsBuf;
  const allowed = allowedBuf;
  score.fill(NONE, 0, size);
  score[0] = 0;
  // Pruning: a state is kept only when its score plus an upper bound on what the cells left can add
  // reaches the score of one complete path (the row as written). Every path that ends at the best score
  // keeps all its states, with the same scores and the same first-found predecessors (the bound never
  // falls along a transition), so the programme picks the same path as without pruning.
  const floor = prune ? bounds(plan, n) : noBounds(W, n);
  const bound = boundBuf;
  const indicatorCells = indicatorCellsBuf;
  // The states reached at each step, as bits: reach[k * NEXTS + next] has bit mask set when
  // state next × 16 + mask holds a path. Visiting them in bit order is visiting states in
  // increasing order, skipping the empty.
  const reach = reachBuf;
  reach.fill(0, 0, (n + 1) * NEXTS);
  reach[0] = 1;
  const q = plan.swapField;
  for (let k = 0; k < n; k++) {
    const field = fieldBuf[k]!;
    const fieldStep = k > 0 ? field - fieldBuf[k - 1]! : 0;
    const row0 = k * S;
    const row1 = row0 + S;
    const fitRow = k * W;
    const swapFit = q >= 0 && k + 1 < n && typeBuf[k] === 1 /* pct */ ? plan.fit[typeBuf[k + 1]! * W + q]! : NONE;
    const cellCols = allowed[k]!;
    // A row's first text may have slid further than the rest, to the first column: its shift says little of theirs.
    const afterFirst = k === 1 && fieldBuf[0] === 0 && typeBuf[0]! >= 4 ? 2 : 4;
    const reach0 = k * NEXTS;
    const reach1 = reach0 + NEXTS;
    for (let next = 0; next < NEXTS; next++) {
      let masks = reach[reach0 + next]!;
      const prevCol = next - 1; // last used field (-1: none yet)
      // shift penalty: the first placed cell by its shift, later ones by the change in shift
      const first = prevCol < 0 || k === 0;
      const shiftFrom = first ? field : prevCol + fieldStep;
      const shiftUnit = first ? I_FIRST_SHIFT : I_SHIFT_CHANGE;
      const shiftCap = first ? 0x3fffffff : afterFirst; // the first shift is not capped
      while (masks !== 0) {
        const mask = 31 - Math.clz32(masks & -masks);
        masks &= masks - 1;
        const state = (next << 4) | mask;
        const base = score[row0 + state]!;
        // skip the cell
        let v = base - I_SKIP;
        let i = row1 + state;
        if (v > score[i]! && v + bound[reach1 + next]! + completion(mask, indicatorCells[k + 1]!) >= floor) {
          score[i] = v;
          from[i] = state;
          choice[i] = -1;
          reach[reach1 + next] = reach[reach1 + next]! | (1 << mask);
        }
        let cols = next >= 31 ? 0 : cellCols & (-1 << next);
        while (cols !== 0) {
          const col = 31 - Math.clz32(cols & -cols);
          cols &= cols - 1;
          let d = col - shiftFrom;
          if (d < 0) d = -d;
          if (d > shiftCap) d = shiftCap;
          v = base + fits[fitRow + col]! - shiftUnit * d;
          if (col === next) v += plan.adj[col]!; // col === prevCol + 1
          const toMask = mask | plan.indBit[col]!;
          const to = ((col + 1) << 4) | toMask;
          i = row1 + to;
          if (v > score[i]! && v + bound[reach1 + col + 1]! + completion(toMask, indicatorCells[k + 1]!) >= floor) {
            score[i] = v;
            from[i] = state;
            choice[i] = col;
            reach[reach1 + col + 1] = reach[reach1 + col + 1]! | (1 << toMask);
          }
        }
        // item rate written before its description: cells k, k+1 → fields q + 1, q
        if (swapFit !== NONE && next <= q) {
          const d = q + 1 - field;
          v = base + I_PCT_ITEM_RATE + swapFit - I_SWAP - I_FIRST_SHIFT * (d < 0 ? -d : d) - (prevCol >= 0 ? I_SHIFT_CHANGE : 0);
          const to = ((q + 2) << 4) | mask;
          i = row1 + S + to;
          if (v > score[i]! && v + bound[reach1 + NEXTS + q + 2]! + completion(mask, indicatorCells[k + 2]!) >= floor) {
            score[i] = v;
            from[i] = state;
            choice[i] = SWAPPED;
            reach[reach1 + NEXTS + q + 2] = reach[reach1 + NEXTS + q + 2]! | (1 << mask);
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
      if (total > endScore) {
        endScore = total;
        endState = state;
      }
    }
  }
  for (let k = n, state = endState; k > 0;) {
    const i = k * S + state;
    const col = choice[i]!;
    if (col === SWAPPED) {
      colOf[k - 1] = q;
      colOf[k - 2] = q + 1;
      k -= 2;
    } else {
      colOf[k - 1] = col;
      k -= 1;
    }
    state = from[i]!;
  }
  return slotsOf(row, plan, colOf);
}

/** Bounds that prune nothing (the programme in full, for the tests). */
function noBounds(W: number, n: number): number {
  if (boundBuf.length < (n + 2) * (W + 1)) boundBuf = new Int32Array((n + 2) * (W + 1) * 2);
  boundBuf.fill(0, 0, (n + 2) * (W + 1));
  indicatorCellsBuf.fill(0);
  return NONE;
}

/** The most the completeness bonus can add to a path with indicator roles mask filled and `cells` cells left that can fill one. */
function completion(mask: number, cells: number): number {
  let filled = BITS[mask]! + cells;
  if (filled > 4) filled = 4;
  return filled >= 3 ? I_COMPLETE * filled : 0;
}

/**
 * Fills boundBuf with upper bounds for the programme's pruning and returns the score of the row as written
 * (each cell in its own field where allowed there, else skipped), scored as the programme scores a path.
 * bound[k × (W + 1) + next]: the most cells k.. can add when the next free field is next, without the
 * completeness bonus: the programme's transitions without their shift penalties (never positive), over
 * the next free field alone. indicatorCells[k]: cells k.. that can fill an indicator role. Along every
 * transition, bound + completion falls by at least what the transition adds.
 */
function bounds(plan: Plan, n: number): number {
  const W = plan.width;
  const NEXTS = W + 1;
  if (boundBuf.length < (n + 2) * NEXTS) boundBuf = new Int32Array((n + 2) * NEXTS * 2);
  const bound = boundBuf;
  const fits = fitsBuf;
  const allowed = allowedBuf;
  const q = plan.swapField;
  let indFields = 0;
  for (let f = 0; f < W; f++) if (plan.indBit[f] !== 0) indFields |= 1 << f;
  bound.fill(0, n * NEXTS, (n + 2) * NEXTS);
  indicatorCellsBuf[n] = 0;
  for (let k = n - 1; k >= 0; k--) {
    indicatorCellsBuf[k] = indicatorCellsBuf[k + 1]! + ((allowed[k]! & indFields) !== 0 ? 1 : 0);
    const row0 = k * NEXTS;
    const row1 = row0 + NEXTS;
    const cols = allowed[k]!;
    const swapFit = q >= 0 && k + 1 < n && typeBuf[k] === 1 /* pct */ ? plan.fit[typeBuf[k + 1]! * W + q]! : NONE;
    const swap = swapFit !== NONE ? I_PCT_ITEM_RATE + swapFit - I_SWAP + bound[row1 + NEXTS + q + 2]! : NONE;
    let later = NONE; // best over columns after next (no adjacency bonus)
    for (let next = W; next >= 0; next--) {
      let b = bound[row1 + next]! - I_SKIP;
      if (later > b) b = later;
      if (next < W && ((cols >> next) & 1) !== 0) {
        const here = fits[k * W + next]! + bound[row1 + next + 1]!;
        if (here + plan.adj[next]! > b) b = here + plan.adj[next]!;
        if (here > later) later = here;
      }
      if (next <= q && swap > b) b = swap;
      bound[row0 + next] = b;
    }
  }
  // the row as written, scored transition by transition as the programme does
  let v = 0;
  let prevCol = -1;
  let mask = 0;
  for (let k = 0; k < n; k++) {
    const field = fieldBuf[k]!;
    if (field >= W || ((allowed[k]! >> field) & 1) === 0) {
      v -= I_SKIP;
      continue;
    }
    if (prevCol >= 0) {
      // in place, the first cell placed has no shift; a later one pays for a cell skipped before it
      let d = field - (prevCol + field - fieldBuf[k - 1]!);
      if (d < 0) d = -d;
      v -= I_SHIFT_CHANGE * (d > 4 ? 4 : d);
    }
    v += fits[k * W + field]!;
    if (field === prevCol + 1) v += plan.adj[field]!;
    mask |= plan.indBit[field]!;
    prevCol = field;
  }
  return v + completion(mask, 0);
}

/** The aligned row from each cell's field (-1: unplaced). */
function slotsOf(row: TypedRow, plan: Plan, to: Int32Array): AlignedRow {
  const slots: (Cell | undefined)[] = new Array<Cell | undefined>(NROLE).fill(undefined);
  const extra: { field: number; cell: Cell }[] = [];
  const unplaced: Cell[] = [];
  let moved = false;
  let swapped = false;
  let shift: { cell: Cell; to: number } | undefined;
  const cells = row.cells;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    const f = to[k]!;
    if (f < 0) {
      unplaced.push(c);
      continue;
    }
    const r = plan.role[f]!;
    if (r === EXTRA_ROLE) extra.push({ field: f, cell: c });
    else slots[r] = c;
    if (c.field !== f) {
      moved = true;
      shift ??= { cell: c, to: f };
    }
    if (r === Col.itemDesc && slots[Col.itemRate] && slots[Col.itemRate]!.field < c.field) swapped = true;
  }
  return { line: row.line, width: row.width, slots, extra, unplaced, moved, swapped, shift };
}

/** Positions as written: for rows too wide to be a shifted report row, and rows already in place. */
function asWritten(row: TypedRow, plan: Plan): AlignedRow {
  const cells = row.cells;
  const to = colOf.length >= cells.length ? colOf : new Int32Array(cells.length);
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    to[k] = c.field < plan.width && plan.fit[TYPE_INDEX[c.type] * plan.width + c.field] !== NONE ? c.field : -1;
  }
  return slotsOf(row, plan, to);
}
