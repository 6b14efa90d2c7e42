// CSV for spreadsheets (Excel/WPS) and scripts: RFC 4180 quoting by csv-stringify,
// formula-like cells neutralised, optional BOM + CRLF so Excel opens UTF-8 Chinese correctly.
import { stringify } from 'csv-stringify/sync';
import { COLUMNS, type Cell, type Level, type Row } from './rows.js';
import type { Lang } from '../diagnostics.js';
import { zhCell } from '../i18n.js';

export interface CsvOptions {
  /** UTF-8 byte-order mark and CRLF line ends, for Excel. */
  excel?: boolean;
  /** Column order; defaults to the level's columns, else the first row's keys. */
  columns?: readonly string[];
  level?: Level;
  /** Header labels in column order (default: the column keys). */
  headers?: readonly string[];
  /** zh: the words the compiler writes as values (statuses, reasons, basis, true/false) in Chinese. */
  lang?: Lang;
}

// A spreadsheet runs a cell as a formula when it starts with one of these (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
// …but a signed number (or percentage) is data, not a formula: keep "-3.5" and "+2%" as they are.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$/;

/** The text a cell is written as: formula-like text gets a leading single quote. */
export function csvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) return `'${text}`;
  return text;
}

// Records stringified at once: csv-stringify's cost per call against the text held (the output takes each batch).
const BATCH = 256;

/**
 * A CSV written row by row: each batch of records goes to `write` as text, so no whole table is held.
 * The header row comes first: `options.headers`, else the columns (the level's, else the first row's keys).
 */
export function csvWriter(write: (text: string) => void, options: CsvOptions = {}): { row(r: Row): void; end(): void } {
  const zh = options.lang === 'zh';
  const record_delimiter = options.excel ? '\r\n' : '\n';
  let columns = options.columns ?? (options.level ? COLUMNS[options.level] : undefined);
  let batch: string[][] = [];
  let started = false;
  const flush = () => {
    if (!batch.length) return;
    write(stringify(batch, { record_delimiter }));
    batch = [];
  };
  const start = (first?: Row) => {
    columns ??= Object.keys(first ?? {});
    if (options.excel) write('\uFEFF');
    batch.push((options.headers ?? columns).slice());
    started = true;
  };
  return {
    row(r: Row) {
      if (!started) start(r);
      batch.push(columns!.map((c) => csvCell(zh ? zhCell(c, r[c] ?? null) : r[c])));
      if (batch.length >= BATCH) flush();
    },
    end() {
      if (!started) start();
      flush();
    },
  };
}

export function toCsvText(rows: Iterable<Row>, options: CsvOptions = {}): string {
  const parts: string[] = [];
  const w = csvWriter((t) => parts.push(t), options);
  for (const r of rows) w.row(r);
  w.end();
  return parts.join('');
}
