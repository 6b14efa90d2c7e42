// `hzreport diff`: matching two compiled reports and saying what changed. Real input only: the bundled
// report, re-rendered with other damage, and the synthetic earlier quarter made from it by
// scripts/dev/quarter-back.ts.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { diffReports, similarity } from '../src/diff.js';
import type { Diff } from '../src/diff-model.js';
import type { Report } from '../src/model.js';
import { buildDiffSchemaText } from '../src/schema-gen.js';
import { hz, SEED } from './helpers/run.js';

const schemaText = readFileSync(new URL('../schemas/diff.v1.schema.json', import.meta.url), 'utf8');
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
const validateDiff = ajv.compile(JSON.parse(schemaText) as object);
const valid = (d: unknown) => {
  const ok = validateDiff(d);
  return ok ? '' : JSON.stringify(validateDiff.errors?.slice(0, 3));
};

let seed: Report;
beforeAll(() => {
  seed = compile(readFileSync(SEED), { file: 'q3.tsv' });
});

const moving = (d: Diff) => d.changes.filter((c) => c.kind !== 'stalled');

describe('diff schema', () => {
  it('is generated from src/diff-model.ts and committed up to date (npm run schema)', async () => {
    expect(schemaText).toBe(await buildDiffSchemaText());
  });
});

describe('similarity', () => {
  it('is 1 for equal text whatever the spacing and width, 0 for nothing shared', () => {
    expect(similarity('推进 项目建设（一期）', '推进项目建设(一期)')).toBe(1);
    expect(similarity('推进项目建设', '完成老旧柴油货车淘汰')).toBe(0);
  });
});

describe('a report against itself', () => {
  it('matches every node and reports no change (only unfinished tasks as stalled)', () => {
    const d = diffReports(seed, seed);
    expect(valid(d)).toBe('');
    expect(d.summary.tasks.matched).toBe(seed.summary.tasks);
    expect(d.summary.items.matched).toBe(seed.summary.items);
    expect(d.summary.indicators.matched).toBe(seed.summary.indicators);
    expect([d.summary.added, d.summary.dropped, d.summary.changed]).toEqual([0, 0, 0]);
    expect(moving(d)).toEqual([]);
    expect(d.matches.every((m) => m.method === 'number' && m.similarity === 1)).toBe(true);
    // stalled = matched tasks whose rate is below 100%
    const unfinished = seed.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks)).filter((t) => (t.rate?.value ?? t.rate?.computed?.value ?? 100) < 100);
    expect(d.summary.stalled).toBe(unfinished.length);
  });

  it('CLI: exit 0 even with --fail-on, every format', () => {
    const run = hz(['diff', SEED, SEED, '--fail-on', 'regressed,target-changed,added,dropped']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✔ no changes: 1938 matched/);
    const json = hz(['diff', SEED, SEED, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(valid(JSON.parse(json.stdout))).toBe('');
    const zh = hz(['diff', SEED, SEED, '--lang', 'zh']);
    expect(zh.stdout).toMatch(/无变化: 已匹配 1938 项/);
    // Every word in Chinese: below the first line (which names the files), no Latin letters at all.
    expect(zh.stdout.split('\n').slice(1).join('\n')).not.toMatch(/[a-z]/i);
  });
});
