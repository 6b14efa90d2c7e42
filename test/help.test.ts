// `--help` in Chinese and English: every command's help fully Chinese under zh, English by default,
// and within 80 columns (as a terminal shows them: a CJK character takes two) in both languages.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command, Option } from 'commander';
import { program } from '../src/cli.js';
import { HELP_ZH } from '../src/help.js';
import { displayWidth } from '../src/emit/text.js';
import { runMain } from './helpers/main.js';
import { tempDir } from './helpers/run.js';

const root = program(() => {});
const commands = root.commands.map((c) => c.name());

/** Every description the help shows: the program's, its commands', options' and arguments'. */
function descriptions(cmd: Command): string[] {
  const h = cmd.createHelp();
  return [
    cmd.description(),
    ...h.visibleOptions(cmd).map((o) => o.description),
    ...h.visibleArguments(cmd).map((a) => a.description),
    ...h.visibleCommands(cmd).map((c) => c.description()), // the help command too
    ...cmd.commands.flatMap(descriptions),
  ].filter(Boolean);
}

const allOptions = (cmd: Command): Option[] => [...cmd.options, ...cmd.commands.flatMap(allOptions)];

/**
 * Names a help may show in Latin letters, because the user types or reads them as they are: the program and
 * the tools in its examples, the command names, the values an option accepts (formats, levels, languages),
 * and the products named (GitHub Actions, Excel, WPS).
 */
const NAMES = new Set([
  'hzreport',
  'help', // the help command, not among the program's commands
  'jq',
  'cat',
  'GitHub',
  'Actions',
  'Excel',
  ...commands,
  ...allOptions(root).flatMap((o) => o.argChoices ?? []),
]);

/**
 * The Latin words left in a help text once what is code is taken out. The rule: example command lines
 * (`$ …` and their ` \` continuations) are code; within the prose, a run of ASCII characters is allowed when
 * it is an option (starts with -), a file name, path, code or figure (holds . / _ * = , or a digit:
 * report.html, schemas/report.v2.schema.json, HZ201, UTF-8, NO_COLOR=1, regressed,target-changed), an
 * acronym or constant in capitals (CSV, JSON, BOM, CRLF, LC_ALL), or one of NAMES. Anything else is an
 * English word in what should be Chinese.
 */
