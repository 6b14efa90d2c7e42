// Regrouping by the report's arithmetic, as its own step: at each boundary between two final tasks
// (items and indicator rows that crossed a misplaced numbered row), then within a task (indicators
// under items, repeated item rows read as one or two items); then the task is finished into the tree.
import type { Cell } from './classify.js';
import {
  ECHO_LEAN,
  ECHO_MIN,
  leaning,
  natural,
  partition,
  tieCandidates,
  echoesOthers,
  type Anchor,
  type Echo,
  type Member,
} from './group.js';
import { bare, bigrams, echo, figureOf } from './echo.js';
import { agrees, parseRate, roundTo } from './rates.js';
import { halfWidth, parseQuantity } from './quantity.js';
import { diag } from './diagnostics.js';
import type { Diagnostic, Indicator, Item, Location, Task } from './model.js';
import { loc, mark, POS, withoutFigures, type IndicatorRow, type ItemAnchor, type TaskBuilder } from './build.js';

/**
 * One level up: a task's own row (number, description, rate) can sit above the last rows
 * of the previous task. At each boundary between two tasks, up to MAX_SHIFT items below the
 * second task's numbered row may move to the first when that makes both tasks' rates reproduce
 * more of what is written; indicators follow their row-order item. Rows above a numbered row
 * never move into the next task (the format's damage does not put them there). Local, so linear.
 */
const MAX_SHIFT = 3;
const ITEM_MOVE_COST = 0.34; // at most two rows of items moved per task rate gained

function reproduces(t: TaskBuilder, items: ItemAnchor[]): number {
  const r = t.rate;
  if (!r || r.value === null || r.decimals === null || !items.length) return 0;
  if (items.some((x) => x.rate?.value == null)) return 0;
  const m = items.reduce((n, x) => n + x.rate!.value!, 0) / items.length;
  return agrees(m, r.value, r.decimals) ? 1 : 0;
}

/** Item rates of a task its indicators leave unexplained, grouped by the arithmetic as finishTask will
 * (without the words), and the rows that leave row order. An item text and rate written again on the next
 * item row may be the merged cell of one item (readRepeats decides later): the better of the two readings. */
function grouped(t: TaskBuilder, inds: readonly IndicatorRow[]): { misses: number; moved: number } {
  if (inds !== t.indicators || !regrouping) return groupedOf(t.anchors, inds);
  // A task's own rows as they stand: read once while its arrays stay the same, also at its next boundary
  // (a final task changes between its two boundaries only where a rule replaces or grows its arrays).
  const r = ownReadings.find((x) => x.anchors === t.anchors && x.inds === inds);
  if (r && r.anchorCount === t.anchors.length && r.indCount === inds.length) return r.result;
  const result = groupedOf(t.anchors, inds);
  if (ownReadings.length >= 4) ownReadings.shift();
  ownReadings.push({ anchors: t.anchors, inds, anchorCount: t.anchors.length, indCount: inds.length, result });
  return result;
}

/** Readings of tasks' own rows at the last boundaries, used while a boundary is regrouped (regroupPair). */
const ownReadings: {
  anchors: readonly ItemAnchor[];
  inds: readonly IndicatorRow[];
  anchorCount: number;
  indCount: number;
  result: { misses: number; moved: number };
}[] = [];
let regrouping = false;

/** Items as partition reads them: position and written rate. */
const anchorsOf = (items: readonly ItemAnchor[]): Anchor[] =>
  items.map((x) => ({ pos: x.pos, rate: x.rate?.value ?? null, decimals: x.rate?.decimals ?? null }));

/** The same for items given as anchors (a reading of the boundary that moves items). */
function groupedOf(anchors: readonly ItemAnchor[], inds: readonly IndicatorRow[]): { misses: number; moved: number } {
  const members = membersOf(inds);
  const read = (items: readonly ItemAnchor[]) => {
    const p = partition(anchorsOf(items), members, true);
    return { misses: p.checkable - p.explained, moved: p.moved };
  };
  const two = read(anchors);
  if (!anchors.some((x) => x.repeatOf)) return two;
  const repeats = anchors.filter((x) => x.repeatOf);
  const one = read(mergeRepeats(anchors, new Set(repeats)));
  return one.misses < two.misses || (one.misses === two.misses && one.moved < two.moved) ? one : two;
}

/** Whether an item's written rate is the mean of these indicator rows' (capped) rates, all known. */
function meanAgrees(x: ItemAnchor, inds: readonly IndicatorRow[]): boolean {
  const r = x.rate;
  if (!r || r.value === null || r.decimals === null || !inds.length) return false;
  let sum = 0;
  for (const i of inds) {
    const v = indicatorRate(i);
    if (v === null) return false;
    sum += Math.min(v, 100);
  }
  return agrees(sum / inds.length, r.value, r.decimals);
}

/** Indicator rows as members of the grouping: a row without a name continues the name cell above it. */
function membersOf(inds: readonly IndicatorRow[]): Member[] {
  const out: Member[] = new Array<Member>(inds.length);
  for (let m = 0; m < inds.length; m++) {
    const i = inds[m]!;
    out[m] = { pos: i.pos, rate: indicatorRate(i), glued: m > 0 && BLANK.test(i.name.text) };
  }
  return out;
}

const BLANK = /^\s*$/; // what trim() leaves empty

/** An indicator's own words: its name, and its target unless a bare percentage (which any text may hold). */
const words = (x: IndicatorRow): string => (/%\s*$/.test(x.targetText) ? x.name.text : x.name.text + x.targetText);

/** How much each indicator's name and target (the name alone with `nameOnly`) echo each item's text
 * (computed as asked, each text once). An indicator written twice in the task (same name, target and
 * current) echoes nothing: its words fit both of its items. */
function echoOf(anchors: readonly ItemAnchor[], inds: readonly IndicatorRow[], nameOnly = false): Echo {
  const items: (string | undefined)[] = [];
  const names: (string[] | undefined)[] = [];
  const known: (number | undefined)[][] = []; // each echo once: the rules ask for the same pairs again
  let twice: Uint8Array | undefined;
  return (i, m) => (known[i] ??= [])[m] ?? (known[i]![m] = echoOnce(i, m));
  function echoOnce(i: number, m: number): number {
    if (!twice) {
      twice = new Uint8Array(inds.length);
      const seen = new Map<string, number>();
      inds.forEach((x, j) => {
        const key = `${x.name.text}\t${x.targetText}\t${x.currentText}`;
        const k = seen.get(key);
        if (k === undefined) seen.set(key, j);
        else twice![k] = twice![j] = 1;
      });
    }
    if (twice[m]) return 0;
    const a = (items[i] ??= bare(anchors[i]!.descText.join('')));
    const x = (names[m] ??= bigrams(bare(nameOnly ? inds[m]!.name.text : words(inds[m]!))));
    return echo(x, a);
  }
}

/**
 * Indicator rows right below the second task's numbered row may be the last rows of the first task's
 * last item (its numbered row was written above them). They move when that makes strictly more of the
 * two tasks' item rates reproduce, or as many while each moved row's words clearly echo the first task's
 * last item more than the second task's first (also one row more than the rates ask for); rows on or
 * above the numbered row never move.
 */
