// Dev aid: print realigned rows of a line range. npx tsx scripts/dev/align.ts FILE FROM TO
import { readFileSync } from 'node:fs';
import { tokenize } from '../../src/tokenize.js';
import { classify } from '../../src/classify.js';
import { realign, COLUMNS } from '../../src/realign.js';
const [file, from, to] = process.argv.slice(2);
const rows = classify(tokenize(readFileSync(file!, 'utf8')));
for (const r of rows) {
  if (r.line < Number(from) || r.line > Number(to)) continue;
  if (r.kind !== 'content') {
    console.log(r.line, r.kind, r.cells[0]?.text.slice(0, 20) ?? '');
    continue;
  }
  const a = realign(r);
  const parts = a.slots
    .map((c, i) => (c ? `${COLUMNS[i]}${c.field !== i ? '*' : ''}=${c.text.slice(0, 8)}` : ''))
    .filter(Boolean);
  console.log(a.line, parts.join(' | '), a.unplaced.length ? `UNPLACED ${a.unplaced.map((c) => c.text.slice(0, 10))}` : '');
}
