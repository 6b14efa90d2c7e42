// Score a compilation against the transcription it was rendered from: tasks found and exact, owners
// right, indicators under the right item, and why the worst tasks differ.
import type { Report, Task } from '../../../src/model.js';
import { tasksOf, type TIndicator, type TTask, type Transcription } from './transcription.js';

const ws = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, '');
const sig = (x: { name: string; target: string; current: string; rate: string }): string =>
  [x.name, x.target, x.current, x.rate].map(ws).join('/');
const compiledInd = (t: Task['items'][number]['indicators'][number]): string =>
  sig({ name: t.name, target: t.target?.text ?? '', current: t.current?.text ?? '', rate: t.rate?.text ?? '' });

export interface TaskMiss {
  section: string | null;
  no: number | null;
  /** Index of the task in the transcription, in document order. */
  index: number;
  reason: string;
  /** Indicators of the task not under their item. */
  misplaced: number;
}

export interface Score {
  tasks: number;
  found: number;
  exact: number;
  ownersRight: number;
  /** Found with the right highlights and next steps (paragraphs joined, white space ignored). */
  proseRight: number;
  indicators: number;
  indicatorsPlaced: number;
  /** Compiled tasks that match no task of the transcription. */
  extra: number;
  /** Tasks the compiler marked to be read by eye (`structure: "ambiguous"`): not exact, and exact. */
  flaggedMisses: number;
  flaggedExact: number;
  /** Remarks (备注) texts rendered, and those found in the `extra` fields of their task or item. */
  remarks: number;
  remarksPlaced: number;
  /** Not exact, worst first (most indicators misplaced, then document order). */
  misses: TaskMiss[];
  /** The compiler threw: its message. */
  threw?: string;
}

const clip = (s: string, n = 14): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Indicator signatures, the first three clipped: "[a/1个/1个/100% | b/… +2]". */
const list = (xs: string[]): string =>
  `[${xs
    .slice(0, 3)
    .map((s) => clip(s, 24))
    .join(' | ')}${xs.length > 3 ? ` +${xs.length - 3}` : ''}]`;

/** Two texts from where they first differ (white space ignored): "…got" vs "…want". */
function textDiff(got: string, want: string): string {
  const a = ws(got);
  const b = ws(want);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const at = (s: string) => (i >= s.length ? '(end)' : `${i > 0 ? '…' : ''}${clip(s.slice(i), 12)}`);
  return `"${at(a)}" vs "${at(b)}"`;
}

/** Why a compiled task is not the transcribed one (first difference), or undefined when exact. */
export function taskDifference(want: TTask, got: Task): string | undefined {
  if (ws(got.description) !== ws(want.description)) return `description ${textDiff(got.description, want.description)}`;
  if (ws(got.rate?.text) !== ws(want.rate)) return `rate ${got.rate?.text ?? '-'} vs ${want.rate || '-'}`;
  if (ws(got.owner) !== ws(want.owner)) return `owner ${clip(got.owner ?? '-')} vs ${clip(want.owner || '-')}`;
  if (got.items.length !== want.items.length) return `items ${got.items.length} vs ${want.items.length}`;
  for (let j = 0; j < want.items.length; j++) {
    const a = got.items[j]!;
    const b = want.items[j]!;
    if (ws(a.description) !== ws(b.description)) return `item ${j + 1} description ${textDiff(a.description, b.description)}`;
    if (ws(a.rate?.text) !== ws(b.rate)) return `item ${j + 1} rate ${a.rate?.text ?? '-'} vs ${b.rate || '-'}`;
    const x = a.indicators.map(compiledInd);
    const y = b.indicators.map(sig);
    if (x.join('|') !== y.join('|')) return `item ${j + 1} indicators ${list(x)} vs ${list(y)}`;
  }
  return undefined;
}

