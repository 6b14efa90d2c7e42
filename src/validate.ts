// Every emitted document is validated against the committed schema before it leaves the program.
// The validator is ajv "standalone" code generated from schemas/report.v2.schema.json by the build
// (scripts/build-validator.mjs → src/generated/ and dist/generated/, minified, never committed), so neither ajv nor the schema
// is loaded or compiled at start-up (docs/architecture.md, "Speed": ~35 ms import + compile on every run otherwise).
import { createRequire } from 'node:module';
import { validate as generated, validateFast } from './generated/validate-report.js';
import type { Report, Section } from './model.js';

export interface SchemaError {
  pointer: string;
  message: string;
}

const validator = generated;

export function reportSchema(): Record<string, unknown> {
  return createRequire(import.meta.url)('../schemas/report.v2.schema.json') as Record<string, unknown>;
}

/**
 * The errors ajv reports for the committed schema. The yes or no comes from the same schema with its nullable
 * pairs as type lists (scripts/build-validator.mjs: equivalent, ~25% faster, no error objects made for the
 * branches of valid values); the errors, for the rare document that fails, from the schema as written.
 */
export function validateReport(doc: unknown): SchemaError[] {
  if (validateFast(doc) || validator(doc)) return [];
  return (validator.errors ?? []).map((e) => ({ pointer: e.instancePath || '/', message: e.message ?? 'invalid' }));
}

/** Throws when a document the program is about to emit does not match the schema (a bug, not bad input). */
export function assertValidReport(doc: Report): Report {
  const errors = validateReport(doc);
  if (errors.length) fail(errors);
  return doc;
}

/**
 * A streamed report is validated in pieces (docs/architecture.md, "Streaming"): each section inside a copy of the head with
 * that one section, then the head with the diagnostics and summary. Every part of the document
 * is checked against the same schema; errors point into the whole document.
 */
export function assertValidSection(head: object, section: Section, index: number): void {
  const errors = validateReport({ ...head, sections: [section], diagnostics: [], summary: EMPTY_SUMMARY });
  if (errors.length)
    fail(errors.map((e) => ({ ...e, pointer: e.pointer.replace(/^\/sections\/0(?=\/|$)/, `/sections/${index}`) })));
}

const EMPTY_SUMMARY: Report['summary'] = {
  sections: 0,
  groups: 0,
  tasks: 0,
  items: 0,
  indicators: 0,
  cellsSeen: 0,
  cellsPlaced: 0,
  cellsReported: 0,
  errors: 0,
  warnings: 0,
  infos: 0,
};

function fail(errors: SchemaError[]): never {
  throw new Error(
    `internal error: output does not match the schema: ${errors
      .slice(0, 3)
      .map((e) => `${e.pointer} ${e.message}`)
      .join('; ')}`,
  );
}
