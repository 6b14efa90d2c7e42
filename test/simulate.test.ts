// The damage simulator (test/helpers/sim) and the properties it checks: reports rendered from a
// transcription in other layouts with fresh damage, compiled and scored against what was rendered.
// Tests of layouts other than the canonical one switch on by themselves when the compiled document
// records the layout it read (columns read from the header).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compile } from '../src/compile.js';
import { checkDocument } from './damage.js';
import { audit } from './helpers/sim/audit.js';
import {
  FULL_DAMAGE,
  HANDLED_DAMAGE,
  LAYOUTS,
  NO_DAMAGE,
  ROLES,
  SEED_TSV,
  bundledReport,
  fromGold,
  fromReport,
  headerLines,
  layoutFor,
  recordedLayout,
  recordsLayout,
  render,
  rng,
  score,
  simulate,
  tasksOf,
  type Transcription,
} from './helpers/sim/index.js';

const gold = fromGold();
const whole = fromReport();
const ws = (s: string): string => s.replace(/\s+/g, '');
/** Header-driven columns have arrived when the compiled document says which layout it read. */
const layoutSupported = recordsLayout(simulate(gold, { seed: 1, layout: 'canonical', damage: NO_DAMAGE }).report);
const params = { numRuns: 12, seed: 20211027 };
const seedArb = fc.integer({ min: 1, max: 1_000_000 });

