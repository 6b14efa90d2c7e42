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
  /** Its row continues the merged name cell of the member above (no name of its own): never parted from it. */
  glued?: boolean;
}

/** How much member m's words echo anchor i's text (0..1), for ties the arithmetic cannot break. */
export type Echo = (anchor: number, member: number) => number;

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
  /** Departed from row order on the members' words alone (the arithmetic tied). */
  byEcho: boolean;
  /** The rates reproduced only by the chosen grouping are all 0% or 100%, which many groupings of capped
   * rates reproduce: weak evidence. */
  roundOnly: boolean;
}

const MOVE_COST = 0.05; // per member taken away from its row-order anchor
const EMPTY_COST = 0.3; // an anchor left with no members
const MAX_SPAN = 150; // beyond this, keep row order (guards the quadratic step)
// Words break ties only: a member's echo of a neighbouring anchor's text against its own, weighted so
// that a clear echo outweighs the cost of moving it and a task's moved members never outweigh one
// reproduced rate. A reading chosen on words must beat row order by ECHO_MARGIN: one member alone moves
// when more than half its name (0.2 × 0.55 - 0.05 ≥ 0.06) is found in the other item's text and not in
// its own (calibrated on real names: docs/fidelity.md, "Words decide ties").
const ECHO_WEIGHT = 0.2;
export const ECHO_MIN = 0.34; // an echo difference below this is no evidence
export const ECHO_LEAN = 0.15; // ... but where the rates tie, enough to say the other reading
const ECHO_MARGIN = 0.06;

/** Plain row-order reading: a member belongs to the last anchor at or before it (the first anchor if none);
 * a member continuing the name cell above belongs where that member does. */
export function natural(anchors: readonly Anchor[], members: readonly Member[]): number[] {
  const owner: number[] = [];
  let a = 0;
  for (let m = 0; m < members.length; m++) {
    const pos = members[m]!.pos;
    while (a + 1 < anchors.length && anchors[a + 1]!.pos <= pos) a++;
    owner.push(m > 0 && members[m]!.glued ? owner[m - 1]! : a);
  }
  return owner;
}

// Prefix sums of the members' rates and of their unknown rates, for the call in progress
// (module buffers, grown as needed: partition runs once per task).
let sum = new Float64Array(64);
let unknown = new Int32Array(64);
let fTable = new Float64Array(256);
let backTable = new Int32Array(256);
let movedTable = new Float64Array(256);
let runStart = new Int32Array(64);
let runEnd = new Int32Array(64);

/** Prefix sums of the members' rates (capped at 100 or not) and of their unknown rates. */
function fillPrefix(members: readonly Member[], capped: boolean): void {
  const n = members.length;
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
}

/** Whether anchor a's reported rate is the mean of members t..j-1 (all rates known). */
function explains(a: Anchor, t: number, j: number): boolean {
  if (a.rate === null || a.decimals === null || j === t || unknown[j]! - unknown[t]! > 0) return false;
  return agrees((sum[j]! - sum[t]!) / (j - t), a.rate, a.decimals);
}

/** For each anchor, whether a grouping reproduces its rate. */
function explainedBy(anchors: readonly Anchor[], owner: readonly number[], n: number): boolean[] {
  const out: boolean[] = [];
  let t = 0;
  for (let i = 0; i < anchors.length; i++) {
    let j = t;
    while (j < n && owner[j] === i) j++;
    out.push(explains(anchors[i]!, t, j));
    t = j;
  }
  return out;
}

/** Anchor rates a grouping reproduces (explainedBy counted, without its array: the search calls this often). */
function score(anchors: readonly Anchor[], owner: readonly number[], n: number): number {
  let count = 0;
  let t = 0;
  for (let i = 0; i < anchors.length; i++) {
    let j = t;
    while (j < n && owner[j] === i) j++;
    if (explains(anchors[i]!, t, j)) count++;
    t = j;
  }
  return count;
}

