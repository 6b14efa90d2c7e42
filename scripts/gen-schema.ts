// Generates schemas/report.v1.schema.json (from src/model.ts) and schemas/diff.v1.schema.json
// (from src/diff-model.ts), the single sources. `npm run schema` writes them; `--check` exits 1
// when a committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDiffSchemaText, buildSchemaText } from '../src/schema-gen.js';

const targets: [string, string][] = [
  ['report.v1.schema.json', buildSchemaText()],
  ['diff.v1.schema.json', await buildDiffSchemaText()],
];
let stale = false;
for (const [name, text] of targets) {
  const out = fileURLToPath(new URL(`../schemas/${name}`, import.meta.url));
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(out, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (committed !== text) {
      console.error(`schemas/${name} is stale: run \`npm run schema\``);
      stale = true;
    } else console.log(`schemas/${name} up to date`);
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
}
if (stale) process.exit(1);
