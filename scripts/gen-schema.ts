// Generates schemas/report.v1.schema.json from the zod model (the single source).
// `npm run schema` writes it; `--check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildConfigSchemaText, buildSchemaText } from '../src/schema-gen.js';

// The report's schema and the configuration file's.
for (const [name, text] of [['report.v1.schema.json', buildSchemaText()], ['config.v1.schema.json', buildConfigSchemaText()]] as const) {
  const out = fileURLToPath(new URL(`../schemas/${name}`, import.meta.url));
  if (process.argv.includes('--check')) {
    const committed = readFileSync(out, 'utf8');
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
