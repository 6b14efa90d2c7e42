// The start-up budget (docs/architecture.md, "Speed") depends on what the CLI does NOT load: zod (model and schema
// generation only), ajv (validation is standalone code generated at build time), cheerio and its
// parsers (only for markup outside the fast path of src/html.ts). Traced on real runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'hz-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Packages loaded from node_modules, plus 'bundle' when the esbuild bundle ran (it inlines
// csv-parse and commander, so those no longer show as separate loads).
function packagesLoaded(args: string[]): Set<string> {
  const trace = join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, '');
  const r = spawnSync(process.execPath, ['--import', './scripts/bench/trace-hooks.mjs', 'bin/hzreport.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HZ_TRACE_FILE: trace },
  });
  expect([0, 1], r.stderr).toContain(r.status);
  const pkgs = new Set<string>();
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line);
    if (m) pkgs.add(m[1]!);
    if (line.endsWith('/dist/hzreport.bundle.js')) pkgs.add('bundle');
  }
  return pkgs;
}

const HEAVY = ['zod', 'ajv', 'cheerio', 'parse5', 'htmlparser2', 'undici', 'iconv-lite', 'fast-check'];

describe('start-up: modules the CLI loads', () => {
  it('checking the seed loads none of zod, ajv, cheerio (or its parsers), iconv-lite', () => {
    const pkgs = packagesLoaded(['check', 'fixtures/hangzhou-2021-q3.tsv']);
    expect(pkgs.has('csv-parse') || pkgs.has('bundle')).toBe(true);
    expect(HEAVY.filter((p) => pkgs.has(p))).toEqual([]);
  });

  it('markup outside the fast path does load cheerio (the trace sees lazy requires)', () => {
    const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');
    const file = join(dir, 'script.tsv');
    writeFileSync(file, seed.replace('<p>一是压实责任分解任务。', '<p><script>x()</script>一是压实责任分解任务。'));
    const pkgs = packagesLoaded(['check', file]);
    expect(pkgs.has('cheerio')).toBe(true);
    expect(pkgs.has('zod') || pkgs.has('ajv')).toBe(false);
  });
});