function regroupIndicators(a: TaskBuilder, b: TaskBuilder, diagnostics: Diagnostic[]): void {
  const b0 = b.anchors[0];
  const aLast = a.anchors[a.anchors.length - 1];
  if (!aLast || !b0) return;
  // a packed numbered row holds several items; a numbered row without its first item's text, none
  const limit = b.anchors.find((x, k) => k > 0 && x.line > b.start)?.pos ?? Infinity;
  const below = POS(b.start, 63);
  // the rows row order gives to b's first item, below the numbered row
  const candidates = b.indicators.filter((x) => x.pos > below && x.pos < limit);
  const missA = grouped(a, a.indicators).misses;
  const missB = grouped(b, b.indicators).misses;
  if (!candidates.length) {
    onRowIndicators(a, b, candidates, missA, missB, 0, diagnostics);
    return;
  }
  const base = missA + missB;
  // Across a task boundary the name alone speaks: the target's figure and unit, shared by many tasks, only
  // thin the echo out (measured: docs/fidelity.md, "Held out").
  const echoes = echoOf([aLast, b0], candidates, true);
  let best = 0;
  let bestGain = 0;
  let byWords = false;
  // rows 0..echoed-1 each echo a's last item clearly more than b's first (read only when a tie asks)
  let echoed = 0;
  const echoing = (j: number): boolean => {
    while (echoed < j && echoes(0, echoed) - echoes(1, echoed) >= ECHO_MIN) echoed++;
    return echoed >= j;
  };
  let gain1 = -1; // moving the first row only
  const leaning = (j: number): boolean => {
    for (let k = 0; k < j; k++) if (echoes(0, k) - echoes(1, k) < ECHO_LEAN) return false;
    return true;
  };
  // Rows that leave row order, within the two tasks and across the boundary: as few as the rates allow.
  const departures = (j: number, moved: ReadonlySet<IndicatorRow>) =>
    j +
    grouped(a, j ? [...a.indicators, ...moved] : a.indicators).moved +
    grouped(
      b,
      b.indicators.filter((x) => !moved.has(x)),
    ).moved;
  let baseDepartures = -1; // read only when a tie asks
  let fewest = { j: 0, departures: 0, words: false };
  const gains: number[] = [];
  let fewestOfEqual = false;
  // Names with words at the boundary: where the rates tie, the first row goes when its words lean to a's last
  // item (by ECHO_LEAN) and its name goes on from a's last row more than from the row above it in b.
  const x0 = candidates[0]!;
  const aRow = a.indicators[a.indicators.length - 1];
  const bRow = () => b.indicators.filter((x) => x.pos < x0.pos).pop(); // read only where a tie asks
  let name0: string[] | undefined;
  const like = (x: IndicatorRow | undefined) => (x ? echo((name0 ??= bigrams(bare(x0.name.text))), bare(x.name.text)) : 0);
  for (let j = 1; j <= candidates.length; j++) {
    const moved = new Set(candidates.slice(0, j));
    // a loss is read only as a loss (its size decides nothing): b's reading is skipped once a's alone loses
    const restA = base - grouped(a, [...a.indicators, ...moved]).misses;
    const gain =
      restA < 0
        ? -1
        : restA -
          grouped(
            b,
            b.indicators.filter((x) => !moved.has(x)),
          ).misses;
    if (j === 1) gain1 = gain;
    gains[j] = gain;
    // ... the fewest, where the two tasks then keep row order within them (none shifted from item to item), or
    // where each moved row's name leans to a's last item too (by ECHO_LEAN): two pieces of evidence that agree
    if (gain === 0 && !fewest.j) {
      if (baseDepartures < 0) baseDepartures = departures(0, new Set());
      const d = baseDepartures > 0 ? departures(j, moved) : -1;
      if (d >= 0 && d < baseDepartures && (d === j || leaning(j))) fewest = { j, departures: d, words: d !== j };
    }
    // as many rates with one more row whose words echo a's last item: the words take it too
    if (gain > bestGain || (gain === bestGain && gain >= 0 && echoing(j))) {
      byWords = gain === bestGain;
      bestGain = gain;
      best = j;
    }
  }
  // Several numbers of rows reproduce as many rates, none by the words: the one that leaves the fewest rows
  // out of row order in the two tasks together (the moved rows counted), as where the rates tie at no gain.
  if (bestGain > 0 && !byWords && gains.some((g, j) => g === bestGain && j !== best)) {
    let fewestAt = departures(best, new Set(candidates.slice(0, best)));
    for (let j = 1; j <= candidates.length; j++) {
      if (gains[j] !== bestGain || j === best) continue;
      const d = departures(j, new Set(candidates.slice(0, j)));
      if (d < fewestAt) [best, fewestAt, fewestOfEqual] = [j, d, true];
    }
  }
  // the numbered row's own indicators only where they beat every reading that keeps them
  const taken = bestGain > 0 ? candidates.slice(0, best) : [];
  if (onRowIndicators(a, b, candidates, missA, missB, Math.max(0, bestGain), diagnostics, taken)) return;
  let fewer = false;
  if (!best && fewest.j) {
    // as many rates either way, and the rows below the numbered row read as the previous task's spare the
    // rows that row order would otherwise have to move within the tasks
    best = fewest.j;
    fewer = true;
  } else if (!best && gain1 >= 0 && echoes(0, 0) - echoes(1, 0) >= ECHO_LEAN && like(aRow) > like(bRow())) {
    best = 1;
    byWords = true;
  }
  if (!best) {
    // Row order stands; where the first row's words lean to a's last item and the rates allow it there
    // too, say so.
    if (gain1 >= 0 && echoes(0, 0) - echoes(1, 0) >= ECHO_LEAN)
      for (const t of [a, b])
        mark(
          t,
          'tie',
          {
            en: `the indicator row below task ${b.no ?? '?'}'s numbered row under the last item of task ${a.no ?? '?'}`,
            zh: `重点工作 ${b.no ?? '?'} 序号行以下的指标行归重点工作 ${a.no ?? '?'} 的最后一个细化项目`,
            line: candidates[0]!.line,
          },
          diagnostics,
        );
    return;
  }
  const moved = new Set(candidates.slice(0, best));
  moveToPrevious(a, b, moved);
  // decided by a rate the row order left unexplained, or by the words: said in HZ102, not marked; by fewer
  // rows leaving row order only (the rates tie): marked, naming row order
  for (const t of [a, b])
    mark(
      t,
      fewer && !fewest.words ? 'tie' : null,
      fewer && !fewest.words
        ? {
            en: `the indicator row${moved.size === 1 ? '' : 's'} below task ${b.no ?? '?'}'s numbered row in task ${b.no ?? '?'}, in row order`,
            zh: `重点工作 ${b.no ?? '?'} 序号行以下的指标行按行序归重点工作 ${b.no ?? '?'}`,
            line: candidates[0]!.line,
          }
        : null,
      diagnostics,
    );
  const rates = `${bestGain} more item ${bestGain === 1 ? 'rate reproduces' : 'rates reproduce'}`;
  const why = fewer
    ? `so that fewer indicator rows leave row order (the rates reproduce either way)${fewest.words ? ', their names leaning to that item' : ''}`
    : !byWords
      ? `so that ${rates}${fewestOfEqual ? ', with the fewest rows leaving row order' : ''}`
      : bestGain
        ? `so that ${rates}, the last ones because their names echo that item's text`
        : `whose names echo that item's text (the rates reproduce either way)`;
  saidToPrevious(a, b, moved.size, `below task ${b.no ?? '?'}'s numbered row`, why, diagnostics);
}

/** HZ102 for indicator rows of task b given to task a's last item: how many, from where, and why. */
function saidToPrevious(a: TaskBuilder, b: TaskBuilder, n: number, from: string, why: string, diagnostics: Diagnostic[]): void {
  const rows = n === 1 ? '1 indicator row' : `${n} indicator rows`;
  diagnostics.push(
    diag('HZ102', {
      line: b.start,
      column: 1,
      args: {
        level: 'indicators',
        detail: `${rows} ${from} ${n === 1 ? 'belongs' : 'belong'} to the last item of task ${a.no ?? '?'}, ${why}`,
      },
    }),
  );
}

/**
 * The indicator cells of the numbered row itself (the row lifted into the previous task's last rows shares a
 * line with one of them) may belong to the first task's last item, with the rows below them. Rates alone move
 * too much here, so they go only when both tasks reproduce strictly more item rates (the first task's with
 * them, the second's without them), or the second task's first item reproduces its rate from its own rows
 * without them and not with them while the first loses none; and more than any move of the rows below alone
 * (`keep`): row order stands unless the arithmetic strictly improves. Returns whether they moved.
 */
