import { parse } from 'csv-parse/sync';
// `hzreport diff`: matching two compiled reports and saying what changed. Real input only: the bundled
// report, re-rendered with other damage, and the synthetic earlier quarter made from it by
// scripts/dev/quarter-back.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { diffReports, similarity } from '../src/diff.js';
import { diffStylish } from '../src/emit/diff-stylish.js';
import { displayWidth } from '../src/emit/text.js';
import { Chalk } from 'chalk';
import type { Diff } from '../src/diff-model.js';
import type { Report } from '../src/model.js';
import { buildDiffSchemaText } from '../src/diff-schema-gen.js';
import { parseQuantity } from '../src/quantity.js';
import { applyOp, formattingArb, loadSeed, opArb, render, type Formatting, type Line, type Op } from './damage.js';
import { hz, ROOT, SEED, tempDir } from './helpers/run.js';
import { HANDLED_DAMAGE, fromReport, simulate } from './helpers/sim/index.js';

const EARLIER = join(ROOT, 'fixtures/hangzhou-2021-q2.synthetic.tsv');
const EXPECTED = join(ROOT, 'fixtures/hangzhou-2021-q2.synthetic.expected.json');

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
// A fixed seed keeps CI deterministic, as in test/property.test.ts (HZ_PROPERTY_SEED replays another).
const PROPERTY_SEED = Number(process.env.HZ_PROPERTY_SEED ?? 20211027);

describe('diff schema', () => {
  it('is generated from src/diff-model.ts and committed up to date (npm run schema)', () => {
    expect(schemaText).toBe(buildDiffSchemaText());
  });
});

describe('similarity', () => {
  it('is 1 for equal text whatever the spacing and width, 0 for nothing shared', () => {
    expect(similarity('推进 项目建设（一期）', '推进项目建设(一期)')).toBe(1);
    expect(similarity('推进项目建设', '完成老旧柴油货车淘汰')).toBe(0);
  });
});

