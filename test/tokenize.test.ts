// tokenize() feeds csv-parse a padding record (see src/tokenize.ts); the rows must be exactly
// those of the plain csv-parse call with the same options.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_OPTIONS, tokenize, type Row } from '../src/tokenize.js';

function plain(text: string): Row[] {
  const records = parse(text, { ...CSV_OPTIONS, info: true }) as unknown as { info: { lines: number }; record: string[] }[];
  return records.map(({ info, record }) => {
    let column = 1;
    const fields = record
      .map((raw, field) => {
        const f = { raw, field, column };
        column += raw.length + 1;
        return f;
      })
      .filter((f) => f.raw !== '');
    return { line: info.lines, fields, width: record.length };
  });
}

const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');

describe('tokenize', () => {
  it('equals the plain csv-parse call on the seed', () => {
    const rows = tokenize(seed);
    expect(rows.length).toBe(seed.split('\n').length - (seed.endsWith('\n') ? 1 : 0));
    expect(rows).toEqual(plain(seed));
  });

  it.each([
    ['empty first line', '\na\tb\n\nc'],
    ['twelve fields first', '\t\t\t\t\t\t\t\t\t\t\t\nx\n'],
    ['CRLF', 'a\tb\r\n\r\nc\t"d"\te\r\n'],
    ['CR', 'a\tb\r\rc'],
    ['mixed line ends', 'a\tb\r\n\rc\n\r\n\rd\te\tf'],
    ['quotes are text', '<ol style="x">\t"a\tb"\n"'],
    ['single line, no newline', 'only'],
    ['blank lines only', '\n\n\n'],
  ])('%s', (_, text) => {
    expect(tokenize(text)).toEqual(plain(text));
  });
});
