// The baseline process of the cold-start budget (docs/architecture.md, "Speed"): Node, csv-parse, tokenize one file.
// Same decoding as src/read.ts, and the csv-parse options (CSV_OPTIONS in src/tokenize.ts) whose
// records the compiler's tokenizer reproduces; nothing else.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(process.argv[2]));
const records = parse(text, {
  delimiter: '\t',
  quote: false,
  relax_column_count: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  skip_empty_lines: false,
});
if (!records.length) process.exitCode = 1;