function onRowIndicators(
  a: TaskBuilder,
  b: TaskBuilder,
  below: readonly IndicatorRow[],
  missA: number,
  missB: number,
  keep: number,
  diagnostics: Diagnostic[],
  taken: readonly IndicatorRow[] = [],
): boolean {
  const limit = b.anchors[1]?.pos ?? Infinity;
  const onRow = b.indicators.filter((x) => x.line === b.start && x.pos < limit);
  if (!onRow.length) return false;
  const rows = [...onRow, ...below];
  let best = 0;
  let bestGain = keep;
  let tie = 0; // the fewest rows that reproduce as many rates as `taken`
  let onlyA = 0; // the fewest rows with which the first task gains and the second loses nothing
  const first = b.indicators.filter((x) => x.pos < limit);
  const ownRate = (moved: ReadonlySet<IndicatorRow>) =>
    meanAgrees(
      b.anchors[0]!,
      first.filter((x) => !moved.has(x)),
    ) && !meanAgrees(b.anchors[0]!, first);
  for (let j = 1; j <= rows.length; j++) {
    const moved = new Set(rows.slice(0, j));
    // where the first task misses no rate it gains none: only the second's own reading below can move rows
    if (!missA && (!missB || !ownRate(moved))) continue;
    const gainA = missA - grouped(a, [...a.indicators, ...moved]).misses;
    if (gainA < 0) continue; // nothing below takes a move that loses a rate of the first task
    const gainB =
      missB -
      grouped(
        b,
        b.indicators.filter((x) => !moved.has(x)),
      ).misses;
    // ... or the second task's first item reproduces its rate from its rows without them, not with them,
    // and the first task loses none
    const own = gainA === 0 && gainB > 0 && ownRate(moved);
    if ((gainA > 0 || own) && gainB > 0 && gainA + gainB > bestGain) {
      bestGain = gainA + gainB;
      best = j;
    } else if ((gainA > 0 || own) && gainB >= 0 && gainA + gainB === keep && !tie) tie = j;
    else if (gainA > 0 && gainB === 0 && !keep && !taken.length && !onlyA) onlyA = j;
  }
  // The first task gains a rate with them and the second loses none, where no row below was taken (keep 0): the
  // arithmetic strictly improves, so they go, unless their names lean to the numbered row's item (a numbered row
  // written on the line of the previous task's last indicator: 四.37's row beside 四.36's 结果回传率).
  if (!best && onlyA) {
    const echoes = echoOf([a.anchors[a.anchors.length - 1]!, b.anchors[0]!], rows.slice(0, onlyA), true);
    let lean = 0;
    for (let m = 0; m < onlyA; m++) lean += echoes(0, m) - echoes(1, m);
    if (lean >= 0) {
      best = onlyA;
      bestGain = grouped(a, a.indicators).misses - grouped(a, [...a.indicators, ...rows.slice(0, onlyA)]).misses;
    }
  }
  // As many rates as the rows below the numbered row give (`taken`): the names decide, where the first row
  // below clearly echoes the numbered row's item more than the previous task's last item and the numbered
  // row's own indicators do not (a numbered row written on the line of the previous task's last row: the
  // indicator on that line is the previous task's, the next task's first is below).
  let byWords = false;
  const aLast = a.anchors[a.anchors.length - 1]!;
  if (!best && tie && taken.length) {
    const both = [...rows.slice(0, tie), ...taken];
    const echoes = echoOf([aLast, b.anchors[0]!], both, true);
    const clear = (m: number) => echoes(1, m) - echoes(0, m) >= ECHO_MIN;
    // ... or where the two readings' words, weighed together, lean to the numbered row's own (by ECHO_LEAN): the
    // rows only it gives to the previous task echo that task's last item more than the numbered row's item, the
    // rows only the other gives there the numbered row's item more
    const mine = new Set(rows.slice(0, tie));
    const theirs = new Set(taken);
    let lean = 0;
    both.forEach((x, m) => {
      if (m < tie && !theirs.has(x)) lean += echoes(0, m) - echoes(1, m);
      else if (m >= tie && !mine.has(x)) lean += echoes(1, m) - echoes(0, m);
    });
    if ((clear(tie) && onRow.every((_, m) => m >= tie || !clear(m))) || lean >= ECHO_LEAN) {
      best = tie;
      byWords = true;
    }
  }
  // Nothing the rates decide, no row below taken: the numbered row's own indicators go where every one of
  // their names clearly echoes the previous task's last item more than the numbered row's, and the rates of
  // both tasks allow it (none lost), leaving the numbered row's item rows of its own.
  if (!best && !keep && !taken.length && rows.length > onRow.length) {
    const moved = new Set(onRow);
    const echoes = echoOf([aLast, b.anchors[0]!], onRow, true);
    if (
      onRow.every((_, m) => echoes(0, m) - echoes(1, m) >= ECHO_MIN) &&
      grouped(a, [...a.indicators, ...moved]).misses <= missA &&
      grouped(
        b,
        b.indicators.filter((x) => !moved.has(x)),
      ).misses <= missB
    ) {
      best = onRow.length;
      byWords = true;
    }
  }
  if (!best) return false;
  const moved = new Set(rows.slice(0, best));
  moveToPrevious(a, b, moved);
  // decided by the names (the rates tie) or by a single item rate: marked, naming the other reading
  for (const t of [a, b])
    mark(
      t,
      byWords ? 'tie' : bestGain === 1 ? 'one-rate' : null,
      byWords && taken.length
        ? {
            en: `the indicator row below task ${b.no ?? '?'}'s numbered row under the last item of task ${a.no ?? '?'}, the numbered row's own in task ${b.no ?? '?'}`,
            zh: `重点工作 ${b.no ?? '?'} 序号行以下的指标行归重点工作 ${a.no ?? '?'} 的最后一个细化项目，序号行上的指标行留在重点工作 ${b.no ?? '?'}`,
            line: taken[0]!.line,
          }
        : {
            en: `the indicator row${moved.size === 1 ? '' : 's'} of task ${b.no ?? '?'}'s numbered row in task ${b.no ?? '?'}, in row order`,
            zh: `重点工作 ${b.no ?? '?'} 序号行上的指标行按行序归重点工作 ${b.no ?? '?'}`,
            line: b.start,
          },
      diagnostics,
    );
  saidToPrevious(
    a,
    b,
    moved.size,
    `from task ${b.no ?? '?'}'s numbered row on`,
    byWords
      ? `whose names echo that item's text (as many item rates reproduce ${taken.length ? 'as with the rows below it' : 'either way'})`
      : `so that ${bestGain} more item ${bestGain === 1 ? 'rate reproduces' : 'rates reproduce'}`,
    diagnostics,
  );
  return true;
}

/**
 * A numbered row lifted above the previous task's last rows carries its first item's text (that item stays the
 * task's), while a whole item of the previous task, its text with its indicator rows, sits below it. Up to
 * MAX_SHIFT items below the numbered row, with every row from the numbered row down to the cut, go back to the
 * first task when that makes strictly more of the two tasks' task and item rates reproduce and neither kind
 * fewer; the rows after the cut stay with the numbered row's item. Not a contiguous shift, so not regroupPair's.
 */
