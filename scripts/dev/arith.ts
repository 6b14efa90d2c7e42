// Dev aid: which task/item rates the compiled tree does not reproduce (grouping check).
import { readFileSync } from 'node:fs';
import { compile } from '../../src/compile.js';
import { agrees } from '../../src/rates.js';
const r = compile(readFileSync(process.argv[2] ?? 'fixtures/hangzhou-2021-q3.tsv'));
let tBad = 0,
  tAll = 0,
  iBad = 0,
  iAll = 0;
for (const s of r.sections)
  for (const g of s.groups)
    for (const t of g.tasks) {
      const itemRates = t.items.map((i) => i.rate?.value ?? null);
      if (t.rate?.value != null && itemRates.every((x) => x !== null) && itemRates.length) {
        tAll++;
        const m = itemRates.reduce((a, b) => a! + b!, 0)! / itemRates.length;
        if (!agrees(m, t.rate.value, t.rate.decimals!)) {
          tBad++;
          console.log(
            `TASK ${s.ordinal}.${t.no} L${t.lines.start}-${t.lines.end} rate ${t.rate.text} mean ${m.toFixed(2)} items [${t.items.map((i) => i.rate?.text).join(', ')}]`,
          );
        }
      }
      for (const it of t.items) {
        const rs = it.indicators.map((x) => x.rate?.value ?? null);
        if (it.rate?.value == null || !rs.length || rs.some((x) => x === null)) continue;
        iAll++;
        const m = rs.reduce((a, b) => a! + Math.min(b!, 100), 0)! / rs.length;
        if (!agrees(m, it.rate.value, it.rate.decimals!)) {
          iBad++;
          console.log(
            `  ITEM ${s.ordinal}.${t.no} L${it.lines.start}-${it.lines.end} rate ${it.rate.text} capped mean ${m.toFixed(2)} inds [${rs.join(', ')}]`,
          );
        }
      }
    }
console.log(`tasks unexplained ${tBad}/${tAll}; items unexplained ${iBad}/${iAll}`);
