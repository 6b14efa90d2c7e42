// Quarter over quarter: match two compiled reports node by node (sections, tasks, items, indicators)
// and say what changed. Matching is anchored where the reports allow (section ordinal, task number)
// and falls back to text similarity only inside the anchored parent, so the work stays near-linear.
// See docs: README, `hzreport diff`.
import type { Indicator, Item, Quantity, Rate, Report, Section, Task } from './model.js';
import type {
  Change,
  ChangeKind,
  Counts,
  CurrentChange,
  Diff,
  Level,
  Match,
  MatchMethod,
  RateChange,
  ScheduleChange,
  TaskMatch,
} from './diff-model.js';
import { CHANGE_KINDS, DIFF_SCHEMA_ID, DIFF_SCHEMA_VERSION } from './diff-kinds.js';
import { commonValues, halfWidth } from './quantity.js';
import { formatPercent } from './rates.js';

/** Below this similarity two nodes are not a match but a drop and an add. */
export const DEFAULT_THRESHOLD = 0.5;
/** A task number anchors a match only when the descriptions agree at least this much. */
const NUMBER_AGREES = 0.6;
/** Leftover tasks compared across sections only while the pairs stay few (else exact text only). */
const CROSS_PAIRS = 250_000;

export interface DiffOptions {
  /** Similarity (0-1) below which nodes are not matched; default DEFAULT_THRESHOLD. */
  threshold?: number;
}

// ---- similarity ---------------------------------------------------------------------------------

/** Text as compared: half-width, no HTML, no white space (page breaks and extraction add or drop spaces). */
export function normalizeText(s: string | null | undefined): string {
  return halfWidth(s ?? '')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

interface Grams {
  key: string;
  grams: Map<string, number>;
  size: number;
}

function gramsOf(text: string | null | undefined): Grams {
  const key = normalizeText(text);
  const grams = new Map<string, number>();
  const chars = Array.from(key);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return { key, grams, size: Math.max(0, chars.length - 1) };
}

/** Bigrams a text must have before containment counts (a short name inside a long one says little). */
const CONTAINED_MIN = 8;
/** Similarity given to a text wholly contained in the other, scaled by how much of it is. */
const CONTAINED_WEIGHT = 0.9;

/**
 * Character-bigram Dice coefficient of two normalised texts (1 when equal, 0 when nothing is shared),
 * raised to 0.9 × the overlap coefficient when the shorter text lies within the longer: extraction
 * damage joins a cut fragment to a neighbouring cell, which lengthens one side only.
 */
function dice(a: Grams, b: Grams): number {
  if (a.key === b.key) return 1;
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.grams.size <= b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams];
  let shared = 0;
  for (const [g, n] of small) shared += Math.min(n, large.get(g) ?? 0);
  const d = (2 * shared) / (a.size + b.size);
  const min = Math.min(a.size, b.size);
  return min >= CONTAINED_MIN ? Math.max(d, (CONTAINED_WEIGHT * shared) / min) : d;
}

/** Similarity of two texts (0-1), as the matching uses it. */
export function similarity(a: string, b: string): number {
  return dice(gramsOf(a), gramsOf(b));
}

// ---- pairing ------------------------------------------------------------------------------------

interface Cand {
  idx: number;
  g: Grams;
  /** Position within its parent (0-1), a tie-breaker between equally similar candidates. */
  pos: number;
  /** A second text (an indicator's target) preferred equal on ties. */
  tie?: string;
}

interface Pair {
  a: number;
  b: number;
  sim: number;
}

