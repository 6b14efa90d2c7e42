// Package hygiene: licence, exports, what is shipped, build-time-only dependencies, $schema in emitted
// documents, and every catalog code producible (no code documented that nothing emits).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { SCHEMA_ID } from '../src/constants.js';
import { catalogEntries, compile, compileFile, InputError, type Report } from '../src/index.js';
import { recomputeOne } from '../src/recompute.js';
import { hz, ROOT, SEED, tempDir } from './helpers/run.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Json;

describe('package', () => {
  it('is MIT licensed with the licence text shipped', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(
      /^MIT License\n[\s\S]*Permission is hereby granted, free of charge/,
    );
  });

  it('exports the schemas: hzreport/schema, hzreport/config-schema, hzreport/schemas/*', () => {
    const require = createRequire(join(ROOT, 'src/index.ts'));
    expect(require.resolve('hzreport/schema')).toBe(join(ROOT, 'schemas/report.v2.schema.json'));
    expect(require.resolve('hzreport/config-schema')).toBe(join(ROOT, 'schemas/config.v1.schema.json'));
    expect((require('hzreport/schema') as Json).$id).toBe(SCHEMA_ID);
  });

  it('ships the docs, schemas and licence (npm pack)', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const files = new Set<string>((JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
    for (const f of [
      'LICENSE',
      'README.md',
      'docs/diagnostics.md',
      'docs/diagnostic-examples.json',
      'schemas/report.v2.schema.json',
      'schemas/config.v1.schema.json',
      'bin/hzreport.js',
    ])
      expect(files.has(f), f).toBe(true);
    expect([...files].some((f) => f.startsWith('fixtures/') || f.startsWith('test/'))).toBe(false);
  });

  it('needs zod and ajv only to build: dev dependencies, and no module the library or CLI loads imports them', () => {
    for (const dep of ['zod', 'ajv']) {
      expect(pkg.dependencies[dep], dep).toBeUndefined();
      expect(pkg.devDependencies[dep], dep).toBeDefined();
    }
    // Every dist module reachable from the entry points by static or dynamic import.
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || !existsSync(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) visit(join(file, '..', spec));
        else external.add(spec.split('/')[0]!);
      }
    };
    visit(join(ROOT, 'dist/index.js'));
    visit(join(ROOT, 'dist/cli.js'));
    expect(seen.size).toBeGreaterThan(20);
    expect([...external].filter((e) => e === 'zod' || e === 'ajv')).toEqual([]);
  });

  it('parse writes $schema naming the published schema', () => {
    const doc = JSON.parse(hz(['parse', SEED]).stdout) as Json;
    expect(Object.keys(doc)[0]).toBe('$schema');
    expect(doc.$schema).toBe(SCHEMA_ID);
  });
});

