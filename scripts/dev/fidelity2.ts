// `npm run fidelity2`: the second opinion. Renders the bundled report's transcription with the independent
// renderer (test/helpers/sim2), compiles each rendering and scores it with the first simulator's scorer,
// so the figures read as `npm run fidelity`'s: per layout over N seeds, tasks found and exact (mean and
// lowest rendering), owners right, prose right, indicators placed, extra tasks, renderings that threw.
//
//   npm run fidelity2 -- [-n 10] [--seed 1] [--layout canonical,owner-elsewhere,...] [--set KIND=RATE ...]
//                        [--worst 12] [--all] [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compile } from '../../src/compile.js';
import { fromReport, tasksOf } from '../../test/helpers/sim/transcription.js';
import { score } from '../../test/helpers/sim/score.js';
import { addScore, pct, totalsHeader, totalsLine, zeroTotals, type Totals } from '../../test/helpers/sim/totals.js';
import { DAMAGE2, LAYOUTS2, NO_DAMAGE2, render2, type Damage2, type Layout2Name } from '../../test/helpers/sim2/render.js';
import type { Report } from '../../src/model.js';

const { values: opt } = parseArgs({
  options: {
    n: { type: 'string', short: 'n', default: '10' },
    seed: { type: 'string', default: '1' },
    layout: { type: 'string', default: LAYOUTS2.join(',') },
    damage: { type: 'string', default: 'full' },
    set: { type: 'string', multiple: true, default: [] },
    worst: { type: 'string', default: '12' },
    all: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const fail = (m: string): never => {
  console.error(`fidelity2: ${m}`);
  process.exit(2);
};
const n = Number(opt.n);
const seed0 = Number(opt.seed);
const layouts = opt.layout.split(',') as Layout2Name[];
for (const l of layouts) if (!LAYOUTS2.includes(l)) fail(`unknown layout ${l} (known: ${LAYOUTS2.join(', ')})`);
const damage: Damage2 = { ...(opt.damage === 'none' ? NO_DAMAGE2 : DAMAGE2) };
for (const kv of opt.set) {
  const [k, v] = kv.split('=') as [keyof Damage2, string];
  if (!(k in DAMAGE2) || v === undefined) fail(`--set ${kv}: KIND one of ${Object.keys(DAMAGE2).join(', ')}`);
  const xs = v.split(',').map(Number);
  if (k === 'pageRows') damage.pageRows = [xs[0]!, xs[1] ?? xs[0]!];
  else (damage as unknown as Record<string, number>)[k] = xs[0]!;
}
const corpus = fromReport();
if (opt.out) mkdirSync(opt.out, { recursive: true });

const per = new Map<string, Totals>();
const all = zeroTotals();
const worst: string[] = [];
const kinds = new Map<string, number>();
const kind = (reason: string) => reason.replace(/\s+(vs|"|\[|\d+%|-).*$/, '').replace(/\d+/g, '#');
const started = Date.now();
for (const layout of layouts) {
  const t = zeroTotals();
  per.set(layout, t);
  for (let i = 0; i < n; i++) {
    const seed = seed0 + i;
    const rd = render2(corpus, { seed, layout, damage });
    let report: Report | undefined;
    let threw: string | undefined;
    try {
      report = compile(rd.text, { file: `sim2-${layout}-${seed}.tsv` });
    } catch (e) {
      threw = e instanceof Error ? e.message : String(e);
    }
    const c = score(rd.transcription, report, threw);
    addScore(t, c, kind);
    addScore(all, c, kind);
    if (opt.out) writeFileSync(join(opt.out, `sim2-${layout}-${seed}.tsv`), rd.text);
    for (const m of c.misses) {
      kinds.set(`${layout}: ${kind(m.reason)}`, (kinds.get(`${layout}: ${kind(m.reason)}`) ?? 0) + 1);
      worst.push(`  seed ${seed} ${layout} ${m.section}.${m.no}: ${m.reason}${m.misplaced ? ` (${m.misplaced} misplaced)` : ''}`);
    }
    if (opt.all) {
      const st = rd.stats;
      console.log(
        `${layout} seed ${seed}: [${rd.columns.join(' ')}] headers ${rd.headers.map((h) => `${h.length}-row`).join(',')}; exact ${c.exact}/${c.tasks}, owners ${c.ownersRight}; pages ${st.pages}, cuts ${st.cuts} (${st.ownRowTails} own row), repeats ${st.repeats} (${st.repeatAll} all), shifted ${st.shiftedLeft}L/${st.shiftedRight}R, wide ${st.wideBlocks}, moved ${st.itemsMoved}, up ${st.tasksUp} (${st.tasksUpAlone} alone, ${st.tasksUpOwnRow} own row), packed ${st.packedRows}, header changes ${st.headerChanges}${threw ? `; THREW ${threw}` : ''}`,
      );
      const want = tasksOf(rd.transcription);
      for (const m of c.misses.slice(0, 40))
        console.log(`  ${m.section}.${m.no} (#${m.index}, ${want[m.index]!.task.items.length} items): ${m.reason}`);
    }
  }
}
console.log(
  `fidelity2: corpus report (${all.tasks / Math.max(1, all.renderings)} tasks), renderer sim2, damage ${opt.damage}${opt.set.length ? ` with ${opt.set.join(' ')}` : ''}, ${n} rendering(s) per layout from seed ${seed0}`,
);
console.log(totalsHeader());
for (const [name, t] of per) console.log(totalsLine(name, t));
if (per.size > 1) console.log(totalsLine('overall', all));
for (const [name, t] of per)
  if (t.remarks) console.log(`  ${name}: remarks in extra ${pct(t.remarksPlaced, t.remarks).trim()}% of ${t.remarks}`);
console.log(
  'kinds of miss:',
  [...kinds]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join('; ') || 'none',
);
const k = Number(opt.worst);
if (worst.length && k > 0)
  console.log(
    `worst (${worst.length} not exact; replay: -n 1 --seed SEED --layout LAYOUT --out DIR):\n${worst.slice(0, k).join('\n')}`,
  );
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
