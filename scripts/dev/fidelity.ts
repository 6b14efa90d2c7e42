// `npm run fidelity`: render the report in several layouts with fresh damage, compile each rendering
// and score it against what was rendered (test/helpers/sim). Prints per layout and overall: tasks
// found and exact, owners right, indicators under the right item, and the worst cases, each with
// the seed and layout that replay it.
//
//   npm run fidelity -- [-n 10] [--seed 1] [--layout canonical,remarks] [--corpus report|gold]
//                       [--damage full|handled|none] [--set KIND=RATE ...] [--worst 12] [--out DIR] [--verbose]
//                       [--targets] [--all]
//
// --set changes one rate of the damage preset (the fields of Damage in test/helpers/sim/render.ts),
// e.g. --set packed=0.05 --set repeatTask=0.5 --set pageRows=5,12. --targets checks the figures the
// layout work aims at (docs/fidelity.md) and exits 1 when one is missed. --all lists every task not exact
// (seed, layout, task, reason), with the rendered rows of the compiled task and the two groupings, to
// classify the misses by cause (docs/fidelity.md, "Held out").
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  FULL_DAMAGE,
  HANDLED_DAMAGE,
  LAYOUTS,
  NO_DAMAGE,
  fromGold,
  fromReport,
  simulate,
  tasksOf,
  type Damage,
  type LayoutName,
  type Simulation,
} from '../../test/helpers/sim/index.js';
import type { Task } from '../../src/model.js';
import { addScore, pct, totalsHeader, totalsLine, zeroTotals, type Totals } from '../../test/helpers/sim/totals.js';

