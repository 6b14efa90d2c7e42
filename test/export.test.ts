// `hzreport export` and the library's toCsv/toNdjson: flat tables that keep every indicator,
// survive a CSV round trip, open in Excel, and never run as formulas.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS, compileFile, csvCell, toCsv, toNdjson, toRows, type Report } from '../src/index.js';
import { runMain } from './helpers/main.js';
import { excerpt, SEED, tempDir } from './helpers/run.js';
import { COLUMN_ZH } from '../src/i18n.js';

const SEED_REL = 'fixtures/hangzhou-2021-q3.tsv'; // as the report below is compiled (its file column)

let report: Report;
let csv: string;
const count = (r: Report, level: 'indicators' | 'items' | 'tasks') =>
  r.sections
    .flatMap((s) => s.groups.flatMap((g) => g.tasks))
    .reduce(
      (n, t) =>
        n + (level === 'tasks' ? 1 : level === 'items' ? t.items.length : t.items.reduce((m, i) => m + i.indicators.length, 0)),
      0,
    );

beforeAll(async () => {
  report = JSON.parse((await runMain(['parse', 'fixtures/hangzhou-2021-q3.tsv'])).stdout) as Report;
  const run = await runMain(['export', 'fixtures/hangzhou-2021-q3.tsv']);
  expect(run.code, run.stderr).toBe(0);
  csv = run.stdout;
});

