// hzreport explain: every code explained in both languages, with the bundled report's example where it has one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExamplesText, EXAMPLES_PATH } from '../scripts/gen-examples.js';
import { catalogEntries } from '../src/diagnostics.js';
import { explain } from '../src/explain.js';
import { MEANING_ZH as MEANING_ZH_SYNC } from '../src/explain-zh.js';
import { displayWidth } from '../src/emit/text.js';

/** The text with the wrapping undone: lines joined, their indentation and the spaces left out. */
const unwrapped = (s: string) => s.replace(/\s+/g, '');
import { hz } from './helpers/run.js';

describe('explain', () => {
  it('docs/diagnostic-examples.json is generated from the bundled report and up to date (npm run docs:diagnostics)', () => {
    expect(readFileSync(EXAMPLES_PATH, 'utf8')).toBe(buildExamplesText());
  });

  it("HZ201 from the CLI: both templates, the meaning, the seed's example with its cells, fix and silence", () => {
    const run = hz(['explain', 'HZ201']);
    expect(run.code).toBe(0);
    const e = catalogEntries.find((x) => x.code === 'HZ201')!;
    expect(unwrapped(run.stdout)).toContain(unwrapped(`zh: ${e.zh}`));
    expect(unwrapped(run.stdout)).toContain(unwrapped(`en: ${e.en}`));
    expect(unwrapped(run.stdout)).toContain(unwrapped(e.doc));
    expect(unwrapped(run.stdout)).toMatch(
      /Example:fixtures\/hangzhou-2021-q3\.tsv,line61\(二\.4,.+,量化指标\/完成率\(column9\)\)/,
    );
    expect(run.stdout).toMatch(/^ {2}61:47 {2}indicator rate 70\.99% does not match/m);
    expect(run.stdout).toMatch(/^ {4}column 9: 70\.99%$/m);
    expect(run.stdout).toContain('{ "rules": { "HZ201": "off" } }');
    expect(run.stdout).toContain('{ "ignore": { "tasks": ["二.4"] } }');
    expect(run.stdout).toContain('--write-baseline');
    const zh = hz(['explain', 'hz201', '--lang', 'zh']).stdout;
    expect(unwrapped(zh)).toMatch(/示例：fixtures\/hangzhou-2021-q3\.tsv第61行（二\.4，.+，量化指标\/完成率（第9列））/);
    expect(zh).toContain('指标完成率 70.99% 与');
  });

  it('fits 80 columns in both languages, but for the commands and the link, which stay whole to be copied', () => {
    const copied = /^ {2}(hzreport\.config\.json|one task only|accept the current|仅某项重点工作|接受现有发现)|^(Docs: |文档：)/;
    for (const e of catalogEntries)
      for (const lang of ['en', 'zh'] as const) {
        const lines = explain(e.code, lang)!.split('\n');
        for (const l of lines.filter((x) => !copied.test(x)))
          expect(displayWidth(l), `${e.code} ${lang}: ${l}`).toBeLessThanOrEqual(80);
        // Nothing lost to the wrapping: the meaning reads whole once its lines are joined.
        const at = lines.findIndex((l) => /^(含义|What it means)/.test(l));
        const para = lines.slice(at + 1, lines.indexOf('', at));
        expect(
          para
            .map((l) => l.slice(2))
            .join(lang === 'zh' ? '' : ' ')
            .replace(/\s+/g, ''),
          e.code,
        ).toBe((lang === 'zh' ? (MEANING_ZH_SYNC[e.code] ?? e.doc) : e.doc).replace(/\s+/g, ''));
      }
  });

  it('explains every catalog code in both languages; an unknown code exits 2 with one line', async () => {
    for (const e of catalogEntries) {
      for (const lang of ['en', 'zh'] as const) {
        const text = explain(e.code, lang)!;
        expect(text.split('\n')[0]).toContain(`${e.code} ${e.title}`);
        expect(text).toContain(`diagnostics.md#${e.code.toLowerCase()}-${e.title}`);
      }
    }
    // In zh, a meaning in Chinese for every code (a code of HZ5xx, still being filled, would fall back to the
    // English text, labelled so); none for a code that is gone.
    const { MEANING_ZH } = await import('../src/explain-zh.js');
    const pending = (c: string) => /^HZ5\d\d$/.test(c);
    for (const e of catalogEntries.filter((x) => !pending(x.code)))
      expect(explain(e.code, 'zh'), e.code).not.toContain('含义（英文说明）');
    // The fix says what to change for that code: a value with a remark is not a wrong rate.
    expect(explain('HZ212', 'en')).not.toContain('Correct the written rate');
    expect(explain('HZ212', 'zh')).toContain('单元格中只写数值');
    expect(catalogEntries.map((e) => e.code).filter((c) => !MEANING_ZH[c] && !pending(c))).toEqual([]);
    expect(Object.keys(MEANING_ZH).filter((c) => !catalogEntries.some((e) => e.code === c))).toEqual([]);
    // Chinese punctuation in Chinese.
    expect(explain('HZ201', 'zh')).toMatch(/^HZ201 indicator-rate-mismatch（错误）$/m);
    expect(explain('HZ201', 'zh')).toMatch(/^ {4}第 9 列：70\.99%$/m);
    expect(explain('HZ201', 'zh')).toMatch(/^文档：https:/m);
    const meaning = /含义\n((?: {2}.*\n)+)/.exec(explain('HZ201', 'zh')!)![1]!;
    expect(
      meaning
        .split('\n')
        .map((l) => l.slice(2))
        .join(''),
    ).toBe(MEANING_ZH.HZ201);
    const run = hz(['explain', 'HZ999']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('hzreport: HZ999: no such diagnostic code (see docs/diagnostics.md)\n');
  });
});
