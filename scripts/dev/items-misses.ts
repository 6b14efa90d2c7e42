// Dev tool: every "items N vs M" miss of sim2 with the transcribed and compiled items and the rendered lines.
//   npx tsx scripts/dev/items-misses.ts SEED0 N LAYOUTS [all]
import { compile } from '../../src/compile.js';
import { fromReport, tasksOf } from '../../test/helpers/sim/transcription.js';
import { score } from '../../test/helpers/sim/score.js';
import { render2, type Layout2Name } from '../../test/helpers/sim2/render.js';
import type { Task } from '../../src/model.js';

const [s0 = '101', n = '1', ls = 'canonical', mode = 'items'] = process.argv.slice(2);
const corpus = fromReport();
const clip = (s: string, k = 10) => (s.length > k ? s.slice(0, k) + '…' : s);
for (const layout of ls.split(',') as Layout2Name[])
  for (let seed = Number(s0); seed < Number(s0) + Number(n); seed++) {
    const rd = render2(corpus, { seed, layout });
    const rep = compile(rd.text, { file: 'x.tsv' });
    const sc = score(rd.transcription, rep);
    const want = tasksOf(rd.transcription);
    const got: Task[] = [];
    const sec: string[] = [];
    for (const s of rep.sections)
      for (const g of s.groups)
        for (const t of g.tasks) {
          got.push(t);
          sec.push(String(s.ordinal));
        }
    const lines = rd.text.split('\n');
    for (const m of sc.misses.sort((a, b) => a.index - b.index)) {
      if (mode === 'items' && !/^items /.test(m.reason)) continue;
      const w = want[m.index]!.task;
      const g = got.find((t, i) => sec[i] === m.section && t.no === m.no);
      console.log(
        `\n=== ${layout} seed ${seed} ${m.section}.${m.no}: ${m.reason}  task rate ${w.rate} structure ${g?.structure}`,
      );
      w.items.forEach((it, j) =>
        console.log(
          `  want ${j + 1} ${clip(it.description, 16)} ${it.rate} [${it.indicators.map((x) => `${clip(x.name, 8)} ${x.rate}`).join(' | ')}]`,
        ),
      );
      g?.items.forEach((it, j) =>
        console.log(
          `  got  ${j + 1} ${clip(it.description, 16)} ${it.rate?.text} L${it.lines.start}-${it.lines.end} [${it.indicators.map((x) => `${clip(x.name, 8)} ${x.rate?.text}`).join(' | ')}]`,
        ),
      );
      if (!g) continue;
      const gi = got.indexOf(g);
      const a = got[gi - 1]?.lines.start ?? g.lines.start;
      const b = got[gi + 1]?.lines.end ?? g.lines.end;
      for (let l = Math.max(a, g.lines.start - 12); l <= Math.min(b, g.lines.end + 12); l++)
        console.log(
          `   ${l}: ${lines[l - 1]!.split('\t')
            .map((c, i) => (c ? `${i}:${clip(c.replace(/<[^>]+>/g, ''), 12)}` : ''))
            .filter(Boolean)
            .join('  ')}`,
        );
      const ds = rep.diagnostics.filter((d) => d.line >= g.lines.start - 3 && d.line <= g.lines.end && /HZ1/.test(d.code));
      for (const d of ds) console.log(`   ! ${d.code} ${d.line}: ${clip(d.message, 200)}`);
    }
  }
