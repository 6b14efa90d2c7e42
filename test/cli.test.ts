// The everyday CLI, run in-process through its main() (test/helpers/main.ts): batches, schema and
// validate, exit codes, one-line errors, colour and language conventions; and the library's check().
// What needs a real process (standard input, the bin script, the package entry) is in process.cli.test.ts.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, compile, validateReport, type Report } from '../src/index.js';
import { colorLevel, defaultLang } from '../src/cli.js';
import { runMain } from './helpers/main.js';
import { excerpt, ROOT, SEED, tempDir } from './helpers/run.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

let dir: string;
let seedDoc: Report;
beforeAll(async () => {
  dir = tempDir();
  const run = await runMain(['parse', SEED]);
  expect(run.code, run.stderr).toBe(0);
  seedDoc = JSON.parse(run.stdout) as Report;
});

describe('conventions', () => {
  it('--version prints the package version', async () => {
    const run = await runMain(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('--help works on every command and shows examples', async () => {
    for (const cmd of [[], ['parse'], ['check'], ['export'], ['schema'], ['validate']]) {
      const run = await runMain([...cmd, '--help']);
      expect(run.code, cmd.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/^Usage: hzreport/);
      expect(run.stdout, cmd.join(' ')).toMatch(/Examples:\n {2}\$ hzreport /);
    }
  });

  it('usage errors exit 2 with one line on stderr', async () => {
    for (const args of [
      ['frobnicate'],
      ['check'],
      ['check', SEED, '--format', 'xml'],
      ['check', SEED, '--max-warnings', 'lots'],
      ['parse', SEED, '--bogus'],
      [],
    ]) {
      const run = await runMain(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      if (args.length) {
        expect(run.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
        expect(run.stderr).toMatch(/^hzreport: error: /);
      }
    }
  });

  it('unusable input: exit 2, one line naming the file and the code, no stack trace', async () => {
    writeFileSync(join(dir, 'empty.tsv'), '');
    writeFileSync(join(dir, 'binary.tsv'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    for (const [file, code] of [
      [join(dir, 'missing.tsv'), 'HZ004'],
      [join(dir, 'empty.tsv'), 'HZ001'],
      [join(dir, 'binary.tsv'), 'HZ002'],
      [dir, 'HZ004'],
    ] as const) {
      for (const cmd of ['parse', 'check', 'export']) {
        const run = await runMain([cmd, file]);
        expect(run.code, `${cmd} ${file}`).toBe(2);
        expect(run.stderr).toBe(`${run.stderr.split('\n')[0]}\n`);
        expect(run.stderr.startsWith(`hzreport: ${file}: `)).toBe(true);
        expect(run.stderr.trimEnd().endsWith(`[${code}]`)).toBe(true);
        expect(run.stderr).not.toMatch(STACK);
      }
    }
  });

  it('a failed write is one line naming the output, and leaves no temporary file', async () => {
    const small = excerpt(dir, 'small-out.tsv');
    writeFileSync(join(dir, 'plain-file'), '');
    for (const [out, reason] of [
      [dir, 'is a directory'],
      [join(dir, 'plain-file', 'x.json'), 'a parent is not a directory'],
    ] as const) {
      const run = await runMain(['parse', small, '-o', out]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`hzreport: ${out}: cannot write the output: ${reason}\n`);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('no colour unless the output is a terminal or FORCE_COLOR; NO_COLOR and --no-color win', async () => {
    const file = excerpt(dir, 'err.tsv', (l) => (l[17] = l[17]!.replace('0%', '50%')));
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[/;
    expect((await runMain(['check', file])).stdout).not.toMatch(ansi); // a pipe is not a TTY
    expect((await runMain(['check', file], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
    expect((await runMain(['check', file, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ansi);
    expect((await runMain(['check', file], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(ansi);
  });

  it('colour level: flag, NO_COLOR, FORCE_COLOR (0/false disable), TTY, TERM=dumb', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(colorLevel(tty, true, {})).toBeGreaterThan(0);
    expect(colorLevel(pipe, true, {})).toBe(0);
    expect(colorLevel(tty, false, {})).toBe(0);
    expect(colorLevel(tty, true, { NO_COLOR: '1' })).toBe(0);
    expect(colorLevel(tty, true, { NO_COLOR: '' })).toBeGreaterThan(0); // empty NO_COLOR does not count
    expect(colorLevel(pipe, true, { FORCE_COLOR: '1' })).toBe(1);
    expect(colorLevel(tty, true, { FORCE_COLOR: '0' })).toBe(0);
    expect(colorLevel(tty, true, { TERM: 'dumb' })).toBe(0);
    expect(defaultLang({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(defaultLang({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(defaultLang({})).toBe('en');
  });

  it('messages follow --lang, else the locale (zh when LANG starts with zh)', async () => {
    const file = excerpt(dir, 'err-lang.tsv', (l) => (l[17] = l[17]!.replace('0%', '50%')));
    expect((await runMain(['check', file])).stdout).toMatch(/indicator rate 50% does not match/);
    expect((await runMain(['check', file, '--lang', 'zh'])).stdout).toMatch(/指标完成率 50%/);
    expect((await runMain(['check', file], { env: { LANG: 'zh_CN.UTF-8' } })).stdout).toMatch(/指标完成率 50%/);
    expect((await runMain(['check', file, '--lang', 'en'], { env: { LC_ALL: 'zh_CN.UTF-8' } })).stdout).toMatch(
      /indicator rate 50%/,
    );
    expect((await runMain(['check', file, '--lang', 'fr'])).code).toBe(2);
  });
});

describe('README', () => {
  it("uses only commands and options that exist (checked against each command's --help)", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const uses = [...readme.matchAll(/npx hzreport (\w+)([^|\n>]*)/g)].map((m) => ({
      cmd: m[1]!,
      flags: m[2]!.match(/--[a-z-]+/g) ?? [],
    }));
    expect(uses.length).toBeGreaterThan(10);
    const help = new Map<string, string>();
    for (const { cmd, flags } of uses) {
      if (!help.has(cmd)) {
        const run = await runMain([cmd, '--help']);
        expect(run.code, `hzreport ${cmd} --help`).toBe(0);
        help.set(cmd, run.stdout);
      }
      for (const f of flags) expect(help.get(cmd), `hzreport ${cmd} ${f}`).toMatch(new RegExp(`(^|[ ,])${f}\\b`, 'm'));
    }
  });
});

describe("README's figures for the bundled report", () => {
  // The README quotes what the bundled report compiles to; a reading rule that changes it must change the README.
  it('parse summary line, summary object and check totals are what the compiler prints', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const quoted = (re: RegExp): string => {
      const m = readme.match(re);
      expect(m, String(re)).not.toBeNull();
      return m![1]!;
    };
    const out = join(dir, 'readme.json');
    const parse = await runMain(['parse', SEED, '-o', out]);
    expect(parse.code).toBe(0);
    const wrote = quoted(/^hzreport: wrote out\/hangzhou-2021-q3\.json: (.+)$/m);
    expect(parse.stderr.trim()).toBe(`hzreport: wrote ${out}: ${wrote}`);
    const summary = quoted(/^\$ jq -c \.summary out\/hangzhou-2021-q3\.json\n(.+)$/m);
    expect(JSON.stringify((JSON.parse(readFileSync(out, 'utf8')) as Report).summary)).toBe(summary);
    const check = await runMain(['check', SEED]);
    const totals = quoted(/^(✖ \d+ problems .*)$/m);
    expect(check.stdout.trim().split('\n').at(-1)).toBe(totals);
  });
});

describe('--encoding', () => {
  it('reads a GB18030 report (detected or named) like its UTF-8 original; an unknown name is exit 2', async () => {
    const iconv = (await import('iconv-lite')).default;
    const utf8 = excerpt(dir, 'enc-utf8.tsv');
    const gb = join(dir, 'enc-gb.tsv');
    writeFileSync(gb, iconv.encode(readFileSync(utf8, 'utf8'), 'gb18030'));
    const tasks = async (args: string[]) => {
      const run = await runMain(['export', ...args, '--level', 'tasks', '--format', 'json']);
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { task: string }[]).map((r) => r.task);
    };
    const expected = await tasks([utf8]);
    expect(expected[0]).toMatch(/^加强粮食/);
    expect(await tasks([gb])).toEqual(expected);
    expect(await tasks([gb, '--encoding', 'gb18030'])).toEqual(expected);
    const bad = await runMain(['parse', gb, '--encoding', 'klingon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^hzreport: ${gb}: .*klingon.* \\[HZ\\d{3}\\]\n$`));
  });
});

describe('check exit codes', () => {
  it('0 when clean, 1 on errors, --max-warnings counts warnings (-1: no limit)', async () => {
    const clean = excerpt(dir, 'clean.tsv');
    const warn = excerpt(dir, 'warn.tsv', (l) => (l[17] = l[17]!.replace('20万吨', ''))); // indicator without a target
    const error = excerpt(dir, 'error.tsv', (l) => (l[17] = l[17]!.replace('0%', '50%'))); // 0 of 20万吨 reported as 50%

    const c = await runMain(['check', clean]);
    expect(c.code, c.stdout).toBe(0);
    expect(c.stdout).toMatch(/no problems/);

    const w = await runMain(['check', warn, '--format', 'json']);
    const wt = (JSON.parse(w.stdout) as { totals: { errors: number; warnings: number } }).totals;
    expect(wt).toMatchObject({ errors: 0 });
    expect(wt.warnings).toBeGreaterThan(0);
    expect(w.code).toBe(0);
    expect((await runMain(['check', warn, '--max-warnings', String(wt.warnings)])).code).toBe(0);
    const over = await runMain(['check', warn, '--max-warnings', String(wt.warnings - 1)]);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/too many warnings/);
    expect((await runMain(['check', warn, '--max-warnings', '-1'])).code).toBe(0);

    const e = await runMain(['check', error, '--max-warnings', '-1']);
    expect(e.code).toBe(1);
    expect(e.stdout).toMatch(/18:\d+ +error +一\.1 +indicator rate 50% .* HZ201/);
    const q = await runMain(['check', error, '--quiet']);
    expect(q.code).toBe(1);
    expect(q.stderr).toBe('');
  });
});

describe('streams and batches', () => {
  it('two files and a glob pattern: per-file results and a summary table on stderr', async () => {
    // Small reports cut from the seed (the seed itself is compiled enough elsewhere): one clean, one with an error.
    const batch = tempDir();
    const a = excerpt(batch, 'q3-a.tsv');
    const b = excerpt(batch, 'q3-b.tsv', (l) => (l[17] = l[17]!.replace('0%', '50%')));
    type Out = {
      files: { file: string; errors: number; tasks: number; indicators: number }[];
      totals: { files: number; tasks: number; indicators: number; errors: number };
    };
    const single: Out['files'] = [];
    for (const f of [a, b]) single.push((JSON.parse((await runMain(['check', f, '--format', 'json'])).stdout) as Out).files[0]!);
    expect(single.map((f) => f.errors)).toEqual([0, 1]);
    const two = await runMain(['check', a, b, '--format', 'json']);
    const glob = await runMain(['check', join(batch, '*.tsv'), '--format', 'json']);
    for (const run of [two, glob]) {
      expect(run.code).toBe(1);
      const out = JSON.parse(run.stdout) as Out;
      expect(out.files).toEqual(single);
      expect(out.totals).toMatchObject({ files: 2, tasks: single[0]!.tasks + single[1]!.tasks, errors: 1 });
      expect(run.stderr).toMatch(/^file +tasks +indicators +errors +warnings$/m);
      expect(run.stderr).toMatch(
        new RegExp(`^${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${single[1]!.tasks} +${single[1]!.indicators} +1 +0$`, 'm'),
      );
      expect(run.stderr).toMatch(new RegExp(`^total: 2 files +${out.totals.tasks} +${out.totals.indicators} +1 +0$`, 'm'));
    }
    // A relative glob, from the batch directory, and an export of both files.
    const rel = await runMain(['export', '*.tsv', '--format', 'ndjson'], { cwd: batch });
    expect(rel.code, rel.stderr).toBe(0);
    const rows = rel.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string });
    expect(rows.length).toBe(single[0]!.indicators + single[1]!.indicators);
    expect(rows.map((r) => r.file)).toEqual([
      ...Array(single[0]!.indicators).fill('q3-a.tsv'),
      ...Array(single[1]!.indicators).fill('q3-b.tsv'),
    ]);
    // An unusable file in a batch: listed in the JSON, one line on stderr, exit 2.
    const withMissing = await runMain(['check', a, join(batch, 'missing.tsv'), '--format', 'json']);
    expect(withMissing.code).toBe(2);
    const wm = JSON.parse(withMissing.stdout) as { files: { fatal?: boolean }[]; failures: { file: string }[] };
    expect(wm.files).toHaveLength(2);
    expect(wm.files.map((f) => f.fatal === true)).toEqual([false, true]);
    expect(wm.failures.map((f) => f.file)).toEqual([join(batch, 'missing.tsv')]);
    expect(withMissing.stderr).toMatch(/missing\.tsv \(unusable: HZ004\)/);
    // Quiet batches print no table.
    expect((await runMain(['check', join(batch, '*.tsv'), '--quiet', '--format', 'json'])).stderr).toBe('');
  });
});

describe('schema and validate', () => {
  it('schema prints the committed schema byte for byte', async () => {
    const run = await runMain(['schema']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(ROOT, 'schemas/report.v2.schema.json'), 'utf8'));
  });

  it("validate accepts the program's own output (file and stdin)", async () => {
    const out = join(dir, 'seed.json');
    expect((await runMain(['parse', SEED, '-o', out, '--quiet'])).code).toBe(0);
    const run = await runMain(['validate', out]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/1 document valid/);
  });

  it('validate rejects a wrong type at a named JSON pointer, listing every error', async () => {
    const bad = structuredClone(seedDoc) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    bad.summary.tasks = 'many';
    bad.sections[0].groups[0].tasks[0].no = '1';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const run = await runMain(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}\/summary\/tasks +error +must be integer$/m);
    expect(run.stdout).toMatch(/^ {2}\/sections\/0\/groups\/0\/tasks\/0\/no +error +must be integer/m);
    const json = await runMain(['validate', file, '--format', 'json']);
    const res = JSON.parse(json.stdout) as { file: string; valid: boolean; errors: { pointer: string }[] }[];
    expect(res[0]!.valid).toBe(false);
    expect(res[0]!.errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/summary/tasks', '/sections/0/groups/0/tasks/0/no']),
    );
  });

  it('validate: not JSON or unreadable → exit 2 with one line', async () => {
    writeFileSync(join(dir, 'not.json'), '{"a":');
    const run = await runMain(['validate', join(dir, 'not.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^hzreport: ${join(dir, 'not.json')}: not a JSON document`));
    const missing = await runMain(['validate', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`hzreport: ${join(dir, 'nope.json')}: cannot read the file: no such file [HZ004]\n`);
    expect(missing.stdout).toBe('');
  });
});

describe('library API', () => {
  it('check() compiles and counts findings like the CLI', () => {
    const text = readFileSync(SEED);
    const result = check(text, { file: 'seed.tsv' });
    expect(result.file).toBe('seed.tsv');
    expect(result.errors).toBe(result.report.summary.errors);
    expect(result.warnings).toBe(result.report.summary.warnings);
    expect(result.diagnostics.length).toBe(result.errors + result.warnings + result.infos);
    expect(result.exitCode).toBe(result.errors > 0 ? 1 : 0);
    expect(validateReport(result.report)).toEqual([]);
    // A compiled report can be passed as is.
    expect(check(compile(text)).errors).toBe(result.errors);
  });
});
