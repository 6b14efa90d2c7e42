// Dev aid: apply random extraction damage to the seed and count gold tasks still exact.
import { readFileSync } from 'node:fs';
import { compile } from '../../src/compile.js';
import type { GoldTask } from './gold-types.js';
const ws = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const gold = JSON.parse(readFileSync('fixtures/hangzhou-2021-q3.gold.json', 'utf8')) as GoldTask[];
const lines = readFileSync('fixtures/hangzhou-2021-q3.tsv', 'utf8').split('\n');
let seed = Number(process.argv[2] ?? 1);
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const mode = process.argv[3] ?? 'left';
const p = Number(process.argv[4] ?? 0.3);
const damaged = lines.map((l) => {
  const f = l.split('\t');
  if (f.length < 10 || /序号|任务说明/.test(l) || rnd() > p) return l;
  if (mode === 'left') {
    let k = 0;
    while (k < f.length && f[k] === '') k++;
    const drop = Math.min(k, 1 + Math.floor(rnd() * 4));
    return f.slice(drop).join('\t');
  }
  if (mode === 'right') {
    const at = Math.floor(rnd() * 5);
    f.splice(at, 0, '');
    return f.join('\t');
  }
  if (mode === 'trail') {
    return f.join('\t') + '\t\t';
  }
  return l;
});
const report = compile(damaged.join('\n'));
const tasks = report.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks.map((t) => ({ sec: s.ordinal, t }))));
let ok = 0;
for (const gt of gold) {
  const m = tasks.find((x) => x.sec === gt.section && x.t.no === gt.no);
  const t = m?.t;
  const same =
    t &&
    ws(t.rate?.text) === ws(gt.rate) &&
    ws(t.owner) === ws(gt.owner) &&
    t.items.length === gt.items.length &&
    gt.items.every(
      (gi, i) =>
        ws(t.items[i]!.description) === ws(gi.title) &&
        ws(t.items[i]!.rate?.text) === ws(gi.rate) &&
        t.items[i]!.indicators.map((x) => [x.name, x.target?.text, x.current?.text, x.rate?.text].map(ws).join('/')).join('|') ===
          gi.indicators.map((x) => [x.name, x.target, x.current, x.rate].map(ws).join('/')).join('|'),
    );
  if (same) ok++;
  else if (process.env.V) console.log('FAIL', gt.section, gt.no, gt.start_line);
}
console.log(
  `${mode} p=${p} seed=${process.argv[2]}: ${ok}/28, tasks ${report.summary.tasks}, reported ${report.summary.cellsReported}`,
);
// Whole report: the damaged compile against the undamaged one.
const clean = compile(lines.join('\n'));
const sig = (r: typeof clean) =>
  r.sections.flatMap((s) =>
    s.groups.flatMap((g) =>
      g.tasks.map(
        (t) =>
          `${s.ordinal}.${t.no} ${ws(t.rate?.text)} ${ws(t.owner)} ` +
          t.items
            .map(
              (i) =>
                `${ws(i.description)}:${ws(i.rate?.text)}[${i.indicators.map((x) => [x.name, x.target?.text, x.current?.text, x.rate?.text].map(ws).join('/')).join('|')}]`,
            )
            .join(' '),
      ),
    ),
  );
const a = sig(clean),
  b = sig(report);
const same = a.filter((x, i) => x === b[i]).length;
console.log(`  whole report: ${same}/${a.length} tasks identical to the undamaged compile`);
if (process.env.V)
  a.forEach((x, i) => {
    if (x !== b[i]) console.log('  DIFF', x.slice(0, 40));
  });
