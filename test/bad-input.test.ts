// The bad-input table (docs/format.md, "The file"): each input through the real CLI as a child process,
// `hzreport parse FILE -o OUT`. Unusable input: exit 2, one stderr line naming the file and the
// problem with its code, no stack, no output file. Odd but usable input: exit 0, a schema-valid
// document with every cell accounted for and diagnostics saying what was odd. Every run's peak
// RSS stays under a fixed bound, whatever the input size.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model.js';
import { validateReport } from '../src/validate.js';
import { countCells, SEED_PATH } from './damage.js';
import { BUILTIN_NAMES } from './hostile.js';
import { MAX_DEPTH } from '../src/html.js';
import { MAX_CELL_CHARS, MAX_TASK_ROWS } from '../src/limits.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/hzreport.js');
/** Peak resident memory of any run, in MB: the seed compiles in well under 100 MB. */
const RSS_LIMIT_MB = 512;
// Report the child's peak RSS from inside it, on exit (portable: no /usr/bin/time needed).
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from 'node:fs'; process.on('exit', () => { if (process.env.HZ_RSS_FILE) writeFileSync(process.env.HZ_RSS_FILE, String(process.resourceUsage().maxRSS)); });`,
)}`;

const seedLines = readFileSync(SEED_PATH, 'utf8').split('\n');
/** 1-based, inclusive, as the line numbers of docs/format.md. */
const lines = (from: number, to: number): string[] => seedLines.slice(from - 1, to);
const HEADER = lines(11, 12).join('\n');

let dir: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'hzreport-bad-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stderr: string;
  out: string;
  rssMB: number;
}

/** `file` '-' reads standard input from the path `stdin`. */
function run(file: string, extra: string[] = [], stdin?: string): Run {
  const out = join(dir, 'out', `${Math.random().toString(36).slice(2)}.json`);
  mkdirSync(join(dir, 'out'), { recursive: true });
  const rssFile = `${out}.rss`;
  const fd = stdin ? openSync(stdin, 'r') : undefined;
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, BIN, ...extra, 'parse', file, '-o', out], {
    encoding: 'utf8',
    stdio: [fd ?? 'pipe', 'pipe', 'pipe'],
    // English messages whatever the machine's locale (the CLI picks zh from LANG/LC_ALL).
    env: { ...process.env, HZ_RSS_FILE: rssFile, NO_COLOR: '1', LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
    maxBuffer: 64 << 20,
  });
  if (fd !== undefined) closeSync(fd);
  const rssMB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return { status: r.status, stderr: r.stderr, out, rssMB };
}

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Exit 2, exactly one line `hzreport: FILE: MESSAGE [CODE]`, no output file. */
function expectRefused(file: string, message: string | RegExp, code: string, extra: string[] = [], stdin?: string): Run {
  const r = run(file, extra, stdin);
  expect(r.status).toBe(2);
  expect(existsSync(r.out)).toBe(false);
  expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline: no stack trace
  const prefix = `hzreport: ${file}: `;
  expect(r.stderr.startsWith(prefix)).toBe(true);
  const rest = r.stderr.slice(prefix.length).trimEnd();
  expect(rest.endsWith(` [${code}]`)).toBe(true);
  const text = rest.slice(0, -` [${code}]`.length);
  if (typeof message === 'string') expect(text).toBe(message);
  else expect(text).toMatch(message);
  expect(r.rssMB).toBeLessThan(RSS_LIMIT_MB);
  return r;
}

/** Exit 0, a valid document, every non-empty cell placed or reported. */
function expectCompiled(file: string, text: string, extra: string[] = []): Report {
  const r = run(file, extra);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.status).toBe(0);
  const doc = JSON.parse(readFileSync(r.out, 'utf8')) as Report;
  expect(validateReport(doc)).toEqual([]);
  expect(doc.summary.cellsSeen).toBe(countCells(text));
  expect(doc.summary.cellsPlaced + doc.summary.cellsReported).toBe(doc.summary.cellsSeen);
  expect(r.rssMB).toBeLessThan(RSS_LIMIT_MB);
  return doc;
}

const codesAt = (doc: Report, line: number): string[] => doc.diagnostics.filter((d) => d.line === line).map((d) => d.code);
const indicators = (doc: Report) =>
  doc.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks.flatMap((t) => t.items.flatMap((i) => i.indicators))));

function lcg(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) & 0x7fffffff), x >> 16) & 0xff;
}

