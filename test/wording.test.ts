// English messages agree with their numbers: "1 indicator moved", "4 indicators moved", never "indicator(s)".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, render } from '../src/index.js';
import { diag } from '../src/diagnostics.js';
import { words } from '../src/i18n.js';
import { SEED } from './helpers/run.js';

describe('counted nouns in English', () => {
  it('a count before a noun chooses its singular or plural, whatever the stage wrote', () => {
    const one = render('HZ202', { actual: '100%', count: 1, expected: '15.69%', hint: '' }, 'en');
    expect(one).toContain('its 1 capped indicator rate = 15.69%');
    const two = render('HZ203', { actual: '90%', count: 2, expected: '80%', hint: '' }, 'en');
    expect(two).toContain('its 2 item rates = 80%');
    expect(render('HZ203', { actual: '90%', count: 1, expected: '80%', hint: '' }, 'en')).toContain('its 1 item rate = 80%');
    const detail = 'row order reproduces 1 of 4 item rates, the chosen grouping 4 (1 indicator(s) moved)';
    expect(render('HZ102', { level: 'indicators', detail }, 'en')).toContain('(1 indicator moved)');
    expect(render('HZ102', { level: 'indicators', detail: detail.replace('(1 ', '(4 ') }, 'en')).toContain(
      '(4 indicators moved)',
    );
    const items = (n: number) => `task 7 has ${n} item(s) instead of 2 in row order, so that 2 more item rate(s) reproduce`;
    expect(render('HZ102', { level: 'items', detail: items(1) }, 'en')).toContain('has 1 item instead of 2');
    expect(render('HZ102', { level: 'items', detail: items(3) }, 'en')).toContain('has 3 items instead of 2');
    expect(render('HZ102', { level: 'items', detail: items(3) }, 'en')).toContain('2 more item rates reproduce');
  });

  it("Chinese is unchanged: the stage's wording is still translated whole", () => {
    const detail = 'row order reproduces 1 of 4 item rates, the chosen grouping 4 (4 indicator(s) moved)';
    expect(render('HZ102', { level: 'indicators', detail }, 'zh')).toContain('移动了 4 个指标');
    expect(render('HZ202', { actual: '100%', count: 1, expected: '15.69%', hint: '' }, 'zh')).toContain('其 1 个指标完成率');
  });

  it('the arguments scripts read agree too, and their Chinese form reads the agreed spelling', () => {
    const d = diag('HZ102', {
      line: 3,
      args: {
        level: 'indicators',
        detail: 'row order reproduces 1 of 4 item rates, the chosen grouping 4 (1 indicator(s) moved)',
      },
    });
    expect(d.args?.detail).toContain('(1 indicator moved)');
    expect(render('HZ102', d.args!, 'zh')).toContain('移动了 1 个指标');
    const many = diag('HZ102', {
      line: 3,
      args: {
        level: 'items',
        detail: 'task 7 has 3 item(s) instead of 2 in row order, so that 2 of the 2 task rates 7 and 8 reproduce instead of 0',
      },
    });
    expect(many.args?.detail).toContain('has 3 items instead of 2');
    expect(render('HZ102', many.args!, 'zh')).not.toMatch(/[A-Za-z]{3}/);
  });

  it('no message of the bundled report says "(s)" or "1 … rates"', () => {
    const report = compile(readFileSync(SEED), { file: 'seed.tsv' });
    const bad = report.diagnostics.map((d) => d.message).filter((m) => /\(s\)|\b1 (\w+ ){0,2}rates\b/.test(m));
    expect(bad).toEqual([]);
    expect(report.diagnostics.some((d) => d.code === 'HZ202' && / its 1 capped indicator rate = /.test(d.message))).toBe(true);
  });
});

describe("the CLI's own counted lines in English", () => {
  it('"wrote …: 1 row", "1 task, 1 finding": singular for one, plural otherwise', () => {
    const w = words('en');
    expect(w.wroteRows('out.csv', 1, 'tasks', 1)).toBe('wrote out.csv: 1 row (tasks) from 1 file');
    expect(w.wroteRows('out.csv', 216, 'tasks', 2)).toBe('wrote out.csv: 216 rows (tasks) from 2 files');
    expect(w.wroteSummary('s.csv', 1, 'owner', 1)).toBe('wrote s.csv: 1 row (owner) from 1 file');
    expect(w.wroteWorkbook('r.xlsx', { tasks: 1, items: 1, indicators: 2, findings: 1 }, 1)).toBe(
      'wrote r.xlsx: 1 task, 1 item, 2 indicators, 1 finding from 1 file',
    );
    expect(w.wroteReport('r.json', { tasks: 1, items: 2, indicators: 1, errors: 1, warnings: 0 })).toBe(
      'wrote r.json: 1 task, 2 items, 1 indicator; 1 error, 0 warnings',
    );
    expect(w.wroteHtml('r.html', 1, 1, 12)).toBe('wrote r.html: 1 task, 1 finding (12 KB)');
  });
});