describe('the damage simulator', () => {
  it('reads the gold as its 28 tasks and the compiled bundled report as every task', () => {
    expect(tasksOf(gold)).toHaveLength(28);
    expect(tasksOf(gold)[0]!.task.items[0]!.indicators[0]).toEqual({
      name: '生猪存栏数',
      target: '121万头',
      current: '83.2万头',
      rate: '68.76%',
    });
    expect(tasksOf(whole)).toHaveLength(bundledReport().summary.tasks);
  });

  it('renders without damage what compiles to exactly its transcription (canonical layout)', () => {
    for (const seed of [1, 2, 3]) {
      const s = simulate(gold, { seed, layout: 'canonical', damage: NO_DAMAGE });
      expect(s.score.misses.map((m) => `${m.section}.${m.no}: ${m.reason}`)).toEqual([]);
      expect(s.score.indicatorsPlaced).toBe(s.score.indicators);
      // The prose columns too, paragraph by paragraph.
      const got = s.report!.sections.flatMap((x) => x.groups.flatMap((g) => g.tasks));
      expect(got.map((t) => [t.highlights.map(ws), t.nextSteps.map(ws)])).toEqual(
        tasksOf(gold).map(({ task }) => [task.highlights.map(ws), task.nextSteps.map(ws)]),
      );
    }
    // The whole report in one page block.
    const one = simulate(whole, { seed: 1, layout: 'canonical', damage: { ...NO_DAMAGE, pageRows: [1e6, 1e6] } });
    expect(one.score.exact).toBe(one.score.tasks);
    expect(one.score.extra).toBe(0);
  });

  it('replays a rendering from its seed and layout', () => {
    for (const layout of LAYOUTS) {
      const a = render(whole, { seed: 7, layout });
      expect(render(whole, { seed: 7, layout }).text).toBe(a.text);
      expect(render(whole, { seed: 8, layout }).text).not.toBe(a.text);
    }
  });

  it('writes each layout: the twelve roles once each, header words by meaning, remarks, no prose columns', () => {
    const seedHeader = [
      '序号\t重点工作\t\t细化项目\t\t量化指标\t\t\t\t责任单位\t主要亮点\t存在问题与下步计划',
      '\t任务说明\t完成率\t任务说明\t完成率\t指标名称\t数值及单位\t当前值\t完成率\t\t\t',
    ];
    const canonical = headerLines(layoutFor('canonical', rng(1)), rng(1)).map((l) => l.join('\t').replace('下一步', '下步'));
    expect(canonical).toEqual(seedHeader);
    for (let seed = 1; seed <= 20; seed++) {
      for (const name of LAYOUTS) {
        const l = layoutFor(name, rng(seed));
        const roles = l.columns.filter((c) => c !== 'remarks');
        expect(new Set(l.columns).size).toBe(l.columns.length);
        const expected = name === 'no-prose' ? ROLES.filter((r) => r !== 'highlights' && r !== 'nextSteps') : [...ROLES];
        expect([...roles].sort()).toEqual([...expected].sort());
        expect(l.columns.includes('remarks')).toBe(name === 'remarks');
        const header = headerLines(l, rng(seed));
        expect(header).toHaveLength(l.twoRow ? 2 : 1);
        for (const line of header) expect(line).toHaveLength(l.columns.length);
        // One-row headers name every column.
        if (!l.twoRow) expect(header[0]!.every((w) => w !== '')).toBe(true);
        if (name === 'owner-elsewhere') expect(l.columns.indexOf('owner')).not.toBe(9);
      }
    }
  });

  it('does every kind of damage it names', () => {
    const found = {
      itemMoved: 0,
      taskUp: 0,
      packedRow: 0,
      cut: 0,
      cutName: 0,
      cutOwner: 0,
      cutBeforeNewItem: 0,
      repeat: 0,
      repeatShort: 0,
      repeatRate: 0,
      itemBelow: 0,
      left: 0,
      further: 0,
      right: 0,
      wide: 0,
      ol: 0,
      bold: 0,
      packed: 0,
      tailRow: 0,
      midTask: 0,
      repeatedItem: 0,
      newValue: 0,
    };
    for (const seed of [1, 2, 3]) {
      const r = render(whole, { seed, layout: 'canonical', damage: FULL_DAMAGE });
      found.itemMoved += r.stats.itemsMoved;
      found.taskUp += r.stats.tasksUp;
      found.packedRow += r.stats.packedRows;
      found.cut += r.stats.cuts;
      found.cutName += r.stats.cutNames;
      found.cutOwner += r.stats.cutOwners;
      found.cutBeforeNewItem += r.stats.cutBeforeNewItem;
      found.repeat += r.stats.repeats;
      found.repeatShort += r.stats.repeatsShort;
      found.repeatRate += r.stats.ratesRepeated;
      found.itemBelow += r.stats.itemsBelow;
      found.left += r.stats.shiftedLeft;
      found.further += r.stats.shiftedFurther;
      found.right += r.stats.shiftedRight;
      found.wide += r.stats.wideBlocks;
      const lines = r.text.split('\n');
      found.ol += lines.filter((l) => l.includes('<ol style="list-style-type: none">')).length;
      found.bold += lines.filter((l) => l.includes('<b>')).length;
      found.packed += lines.filter((l) => /\t<p>\d+(\.\d+)?%<\/p> <p>\d+(\.\d+)?%<\/p>/.test(l)).length;
      lines.forEach((l, i) => {
        if (lines[i - 1]?.startsWith('\t任务说明')) {
          const cells = l.split('\t');
          if (cells[0] === '' && cells.filter((c) => c.trim()).length === 1) found.tailRow++;
          if (!/^\d+$/.test(cells[0]!) && !/^(<b>)?[一二三四五六七八九十（(]/.test(cells[0]!)) found.midTask++;
        }
      });
      for (const { task } of tasksOf(r.transcription))
        task.items.forEach((it, j) => j > 0 && JSON.stringify(it) === JSON.stringify(task.items[j - 1]) && found.repeatedItem++);
      const before = tasksOf(whole).flatMap(({ task }) => task.items.flatMap((i) => i.indicators.map((x) => x.current)));
      const after = tasksOf(r.transcription).flatMap(({ task }) => task.items.flatMap((i) => i.indicators.map((x) => x.current)));
      if (after.some((c, i) => c !== before[i])) found.newValue++;
    }
    const remarks = render(whole, { seed: 1, layout: 'remarks', damage: FULL_DAMAGE });
    const withRemarks = tasksOf(remarks.transcription).filter(({ task }) => task.remarks || task.items.some((i) => i.remarks));
    expect(withRemarks.length).toBeGreaterThan(50);
    for (const { task } of withRemarks.slice(0, 20))
      expect(remarks.text).toContain(`\t${task.remarks ?? task.items.find((i) => i.remarks)!.remarks}`);
    for (const [kind, n] of Object.entries(found)) expect([kind, n > 0]).toEqual([kind, true]);
  });

  it('writes every row at its width, as the bundled report does (12 fields; 14 in a wide block)', () => {
    const widths = (text: string) =>
      new Set(
        text
          .split('\n')
          .filter((l) => l.includes('\t'))
          .map((l) => l.split('\t').length),
      );
    expect([...widths(readFileSync(SEED_TSV, 'utf8'))].sort()).toEqual([12, 14]);
    for (const seed of [1, 2, 3, 4])
      for (const w of widths(render(whole, { seed, layout: 'canonical', damage: FULL_DAMAGE }).text))
        expect([12, 14]).toContain(w);
  });

  it("damages about as much as the bundled report, kind by kind (audit.ts: within half and twice the report's count)", () => {
    const text = readFileSync(SEED_TSV, 'utf8');
    const real = audit(text, bundledReport());
    const sim: Record<string, number> = {};
    for (const seed of [1, 2]) {
      const r = render(whole, { seed, layout: 'canonical', damage: FULL_DAMAGE });
      for (const [k, v] of Object.entries(audit(r.text, compile(r.text)))) sim[k] = (sim[k] ?? 0) + v / 2;
    }
    const kinds = [
      'blocks',
      'blocks beginning mid-task',
      'cuts',
      'cut highlights',
      'cut nextSteps',
      'cut taskDesc',
      'cut itemDesc',
      'cut name',
      'cut tail on a row of its own',
      'rows of prose tails only',
      'rows shifted left',
      'shift left 1',
      'shift left 3',
      'shift inside (-3,-1)',
      'html: <b> on a section or group row',
      'task rates wrong in the source',
      'ceilings',
      'values with a note',
    ];
    for (const k of kinds) {
      expect(real[k], k).toBeGreaterThan(0);
      expect((sim[k] ?? 0) / real[k]!, k).toBeGreaterThanOrEqual(0.5);
      expect((sim[k] ?? 0) / real[k]!, k).toBeLessThanOrEqual(2);
    }
  });

  it('keeps the arithmetic true when it writes new values', () => {
    const mismatches = (tr: Transcription, newValues: number): number => {
      const s = simulate(tr, { seed: 5, layout: 'canonical', damage: { ...NO_DAMAGE, pageRows: [1e6, 1e6], newValues } });
      return s.report!.diagnostics.filter((d) => ['HZ201', 'HZ202', 'HZ203'].includes(d.code)).length;
    };
    expect(mismatches(whole, 1)).toBeLessThanOrEqual(mismatches(whole, 0));
  });

  it('scores what differs: owner, item, indicator placement', () => {
    const s = simulate(gold, { seed: 1, layout: 'canonical', damage: NO_DAMAGE });
    const wrong = structuredClone(gold);
    const t = tasksOf(wrong)[0]!.task;
    t.owner = '市某某局';
    // The first item's indicator under the second item instead.
    t.items[1]!.indicators.push(t.items[0]!.indicators.shift()!);
    const sc = score(wrong, s.report);
    expect(sc.found).toBe(28);
    expect(sc.exact).toBe(27);
    expect(sc.ownersRight).toBe(27);
    expect(sc.indicators - sc.indicatorsPlaced).toBe(1);
    expect(sc.misses[0]!.reason).toMatch(/^owner 市农业农村局 vs 市某某局/);
    expect(score(gold, undefined, 'HZ003 refused').misses[0]!.reason).toMatch(/^compile threw: HZ003/);
  });
});

describe('renderings compiled today, in every layout', () => {
  it('never throw, are schema-valid and account for every cell, under every kind of damage', () => {
    fc.assert(
      fc.property(seedArb, fc.constantFrom(...LAYOUTS), (seed, layout) => {
        const s = simulate(gold, { seed, layout, damage: FULL_DAMAGE });
        expect(s.score.threw).toBeUndefined();
        checkDocument(s.report!, s.rendering.text);
      }),
      params,
    );
  });

  it('canonical layout: every gold task found under every kind of damage', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const s = simulate(gold, { seed, layout: 'canonical', damage: FULL_DAMAGE });
        expect(s.score.found).toBe(s.score.tasks);
      }),
      params,
    );
  });

  // Today a page break between an item whose text has no full stop and the next item's own row can
  // join the two items (continuation is decided by punctuation): one task in a few hundred.
  it('canonical layout: gold tasks exact under the damage handled today (shifts, page breaks, cuts, HTML, 14 fields), at most one miss a rendering', () => {
    let exact = 0;
    let tasks = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const s = simulate(gold, { seed, layout: 'canonical', damage: HANDLED_DAMAGE });
      expect(s.score.exact, `seed ${seed}: ${s.score.misses.map((m) => m.reason).join('; ')}`).toBeGreaterThanOrEqual(
        s.score.tasks - 1,
      );
      expect(s.score.ownersRight).toBe(s.score.tasks);
      exact += s.score.exact;
      tasks += s.score.tasks;
    }
    expect(exact / tasks).toBeGreaterThanOrEqual(0.99);
  });
});

