// Stage 2: text → rows of raw fields with physical line numbers. TSV has no quoting,
// so quoting is off (cells carry ASCII double quotes, e.g. <ol style="…">).
import { parse, type Options } from 'csv-parse/sync';

export interface Field {
  raw: string;
  /** 0-based field index as written. */
  field: number;
  /** 1-based UTF-16 column where the field starts. */
  column: number;
}

export interface Row {
  line: number;
  /** The non-empty fields (most of a report's cells are empty), with their positions. */
  fields: Field[];
  /** Number of tab-separated fields as written. */
  width: number;
}

export const CSV_OPTIONS: Options = {
  delimiter: '\t',
  quote: false,
  relax_column_count: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  skip_empty_lines: false,
};

// csv-parse takes the first record's width as the expected one and, even with
// relax_column_count, builds a CsvError (stack trace plus a JSON copy of options, info and
// record) for every record of another width: half of csv-parse's time on a report, whose
// first line is a one-field preamble line, and minutes on a million one-field lines (issue 5).
// A leading padding record of the most common width makes that width the expected one; it
// is dropped and line numbers shifted back. test/tokenize.test.ts checks the result equals
// the plain call.
function commonWidth(text: string): number {
  const counts = new Map<number, number>();
  let tabs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) tabs++;
    else if (c === 10 || c === 13) {
      counts.set(tabs, (counts.get(tabs) ?? 0) + 1);
      tabs = 0;
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    }
  }
  counts.set(tabs, (counts.get(tabs) ?? 0) + 1);
  let best = 11;
  let most = 0;
  for (const [t, n] of counts) if (n > most) [best, most] = [t, n];
  return best + 1;
}

export function tokenize(text: string): Row[] {
  const pad = '\t'.repeat(commonWidth(text) - 1) + '\n';
  // No quoting and no skipped lines: record i is physical line i (1-based after the pad).
  const records = parse(pad + text, CSV_OPTIONS) as unknown as string[][];
  const rows: Row[] = new Array(records.length - 1);
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    let column = 1;
    const fields: Field[] = [];
    for (let field = 0; field < record.length; field++) {
      const raw = record[field]!;
      if (raw !== '') fields.push({ raw, field, column });
      column += raw.length + 1;
    }
    rows[i - 1] = { line: i, fields, width: record.length };
  }
  return rows;
}
