// Generates schemas/report.v1.schema.json from the zod model (the single source).
// `npm run schema` writes it; `--check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchemaText } from '../src/schema-gen.js';

const out = fileURLToPath(new URL('../schemas/report.v1.schema.json', import.meta.url));
const text = buildSchemaText();
if (process.argv.includes('--check')) {
  const committed = readFileSync(out, 'utf8');
  if (committed !== text) {
    console.error('schemas/report.v1.schema.json is stale: run `npm run schema`');
    process.exit(1);
  }
  console.log('schema up to date');
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}

// The diff document's schema (schemas/diff.v1.schema.json), from src/diff-model.ts.
{
  const { buildDiffSchemaText } = await import('../src/diff-schema-gen.js');
  const diffOut = fileURLToPath(new URL('../schemas/diff.v1.schema.json', import.meta.url));
  const diffText = buildDiffSchemaText();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(diffOut, 'utf8');
    } catch {
      // missing: stale
    }
    if (committed !== diffText) {
      console.error('schemas/diff.v1.schema.json is stale: run `npm run schema`');
      process.exit(1);
    }
    console.log('diff schema up to date');
  } else {
    writeFileSync(diffOut, diffText);
    console.log(`wrote ${diffOut}`);
  }
}