function regroupItemsBelow(a: TaskBuilder, b: TaskBuilder, diagnostics: Diagnostic[]): void {
  const b0 = b.anchors[0];
  if (!a.anchors.length || !b0 || b0.line !== b.start || b.anchors.length < 2) return;
  const below = POS(b.start, 63);
  const score = (A: ItemAnchor[], IA: IndicatorRow[], B: ItemAnchor[], IB: IndicatorRow[]) => ({
    tasks: reproduces(a, A) + reproduces(b, B),
    items: -(groupedOf(A, IA).misses + groupedOf(B, IB).misses),
  });
  // The damage shows: the numbered row's item reproduces its rate from the rows below the moved items, not
  // from the rows row order gives it.
  const own = (inds: IndicatorRow[], from: number, to: number) =>
    meanAgrees(
      b0,
      inds.filter((i) => i.pos >= from && i.pos < to),
    );
  if (b0.rate?.value == null) return;
  const rowOrder = !own(b.indicators, b0.pos, b.anchors[1]!.pos);
  // The numbered row's own indicator cells go too only where they alone make the first task's items
  // reproduce more, and then the move must gain rates of both kinds; or where they leave those items as they
  // are (the rates tie), no name on the numbered row echoes its own item's text more than the first task's last
  // item's, b's task rate does not reproduce in row order, and the move gains task rates (item rates not lost).
  const onRow = new Set(b.indicators.filter((i) => i.line === b.start));
  const missA = onRow.size ? grouped(a, a.indicators).misses : 0;
  // With the row: none to gain where a misses none, and a tie is weighed only where b's task rate does not
  // reproduce in row order.
  const missRow =
    onRow.size && (missA > 0 || reproduces(b, b.anchors) === 0) ? grouped(a, [...a.indicators, ...onRow]).misses : undefined;
  const withRow = missRow !== undefined && missRow < missA;
  const rowTie =
    missRow === missA &&
    reproduces(b, b.anchors) === 0 &&
    [...onRow].every((_, m, all) => {
      const words = echoOf([a.anchors[a.anchors.length - 1]!, b0], all, true);
      return words(0, m) >= words(1, m);
    });
  if (!rowOrder && !withRow && !rowTie) return;
  const base = score(a.anchors, a.indicators, b.anchors, b.indicators);
  // Where the rates tie: a numbered row whose item holds no row in row order (its text and rate on a line of
  // their own) takes the rows after the cut where each of their names echoes its text more than the text of the
  // item row order gives them to (by ECHO_LEAN): the items between are the previous task's (HZ115 naming row order).
  const lonely = rowOrder && !b.indicators.some((i) => i.pos >= b0.pos && i.pos < b.anchors[1]!.pos);
  const leans = (gained: IndicatorRow[], other: ItemAnchor) => {
    if (!gained.length) return false;
    const words = echoOf([b0, other], gained, true);
    return gained.every((_, m) => words(0, m) - words(1, m) >= ECHO_LEAN);
  };
  let tie: { cut: number; d: number } | undefined;
  let best: { cut: number; d: number; tasks: number; items: number; row: boolean } | undefined;
  const later: number[] = []; // cuts after best's that reproduce as many rates, in row order
  for (const row of [false, true])
    for (let d = 1; d <= MAX_SHIFT && d < b.anchors.length; d++) {
      if (row ? !withRow && !rowTie : !rowOrder) break;
      const x = b.anchors[d]!;
      // an item text and rate written again (a page top's merged cell) stays with the item it repeats
      if (x.pinned || x.line <= b.start || b.anchors[1]!.repeatOf === b0) break;
      if (b.anchors[d + 1]?.repeatOf === x) continue;
      const limit = b.anchors[d + 1]?.pos ?? Infinity;
      const cuts = new Set([x.pos, ...b.indicators.filter((i) => i.pos >= x.pos && i.pos < limit).map((i) => i.pos)]);
      for (const cut of cuts) {
        const moves = (i: IndicatorRow) => (i.pos > below && i.pos <= cut) || (row && onRow.has(i));
        const stays = b.indicators.filter((i) => !moves(i));
        if (!own(stays, b0.pos, limit)) continue;
        // the task rates first: a reading that loses one is not weighed further
        const A = [...a.anchors, ...b.anchors.slice(1, d + 1)];
        const B = [b0, ...b.anchors.slice(d + 1)];
        const dt = reproduces(a, A) + reproduces(b, B) - base.tasks;
        if (dt < 0 || (row && dt < 1)) continue;
        const di =
          -(groupedOf(A, [...a.indicators, ...b.indicators.filter(moves)]).misses + groupedOf(B, stays).misses) - base.items;
        if (lonely && !row && !tie && dt === 0 && di === 0) {
          const gained = b.indicators.filter((i) => i.pos > cut && i.pos < limit);
          if (leans(gained, x)) tie = { cut, d };
        }
        if (di < 0 || dt + di <= 0 || (row && di < 1 && !rowTie)) continue;
        if (!best || dt + di > best.tasks + best.items) {
          best = { cut, d, tasks: dt, items: di, row };
          later.length = 0;
        } else if (best.d === d && best.row === row && best.tasks === dt && best.items === di) later.push(cut);
      }
    }
  if (!best && tie) best = { ...tie, tasks: 0, items: 0, row: false };
  // Where later cuts reproduce as many rates (capped rates tie), the rows between go with the moved item while
  // each one's name echoes that item's text more than the numbered row's item's (by ECHO_LEAN): 新增省级科技型
  // 中小企业数 under 聚焦科技型中小企业培育…, not under the numbered row's 完善创新孵化体系建设.
  if (best && later.length) {
    const x = b.anchors[best.d]!;
    const next = b.indicators.filter((i) => i.pos > best!.cut && i.pos <= later[later.length - 1]!);
    const words = echoOf([x, b0], next, true);
    for (let m = 0; m < next.length && later.includes(next[m]!.pos); m++) {
      if (words(0, m) - words(1, m) < ECHO_LEAN) break;
      best = { ...best, cut: next[m]!.pos };
    }
  }
  if (!best) return;
  const { cut, d } = best;
  const moves = (i: IndicatorRow) => (i.pos > below && i.pos <= cut) || (best.row && onRow.has(i));
  const counts = [a.anchors.length, b.anchors.length] as const;
  a.anchors = [...a.anchors, ...b.anchors.slice(1, d + 1)];
  a.indicators = [...a.indicators, ...b.indicators.filter(moves)].sort((x, y) => x.pos - y.pos);
  b.anchors = [b0, ...b.anchors.slice(d + 1)];
  b.indicators = b.indicators.filter((i) => !moves(i));
  for (const x of [...a.anchors, ...a.indicators]) if (x.line > a.end) a.end = x.line;
  const gained = best.tasks + best.items;
  const what = `${best.tasks} more task rate(s) and ${best.items} more item rate(s) reproduce`;
  for (const [t, before] of [
    [a, counts[0]],
    [b, counts[1]],
  ] as const) {
    diagnostics.push(
      diag('HZ102', {
        line: t.start,
        column: 1,
        args: {
          level: 'items',
          detail: `task ${t.no ?? '?'} has ${t.anchors.length} item(s) instead of ${before} in row order: ${d === 1 ? 'the item' : `${d} items`} below task ${b.no ?? '?'}'s numbered row ${d === 1 ? 'belongs' : 'belong'} to task ${a.no ?? '?'}, so that ${gained ? what : `the rows after ${d === 1 ? 'it' : 'them'} go to the item whose text their names echo`}`,
        },
      }),
    );
    if (gained) markItemsMoved(t, gained, before, diagnostics);
    else
      mark(
        t,
        'tie',
        {
          en: `items in row order (task ${t.no ?? '?'} with ${before} item(s))`,
          zh: `细化项目按行序归属（重点工作 ${t.no ?? '?'} 有 ${before} 个细化项目）`,
          line: t.start,
        },
        diagnostics,
      );
  }
}

/**
 * The item on b's numbered row is a's where that row was written on the line of a's last item and only a's
 * rate tells: a's written rate reproduces only with the item (b's either way), and the item's words echo the
 * text a's numbered row wrote by a phrase beyond b's (three character bigrams more; not tails joined after a
 * page header: a text read wrongly as one would lend a its words).
 */
function sharesLine(a: TaskBuilder, b: TaskBuilder, moving: readonly ItemAnchor[]): boolean {
  if (moving.length !== 1 || reproduces(a, a.anchors) || !reproduces(b, b.anchors)) return false;
  return leansToFirst(a, b, moving[0]!) >= 3;
}

/** How many more of an item text's character bigrams the first fragment of a's task text holds than b's. */
function leansToFirst(a: TaskBuilder, b: TaskBuilder, item: ItemAnchor): number {
  const words = bigrams(bare(item.descText.join('')));
  const shared = (text: string | undefined) => {
    const t = bare(text ?? '');
    let n = 0;
    for (const g of words) if (t.includes(g)) n++;
    return n;
  };
  return shared(a.descText[0]) - shared(b.descText[0]);
}

/**
 * The items from b's numbered row on are a's where that row was written alone on the line of a's item (a task
 * text centred above its span, its own first item's text left below): the move makes one task rate more
 * reproduce and none fewer (each task read with a repeated item text as one item or two, whichever
 * reproduces), and the text of the item on the numbered row shares two character bigrams more with a's task
 * text than with b's. Rates alone would move b's own first item on the first simulator's renderings (11 times
 * over seeds 1-80, the words against it each time).
 */
function liftedOnto(a: TaskBuilder, b: TaskBuilder, moving: readonly ItemAnchor[], A: ItemAnchor[], B: ItemAnchor[]): boolean {
  const either = (t: TaskBuilder, xs: ItemAnchor[]) => {
    const repeats = xs.filter((x) => x.repeatOf && xs.includes(x.repeatOf));
    return Math.max(reproduces(t, xs), repeats.length ? reproduces(t, mergeRepeats(xs, new Set(repeats))) : 0);
  };
  const ra = either(a, a.anchors);
  const rb = either(b, b.anchors);
  const ra2 = either(a, A);
  const rb2 = either(b, B);
  if (ra2 < ra || rb2 < rb || ra2 + rb2 <= ra + rb) return false;
  const onRow = moving.find((x) => x.line === b.start);
  return !!onRow && leansToFirst(a, b, onRow) >= 2;
}