const { values: opt } = parseArgs({
  options: {
    n: { type: 'string', short: 'n', default: '10' },
    seed: { type: 'string', default: '1' },
    layout: { type: 'string', default: LAYOUTS.join(',') },
    corpus: { type: 'string', default: 'report' },
    damage: { type: 'string', default: 'full' },
    set: { type: 'string', multiple: true, default: [] },
    worst: { type: 'string', default: '12' },
    out: { type: 'string' },
    verbose: { type: 'boolean', short: 'v', default: false },
    targets: { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log(
    'npm run fidelity -- [-n 10] [--seed 1] [--layout ' +
      LAYOUTS.join(',') +
      '] [--corpus report|gold] [--damage full|handled|none] [--set KIND=RATE ...] [--worst 12] [--out DIR] [--verbose] [--targets] [--all]',
  );
  console.log(`damage kinds for --set: ${Object.keys(FULL_DAMAGE).join(', ')}`);
  process.exit(0);
}
const fail = (msg: string): never => {
  console.error(`fidelity: ${msg}`);
  process.exit(2);
};
const n = Number(opt.n);
const seed0 = Number(opt.seed);
if (!Number.isInteger(n) || n < 1) fail(`-n must be a positive integer, not ${opt.n}`);
if (!Number.isInteger(seed0)) fail(`--seed must be an integer, not ${opt.seed}`);
const layouts = opt.layout.split(',').map((s) => s.trim()) as LayoutName[];
for (const l of layouts) if (!LAYOUTS.includes(l)) fail(`unknown layout ${l} (known: ${LAYOUTS.join(', ')})`);
const preset: Damage =
  ({ full: FULL_DAMAGE, handled: HANDLED_DAMAGE, none: NO_DAMAGE } as const)[opt.damage as 'full'] ??
  fail(`unknown damage ${opt.damage} (full, handled, none)`);
const damage: Damage = { ...preset };
for (const kv of opt.set) {
  const [key, value] = kv.split('=') as [keyof Damage, string | undefined];
  if (!(key in FULL_DAMAGE) || value === undefined)
    fail(`--set ${kv}: expected KIND=RATE with KIND one of ${Object.keys(FULL_DAMAGE).join(', ')}`);
  const nums = value!.split(',').map(Number);
  if (nums.some((x) => !Number.isFinite(x))) fail(`--set ${kv}: not a number`);
  if (key === 'pageRows') damage.pageRows = [nums[0]!, nums[1] ?? nums[0]!];
  else if (key === 'midTask') damage.midTask = nums[0] !== 0;
  else (damage as unknown as Record<string, number>)[key] = nums[0]!;
}
const corpus =
  opt.corpus === 'gold'
    ? fromGold()
    : opt.corpus === 'report'
      ? fromReport()
      : fail(`unknown corpus ${opt.corpus} (report, gold)`);

/** The kind of a difference: its leading words, without figures or text ("item 3 rate 5% vs 6%" → "item rate"). */
function kind(reason: string): string {
  const words: string[] = [];
  for (const w of reason.split(/\s+/)) {
    if (w === 'vs' || !/^[a-z:]+$|^\d+$/.test(w)) break;
    if (!/^\d+$/.test(w)) words.push(w.replace(/:$/, ''));
  }
  return words.join(' ') || reason;
}
const add = (t: Totals, s: Simulation): void => addScore(t, s.score, kind);

/** Every task not exact in a rendering: the reason, the compiled task's rendered rows (one more each side,
 * the columns up to the indicator rate) and the items as transcribed and as compiled. */
function listMisses(s: Simulation, layout: string, seed: number): void {
  const lines = s.rendering.text.split('\n');
  const want = tasksOf(s.rendering.transcription);
  const got = new Map<string, Task[]>();
  for (const sec of s.report?.sections ?? [])
    for (const g of sec.groups)
      for (const t of g.tasks) got.set(`${sec.ordinal}|${t.no}`, [...(got.get(`${sec.ordinal}|${t.no}`) ?? []), t]);
  const seen = new Map<string, number>();
  const cut = (x: string, k: number) => (x.length > k ? `${x.slice(0, k)}…` : x);
  const sum = (items: { description: string; rate: string; names: string[] }[]) =>
    items.map(
      (it, i) =>
        `    ${i + 1}. ${cut(it.description.replace(/\s+/g, ''), 24)} ${it.rate}: ${it.names.map((n) => cut(n, 16)).join(' | ')}`,
    );
  for (const m of [...s.score.misses].sort((a, b) => a.index - b.index)) {
    const key = `${m.section}|${m.no}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const g = got.get(key)?.[k];
    console.log(
      `MISS seed ${seed} ${layout} ${m.section}.${m.no}: ${m.reason}${m.misplaced ? ` (${m.misplaced} misplaced)` : ''}`,
    );
    const w = want[m.index]!.task;
    console.log('  want:');
    for (const l of sum(
      w.items.map((it) => ({
        description: it.description,
        rate: it.rate,
        names: it.indicators.map((x) => `${x.name}/${x.rate}`),
      })),
    ))
      console.log(l);
    if (!g) continue;
    console.log('  got:');
    for (const l of sum(
      g.items.map((it) => ({
        description: it.description,
        rate: it.rate?.text ?? '-',
        names: it.indicators.map((x) => `${x.name}/${x.rate?.text ?? ''}`),
      })),
    ))
      console.log(l);
    for (let i = Math.max(1, g.lines.start - 1); i <= Math.min(lines.length, g.lines.end + 1); i++)
      console.log(
        `  ${String(i).padStart(5)}: ${(lines[i - 1] ?? '')
          .split('\t')
          .slice(0, 9)
          .map((c) => cut(c.replace(/<[^>]+>/g, ''), 14))
          .join(' ¦ ')}`,
      );
  }
}

const worst: { seed: number; layout: string; task: string; reason: string; misplaced: number }[] = [];
const all = zeroTotals();
const per = new Map<string, Totals>();
const started = Date.now();
if (opt.out) mkdirSync(opt.out, { recursive: true });
for (const layout of layouts) {
  const t = zeroTotals();
  per.set(layout, t);
  for (let i = 0; i < n; i++) {
    const seed = seed0 + i;
    const s = simulate(corpus, { seed, layout, damage });
    add(t, s);
    add(all, s);
    if (opt.out) writeFileSync(join(opt.out, `sim-${layout}-${seed}.tsv`), s.rendering.text);
    if (opt.all) listMisses(s, layout, seed);
    for (const m of s.score.misses)
      worst.push({ seed, layout, task: `${m.section}.${m.no}`, reason: m.reason, misplaced: m.misplaced });
    if (opt.verbose) {
      const c = s.score;
      const st = s.rendering.stats;
      console.log(
        `  ${layout} seed ${seed}: [${s.rendering.layout.columns.join(' ')}] ${s.rendering.layout.twoRow ? 'two-row' : 'one-row'} header; exact ${c.exact}/${c.tasks}, owners ${c.ownersRight}, indicators ${c.indicatorsPlaced}/${c.indicators}, extra ${c.extra}${c.threw ? `, threw ${c.threw}` : ''}; pages ${st.pages}, cuts ${st.cuts} (${st.tailRows} on rows of their own, ${st.cutBeforeNewItem} before a new item), repeats ${st.repeats}, shifted ${st.shiftedLeft}L/${st.shiftedRight}R, wide ${st.wideBlocks}, item texts moved ${st.itemsMoved}, task rows up ${st.tasksUp}, packed rows ${st.packedRows}`,
      );
    }
  }
}
console.log(
  `fidelity: corpus ${opt.corpus} (${all.tasks / Math.max(1, all.renderings)} tasks), damage ${opt.damage}${opt.set.length ? ` with ${opt.set.join(' ')}` : ''}, ${n} rendering(s) per layout from seed ${seed0}`,
);
console.log(totalsHeader());
for (const [name, t] of per) console.log(totalsLine(name, t));
if (per.size > 1) console.log(totalsLine('overall', all));
for (const [name, t] of per) {
  const reasons = [...t.reasons].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`);
  const remarks = t.remarks ? `; remarks in extra ${pct(t.remarksPlaced, t.remarks).trim()}% of ${t.remarks}` : '';
  // Tasks marked to be read by eye: how many of the misses, and at what cost in exact tasks.
  const flagged =
    t.flaggedMisses + t.flaggedExact
      ? `; marked ambiguous: ${t.flaggedMisses} of ${t.tasks - t.exact} not exact, ${t.flaggedExact} exact`
      : '';
  if (reasons.length || remarks || flagged) console.log(`  ${name}: ${reasons.join(', ') || 'all exact'}${remarks}${flagged}`);
}
// The worst example of each kind of difference in each layout, the kinds with most misplaced indicators first.
const groups = new Map<string, { first: (typeof worst)[number]; count: number }>();
worst.sort((a, b) => b.misplaced - a.misplaced || a.layout.localeCompare(b.layout) || a.seed - b.seed);
for (const w of worst) {
  const key = `${w.layout}|${kind(w.reason)}`;
  const g = groups.get(key);
  if (g) g.count++;
  else groups.set(key, { first: w, count: 1 });
}
const k = Number(opt.worst);
if (worst.length && k > 0) {
  console.log(
    `worst cases (${worst.length} tasks not exact; the worst of each kind per layout; replay: npm run fidelity -- -n 1 --seed SEED --layout LAYOUT --out DIR):`,
  );
  for (const { first: w, count } of [...groups.values()].slice(0, k))
    console.log(
      `  seed ${w.seed} ${w.layout} ${w.task}: ${w.reason}${w.misplaced ? ` (${w.misplaced} indicators misplaced)` : ''}${count > 1 ? ` [${count - 1} more like it]` : ''}`,
    );
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (opt.targets) {
  // The figures of docs/fidelity.md: the three other layouts, and the canonical layout.
  let missed = 0;
  const target = (ok: boolean, what: string): void => {
    if (!ok) missed++;
    console.log(`  ${ok ? 'met   ' : 'MISSED'} ${what}`);
  };
  console.log('targets:');
  for (const [name, t] of per) {
    const exact = (100 * t.exact) / t.tasks;
    const placed = (100 * t.placed) / t.indicators;
    if (['owner-elsewhere', 'remarks', 'no-prose'].includes(name)) {
      target(
        t.incomplete === 0,
        `${name}: every task found and every owner right in every rendering (${t.renderings - t.incomplete}/${t.renderings})`,
      );
      target(exact >= 99, `${name}: >= 99% of tasks exact (${exact.toFixed(2)}%)`);
      target(placed >= 99.8, `${name}: >= 99.8% of indicators placed (${placed.toFixed(2)}%)`);
    } else if (name === 'canonical') {
      target(
        exact >= 99.5 && t.minExact >= 99,
        `canonical: mean >= 99.5% of tasks exact, none below 99% (${exact.toFixed(2)}%, lowest ${t.minExact.toFixed(2)}%)`,
      );
      target(placed >= 99.9, `canonical: >= 99.9% of indicators placed (${placed.toFixed(2)}%)`);
    }
  }
  if (missed) process.exitCode = 1;
}
