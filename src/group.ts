// Which members (indicators, or items) belong to which anchor (item, or task), when the
// anchors' own rows may sit a few rows away from what they span (docs/format.md, "Misplaced merged-cell text").
// A small dynamic programme over contiguous partitions in row order: it keeps row order,
// and among such groupings picks the one whose means reproduce the most reported rates,
// moving as few members away from the plain row-order reading as it can.
import { agrees } from './rates.js';

export interface Anchor {
  /** Position in row order (line × 64 + part), comparable with member positions. */
  pos: number;
  rate: number | null;
  decimals: number | null;
}

export interface Member {
  pos: number;
  rate: number | null;
  /** Held to its row-order anchor by other evidence (e.g. its row continues that anchor's text). */
  pinned?: boolean;
}

export interface Partition {
  /** For each member, the index of its anchor. */
  owner: number[];
  /** Reported anchor rates the chosen grouping reproduces. */
  explained: number;
  /** The same for the plain row-order grouping. */
  naturalExplained: number;
  /** Members whose anchor differs from row order. */
  moved: number;
  /** Anchor rates that could be checked (rate written and members' rates known). */
  checkable: number;
}

const MOVE_COST = 0.05; // per member taken away from its row-order anchor
const EMPTY_COST = 0.3; // an anchor left with no members
const MAX_SPAN = 150; // beyond this, keep row order (guards the quadratic step)

/** Plain row-order reading: a member belongs to the last anchor at or before it (the first anchor if none). */
export function natural(anchors: readonly Anchor[], members: readonly Member[]): number[] {
  const owner: number[] = [];
  let a = 0;
  for (let m = 0; m < members.length; m++) {
    const pos = members[m]!.pos;
    while (a + 1 < anchors.length && anchors[a + 1]!.pos <= pos) a++;
    owner.push(a);
  }
  return owner;
}

// Prefix sums of the members' rates and of their unknown rates, for the call in progress
// (module buffers, grown as needed: partition runs once per task).
let sum = new Float64Array(64);
let unknown = new Int32Array(64);

/** Whether anchor a's reported rate is the mean of members t..j-1 (all rates known). */
function explains(a: Anchor, t: number, j: number): boolean {
  if (a.rate === null || a.decimals === null || j === t || unknown[j]! - unknown[t]! > 0) return false;
  return agrees((sum[j]! - sum[t]!) / (j - t), a.rate, a.decimals);
}

/** Anchor rates a grouping reproduces. */
function score(anchors: readonly Anchor[], owner: readonly number[], n: number): number {
  let s = 0;
  let t = 0;
  for (let i = 0; i < anchors.length; i++) {
    let j = t;
    while (j < n && owner[j] === i) j++;
    if (explains(anchors[i]!, t, j)) s++;
    t = j;
  }
  return s;
}

export function partition(
  anchors: readonly Anchor[],
  members: readonly Member[],
  capped: boolean,
  moveCost = MOVE_COST,
): Partition {
  const k = anchors.length;
  const n = members.length;
  const nat = natural(anchors, members);
  // prefix sums of member rates and of unknown rates
  if (sum.length < n + 1) {
    sum = new Float64Array(2 * (n + 1));
    unknown = new Int32Array(2 * (n + 1));
  }
  sum[0] = 0;
  unknown[0] = 0;
  for (let j = 0; j < n; j++) {
    const r = members[j]!.rate;
    sum[j + 1] = sum[j]! + (r === null ? 0 : capped ? Math.min(r, 100) : r);
    unknown[j + 1] = unknown[j]! + (r === null ? 1 : 0);
  }
  const naturalExplained = score(anchors, nat, n);
  let checkable = 0;
  let explainable = 0; // rates that any grouping could reproduce: written, with their decimals
  for (let i = 0; i < k; i++) {
    const a = anchors[i]!;
    if (a.rate !== null) {
      checkable++;
      if (a.decimals !== null) explainable++;
    }
  }
  // Row order already reproduces every rate it could: no grouping explains more, so row order stands.
  if (k <= 1 || n === 0 || n > MAX_SPAN || naturalExplained >= explainable) {
    return { owner: nat, explained: naturalExplained, naturalExplained, moved: 0, checkable };
  }
  // moved cost of giving members t..j-1 to anchor i: movedPrefix[i * (n + 1) + j]
  const PINNED = 1e6;
  const w = n + 1;
  const movedPrefix = new Float64Array(k * w);
  for (let i = 0; i < k; i++) {
    const o = i * w;
    for (let j = 0; j < n; j++)
      movedPrefix[o + j + 1] = movedPrefix[o + j]! + (nat[j] === i ? 0 : members[j]!.pinned ? PINNED : 1);
  }
  const f = new Float64Array((k + 1) * w).fill(-Infinity);
  const back = new Int32Array((k + 1) * w);
  f[0] = 0;
  for (let i = 1; i <= k; i++) {
    const a = anchors[i - 1]!;
    const prevRow = (i - 1) * w; // f's row i - 1, and anchor i - 1's movedPrefix
    for (let j = 0; j <= n; j++) {
      let best = -Infinity;
      let arg = 0;
      for (let t = 0; t <= j; t++) {
        const prev = f[prevRow + t]!;
        if (prev === -Infinity) continue;
        const gain =
          (explains(a, t, j) ? 1 : 0) -
          moveCost * (movedPrefix[prevRow + j]! - movedPrefix[prevRow + t]!) -
          (j === t ? EMPTY_COST : 0);
        // ties keep the later split, i.e. the row-order reading where it is as good
        if (prev + gain > best + 1e-9) {
          best = prev + gain;
          arg = t;
        }
      }
      f[i * w + j] = best;
      back[i * w + j] = arg;
    }
  }
  const owner = new Array<number>(n);
  let j = n;
  for (let i = k; i >= 1; i--) {
    const t = back[i * w + j]!;
    for (let m = t; m < j; m++) owner[m] = i - 1;
    j = t;
  }
  // Only depart from row order when it explains more reported rates.
  const explained = score(anchors, owner, n);
  if (explained <= naturalExplained) return { owner: nat, explained: naturalExplained, naturalExplained, moved: 0, checkable };
  let moved = 0;
  for (let m = 0; m < n; m++) if (owner[m] !== nat[m]) moved++;
  return { owner, explained, naturalExplained, moved, checkable };
}