/** The boundary between two consecutive tasks of a group (both final), processed in row order. */
export function regroupPair(a: TaskBuilder, b: TaskBuilder, diagnostics: Diagnostic[]): void {
  // every item has a rate: a name alone in the item-text column is an indicator before the boundary is read
  lostNames(a);
  lostNames(b);
  // ... and a name tail that finishTask would give back to an item left without indicators, given back before
  // the boundary is read, so that a row across it is not taken to fill that item
  if (a.indicators.some((x) => x.nameTail)) nameTailsBefore(a, diagnostics);
  regrouping = true;
  try {
    regroupIndicators(a, b, diagnostics);
    regroupItemsBelow(a, b, diagnostics);
  } finally {
    regrouping = false;
  }
  const base = reproduces(a, a.anchors) + reproduces(b, b.anchors);
  if (base === 2) return;
  let best = { gain: 0, d: 0 };
  const once = (t: TaskBuilder) => {
    const repeats = t.anchors.filter((x) => x.repeatOf);
    return repeats.length ? reproduces(t, mergeRepeats(t.anchors, new Set(repeats))) : reproduces(t, t.anchors);
  };
  const merged = once(a) + once(b);
  for (let d = 1; d <= MAX_SHIFT; d++) {
    const moving = d < 0 ? a.anchors.slice(a.anchors.length + d) : b.anchors.slice(0, d);
    if (moving.length !== Math.abs(d) || moving.some((x) => x.pinned)) continue;
    const A = d < 0 ? a.anchors.slice(0, a.anchors.length + d) : [...a.anchors, ...moving];
    const B = d < 0 ? [...moving, ...b.anchors] : b.anchors.slice(d);
    if (!A.length || !B.length) continue;
    // the items of one row (a packed row) stay together, and move at the cost of one row
    if (B[0]!.line === moving[moving.length - 1]!.line) continue;
    const after = reproduces(a, A) + reproduces(b, B);
    // The item on b's numbered row is b's: that row starts b (the format's damage moves rows below it); unless
    // the numbered row was written on the line of the previous task's last item: both task rates reproduce
    // with that item in a, neither with it in b (also with a repeated item text read as the item above), or
    // only a's rate tells and the item's words say a (sharesLine), or one rate gained, none lost, and the
    // words say a (liftedOnto).
    if (
      moving.some((x) => x.line === b.start) &&
      (base > 0 || after < 2 || merged > 0) &&
      !(base === 1 && after === 2 && sharesLine(a, b, moving)) &&
      !liftedOnto(a, b, moving, A, B)
    )
      continue;
    // ... and more than row order reproduces with each repeated item text read as the merged cell of the item
    // above (四.56's first item written again at a page top: one item, not an item of the previous task)
    const gain = after - Math.max(base, merged) - ITEM_MOVE_COST * new Set(moving.map((x) => x.line)).size;
    if (gain > best.gain + 1e-9) best = { gain, d };
  }
  if (best.d === 0) return;
  const all = [...a.anchors, ...b.anchors];
  const inds = [...a.indicators, ...b.indicators];
  const split = a.anchors.length + best.d;
  const indOwner = natural(
    all.map((x) => ({ pos: x.pos, rate: null, decimals: null })),
    inds.map((x) => ({ pos: x.pos, rate: null })),
  );
  const counts = [a.anchors.length, b.anchors.length];
  a.anchors = all.slice(0, split);
  b.anchors = all.slice(split);
  a.indicators = inds.filter((_, m) => indOwner[m]! < split);
  b.indicators = inds.filter((_, m) => indOwner[m]! >= split);
  for (const t of [a, b]) {
    for (const x of [...t.anchors, ...t.indicators]) if (x.line > t.end) t.end = x.line;
  }
  const detail = (t: TaskBuilder, before: number) =>
    `task ${t.no ?? '?'} has ${t.anchors.length} item(s) instead of ${before} in row order, so that ${
      reproduces(a, a.anchors) + reproduces(b, b.anchors)
    } of the 2 task rates ${a.no ?? '?'} and ${b.no ?? '?'} reproduce instead of ${base}`;
  const gained = reproduces(a, a.anchors) + reproduces(b, b.anchors) - base;
  for (const [t, before] of [
    [a, counts[0]!],
    [b, counts[1]!],
  ] as const) {
    diagnostics.push(diag('HZ102', { line: t.start, column: 1, args: { level: 'items', detail: detail(t, before) } }));
    markItemsMoved(t, gained, before, diagnostics);
  }
}

// The boundary rules read every indicator's rate once per reading they weigh: each distinct text parsed once.
const RATE_VALUES = new Map<string, number | null>();

function indicatorRate(ind: IndicatorRow): number | null {
  const text = ind.rateText;
  let v = RATE_VALUES.get(text);
  if (v === undefined) {
    v = parseRate(text, []).value;
    if (RATE_VALUES.size >= 4096) RATE_VALUES.clear();
    RATE_VALUES.set(text, v);
  }
  return v;
}

/** Items repeated on the next row read as the merged cell of one item: each repeat in `merge` joins the item above
 * (its description as a repeat, a page-break tail it took as part of the description). */
function mergeRepeats(anchors: readonly ItemAnchor[], merge: ReadonlySet<ItemAnchor>): ItemAnchor[] {
  const out: ItemAnchor[] = [];
  for (const a of anchors) {
    const prev = out[out.length - 1];
    if (merge.has(a) && a.repeatOf && prev && prev.line === a.repeatOf.line && prev.rate && a.rate) {
      out[out.length - 1] = {
        ...prev,
        desc: [...prev.desc, ...a.desc.slice(1)],
        descText: [...prev.descText, ...a.descText.slice(1)],
        repeats: [...prev.repeats, ...a.desc.slice(0, 1)],
        rate: { ...prev.rate, at: [...prev.rate.at, ...a.rate.at] },
        extra: prev.extra ?? a.extra,
      };
    } else out.push(a);
  }
  return out;
}

/**
 * The same item text and rate on two consecutive item rows: two items, unless reading the second as the merged
 * cell of the first repeated at the top of a page explains strictly more of the written rates (item rates,
 * and the task's rate as the mean of its items). Where nothing decides, two: the bundled report writes
 * identical items twice (四.9, 四.120) and never repeats an item's text at a page top (docs/fidelity.md,
 * "Damage"). A tie at a page top is said; within a page it leaves nothing in doubt. At a page top, where the task
 * rate is the rounded mean only with the repeat read as the item above (the other reading agreeing by truncation
 * alone: 95% for 95.00 and 95.83), one item, said too.
 */
function readRepeats(tb: TaskBuilder, anchors: ItemAnchor[], members: Member[], diagnostics: Diagnostic[]): ItemAnchor[] {
  const repeats = anchors.filter((a) => a.repeatOf);
  if (!repeats.length) return anchors;
  const merge = new Set<ItemAnchor>();
  for (const r of repeats) {
    const one = misses(tb, mergeRepeats(anchors, new Set([...merge, r])), members);
    const two = misses(tb, mergeRepeats(anchors, merge), members);
    if (one < two) {
      merge.add(r);
      mark(tb, null, null, diagnostics);
    } else if (
      one === two &&
      r.repeatAtPageTop &&
      roundsOnly(tb, mergeRepeats(anchors, new Set([...merge, r])), mergeRepeats(anchors, merge))
    ) {
      merge.add(r);
      mark(
        tb,
        'tie',
        {
          en: 'the repeated item text and rate at the top of the page read as an item of its own',
          zh: '页首重复的细化项目及完成率作为单独的细化项目',
          line: r.line,
        },
        diagnostics,
      );
    } else if (one === two && r.repeatAtPageTop)
      mark(
        tb,
        'tie',
        {
          en: 'the repeated item text and rate at the top of the page read as the merged cell of the item above',
          zh: '页首重复的细化项目及完成率作为上一细化项目的合并单元格',
          line: r.line,
        },
        diagnostics,
      );
  }
  return merge.size ? mergeRepeats(anchors, merge) : anchors;
}

/** Whether the task's written rate is its items' mean rounded in `one` and only truncated in `other`. */
function roundsOnly(tb: TaskBuilder, one: readonly ItemAnchor[], other: readonly ItemAnchor[]): boolean {
  const t = tb.rate;
  if (!t || t.value === null || t.decimals === null) return false;
  const rounds = (xs: readonly ItemAnchor[]) => {
    if (!xs.length || xs.some((x) => x.rate?.value == null)) return false;
    const mean = xs.reduce((n, x) => n + x.rate!.value!, 0) / xs.length;
    return Math.abs(roundTo(mean, t.decimals!) - t.value!) < 10 ** -t.decimals! / 1000;
  };
  return rounds(one) && !rounds(other);
}

/** Written rates a reading leaves unexplained: item rates (after grouping), and the task rate. */
function misses(tb: TaskBuilder, anchors: readonly ItemAnchor[], members: Member[]): number {
  const p = partition(anchorsOf(anchors), members, true);
  return p.checkable - p.explained + (tb.rate?.value != null && reproduces(tb, anchors as ItemAnchor[]) === 0 ? 1 : 0);
}