function latinWords(help: string): string[] {
  const prose: string[] = [];
  let continued = false;
  for (const line of help.split('\n')) {
    const code: boolean = continued || /^\s*\$ /.test(line);
    continued = code && line.endsWith('\\');
    if (!code) prose.push(line);
  }
  const runs = prose.join('\n').match(/[\x21-\x7e]+/g) ?? [];
  return runs
    .map((r) => r.replace(/^[("'<[]+|[)"'>\]:;…]+$/g, ''))
    .filter((r) => /[A-Za-z]/.test(r))
    .filter((r) => !/^-/.test(r) && !/[./_*=,\d]/.test(r) && !/^[A-Z][A-Z+-]*$/.test(r) && !NAMES.has(r));
}

const helpOf = async (args: string[], env?: Record<string, string>) => {
  const run = await runMain([...args, '--help'], { env });
  expect(run.code).toBe(0);
  return run.stdout;
};

const overWidth = (text: string) => text.split('\n').filter((l) => displayWidth(l) > 80);

describe('help in Chinese', () => {
  it.each([[], ...commands.map((c) => [c])])(
    'hzreport %s --help --lang zh: no English word, within 80 columns',
    async (...cmd) => {
      const help = await helpOf([...cmd, '--lang', 'zh']);
      expect(help).toMatch(/^用法：hzreport/);
      expect(latinWords(help)).toEqual([]);
      expect(overWidth(help)).toEqual([]);
    },
  );

  it.each([[], ...commands.map((c) => [c])])('hzreport %s --help (English, the default): within 80 columns', async (...cmd) => {
    const help = await helpOf(cmd);
    expect(help).toMatch(/^Usage: hzreport/);
    expect(overWidth(help)).toEqual([]);
  });

  it('the detector sees English where it is, and lets code through', () => {
    expect(latinWords('选项：\n  -f, --format <格式>  output format（可选：csv、json）')).toEqual(['output', 'format']);
    expect(
      latinWords('  $ hzreport check report.tsv --format json \\\n      | jq .files\n见 docs/diagnostics.md、HZ201、UTF-8'),
    ).toEqual([]);
  });

  it('the locale selects Chinese as --lang does; --lang en overrides it; --lang=zh is read too', async () => {
    const zh = await helpOf(['check'], { LANG: 'zh_CN.UTF-8' });
    expect(zh).toBe(await helpOf(['check', '--lang', 'zh']));
    expect(await helpOf(['check', '--lang=zh'])).toBe(zh);
    expect(await helpOf(['check'], { LC_ALL: 'zh_CN.UTF-8', LANG: 'C' })).toBe(zh);
    expect(await helpOf(['check', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).toMatch(/^Usage: hzreport check/);
  });

  it("check --help follows a configuration's lang, as check's output does (the command line's --lang first)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hzreport.config.json'), '{ "lang": "zh" }');
    const help = async (args: string[]) => (await runMain([...args, '--help'], { cwd: dir })).stdout;
    expect(await help(['check'])).toBe(await helpOf(['check', '--lang', 'zh']));
    expect(await help(['check', '--lang', 'en'])).toMatch(/^Usage: hzreport check/);
    expect(await help(['export'])).toMatch(/^Usage: hzreport export/); // the configuration is check's
    const named = await runMain(['check', '-c', join(dir, 'hzreport.config.json'), '--help']);
    expect(named.stdout).toMatch(/^用法：hzreport check/);
  });

  it('hzreport without arguments shows the help in the language too (on standard error, exit 2)', async () => {
    const run = await runMain([], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^用法：hzreport \[选项\] \[命令\]/);
    expect(latinWords(run.stderr)).toEqual([]);
  });

  it('one table of en/zh pairs: every text of the help has its Chinese, and every entry is used', async () => {
    const texts = new Set(descriptions(root));
    const missing = [...texts].filter((t) => HELP_ZH[t] === undefined);
    expect(missing).toEqual([]);
    // Texts after the lists: the examples' heading and comments, the exit codes.
    for (const cmd of [[], ...commands.map((c) => [c])]) {
      const help = await helpOf(cmd);
      for (const m of help.matchAll(/^ {2}# (.*)$/gm)) texts.add(m[1]!);
      if (/^Examples:$/m.test(help)) texts.add('Examples:');
      const exit = /^Exit codes:[^]*?\.$/m.exec(help)?.[0];
      if (exit) texts.add(exit.replace(/\s*\n\s*/g, ' '));
    }
    expect(Object.keys(HELP_ZH).filter((k) => !texts.has(k))).toEqual([]);
  });

  it('hzreport help COMMAND is COMMAND --help, in the language too', async () => {
    for (const lang of ['zh', 'en'])
      expect((await runMain(['help', 'check', '--lang', lang])).stdout).toBe(await helpOf(['check', '--lang', lang]));
    expect((await runMain(['help', '--lang', 'zh'])).stdout).toBe(await helpOf(['--lang', 'zh']));
  });

  it('too many arguments, in Chinese', async () => {
    const run = await runMain(['schema', 'extra', '--lang', 'zh']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('hzreport: 错误：schema 的参数过多：应为 0 个，实为 1 个。\n');
  });

  it('usage errors stay Chinese with a suggestion', async () => {
    const run = await runMain(['check', '--formt', 'json', '--lang', 'zh']);
    expect(run.stderr).toBe("hzreport: 错误：未知选项 '--formt'\n（是否要用 --format？）\n");
  });
});
