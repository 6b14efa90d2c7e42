// Which members (indicators, or items) belong to which anchor (item, or task), when the
// anchors' own rows may sit a few rows away from what they span (FORMAT.md point 3).
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
  for (const m of members) {
    while (a + 1 < anchors.length && anchors[a + 1]!.pos <= m.pos) a++;
    owner.push(a);
  }
  return owner;
}

export function partition(anchors: readonly Anchor[], members: readonly Member[], capped: boolean, moveCost = MOVE_COST): Partition {
  const k = anchors.length;
  const n = members.length;
  const nat = natural(anchors, members);
  const value = (r: number) => (capped ? Math.min(r, 100) : r);
  // prefix sums of member rates and of unknown rates
  const sum = new Float64Array(n + 1);
  const unknown = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    const r = members[j]!.rate;
    sum[j + 1] = sum[j]! + (r === null ? 0 : value(r));
    unknown[j + 1] = unknown[j]! + (r === null ? 1 : 0);
  }
  const explains = (i: number, t: number, j: number): boolean => {
    const a = anchors[i]!;
    if (a.rate === null || a.decimals === null || j === t || unknown[j]! - unknown[t]! > 0) return false;
    return agrees((sum[j]! - sum[t]!) / (j - t), a.rate, a.decimals);
  };
  const score = (owner: number[]): number => {
    let s = 0;
    let t = 0;
    for (let i = 0; i < k; i++) {
      let j = t;
      while (j < n && owner[j] === i) j++;
      if (explains(i, t, j)) s++;
      t = j;
    }
    return s;
  };
  const naturalExplained = score(nat);
  const checkable = anchors.filter((a) => a.rate !== null).length;
  if (k <= 1 || n === 0 || n > MAX_SPAN) {
    return { owner: nat, explained: naturalExplained, naturalExplained, moved: 0, checkable };
  }
  // moved cost of giving members t..j-1 to anchor i
  const PINNED = 1e6;
  const movedPrefix = Array.from({ length: k }, (_, i) => {
    const p = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) p[j + 1] = p[j]! + (nat[j] === i ? 0 : members[j]!.pinned ? PINNED : 1);
    return p;
  });
  const f = Array.from({ length: k + 1 }, () => new Float64Array(n + 1).fill(-Infinity));
  const back = Array.from({ length: k + 1 }, () => new Int32Array(n + 1));
  f[0]![0] = 0;
  for (let i = 1; i <= k; i++) {
    const mp = movedPrefix[i - 1]!;
    for (let j = 0; j <= n; j++) {
      let best = -Infinity;
      let arg = 0;
      for (let t = 0; t <= j; t++) {
        const prev = f[i - 1]![t]!;
        if (prev === -Infinity) continue;
        const gain = (explains(i - 1, t, j) ? 1 : 0) - moveCost * (mp[j]! - mp[t]!) - (j === t ? EMPTY_COST : 0);
        // ties keep the later split, i.e. the row-order reading where it is as good
        if (prev + gain > best + 1e-9) {
          best = prev + gain;
          arg = t;
        }
      }
      f[i]![j] = best;
      back[i]![j] = arg;
    }
  }
  const owner = new Array<number>(n);
  let j = n;
  for (let i = k; i >= 1; i--) {
    const t = back[i]![j]!;
    for (let m = t; m < j; m++) owner[m] = i - 1;
    j = t;
  }
  // Only depart from row order when it explains more reported rates.
  const explained = score(owner);
  if (explained <= naturalExplained) return { owner: nat, explained: naturalExplained, naturalExplained, moved: 0, checkable };
  const moved = owner.reduce((c, o, m) => c + (o === nat[m] ? 0 : 1), 0);
  return { owner, explained, naturalExplained, moved, checkable };
}
