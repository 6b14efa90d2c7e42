// NDJSON: one JSON object per line (no pretty-printing, no trailing comma), for jq and log pipelines.
import type { Row } from './rows.js';

export function toNdjsonText(rows: readonly unknown[]): string {
  // JSON.stringify escapes every control character, so no object can span two lines.
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

export function rowsToJsonText(rows: readonly Row[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}
