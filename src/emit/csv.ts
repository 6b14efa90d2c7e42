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

export function toCsvText(rows: readonly Row[], options: CsvOptions = {}): string {
  const columns = options.columns ?? (options.level ? COLUMNS[options.level] : Object.keys(rows[0] ?? {}));
  const zh = options.lang === 'zh';
  const records = rows.map((r) => columns.map((c) => csvCell(zh ? zhCell(c, r[c] ?? null) : r[c])));
  const text = stringify([(options.headers ?? columns).slice(), ...records], {
    record_delimiter: options.excel ? '\r\n' : '\n',
  });
  return options.excel ? `\uFEFF${text}` : text;
}
