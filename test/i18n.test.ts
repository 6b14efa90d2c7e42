// Chinese throughout: every catalog message rendered in zh with typical arguments (those the seed gives,
// and for the rest the forms the stages build) carries no Latin word other than codes, units and numbers.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogEntries, compile, render, type Code } from '../src/index.js';
import { zhReason, zhSchemaMessage } from '../src/i18n.js';
import { toCsv } from '../src/index.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { excerpt, hz, SEED, tempDir } from './helpers/run.js';

/** Latin words left once codes (HZ201, UTF-8, GB18030, U+FFFD: capitals or digits), options (--encoding),
 *  file extensions (.xlsx), markup names (<script>, onclick=) and numbers are taken out. */
function latinWords(text: string): string[] {
  const rest = text
    .replace(/<\w+>|\bon\w+=/g, ' ')
    .replace(/--[a-z-]+/g, ' ')
    .replace(/\.[a-z]{2,4}\b/g, ' ')
    .replace(/[A-Za-z][\w-]*[\d_][\w-]*/g, ' ') // gb18030, utf-16le, shift_jis, HZ201
    .replace(/\b[A-Z][A-Z+-]*\b/g, ' '); // NUL, PDF, MB
  // The program's name and the JSON fields a message points to (`extra`) are names, not words to translate.
  return (rest.match(/[A-Za-z]+/g) ?? []).filter((w) => w !== 'hzreport' && w !== 'extra');
}

// Arguments as the stages build them (read.ts, compile.ts, assemble.ts, recompute.ts, check.ts): each form.
const TYPICAL: Record<string, Record<string, string | number>[]> = {
  HZ002: [
    'not valid utf-16le',
    'undecodable as shift_jis',
    'NUL byte at character 12',
    '7 control characters',
    'neither UTF-8 nor GB18030; name the encoding with --encoding',
    'a PDF document; extract its tables to TSV first',
    'a ZIP archive (.xlsx/.docx/.zip)',
    'an OLE document (.xls/.doc)',
    'gzip data',
    'a PNG image',
    'a JPEG image',
    'an ELF executable',
  ].map((reason) => ({ reason })),
  HZ003: [
    'no line has tab-separated fields',
    'a header but no task, item or indicator rows',
    'no header row and no task, item or indicator rows',
  ].map((reason) => ({ reason })),
  HZ004: ['no such file', 'is a directory', 'permission denied', 'unknown encoding "latin-9"', 'EIO'].map((reason) => ({
    reason,
  })),
  HZ005: [
    { size: '300,001 lines', limit: '300,000 lines' },
    { size: 'more than 64 MB', limit: '64 MB' },
    { size: '70.5 MB', limit: '64 MB' },
  ],
  HZ006: [
    { encoding: 'gb18030' },
    { encoding: 'utf-8 with 3 invalid byte sequences replaced by U+FFFD' },
    { encoding: 'utf-8 with 1 invalid byte sequence replaced by U+FFFD' },
  ],
  HZ101: [{ text: '市农业农村局' }],
  HZ102: [
    {
      level: 'indicators',
      detail: 'row order reproduces 1 of 4 item rates, the chosen grouping 4 (4 indicator(s) moved); close: one rate decided',
    },
    {
      level: 'items',
      detail: 'task 7 has 3 item(s) instead of 2 in row order, so that 2 of the 2 task rates 7 and 8 reproduce instead of 0',
    },
    ...[
      "task 4 has 3 items instead of 2 in row order: the item below task 5's numbered row belongs to task 4, so that 1 more task rate and 2 more item rates reproduce",
      "task 5 has 1 item instead of 3 in row order: 2 items below task 5's numbered row belong to task 4, so that 2 more task rates and 1 more item rate reproduce",
    ].map((detail) => ({ level: 'items', detail })),
    // regroup.ts: indicator rows moved across a task boundary
    ...[
      "1 indicator row below task 5's numbered row belongs to the last item of task 4, so that 1 more item rate reproduces",
      "2 indicator rows below task 5's numbered row belong to the last item of task 4, so that 2 more item rates reproduce, the last ones because their names echo that item's text",
      "1 indicator row below task 5's numbered row belongs to the last item of task 4, whose names echo that item's text (the rates reproduce either way)",
      "1 indicator row below task 5's numbered row belongs to the last item of task 4, so that fewer indicator rows leave row order (the rates reproduce either way)",
      "1 indicator row from task 5's numbered row on belongs to the last item of task 4, so that 1 more item rate reproduces",
      "3 indicator rows from task 5's numbered row on belong to the last item of task 4, whose names echo that item's text (as many item rates reproduce as with the rows below it)",
      "2 indicator rows from task 5's numbered row on belong to the last item of task 4, whose names echo that item's text (as many item rates reproduce either way)",
    ].map((detail) => ({ level: 'indicators', detail })),
  ],
  HZ104: [
    { direction: 'left', by: 2 },
    { direction: 'right', by: 3 },
  ],
  HZ108: [{ what: '<script>, onclick=' }, { what: '<style>' }],
  HZ111: ['full-width characters and thousands separators', 'full-width characters', 'thousands separators'].map((what) => ({
    what,
    text: '１，２００万元',
  })),
};

