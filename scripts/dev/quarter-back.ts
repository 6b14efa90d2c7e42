// Makes a synthetic earlier quarter from the bundled report, for testing `hzreport diff`:
//
//   npx tsx scripts/dev/quarter-back.ts            # writes the two files below
//   npx tsx scripts/dev/quarter-back.ts --check    # exits 1 when the committed files are stale
//
// It edits cells of the TSV text (located through the compiled tree's source locations), so the
// result is a report the compiler reads like the real one, damage and all:
// - most tasks whose figures are consistent move one quarter back: every current value lower,
//   indicator, item and task rates recomputed from them as the report makes them;
// - a few of them have not started yet (current values 0, rates 0%);
// - one stands higher in the earlier quarter (so the later one regressed);
// - one indicator had a different target; one task another owner; one task another wording;
// - one task is absent (the later tasks of its section renumbered), one task is extra;
// - the title and the date line name the earlier quarter.
// The expected changes of `diff EARLIER LATER` are derived here from these edits (not by running
// the diff) and written beside the fixture.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/compile.js';
import { similarity } from '../../src/diff.js';
import type { Indicator, Item, Location, Rate, Report, Task } from '../../src/model.js';
import { parseQuantity, percentOf } from '../../src/quantity.js';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const SOURCE = 'fixtures/hangzhou-2021-q3.tsv';
const FIXTURE = 'fixtures/hangzhou-2021-q2.synthetic.tsv';
const EXPECTED = 'fixtures/hangzhou-2021-q2.synthetic.expected.json';

// ---- a deterministic choice ---------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(2021_06);

// ---- the TSV as cells -----------------------------------------------------------------------------

const text = readFileSync(root(SOURCE), 'utf8');
const lines = text.split('\n').map((l) => l.split('\t'));
const deleted = new Set<number>();
const insertedAfter = new Map<number, string[][]>();

const cellAt = (at: Location) => lines[at.line - 1]![at.field]!;
/** Replace the written text in every cell it was read from (a merged cell can repeat it). */
function setText(at: readonly Location[], old: string, neu: string): void {
  for (const loc of at) {
    const cell = cellAt(loc);
    if (!cell.includes(old))
      throw new Error(`line ${loc.line} field ${loc.field}: ${JSON.stringify(old)} not in ${JSON.stringify(cell)}`);
    lines[loc.line - 1]![loc.field] = cell.replace(old, neu);
  }
}
const holds = (at: readonly Location[], s: string) => at.length > 0 && at.every((loc) => cellAt(loc)?.trim() === s.trim());

// ---- the report ---------------------------------------------------------------------------------

const report: Report = compile(Buffer.from(text), { file: SOURCE });
interface TaskRef {
  task: Task;
  section: number;
  path: string;
}
const tasks: TaskRef[] = report.sections.flatMap((s, si) =>
  s.groups.flatMap((g, gi) =>
    g.tasks.map((task, ti) => ({ task, section: si, path: `/sections/${si}/groups/${gi}/tasks/${ti}` })),
  ),
);

const locationsOf = (t: Task): Location[] => [
  ...Object.values(t.at).flat(),
  ...(t.rate?.at ?? []),
  ...t.items.flatMap((i) => [
    ...i.at.description,
    ...(i.rate?.at ?? []),
    ...i.indicators.flatMap((x) => [...x.at.name, ...(x.target?.at ?? []), ...(x.current?.at ?? []), ...(x.rate?.at ?? [])]),
  ]),
];

/** Its rows are its own, one after another on one page, its number on its first row. */
function contiguous(ref: TaskRef): boolean {
  const { start, end } = ref.task.lines;
  if (ref.task.no === null || ref.task.at.no[0]?.line !== start) return false;
  if (!locationsOf(ref.task).every((l) => l.line >= start && l.line <= end)) return false;
  for (let l = start; l <= end; l++) if (lines[l - 1]!.join('').trim() === '') return false;
  return tasks.every((o) => o === ref || o.task.lines.end < start || o.task.lines.start > end);
}

