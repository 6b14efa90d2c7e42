// Realignment: the fast path for rows already in place must choose what the programme would.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/tokenize.js';
import { classify } from '../src/classify.js';
import { realign, COLUMNS } from '../src/realign.js';
import type { Cell, CellType, TypedRow } from '../src/classify.js';
import { realignDouble } from './helpers/realign-double.js';

const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');

/** The seed with leading empty cells dropped from, or an empty cell inserted into, some rows. */
function shifted(seedValue: number, mode: 'left' | 'right', p: number): string {
  let x = seedValue;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  return seed
    .split('\n')
    .map((l) => {
      const f = l.split('\t');
      if (f.length < 10 || /序号|任务说明/.test(l) || rnd() > p) return l;
      if (mode === 'left') {
        let k = 0;
        while (k < f.length && f[k] === '') k++;
        return f.slice(Math.min(k, 1 + Math.floor(rnd() * 4))).join('\t');
      }
      f.splice(Math.floor(rnd() * 5), 0, '');
      return f.join('\t');
    })
    .join('\n');
}

const view = (r: ReturnType<typeof realign>) => [r.slots.map((c, i) => (c ? `${COLUMNS[i]}←${c.field}` : '')), r.unplaced.map((c) => c.field)];

describe('realign', () => {
  it.each([
    ['the seed', seed],
    ['shifted left', shifted(11, 'left', 0.5)],
    ['shifted right', shifted(12, 'right', 0.5)],
  ])('the fast path for rows in place agrees with the programme on %s', (_, text) => {
    let rows = 0;
    for (const row of classify(tokenize(text))) {
      if (row.kind !== 'content') continue;
      rows++;
      expect(view(realign(row, false, undefined, true)), `line ${row.line}`).toEqual(view(realign(row, false, undefined, false)));
    }
    expect(rows).toBeGreaterThan(1000);
  });

  it('moves a shifted row back by its cell types (seed line 16: item and indicator in columns 0-5)', () => {
    const row = classify(tokenize(seed)).find((r) => r.line === 16)!;
    const r = realign(row);
    expect(r.slots.map((c) => c?.field ?? null)).toEqual([null, null, null, 0, 1, 2, 3, 4, 5, null, null, null]);
    expect(r.moved).toBe(true);
  });

  it('reads an item rate written before its description (seed line 48)', () => {
    const row = classify(tokenize(seed)).find((r) => r.line === 48)!;
    const r = realign(row);
    expect(r.slots[3]?.text).toMatch(/^加快杭州云城建设/);
    expect(r.slots[4]?.text).toBe('100%');
    expect(r.swapped).toBe(true);
  });

  it('scores exactly as the double-precision programme did, ties included (seed rows and random rows)', () => {
    const same = (row: TypedRow, afterHeader: boolean, open: boolean[] | undefined) => {
      const ref = realignDouble(row, afterHeader, open, false);
      if (!ref) return;
      const got = realign(row, afterHeader, open, false);
      expect(view(got), `line ${row.line} ${row.cells.map((c) => `${c.type}@${c.field}`).join(' ')} ${afterHeader} ${open}`).toEqual(view({ ...got, ...ref }));
      expect([got.moved, got.swapped]).toEqual([ref.moved, ref.swapped]);
    };
    const cut = [false, true, false, true, false, false, false, false, false, false, true, true];
    for (const row of classify(tokenize(shifted(13, 'left', 0.5)))) {
      if (row.kind !== 'content') continue;
      same(row, false, undefined);
      same(row, true, cut);
    }
    let x = 4242; // mulberry32
    const rnd = () => {
      x = (x + 0x6d2b79f5) | 0;
      let t = Math.imul(x ^ (x >>> 15), 1 | x);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const types: CellType[] = ['int', 'pct', 'qty', 'owner', 'name', 'text', 'prose'];
    for (let it = 0; it < 30000; it++) {
      const cells: Cell[] = [];
      let field = Math.floor(rnd() * (rnd() < 0.2 ? 16 : 3));
      for (let k = 1 + Math.floor(rnd() * 14); k > 0; k--) {
        cells.push({ line: it, field, column: field, raw: '', text: '', paragraphs: [], type: types[Math.floor(rnd() * 7)]!, parts: [], removed: [] });
        field += 1 + (rnd() < 0.2 ? Math.floor(rnd() * 3) : 0);
      }
      same({ line: it, width: field, kind: 'content', cells }, rnd() < 0.3, rnd() < 0.5 ? undefined : Array.from({ length: 12 }, () => rnd() < 0.3));
    }
  });
});