describe('zh catalog', () => {
  const seed = compile(readFileSync(SEED), { file: 'seed.tsv', lang: 'zh' });
  const fromSeed = new Map<string, Record<string, string | number | null>[]>();
  for (const d of seed.diagnostics) if (d.args) fromSeed.set(d.code, [...(fromSeed.get(d.code) ?? []), d.args]);

  it('renders every message in zh, with every argument translated: no Latin word but codes, units and numbers', () => {
    const bad: string[] = [];
    for (const e of catalogEntries) {
      const argsList = [...(TYPICAL[e.code] ?? []), ...(fromSeed.get(e.code) ?? [])];
      // A code with neither: its placeholders filled with a number, so the template itself is still checked.
      if (!argsList.length) argsList.push(Object.fromEntries([...e.zh.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 1])));
      for (const args of argsList) {
        const text = render(e.code as Code, args, 'zh');
        const words = latinWords(text);
        if (words.length) bad.push(`${e.code}: ${words.join(' ')} in ${text}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the detector sees English where it is', () => {
    expect(latinWords('该行单元格right移 3 列')).toEqual(['right']);
    expect(latinWords('无法读取文件：no such file')).toEqual(['no', 'such', 'file']);
    expect(latinWords('既不是 UTF-8 也不是 GB18030，请用 --encoding 指定编码；gb18030；HZ201')).toEqual([]);
  });

  it('check --lang zh --verbose on the bundled report: no English word in any message, nor in the summary', () => {
    const run = hz(['check', SEED, '--lang', 'zh', '--verbose', '-f', 'json']);
    const doc = JSON.parse(run.stdout) as { files: { diagnostics: { code: string; message: string }[] }[] };
    const bad = doc.files[0]!.diagnostics.filter((d) => latinWords(d.message).length).map((d) => `${d.code}: ${d.message}`);
    expect(bad).toEqual([]);
    const stylish = hz(['check', SEED, '--lang', 'zh', '--verbose']).stdout;
    // Everything but the file name, locations and codes: severity words and the summary too.
    const words = latinWords(stylish.replace(SEED, ''));
    expect(words).toEqual([]);
    expect(stylish).toMatch(/✖ 1 个文件中有 \d+ 条发现（\d+ 个错误，\d+ 个警告，\d+ 条提示）/);
  });

  it('usage and setting errors in zh: unknown option, bad choice, missing argument, workers, export format', () => {
    const zh = (args: string[], env?: Record<string, string>) => hz([...args, '--lang', 'zh'], { env }).stderr;
    expect(zh(['check', '--bogus'])).toBe("hzreport: 错误：未知选项 '--bogus'\n");
    expect(zh(['export', SEED, '--level', 'nope'])).toMatch(
      /^hzreport: 错误：选项 '-l, --level <层级>' 的参数 'nope' 无效，可选值为/,
    );
    expect(zh(['parse'])).toBe("hzreport: 错误：缺少必需的参数 '文件'\n");
    // Why an option's argument was refused: no English either (option names and codes aside).
    for (const args of [
      ['check', SEED, '--max-warnings', 'abc'],
      ['export', SEED, '--period', 'zz'],
      ['export', SEED, '--expected', '120'],
      ['diff', SEED, SEED, '--threshold', '3'],
      ['diff', SEED, SEED, '--fail-on', 'nope'],
    ]) {
      const line = zh(args);
      expect(line, args.join(' ')).toMatch(/^hzreport: 错误：.*应为/);
      // Quoted: the option and the value as the user typed them; the kinds --fail-on accepts are codes too.
      expect(latinWords(line.replace(/'[^']*'/g, '').replace(/：regressed[^\n]*/, ''))).toEqual([]);
    }
    expect(zh(['check', SEED, SEED, '-q'], { HZREPORT_WORKERS: 'abc' })).toMatch(/^hzreport: HZREPORT_WORKERS 应为工作线程数/);
    expect(zh(['export', SEED, '-o', `${tempDir()}/r.txt`])).toMatch(/^hzreport: 错误：没有哪种导出格式写 r\.txt/);
    // English stays English
    expect(hz(['check', '--bogus']).stderr).toBe("hzreport: error: unknown option '--bogus'\n");
  });

  it('validate of a file that is not JSON says where in Chinese (the parser speaks English)', () => {
    const dir = tempDir();
    for (const text of ['{', '', '{"a":}', '{"a":1}x', '"abc']) {
      writeFileSync(`${dir}/bad.json`, text);
      const run = hz(['validate', `${dir}/bad.json`, '--lang', 'zh']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^hzreport: ${dir}/bad\\.json: 不是 JSON 文档：[^\\n]+\\n$`));
      expect(latinWords(run.stderr.replace(`${dir}/bad.json`, '')), text).toEqual([]);
      // English stays the parser's.
      expect(hz(['validate', `${dir}/bad.json`]).stderr).toMatch(/: not a JSON document: (Unexpected|Expected|Unterminated)/);
    }
  });

  it('a word that names no command is an unknown command (not "too many arguments"), with a suggestion, in zh and en', () => {
    const run = hz(['chek', SEED]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("hzreport: error: unknown command 'chek'\n(Did you mean check?)\n");
    expect(hz(['frobnicate', '--lang', 'zh']).stderr).toBe("hzreport: 错误：未知命令 'frobnicate'\n");
    expect(hz(['chek', SEED, '--lang', 'zh']).stderr).toBe("hzreport: 错误：未知命令 'chek'\n（是否要用 check？）\n");
    // The commands still refuse what they do not take.
    expect(hz(['schema', 'extra']).stderr).toMatch(/^hzreport: error: too many arguments for 'schema'/);
  });

  it("the CLI's own lines in zh: file errors, batch table, wrote lines, too many warnings, validate", () => {
    const dir = tempDir();
    const missing = hz(['check', `${dir}/missing.tsv`, SEED, '--lang', 'zh', '-f', 'json']);
    expect(missing.stderr).toContain('无法读取文件：文件不存在 [HZ004]');
    expect(missing.stderr).toMatch(/^文件 +重点工作 +量化指标 +错误 +警告$/m);
    expect(missing.stderr).toMatch(/合计：2 个文件/);
    const parse = hz(['parse', SEED, '-o', `${dir}/r.json`, '--lang', 'zh']);
    expect(parse.stderr).toMatch(/^hzreport: 已写入 .*r\.json：216 项重点工作/);
    expect(hz(['export', SEED, '-o', `${dir}/r.csv`, '--lang', 'zh']).stderr).toMatch(
      /已写入 .*r\.csv：986 行（指标），来自 1 个文件/,
    );
    const over = hz(['check', SEED, '--max-warnings', '0', '-q', '-f', 'json', '--lang', 'zh']);
    expect(over.stderr).toBe('');
    expect(zhSchemaMessage('must be number,null')).toBe('必须是数值或空值');
    expect(zhSchemaMessage("must have required property 'tasks'")).toBe('缺少必需的属性“tasks”');
    const doc = JSON.parse(readFileSync(`${dir}/r.json`, 'utf8')) as { summary: { tasks: unknown } };
    doc.summary.tasks = '216';
    const v = hz(['validate', '-', '--lang', 'zh'], { input: JSON.stringify(doc) });
    expect(v.stdout).toMatch(/\/summary\/tasks +错误 +必须是整数/);
    expect(v.stdout).toMatch(/1 个文档中有 1 个无效/);
    // Configuration and baseline files that cannot be used, in zh too.
    writeFileSync(`${dir}/bad.json`, '{ "rules": { "HZ210": "silent" } }');
    expect(hz(['check', SEED, '--config', `${dir}/bad.json`, '--lang', 'zh']).stderr).toBe(
      `hzreport: ${dir}/bad.json: rules.HZ210: 必须是以下之一：off、info、warning、error\n`,
    );
    expect(hz(['check', SEED, '--baseline', `${dir}/bad.json`, '--lang', 'zh']).stderr).toBe(
      `hzreport: ${dir}/bad.json: 不是 hzreport 基线文件（应由 check --write-baseline 写出）\n`,
    );
  });
});