describe('renderings compiled once columns are read from the header', () => {
  // Seeds 28, 52 and 68 break a page between two items of 一.2 whose first text has no full stop.
  it.skipIf(!layoutSupported)(
    'canonical layout: every gold task exact under the handled damage (needs continuation decided by what a row carries)',
    () => {
      for (let seed = 1; seed <= 72; seed++) {
        const s = simulate(gold, { seed, layout: 'canonical', damage: HANDLED_DAMAGE });
        expect(s.score.misses.map((m) => `seed ${seed} ${m.section}.${m.no}: ${m.reason}`)).toEqual([]);
      }
    },
  );

  for (const layout of LAYOUTS.filter((l) => l !== 'canonical')) {
    it.skipIf(!layoutSupported)(
      `${layout} layout: every gold task found and exact, owners and prose right, every indicator under its item, remarks kept (needs columns read from the header)`,
      () => {
        for (let seed = 1; seed <= 4; seed++) {
          const s = simulate(gold, { seed, layout, damage: HANDLED_DAMAGE });
          const c = s.score;
          expect(c.misses.map((m) => `seed ${seed} ${m.section}.${m.no}: ${m.reason}`)).toEqual([]);
          expect(c.ownersRight).toBe(c.tasks);
          expect(c.proseRight).toBe(c.tasks);
          expect(c.indicatorsPlaced).toBe(c.indicators);
          // The remarks column's cells are kept, in the `extra` of their task, item or indicator.
          expect(c.remarksPlaced).toBe(c.remarks);
        }
      },
    );
  }

  it.skipIf(!layoutSupported)(
    'the document records the layout it read, with the header words of the rendering (needs columns read from the header)',
    () => {
      const layout = { ...layoutFor('owner-elsewhere', rng(3)), varyWords: false };
      const s = simulate(gold, { seed: 3, layout, damage: NO_DAMAGE });
      const recorded = JSON.stringify(recordedLayout(s.report));
      expect(recorded).toContain(s.rendering.layout.words.owner);
    },
  );

  it('detects header-driven layouts from the compiled document (the switch the tests above use)', () => {
    const report = compile(render(gold, { seed: 1, layout: 'canonical', damage: NO_DAMAGE }).text) as unknown as Record<
      string,
      unknown
    >;
    const { layout: _layout, layouts: _layouts, ...without } = report;
    const summary = { ...(report.summary as object), layouts: undefined };
    expect(recordsLayout({ ...without, summary, layout: { columns: [] } } as never)).toBe(true);
    expect(recordsLayout({ ...without, summary: { ...summary, layouts: [] } } as never)).toBe(true);
    expect(recordsLayout({ ...without, summary } as never)).toBe(false);
    expect(recordsLayout(undefined)).toBe(false);
  });
});

