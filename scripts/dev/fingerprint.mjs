// Refactoring aid: sha256 of the compiled JSON (tree + diagnostics) of the seed and of the bench
// corpora that exist, from dist/ (run `npm run build` first). Identical output before and after a
// change that should not change results prints identical hashes.
//   node scripts/dev/fingerprint.mjs [FILE...]
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const { compile } = await import(join(root, 'dist/index.js'));
const corpus = join(root, 'bench/corpus');
const files = process.argv.slice(2);
if (!files.length) {
  files.push(join(root, 'fixtures/hangzhou-2021-q3.tsv'));
  if (existsSync(corpus)) for (const f of readdirSync(corpus).sort()) if (/-(1|2|10)x-/.test(f)) files.push(join(corpus, f));
}
for (const f of files) {
  const t0 = performance.now();
  const report = compile(readFileSync(f), { file: f.replace(root, '') });
  const ms = performance.now() - t0;
  const hash = createHash('sha256').update(JSON.stringify(report)).digest('hex').slice(0, 16);
  const s = report.summary;
  console.log(
    `${hash}  ${f.replace(root, '')}  tasks ${s.tasks} indicators ${s.indicators} diagnostics ${report.diagnostics.length} (${ms.toFixed(0)} ms)`,
  );
}