describe('bad input: refused with exit 2, one line, no output file', () => {
  it('a missing file', () => {
    expectRefused(join(dir, 'missing.tsv'), 'cannot read the file: no such file', 'HZ004');
  });

  it('a directory', () => {
    mkdirSync(join(dir, 'a-directory'), { recursive: true });
    expectRefused(join(dir, 'a-directory'), 'cannot read the file: is a directory', 'HZ004');
  });

  it('an empty file', () => {
    expectRefused(write('empty.tsv', ''), 'the file is empty', 'HZ001');
  });

  it('white space only', () => {
    expectRefused(write('blank.tsv', ' \n\t\t\n\r\n   \n'), 'the file is empty', 'HZ001');
  });

  it('only a preamble (no table)', () => {
    expectRefused(
      write('preamble.tsv', lines(1, 10).join('\n')),
      'no report table found (no line has tab-separated fields)',
      'HZ003',
    );
  });

  it('binary: random bytes', () => {
    const next = lcg(7);
    expectRefused(
      write('random.bin', Buffer.from(Array.from({ length: 8192 }, next))),
      /^the file is not text \(NUL byte at character \d+\)$/,
      'HZ002',
    );
  });

  it('binary: random bytes without NULs', () => {
    const next = lcg(11);
    const bytes = Buffer.from(Array.from({ length: 8192 }, () => next() | 0x80));
    expectRefused(
      write('random-high.bin', bytes),
      'the file is not text (neither UTF-8 nor GB18030; name the encoding with --encoding)',
      'HZ002',
    );
  });

  it('binary: a PDF (the report before extraction)', () => {
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n', 'latin1'),
      Buffer.from([0, 1, 2, 0xff, 0x80]),
    ]);
    expectRefused(write('report.pdf', pdf), 'the file is not text (a PDF document; extract its tables to TSV first)', 'HZ002');
  });

  it('a header and no rows', () => {
    expectRefused(
      write('header-only.tsv', HEADER + '\n'),
      'no report table found (a header but no task, item or indicator rows)',
      'HZ003',
    );
  });

  it('a 10 MB single line (no table)', { timeout: 180_000 }, () => {
    expectRefused(
      write('line-10mb.tsv', '杭州市'.repeat((10 << 20) / 9) + '\n'),
      'no report table found (no line has tab-separated fields)',
      'HZ003',
    );
  });

  it('a file over the size limit, refused from its size', () => {
    const path = write('sparse-100mb.tsv', '');
    truncateSync(path, 100 << 20);
    expectRefused(path, 'the input is too large (100 MB; limit 64 MB)', 'HZ005');
  });

  it.skipIf(!existsSync('/dev/zero'))('an endless device: read up to the limit, then refused (needs /dev/zero)', () => {
    expectRefused('/dev/zero', 'the input is too large (more than 64 MB; limit 64 MB)', 'HZ005');
  });

  it.skipIf(!existsSync('/dev/zero'))('endless standard input: read up to the limit, then refused (needs /dev/zero)', () => {
    expectRefused('-', 'the input is too large (more than 64 MB; limit 64 MB)', 'HZ005', [], '/dev/zero');
  });
});

describe('a million short lines: refused early, memory bounded', () => {
  it('a million short lines of text (no table): HZ003', { timeout: 180_000 }, () => {
    const text = Array.from({ length: 1_000_000 }, (_, i) => `第${i}行`).join('\n');
    expectRefused(write('million-text.tsv', text), 'no report table found (no line has tab-separated fields)', 'HZ003');
  });

  it('a header, a task and a million short indicator rows (36 MB): HZ005 on the line count', { timeout: 180_000 }, () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `\t\t\t\t\t指标${i}\t1个\t1个\t100%\t\t\t`);
    const text = [HEADER, ...lines(29, 29), ...rows].join('\n'); // no final newline: 1,000,003 lines however counted
    expectRefused(write('million-rows.tsv', text), 'the input is too large (1,000,003 lines; limit 300,000 lines)', 'HZ005');
  });
});

