// `check`'s stylish output at a terminal: fitted to its width (messages wrap in their column, the code at
// the end of the first line), in both languages; into a pipe, one line per finding as before.
import { readFileSync } from 'node:fs';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { formatFindings } from '../src/emit/format.js';
import { resultOf } from '../src/emit/results.js';
import { displayWidth } from '../src/emit/text.js';
import { SEED } from './helpers/run.js';

const chalk = new Chalk({ level: 0 });

describe('stylish at a terminal', () => {
  it.each(['zh', 'en'] as const)('--lang %s at 80 columns: every finding line fits, nothing of a message lost', async (lang) => {
    const report = compile(readFileSync(SEED), { file: 'fixtures/hangzhou-2021-q3.tsv', lang });
    const results = [resultOf(report)];
    const piped = await formatFindings(results, 'stylish', { chalk, lang });
    const terminal = await formatFindings(results, 'stylish', { chalk, lang, width: 80 });
    const findingLines = (s: string) => s.split('\n').filter((l) => /^ {2}[ \d]*\d/.test(l) || /^ {10,}\S/.test(l));
    expect(findingLines(piped).filter((l) => displayWidth(l) > 80).length).toBeGreaterThan(50);
    for (const l of findingLines(terminal)) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    // Each finding starts a line with its location and ends that line with its code; its message, once the
    // wrapped lines are joined, is the message.
    const shown = report.diagnostics.filter((d) => d.severity !== 'info');
    const starts = terminal.split('\n').filter((l) => /^ +\d+:\d+ /.test(l));
    expect(starts.length).toBe(shown.length);
    shown.forEach((d, k) => expect(starts[k]!.trimEnd().endsWith(d.code), d.message).toBe(true));
    const squash = (s: string) => s.replace(/\s+/g, '');
    const body = squash(terminal.replace(/HZ\d{3}/g, ''));
    for (const d of shown) expect(body).toContain(squash(d.message));
    // The closing line says the same, what is hidden on a line of its own when it would not fit.
    const closing = (x: string) => x.slice(x.lastIndexOf('\n\n') + 2).trimEnd();
    expect(squash(closing(terminal))).toBe(squash(closing(piped)));
    for (const l of closing(terminal).split('\n')) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
  });
});
