// Generates the published schemas (schemas/*.json) from the zod models (the single source).
// `npm run schema` writes it; `--check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildConfigSchemaText, buildSchemaText } from '../src/schema-gen.js';
import { buildDiffSchemaText } from '../src/diff-schema-gen.js';

// The report's schema, the configuration file's and the diff document's.
const schemas = [
  ['report.v2.schema.json', buildSchemaText()],
  ['config.v1.schema.json', buildConfigSchemaText()],
  ['diff.v1.schema.json', buildDiffSchemaText()],
] as const;
for (const [name, text] of schemas) {
  const out = fileURLToPath(new URL(`../schemas/${name}`, import.meta.url));
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(out, 'utf8');
    } catch {
      // missing: stale
    }
    if (committed !== text) {
      console.error(`schemas/${name} is stale: run \`npm run schema\``);
      process.exit(1);
    }
    console.log(`${name} up to date`);
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
}