const ONE_NUMBER = /\d+(?:\.\d+)?/g;
const numbersIn = (s: string) => s.match(ONE_NUMBER) ?? [];
const consistent = (r: Rate | null): r is Rate =>
  !!r && r.value !== null && r.decimals !== null && r.computed?.status === 'consistent';

// A report restates some tasks and items in another section (docs/format.md, "Restated tasks"), and
// the checker pairs them by similar text: both statements would have to move together, so tasks
// with an item like another task's stay as they are.
const squash = (s: string) => s.replace(/\s+/g, '');
const allItems = tasks.flatMap((r) => r.task.items.map((i) => ({ r, text: i.description })));
const restated = (ref: TaskRef) =>
  ref.task.items.some((i) => allItems.some((o) => o.r !== ref && similarity(o.text, i.description) >= 0.5));
// Indicators named alike within a task read as counted twice once they are unmet.
const distinctNames = (r: TaskRef) => {
  const names = r.task.items.flatMap((i) => i.indicators.map((x) => squash(x.name)));
  return new Set(names).size === names.length;
};

/** Every figure written once per cell, consistent, and a current value with one number in it. */
function movable(ref: TaskRef): boolean {
  const t = ref.task;
  if (
    !contiguous(ref) ||
    !distinctNames(ref) ||
    restated(ref) ||
    !consistent(t.rate) ||
    !holds(t.rate.at, t.rate.text) ||
    !t.items.length
  )
    return false;
  return t.items.every(
    (i) =>
      consistent(i.rate) &&
      holds(i.rate.at, i.rate.text) &&
      i.indicators.length > 0 &&
      i.indicators.every(
        (x) =>
          !x.ceiling &&
          consistent(x.rate) &&
          holds(x.rate.at, x.rate.text) &&
          !!x.target &&
          x.target.value !== null &&
          holds(x.target.at, x.target.text) &&
          !!x.current &&
          x.current.value !== null &&
          holds(x.current.at, x.current.text) &&
          numbersIn(x.current.text).length === 1 &&
          numbersIn(x.target.text).length === 1,
      ),
  );
}

// ---- the arithmetic, as the report makes its rates ----------------------------------------------

const rateText = (value: number, decimals: number) =>
  `${(Math.round(value * 10 ** decimals) / 10 ** decimals).toFixed(decimals)}%`;
const decimalsOf = (n: string) => n.split('.')[1]?.length ?? 0;
const floorTo = (x: number, d: number) => Math.floor(x * 10 ** d + 1e-9) / 10 ** d;

/** What the earlier quarter says of one node, beside what the later one says. */
interface Record_ {
  level: 'task' | 'item' | 'indicator';
  path: string;
  oldRate: number;
  newRate: number;
  oldCurrent?: number;
  newCurrent?: number;
  oldTarget?: string;
  newTarget?: string;
}
const records: Record_[] = [];

/** Rewrite a task's figures: `current(x)` gives each indicator's earlier current value text (or undefined: unchanged). */
function rewrite(
  ref: TaskRef,
  current: (x: Indicator) => string | undefined,
  target: (x: Indicator) => string | undefined = () => undefined,
  zero = false,
): void {
  const t = ref.task;
  const itemRates: number[] = [];
  t.items.forEach((item: Item, ii) => {
    const indRates: number[] = [];
    item.indicators.forEach((x, k) => {
      const path = `${ref.path}/items/${ii}/indicators/${k}`;
      const curText = current(x) ?? x.current!.text;
      const tgtText = target(x) ?? x.target!.text;
      const cur = parseQuantity(curText, []);
      const tgt = parseQuantity(tgtText, []);
      const pct = zero ? 0 : percentOf(cur, tgt);
      if (pct === null) throw new Error(`${path}: ${curText} / ${tgtText} cannot be divided`);
      const rText = rateText(pct, x.rate!.decimals!);
      setText(x.current!.at, x.current!.text, curText);
      setText(x.target!.at, x.target!.text, tgtText);
      setText(x.rate!.at, x.rate!.text, rText);
      const r = Number.parseFloat(rText);
      indRates.push(Math.min(r, 100));
      records.push({
        level: 'indicator',
        path,
        oldRate: r,
        newRate: x.rate!.value!,
        oldCurrent: cur.value!,
        newCurrent: x.current!.value!,
        oldTarget: tgtText,
        newTarget: x.target!.text,
      });
    });
    const iText = rateText(indRates.reduce((a, b) => a + b, 0) / indRates.length, item.rate!.decimals!);
    setText(item.rate!.at, item.rate!.text, iText);
    itemRates.push(Number.parseFloat(iText));
    records.push({
      level: 'item',
      path: `${ref.path}/items/${ii}`,
      oldRate: Number.parseFloat(iText),
      newRate: item.rate!.value!,
    });
  });
  const tText = rateText(itemRates.reduce((a, b) => a + b, 0) / itemRates.length, t.rate!.decimals!);
  setText(t.rate!.at, t.rate!.text, tText);
  records.push({ level: 'task', path: ref.path, oldRate: Number.parseFloat(tText), newRate: t.rate!.value! });
}

