// CI runs the benchmark at 1× as a smoke test: it must run and report, never assert timings.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { generate, splitSeed } from '../scripts/bench/corpus.mjs';

const root = new URL('..', import.meta.url).pathname;
const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');

describe('benchmark', () => {
  it('corpus: deterministic, sized by the scale, made of the seed blocks', () => {
    const a = generate(seed, 1) as string;
    expect(generate(seed, 1)).toBe(a);
    expect(generate(seed, 1, 7)).not.toBe(a);
    const size = Buffer.byteLength(seed);
    expect(Buffer.byteLength(a)).toBeGreaterThan(size * 0.95);
    expect(Buffer.byteLength(a)).toBeLessThan(size * 1.1);
    const b = generate(seed, 3) as string;
    expect(Buffer.byteLength(b) / size).toBeGreaterThan(2.9);
    const { blocks } = splitSeed(seed) as { blocks: unknown[] };
    expect(blocks.length).toBe(181);
    expect(splitSeed(b).blocks.length).toBeGreaterThan(3 * 181);
  });

  it('runs at 1× (--smoke) and prints the table and the budget', () => {
    expect(
      existsSync(new URL('../dist/compile.js', import.meta.url)),
      'dist/ is missing: run `npm run build` (npm test and npm run test:cli do)',
    ).toBe(true);
    const r = spawnSync(process.execPath, ['scripts/bench/run.mjs', '--smoke', '--pairs', '1'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\| 1× \| 0\.\d\d MB \|/);
    expect(r.stdout).toContain('### Compile stages');
    expect(r.stdout).toContain('### Cold start on the seed');
    expect(r.stdout).toContain('### Budget');
  }, 120_000);
});
