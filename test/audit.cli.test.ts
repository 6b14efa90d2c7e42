// A new user's audit of the CLI: what a whole-file finding, an ignored option or a wrong encoding looks like.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hz, SEED, tempDir } from './helpers/run.js';

describe('a finding about the whole file', () => {
  const dir = tempDir();
  const empty = join(dir, 'empty.tsv');
  const prose = join(dir, 'prose.tsv');
  writeFileSync(empty, '');
  writeFileSync(prose, '杭州市重点工作进展情况\n没有表格\n');

  it('shows the file alone, no "0" location, in stylish, unix and junit', () => {
    const stylish = hz(['check', empty, prose]).stdout;
    expect(stylish).toMatch(/empty\.tsv\n {2,}error {2}the file is empty {2}HZ001\n/);
    expect(stylish).toMatch(/prose\.tsv\n {2,}error {2}no report table found/);
    expect(stylish).not.toMatch(/^\s*0(:0)?\s+error/m);
    const unix = hz(['check', empty, '-f', 'unix']).stdout;
    expect(unix).toBe(`${empty}: error the file is empty [HZ001]\n`);
    const junit = hz(['check', '-f', 'junit', empty, prose]).stdout;
    expect(junit).not.toMatch(/>0 |name="HZ\d+ 0"/);
    const zh = hz(['check', empty, '--lang', 'zh', '-f', 'unix']).stdout;
    expect(zh).toMatch(new RegExp(`^${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 错误 `));
  });

  it('SARIF and JSON keep their structure', () => {
    const sarif = JSON.parse(hz(['check', empty, '-f', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(JSON.stringify(sarif.runs[0].invocations)).toContain('empty.tsv');
    const json = JSON.parse(hz(['check', empty, '-f', 'json']).stdout);
    expect(json.files[0].diagnostics[0]).toMatchObject({ code: 'HZ001', line: 0 });
  });
});

describe('an explicit wrong encoding', () => {
  it('says the file does not read as that encoding and how to read it, not "not text (N control characters)"', () => {
    const en = hz(['check', SEED, '--encoding', 'latin1']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(
      /not text \(does not read as latin1, with \d+ control characters, but as UTF-8: try without --encoding\)/,
    );
    expect(en.stderr).not.toMatch(/not text \(\d+ control characters\)/);
    const zh = hz(['check', SEED, '--encoding', 'latin1', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/文件不是文本（按 latin1 读不通，含 \d+ 个控制字符，但可按 UTF-8 读取：请去掉 --encoding）/);
  });

  it('a file that is not UTF-8 either: the advice is to let the encoding be detected', () => {
    const dir = tempDir();
    const file = join(dir, 'controls.tsv');
    // Bytes 0x80-0x9f alone: C1 controls in latin1, invalid in UTF-8.
    writeFileSync(file, Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 2 ? 0x09 : 0x85))));
    const en = hz(['check', file, '--encoding', 'latin1']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(
      /does not read as latin1, with \d+ control characters: try without --encoding, to detect the encoding\)/,
    );
    const zh = hz(['check', file, '--encoding', 'latin1', '--lang', 'zh']);
    expect(zh.stderr).toMatch(/按 latin1 读不通，含 \d+ 个控制字符：请去掉 --encoding，由程序识别编码）/);
  });
});