/**
 * A tail joined only because its rate equals the cut item's is an item of its own when that, and not
 * the joined reading, reproduces the task's written rate (the two rates were equal by chance); one whose row's
 * indicator is named after it alone (`words`) is an item of its own unless only the joined reading does.
 */
function splitTails(tb: TaskBuilder, diagnostics: Diagnostic[]): void {
  for (let i = 0; i < tb.anchors.length; i++) {
    const a = tb.anchors[i]!;
    const alt = a.tailAlt;
    if (!alt || a.desc[a.desc.length - 1] !== alt.desc) continue;
    const joined = reproduces(tb, tb.anchors);
    if (joined && !alt.words) continue;
    const item: ItemAnchor = {
      pos: POS(alt.desc.line),
      line: alt.desc.line,
      desc: [alt.desc],
      descText: [alt.desc.text],
      rate: parseRate(alt.rate.text, [loc(alt.rate)]),
      pinned: false,
      repeats: [],
    };
    const anchors = [...tb.anchors.slice(0, i + 1), item, ...tb.anchors.slice(i + 1)];
    const split = reproduces(tb, anchors);
    if (alt.words ? joined && !split : !split) continue;
    a.desc = a.desc.slice(0, -1);
    a.descText = a.descText.slice(0, -1);
    if (a.rate) a.rate = { ...a.rate, at: a.rate.at.filter((x) => x.line !== alt.rate.line || x.column !== alt.rate.column) };
    a.tailAlt = undefined;
    tb.anchors = anchors;
    const k = diagnostics.findIndex((d) => d.code === 'HZ103' && d.line === alt.desc.line && d.column === alt.desc.column);
    if (k >= 0) diagnostics.splice(k, 1);
    // Decided by the task's rate where only the split reading reproduces it; by the words where both or neither do.
    if (!joined)
      mark(
        tb,
        'one-rate',
        {
          en: 'the text after the page header read as the tail of the item text cut above it',
          zh: '分页后的文字作为上方被分页截断的细化项目的后半',
          line: alt.desc.line,
        },
        diagnostics,
      );
  }
}

/**
 * A name alone after a page header was joined to the name above as its cut tail. Where the grouping leaves
 * the item whose rows it sits among without any indicator, it is that item's indicator without figures
 * instead (an item's rows hold its indicators). True when one was split off.
 */
function splitNameTails(
  tb: TaskBuilder,
  anchors: readonly ItemAnchor[],
  owner: readonly number[],
  diagnostics: Diagnostic[],
): boolean {
  if (!tb.indicators.some((x) => x.nameTail)) return false;
  const held = new Uint8Array(anchors.length);
  for (const i of owner) held[i] = 1;
  let split = false;
  for (let m = 0; m < tb.indicators.length; m++) {
    const x = tb.indicators[m]!;
    const tail = x.nameTail;
    if (!tail) continue;
    const pos = POS(tail.line);
    let i = -1; // the item whose rows the tail's row is among, in row order
    while (i + 1 < anchors.length && anchors[i + 1]!.pos <= pos) i++;
    if (i < 0 || held[i] || !x.name.text.endsWith(tail.text)) continue;
    x.name = { text: x.name.text.slice(0, -tail.text.length), at: x.name.at.filter((a) => a.line !== tail.line) };
    x.nameTail = undefined;
    const own = withoutFigures(pos, tail.line, tail);
    let k = m + 1;
    while (k < tb.indicators.length && tb.indicators[k]!.pos < pos) k++;
    tb.indicators.splice(k, 0, own);
    const d = diagnostics.findIndex((g) => g.code === 'HZ103' && g.line === tail.line && g.column === tail.column);
    if (d >= 0) diagnostics.splice(d, 1);
    held[i] = 1;
    split = true;
  }
  return split;
}

/**
 * splitNameTails on a task's own grouping (the arithmetic's, without the words), before its boundary is read; not
 * where an item text is written again (one item or two: readRepeats decides in finishTask, after the boundary).
 */
function nameTailsBefore(t: TaskBuilder, diagnostics: Diagnostic[]): void {
  if (!t.anchors.length || t.anchors.some((x) => x.repeatOf)) return;
  const p = partition(anchorsOf(t.anchors), membersOf(t.indicators), true);
  splitNameTails(t, t.anchors, p.owner, diagnostics);
}

/**
 * Every item has a rate (docs/format.md); a short name alone on its row in the item-text column, with no
 * rate there or on any row after it, is an indicator without figures whose cell slid left into that column
 * (a row of one cell shows no gap to realign by). It becomes that indicator, in row order.
 */
function lostNames(tb: TaskBuilder): void {
  if (tb.anchors.length < 2) return;
  const lone = (a: ItemAnchor): boolean =>
    !a.rate &&
    a.desc.length === 1 &&
    a.desc[0]!.type === 'name' &&
    a.desc[0]!.line === a.line &&
    !a.tailAlt &&
    !a.repeatOf &&
    !a.repeats.length &&
    !tb.indicators.some((x) => x.line === a.line);
  if (!tb.anchors.some(lone)) return;
  tb.anchors = tb.anchors.filter((a, i) => {
    if (i === 0 || !lone(a)) return true;
    const c = a.desc[0]!;
    const own = withoutFigures(a.pos, a.line, c);
    let k = 0;
    while (k < tb.indicators.length && tb.indicators[k]!.pos < a.pos) k++;
    tb.indicators.splice(k, 0, own);
    return false;
  });
}

/**
 * Figures with words. Where the rates tie and an edge row's name leans to the neighbouring item (too
 * little to move it: the ambiguous mark's reading), its target written as a figure with its unit in that
 * item's text and not in its own decides: items state the figures their indicators count
 * (完成项目100处 → 完成项目数, 100处). Two pieces of evidence that agree, each too weak alone.
 */
function figureDecides(x: IndicatorRow, to: ItemAnchor, own: ItemAnchor): boolean {
  const f = figureOf(x.targetText);
  const text = (a: ItemAnchor) => a.descText.join('').replace(/\s+/g, '');
  return !!f && f.test(text(to)) && !f.test(text(own));
}

/**
 * A repeated item (the same text and rate written for two items of a task) promises the same twice, so both
 * count the same indicators: where the rates tie, the single move of an edge row that gives every such pair
 * the same indicator names, in order, is taken. The owners after that move, or undefined.
 */
function sameAsRepeated(
  anchors: readonly ItemAnchor[],
  gAnchors: readonly Anchor[],
  inds: readonly IndicatorRow[],
  members: readonly Member[],
  owner: readonly number[],
): number[] | undefined {
  // each item after the first of its text and rate, paired with that first one (texts compared without
  // white space, read only for items whose rate text an earlier item shares)
  const text: (string | undefined)[] = [];
  const textOf = (i: number) => (text[i] ??= anchors[i]!.descText.join(''));
  // the same without white space (stripped only where either holds any)
  const sameText = (x: string, y: string) =>
    x === y || ((/\s/.test(x) || /\s/.test(y)) && x.replace(/\s+/g, '') === y.replace(/\s+/g, ''));
  const pairs: [number, number][] = [];
  for (let j = 1; j < anchors.length; j++) {
    const rate = anchors[j]!.rate?.text ?? '';
    for (let i = 0; i < j; i++)
      if ((anchors[i]!.rate?.text ?? '') === rate && sameText(textOf(i), textOf(j))) {
        pairs.push([i, j]);
        break;
      }
  }
  if (!pairs.length) return undefined;
  const names = (o: readonly number[], i: number) =>
    inds
      .filter((_, m) => o[m] === i)
      .map((x) => x.name.text.replace(/\s+/g, ''))
      .join('\t');
  const alike = (o: readonly number[]) => pairs.filter(([i, j]) => names(o, i) === names(o, j)).length;
  if (alike(owner) === pairs.length) return undefined;
  for (const [m, to] of tieCandidates(gAnchors, members, owner, true)) {
    const o = owner.map((x, k) => (k === m ? to : x));
    if (alike(o) === pairs.length) return o;
  }
  return undefined;
}

const KIN_START = 4; // characters two names begin with alike to be one list of a kind