/**
 * Whether some anchor whose rate row order leaves unexplained is the mean of some run of members: an upper
 * bound on what any grouping reproduces beyond row order (needs the prefix sums of the members filled).
 */
function moreExplainable(anchors: readonly Anchor[], nat: readonly number[], n: number): boolean {
  let t = 0;
  for (let i = 0; i < anchors.length; i++) {
    let j = t;
    while (j < n && nat[j] === i) j++;
    const a = anchors[i]!;
    if (a.rate !== null && a.decimals !== null && !explains(a, t, j) && explainedByAnyRun(a, n)) return true;
    t = j;
  }
  return false;
}

/** Whether anchor a's rate is the mean of some run of members (the prefix sums filled). */
function explainedByAnyRun(a: Anchor, n: number): boolean {
  for (let s = 0; s < n; s++) for (let e = s + 1; e <= n; e++) if (explains(a, s, e)) return true;
  return false;
}

/** The echo term of a member given to anchor i, a neighbour of its row-order anchor; 0 below ECHO_MIN. */
function echoGain(echo: Echo, i: number, m: number, nat: number): number {
  if (i === nat || Math.abs(i - nat) > 1) return 0;
  const d = echo(i, m) - echo(nat, m);
  return Math.abs(d) < ECHO_MIN ? 0 : ECHO_WEIGHT * d;
}

const TIE_WEIGHT = 1e-5; // the words' weight as a tie-break: at most 0.0015 over MAX_SPAN members, below any move

/** The words as a tie-break between readings the arithmetic values alike (any difference, neighbours only). */
function tieGain(echo: Echo, i: number, m: number, nat: number): number {
  if (i === nat || Math.abs(i - nat) > 1) return 0;
  return TIE_WEIGHT * (echo(i, m) - echo(nat, m));
}

/**
 * Whether words may decide in this task: some member's words echo a neighbour of its row-order anchor
 * clearly more than that anchor, and, in row order, few members echo another anchor clearly more than their
 * own (where most do, the report names its indicators after other items' texts, and words say nothing).
 */
export function wordsDecide(echo: Echo, k: number, nat: readonly number[]): boolean {
  let hint = false;
  for (let m = 0; m < nat.length && !hint; m++) {
    const a = nat[m]!;
    // members at the edge of their anchor's run: where a moved text leaves them
    const first = m === 0 || nat[m - 1] !== a;
    const last = m + 1 === nat.length || nat[m + 1] !== a;
    hint = (first && a > 0 && echoGain(echo, a - 1, m, a) > 0) || (last && a + 1 < k && echoGain(echo, a + 1, m, a) > 0);
  }
  return hint && !echoesOthers(echo, k, nat);
}

/** Whether, in row order, many members echo another anchor clearly more than their own (more than a third
 * of them, plus two): the report names its indicators after other items' texts there, and words say nothing. */
export function echoesOthers(echo: Echo, k: number, nat: readonly number[]): boolean {
  let contradicted = 0;
  for (let m = 0; m < nat.length; m++) {
    const a = nat[m]!;
    const own = echo(a, m);
    for (let i = 0; i < k; i++)
      if (i !== a && echo(i, m) - own >= ECHO_MIN) {
        contradicted++;
        break;
      }
  }
  return 3 * contradicted > nat.length + 2;
}

/** Value of a grouping as the programme counts it: rates reproduced, members moved, anchors left empty, echo. */
function value(
  anchors: readonly Anchor[],
  members: readonly Member[],
  owner: readonly number[],
  nat: readonly number[],
  moveCost: number,
  echo: Echo | undefined,
): number {
  let v = score(anchors, owner, owner.length);
  const used = new Uint8Array(anchors.length);
  for (let m = 0; m < owner.length; m++) {
    used[owner[m]!] = 1;
    if (owner[m] !== nat[m]) v -= moveCost * (members[m]!.pinned ? 1e6 : 1);
    if (echo) v += echoGain(echo, owner[m]!, m, nat[m]!);
  }
  for (let i = 0; i < anchors.length; i++) if (!used[i]) v -= EMPTY_COST;
  return v;
}

