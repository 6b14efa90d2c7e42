// Indicator misses of the second renderer, shown with their rows (docs/fidelity.md, "Indicators under the
// wrong item"): for each task whose items are right but whose indicators are not, the rendered lines of the
// task and its neighbours, each indicator row marked with the item the compiler gave it and the item the
// transcription holds it under, and the task's structure diagnostics. For tuning on seeds 101-160 only.
//   npx tsx scripts/dev/indmiss.ts [-n 10] [--seed 101] [--layout canonical] [--kind indicators|all]
import { parseArgs } from 'node:util';
import { compile } from '../../src/compile.js';
import { fromReport, tasksOf, type TTask } from '../../test/helpers/sim/transcription.js';
import { score } from '../../test/helpers/sim/score.js';
import { DAMAGE2, render2, type Layout2Name } from '../../test/helpers/sim2/render.js';
import type { Report, Task } from '../../src/model.js';

const { values: opt } = parseArgs({
  options: {
    n: { type: 'string', short: 'n', default: '10' },
    seed: { type: 'string', default: '101' },
    layout: { type: 'string', default: 'canonical' },
    kind: { type: 'string', default: 'indicators' },
  },
});
const ws = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const clip = (s: string, n = 16) => (s.length > n ? s.slice(0, n) + '…' : s);
const corpus = fromReport();
for (const layout of opt.layout.split(',') as Layout2Name[])
  for (let seed = Number(opt.seed); seed < Number(opt.seed) + Number(opt.n); seed++) {
    const rd = render2(corpus, { seed, layout, damage: DAMAGE2 });
    const report: Report = compile(rd.text, { file: `sim2-${layout}-${seed}.tsv` });
    const c = score(rd.transcription, report);
    const want = tasksOf(rd.transcription);
    const got: { t: Task; sec: string }[] = [];
    for (const s of report.sections) for (const g of s.groups) for (const t of g.tasks) got.push({ t, sec: s.ordinal ?? '' });
    const lines = rd.text.split('\n');
    for (const m of c.misses) {
      if (opt.kind === 'indicators' && !/indicators/.test(m.reason)) continue;
      const gi = m.index; // found tasks are in order: same index when the task count matches
      const g = got[gi];
      if (!g) continue;
      // true owner of each signature among the three transcribed tasks around it
      const sig = (n: string, t: string, cu: string, r: string) => [n, t, cu, r].map(ws).join('/');
      const owner = new Map<string, string[]>();
      for (const d of [-1, 0, 1]) {
        const w: TTask | undefined = want[gi + d]?.task;
        w?.items.forEach((it, j) =>
          it.indicators.forEach((x) => {
            const k = sig(x.name, x.target, x.current, x.rate);
            owner.set(k, [...(owner.get(k) ?? []), `${d === 0 ? '' : d < 0 ? 'P' : 'N'}${j + 1}`]);
          }),
        );
      }
      const mark = new Map<number, string[]>();
      const from = Math.min(...[-1, 0, 1].map((d) => got[gi + d]?.t.lines.start ?? 1e9));
      const to = Math.max(...[-1, 0, 1].map((d) => got[gi + d]?.t.lines.end ?? 0));
      for (const d of [-1, 0, 1]) {
        const t = got[gi + d]?.t;
        t?.items.forEach((it, j) =>
          it.indicators.forEach((x) => {
            const k = sig(x.name, x.target?.text ?? '', x.current?.text ?? '', x.rate?.text ?? '');
            const o = owner.get(k)?.join(',') ?? '?';
            const me = `${d === 0 ? '' : d < 0 ? 'P' : 'N'}${j + 1}`;
            mark.set(x.line, [...(mark.get(x.line) ?? []), o === me ? me : `${me}≠${o}`]);
          }),
        );
      }
      const itemLines = new Map<number, string>();
      for (const d of [-1, 0, 1])
        got[gi + d]?.t.items.forEach((it, j) => {
          const l = it.at?.description?.[0]?.line;
          if (l) itemLines.set(l, `${d === 0 ? '' : d < 0 ? 'P' : 'N'}${j + 1}:${it.rate?.text ?? '-'}`);
        });
      const diags = report.diagnostics
        .filter((x) => x.task === `${g.sec}.${g.t.no}` && /^HZ1/.test(x.code))
        .map((x) => `${x.code}@${x.line} ${clip(x.message, 140)}`);
      console.log(
        `\n== ${layout} ${seed} ${m.section}.${m.no} [${g.t.structure ?? 'layout'}] rate ${g.t.rate?.text}: ${m.reason}`,
      );
      const w = want[gi]!.task;
      console.log(
        `   want: ${w.items.map((it, j) => `${j + 1}:${it.rate}(${it.indicators.map((x) => x.rate).join(',')})`).join('  ')}`,
      );
      for (let l = Math.max(from - 1, 1); l <= Math.min(to + 1, lines.length); l++) {
        const f = lines[l - 1]!.split('\t');
        const cells = f
          .map((x, i) => (x ? `${i}:${clip(x.replace(/<[^>]+>/g, ''), i === 5 ? 18 : 10)}` : ''))
          .filter(Boolean)
          .slice(0, 9)
          .join(' | ');
        console.log(
          `${String(l).padStart(5)} ${(itemLines.get(l) ?? '').padEnd(12)} ${(mark.get(l) ?? []).join(',').padEnd(8)} ${cells}`,
        );
      }
      for (const d of diags) console.log(`   ${d}`);
    }
  }
