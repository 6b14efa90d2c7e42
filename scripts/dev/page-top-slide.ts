// Slides each page-top row of a report (the first row after a page header) right by some cells and counts
// the rows whose task then reads differently from the report as written (docs/fidelity.md, "What the audited
// damage broke"). Usage: npx tsx scripts/dev/page-top-slide.ts [--by 1,3,4] [--file F] [-v]
import { readFileSync } from 'node:fs';
import { compile } from '../../src/compile.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : dflt;
};
const file = opt('--file', 'fixtures/hangzhou-2021-q3.tsv');
const bys = opt('--by', '1,2,3,4').split(',').map(Number);
const verbose = args.includes('-v');
const only = opt('--line', '');
const text = readFileSync(file, 'utf8');
const lines = text.split('\n');

type Task = ReturnType<typeof compile>['sections'][number]['groups'][number]['tasks'][number];
const r = (x: { text: string } | null | undefined) => x?.text ?? null;
const norm = (t: Task) =>
  JSON.stringify({
    d: t.description,
    r: r(t.rate),
    o: t.owner,
    h: t.highlights,
    n: t.nextSteps,
    i: t.items.map((i) => ({
      d: i.description,
      r: r(i.rate),
      x: i.indicators.map((x) => [x.name, r(x.target), r(x.current), r(x.rate)]),
    })),
  });
const read = (src: string) => {
  const m = new Map<string, string>();
  for (const s of compile(src).sections)
    for (const g of s.groups)
      for (const t of g.tasks) {
        let k = `${s.ordinal}.${t.no}`;
        while (m.has(k)) k += "'";
        m.set(k, norm(t));
      }
  return m;
};

// page-top rows: the first line after a block's header rows (a header row names 序号 or 完成率-like words)
const tops: number[] = [];
for (let i = 0; i < lines.length; i++) {
  if (lines[i]!.trim() !== '' && (i === 0 || lines[i - 1]!.trim() === '') && /序号|编号/.test(lines[i]!)) {
    let j = i + 1;
    while (j < lines.length && /完成率|任务说明|指标名称/.test(lines[j]!) && !/^\s*\d/.test(lines[j]!)) j++;
    if (j < lines.length && lines[j]!.trim() !== '') tops.push(j);
  }
}
const base = read(text);
const slid = (at: number, by: number) => {
  const ls = lines.slice();
  const cells = ls[at]!.split('\t');
  const first = cells.findIndex((c) => c.trim() !== '');
  cells.splice(first, 0, ...Array<string>(by).fill(''));
  ls[at] = cells.join('\t');
  return ls.join('\n');
};
for (const by of bys) {
  const bad: string[] = [];
  for (const at of tops) {
    if (only && at + 1 !== Number(only)) continue;
    const m = read(slid(at, by));
    const diff = [...base.keys()].filter((k) => m.get(k) !== base.get(k));
    if (m.size !== base.size) diff.push(`tasks ${base.size}→${m.size}`);
    if (diff.length) {
      bad.push(`${at + 1}:${diff.join(',')}`);
      if (verbose)
        for (const k of diff.slice(0, 3))
          console.log(`  line ${at + 1} by ${by} ${k}\n    was ${base.get(k)}\n    now ${m.get(k)}`);
    }
  }
  console.log(
    `by ${by}: ${bad.length} of ${only ? 1 : tops.length} page-top rows misread${bad.length ? ': ' + bad.join(' ') : ''}`,
  );
}