/** Characters two names share at their start, white space left out. */
function sharedStart(a: string, b: string): number {
  const x = a.replace(/\s+/g, '');
  const y = b.replace(/\s+/g, '');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

/**
 * Names with words. Where the rates tie and an edge row's words echo the neighbouring item clearly more than
 * its own (by ECHO_MIN, the margin that moves it alone not reached), and its name shares more with the row
 * across the boundary (that item's edge row) than with the row beside it in its own item, it goes: items
 * list their indicators in kind (山岭段完工率, 平原段完工率). Not where the words say nothing in the task
 * (wordsDecide). The owners after the move, or undefined.
 */
function namesDecide(
  gAnchors: readonly Anchor[],
  inds: readonly IndicatorRow[],
  members: readonly Member[],
  owner: readonly number[],
  words: Echo,
): number[] | undefined {
  let checked = false;
  for (const [m, to] of tieCandidates(gAnchors, members, owner, true)) {
    const own = owner[m]!;
    const lean = words(to, m) - words(own, m);
    if (lean <= 0) continue;
    const up = to < own;
    const across = inds[up ? m - 1 : m + 1];
    const k = up ? m + 1 : m - 1;
    const along = owner[k] === own ? inds[k] : undefined;
    const name = bigrams(bare(inds[m]!.name.text));
    const like = (x: IndicatorRow | undefined) => (x ? echo(name, bare(x.name.text)) : 0);
    // words that lean at all, and a name of the row across's kind sharing nothing with the row beside it (which
    // stays in its item): kinKeeps' mirror, a name goes with its kin
    const kin = !!along && like(along) === 0 && like(across) >= KIN;
    if (lean < ECHO_LEAN && !kin) continue;
    if (!checked && echoesOthers(words, gAnchors.length, owner)) return undefined;
    checked = true;
    if (kin) return owner.map((o, j) => (j === m ? to : o));
    // clear words and a name that goes on from the row across; or leaning words and a name that begins as
    // the row across does (the same first words: one list of a kind) and not as the row beside it
    const begins = (x: IndicatorRow | undefined) => (x ? sharedStart(inds[m]!.name.text, x.name.text) : 0);
    if ((lean >= ECHO_MIN && like(across) > like(along)) || (begins(across) >= KIN_START && begins(across) > begins(along)))
      return owner.map((o, j) => (j === m ? to : o));
  }
  return undefined;
}

const KIN = 0.2; // share of a name's bigrams found in its neighbour's name: the same kind of indicator

/**
 * A chain of lifted item texts. A text taller than its item's rows is written higher, on the previous item's
 * last row, and where several short items follow one another each text sits one row early: in row order each
 * such row goes with the text beside it, one item late (制定出台《关于实习生…》 beside 失业保险单位及个人缴费比例,
 * the last indicator of the item above, 贯彻落实阶段性降低失业保险…费率政策). Where no written rate is lost, two or
 * more consecutive boundaries whose first rows carry the next item's text are shifted down by one row together,
 * when each such row's words echo the item above at least as much as the item beside it, and by ECHO_LEAN more
 * in all (the words' own switch, echoesOthers, is not asked: in such a chain most rows echo the item above).
 * One boundary alone is the tie rules' single edge move. The owners after the shift, or undefined.
 */
function chainDecides(
  anchors: readonly ItemAnchor[],
  inds: readonly IndicatorRow[],
  members: readonly Member[],
  owner: readonly number[],
  words: Echo,
): number[] | undefined {
  const k = anchors.length;
  if (k < 3) return undefined;
  // each anchor's run of members [start, end), or -1 where it holds none (owners are contiguous)
  const start = new Array<number>(k).fill(-1);
  const end = new Array<number>(k).fill(-1);
  for (let m = 0; m < owner.length; m++) {
    const i = owner[m]!;
    if (start[i] === -1) start[i] = m;
    end[i] = m + 1;
  }
  // whether anchor i keeps a reproduced rate over members [s, e) (the arithmetic first: words cost more)
  const agreesOver = (i: number, s: number, e: number) => meanAgrees(anchors[i]!, inds.slice(s, e));
  const keeps = (i: number, s: number, e: number) => !agreesOver(i, start[i]!, end[i]!) || agreesOver(i, s, e);
  // boundary i (between anchors i and i + 1) can lift when the first row of i + 1 carries i + 1's text, and the
  // row after it, which would begin i + 1, continues no name cell
  const lifts = (i: number) => {
    const f = start[i + 1]!;
    return start[i]! >= 0 && f >= 0 && end[i] === f && inds[f]!.line === anchors[i + 1]!.line && !members[f + 1]?.glued;
  };
  // the chain's last item gives up its first row and keeps one at least
  const ends = (j: number) => end[j]! - start[j]! >= 2 && keeps(j, start[j]! + 1, end[j]!);
  for (let p = 0; p + 2 < k; p++) {
    if (!lifts(p) || !keeps(p, start[p]!, end[p]! + 1)) continue;
    let q = p; // items p + 1 .. q move down by one row whole
    while (q + 2 < k && lifts(q + 1) && keeps(q + 1, start[q + 1]! + 1, end[q + 1]! + 1)) q++;
    let last = -1;
    for (let j = q + 1; j > p + 1 && last < 0; j--) if (ends(j)) last = j;
    if (last < 0) {
      p = q;
      continue;
    }
    // the words: no row leaning to the item beside it, and ECHO_LEAN to the items above in all
    let lean = 0;
    let best = -1;
    let i = p;
    for (; i <= q; i++) {
      const f = start[i + 1]!;
      const d = words(i, f) - words(i + 1, f);
      if (d < 0) break;
      lean += d;
      if (i > p && ends(i + 1) && lean >= ECHO_LEAN) best = i + 1;
    }
    if (best > 0) return owner.map((o, m) => (o > p && o <= best && m === start[o]! ? o - 1 : o));
    p = Math.min(i, q); // a chain may begin after a row that leans the other way
  }
  return undefined;
}

/**
 * Words do not part kin. Where the grouping took an edge row away from its row-order item on the words
 * alone (the rates tie), and its name goes on from the row beside it in that item (a share of KIN or more of
 * its bigrams: 富阳新登污水厂三期, 富阳污水处理厂五期) and shares nothing with the row beside it where the words
 * put it, it goes back: items list their indicators in kind, and an item's text names only some of them.
 * The row and the item the words gave it to, or undefined.
 */
function kinKeeps(
  gAnchors: readonly Anchor[],
  inds: readonly IndicatorRow[],
  members: readonly Member[],
  owner: readonly number[],
): { member: number; from: number } | undefined {
  const nat = natural(gAnchors, members);
  if (owner.every((o, m) => o === nat[m])) return undefined;
  for (const [m, to] of tieCandidates(gAnchors, members, owner, true)) {
    const own = owner[m]!;
    if (own === nat[m] || to !== nat[m]) continue;
    const up = to < own;
    const across = inds[up ? m - 1 : m + 1];
    const k = up ? m + 1 : m - 1;
    const along = owner[k] === own ? inds[k] : undefined;
    const name = bigrams(bare(inds[m]!.name.text));
    const like = (x: IndicatorRow | undefined) => (x ? echo(name, bare(x.name.text)) : 0);
    if (like(across) >= KIN && like(along) === 0) return { member: m, from: own };
  }
  return undefined;
}

/**
 * The same indicator (name, target and current) twice in one item: the report writes an indicator again for
 * another item of its task (15 times in the bundled report), never twice in one item. Where the rates tie,
 * the single move of an edge copy to the neighbouring item, which holds no copy, is taken. The owners after
 * that move, or undefined.
 */
function twiceApart(
  gAnchors: readonly Anchor[],
  inds: readonly IndicatorRow[],
  members: readonly Member[],
  owner: readonly number[],
): number[] | undefined {
  if (!twiceInOne(inds, owner)) return undefined;
  const key = (x: IndicatorRow) => `${x.name.text.replace(/\s+/g, '')}\t${x.targetText}\t${x.currentText}`;
  const held = new Map<string, number[]>(); // key → anchors holding it, one entry per copy
  inds.forEach((x, m) => held.set(key(x), [...(held.get(key(x)) ?? []), owner[m]!]));
  const twice = (k: string, i: number) => (held.get(k) ?? []).filter((o) => o === i).length > 1;
  for (const [m, to] of tieCandidates(gAnchors, members, owner, true)) {
    const k = key(inds[m]!);
    if (twice(k, owner[m]!) && !(held.get(k) ?? []).includes(to)) return owner.map((o, j) => (j === m ? to : o));
  }
  return undefined;
}

/** Target and current written alike (as twiceApart's key joins them). */
const sameFigures = (x: IndicatorRow, y: IndicatorRow): boolean =>
  (x.targetText === y.targetText && x.currentText === y.currentText) ||
  (x.targetText.length + x.currentText.length === y.targetText.length + y.currentText.length &&
    `${x.targetText}\t${x.currentText}` === `${y.targetText}\t${y.currentText}`);

/** Whether one anchor holds the same indicator (name without white space, target, current) twice. */
function twiceInOne(inds: readonly IndicatorRow[], owner: readonly number[]): boolean {
  for (let j = 1; j < inds.length; j++) {
    const y = inds[j]!;
    for (let i = 0; i < j; i++) {
      const x = inds[i]!;
      if (owner[i] === owner[j] && sameFigures(x, y) && x.name.text.replace(/\s+/g, '') === y.name.text.replace(/\s+/g, ''))
        return true;
    }
  }
  return false;
}

export function finishTask(tb: TaskBuilder, diagnostics: Diagnostic[]): Task {
  splitTails(tb, diagnostics);
  lostNames(tb);
  let anchors = tb.anchors.length
    ? tb.anchors
    : tb.indicators.length
      ? [
          {
            pos: tb.indicators[0]!.pos,
            line: tb.indicators[0]!.line,
            desc: [],
            descText: [],
            rate: null,
            pinned: false,
            repeats: [],
          } satisfies ItemAnchor,
        ]
      : [];
  let members = membersOf(tb.indicators);
  anchors = readRepeats(tb, anchors, members, diagnostics);
  const gAnchors = anchorsOf(anchors);
  let words = echoOf(anchors, tb.indicators);
  let p = partition(gAnchors, members, true, undefined, words);
  if (splitNameTails(tb, anchors, p.owner, diagnostics)) {
    members = membersOf(tb.indicators);
    words = echoOf(anchors, tb.indicators);
    p = partition(gAnchors, members, true, undefined, words);
  }
  const decided =
    sameAsRepeated(anchors, gAnchors, tb.indicators, members, p.owner) ??
    twiceApart(gAnchors, tb.indicators, members, p.owner) ??
    namesDecide(gAnchors, tb.indicators, members, p.owner, words);
  if (decided) p = { ...p, owner: decided, moved: p.moved + 1 };
  const chain = chainDecides(anchors, tb.indicators, members, p.owner, words);
  if (chain) {
    const nat = natural(gAnchors, members);
    p = { ...p, owner: chain, moved: chain.filter((o, m) => o !== nat[m]).length };
  }
  // row order kept (nothing moved): no row left its row-order item on the words, none to give back
  const kin = decided || !p.moved ? undefined : kinKeeps(gAnchors, tb.indicators, members, p.owner);
  if (kin) {
    const back = natural(gAnchors, members)[kin.member]!;
    p = { ...p, owner: p.owner.map((o, m) => (m === kin.member ? back : o)), moved: p.moved - 1 };
    const x = tb.indicators[kin.member]!;
    mark(
      tb,
      'tie',
      {
        en: `indicator "${x.name.text}" under the item ${kin.from < back ? 'above' : 'below'} it, whose text its name echoes`,
        zh: `指标“${x.name.text}”归${kin.from < back ? '上方' : '下方'}的细化项目（指标名称与其文字相近）`,
        line: x.line,
      },
      diagnostics,
    );
  }
  const lean = decided || kin ? undefined : leaning(gAnchors, members, p.owner, true, words);
  if (lean && figureDecides(tb.indicators[lean.member]!, anchors[lean.anchor]!, anchors[p.owner[lean.member]!]!)) {
    p = { ...p, owner: p.owner.map((o, m) => (m === lean.member ? lean.anchor : o)), moved: p.moved + 1 };
  } else if (lean) {
    const x = tb.indicators[lean.member]!;
    mark(
      tb,
      'tie',
      {
        en: `indicator "${x.name.text}" under the item ${lean.anchor < p.owner[lean.member]! ? 'above' : 'below'} it, whose text its name echoes`,
        zh: `指标“${x.name.text}”归${lean.anchor < p.owner[lean.member]! ? '上方' : '下方'}的细化项目（指标名称与其文字相近）`,
        line: x.line,
      },
      diagnostics,
    );
  }
  if (p.moved > 0) {
    diagnostics.push(
      diag('HZ102', {
        line: tb.start,
        column: 1,
        endLine: tb.end,
        args: {
          level: 'indicators',
          detail: `row order reproduces ${p.naturalExplained} of ${p.checkable} item rates, the chosen grouping ${p.explained} (${p.moved} indicator(s) moved)${p.explained - p.naturalExplained === 1 ? '; close: one rate decided' : ''}`,
        },
      }),
    );
    mark(
      tb,
      p.explained - p.naturalExplained === 1 && p.roundOnly ? 'one-rate' : null,
      { en: 'indicators under their items in row order', zh: '量化指标按行序归属细化项目', line: tb.start },
      diagnostics,
    );
  }
  // Each item's indicators, in row order (one pass, not a filter per item).
  const owned: IndicatorRow[][] = anchors.map(() => []);
  tb.indicators.forEach((x, m) => owned[p.owner[m]!]?.push(x));
  const items: Item[] = anchors.map((a, i) => {
    const inds = owned[i]!;
    let start = a.line;
    let end = a.line;
    for (const x of inds) {
      if (x.line < start) start = x.line;
      if (x.line > end) end = x.line;
    }
    for (const c of a.desc) {
      if (c.line < start) start = c.line;
      if (c.line > end) end = c.line;
    }
    const descAt: Location[] = [];
    for (const c of a.desc) descAt.push(loc(c));
    for (const c of a.repeats) descAt.push(loc(c));
    const item: Item = {
      description: a.descText.join(''),
      rate: a.rate,
      lines: { start, end },
      indicators: inds.map((x) => toIndicator(x, diagnostics)),
      at: { description: descAt },
    };
    if (a.extra) item.extra = a.extra;
    return item;
  });
  const task: Task = {
    no: tb.no,
    description: tb.descText.join(''),
    rate: tb.rate,
    owner: tb.owner,
    highlights: tb.highlights,
    nextSteps: tb.nextSteps,
    lines: { start: tb.start, end: tb.end },
    items,
    at: { no: tb.noAt, description: tb.descAt, owner: tb.ownerAt, highlights: tb.highlightsAt, nextSteps: tb.nextStepsAt },
  };
  if (tb.extra) task.extra = tb.extra;
  task.structure = tb.structure ?? 'layout';
  return task;
}

const FULL_WIDTH = /[０-９％．，]/;
const THOUSANDS = /\d[,，]\d{3}(?!\d)/;

/** Figures written with full-width characters or thousands separators are read, and said so. */
function oddDigits(cell: Cell | null, text: string, diagnostics: Diagnostic[]): void {
  if (!cell) return;
  const full = FULL_WIDTH.test(text);
  const thousands = THOUSANDS.test(full ? halfWidth(text) : text);
  if (!full && !thousands) return;
  const what =
    full && thousands
      ? 'full-width characters and thousands separators'
      : full
        ? 'full-width characters'
        : 'thousands separators';
  diagnostics.push(diag('HZ111', { line: cell.line, column: cell.column, args: { what, text } }));
}

function toIndicator(i: IndicatorRow, diagnostics: Diagnostic[]): Indicator {
  oddDigits(i.target, i.targetText, diagnostics);
  oddDigits(i.current, i.currentText, diagnostics);
  oddDigits(i.rate, i.rateText, diagnostics);
  const indicator: Indicator = {
    name: i.name.text,
    target: i.target ? parseQuantity(i.targetText, [loc(i.target)]) : null,
    current: i.current ? parseQuantity(i.currentText, [loc(i.current)]) : null,
    rate: i.rate ? parseRate(i.rateText, [loc(i.rate)]) : null,
    ceiling: false,
    line: i.line,
    at: { name: i.name.at },
  };
  if (i.extra) indicator.extra = i.extra;
  return indicator;
}

/** Items moved across a task boundary: marked ambiguous where one rate decided, the other reading row order. */
function markItemsMoved(t: TaskBuilder, gained: number, before: number, diagnostics: Diagnostic[]): void {
  mark(
    t,
    gained <= 1 ? 'one-rate' : null,
    {
      en: `items in row order (task ${t.no ?? '?'} with ${before} item(s))`,
      zh: `细化项目按行序归属（重点工作 ${t.no ?? '?'} 有 ${before} 个细化项目）`,
      line: t.start,
    },
    diagnostics,
  );
}

/** Indicator rows of task b given to task a, the task before it (a's span grows to take them). */
function moveToPrevious(a: TaskBuilder, b: TaskBuilder, moved: ReadonlySet<IndicatorRow>): void {
  a.indicators.push(...moved);
  b.indicators = b.indicators.filter((x) => !moved.has(x));
  for (const x of moved) if (x.line > a.end) a.end = x.line;
}