describe('odd input: compiles, every cell accounted for, diagnostics say what was odd', () => {
  it('no header row (bare task rows): HZ106, the tasks still found', () => {
    const text = lines(28, 32).join('\n') + '\n';
    const doc = expectCompiled(write('no-header.tsv', text), text);
    expect(doc.diagnostics.map((d) => d.code)).toContain('HZ106');
    expect(doc.summary.tasks).toBe(1);
    expect(doc.summary.indicators).toBe(4);
  });

  it('a truncated last row (cut at a character boundary)', () => {
    const last = lines(32, 32)[0]!;
    const text = [HEADER, ...lines(28, 31), last.slice(0, 20)].join('\n');
    const doc = expectCompiled(write('truncated.tsv', text), text);
    expect(codesAt(doc, 7).length).toBeGreaterThan(0);
  });

  it('a truncated last row, cut in the middle of a UTF-8 character: still UTF-8, with a note', () => {
    const text = [HEADER, ...lines(28, 32)].join('\n');
    const bytes = Buffer.from(text, 'utf8');
    const cut = bytes.subarray(0, bytes.length - 40);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(cut)).toThrow(); // really mid-character
    const decoded = new TextDecoder('utf-8').decode(cut);
    const doc = expectCompiled(write('truncated-mid-char.tsv', cut), decoded);
    expect(doc.source.encoding).toBe('utf-8');
    expect(doc.diagnostics.find((d) => d.code === 'HZ006')?.message).toMatch(/1 invalid byte sequence replaced/);
  });

  it('<script>, <style> and event attributes in cells: dropped with HZ108, text kept', () => {
    const row = lines(29, 29)[0]!.split('\t');
    row[3] += '<script>steal(document.cookie)</script>';
    row[10] =
      '<p onclick="alert(1)">亮点一</p><script>alert("x")</script><style>p{color:red}</style><img src=x onerror="alert(2)">';
    const text = [HEADER, row.join('\t'), ...lines(30, 32)].join('\n');
    const r = run(write('script.tsv', text));
    expect(r.status).toBe(0);
    const json = readFileSync(r.out, 'utf8');
    const doc = JSON.parse(json) as Report;
    expect(doc.diagnostics.filter((d) => d.code === 'HZ108').length).toBeGreaterThanOrEqual(2);
    const tree = JSON.stringify(doc.sections);
    for (const bad of ['steal(', 'alert(', 'color:red', 'onclick', 'onerror', '<script', '<style'])
      expect(tree).not.toContain(bad);
    expect(doc.sections[0]!.groups[0]!.tasks[0]!.highlights).toEqual(['亮点一']);
    expect(doc.summary.cellsPlaced + doc.summary.cellsReported).toBe(doc.summary.cellsSeen);
  });

  it('a row with 40 fields: the stray cell is accounted for and flagged on its line', () => {
    const row = lines(30, 30)[0]!.split('\t');
    while (row.length < 40) row.push('');
    row[30] = '多余内容';
    const text = [HEADER, ...lines(29, 29), row.join('\t'), ...lines(31, 32)].join('\n');
    const doc = expectCompiled(write('fields-40.tsv', text), text);
    expect(codesAt(doc, 4).length).toBeGreaterThan(0);
  });

  it('full-width digits and thousands separators: １２３个, 1,200个 parse, HZ111 names them', () => {
    const text = [
      HEADER,
      '1\t全角数字测试任务\t100%\t细化项目一\t100%\t指标甲\t１２３个\t１２３个\t１００%\t市统计局\t亮点\t计划',
      '\t\t\t\t\t指标乙\t1,200个\t1,200个\t100%\t\t\t',
    ].join('\n');
    const doc = expectCompiled(write('full-width.tsv', text), text);
    const [a, b] = indicators(doc);
    expect([a?.name, a?.target?.value, a?.current?.value, a?.rate?.value]).toEqual(['指标甲', 123, 123, 100]);
    expect([b?.name, b?.target?.value, b?.current?.value]).toEqual(['指标乙', 1200, 1200]);
    expect(a?.target?.text).toBe('１２３个'); // kept as written
    expect(doc.diagnostics.filter((d) => d.code === 'HZ111').map((d) => d.line)).toContain(3);
  });

  it('full-width comma and percent sign: １，５００万元 of １，５００万元 at １００％', () => {
    const text = [
      HEADER,
      '1\t全角标点测试任务\t100%\t细化项目一\t100%\t指标丙\t１，５００万元\t１，５００万元\t１００％\t市统计局\t亮点\t计划',
    ].join('\n');
    const doc = expectCompiled(write('full-width-punct.tsv', text), text);
    const [c] = indicators(doc);
    expect([c?.name, c?.target?.value, c?.target?.unit, c?.current?.value, c?.rate?.value]).toEqual([
      '指标丙',
      15_000_000,
      '元',
      15_000_000,
      100,
    ]);
    expect(doc.diagnostics.filter((d) => d.code === 'HZ111').length).toBeGreaterThan(0);
  });
});