describe("the views' lines in zh", () => {
  it('summary and report -o say what they wrote, and a report without a period says so, in Chinese', () => {
    const dir = tempDir();
    // The first task of the seed, its title and date line without the quarter: no reporting period.
    const none = excerpt(dir, 'none.tsv', (lines) =>
      lines.forEach((l, i) => (lines[i] = l.replace(/三季度|2021 年 10 月/g, ''))),
    );
    const summary = hz(['summary', none, '-o', `${dir}/s.txt`, '--lang', 'zh']).stderr;
    expect(summary).toMatch(/^hzreport: 已写入 .*s\.txt：1 行（按责任单位），来自 1 个文件$/m);
    expect(summary).toMatch(/^hzreport: .*none\.tsv：标题和日期行中没有报告期：只能区分已完成和未知/m);
    const report = hz(['report', none, '-o', `${dir}/r.html`, '--lang', 'zh']).stderr;
    expect(report).toMatch(/^hzreport: 已写入 .*r\.html：1 项重点工作，\d+ 条发现（\d+ KB）$/m);
    expect(latinWords((summary + report).replaceAll(/\/\S+?\.(?:txt|tsv|html)/g, ''))).toEqual([]); // file names aside
    expect(hz(['report', '-', '--previous', '-', '--lang', 'zh'], { input: readFileSync(none) }).stderr).toBe(
      'hzreport: -：标准输入只能作为两份报告之一\n',
    );
  });
});

