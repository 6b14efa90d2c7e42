// The layouts other than the canonical one read as well as the canonical one (docs/fidelity.md, "Other
// layouts: what the layout itself cost"): the bundled report re-laid out, then damaged the way extraction
// damages rows, must compile as its undamaged re-layout does.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify.js';
import { compile } from '../src/compile.js';
import { tokenize } from '../src/tokenize.js';
import { ROLES, type Role } from '../src/layout.js';
import type { Task } from '../src/model.js';
import { relayout, shape, tasksOf, type Relayout } from './relayout.js';

const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');
const without = (...drop: Role[]) => ROLES.filter((r) => !drop.includes(r));

/** The task of each line, by section and number, from a compiled report's line spans. */
function taskOfLine(text: string): Map<number, string> {
  const m = new Map<number, string>();
  for (const s of compile(text).sections)
    for (const g of s.groups)
      for (const t of g.tasks) for (let l = t.lines.start; l <= t.lines.end; l++) m.set(l, `${s.ordinal}.${t.no}`);
  return m;
}

/** Lines (0-based) whose cells all sit at or after `field`, with `field` itself filled, not right after a header. */
function rowsFrom(lines: readonly string[], field: number): number[] {
  const out: number[] = [];
  for (let i = 2; i < lines.length; i++) {
    const f = lines[i]!.split('\t');
    if (!f[field]?.trim() || f.slice(0, field).some((c) => c.trim())) continue;
    const above = lines[i - 1]!.split('\t');
    if (
      !lines[i - 1]!.trim() ||
      /^(序号|编号)$/.test(above[0]!.trim()) ||
      above.every((c) => !c.trim() || /^[\u4e00-\u9fa5]{2,8}$/.test(c.trim()))
    )
      continue; // a page's first row runs the programme whatever its cells
    out.push(i);
  }
  return out;
}

/** Each damaged line's task (0-based `lines`) compiles as in the undamaged re-layout (`want`). */
function expectTasksAsWithout(
  damaged: string,
  want: Map<string, Task>,
  taskOf: Map<number, string>,
  lines: readonly number[],
): void {
  const got = tasksOf(compile(damaged));
  for (const i of lines) {
    const k = taskOf.get(i + 1)!;
    expect(JSON.stringify(shape(got.get(k)!)), `${k}, line ${i + 1}`).toBe(JSON.stringify(shape(want.get(k)!)));
  }
}

/**
 * A row written as two lines: the cells of `first` on the first, shifted right by `gap` empty cells from `at`
 * (its width kept), every other cell on the second.
 */
function onTwoLines(line: string, first: readonly number[], at: number, gap: number): string[] {
  const f = line.split('\t');
  const top = f.map((c, k) => (first.includes(k) ? c : ''));
  top.splice(at, 0, ...Array<string>(gap).fill(''));
  return [top.slice(0, f.length).join('\t'), f.map((c, k) => (first.includes(k) ? '' : c)).join('\t')];
}

/** Slide a row left by one cell (a leading empty cell lost), keeping its width; or its first cell alone. */
const slideLeft = (line: string, firstOnly: boolean): string => {
  const f = line.split('\t');
  const at = f.findIndex((c) => c.trim());
  if (firstOnly) [f[at - 1], f[at]] = [f[at]!, ''];
  else {
    f.shift();
    f.push('');
  }
  return f.join('\t');
};

describe('a row slid left so that its indicator name lands in a unit column just before the name column', () => {
  // 责任单位 between the item's rate and the indicator's name (a layout of the second renderer, and of real
  // reports that put the unit beside the item it answers for).
  const order: Relayout['order'] = [
    'no',
    'taskDesc',
    'taskRate',
    'itemDesc',
    'itemRate',
    'owner',
    ...without('no', 'taskDesc', 'taskRate', 'itemDesc', 'itemRate', 'owner'),
  ];
  const text = relayout(seed, { order, headers: { owner: ['责任部门', ''] } });
  const lines = text.split('\n');
  const nameField = order.indexOf('name');
  const candidates = rowsFrom(lines, nameField);
  const want = tasksOf(compile(text));
  const taskOf = taskOfLine(text);

  it('has such rows to slide', () => {
    expect(candidates.length).toBeGreaterThan(100);
  });

  it('property: the name is read in the name column, its task as without the slide (the whole row slid, or the name alone)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(candidates.length - 1), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (picks, firstOnly) => {
          const damaged = [...lines];
          for (const p of picks) damaged[candidates[p]!] = slideLeft(damaged[candidates[p]!]!, firstOnly);
          expectTasksAsWithout(
            damaged.join('\n'),
            want,
            taskOf,
            picks.map((p) => candidates[p]!),
          );
        },
      ),
      { numRuns: 12, seed: 20261202 },
    );
  });
});

