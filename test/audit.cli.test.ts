// A new user's audit of the CLI: what a whole-file finding, an ignored option or a wrong encoding looks like.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hz, tempDir } from './helpers/run.js';

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