/** Indicators of `want` found under the matching item of `got` (items matched by description, in order). */
function placed(want: TTask, got: Task | undefined): number {
  if (!got) return 0;
  const used = new Set<number>();
  let n = 0;
  want.items.forEach((wi, j) => {
    let k = got.items.findIndex((gi, i) => !used.has(i) && ws(gi.description) === ws(wi.description));
    if (k < 0 && !used.has(j) && got.items[j]) k = j;
    if (k < 0) return;
    used.add(k);
    const have = new Map<string, number>();
    for (const x of got.items[k]!.indicators) have.set(compiledInd(x), (have.get(compiledInd(x)) ?? 0) + 1);
    for (const x of wi.indicators as TIndicator[]) {
      const c = have.get(sig(x)) ?? 0;
      if (c > 0) {
        n++;
        have.set(sig(x), c - 1);
      }
    }
  });
  return n;
}

/** Remarks of a task and its items, and how many are found in an `extra` field (columns the report's
 * tree has no place for, whatever shape `extra` has): a task's anywhere in the task (its row also
 * carries its first item and indicator), an item's in the item or its indicators. */
function remarksPlaced(want: TTask, got: Task): [number, number] {
  type Node = { extra?: unknown };
  const extras = (nodes: Node[]): string => nodes.map((x) => JSON.stringify(x.extra ?? null)).join(' ');
  const itemNodes = (it: Task['items'][number]): Node[] => [it as Node, ...(it.indicators as Node[])];
  let n = 0;
  let ok = 0;
  if (want.remarks) {
    n++;
    if (extras([got as Node, ...got.items.flatMap(itemNodes)]).includes(want.remarks)) ok++;
  }
  want.items.forEach((it, j) => {
    if (!it.remarks) return;
    n++;
    const k = got.items.findIndex((gi) => ws(gi.description) === ws(it.description));
    const item = got.items[k >= 0 ? k : j];
    if (item && extras(itemNodes(item)).includes(it.remarks)) ok++;
  });
  return [n, ok];
}

/** Compiled tasks matched to transcribed ones by section ordinal and number, in order of occurrence. */
export function score(tr: Transcription, report: Report | undefined, threw?: string): Score {
  const want = tasksOf(tr);
  const got = new Map<string, Task[]>();
  let compiled = 0;
  for (const s of report?.sections ?? [])
    for (const g of s.groups)
      for (const t of g.tasks) {
        const k = `${s.ordinal}|${t.no}`;
        got.set(k, [...(got.get(k) ?? []), t]);
        compiled++;
      }
  const s: Score = {
    tasks: want.length,
    found: 0,
    exact: 0,
    ownersRight: 0,
    proseRight: 0,
    indicators: 0,
    indicatorsPlaced: 0,
    extra: 0,
    flaggedMisses: 0,
    flaggedExact: 0,
    remarks: 0,
    remarksPlaced: 0,
    misses: [],
    threw,
  };
  want.forEach(({ section, task }, index) => {
    const list = got.get(`${section}|${task.no}`);
    const g = list?.shift();
    const inds = task.items.reduce((a, it) => a + it.indicators.length, 0);
    const ok = g ? placed(task, g) : 0;
    s.indicators += inds;
    s.indicatorsPlaced += ok;
    if (!g) {
      s.misses.push({
        section,
        no: task.no,
        index,
        reason: threw ? `compile threw: ${clip(threw, 60)}` : 'missing',
        misplaced: inds,
      });
      return;
    }
    s.found++;
    const [r, rp] = remarksPlaced(task, g);
    s.remarks += r;
    s.remarksPlaced += rp;
    if (ws(g.owner) === ws(task.owner)) s.ownersRight++;
    if (ws(g.highlights.join('')) === ws(task.highlights.join('')) && ws(g.nextSteps.join('')) === ws(task.nextSteps.join('')))
      s.proseRight++;
    const why = taskDifference(task, g);
    const flagged = (g as { structure?: string }).structure === 'ambiguous';
    if (why === undefined) {
      s.exact++;
      if (flagged) s.flaggedExact++;
    } else {
      if (flagged) s.flaggedMisses++;
      s.misses.push({ section, no: task.no, index, reason: flagged ? `${why} (marked ambiguous)` : why, misplaced: inds - ok });
    }
  });
  s.extra = compiled - s.found;
  s.misses.sort((a, b) => b.misplaced - a.misplaced || a.index - b.index);
  return s;
}