describe('an item text slid left into a unit column that comes before the item columns', () => {
  // 责任单位 right after 序号: a row's first text slid to the first column, or by one cell, lands in it.
  const order: Relayout['order'] = ['no', 'owner', ...without('no', 'owner')];
  const text = relayout(seed, { order, headers: { owner: ['责任部门', ''] } });
  const lines = text.split('\n');
  const itemField = order.indexOf('itemDesc');
  const typed = new Map(classify(tokenize(text)).map((r) => [r.line, r]));
  // item rows (an item text and its rate) below their task's numbered row; those whose text is short enough
  // to read as a name are the ones a unit column can take
  const candidates = rowsFrom(lines, itemField).filter((i) => {
    const cells = typed.get(i + 1)?.cells ?? [];
    return cells[0]?.field === itemField && cells[1]?.field === itemField + 1 && cells[1].type === 'pct';
  });
  const short = candidates.filter((i) => typed.get(i + 1)!.cells[0]!.type === 'name');
  const want = tasksOf(compile(text));
  const taskOf = taskOfLine(text);

  it('has such rows', () => {
    expect(candidates.length).toBeGreaterThan(100);
    expect(short.length).toBeGreaterThan(0);
  });

  it('property: the text is read as the item text, its task as without the slide', () => {
    fc.assert(
      fc.property(
        fc.nat(short.length - 1),
        fc.uniqueArray(fc.nat(candidates.length - 1), { maxLength: 3 }),
        fc.constantFrom(0, 1),
        fc.boolean(),
        (one, more, to, slid) => {
          const damaged = [...lines];
          const picks = [...new Set([short[one]!, ...more.map((p) => candidates[p]!)])];
          for (const i of picks) {
            const f = damaged[i]!.split('\t');
            // the row slides by one (or not), and its first text further, to the first column or to the unit's
            if (slid) f.push(...f.splice(0, 1).map(() => ''));
            const at = f.findIndex((c) => c.trim());
            [f[to], f[at]] = [f[at]!, ''];
            damaged[i] = f.join('\t');
          }
          expectTasksAsWithout(damaged.join('\n'), want, taskOf, picks);
        },
      ),
      { numRuns: 12, seed: 20261202 },
    );
  });
});

describe("a task's own cells on a line of their own, its rate slid right into the item's rate column", () => {
  // 责任单位 right after 序号: no unit column after the rates pulls the slid rate back, as in the canonical order.
  const order: Relayout['order'] = ['no', 'owner', ...without('no', 'owner')];
  const text = relayout(seed, { order, headers: { owner: ['责任部门', ''] } });
  const lines = text.split('\n');
  const own = ['no', 'owner', 'taskDesc', 'taskRate'].map((r) => order.indexOf(r as Role));
  const rateField = order.indexOf('taskRate');
  // numbered rows with a task rate, and cells beyond the task's own
  const numbered = lines.flatMap((l, i) => {
    const f = l.split('\t');
    return /^\d+$/.test(f[0]!.trim()) && f[rateField]?.trim() && f.some((c, k) => c.trim() && !own.includes(k)) ? [i] : [];
  });
  const want = tasksOf(compile(text));
  const taskOf = taskOfLine(text);

  it('has such rows', () => {
    expect(numbered.length).toBeGreaterThan(150);
  });

  it('property: the rate is read as the task rate, the task as without the damage', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(numbered.length - 1), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(1, 2),
        (picks, by) => {
          const damaged = lines.map((l) => [l]);
          for (const p of picks) {
            damaged[numbered[p]!] = onTwoLines(lines[numbered[p]!]!, own, rateField, by);
          }
          expectTasksAsWithout(
            damaged.flat().join('\n'),
            want,
            taskOf,
            picks.map((p) => numbered[p]!),
          );
        },
      ),
      { numRuns: 12, seed: 20261202 },
    );
  });
});