// The general rules behind hostile input (docs/reliability.md): text from the data is never a key
// into an object, markup nesting is bounded, figures past a double have no value, and the largest
// task and cell are bounded (they bound the memory).
describe('hostile input: the general rules', () => {
  const task = lines(29, 29)[0]!.split('\t');
  const indicator = (name: string, target: string, current: string, extra: string[] = ['', '', '']) =>
    ['', '', '', '', '', name, target, current, '50%', ...extra].join('\t');

  it('every name JavaScript objects inherit, as a unit, a remark, an entity, an owner and a whole cell', () => {
    const rows = BUILTIN_NAMES.map((b, i) => indicator(`指标${i}&${b};`, `10${b}`, `5(${b})`, [b, b, `&${b};`]));
    const text = [HEADER, task.join('\t'), ...rows].join('\n') + '\n';
    const doc = expectCompiled(write('builtins.tsv', text), text);
    expect(indicators(doc).length).toBeGreaterThanOrEqual(BUILTIN_NAMES.length);
  });

  it.each([
    ['just under the depth limit', '<div>'.repeat(MAX_DEPTH - 1) + '深' + '</div>'.repeat(MAX_DEPTH - 1)],
    ['just over it', '<div>'.repeat(MAX_DEPTH + 1) + '深' + '</div>'.repeat(MAX_DEPTH + 1)],
    ['3,000 nested <div>', '<div>'.repeat(3000) + '深' + '</div>'.repeat(3000)],
    ['20,000 unclosed <ol>', '<ol>'.repeat(20_000) + '深'],
    ['10,000 unclosed <b> and a script', '<b>'.repeat(10_000) + '深<script>alert(1)</script>'],
  ])('markup nested %s: compiled, its text kept', (_, markup) => {
    const row = [...task];
    row[3] = markup;
    const text = `${HEADER}\n${row.join('\t')}\n`;
    const doc = expectCompiled(write(`deep-${markup.length}.tsv`, text), text);
    expect(doc.sections[0]!.groups[0]!.tasks[0]!.items[0]!.description).toBe('深');
  });

  it.each([307, 308, 309, 400])('a %d-digit value, with 万: never NaN or Infinity', (digits) => {
    const big = '9'.repeat(digits);
    const text =
      [HEADER, task.join('\t'), indicator('指标', `${big}万个`, `${big}个`), indicator('指标乙', '0.001个', `${big}亿个`)].join(
        '\n',
      ) + '\n';
    const doc = expectCompiled(write(`digits-${digits}.tsv`, text), text);
    expect(JSON.stringify(doc)).not.toMatch(/NaN|Infinity/);
  });

  it('a task of more rows than MAX_TASK_ROWS: HZ008 before any work', { timeout: 120_000 }, () => {
    const text = [
      HEADER,
      task.join('\t'),
      ...Array.from({ length: MAX_TASK_ROWS + 1 }, (_, i) => indicator(`指${i}`, '1', '1')),
    ].join('\n');
    expectRefused(
      write('task-too-long.tsv', text),
      `the task from line 4 has more than ${MAX_TASK_ROWS.toLocaleString('en')} rows`,
      'HZ008',
    );
  });

  it('a 10 MB cell: HZ009 before any work', { timeout: 180_000 }, () => {
    const row = [...task];
    row[10] = `<p>${'一是压实责任。'.repeat((10 << 20) / 21)}</p>`;
    const text = `${HEADER}\n${row.join('\t')}\n`;
    expectRefused(
      write('cell-10mb.tsv', text),
      new RegExp(`^a cell on line 3 has [\\d,]+ characters \\(limit ${MAX_CELL_CHARS.toLocaleString('en')}\\)$`),
      'HZ009',
    );
  });
});

describe('encodings through the CLI', () => {
  const text = [...lines(1, 32)].join('\n');
  let plain: Report | undefined;
  const utf8 = (): Report => (plain ??= expectCompiled(write('enc-utf8.tsv', text), text));

  it.each([
    ['GB18030', 'gb18030', () => iconv.encode(text, 'gb18030')],
    ['UTF-16LE with BOM, CRLF', 'utf-16le', () => iconv.encode(text.replace(/\n/g, '\r\n'), 'utf-16le', { addBOM: true })],
    ['UTF-16BE without BOM', 'utf-16be', () => iconv.encode(text, 'utf-16be')],
  ])('%s: the same tree as UTF-8, and an HZ006 note', (name, encoding, bytes) => {
    const doc = expectCompiled(write(`enc-${encoding}.tsv`, bytes()), text);
    expect(doc.source.encoding).toBe(encoding);
    expect(doc.diagnostics.filter((d) => d.code === 'HZ006').map((d) => d.message)).toEqual([`decoded as ${encoding}`]);
    expect(doc.sections).toEqual(utf8().sections);
    expect(doc.title).toBe(utf8().title);
  });

  it('--encoding forces the decoding, and is refused when wrong or unknown', () => {
    const gbk = write('enc-gbk.tsv', iconv.encode(text, 'gbk'));
    expect(expectCompiled(gbk, text, ['--encoding', 'gbk']).source.encoding).toBe('gbk');
    expectRefused(gbk, 'the file is not text (not valid utf-8)', 'HZ002', ['--encoding', 'utf-8']);
    expectRefused(gbk, 'cannot read the file: unknown encoding "klingon"', 'HZ004', ['--encoding', 'klingon']);
  });
});