describe('item texts moved within or above their span (the arithmetic often ties: capped and equal rates)', () => {
  // Half the item texts moved, nothing else damaged: row order is wrong at every moved text, and where
  // both readings reproduce every rate the words of the names and the merged name cells decide.
  // Row order and the arithmetic alone leave 7 to 12 tasks a rendering wrong (10 to 21 indicators
  // misplaced); with the words, 3 to 6 (4 to 8).
  it('the whole report, four renderings: at most 24 tasks not exact and 32 indicators misplaced in all', () => {
    let wrong = 0;
    let misplaced = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const s = simulate(whole, { seed, layout: 'canonical', damage: { ...NO_DAMAGE, moveItem: 0.5 } });
      expect(s.rendering.stats.itemsMoved).toBeGreaterThan(50);
      wrong += s.score.tasks - s.score.exact;
      misplaced += s.score.indicators - s.score.indicatorsPlaced;
    }
    expect(wrong).toBeLessThanOrEqual(24);
    expect(misplaced).toBeLessThanOrEqual(32);
  });
});

describe('the ambiguous mark, calibrated on renderings of the whole report with every kind of damage', () => {
  // Marked: a tie the format does not settle (a repeat at a page top, a row whose words lean to the
  // neighbouring item) and a grouping decided by one 0% or 100% rate, which many groupings reproduce.
  // Before this calibration: 3 of 25 wrong tasks marked, and 80 exact ones. A tie a later rule settles right stays
  // marked (the arithmetic still ties there): seed 4's 四.127/四.128, marked and wrong before the boundary rules of
  // docs/fidelity.md, are marked and exact since. With every rule of docs/fidelity.md: 10 over these ten renderings,
  // 95 over seeds 1-80 (1.2 a rendering).
  it('canonical layout, ten renderings: at least half the wrong tasks marked, at most 1.5 exact tasks a rendering', () => {
    let wrong = 0;
    let caught = 0;
    let exactMarked = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const c = simulate(whole, { seed, layout: 'canonical', damage: FULL_DAMAGE }).score;
      wrong += c.tasks - c.exact;
      caught += c.flaggedMisses;
      exactMarked += c.flaggedExact;
    }
    expect(wrong).toBeGreaterThan(0);
    expect(caught / wrong).toBeGreaterThanOrEqual(0.5);
    expect(exactMarked).toBeLessThanOrEqual(15);
  });
});

describe('a unit shifted into a prose column', () => {
  // Seed 24 shifts 二.10's owner cell, and the prose after it, one column right in a layout with a
  // remarks column: every cell fits where it was written, but the owner fits its own column far better.
  it('remarks layout: every owner right in renderings where trailing cells slid right', () => {
    for (const seed of [24, 25]) {
      const c = simulate(whole, { seed, layout: 'remarks', damage: FULL_DAMAGE }).score;
      expect(c.ownersRight, `seed ${seed}`).toBe(c.tasks);
    }
  });
});
