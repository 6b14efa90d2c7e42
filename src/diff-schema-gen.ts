// Builds the diff document's published schema (schemas/diff.v1.schema.json) from src/diff-model.ts.
// Used by scripts/gen-schema.ts and the staleness test; never loaded by the CLI.
import { z } from 'zod';
import { Diff } from './diff-model.js';
import { DIFF_SCHEMA_ID } from './diff-kinds.js';

export function buildDiffSchemaText(): string {
  const generated = z.toJSONSchema(Diff, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return JSON.stringify({ $schema, $id: DIFF_SCHEMA_ID, ...rest }, null, 2) + '\n';
}
