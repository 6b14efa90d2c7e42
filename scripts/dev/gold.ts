// Dev aid: compare the compiled seed with the gold transcription, task by task.
import { readFileSync } from 'node:fs';
import { compile } from '../../src/compile.js';
import type { GoldTask } from './gold-types.js';
import type { Task } from '../../src/model.js';
const ws = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const gold = JSON.parse(readFileSync('fixtures/hangzhou-2021-q3.gold.json', 'utf8')) as GoldTask[];
const report = compile(readFileSync('fixtures/hangzhou-2021-q3.tsv'), { file: 'seed' });
const tasks: { sec: string | null; t: Task }[] = [];
for (const s of report.sections) for (const g of s.groups) for (const t of g.tasks) tasks.push({ sec: s.ordinal, t });
let ok = 0;
for (const gt of gold) {
  const m = tasks.find((x) => x.sec === gt.section && x.t.no === gt.no);
  const errs: string[] = [];
  if (!m) errs.push('missing');
  else {
    const t = m.t;
    if (ws(t.rate?.text) !== ws(gt.rate)) errs.push(`rate ${t.rate?.text} vs ${gt.rate}`);
    if (ws(t.owner) !== ws(gt.owner)) errs.push(`owner ${t.owner} vs ${gt.owner}`);
    if (ws(t.description) !== ws(gt.title)) errs.push(`title`);
    if (t.items.length !== gt.items.length) errs.push(`items ${t.items.length} vs ${gt.items.length}`);
    gt.items.forEach((gi, i) => {
      const it = t.items[i];
      if (!it) return;
      if (ws(it.description) !== ws(gi.title))
        errs.push(`item${i + 1} desc "${it.description.slice(0, 15)}" vs "${gi.title.slice(0, 15)}"`);
      if (ws(it.rate?.text) !== ws(gi.rate)) errs.push(`item${i + 1} rate ${it.rate?.text} vs ${gi.rate}`);
      const a = it.indicators.map((x) => [x.name, x.target?.text, x.current?.text, x.rate?.text].map(ws).join('/'));
      const b = gi.indicators.map((x) => [x.name, x.target, x.current, x.rate].map(ws).join('/'));
      if (a.join('|') !== b.join('|')) errs.push(`item${i + 1} inds [${a.join(' | ')}] vs [${b.join(' | ')}]`);
    });
  }
  if (!errs.length) ok++;
  else console.log(`${gt.section}.${gt.no} (${gt.start_line}-${gt.end_line}):`, errs.join('; '));
}
console.log(`${ok}/${gold.length} exact`);
console.log(JSON.stringify(report.summary));
const per: Record<string, number> = {};
for (const x of tasks) per[x.sec ?? '-'] = (per[x.sec ?? '-'] ?? 0) + 1;
console.log(per);
