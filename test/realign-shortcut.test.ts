// The realigner's pruned programme (rows not taken as written go through it) must choose what the
// programme in full chooses, on every row: real rows of the bundled report with random shifts, in
// random layouts, after a page header or not, with open and closed columns.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, type TypedRow } from '../src/classify.js';
import { tokenize } from '../src/tokenize.js';
import { realign, realignByProgramme, type AlignedRow } from '../src/realign.js';
import { CANONICAL, EXTRA, NROLE, ROLES, makeLayout, type Layout, type LayoutColumn } from '../src/layout.js';

const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');
const lines = seed.split('\n');
/** Lines of the report's table rows (those with figures or a task number among ten or more fields). */
const contentLines = classify(tokenize(seed))
  .filter((r) => r.kind === 'content' && r.cells.length >= 2)
  .map((r) => r.line);

const view = (r: AlignedRow) => ({
  slots: r.slots.map((c) => c?.field ?? null),
  extra: r.extra.map((x) => [x.field, x.cell.field]),
  unplaced: r.unplaced.map((c) => c.field),
  moved: r.moved,
  swapped: r.swapped,
  shift: r.shift ? [r.shift.cell.field, r.shift.to] : null,
});

/** One line of text as a typed row (its kind does not matter to the realigner). */
function rowOf(fields: string[], line: number): TypedRow {
  const row = classify(tokenize(fields.join('\t')))[0]!;
  return { ...row, line, cells: row.cells.map((c) => ({ ...c, line })) };
}

/** A layout: the roles in the given order, some left out, extra columns (unknown headers) among them. */
function layoutOf(order: readonly number[], dropped: readonly boolean[], extras: readonly number[]): Layout {
  const columns: LayoutColumn[] = [];
  const kinds: (number | 'x')[] = order.filter((r) => !dropped[r]);
  for (const at of extras) kinds.splice(Math.min(at, kinds.length), 0, 'x');
  kinds.forEach((k, field) =>
    columns.push({ header: k === 'x' ? `备注${field}` : ROLES[k]!, role: k === 'x' ? EXTRA : ROLES[k]!, field }),
  );
  return makeLayout(columns, 1);
}

type Op = { kind: 'insert' | 'delete' | 'swap'; at: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('insert' as const, 'delete' as const, 'swap' as const),
  at: fc.nat({ max: 30 }),
});

/** A row's fields after the damage extraction does: empty cells gained or lost, neighbours swapped. */
function damaged(fields: string[], ops: readonly Op[]): string[] {
  const f = [...fields];
  for (const op of ops) {
    const at = op.at % (f.length + 1);
    if (op.kind === 'insert') f.splice(at, 0, '');
    else if (op.kind === 'delete' && at < f.length) f.splice(at, 1);
    else if (op.kind === 'swap' && at + 1 < f.length) [f[at], f[at + 1]] = [f[at + 1]!, f[at]!];
  }
  return f;
}

const bools = (n: number, p: number) =>
  fc.array(
    fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < p),
    { minLength: n, maxLength: n },
  );

describe('realign: the pruned programme', () => {
  it('chooses what the programme in full chooses on every row of the bundled report, in its own and in permuted layouts', () => {
    const layouts: Layout[] = [
      CANONICAL,
      layoutOf([0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11], [], [12]),
      layoutOf([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [], []),
      layoutOf(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        [false, false, false, false, false, false, false, false, false, false, true, true],
        [2],
      ),
    ];
    let rows = 0;
    let taskRows = 0;
    for (const row of classify(tokenize(seed))) {
      if (row.kind !== 'content') continue;
      for (const layout of layouts)
        for (const afterHeader of [false, true]) {
          const full = view(realignByProgramme(row, false, afterHeader, undefined, layout));
          expect(view(realignByProgramme(row, true, afterHeader, undefined, layout)), `line ${row.line}`).toEqual(full);
        }
      rows++;
      if (row.cells[0]?.field === 0 && row.cells[0].type === 'int') taskRows++;
    }
    expect(rows).toBeGreaterThan(1000);
    expect(taskRows).toBeGreaterThan(200);
  });

  it('chooses what the programme in full chooses on real rows shifted at random, in random layouts', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: contentLines.length - 1 }),
        fc.array(opArb, { maxLength: 6 }),
        fc.shuffledSubarray([...Array(NROLE).keys()], { minLength: NROLE, maxLength: NROLE }),
        bools(NROLE, 0.15),
        fc.array(fc.nat({ max: 14 }), { maxLength: 2 }),
        fc.boolean(),
        bools(NROLE, 0.3),
        bools(NROLE, 0.1),
        fc.boolean(),
        (pick, ops, order, dropped, extras, afterHeader, open, closed, canonical) => {
          const line = contentLines[pick]!;
          const row = rowOf(damaged(lines[line - 1]!.split('\t'), ops), line);
          const layout = canonical ? CANONICAL : layoutOf(order, dropped, extras);
          const full = view(realignByProgramme(row, false, afterHeader, open, layout, closed));
          expect(view(realignByProgramme(row, true, afterHeader, open, layout, closed))).toEqual(full);
        },
      ),
      { numRuns: 3000, seed: 20211201 },
    );
  });

  it('agrees with realign on every numbered row of the bundled report (the task bonus sends them all to the programme)', () => {
    const rows = classify(tokenize(seed)).filter(
      (r) => r.kind === 'content' && r.cells[0]?.field === 0 && r.cells[0].type === 'int',
    );
    expect(rows.length).toBeGreaterThan(200);
    for (const row of rows) expect(view(realign(row)), `line ${row.line}`).toEqual(view(realignByProgramme(row, false)));
  });
});
