// The realignment programme as it was written with double-precision scores (before it counted
// in integer units), kept as the reference that src/realign.ts must match exactly, ties included.
import type { Cell, TypedRow } from '../../src/classify.js';
import { WEIGHTS } from '../../src/realign.js';

const NCOL = 12;
const NO = -Infinity;
// The weights are src/realign.ts's own: this copy keeps the arithmetic (doubles), not the tuning.
const { FIT, AT_PLACE, SHIFT_CHANGE, FIRST_SHIFT, TASK_MOVE, SWAP, SKIP, OPEN_TAIL, ADJACENT, INDICATOR_LINK, DESC_RATE, COMPLETE, MAX_CELLS } = WEIGHTS;
const adjacency = (prevCol: number, col: number): number =>
  col !== prevCol + 1 ? 0 : ADJACENT + (col === 6 || col === 8 ? INDICATOR_LINK : 0) + (col === 2 || col === 4 ? DESC_RATE : 0);

const S = (NCOL + 1) * 16; // DP states per cell
const SWAPPED = 99;
// DP tables, reused across rows (rows are small; allocation per row dominated the time).
let scoreBuf = new Float64Array(0);
let fromBuf = new Int32Array(0);
let choiceBuf = new Int8Array(0);

const bits = (mask: number) => (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) + ((mask >> 3) & 1);
const indicatorBit = (col: number) => (col >= 5 && col <= 8 ? 1 << (col - 5) : 0);

/**
 * @param fast take rows already in place as written without running the programme
 * (test/realign.test.ts checks that this never changes the result).
 * @param afterHeader the row follows a repeated page header: only there can a task's
 * description continue on a row of its own (cut by the page break).
 * @param open after a page header, the text columns whose text above stops mid-sentence:
 * a text cell there is most likely its tail.
 */
export function realignDouble(row: TypedRow, afterHeader = false, open?: readonly boolean[], fast = true): { line: number; width: number; slots: (Cell | undefined)[]; unplaced: Cell[]; moved: boolean; swapped: boolean } | null {
  const cells = row.cells;
  const n = cells.length;
  // A task row: its first cell is the task number, followed by text (wherever the row slid).
  const startsTask = n >= 2 && cells[0]!.type === 'int' && cells[1]!.type !== 'pct' && cells[1]!.type !== 'qty' && cells[1]!.type !== 'int';
  const fit = (c: Cell, col: number): number => {
    let s = FIT[c.type][col]!;
    if (s === NO) return NO;
    if (col === c.field) s += AT_PLACE;
    // Rows that start no task rarely carry task cells: only a description tail after a page header.
    if (col <= 2 && !startsTask && !(afterHeader && col === 1 && (c.field === 1 || open?.[1]))) s -= TASK_MOVE;
    if (col === 0 && !startsTask) return NO;
    if (open?.[col] && (c.type === 'text' || c.type === 'prose' || c.type === 'name')) s += OPEN_TAIL;
    return s;
  };
  if (n > MAX_CELLS) return null;
  // Most rows are written in place: every cell in a column that takes its type, at no
  // penalty. The programme below would keep them so; skip it (it is most of the time).
  const at = (f: number) => cells.some((c) => c.field === f);
  const nameless = (at(6) || at(7) || at(8)) && !at(5) && at(3); // a name may sit in the description column
  if (fast && !afterHeader && !nameless && cells.every((c) => c.field < NCOL && FIT[c.type][c.field] !== NO && fit(c, c.field) === FIT[c.type][c.field]! + AT_PLACE)) {
    return null;
  }
  // score[k * S + state]: cells 0..k-1 consumed; state = next free column × 16 + mask of the
  // indicator columns (5-8) filled, so that complete indicator rows can be preferred.
  const size = (n + 1) * S;
  if (scoreBuf.length < size) {
    scoreBuf = new Float64Array(size * 2);
    fromBuf = new Int32Array(size * 2);
    choiceBuf = new Int8Array(size * 2);
  }
  const score = scoreBuf;
  const from = fromBuf;
  const choice = choiceBuf;
  score.fill(-Infinity, 0, size);
  score[0] = 0;
  const fits = new Float64Array(n * NCOL);
  for (let k = 0; k < n; k++) for (let col = 0; col < NCOL; col++) fits[k * NCOL + col] = fit(cells[k]!, col);
  const relax = (k: number, state: number, value: number, prev: number, col: number) => {
    const i = k * S + state;
    if (value > score[i]!) {
      score[i] = value;
      from[i] = prev;
      choice[i] = col;
    }
  };
  for (let k = 0; k < n; k++) {
    const c = cells[k]!;
    const p = k > 0 ? cells[k - 1]! : undefined;
    const row0 = k * S;
    for (let state = 0; state < S; state++) {
      const base = score[row0 + state]!;
      if (base === -Infinity) continue;
      const next = state >> 4;
      const mask = state & 15;
      const prevCol = next - 1; // last used column (-1: none yet)
      relax(k + 1, state, base - SKIP, state, -1);
      for (let col = next; col < NCOL; col++) {
        const f = fits[k * NCOL + col]!;
        if (f === NO) continue;
        const shift = prevCol < 0 || !p ? FIRST_SHIFT * Math.abs(col - c.field) : SHIFT_CHANGE * Math.min(4, Math.abs(col - prevCol - (c.field - p.field)));
        relax(k + 1, ((col + 1) << 4) | mask | indicatorBit(col), base + f - shift + adjacency(prevCol, col), state, col);
      }
      // item rate written before its description: cells k, k+1 → columns 4, 3
      if (k + 1 < n && next <= 3 && c.type === 'pct') {
        const f = FIT[cells[k + 1]!.type][3]!;
        if (f !== NO) {
          const value = base + FIT.pct[4]! + f - SWAP - FIRST_SHIFT * Math.abs(4 - c.field) - (prevCol >= 0 ? SHIFT_CHANGE : 0);
          relax(k + 2, (5 << 4) | mask, value, state, SWAPPED);
        }
      }
    }
  }
  let endState = 0;
  let endScore = -Infinity;
  for (let state = 0; state < S; state++) {
    const v = score[n * S + state]!;
    if (v === -Infinity) continue;
    const filled = bits(state & 15);
    const total = v + (filled >= 3 ? COMPLETE * filled : 0);
    if (total > endScore) {
      endScore = total;
      endState = state;
    }
  }
  const assign: [number, number][] = [];
  for (let k = n, state = endState; k > 0; ) {
    const i = k * S + state;
    const col = choice[i]!;
    if (col === SWAPPED) {
      assign.push([k - 1, 3], [k - 2, 4]);
      k -= 2;
    } else {
      if (col >= 0) assign.push([k - 1, col]);
      k -= 1;
    }
    state = from[i]!;
  }
  assign.reverse();
  const slots: (Cell | undefined)[] = new Array(NCOL).fill(undefined);
  const placed = new Set<number>();
  let moved = false;
  let swapped = false;
  for (const [k, col] of assign) {
    slots[col] = cells[k];
    placed.add(k);
    if (cells[k]!.field !== col) moved = true;
    if (col === 3 && slots[4] && slots[4].field < cells[k]!.field) swapped = true;
  }
  const unplaced = cells.filter((_, k) => !placed.has(k));
  return { line: row.line, width: row.width, slots, unplaced, moved, swapped };
}

