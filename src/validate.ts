// Every emitted document is validated against the committed schema before it leaves the program.
import { createRequire } from 'node:module';
import type { Report } from './model.js';

const require = createRequire(import.meta.url);

export interface SchemaError {
  pointer: string;
  message: string;
}

type ValidateFn = ((doc: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
let validator: ValidateFn | undefined;

export function reportSchema(): Record<string, unknown> {
  return require('../schemas/report.v1.schema.json') as Record<string, unknown>;
}

function getValidator(): ValidateFn {
  if (!validator) {
    const Ajv2020 = require('ajv/dist/2020').default as new (o: object) => { compile(s: object): ValidateFn };
    validator = new Ajv2020({ allErrors: true, strict: false }).compile(reportSchema());
  }
  return validator;
}

export function validateReport(doc: unknown): SchemaError[] {
  const v = getValidator();
  if (v(doc)) return [];
  return (v.errors ?? []).map((e) => ({ pointer: e.instancePath || '/', message: e.message ?? 'invalid' }));
}

/** Throws when a document the program is about to emit does not match the schema (a bug, not bad input). */
export function assertValidReport(doc: Report): Report {
  const errors = validateReport(doc);
  if (errors.length) {
    throw new Error(`internal error: output does not match the schema: ${errors.slice(0, 3).map((e) => `${e.pointer} ${e.message}`).join('; ')}`);
  }
  return doc;
}
