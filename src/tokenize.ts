// Stage 2: text → rows of raw fields with physical line numbers. TSV has no quoting, so
// quoting is off (cells carry ASCII double quotes, e.g. <ol style="…">).
//
// With quoting off, csv-parse's records are exactly the lines (ended by \r\n, \n or \r) split
// at tabs; its character-by-character parser over a Buffer costs ~10× this split and dominated
// the compile (docs/architecture.md, "Speed"). So this module splits, row by row (a generator, so that a large report
// is never held as rows all at once), and csv-parse stays the reference: test/tokenize.test.ts
// checks the rows equal csv-parse's with CSV_OPTIONS, on the seed and on random text.
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

/** The csv-parse options whose records tokenizeRows reproduces (the tests' reference). */
export const CSV_OPTIONS = {
  delimiter: '\t',
  quote: false,
  relax_column_count: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  skip_empty_lines: false,
} as const;

/** One physical line (without its line end) as a row. */
function splitLine(text: string, start: number, end: number, line: number): Row {
  const fields: Field[] = [];
  let field = 0;
  let from = start;
  for (;;) {
    let tab = text.indexOf('\t', from);
    if (tab < 0 || tab > end) tab = end;
    if (tab > from) fields.push({ raw: text.slice(from, tab), field, column: from - start + 1 });
    if (tab === end) break;
    field++;
    from = tab + 1;
  }
  return { line, fields, width: field + 1 };
}

/** Rows one at a time; a final line end starts no new row, and empty text has none. */
export function* tokenizeRows(text: string): Generator<Row> {
  const n = text.length;
  let line = 0;
  let start = 0;
  if (text.indexOf('\r') < 0) {
    // Only \n ends lines (the usual case): the native search is faster than a loop over characters.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      yield splitLine(text, start, i, ++line);
      start = i + 1;
    }
    if (start < n) yield splitLine(text, start, n, ++line);
    return;
  }
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    yield splitLine(text, start, i, ++line);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  if (start < n) yield splitLine(text, start, n, ++line);
}

export function tokenize(text: string): Row[] {
  return [...tokenizeRows(text)];
}