export function partition(
  anchors: readonly Anchor[],
  members: readonly Member[],
  capped: boolean,
  moveCost = MOVE_COST,
  echo?: Echo,
): Partition {
  const k = anchors.length;
  const n = members.length;
  const nat = natural(anchors, members);
  fillPrefix(members, capped);
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
  const stay: Partition = {
    owner: nat,
    explained: naturalExplained,
    naturalExplained,
    moved: 0,
    checkable,
    byEcho: false,
    roundOnly: false,
  };
  // Row order already reproduces every rate it could: no grouping explains more, so row order stands,
  // unless the words clearly say a member belongs to a neighbouring anchor.
  if (k <= 1 || n === 0 || n > MAX_SPAN) return stay;
  // Words are read only where they could decide: where row order leaves a rate unexplained, or where a
  // member could move to a neighbouring anchor without losing a rate (most tasks have neither).
  const words =
    echo &&
    (naturalExplained < explainable
      ? wordsDecide(echo, k, nat)
      : tieMoves(anchors, members, nat).some(([m, to]) => echoGain(echo, to, m, nat[m]!) > 0) && wordsDecide(echo, k, nat))
      ? echo
      : undefined;
  if (naturalExplained >= explainable && !words) return stay;
  // Without words only a grouping that reproduces more rates departs from row order: none can where no rate
  // that row order leaves unexplained is the mean of any run of members (most tasks; the programme is skipped).
  if (!words && !moreExplainable(anchors, nat, n)) return stay;
  // Where the arithmetic finds several readings alike (as many rates, as many moves), the words choose among
  // them however little they say: a tie-break, too small to outweigh a move or a rate.
  const tieBreak = !words && echo ? echo : undefined;
  // moved cost (and echo) of giving members t..j-1 to anchor i: movedPrefix[i * (n + 1) + j]
  const PINNED = 1e6;
  const w = n + 1;
  // The DP's tables in module buffers, grown as needed (partition runs once per task; fresh typed arrays
  // of this size are allocated outside the heap and freed only by the collector).
  if (fTable.length < (k + 1) * w) {
    fTable = new Float64Array(2 * (k + 1) * w);
    backTable = new Int32Array(2 * (k + 1) * w);
    movedTable = new Float64Array(2 * (k + 1) * w);
  }
  const movedPrefix = movedTable;
  for (let i = 0; i < k; i++) {
    const o = i * w;
    movedPrefix[o] = 0;
    for (let j = 0; j < n; j++)
      movedPrefix[o + j + 1] =
        movedPrefix[o + j]! +
        moveCost * (nat[j] === i ? 0 : members[j]!.pinned ? PINNED : 1) -
        (words ? echoGain(words, i, j, nat[j]!) : tieBreak ? tieGain(tieBreak, i, j, nat[j]!) : 0);
  }
  const f = fTable.fill(-Infinity, 0, (k + 1) * w);
  const back = backTable.fill(0, 0, (k + 1) * w);
  f[0] = 0;
  for (let i = 1; i <= k; i++) {
    const a = anchors[i - 1]!;
    const prevRow = (i - 1) * w; // f's row i - 1, and anchor i - 1's movedPrefix
    for (let j = 0; j <= n; j++) {
      // a member that continues the name cell above is never the first of an anchor's members
      if (j > 0 && j < n && members[j]!.glued) continue;
      let best = -Infinity;
      let arg = 0;
      for (let t = 0; t <= j; t++) {
        const prev = f[prevRow + t]!;
        if (prev === -Infinity) continue;
        const gain =
          (explains(a, t, j) ? 1 : 0) - (movedPrefix[prevRow + j]! - movedPrefix[prevRow + t]!) - (j === t ? EMPTY_COST : 0);
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
  // Only depart from row order when it explains more reported rates, or as many with clearly better words.
  const explained = score(anchors, owner, n);
  if (explained < naturalExplained) return stay;
  const byEcho = explained === naturalExplained;
  if (
    byEcho &&
    (!words ||
      value(anchors, members, owner, nat, moveCost, words) < value(anchors, members, nat, nat, moveCost, words) + ECHO_MARGIN)
  )
    return stay;
  let moved = 0;
  for (let m = 0; m < n; m++) if (owner[m] !== nat[m]) moved++;
  if (!moved) return stay;
  const gained = explainedBy(anchors, owner, n);
  const before = explainedBy(anchors, nat, n);
  let roundOnly = true;
  for (let i = 0; i < k; i++)
    if (gained[i] && !before[i] && anchors[i]!.rate !== 0 && anchors[i]!.rate !== 100) roundOnly = false;
  return { owner, explained, naturalExplained, moved, checkable, byEcho, roundOnly };
}

/**
 * Single moves that keep every reproduced rate: a member at the edge of its anchor's members given to the
 * neighbouring anchor's (the first to the run above, the last to the run below), never parted from a name
 * cell it shares. Needs the prefix sums of `members` filled. Linear: each move changes two runs only.
 */
function tieMoves(anchors: readonly Anchor[], members: readonly Member[], owner: readonly number[]): [number, number][] {
  const n = members.length;
  const out: [number, number][] = [];
  const ok = (i: number, t: number, j: number) => (explains(anchors[i]!, t, j) ? 1 : 0);
  // each member's run of members with the same anchor: [start, end) (module buffers, as the programme's)
  if (runStart.length < n) {
    runStart = new Int32Array(2 * n);
    runEnd = new Int32Array(2 * n);
  }
  const start = runStart;
  const end = runEnd;
  for (let m = 0; m < n; m++) start[m] = m > 0 && owner[m - 1] === owner[m] ? start[m - 1]! : m;
  for (let m = n - 1; m >= 0; m--) end[m] = m + 1 < n && owner[m + 1] === owner[m] ? end[m + 1]! : m + 1;
  for (let m = 0; m < n; m++) {
    const own = owner[m]!;
    const s = start[m]!;
    const e = end[m]!;
    // the first of its run to the run above: [ps, m) becomes [ps, m + 1), own becomes [m + 1, e)
    if (m === s && m > 0 && !members[m]!.glued) {
      const to = owner[m - 1]!;
      const ps = start[m - 1]!;
      if (ok(to, ps, m + 1) + ok(own, m + 1, e) >= ok(to, ps, m) + ok(own, s, e)) out.push([m, to]);
    }
    // the last of its run to the run below: [m + 1, ne) becomes [m, ne), own becomes [s, m)
    if (m === e - 1 && m + 1 < n && !members[m + 1]!.glued) {
      const to = owner[m + 1]!;
      const ne = end[m + 1]!;
      if (ok(to, m, ne) + ok(own, s, m) >= ok(to, m + 1, ne) + ok(own, s, e)) out.push([m, to]);
    }
  }
  return out;
}

/** The single moves of an edge member that keep every reproduced rate, for a grouping (see tieMoves). */
export function tieCandidates(
  anchors: readonly Anchor[],
  members: readonly Member[],
  owner: readonly number[],
  capped: boolean,
): [number, number][] {
  if (anchors.length < 2 || members.length === 0 || members.length > MAX_SPAN) return [];
  fillPrefix(members, capped);
  return tieMoves(anchors, members, owner);
}

/**
 * Where the rates tie, a member at the edge of its anchor's members whose words lean to the neighbouring
 * anchor (by ECHO_LEAN, too little to move it): the reading to name as the other one.
 */
export function leaning(
  anchors: readonly Anchor[],
  members: readonly Member[],
  owner: readonly number[],
  capped: boolean,
  echo: Echo,
): { member: number; anchor: number } | undefined {
  const n = members.length;
  if (anchors.length < 2 || n === 0 || n > MAX_SPAN) return undefined;
  fillPrefix(members, capped);
  for (const [m, to] of tieMoves(anchors, members, owner))
    if (echo(to, m) - echo(owner[m]!, m) >= ECHO_LEAN) return { member: m, anchor: to };
  return undefined;
}