/** The current value's number times `factor`, at its written precision, rounded down. */
function scaled(x: Indicator, factor: number): string {
  const n = numbersIn(x.current!.text)[0]!;
  const v = floorTo(Number(n) * factor, decimalsOf(n));
  return x.current!.text.replace(n, v.toFixed(decimalsOf(n)));
}

/** A number in `text` made larger: times `factor`, at least one unit of its written precision more. */
function raised(text: string, factor: number): string {
  const n = numbersIn(text)[0]!;
  const d = decimalsOf(n);
  const v = Math.max(Math.ceil(Number(n) * factor * 10 ** d - 1e-9), Math.round(Number(n) * 10 ** d) + 1) / 10 ** d;
  return text.replace(n, v.toFixed(d));
}

// ---- the edits ------------------------------------------------------------------------------------

const shuffle = <T>(xs: T[]): T[] => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
};

const movables = shuffle(tasks.filter(movable));
// The tasks with something left to do in the later quarter (a rate below 100%) can regress visibly.
const unfinished = movables.filter(
  (r) =>
    r.task.rate!.value! < 100 &&
    r.task.items.some((i) => i.indicators.some((x) => x.rate!.value! < 100 && x.current!.value! > 0)),
);
const regressedTask = unfinished[0]!;
const targetTask = unfinished[1]!;
const take = new Set([regressedTask, targetTask]);
const rest = movables.filter((r) => !take.has(r));
const notStarted = rest.slice(0, 3);
const others = rest.filter((r) => !notStarted.includes(r));
const advancedTasks = others.slice(0, Math.floor(others.length * 0.6));
const untouched = others.slice(advancedTasks.length);
const ownerTask = untouched[0]!;
const wordingTask = untouched[1]!;

for (const ref of advancedTasks) {
  const factor = 0.5 + Math.round(random() * 40) / 100;
  rewrite(ref, (x) => scaled(x, factor));
}
for (const ref of notStarted) rewrite(ref, (x) => x.current!.text.replace(numbersIn(x.current!.text)[0]!, '0'), undefined, true);
// Higher in the earlier quarter: an unfinished indicator's current value 10% higher.
{
  const x = regressedTask.task.items.flatMap((i) => i.indicators).find((i) => i.rate!.value! < 100 && i.current!.value! > 0)!;
  rewrite(regressedTask, (i) => (i === x ? raised(i.current!.text, 1.1) : undefined));
}
// A larger target in the earlier quarter (the rate there lower).
const changedTarget = targetTask.task.items
  .flatMap((i) => i.indicators)
  .find((i) => i.rate!.value! < 100 && i.current!.value! > 0)!;
rewrite(
  targetTask,
  () => undefined,
  (x) => {
    return x === changedTarget ? raised(x.target!.text, 1.25) : undefined;
  },
);
// Another owner (one that exists elsewhere in the report), and another wording (the last clause gone).
const otherOwner = tasks
  .map((r) => r.task.owner)
  .find((o) => o && o !== ownerTask.task.owner && holds(ownerTask.task.at.owner, ownerTask.task.owner ?? ''))!;
