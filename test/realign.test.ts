// Realignment: the fast path for rows already in place must choose what the programme would.
import { compile } from '../src/compile.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/tokenize.js';
import { classify } from '../src/classify.js';
import { realign, COLUMNS } from '../src/realign.js';
import { layoutFromHeader, ROLES } from '../src/layout.js';
import { relayout } from './relayout.js';

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

const view = (r: ReturnType<typeof realign>) => [
  r.slots.map((c, i) => (c ? `${COLUMNS[i]}←${c.field}` : '')),
  r.unplaced.map((c) => c.field),
];

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

  it('the fast path agrees with the programme in another layout (owner first, remarks last)', () => {
    const text = relayout(seed, {
      order: ['no', 'owner', ...ROLES.filter((r) => r !== 'no' && r !== 'owner'), 'remarks'],
      headers: {},
      remark: (l) => `第${l}行`,
    });
    const rows = classify(tokenize(text));
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('序号'));
    const layout = layoutFromHeader([rows[at]!.cells, rows[at + 1]!.cells], at + 1);
    expect(layout.columns.map((c) => c.role).slice(0, 3)).toEqual(['no', 'owner', 'taskDesc']);
    let n = 0;
    for (const row of rows) {
      if (row.kind !== 'content') continue;
      n++;
      const fast = realign(row, false, undefined, true, layout);
      const slow = realign(row, false, undefined, false, layout);
      expect(view(fast), `line ${row.line}`).toEqual(view(slow));
      expect(
        fast.extra.map((x) => x.cell.field),
        `line ${row.line}`,
      ).toEqual(slow.extra.map((x) => x.cell.field));
    }
    expect(n).toBeGreaterThan(1000);
  });
});

describe('a task number whose row slid from the number on', () => {
  it('starts its task when the cell before it stays in its column and the text after it fits the slid columns', () => {
    const H =
      '重点工作完成进度\t序号\t重点工作\t细化项目\t细化项目完成进度\t指标名称\t年度目标\t实际完成\t指标完成进度\t主办单位\n';
    const text = `${H}50%\t1\t任务一的说明。\t项目一。\t50%\t指标一\t2个\t1个\t50%\t市某局\n80%\t\t2\t任务二的说明。\t项目二。\t80%\t指标二\t5个\t4个\t80%\t市另局\n`;
    const tasks = compile(text).sections[0]!.groups[0]!.tasks;
    expect(tasks.map((t) => [t.no, t.description, t.rate?.text, t.owner])).toEqual([
      [1, '任务一的说明。', '50%', '市某局'],
      [2, '任务二的说明。', '80%', '市另局'],
    ]);
  });
});