describe('every catalog code can be produced', () => {
  const seed = readFileSync(SEED, 'utf8').split('\n');
  const first = seed.slice(0, 24); // preamble, header, task 一.1
  const codesOf = (text: string | Uint8Array): Set<string> => {
    try {
      return new Set(compile(text, { file: 'x.tsv' }).diagnostics.map((d) => d.code));
    } catch (e) {
      if (e instanceof InputError) return new Set([e.code]);
      throw e;
    }
  };
  const edited = (f: (l: string[]) => void) => {
    const l = [...first];
    f(l);
    return l.join('\n') + '\n';
  };
  const cells = (l: string, i: number, v: string) =>
    l
      .split('\t')
      .map((c, k) => (k === i ? v : c))
      .join('\t');

  it('from real input: the seed, and the seed with one thing damaged per code', () => {
    const dir = tempDir();
    const produced = new Set<string>(compile(readFileSync(SEED), { file: 'seed.tsv' }).diagnostics.map((d) => d.code));
    const add = (codes: Set<string>) => codes.forEach((c) => produced.add(c));
    add(codesOf(''));
    add(codesOf(new Uint8Array([0, 1, 2, 0xff, 0])));
    add(codesOf('a report without any table\n'));
    add(codesOf(iconv.encode(first.join('\n') + '\n', 'gb18030')));
    try {
      compileFile(join(dir, 'missing.tsv'));
    } catch (e) {
      produced.add((e as InputError).code);
    }
    writeFileSync(join(dir, 'big.tsv'), first.join('\n'));
    try {
      compileFile(join(dir, 'big.tsv'), { maxBytes: 100 });
    } catch (e) {
      produced.add((e as InputError).code);
    }
    add(codesOf([...seed.slice(0, 14), '\t\t\t\t\t指标甲\t10个\t5个\t50%\t\t\t', ...seed.slice(14, 24)].join('\n'))); // rows before any task
    add(codesOf([...seed.slice(0, 10), ...seed.slice(12, 24)].join('\n'))); // no header
    add(codesOf(edited((l) => (l[14] = cells(l[14]!, 9, ''))))); // no 责任单位
    add(codesOf(edited((l) => l.push('2\t另一项重点工作的任务说明\t50%\t细化项目的任务说明\t50%\t\t\t\t\t市发改委\t\t')))); // an item without indicators
    add(codesOf(edited((l) => (l[16] = l[16]!.replace('70万亩', '７０万亩')))));
    add(codesOf(edited((l) => (l[15] = l[15]!.replace('66%', '120%')))));
    add(codesOf(edited((l) => (l[17] = l[17]!.replace('20万吨', '')))));
    add(codesOf(edited((l) => (l[16] = l[16]!.replace('\t70万亩\t100%', '\t\t100%')))));
    add(codesOf(edited((l) => (l[19] = l[19]!.replace('15.11%', '')))));
    add(codesOf(edited((l) => (l[14] = l[14]!.replace('市农业农村局', '市农业农村局<script>x()</script>')))));
    add(codesOf(edited((l) => (l[17] = l[17]!.replace('20万吨\t0\t', '\t\t'))))); // a rate without its figures
    add(codesOf(edited((l) => (l[15] = l[15]!.replace('35个\t35个', '0个\t0个'))))); // target and current both 0
    add(codesOf(edited((l) => ((l[10] = l[10]! + '\t备注'), (l[14] = l[14]! + '\t见说明'))))); // a column the header names in unknown words
    const [h1, h2] = [seed[10]!.split('\t'), seed[11]!.split('\t')];
    add(codesOf([...first, h1.reverse().join('\t'), h2.reverse().join('\t'), ...seed.slice(24, 40)].join('\n'))); // a header that reorders the columns
    add(
      codesOf(
        [
          ...first,
          seed[10]!.split('\t').slice(3).join('\t'),
          seed[11]!.split('\t').slice(3).join('\t'),
          ...seed.slice(24, 40),
        ].join('\n'),
      ),
    ); // a header without task columns
    add(
      codesOf(
        first
          .map((l) =>
            l
              .split('\t')
              .filter((_, k) => k !== 9)
              .join('\t'),
          )
          .join('\n'),
      ),
    ); // no owner column
    add(codesOf([...first, ...Array.from({ length: 2001 }, (_, i) => `\t\t\t\t\t指${i}\t1个\t1个\t100%\t\t\t`)].join('\n'))); // a task of too many rows
    add(codesOf(edited((l) => (l[14] = l[14]!.replace('市农业农村局', '市'.repeat(100_001)))))); // a cell too long
    // A rate column holding text is placed elsewhere by realignment (HZ101), so HZ209 comes only from a
    // tree whose rate is not a percentage (a document built or edited by other tools): recompute says so.
    const report = compile(first.join('\n') + '\n', { file: 'x.tsv' }) as Report;
    const task = structuredClone(report.sections[0]!.groups[0]!.tasks[0]!);
    task.items[0]!.indicators[0]!.rate!.text = '五成';
    task.items[0]!.indicators[0]!.rate!.value = null;
    const out: Report['diagnostics'] = [];
    recomputeOne(task, '/sections/0/groups/0/tasks/0', out);
    out.forEach((d) => produced.add(d.code));
    // HZ007 is a defect of the program caught per file: no input should produce it (test/reliability.test.ts injects one).
    const missing = catalogEntries.map((e) => e.code).filter((c) => !produced.has(c) && c !== 'HZ007');
    expect(missing).toEqual([]);
  });
});