describe('current values', () => {
  /** The bundled report with the first indicator written in 万 (magnitude) rewritten by `edit`. */
  function rewritten(edit: (value: number, unit: string) => string): { report: Report; label: string } {
    const copy = structuredClone(seed);
    for (const [si, s] of copy.sections.entries())
      for (const g of s.groups)
        for (const t of g.tasks)
          for (const [ii, item] of t.items.entries())
            for (const x of item.indicators)
              if (x.current?.value && x.current.unit && /\d万/.test(x.current.text.replace(/\s/g, '')) && !x.current.percent) {
                x.current = parseQuantity(edit(x.current.value, x.current.unit), x.current.at);
                return { report: copy, label: `${s.ordinal ?? si + 1}.${t.no} › ${ii + 1} › ${x.name}` };
              }
    throw new Error('no current value written in 万');
  }

  it('are compared in one unit: 万 written out is no change, a lower value is a regression', () => {
    const same = rewritten((v, unit) => `${v}${unit}`);
    expect(moving(diffReports(seed, same.report))).toEqual([]);
    const lower = rewritten((v, unit) => `${v / 2 / 10_000}万${unit}`);
    const d = diffReports(seed, lower.report);
    expect(moving(d).map((c) => `${c.kind} ${c.level} ${c.label}`)).toEqual([`regressed indicator ${lower.label}`]);
    expect(moving(d)[0]!.current).toMatchObject({ comparable: true });
    expect(moving(d)[0]!.current!.delta).toBeLessThan(0);
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
    const unfinished = seed.sections
      .flatMap((s) => s.groups.flatMap((g) => g.tasks))
      .filter((t) => (t.rate?.value ?? t.rate?.computed?.value ?? 100) < 100);
    expect(d.summary.stalled).toBe(unfinished.length);
  });

  it('CLI: exit 0 even with --fail-on, every format', () => {
    const run = hz(['diff', SEED, SEED, '--fail-on', 'regressed,target-changed,added,dropped']);
    expect(run.code, run.stderr).toBe(0);
    const nodes = seed.summary.tasks + seed.summary.items + seed.summary.indicators;
    expect(run.stdout).toContain(`✔ no changes: ${nodes} matched (${seed.summary.tasks} tasks)`);
    const json = hz(['diff', SEED, SEED, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(valid(JSON.parse(json.stdout))).toBe('');
    const zh = hz(['diff', SEED, SEED, '--lang', 'zh']);
    expect(zh.stdout).toContain(`无变化：已匹配 ${nodes} 项（重点工作 `);
    // Chinese punctuation in Chinese: the stalled tasks of a section as 停滞（…）：1、2、3.
    expect(zh.stdout).toMatch(/■ 停滞（未完成且无进展）：\d+、\d+/);
    // Every word in Chinese: below the first line (which names the files), no Latin letters at all.
    expect(zh.stdout.split('\n').slice(1).join('\n')).not.toMatch(/[a-z]/i);
  });
});

// ---- the same content, damaged differently -------------------------------------------------------

/** A section or group title: one text, in the first field, not a task number. */
const titleRow = (cells: string[]) =>
  cells.filter((c) => c.trim() !== '').length === 1 && cells[0]!.trim() !== '' && !/^\d+$/.test(cells[0]!.trim());

/**
 * The whole bundled report as lines, every page block in it. Section and group titles are marked as
 * not table rows, so the row damage below leaves them alone: a title slid right is read as a cell of
 * the row above, which is damage the compiler does not undo (yet).
 */
function wholeReport(): Line[] {
  const seedDoc = loadSeed();
  const out: Line[] = seedDoc.preamble.map((p) => ({
    kind: p.trim() === '' ? ('blank' as const) : ('pre' as const),
    cells: [p],
  }));
  for (const b of seedDoc.blocks) {
    out.push(
      { kind: 'blank', cells: [''] },
      { kind: 'header', cells: [...b.header[0]] },
      { kind: 'header', cells: [...b.header[1]] },
    );
    for (const r of b.rows) out.push({ kind: titleRow(r) ? 'pre' : 'row', cells: [...r] });
  }
  return out;
}

const filled = (c: string | undefined) => c !== undefined && c.trim() !== '';

/**
 * A page break between two rows: blank line and the block's two header lines. Only where no cell of
 * the row above is continued by the row below (the row below fills no field the row above fills),
 * so the break cannot read as a cell cut by the page (that is damage of another kind).
 */
function rebreak(doc: Line[], at: number): void {
  const places = doc.flatMap((l, i) => {
    const next = doc[i + 1];
    if (l.kind !== 'row' || next?.kind !== 'row') return [];
    return next.cells.some((c, f) => filled(c) && filled(l.cells[f])) ? [] : [i];
  });
  if (!places.length) return;
  const i = places[at % places.length]!;
  const header = doc
    .slice(0, i)
    .filter((l) => l.kind === 'header')
    .slice(-2);
  doc.splice(i + 1, 0, { kind: 'blank', cells: [''] }, ...header.map((l) => ({ kind: l.kind, cells: [...l.cells] })));
}

// Damage the compiler undoes: columns shifted right, blank lines, trailing white space, page breaks
// between rows, and every encoding and line end (formattingArb).
const faithfulOps = opArb.filter((o) => o.op === 'shiftRight' || o.op === 'blank' || o.op === 'trailing');
const rendering = fc.record({
  breaks: fc.array(fc.nat({ max: 10_000 }), { maxLength: 30 }),
  ops: fc.array(faithfulOps, { maxLength: 20 }),
  fmt: formattingArb,
});
interface Rendering {
  breaks: number[];
  ops: Op[];
  fmt: Formatting;
}

function renderReport(r: Rendering, name: string): Report {
  const doc = wholeReport();
  for (const b of r.breaks) rebreak(doc, b);
  for (const o of r.ops) applyOp(doc, o);
  return compile(render(doc, r.fmt).bytes, { file: name });
}

describe('the same content, damaged differently', () => {
  it('two renderings with different damage: every task matched, no change reported', () => {
    fc.assert(
      fc.property(rendering, rendering, (a, b) => {
        const d = diffReports(renderReport(a, 'a.tsv'), renderReport(b, 'b.tsv'));
        expect(d.summary.tasks).toMatchObject({ matched: seed.summary.tasks, added: 0, dropped: 0 });
        expect(moving(d).map((c) => `${c.kind} ${c.label}`)).toEqual([]);
        expect(d.summary.stalled).toBe(diffReports(seed, seed).summary.stalled);
      }),
      { numRuns: 4, seed: PROPERTY_SEED },
    );
  });

  it('cells cut by page breaks, items moved, rows shifted left: still every task matched', () => {
    // This damage can change what the compiler makes of a row (a cut tail joined to another item):
    // then items or indicators differ, but no task goes unmatched.
    const rough = fc.record({
      ops: fc.array(opArb, { minLength: 5, maxLength: 25 }),
      fmt: formattingArb,
      breaks: fc.array(fc.nat({ max: 10_000 }), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(rough, (r) => {
        const d = diffReports(seed, renderReport(r, 'b.tsv'));
        expect(d.summary.tasks).toMatchObject({ matched: seed.summary.tasks, added: 0, dropped: 0 });
      }),
      { numRuns: 4, seed: PROPERTY_SEED },
    );
  });
});

describe("the damage simulator's renderings of the bundled report", () => {
  it('two renderings with fresh damage: every task matched, changes only where a compilation missed', () => {
    const whole = fromReport();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (seedA, seedB) => {
        const a = simulate(whole, { seed: seedA, layout: 'canonical', damage: HANDLED_DAMAGE });
        const b = simulate(whole, { seed: seedB, layout: 'canonical', damage: HANDLED_DAMAGE });
        const d = diffReports(a.report!, b.report!);
        expect(d.summary.tasks).toMatchObject({ matched: seed.summary.tasks, added: 0, dropped: 0 });
        // The scorer names the tasks a compilation did not get exactly right; elsewhere nothing may differ.
        const missed = new Set([...a.score.misses, ...b.score.misses].map((m) => `${m.section}.${m.no}`));
        expect(
          moving(d)
            .filter((c) => !missed.has(`${c.section}.${c.task}`))
            .map((c) => `${c.kind} ${c.label}`),
        ).toEqual([]);
      }),
      { numRuns: 3, seed: PROPERTY_SEED },
    );
  });
});

// ---- the synthetic earlier quarter ------------------------------------------------------------------

interface ExpectedFile {
  summary: Record<string, number>;
  changes: { kind: string; level: string; path: string }[];
}

describe('the synthetic earlier quarter (scripts/dev/quarter-back.ts)', () => {
  const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as ExpectedFile;
  const key = (c: { kind: string; level: string; path: string }) => `${c.kind} ${c.level} ${c.path}`;

  it('the committed fixture is what the script makes', () => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/dev/quarter-back.ts', '--check'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
  });

  it('every kind of change occurs in it', () => {
    for (const kind of [
      'regressed',
      'advanced',
      'stalled',
      'target-changed',
      'owner-changed',
      'description-changed',
      'added',
      'dropped',
    ])
      expect(expected.summary[kind], kind).toBeGreaterThan(0);
  });

  it('diff finds every change the script made, and nothing else', () => {
    const earlier = compile(readFileSync(EARLIER), { file: 'q2.tsv' });
    const d = diffReports(earlier, seed);
    expect(valid(d)).toBe('');
    expect(d.changes.map(key).sort()).toEqual(expected.changes.map(key).sort());
    // The section that lost a task is renumbered: its tasks match by description, not by number.
    expect(d.matches.some((m) => m.method === 'description' && m.label !== m.oldLabel)).toBe(true);
  });

  it('CLI: --fail-on exits 1 for a kind found; -o writes the file atomically', () => {
    expect(hz(['diff', EARLIER, SEED, '--fail-on', 'regressed,target-changed']).code).toBe(1);
    expect(hz(['diff', EARLIER, SEED, '--fail-on', 'owner-changed']).code).toBe(1);
    const dir = tempDir();
    const out = join(dir, 'sub', 'changes.json');
    const run = hz(['diff', EARLIER, SEED, '-o', out]); // .json: the format follows the extension
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Diff;
    expect(valid(doc)).toBe('');
    expect(doc.summary.kinds).toMatchObject(expected.summary);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['changes.json']);
  });

  it('CLI: stylish puts regressions first in each section; csv and md carry every change', () => {
    const run = hz(['diff', EARLIER, SEED]);
    expect(run.code).toBe(0);
    for (const block of run.stdout.split('\n\n').slice(1, -1)) {
      // Task lines (an item's or indicator's label has a ›): regressions first.
      const kinds = block
        .split('\n')
        .filter((l) => /^ {2}\S/.test(l) && !l.includes('›'))
        .map((l) => l.trim().split(/\s+/)[1]);
      const firstOther = kinds.findIndex((k) => k !== 'regressed');
      expect(
        kinds.slice(firstOther).filter((k) => k === 'regressed'),
        block,
      ).toEqual([]);
    }
    expect(run.stdout).toMatch(/▼ regressed/);
    const csv = hz(['diff', EARLIER, SEED, '--format', 'csv']);
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^kind,level,label,/);
    expect(rows.length - 1).toBe(expected.changes.length);
    // Under zh the words in the cells are Chinese (headers stay for scripts); the figures are the same.
    const en = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    const zh = parse(hz(['diff', EARLIER, SEED, '--format', 'csv', '--lang', 'zh']).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    expect(zh.map((r) => r.label)).toEqual(en.map((r) => r.label));
    expect(zh.map((r) => r.rate_new)).toEqual(en.map((r) => r.rate_new));
    for (const r of zh)
      for (const k of ['kind', 'level', 'schedule_old', 'schedule_new', 'match']) expect(r[k]).not.toMatch(/[a-z]/i);
    expect(new Set(zh.map((r) => r.kind))).toContain('退步');
    for (const r of en) expect(r.rate_computed_new).toMatch(/^(|-?\d+(\.\d{1,2})?)$/);
    const md = hz(['diff', EARLIER, SEED, '--format', 'md', '--lang', 'zh']);
    expect(md.stdout).toMatch(/^# 两期报告的变化/);
    expect(md.stdout).toMatch(/\| 退步（重点工作）/);
    // Chinese punctuation in Chinese: no half-width bracket or colon outside the report's own text and figures.
    expect(md.stdout).toMatch(/^- 上期：`/m);
    expect(md.stdout).not.toMatch(/[a-z\u4e00-\u9fff] \(|\): /);
  });

  it('CLI: unusable input or arguments exit 2 with one line', () => {
    const missing = hz(['diff', join(ROOT, 'missing.tsv'), SEED]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/missing\.tsv: .*\[HZ004\]/);
    const bad = hz(['diff', SEED, SEED, '--fail-on', 'worse']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hzreport: error: expected a comma-separated list of: regressed, /);
    expect(existsSync(join(ROOT, 'missing.tsv'))).toBe(false);
    const threshold = hz(['diff', SEED, SEED, '--threshold', '2']);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toMatch(/^hzreport: error: expected a number from 0 to 1/);
  });
});

// ---- schedule status, when the reports carry one --------------------------------------------------

/** A copy of the report with a schedule on every task, item and indicator, judged against `expected`
 * by its written rate (the shape report documents give it: { expected, status, statusEn, … }). */
function withSchedule(report: Report, expected: number): Report {
  const copy = structuredClone(report);
  const judge = (node: { rate: { value: number | null } | null }) => {
    const v = node.rate?.value ?? null;
    const [status, statusEn] =
      v === null
        ? ['未知', 'unknown']
        : v >= 100
          ? ['已完成', 'done']
          : v >= expected
            ? ['达进度', 'on-schedule']
            : ['欠进度', 'behind'];
    Object.assign(node, { schedule: { expected, status, statusEn, value: v, basis: v === null ? null : 'written' } });
  };
  for (const s of copy.sections)
    for (const g of s.groups)
      for (const t of g.tasks) {
        judge(t);
        for (const i of t.items) {
          judge(i);
          i.indicators.forEach(judge);
        }
      }
  return copy;
}

describe('schedule status', () => {
  it('is carried before and after on every change of a matched node, and shown in the language asked for', () => {
    const earlier = withSchedule(compile(readFileSync(EARLIER), { file: 'q2.tsv' }), 50);
    const later = withSchedule(seed, 75);
    const d = diffReports(earlier, later);
    expect(valid(d)).toBe('');
    const matched = d.changes.filter((c) => c.match);
    expect(matched.length).toBeGreaterThan(0);
    for (const c of matched) expect(c.schedule, c.label).toMatchObject({ oldExpected: 50, newExpected: 75 });
    const moved = matched.find((c) => c.level === 'task' && c.kind === 'advanced' && c.schedule!.old !== c.schedule!.new)!;
    expect(moved).toBeDefined();
    const chalk = new Chalk({ level: 0 });
    expect(diffStylish(d, { chalk, lang: 'en' })).toContain(`schedule ${moved.schedule!.oldEn} → ${moved.schedule!.newEn}`);
    expect(diffStylish(d, { chalk, lang: 'zh' })).toContain(`进度 ${moved.schedule!.old} → ${moved.schedule!.new}`);
    // Without a schedule in either report there is none in the diff.
    const bare = JSON.parse(JSON.stringify(seed, (k, v: unknown) => (k === 'schedule' ? undefined : v))) as typeof seed;
    expect(diffReports(bare, bare).changes.every((c) => c.schedule === null)).toBe(true);
  });

  it('diff --help shows examples', () => {
    const run = hz(['diff', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Examples:\n {2}\$ hzreport diff /);
  });
});

describe('stylish at a terminal', () => {
  // At 80 columns every line fits: a change too wide goes on under its label, its figures below; nothing of the
  // figures is lost (each part of the one-line form is on the lines of the wrapped one). Into a pipe (no width)
  // each change stays one line, for grep.
  it.each(['zh', 'en'] as const)('--lang %s: 80 columns, the same changes as the one-line form', (lang) => {
    const d = diffReports(
      compile(readFileSync(EARLIER), { file: 'fixtures/hangzhou-2021-q2.synthetic.tsv', lang }),
      compile(readFileSync(SEED), { file: 'fixtures/hangzhou-2021-q3.tsv', lang }),
    );
    const chalk = new Chalk({ level: 0 });
    const wide = diffStylish(d, { chalk, lang });
    const narrow = diffStylish(d, { chalk, lang, width: 80 });
    const over = (s: string) => s.split('\n').filter((l) => displayWidth(l) > 80);
    expect(over(wide).length).toBeGreaterThan(50);
    expect(over(narrow)).toEqual([]);
    // Each change's first line starts as it did, and its figures follow on the next lines.
    const heads = (s: string) => s.split('\n').filter((l) => /^ {2}[▼▲■≠+−] /.test(l));
    expect(heads(narrow).length).toBe(heads(wide).length);
    const moved = d.changes.find((c) => c.level === 'task' && c.kind === 'advanced' && c.rate?.delta)!;
    const pts = `${Number(moved.rate!.delta!.toFixed(2))}`;
    const at = narrow.split('\n').findIndex((l) => l.includes(`${moved.label} `));
    expect(narrow.split('\n')[at + 1]).toContain(`${moved.rate!.old} → ${moved.rate!.new}  +${pts}`);
    expect(narrow.split('\n').at(-2)).toBe(wide.split('\n').at(-2)); // the closing summary
  });
});
