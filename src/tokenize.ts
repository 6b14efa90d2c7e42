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
  info: true,
};

// csv-parse takes the first record's width as the expected one and, even with
// relax_column_count, builds a CsvError (stack trace plus a JSON copy of options, info and
// record) for every record of another width. The reports' first line is a one-field
// preamble line, so that happened on nearly every row: half of csv-parse's time (issue 6).
// A leading 12-field record makes the common row width the expected one; it is dropped and
// line numbers shifted back. test/tokenize.test.ts checks the result equals the plain call.
const PAD = '\t'.repeat(11) + '\n';

export function tokenize(text: string): Row[] {
  const records = parse(PAD + text, CSV_OPTIONS) as unknown as { info: { lines: number }; record: string[] }[];
  records.shift();
  return records.map(({ info, record }) => {
    let column = 1;
    const fields = record.map((raw, field) => {
      const f = { raw, field, column };
      column += raw.length + 1;
      return f;
    });
    return { line: info.lines - 1, fields, width: record.length };
  });
}