describe('an item text that opens like a unit, beside a unit column before the item columns', () => {
  // 责任单位 between the task's rate and the item's text: a short item text that reads as a unit (市…, a page
  // break having cut it) stays the item's, in its own column, instead of being drawn into the unit's.
  const order: Relayout['order'] = ['no', 'taskDesc', 'taskRate', 'owner', ...without('no', 'taskDesc', 'taskRate', 'owner')];
  const text = relayout(seed, { order, headers: { owner: ['主办单位', ''] } });
  const lines = text.split('\n');
  const itemField = order.indexOf('itemDesc');
  const candidates = rowsFrom(lines, itemField).filter((i) => /^市/.test(lines[i]!.split('\t')[itemField]!));
  const taskOf = taskOfLine(text);
  const reported = compile(text).summary.cellsReported;

  it('has such rows', () => {
    expect(candidates.length).toBeGreaterThan(0);
  });

  it('property: the cut text is the item text, no cell reported', () => {
    fc.assert(
      fc.property(fc.nat(candidates.length - 1), fc.integer({ min: 5, max: 12 }), (p, keep) => {
        const damaged = [...lines];
        const f = damaged[candidates[p]!]!.split('\t');
        const cut = f[itemField]!.slice(0, keep + 1).replace(/[，、。；（(]+$/, '');
        f[itemField] = cut;
        damaged[candidates[p]!] = f.join('\t');
        const report = compile(damaged.join('\n'));
        const k = taskOf.get(candidates[p]! + 1)!;
        const items = tasksOf(report)
          .get(k)!
          .items.map((it) => it.description);
        expect(items, k).toContain(cut);
        expect(report.summary.cellsReported).toBe(reported);
      }),
      { numRuns: 20, seed: 20261202 },
    );
  });
});

describe("a numbered row's first item text and rate slid right into the indicator's name and target columns", () => {
  // 责任单位 between the task's rate and the item's text: no unit column after the indicator pulls the slid cells
  // back, as in the canonical order. The row's indicator cells on the next line (a numbered row of its own).
  const order: Relayout['order'] = ['no', 'taskDesc', 'taskRate', 'owner', ...without('no', 'taskDesc', 'taskRate', 'owner')];
  const text = relayout(seed, { order, headers: { owner: ['主办单位', ''] } });
  const lines = text.split('\n');
  const head = ['no', 'taskDesc', 'taskRate', 'owner', 'itemDesc', 'itemRate'].map((r) => order.indexOf(r as Role));
  const [itemField, rateField] = [order.indexOf('itemDesc'), order.indexOf('itemRate')];
  const typed = new Map(classify(tokenize(text)).map((r) => [r.line, r]));
  // numbered rows with a long item text (a description, not a name) and an item rate, and indicator cells
  const numbered = lines.flatMap((l, i) => {
    const f = l.split('\t');
    const cells = typed.get(i + 1)?.cells ?? [];
    const item = cells.find((c) => c.field === itemField);
    return /^\d+$/.test(f[0]!.trim()) &&
      item?.type === 'text' &&
      f[rateField]?.trim() &&
      f.some((c, k) => c.trim() && !head.includes(k))
      ? [i]
      : [];
  });
  const want = tasksOf(compile(text));
  const taskOf = taskOfLine(text);

  it('has such rows', () => {
    expect(numbered.length).toBeGreaterThan(100);
  });

  it('property: the item is read with its text and rate, the task as without the damage', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(numbered.length - 1), { minLength: 1, maxLength: 4 }), (picks) => {
        const damaged = lines.map((l) => [l]);
        for (const p of picks) {
          // two empty cells gained before the item's text
          damaged[numbered[p]!] = onTwoLines(lines[numbered[p]!]!, head, itemField, 2);
        }
        expectTasksAsWithout(
          damaged.flat().join('\n'),
          want,
          taskOf,
          picks.map((p) => numbered[p]!),
        );
      }),
      { numRuns: 12, seed: 20261202 },
    );
  });
});

describe('an item row slid left by one, its text further to the first column, the unit column between task and item', () => {
  // 责任单位 between the task's rate and the item's text: the text lands four columns from its own, the rest of the
  // row one, and the rate after it must still read as the item's, not as an indicator's figure.
  const order: Relayout['order'] = ['no', 'taskDesc', 'taskRate', 'owner', ...without('no', 'taskDesc', 'taskRate', 'owner')];
  const text = relayout(seed, { order, headers: { owner: ['主办单位', ''] } });
  const lines = text.split('\n');
  const itemField = order.indexOf('itemDesc');
  const typed = new Map(classify(tokenize(text)).map((r) => [r.line, r]));
  // item rows: an item text, its rate and nothing else (the item's indicators on the rows below)
  const candidates = rowsFrom(lines, itemField).filter((i) => {
    const cells = typed.get(i + 1)?.cells ?? [];
    return cells.length === 2 && cells[0]!.field === itemField && cells[1]!.field === itemField + 1 && cells[1]!.type === 'pct';
  });
  const want = tasksOf(compile(text));
  const taskOf = taskOfLine(text);

  it('has such rows', () => {
    expect(candidates.length).toBeGreaterThan(0);
  });

  it('property: the text and rate are the item text and rate, the task as without the slide', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(candidates.length - 1), { minLength: 1, maxLength: 3 }), (picks) => {
        const damaged = [...lines];
        for (const p of picks) {
          const f = damaged[candidates[p]!]!.split('\t');
          f.push(...f.splice(0, 1).map(() => ''));
          const at = f.findIndex((c) => c.trim());
          [f[0], f[at]] = [f[at]!, ''];
          damaged[candidates[p]!] = f.join('\t');
        }
        expectTasksAsWithout(
          damaged.join('\n'),
          want,
          taskOf,
          picks.map((p) => candidates[p]!),
        );
      }),
      { numRuns: 12, seed: 20261202 },
    );
  });
});