describe('CSV export of the seed', () => {
  it('has a header and exactly one row per indicator of the JSON document', () => {
    const records = parse(csv) as string[][];
    expect(records[0]).toEqual(COLUMNS.indicators);
    const indicators = count(report, 'indicators');
    expect(indicators).toBeGreaterThan(500);
    expect(indicators).toBe(report.summary.indicators);
    expect(records.length - 1).toBe(indicators);
  });

  it('survives a round trip through csv-parse unchanged', () => {
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    // The same rows, built by the library from the CLI's own JSON, written as CSV cells.
    const expected = toRows(report, 'indicators').map((r) =>
      Object.fromEntries(COLUMNS.indicators.map((c) => [c, csvCell(r[c])])),
    );
    expect(records).toEqual(expected);
    // And the hierarchy is really repeated: every row names its file, task and indicator line.
    for (const r of records) {
      expect(r.file).toBe('fixtures/hangzhou-2021-q3.tsv');
      expect(Number(r.line)).toBeGreaterThan(0);
      expect(r.task).not.toBe('');
    }
  });

  it('keeps multi-line and quoted text intact (RFC 4180 quoting)', () => {
    const doc = structuredClone(report);
    const ind = doc.sections[0]!.groups[0]!.tasks[0]!.items[0]!.indicators[0]!;
    ind.name = 'a "quoted", two-line\nname\r\nend';
    const back = parse(toCsv(doc), { columns: true }) as Record<string, string>[];
    expect(back[0]!.indicator).toBe(ind.name);
  });

  it('--excel starts with the UTF-8 BOM, ends lines with CRLF, and parses to the same records', async () => {
    const run = await runMain(['export', SEED, '--excel']);
    expect(run.code).toBe(0);
    expect([...run.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = run.stdout.slice(1);
    expect(text.split('\r\n')[0]).toBe(COLUMNS.indicators.join(','));
    expect(text.replace(/"[^"]*"/g, '').match(/(?<!\r)\n/g)).toBeNull();
    const a = parse(run.stdout, { bom: true }) as string[][];
    const b = parse(csv) as string[][];
    expect(a.slice(1).map((r) => r.slice(1))).toEqual(b.slice(1).map((r) => r.slice(1)));
  });
});

describe('formula neutralisation', () => {
  it('prefixes cells a spreadsheet would run, keeps signed numbers', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe("'\rcmd");
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('+3.25')).toBe('+3.25');
    expect(csvCell('-12.5%')).toBe('-12.5%');
    expect(csvCell(-7)).toBe('-7');
    expect(csvCell('猪肉=自给')).toBe('猪肉=自给');
    expect(csvCell(null)).toBe('');
  });

  it('neutralises a formula-like cell from a report, end to end through the CLI', async () => {
    const dir = tempDir();
    const file = join(dir, 'formula.tsv');
    const lines = readFileSync(SEED, 'utf8').split('\n').slice(0, 24);
    // Line 18 is an indicator row: 粮食调入量 20万吨 0 0%. Give it a formula for a name.
    expect(lines[17]).toContain('粮食调入量');
    lines[17] = lines[17]!.replace('粮食调入量', '=cmd|calc!A1');
    writeFileSync(file, lines.join('\n') + '\n');
    const run = await runMain(['export', file]);
    expect(run.code, run.stderr).toBe(0);
    const records = parse(run.stdout, { columns: true }) as Record<string, string>[];
    const names = records.map((r) => r.indicator);
    expect(names).toContain("'=cmd|calc!A1");
    expect(names).not.toContain('=cmd|calc!A1');
    // Plain numbers stay numbers.
    expect(records.every((r) => r.target_value === '' || !r.target_value!.startsWith("'"))).toBe(true);
  });
});

describe('NDJSON and JSON export', () => {
  it('NDJSON has one valid JSON object per line, one line per indicator', async () => {
    const run = await runMain(['export', SEED, '--format', 'ndjson']);
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\n')).toBe(true);
    const lines = run.stdout.slice(0, -1).split('\n');
    expect(lines.length).toBe(report.summary.indicators);
    for (const line of lines) {
      const o = JSON.parse(line) as Record<string, unknown>;
      expect(o).toBeTypeOf('object');
      expect(Array.isArray(o)).toBe(false);
      expect(Object.keys(o)).toEqual(COLUMNS.indicators);
    }
  });

  it('levels items and tasks give one row per item and per task', async () => {
    for (const level of ['items', 'tasks'] as const) {
      const run = await runMain(['export', SEED, '--format', 'json', '--level', level]);
      expect(run.code, run.stderr).toBe(0);
      const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
      expect(rows.length).toBe(count(report, level));
      expect(rows.length).toBe(report.summary[level]);
      expect(Object.keys(rows[0]!)).toEqual(COLUMNS[level]);
    }
  });

  it('the library gives the same tables as the CLI', () => {
    // From the CLI's own JSON document (the built CLI and src/ may differ while the tree is being edited).
    expect(toCsv(report)).toBe(csv);
    expect(toNdjson(report, { level: 'tasks' }).split('\n').filter(Boolean).length).toBe(report.summary.tasks);
    expect(toCsv(report, { excel: true }).startsWith('\uFEFF')).toBe(true);
    // And compiling through the library gives a table of the same shape.
    const lib = compileFile('fixtures/hangzhou-2021-q3.tsv');
    expect(parse(toCsv(lib), { columns: true }).length).toBe(lib.summary.indicators);
  });
});

describe('written row by row', () => {
  // The CLI writes each row as it is made (emit/table.ts), in batches of records for CSV: its output is
  // exactly the whole-table texts (csv-stringify of every record, JSON.stringify of all rows), for every
  // level, two reports in one table, more rows than one batch, Excel's BOM and CRLF and Chinese headers.
  it.each(['indicators', 'items', 'tasks'] as const)('%s: CSV, NDJSON and JSON as the whole-table texts', async (level) => {
    const copy = join(tempDir(), 'copy.tsv');
    copyFileSync(SEED_REL, copy);
    const rows = [...toRows(report, level), ...toRows(report, level, copy)];
    expect(rows.length).toBeGreaterThan(256);
    const cli = async (...args: string[]) => {
      const run = await runMain(['export', SEED_REL, copy, '--level', level, '-q', ...args]);
      expect(run.code, run.stderr).toBe(0);
      return run.stdout;
    };
    const records = (header: readonly string[]) => [header, ...rows.map((r) => COLUMNS[level].map((c) => csvCell(r[c])))];
    expect(await cli('-f', 'json')).toBe(JSON.stringify(rows, null, 2) + '\n');
    expect(await cli('-f', 'ndjson')).toBe(rows.map((r) => JSON.stringify(r) + '\n').join(''));
    expect(await cli()).toBe(stringify(records(COLUMNS[level])));
    const zh = COLUMNS[level].map((c) => COLUMN_ZH[c]!);
    expect(await cli('--excel', '--headers', 'zh')).toBe('\uFEFF' + stringify(records(zh), { record_delimiter: '\r\n' }));
  });
});

describe('format choice', () => {
  it('takes the format from the -o extension when --format is not given (CSV without one, refused for an unknown one); --excel is CSV only', async () => {
    const dir = tempDir();
    const small = excerpt(dir, 'small.tsv'); // the format does not depend on the report's size
    for (const [name, first] of [
      ['t.jsonl', '{'],
      ['t.ndjson', '{'],
      ['t.json', '['],
      ['t.csv', 'file,'],
      ['t', 'file,'],
    ] as const) {
      const run = await runMain(['export', small, '--level', 'tasks', '-o', join(dir, name)]);
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(join(dir, name), 'utf8').startsWith(first), name).toBe(true);
    }
    // An extension no format matches is refused, never written as CSV under another name.
    const txt = await runMain(['export', small, '--level', 'tasks', '-o', join(dir, 't.txt')]);
    expect(txt.code).toBe(2);
    expect(existsSync(join(dir, 't.txt'))).toBe(false);
    // An explicit --format wins over the extension.
    expect((await runMain(['export', small, '--level', 'tasks', '--format', 'csv', '-o', join(dir, 'x.json')])).code).toBe(0);
    expect(readFileSync(join(dir, 'x.json'), 'utf8').startsWith('file,')).toBe(true);
    const bad = await runMain(['export', small, '--excel', '--format', 'ndjson']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('hzreport: error: --excel applies to CSV only (format is ndjson)\n');
  });
});

describe('-o writes atomically', () => {
  it('writes the file, creating its directory, and leaves no temporary file', async () => {
    const dir = tempDir();
    const out = join(dir, 'nested/indicators.csv');
    const run = await runMain(['export', 'fixtures/hangzhou-2021-q3.tsv', '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(csv);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/wrote .*indicators\.csv: \d+ rows/);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['indicators.csv']);
  });

  it('a failed run neither creates nor touches the output file', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.csv');
    let run = await runMain(['export', excerpt(dir, 'small.tsv'), join(dir, 'missing.tsv'), '-o', out]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    writeFileSync(out, 'previous contents\n');
    run = await runMain(['export', join(dir, 'missing.tsv'), '-o', out]);
    expect(run.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous contents\n');
    run = await runMain(['parse', join(dir, 'missing.tsv'), '-o', out]);
    expect(run.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous contents\n');
  });
});