setText(ownerTask.task.at.owner, ownerTask.task.owner!, otherOwner);
const wording = wordingTask.task.description;
const cut = Math.max(wording.lastIndexOf('，', wording.length - 2), wording.lastIndexOf(',', wording.length - 2));
const earlierWording = cut > wording.length * 0.6 ? `${wording.slice(0, cut)}。` : wording.slice(0, -2) + wording.slice(-1);
if (!holds(wordingTask.task.at.description, wording)) throw new Error('task description not in one cell');
setText(wordingTask.task.at.description, wording, earlierWording);

// One task absent from the earlier quarter: its rows removed, the later tasks of its section renumbered.
const busy = new Set([...movables.filter((r) => !untouched.includes(r) || r === ownerTask || r === wordingTask)]);
const contiguousTasks = shuffle(tasks.filter((r) => contiguous(r) && !busy.has(r)));
// One task only in the earlier quarter goes after the last task of a section that ends cleanly
// (nothing of that task after its last line); another section loses one.
const lastOf = (si: number) => tasks.filter((r) => r.section === si).at(-1)!;
const endsClean = (r: TaskRef) =>
  locationsOf(r.task).every((l) => l.line <= r.task.lines.end) && lines[r.task.lines.end]?.join('').trim() !== '';
const hostSection = report.sections
  .map((_, si) => si)
  .find((si) => tasks.some((r) => r.section === si) && endsClean(lastOf(si)))!;
const host = lastOf(hostSection);
// From the first third of the largest section, so that many tasks after it are renumbered.
const sizeOf = (si: number) => tasks.filter((r) => r.section === si).length;
const largest = report.sections
  .map((_, si) => si)
  .filter((si) => si !== hostSection)
  .sort((a, b) => sizeOf(b) - sizeOf(a))[0]!;
const absent = contiguousTasks.find((r) => r.section === largest && r.task.no! <= sizeOf(largest) / 3)!;
for (let l = absent.task.lines.start; l <= absent.task.lines.end; l++) deleted.add(l);
for (const r of tasks)
  if (r.section === absent.section && r.task.no! > absent.task.no!) {
    if (!holds(r.task.at.no, String(r.task.no))) throw new Error(`${r.path}: number not in one cell`);
    setText(r.task.at.no, String(r.task.no), String(r.task.no! - 1));
  }
const sectionTasks = tasks.filter((r) => r.section === hostSection);
const extra = contiguousTasks.find(
  (r) =>
    r.section !== hostSection &&
    r !== absent &&
    sectionTasks.every((o) => similarity(o.task.description, r.task.description) < 0.3) &&
    similarity(absent.task.description, r.task.description) < 0.3,
)!;
const copy = lines.slice(extra.task.lines.start - 1, extra.task.lines.end).map((cells) => [...cells]);
const noField = extra.task.at.no[0]!.field;
copy[0]![noField] = copy[0]![noField]!.replace(String(extra.task.no), String(host.task.no! + 1));
insertedAfter.set(host.task.lines.end, copy);

// The preamble says the earlier quarter: 三季度 → 二季度 in the title, a date three months earlier.
const QUARTERS = '一二三四';
const preambleEnd = lines.findIndex((cells) => cells[0]?.trim() === '序号');
for (let i = 0; i < preambleEnd; i++) {
  const line = lines[i]!.join('\t');
  let earlierLine = line;
  // The title may be written twice (spaced differently).
  if (report.title && squash(line).includes(squash(report.title)))
    earlierLine = line.replace(/([一二三四])季度/, (_, q: string) => `${QUARTERS[Math.max(0, QUARTERS.indexOf(q) - 1)]}季度`);
  else if (report.date && line.trim() === report.date.trim())
    earlierLine = line.replace(/(\d{1,2})(\s*月)/, (_, m: string, rest: string) => `${Math.max(1, Number(m) - 3)}${rest}`);
  lines[i] = earlierLine.split('\t');
}

// ---- the fixture ----------------------------------------------------------------------------------

