// export's flat tables written row by row: each row is made from the tree, turned into text and handed to the
// output, so that neither the rows nor the table's text is ever held whole (docs/reliability.md, "Measured
// figures": a task of 2,000 indicators).
import type { Report } from '../model.js';
import { csvWriter, type CsvOptions } from './csv.js';
import { eachRow, type Level, type Row } from './rows.js';

export type TableFormat = 'csv' | 'ndjson' | 'json';

export interface TableWriter {
  row(r: Row): void;
  end(): void;
}

/** NDJSON: one JSON object per line (JSON.stringify escapes every control character, so none spans two). */
function ndjsonWriter(write: (text: string) => void): TableWriter {
  return { row: (r) => write(JSON.stringify(r) + '\n'), end: () => {} };
}

/** A JSON array of the rows, as JSON.stringify(rows, null, 2) writes it. */
function jsonWriter(write: (text: string) => void): TableWriter {
  let n = 0;
  return {
    // Strings in JSON hold no raw line end, so indenting each line of a row indents the row.
    row: (r) => write(`${n++ ? ',' : '['}\n  ${JSON.stringify(r, null, 2).replace(/\n/g, '\n  ')}`),
    end: () => write(n ? '\n]\n' : '[]\n'),
  };
}

export function tableWriter(format: TableFormat, write: (text: string) => void, options: CsvOptions = {}): TableWriter {
  return format === 'csv' ? csvWriter(write, options) : format === 'ndjson' ? ndjsonWriter(write) : jsonWriter(write);
}

/** Every report's rows at the level, written through `write`; returns the number of rows. */
export function writeTable(
  reports: readonly Report[],
  format: TableFormat,
  level: Level,
  write: (text: string) => void,
  options: Omit<CsvOptions, 'level'> = {},
): number {
  const w = tableWriter(format, write, { ...options, level });
  let rows = 0;
  for (const report of reports)
    for (const r of eachRow(report, level)) {
      w.row(r);
      rows++;
    }
  w.end();
  return rows;
}
