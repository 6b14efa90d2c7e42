// Stage 2: text → rows of raw fields with physical line numbers. TSV has no quoting,
// so quoting is off (cells carry ASCII double quotes, e.g. <ol style="…">).
import { parse } from 'csv-parse/sync';

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

export function tokenize(text: string): Row[] {
  const records = parse(text, {
    delimiter: '\t',
    quote: false,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: false,
    info: true,
  }) as unknown as { info: { lines: number }; record: string[] }[];
  return records.map(({ info, record }) => {
    let column = 1;
    const fields = record.map((raw, field) => {
      const f = { raw, field, column };
      column += raw.length + 1;
      return f;
    });
    return { line: info.lines, fields, width: record.length };
  });
}
