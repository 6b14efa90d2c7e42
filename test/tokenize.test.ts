// tokenize() splits lines and tabs itself (see src/tokenize.ts); the rows must be exactly those
// of the plain csv-parse call with CSV_OPTIONS (quoting off), on the seed and on random text.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_OPTIONS, tokenize, type Row } from '../src/tokenize.js';

function plain(text: string): Row[] {
  const records = parse(text, { ...CSV_OPTIONS, record_delimiter: [...CSV_OPTIONS.record_delimiter], info: true }) as unknown as {
    info: { lines: number };
    record: string[];
  }[];
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

  it('equals csv-parse on random text made of tabs, line ends, quotes and CJK', () => {
    const char = fc.constantFrom('a', '中', '\t', '\t', '\n', '\r', '\r\n', '"', ' ', '<p>');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        expect(tokenize(text)).toEqual(plain(text));
      }),
      { numRuns: 500 },
    );
  });
});
