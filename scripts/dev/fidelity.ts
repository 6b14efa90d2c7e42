// `npm run fidelity`: render the report in several layouts with fresh damage, compile each rendering
// and score it against what was rendered (test/helpers/sim). Prints per layout and overall: tasks
// found and exact, owners right, indicators under the right item, and the worst cases, each with
// the seed and layout that replay it.
//
//   npm run fidelity -- [-n 10] [--seed 1] [--layout canonical,remarks] [--corpus report|gold]
//                       [--damage full|handled|none] [--worst 12] [--out DIR] [--verbose]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL_DAMAGE, HANDLED_DAMAGE, LAYOUTS, NO_DAMAGE, fromGold, fromReport, simulate, type LayoutName, type Simulation } from '../../test/helpers/sim/index.js';

const { values: opt } = parseArgs({
  options: {
    n: { type: 'string', short: 'n', default: '10' },
    seed: { type: 'string', default: '1' },
    layout: { type: 'string', default: LAYOUTS.join(',') },
    corpus: { type: 'string', default: 'report' },
    damage: { type: 'string', default: 'full' },
    worst: { type: 'string', default: '12' },
    out: { type: 'string' },
    verbose: { type: 'boolean', short: 'v', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log('npm run fidelity -- [-n 10] [--seed 1] [--layout ' + LAYOUTS.join(',') + '] [--corpus report|gold] [--damage full|handled|none] [--worst 12] [--out DIR] [--verbose]');
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
const damage = ({ full: FULL_DAMAGE, handled: HANDLED_DAMAGE, none: NO_DAMAGE } as const)[opt.damage as 'full'] ?? fail(`unknown damage ${opt.damage} (full, handled, none)`);
const corpus = opt.corpus === 'gold' ? fromGold() : opt.corpus === 'report' ? fromReport() : fail(`unknown corpus ${opt.corpus} (report, gold)`);

interface Totals {
  renderings: number;
  tasks: number;
  found: number;
  exact: number;
  owners: number;
  indicators: number;
  placed: number;
  extra: number;
  threw: number;
  minExact: number;
}
const zero = (): Totals => ({ renderings: 0, tasks: 0, found: 0, exact: 0, owners: 0, indicators: 0, placed: 0, extra: 0, threw: 0, minExact: 100 });
const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(2) : '-').padStart(6);

function add(t: Totals, s: Simulation): void {
  const c = s.score;
  t.renderings++;
  t.tasks += c.tasks;
  t.found += c.found;
  t.exact += c.exact;
  t.owners += c.ownersRight;
  t.indicators += c.indicators;
  t.placed += c.indicatorsPlaced;
  t.extra += c.extra;
  if (c.threw) t.threw++;
  t.minExact = Math.min(t.minExact, c.tasks ? (100 * c.exact) / c.tasks : 100);
}

const line = (name: string, t: Totals): string =>
  `${name.padEnd(16)} ${String(t.renderings).padStart(4)} ${String(t.tasks).padStart(6)} ${pct(t.found, t.tasks)}% ${pct(t.exact, t.tasks)}% ${t.minExact.toFixed(2).padStart(6)}% ${pct(t.owners, t.tasks)}% ${pct(t.placed, t.indicators)}% ${String(t.extra).padStart(6)} ${String(t.threw).padStart(5)}`;

const worst: { seed: number; layout: string; task: string; reason: string; misplaced: number }[] = [];
const all = zero();
const per = new Map<string, Totals>();
const started = Date.now();
if (opt.out) mkdirSync(opt.out, { recursive: true });
for (const layout of layouts) {
  const t = zero();
  per.set(layout, t);
  for (let i = 0; i < n; i++) {
    const seed = seed0 + i;
    const s = simulate(corpus, { seed, layout, damage });
    add(t, s);
    add(all, s);
    if (opt.out) writeFileSync(join(opt.out, `sim-${layout}-${seed}.tsv`), s.rendering.text);
    for (const m of s.score.misses) worst.push({ seed, layout, task: `${m.section}.${m.no}`, reason: m.reason, misplaced: m.misplaced });
    if (opt.verbose) {
      const c = s.score;
      const st = s.rendering.stats;
      console.log(`  ${layout} seed ${seed}: [${s.rendering.layout.columns.join(' ')}] ${s.rendering.layout.twoRow ? 'two-row' : 'one-row'} header; exact ${c.exact}/${c.tasks}, owners ${c.ownersRight}, indicators ${c.indicatorsPlaced}/${c.indicators}, extra ${c.extra}${c.threw ? `, threw ${c.threw}` : ''}; pages ${st.pages}, cuts ${st.cuts} (${st.tailRows} on rows of their own, ${st.cutBeforeNewItem} before a new item), repeats ${st.repeats}, shifted ${st.shiftedLeft}L/${st.shiftedRight}R, wide ${st.wideBlocks}`);
    }
  }
}
console.log(`fidelity: corpus ${opt.corpus} (${all.tasks / Math.max(1, all.renderings)} tasks), damage ${opt.damage}, ${n} rendering(s) per layout from seed ${seed0}`);
console.log(`${'layout'.padEnd(16)} rend. ${'tasks'.padStart(6)} ${'found'.padStart(7)} ${'exact'.padStart(7)} ${'min ex.'.padStart(7)} ${'owners'.padStart(7)} ${'ind.pl.'.padStart(7)} ${'extra'.padStart(6)} threw`);
for (const [name, t] of per) console.log(line(name, t));
if (per.size > 1) console.log(line('overall', all));
worst.sort((a, b) => b.misplaced - a.misplaced || a.layout.localeCompare(b.layout) || a.seed - b.seed);
const k = Number(opt.worst);
if (worst.length && k > 0) {
  console.log(`worst cases (${worst.length} tasks not exact; replay: npm run fidelity -- -n 1 --seed SEED --layout LAYOUT --out DIR):`);
  for (const w of worst.slice(0, k)) console.log(`  seed ${w.seed} ${w.layout} ${w.task}: ${w.reason}${w.misplaced ? ` (${w.misplaced} indicators misplaced)` : ''}`);
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