/** Greedy best-first pairing: the most similar pairs first, ties broken by agreeing side text, then by position. */
function pairUp(olds: readonly Cand[], news: readonly Cand[], min: number): Pair[] {
  const pairs: (Pair & { tie: number; dist: number })[] = [];
  for (const o of olds)
    for (const n of news) {
      const sim = dice(o.g, n.g);
      if (sim >= min)
        pairs.push({
          a: o.idx,
          b: n.idx,
          sim,
          tie: o.tie !== undefined && o.tie === n.tie ? 0 : 1,
          dist: Math.abs(o.pos - n.pos),
        });
    }
  pairs.sort((x, y) => y.sim - x.sim || x.tie - y.tie || x.dist - y.dist);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: Pair[] = [];
  for (const p of pairs) {
    if (usedA.has(p.a) || usedB.has(p.b)) continue;
    usedA.add(p.a);
    usedB.add(p.b);
    out.push({ a: p.a, b: p.b, sim: p.sim });
  }
  return out;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

// ---- the report as nodes --------------------------------------------------------------------------

interface TaskNode {
  task: Task;
  section: number;
  path: string;
  label: string;
  g: Grams;
  pos: number;
}

const sectionLabel = (s: Section, i: number) => s.ordinal ?? String(i + 1);

function tasksOf(report: Report): TaskNode[][] {
  return report.sections.map((s, si) => {
    const out: TaskNode[] = [];
    s.groups.forEach((grp, gi) =>
      grp.tasks.forEach((task, ti) =>
        out.push({
          task,
          section: si,
          path: `/sections/${si}/groups/${gi}/tasks/${ti}`,
          label: `${sectionLabel(s, si)}.${task.no ?? '?'}`,
          g: gramsOf(task.description),
          pos: 0,
        }),
      ),
    );
    out.forEach((t, i) => (t.pos = out.length > 1 ? i / (out.length - 1) : 0));
    return out;
  });
}

const cands = <T>(xs: readonly T[], text: (x: T) => string | null, tie?: (x: T) => string): Cand[] =>
  xs.map((x, i) => ({ idx: i, g: gramsOf(text(x)), pos: xs.length > 1 ? i / (xs.length - 1) : 0, tie: tie?.(x) }));

// ---- matching -------------------------------------------------------------------------------------

interface Matched<T> {
  old: T;
  new: T;
  match: Match;
}

/** Sections: same ordinal with agreeing titles, then by title, then by position when neither has a title. */
export function matchSections(olds: readonly Section[], news: readonly Section[], threshold: number): [number, number, Match][] {
  const out: [number, number, Match][] = [];
  const usedO = new Set<number>();
  const usedN = new Set<number>();
  const take = (o: number, n: number, method: MatchMethod, sim: number) => {
    usedO.add(o);
    usedN.add(n);
    out.push([o, n, { method, similarity: round4(sim) }]);
  };
  olds.forEach((o, oi) => {
    if (o.ordinal === null) return;
    const ni = news.findIndex((n, k) => !usedN.has(k) && n.ordinal === o.ordinal);
    if (ni < 0) return;
    const sim = similarity(o.title ?? '', news[ni]!.title ?? '');
    if (sim >= threshold) take(oi, ni, 'ordinal', sim);
  });
  const restO = cands(olds, (s) => s.title).filter((c) => !usedO.has(c.idx) && olds[c.idx]!.title !== null);
  const restN = cands(news, (s) => s.title).filter((c) => !usedN.has(c.idx) && news[c.idx]!.title !== null);
  for (const p of pairUp(restO, restN, threshold)) take(p.a, p.b, 'title', p.sim);
  // Reports without section rows: the untitled sections pair up in order.
  const untitledO = olds.flatMap((s, i) => (!usedO.has(i) && s.title === null && s.ordinal === null ? [i] : []));
  const untitledN = news.flatMap((s, i) => (!usedN.has(i) && s.title === null && s.ordinal === null ? [i] : []));
  for (let k = 0; k < Math.min(untitledO.length, untitledN.length); k++) take(untitledO[k]!, untitledN[k]!, 'position', 1);
  return out.sort((x, y) => x[1] - y[1]);
}

/**
 * Tasks of a matched section pair: equal descriptions first (so that two similar tasks renumbered by
 * one are not crossed), then by number where the descriptions agree, then by description.
 */
function matchTasksIn(
  olds: TaskNode[],
  news: TaskNode[],
  threshold: number,
  out: Map<TaskNode, Matched<TaskNode>>,
  usedN: Set<TaskNode>,
): void {
  const byKey = new Map<string, TaskNode[]>();
  for (const n of news) byKey.set(n.g.key, [...(byKey.get(n.g.key) ?? []), n]);
  for (const o of olds) {
    const same = (byKey.get(o.g.key) ?? []).filter((n) => !usedN.has(n));
    const n = same.find((x) => x.task.no === o.task.no) ?? same[0];
    if (!n) continue;
    out.set(o, {
      old: o,
      new: n,
      match: { method: n.task.no !== null && n.task.no === o.task.no ? 'number' : 'description', similarity: 1 },
    });
    usedN.add(n);
  }
  const byNo = new Map<number, TaskNode[]>();
  for (const n of news) if (n.task.no !== null) byNo.set(n.task.no, [...(byNo.get(n.task.no) ?? []), n]);
  const agree = Math.max(NUMBER_AGREES, threshold);
  for (const o of olds) {
    if (o.task.no === null || out.has(o)) continue;
    let best: TaskNode | undefined;
    let bestSim = -1;
    for (const n of byNo.get(o.task.no) ?? []) {
      if (usedN.has(n)) continue;
      const sim = dice(o.g, n.g);
      if (sim > bestSim) [best, bestSim] = [n, sim];
    }
    if (best && bestSim >= agree) {
      out.set(o, { old: o, new: best, match: { method: 'number', similarity: round4(bestSim) } });
      usedN.add(best);
    }
  }
  pairLeftovers(olds, news, threshold, out, usedN, Infinity);
}

function pairLeftovers(
  olds: TaskNode[],
  news: TaskNode[],
  threshold: number,
  out: Map<TaskNode, Matched<TaskNode>>,
  usedN: Set<TaskNode>,
  maxPairs: number,
): void {
  const restO = olds.filter((o) => !out.has(o));
  const restN = news.filter((n) => !usedN.has(n));
  if (!restO.length || !restN.length) return;
  const take = (o: TaskNode, n: TaskNode, sim: number) => {
    out.set(o, { old: o, new: n, match: { method: 'description', similarity: round4(sim) } });
    usedN.add(n);
  };
  if (restO.length * restN.length > maxPairs) {
    // Too many to compare pairwise: equal descriptions only.
    const byKey = new Map<string, TaskNode[]>();
    for (const n of restN) byKey.set(n.g.key, [...(byKey.get(n.g.key) ?? []), n]);
    for (const o of restO) {
      const n = byKey.get(o.g.key)?.find((x) => !usedN.has(x));
      if (n) take(o, n, 1);
    }
    return;
  }
  const toCand = (t: TaskNode, i: number): Cand => ({ idx: i, g: t.g, pos: t.pos });
  for (const p of pairUp(restO.map(toCand), restN.map(toCand), threshold)) take(restO[p.a]!, restN[p.b]!, p.sim);
}

export interface TaskPairing {
  sections: [number, number, Match][];
  pairs: Matched<TaskNode>[];
  added: TaskNode[];
  dropped: TaskNode[];
  oldTasks: TaskNode[][];
  newTasks: TaskNode[][];
}

/** Every task of the old report paired with one of the new, or dropped; the new ones left are added. */
export function matchTasks(oldR: Report, newR: Report, threshold = DEFAULT_THRESHOLD): TaskPairing {
  const sections = matchSections(oldR.sections, newR.sections, threshold);
  const oldTasks = tasksOf(oldR);
  const newTasks = tasksOf(newR);
  const out = new Map<TaskNode, Matched<TaskNode>>();
  const usedN = new Set<TaskNode>();
  for (const [oi, ni] of sections) matchTasksIn(oldTasks[oi]!, newTasks[ni]!, threshold, out, usedN);
  // Tasks that moved to another section, or whose section was not matched.
  pairLeftovers(oldTasks.flat(), newTasks.flat(), threshold, out, usedN, CROSS_PAIRS);
  const pairs = [...out.values()].sort(
    (a, b) => a.new.section - b.new.section || newTasks[a.new.section]!.indexOf(a.new) - newTasks[b.new.section]!.indexOf(b.new),
  );
  return {
    sections,
    pairs,
    added: newTasks.flat().filter((n) => !usedN.has(n)),
    dropped: oldTasks.flat().filter((o) => !out.has(o)),
    oldTasks,
    newTasks,
  };
}

// ---- what changed --------------------------------------------------------------------------------

const EPS = 1e-9;
const exact = (x: number) => Number(x.toPrecision(12));
const rateValue = (r: Rate | null): number | null => r?.value ?? r?.computed?.value ?? null;
const rateText = (r: Rate | null): string | null =>
  r ? (r.value !== null || !r.computed || r.computed.value === null ? r.text : formatPercent(r.computed.value)) : null;

function rateChange(o: Rate | null, n: Rate | null): RateChange {
  const ov = rateValue(o);
  const nv = rateValue(n);
  return {
    old: o?.text ?? null,
    new: n?.text ?? null,
    oldValue: ov,
    newValue: nv,
    oldComputed: o?.computed?.value ?? null,
    newComputed: n?.computed?.value ?? null,
    delta: ov !== null && nv !== null ? exact(nv - ov) : null,
  };
}

function currentChange(o: Quantity | null, n: Quantity | null): CurrentChange | null {
  if (!o && !n) return null;
  const common = o && n ? commonValues(o, n) : undefined;
  const ok = !!common?.ok;
  return {
    old: o?.text ?? null,
    new: n?.text ?? null,
    oldValue: common?.ok ? common.a : (o?.value ?? null),
    newValue: common?.ok ? common.b : (n?.value ?? null),
    comparable: ok,
    delta: common?.ok ? exact(common.b - common.a) : null,
  };
}

const sign = (delta: number | null | undefined): number =>
  delta === null || delta === undefined || Math.abs(delta) <= EPS ? 0 : Math.sign(delta);

/** regressed when anything fell, advanced when something rose and nothing fell. Ceilings judge by rate only. */
function movement(rate: RateChange, current: CurrentChange | null, ceiling = false): 'advanced' | 'regressed' | null {
  const moves = [sign(rate.delta)];
  if (current && !ceiling) moves.push(sign(current.delta));
  if (moves.includes(-1)) return 'regressed';
  if (moves.includes(1)) return 'advanced';
  return null;
}

interface ScheduleLike {
  status?: unknown;
  statusEn?: unknown;
  expected?: unknown;
}

// The schedule status a report document may carry on its nodes ({ expected, status, statusEn, … }).
function scheduleOf(node: object): ScheduleLike | undefined {
  const s = (node as { schedule?: unknown }).schedule;
  return s && typeof s === 'object' ? (s as ScheduleLike) : undefined;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function scheduleChange(o: object, n: object): ScheduleChange | null {
  const so = scheduleOf(o);
  const sn = scheduleOf(n);
  if (!so && !sn) return null;
  return {
    old: str(so?.status),
    new: str(sn?.status),
    oldEn: str(so?.statusEn),
    newEn: str(sn?.statusEn),
    oldExpected: numOrNull(so?.expected),
    newExpected: numOrNull(sn?.expected),
  };
}

function targetChanged(o: Quantity | null, n: Quantity | null): boolean {
  if (!o || !n) return !o !== !n;
  const c = commonValues(o, n);
  if (c.ok) return sign(c.b - c.a) !== 0;
  return normalizeText(o.text) !== normalizeText(n.text);
}

// ---- assembling the changes -----------------------------------------------------------------------

interface Place {
  path: string;
  taskPath: string;
  oldPath: string | null;
  label: string;
  section: Section;
  sectionIdx: number;
  task: number | null;
  text: string;
}

type Tally = Record<Level, Counts>;
const zero = (): Counts => ({ matched: 0, added: 0, dropped: 0, changed: 0, stalled: 0 });

class Collector {
  changes: Change[] = [];
  tally: Tally = { task: zero(), item: zero(), indicator: zero() };
  /** Whether anything in the task being collected moved, was added or dropped. */
  moved = false;

  entry(kind: ChangeKind, level: Level, at: Place, old: string | null, neu: string | null, extra: Partial<Change> = {}): void {
    this.changes.push({
      kind,
      level,
      path: at.path,
      oldPath: at.oldPath,
      taskPath: at.taskPath,
      label: at.label,
      section: at.section.ordinal,
      sectionTitle: at.section.title,
      task: at.task,
      text: at.text,
      old,
      new: neu,
      match: null,
      rate: null,
      current: null,
      schedule: null,
      ...extra,
    });
    if (kind === 'advanced' || kind === 'regressed' || kind === 'added' || kind === 'dropped') this.moved = true;
  }

  added(level: Level, at: Place): void {
    this.tally[level].added++;
    this.entry('added', level, { ...at, oldPath: null }, null, at.text);
  }

  dropped(level: Level, at: Place): void {
    this.tally[level].dropped++;
    this.entry('dropped', level, at, at.text, null);
  }

  /** Records one matched node and a change for each of its kinds. */
  matched(
    level: Level,
    at: Place,
    match: Match,
    kinds: [ChangeKind, string | null, string | null][],
    detail: Pick<Change, 'rate' | 'current' | 'schedule'>,
  ): void {
    this.tally[level].matched++;
    if (kinds.length) this.tally[level].changed++;
    for (const [kind, o, n] of kinds) this.entry(kind, level, at, o, n, { match, ...detail });
  }
}

function diffIndicator(c: Collector, o: Indicator, n: Indicator, at: Place, match: Match): void {
  const rate = rateChange(o.rate, n.rate);
  const current = currentChange(o.current, n.current);
  const kinds: [ChangeKind, string | null, string | null][] = [];
  const move = movement(rate, current, o.ceiling || n.ceiling);
  if (move)
    kinds.push(
      rate.delta !== null && sign(rate.delta) !== 0
        ? [move, rateText(o.rate), rateText(n.rate)]
        : [move, current?.old ?? null, current?.new ?? null],
    );
  if (targetChanged(o.target, n.target)) kinds.push(['target-changed', o.target?.text ?? null, n.target?.text ?? null]);
  if (normalizeText(o.name) !== normalizeText(n.name)) kinds.push(['description-changed', o.name, n.name]);
  c.matched('indicator', at, match, kinds, { rate, current, schedule: scheduleChange(o, n) });
}

function diffItem(c: Collector, o: Item, n: Item, at: Place, match: Match): void {
  const rate = rateChange(o.rate, n.rate);
  const kinds: [ChangeKind, string | null, string | null][] = [];
  const move = movement(rate, null);
  if (move) kinds.push([move, rateText(o.rate), rateText(n.rate)]);
  if (normalizeText(o.description) !== normalizeText(n.description))
    kinds.push(['description-changed', o.description, n.description]);
  c.matched('item', at, match, kinds, { rate, current: null, schedule: scheduleChange(o, n) });
}

const indicatorCands = (xs: readonly Indicator[]) =>
  cands(
    xs,
    (x) => x.name,
    (x) => normalizeText(x.target?.text),
  );

/** Items by description within the task; indicators by name within the item, then within the task. */
function diffTask(c: Collector, pair: Matched<TaskNode>, oldR: Report, newR: Report, threshold: number): void {
  const o = pair.old.task;
  const n = pair.new.task;
  const section = newR.sections[pair.new.section]!;
  const oldSection = oldR.sections[pair.old.section]!;
  const taskAt: Place = {
    path: pair.new.path,
    taskPath: pair.new.path,
    oldPath: pair.old.path,
    label: pair.new.label,
    section,
    sectionIdx: pair.new.section,
    task: n.no,
    text: n.description,
  };
  c.moved = false;
  const tail = c.changes.length;
  const rate = rateChange(o.rate, n.rate);
  const kinds: [ChangeKind, string | null, string | null][] = [];
  const move = movement(rate, null);
  if (move) kinds.push([move, rateText(o.rate), rateText(n.rate)]);
  if (normalizeText(o.owner) !== normalizeText(n.owner)) kinds.push(['owner-changed', o.owner, n.owner]);
  if (normalizeText(o.description) !== normalizeText(n.description))
    kinds.push(['description-changed', o.description, n.description]);
  const detail = { rate, current: null, schedule: scheduleChange(o, n) };
  c.matched('task', taskAt, pair.match, kinds, detail);

  const itemAt = (task: Place, path: string, oldPath: string | null, item: Item, i: number): Place => ({
    ...task,
    path,
    oldPath,
    label: `${task.label} › ${i + 1}`,
    text: item.description,
  });
  const indAt = (item: Place, path: string, oldPath: string | null, ind: Indicator): Place => ({
    ...item,
    path,
    oldPath,
    label: `${item.label} › ${ind.name}`,
    text: ind.name,
  });
  const oldTaskAt: Place = {
    ...taskAt,
    path: pair.old.path,
    section: oldSection,
    sectionIdx: pair.old.section,
    label: pair.old.label,
    task: o.no,
    text: o.description,
  };

  const itemPairs = pairUp(
    cands(o.items, (x) => x.description),
    cands(n.items, (x) => x.description),
    threshold,
  );
  const itemOf = new Map(itemPairs.map((p) => [p.b, p]));
  const matchedOldItems = new Set(itemPairs.map((p) => p.a));
  // Indicators left over inside matched items, to be tried against the whole task.
  const restO: { ii: number; k: number; ind: Indicator }[] = [];
  const restN: { ii: number; k: number; ind: Indicator; at: Place }[] = [];
  const indPairs: { oi: number; ok: number; ni: number; nk: number; sim: number; at: Place }[] = [];
  n.items.forEach((item, ni) => {
    const path = `${pair.new.path}/items/${ni}`;
    const p = itemOf.get(ni);
    if (!p) {
      c.added('item', itemAt(taskAt, path, null, item, ni));
      return;
    }
    const at = itemAt(taskAt, path, `${pair.old.path}/items/${p.a}`, item, ni);
    diffItem(c, o.items[p.a]!, item, at, { method: 'description', similarity: round4(p.sim) });
    const oi = o.items[p.a]!.indicators;
    const ips = pairUp(indicatorCands(oi), indicatorCands(item.indicators), threshold);
    for (const q of ips) indPairs.push({ oi: p.a, ok: q.a, ni, nk: q.b, sim: q.sim, at });
    const usedO = new Set(ips.map((q) => q.a));
    const usedN = new Set(ips.map((q) => q.b));
    oi.forEach((ind, k) => usedO.has(k) || restO.push({ ii: p.a, k, ind }));
    item.indicators.forEach((ind, k) => usedN.has(k) || restN.push({ ii: ni, k, ind, at }));
  });
  // Indicators of unmatched items take part in the fallback too.
  o.items.forEach((item, ii) => matchedOldItems.has(ii) || item.indicators.forEach((ind, k) => restO.push({ ii, k, ind })));
  const fallback = pairUp(indicatorCands(restO.map((r) => r.ind)), indicatorCands(restN.map((r) => r.ind)), threshold);
  for (const q of fallback) {
    const a = restO[q.a]!;
    const b = restN[q.b]!;
    indPairs.push({ oi: a.ii, ok: a.k, ni: b.ii, nk: b.k, sim: q.sim, at: b.at });
  }
  const fallbackN = new Set(fallback.map((q) => q.b));
  const fallbackO = new Set(fallback.map((q) => q.a));
  indPairs.sort((x, y) => x.ni - y.ni || x.nk - y.nk);
  for (const ip of indPairs) {
    const ind = n.items[ip.ni]!.indicators[ip.nk]!;
    const at = indAt(
      ip.at,
      `${pair.new.path}/items/${ip.ni}/indicators/${ip.nk}`,
      `${pair.old.path}/items/${ip.oi}/indicators/${ip.ok}`,
      ind,
    );
    diffIndicator(c, o.items[ip.oi]!.indicators[ip.ok]!, ind, at, { method: 'name', similarity: round4(ip.sim) });
  }
  restN.forEach(
    (r, k) =>
      fallbackN.has(k) || c.added('indicator', indAt(r.at, `${pair.new.path}/items/${r.ii}/indicators/${r.k}`, null, r.ind)),
  );
  restO.forEach((r, k) => {
    if (fallbackO.has(k) || !matchedOldItems.has(r.ii)) return;
    const oldItemAt = itemAt(oldTaskAt, `${pair.old.path}/items/${r.ii}`, `${pair.old.path}/items/${r.ii}`, o.items[r.ii]!, r.ii);
    const path = `${pair.old.path}/items/${r.ii}/indicators/${r.k}`;
    c.dropped('indicator', indAt(oldItemAt, path, path, r.ind));
  });
  o.items.forEach((item, ii) => {
    if (matchedOldItems.has(ii)) return;
    const path = `${pair.old.path}/items/${ii}`;
    c.dropped('item', itemAt(oldTaskAt, path, path, item, ii));
  });

  // Stalled: unfinished, and nothing in the task moved.
  const v = rateValue(n.rate);
  if (!c.moved && v !== null && v < 100 - EPS) {
    c.tally.task.stalled++;
    const at = c.changes.length;
    c.entry('stalled', 'task', taskAt, rateText(o.rate), rateText(n.rate), { match: pair.match, ...detail });
    // The task's own line comes first.
    c.changes.splice(tail, 0, ...c.changes.splice(at, 1));
  }
}

/** What changed between two compiled reports. */
export function diffReports(oldR: Report, newR: Report, options: DiffOptions = {}): Diff {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const pairing = matchTasks(oldR, newR, threshold);
  const c = new Collector();
  const taskPlace = (t: TaskNode, r: Report, old: boolean): Place => ({
    path: t.path,
    taskPath: t.path,
    oldPath: old ? t.path : null,
    label: t.label,
    section: r.sections[t.section]!,
    sectionIdx: t.section,
    task: t.task.no,
    text: t.task.description,
  });
  const byNewSection = new Map<number, Matched<TaskNode>[]>();
  for (const p of pairing.pairs) byNewSection.set(p.new.section, [...(byNewSection.get(p.new.section) ?? []), p]);
  const addedBySection = new Set(pairing.added);
  const oldSectionOf = new Map(pairing.sections.map(([o, n]) => [n, o]));
  // In the new report's order; a section's dropped tasks after its own.
  pairing.newTasks.forEach((tasks, si) => {
    const pairOf = new Map((byNewSection.get(si) ?? []).map((p) => [p.new, p]));
    for (const t of tasks) {
      const p = pairOf.get(t);
      if (p) diffTask(c, p, oldR, newR, threshold);
      else if (addedBySection.has(t)) c.added('task', taskPlace(t, newR, false));
    }
    const oi = oldSectionOf.get(si);
    if (oi !== undefined) for (const t of pairing.dropped) if (t.section === oi) c.dropped('task', taskPlace(t, oldR, true));
  });
  const matchedOldSections = new Set(pairing.sections.map(([o]) => o));
  for (const t of pairing.dropped) if (!matchedOldSections.has(t.section)) c.dropped('task', taskPlace(t, oldR, true));

  const levels = c.tally;
  const sum = (k: keyof Counts) => levels.task[k] + levels.item[k] + levels.indicator[k];
  const kinds: Record<string, number> = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0]));
  for (const ch of c.changes) kinds[ch.kind]!++;
  const matches: TaskMatch[] = pairing.pairs.map((p) => ({
    oldPath: p.old.path,
    newPath: p.new.path,
    label: p.new.label,
    oldLabel: p.old.label,
    method: p.match.method,
    similarity: p.match.similarity,
  }));
  const head = (r: Report) => ({ file: r.source.file, sha256: r.source.sha256, title: r.title, date: r.date });
  return {
    $schema: DIFF_SCHEMA_ID,
    schemaVersion: DIFF_SCHEMA_VERSION,
    old: head(oldR),
    new: head(newR),
    threshold,
    summary: {
      matched: sum('matched'),
      added: sum('added'),
      dropped: sum('dropped'),
      changed: sum('changed'),
      stalled: sum('stalled'),
      tasks: levels.task,
      items: levels.item,
      indicators: levels.indicator,
      kinds,
    },
    changes: c.changes,
    matches,
  };
}

/** Whether any change is of one of the kinds given (for --fail-on). */
export function hasKinds(diff: Diff, kinds: readonly ChangeKind[]): boolean {
  return diff.changes.some((ch) => kinds.includes(ch.kind));
}