describe('CSV headers', () => {
  it('stay ASCII keys under --lang zh; --headers zh gives Chinese labels for every column', async () => {
    const { COLUMNS } = await import('../src/emit/rows.js');
    for (const level of ['indicators', 'items', 'tasks'] as const) {
      const keys = hz(['export', SEED, '--lang', 'zh', '--level', level]).stdout.split('\n')[0]!;
      expect(keys).toBe(COLUMNS[level].join(','));
      const zh = hz(['export', SEED, '--headers', 'zh', '--level', level]).stdout.split('\n')[0]!.split(',');
      expect(zh).toHaveLength(COLUMNS[level].length);
      expect(zh.filter((h) => /[A-Za-z]/.test(h))).toEqual([]);
    }
  });
});

describe('CSV values in zh', () => {
  const report = compile(readFileSync(SEED), { file: 'seed.tsv', lang: 'zh' });
  // The columns whose values the compiler writes (the others carry the report's own text and figures).
  const written = (c: string) => /rate_status$|rate_reason$|^schedule_basis$|^ceiling$/.test(c);

  it.each(['indicators', 'items', 'tasks'] as const)(
    'export --lang zh, %s: statuses, reasons, basis and true/false in Chinese; the rest as in English',
    (level) => {
      const zh = parseCsv(toCsv(report, { level, lang: 'zh' }), { columns: true }) as Record<string, string>[];
      const en = parseCsv(toCsv(report, { level }), { columns: true }) as Record<string, string>[];
      expect(zh).toHaveLength(en.length);
      const bad: string[] = [];
      let translated = 0;
      zh.forEach((row, i) => {
        for (const [c, v] of Object.entries(row)) {
          if (!written(c)) expect(v, c).toBe(en[i]![c]);
          else if (latinWords(v).length) bad.push(`${c}: ${v}`);
          else if (v !== en[i]![c]) translated++;
        }
      });
      expect(bad).toEqual([]);
      expect(translated).toBeGreaterThan(zh.length); // every row has a status and a reason at least
    },
  );

  it('every form of reason the recomputation builds has its Chinese', () => {
    const forms = [
      'mean of item rates over 3: 100%, 50%, 66.6667%',
      'mean of min(indicator rate, 100%) over 2: 100%, 80%; agrees with the mean of the unrounded rates from the figures',
      'mean of min(indicator rate, 100%) over 2: 100%, 80%; written above 100% (the written figure is the uncapped mean)',
      'mean of min(indicator rate, 100%) over 2: 120%, 80%; the written figure is the uncapped mean 100%',
      'mean of item rates over 2: 100%, 80%; the written figure is the mean of all 5 indicator rates, 76.5%',
      'mean of item rates over 2: 100%, 80%; written above 100%',
      'ceiling indicator: 30微克/立方米 against a ceiling of 35微克/立方米: met',
      'ceiling indicator: 40 against a ceiling of 35: exceeded',
      'target "5场" and current "3家" are not comparable (unit 场 against 家)',
      'target "5" and current "3%" are not comparable (percentage against a count)',
      'target "5" and current "3" are not comparable (not numeric)',
      'target "1e400" and current "3" are not comparable (too large to compute with)',
      'current "3（待年底核算）" is not final (待年底核算); the number part gives 60%',
      'target "5(省厅未认定)" is not final (省厅未认定)',
      'no target written',
      'no current written',
      'target "约五个" is not a number (汉字数字)',
      'current "待定" is not a number',
      'target and current are both 0',
      'target is 0 (current 3个)',
      'no target, current value or rate written',
      'no rate written, and the figures give none',
      'no rate written; value from the figures',
      'no rate written, and the indicators give none',
      'no rate written; mean of the item rates',
      'rate "过半" is not a percentage',
      'no indicators',
      'item 2 of 3 has no rate',
      '3万平方米 / 5万平方米; written capped at 100%',
    ];
    const bad = forms.map(zhReason).filter((t) => latinWords(t).length);
    expect(bad).toEqual([]);
  });

  it('NDJSON and JSON keep the English codes under --lang zh (formats for programs)', () => {
    expect(hz(['export', SEED, '--lang', 'zh']).stdout.split('\n')[1]).toMatch(/,一致,83\.2万头 \/ 121万头,否,/);
    for (const format of ['ndjson', 'json']) {
      const zh = hz(['export', SEED, '--level', 'items', '-f', format, '--lang', 'zh']).stdout;
      expect(zh).toBe(hz(['export', SEED, '--level', 'items', '-f', format]).stdout);
      expect(zh).toContain('"item_rate_status": "consistent"'.replace(': ', format === 'json' ? ': ' : ':'));
    }
  });
});
