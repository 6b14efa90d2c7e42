// Builds the published JSON Schema from the zod model. Used by scripts/gen-schema.ts
// and by the staleness test; never loaded by the CLI.
import { z } from 'zod';
import { Report } from './model.js';
import { CONFIG_SCHEMA_ID, SCHEMA_ID } from './constants.js';
import { Config } from './config-model.js';

export function buildSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Report, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: SCHEMA_ID, ...rest };
}

export function buildSchemaText(): string {
  return JSON.stringify(buildSchema(), null, 2) + '\n';
}

/** The configuration file's schema (schemas/config.v1.schema.json). */
export function buildConfigSchemaText(): string {
  const generated = z.toJSONSchema(Config, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return JSON.stringify({ $schema, $id: CONFIG_SCHEMA_ID, ...rest }, null, 2) + '\n';
}
