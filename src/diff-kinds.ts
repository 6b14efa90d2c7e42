// Constants of the diff document, shared by the zod model (src/diff-model.ts) and the run-time code,
// which must not load zod.
export const DIFF_SCHEMA_VERSION = '1.0.0';
export const DIFF_SCHEMA_ID = 'https://hzreport.dev/schemas/diff.v1.schema.json';

/** The kinds of change, in the order the stylish output ranks them. */
export const CHANGE_KINDS = [
  'regressed',
  'advanced',
  'stalled',
  'target-changed',
  'owner-changed',
  'description-changed',
  'added',
  'dropped',
] as const;