const out: string[] = [];
lines.forEach((cells, i) => {
  if (!deleted.has(i + 1)) out.push(cells.join('\t'));
  for (const extraLine of insertedAfter.get(i + 1) ?? []) out.push(extraLine.join('\t'));
});
const fixtureText = out.join('\n');
const earlier = compile(Buffer.from(fixtureText), { file: FIXTURE });
const earlierTasks = earlier.sections.flatMap((s, si) =>
  s.groups.flatMap((g, gi) =>
    g.tasks.map((task, ti) => ({ task, section: si, path: `/sections/${si}/groups/${gi}/tasks/${ti}` })),
  ),
);
const extraPath = earlierTasks.find((r) => r.section === hostSection && r.task.description === extra.task.description)?.path;
if (!extraPath) throw new Error('the extra task is not where it was put');

// ---- the expected changes -------------------------------------------------------------------------

interface Expected {
  kind: string;
  level: string;
  path: string;
}
const expected: Expected[] = [];
const cmp = (a: number, b: number) => (Math.abs(b - a) < 1e-9 ? 0 : Math.sign(b - a));
const movedTasks = new Set<string>();
for (const r of records) {
  const moves = [cmp(r.oldRate, r.newRate)];
  if (r.oldCurrent !== undefined) moves.push(cmp(r.oldCurrent, r.newCurrent!));
  const kind = moves.includes(-1) ? 'regressed' : moves.includes(1) ? 'advanced' : null;
  if (kind) {
    expected.push({ kind, level: r.level, path: r.path });
    movedTasks.add(r.path.replace(/\/items\/.*$/, ''));
  }
  if (r.oldTarget !== undefined && r.oldTarget !== r.newTarget)
    expected.push({ kind: 'target-changed', level: r.level, path: r.path });
}
expected.push({ kind: 'owner-changed', level: 'task', path: ownerTask.path });
expected.push({ kind: 'description-changed', level: 'task', path: wordingTask.path });
expected.push({ kind: 'added', level: 'task', path: absent.path });
expected.push({ kind: 'dropped', level: 'task', path: extraPath });
// Stalled: every other task with a rate below 100% (written, else recomputed).
for (const r of tasks) {
  const v = r.task.rate?.value ?? r.task.rate?.computed?.value ?? null;
  if (r !== absent && !movedTasks.has(r.path) && v !== null && v < 100)
    expected.push({ kind: 'stalled', level: 'task', path: r.path });
}
const order = (e: Expected) => `${e.path}\u0000${e.kind}`;
expected.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));

const label = (r: TaskRef) => `${report.sections[r.section]!.ordinal}.${r.task.no}`;
const expectedText =
  JSON.stringify(
    {
      description: `Expected changes of \`hzreport diff ${FIXTURE} ${SOURCE}\`, derived by scripts/dev/quarter-back.ts from its edits. Paths point into the later report, a drop's into the earlier.`,
      edits: {
        movedBack: advancedTasks.map(label),
        notStarted: notStarted.map(label),
        higherEarlier: label(regressedTask),
        target: { task: label(targetTask), indicator: changedTarget.name },
        owner: { task: label(ownerTask), earlier: otherOwner },
        wording: { task: label(wordingTask), earlier: earlierWording },
        absentEarlier: label(absent),
        extraEarlier: { copyOf: label(extra), path: extraPath },
      },
      summary: Object.fromEntries(
        ['regressed', 'advanced', 'stalled', 'target-changed', 'owner-changed', 'description-changed', 'added', 'dropped'].map(
          (k) => [k, expected.filter((e) => e.kind === k).length],
        ),
      ),
      changes: expected,
    },
    null,
    2,
  ) + '\n';

if (process.argv.includes('--check')) {
  const stale = [
    [FIXTURE, fixtureText],
    [EXPECTED, expectedText],
  ].filter(([f, t]) => readFileSync(root(f!), 'utf8') !== t);
  for (const [f] of stale) console.error(`${f} is stale: run \`npx tsx scripts/dev/quarter-back.ts\``);
  process.exit(stale.length ? 1 : 0);
}
writeFileSync(root(FIXTURE), fixtureText);
writeFileSync(root(EXPECTED), expectedText);
console.log(
  `wrote ${FIXTURE} (${out.length} lines, ${earlier.summary.tasks} tasks) and ${EXPECTED} (${expected.length} changes)`,
);
