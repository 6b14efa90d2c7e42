import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchemaText } from '../src/schema-gen.js';

describe('published schema', () => {
  it('is generated from the zod model and committed up to date (npm run schema)', () => {
    const committed = readFileSync(new URL('../schemas/report.v2.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(buildSchemaText());
  });
});
