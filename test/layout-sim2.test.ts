// The second renderer (test/helpers/sim2, written from the format description, not from the first
// simulator): reports in other layouts (synonym headers of one or two rows that change between page
// blocks, the owner column elsewhere, an unknown remarks column, no prose columns, columns reordered)
// with fresh damage compile with every task found, every owner right and nothing thrown. Fixed seeds;
// `npm run fidelity2` runs many more (docs/fidelity.md, "A second renderer").
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { fromReport, tasksOf } from './helpers/sim/transcription.js';
import { score } from './helpers/sim/score.js';
import { DAMAGE2, LAYOUTS2, NO_DAMAGE2, render2, type Layout2Name } from './helpers/sim2/render.js';

const corpus = fromReport();
const SEED = 11;

function run(layout: Layout2Name, seed: number, damage = DAMAGE2) {
  const rd = render2(corpus, { seed, layout, damage });
  const report = compile(rd.text, { file: `sim2-${layout}-${seed}.tsv` });
  return { rd, report, s: score(rd.transcription, report) };
}

describe('second renderer: other layouts, fresh damage', () => {
  it('renders every layout without damage to a report that compiles exactly', () => {
    for (const layout of LAYOUTS2) {
      const { s, rd, report } = run(layout, SEED, NO_DAMAGE2);
      expect(s.exact, layout).toBe(s.tasks);
      expect(s.indicatorsPlaced, layout).toBe(s.indicators);
      // the layout it was read in is recorded: every column the renderer wrote, with its header
      expect(report.layouts?.[0]?.columns.length, layout).toBe(rd.columns.length);
    }
  });

  it.each(LAYOUTS2.map((l) => [l]))('%s: every task found, every owner right, no task invented', (layout) => {
    const { s, rd } = run(layout, SEED);
    expect(s.tasks).toBe(tasksOf(rd.transcription).length);
    expect(s.found).toBe(s.tasks);
    expect(s.ownersRight).toBe(s.tasks);
    expect(s.extra).toBe(0);
    // most tasks exact and indicators placed even where the rows are misplaced (docs/fidelity.md lists the misses)
    expect(s.exact / s.tasks).toBeGreaterThan(0.85);
    expect(s.indicatorsPlaced / s.indicators).toBeGreaterThan(0.96);
  });

  it.each(LAYOUTS2.map((l) => [l]))(
    '%s without the task-row-up damage: at least 98% of tasks exact, 99% of indicators placed',
    (layout) => {
      const { s } = run(layout, SEED, { ...DAMAGE2, taskUp: 0, taskUpAlone: 0 });
      expect(s.found).toBe(s.tasks);
      expect(s.exact / s.tasks).toBeGreaterThanOrEqual(0.98);
      expect(s.indicatorsPlaced / s.indicators).toBeGreaterThanOrEqual(0.99);
    },
  );

  it('keeps an unknown column as extra, naming it once per header that introduces it', () => {
    const { rd, report, s } = run('remarks', SEED, NO_DAMAGE2);
    const extra = report.layouts!.flatMap((l) => l.columns).filter((c) => c.role === 'extra');
    expect(extra.length).toBeGreaterThan(0);
    expect(report.diagnostics.filter((d) => d.code === 'HZ112').length).toBeGreaterThan(0);
    expect(s.remarks).toBeGreaterThan(0);
    expect(rd.columns).toContain('remarks');
  });

  it('says once that the table has no owner column, instead of a warning per task', () => {
    const { rd } = run('no-prose', SEED, NO_DAMAGE2);
    const at = rd.columns.indexOf('owner');
    // the same report without its owner column (no damage: every row's fields stand where the header says)
    const text = rd.text
      .split('\n')
      .map((l) =>
        l.includes('\t')
          ? l
              .split('\t')
              .filter((_, i) => i !== at)
              .join('\t')
          : l,
      )
      .join('\n');
    const report = compile(text, { file: 'no-owner.tsv' });
    const codes = report.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === 'HZ306')).toEqual([]);
    expect(codes.filter((c) => c === 'HZ150')).toHaveLength(1);
    expect(report.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks)).every((t) => t.owner === null)).toBe(true);
    // with the column, no such note
    expect(compile(rd.text, { file: 'x.tsv' }).diagnostics.some((d) => d.code === 'HZ150')).toBe(false);
  });
});

describe('second renderer: every structure message in Chinese', () => {
  // The regrouping writes its reasons in English words and zhArg translates them whole; a reason without a
  // Chinese form would reach a zh reader in English. Renderings with lifted numbered rows make every kind.
  it('HZ102 and HZ115 under --lang zh carry no English words, over several renderings', () => {
    const seen = new Set<string>();
    const english: string[] = [];
    for (const seed of [101, 102, 103, 104]) {
      const rd = render2(corpus, { seed, layout: 'canonical', damage: DAMAGE2 });
      const report = compile(rd.text, { file: `sim2-${seed}.tsv`, lang: 'zh' });
      for (const d of report.diagnostics) {
        if (d.code !== 'HZ102' && d.code !== 'HZ115') continue;
        seen.add(`${d.code}:${String(d.args?.level ?? '')}`);
        if (/[A-Za-z]{3,}/.test(d.message.replace(/HZ\d+/g, ''))) english.push(d.message);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(english).toEqual([]);
  });
});
