// What check reads in the values and the text: forms that differ (HZ211, HZ205), remarks and placeholders
// (HZ212), the text promising another figure (HZ213), a ceiling's form against its text (HZ214), missing
// text (HZ308, HZ309, HZ304). On the bundled report and on made-up rows for the edge cases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile } from '../src/compile.js';
import { localize } from '../src/diagnostics.js';
import { halfWidth, parseQuantity, remarkOf } from '../src/quantity.js';
import { proseQuantities } from '../src/check-values.js';
import { recompute } from '../src/recompute.js';
import type { Diagnostic, Indicator, Report } from '../src/model.js';
import { buildDoc, caseArb, checkDocument, compileOk, hasFigures, PLAIN, render } from './damage.js';

const SEED = new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url);
const GOLD = new URL('../fixtures/hangzhou-2021-q3.gold.json', import.meta.url);
const seed = compile(readFileSync(SEED), { file: 'fixtures/hangzhou-2021-q3.tsv' });
const gold = JSON.parse(readFileSync(GOLD, 'utf8')) as { start_line: number; end_line: number }[];

const NEW = ['HZ211', 'HZ212', 'HZ213', 'HZ214', 'HZ308', 'HZ309'];
const linesOf = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code).map((d) => d.line);

// A report of canonical rows: [no, task, task rate, item, item rate, name, target, current, rate, owner, highlights, next steps].
const HEADER = [
  '序号\t重点工作\t\t细化项目\t\t量化指标\t\t\t\t责任单位\t主要亮点\t存在问题与下步计划',
  '\t任务说明\t完成率\t任务说明\t完成率\t指标名称\t数值及单位\t当前值\t完成率\t\t\t',
];
type Row = [
  no: string,
  task: string,
  taskRate: string,
  item: string,
  itemRate: string,
  name: string,
  target: string,
  current: string,
  rate: string,
  owner?: string,
  highlights?: string,
  next?: string,
];
function tsv(...rows: Row[]): string {
  const full = rows.map((r) => [...r, ...Array(12 - r.length).fill('')].join('\t'));
  return ['# 2021 年重点工作完成情况', '', ...HEADER, ...full, ''].join('\n');
}
/** One task of one item of one indicator, with highlights and next steps (so that only the values speak). */
function one(item: string, name: string, target: string, current: string, rate: string): Report {
  return compile(
    tsv(['1', '推进某项重点工作。', rate, item, rate, name, target, current, rate, '市某局', '工作亮点。', '下一步计划。']),
  );
}
const codes = (r: Report) => r.diagnostics.map((d) => d.code);
const find = (r: Report, code: string) => r.diagnostics.filter((d) => d.code === code);
const firstIndicator = (r: Report): Indicator => r.sections[0]!.groups[0]!.tasks[0]!.items[0]!.indicators[0]!;

describe('on the bundled report', () => {
  const ds = seed.diagnostics;

  // The errors are the arithmetic's, as the layout groups the rows: 四.9 reads its two same-text rows (lines 623,
  // 624) as two items, as the page shows, and its task rate no longer reproduces (HZ203 23 → 24). The value rules
  // add none and, through the readings of HZ211, remove none.
  it('keeps the arithmetic findings: 48 errors (HZ201 18, HZ202 5, HZ203 24, HZ204 1)', () => {
    const errors = ds.filter((d) => d.severity === 'error');
    expect(errors.length).toBe(48);
    const count = (c: string) => errors.filter((d) => d.code === c).length;
    expect([count('HZ201'), count('HZ202'), count('HZ203'), count('HZ204')]).toEqual([18, 5, 24, 1]);
  });

  it('finds each new kind on its real lines, and nowhere else', () => {
    expect(linesOf(ds, 'HZ211')).toEqual([1550]); // 流调培训覆盖率 100% against 100
    expect(linesOf(ds, 'HZ212')).toEqual([563, 907, 1475]); // 0（待年底核算）, 0(省厅未认定), 0无
    expect(linesOf(ds, 'HZ213')).toEqual([55, 318, 619, 706, 888, 912, 1100, 1192, 1205, 1270, 1340, 1376]);
    expect(linesOf(ds, 'HZ214')).toEqual([755, 1388]); // 死亡率 22% against 不突破 0.22; 万台死亡率 0.23% against 控制在0.23以内
    expect(linesOf(ds, 'HZ309')).toEqual([766]);
    expect(linesOf(ds, 'HZ308')).toEqual([]);
    expect(linesOf(ds, 'HZ206')).toEqual([]); // the one pending value (line 563) is HZ212 now
  });

  it('finds gold line 55 (the text says 5 个, the target is 4 个) and nothing else new inside the 28 gold tasks', () => {
    const inside = (l: number) => gold.some((t) => l >= t.start_line && l <= t.end_line);
    const mine = ds.filter((d) => NEW.includes(d.code) && inside(d.line));
    expect(mine.map((d) => [d.code, d.line])).toEqual([['HZ213', 55]]);
    expect(mine[0]).toMatchObject({
      expected: '5 个',
      actual: '4 个',
      path: '/sections/1/groups/0/tasks/2/items/0/indicators/0/target',
    });
    expect(mine[0]!.message).toBe(
      'indicator "第二批入盒测试创新应用数" targets 4 个, but its item\'s description says 5 个 ("推动第二批 5 个创新应用入盒测试"): expected the figure the text promises, found another figure',
    );
  });

  it('says 100 个 against 100 座 (line 1270) is the same number in another unit', () => {
    const d = find(seed, 'HZ213').find((x) => x.line === 1270)!;
    expect(d).toMatchObject({ expected: '100 个', actual: '100 座' });
    expect(d.message).toContain('the same number in another unit');
  });

  it('keeps the remark in the tree and does not judge a value that is not final (lines 563, 907)', () => {
    const at907 = find(seed, 'HZ212').find((d) => d.line === 907)!;
    expect(at907).toMatchObject({ severity: 'warning', actual: '0(省厅未认定)' });
    expect(at907.path).toMatch(/\/indicators\/\d+\/current$/);
    const ind = seed.sections
      .flatMap((s) => s.groups.flatMap((g) => g.tasks.flatMap((t) => t.items.flatMap((i) => i.indicators))))
      .find((i) => i.line === 907)!;
    expect(ind.current).toMatchObject({ value: 0, note: '省厅未认定' });
    expect(ind.rate!.computed).toMatchObject({ status: 'not-computable', value: null });
  });

  it('keeps the ceiling handling beside HZ214 (line 1388: HZ208 too)', () => {
    expect(
      ds
        .filter((d) => d.line === 1388)
        .map((d) => d.code)
        .sort(),
    ).toEqual(['HZ208', 'HZ214']);
  });

  it('gives every new finding a path into the tree and a Chinese message without English words', () => {
    const mine = ds.filter((d) => NEW.includes(d.code));
    expect(mine.length).toBe(19);
    for (const d of mine) expect(d.path).toMatch(/^\/sections\/\d+\/groups\/\d+\/tasks\/\d+/);
    for (const d of localize(mine, 'zh')) expect(d.message).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe('target and current in different forms (HZ211, HZ205)', () => {
  it('reads 100% against 100 as a percentage, as the written rate implies', () => {
    const r = one('开展流调培训。', '流调培训覆盖率', '100%', '100', '100%');
    expect(find(r, 'HZ211')).toEqual([expect.objectContaining({ severity: 'warning', expected: '100%', actual: '100' })]);
    expect(find(r, 'HZ211')[0]!.message).toContain('the written rate 100% implies the current value reads 100%');
    expect(firstIndicator(r).rate!.computed!.status).toBe('consistent');
  });

  it('reads 98% against 0.98 written 100% as a fraction', () => {
    const r = one('提升覆盖率。', '覆盖率', '98%', '0.98', '100%');
    expect(find(r, 'HZ211')[0]).toMatchObject({ expected: '98%', actual: '0.98' });
    expect(codes(r)).not.toContain('HZ201');
  });

  it('reads 20万吨 against a bare 15 written 75% as 15万吨 (a magnitude missing on one side), not as an error', () => {
    const r = one('调入粮食。', '粮食调入量', '20万吨', '15', '75%');
    expect(find(r, 'HZ211')[0]).toMatchObject({ expected: '15万吨', actual: '15' });
    expect(find(r, 'HZ211')[0]!.message).toContain('a magnitude (万) on one side only');
    expect(codes(r)).not.toContain('HZ201');
    expect(firstIndicator(r).rate!.computed).toMatchObject({ status: 'consistent', value: 75 });
  });

  it('says when no reading gives the written rate, and judges the plain one', () => {
    const r = one('调入粮食。', '粮食调入量', '20万吨', '15', '30%');
    expect(find(r, 'HZ211')[0]!.message).toContain('no reading gives the written rate 30%');
    expect(codes(r)).toContain('HZ201');
  });

  it('says nothing of 0.5万套 against 6200套, 3万户 against 48468户, a bare 0, or 5个 against 3', () => {
    for (const [t, c, rate] of [
      ['0.5万套', '6200套', '124%'],
      ['3万户', '48468户', '161.56%'],
      ['20万吨', '0', '0%'],
      ['5个', '3', '60%'],
    ] as const) {
      expect(codes(one('某项工作。', '某指标', t, c, rate))).not.toContain('HZ211');
    }
  });

  it('reports a magnitude left out against the same unit only when the written rate implies it', () => {
    // 300万人 against 47.059人 written 15.69%: the rate implies 47.059万人
    const r = one('推进参保。', '参保人数', '300万人', '47.059人', '15.69%');
    expect(find(r, 'HZ211')[0]).toMatchObject({ expected: '47.059万人' });
  });

  it('property: a bare figure against a target with a magnitude, written at the rate that magnitude gives, is read with it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 900 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom('万', '亿'),
        (t, c, mag) => {
          const rate = `${((c / t) * 100).toFixed(2)}%`;
          const r = one('某项工作。', '某指标', `${t}${mag}吨`, String(c), rate);
          const d = find(r, 'HZ211');
          expect(d.map((x) => x.expected)).toEqual([`${c}${mag}吨`]);
          expect(codes(r)).not.toContain('HZ201');
          expect(codes(r)).not.toContain('HZ204');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('says which reading the rate implies for units that cannot be compared (HZ205)', () => {
    const same = one('召开会议。', '召开会议次数', '2次', '2个', '100%');
    expect(find(same, 'HZ205')[0]!.message).toBe(
      'target unit "次" and current unit "个" are not comparable; the written rate 100% is 2 / 2, as if both were in one unit',
    );
    const money = one('完成投资。', '投资额', '5亿元', '60%', '50%');
    expect(find(money, 'HZ205')[0]!.message).toContain('no reading of the figures gives the written rate 50%');
    expect(localize(find(money, 'HZ205'), 'zh')[0]!.message).toBe(
      '目标单位“元”与当前值单位“%”不可比；任何读法都得不出所写完成率 50%',
    );
  });
});

describe('values with a remark or a placeholder (HZ212)', () => {
  it('uses the number part and keeps the remark: 0(省厅未认定), 0（待年底核算） are not final', () => {
    for (const current of ['0(省厅未认定)', '0（待年底核算）']) {
      const r = one('建设平台。', '平台数', '8个', current, '0%');
      const d = find(r, 'HZ212');
      expect(d).toEqual([expect.objectContaining({ severity: 'warning', actual: current })]);
      expect(d[0]!.message).toContain('the figure is not final, so the rate cannot be verified');
      expect(firstIndicator(r).current!.value).toBe(0);
      expect(firstIndicator(r).current!.note).toBe(current.slice(2, -1));
      expect(firstIndicator(r).rate!.computed).toMatchObject({ status: 'not-computable', value: null });
      expect(firstIndicator(r).rate!.computed!.reason).toContain('the number part gives 0%');
    }
  });

  it('reports 0无 and goes on with its number part', () => {
    const r = one('做好防疫。', '不发生关联病例', '0无', '0', '100%');
    const d = find(r, 'HZ212');
    expect(d[0]!.message).toBe(
      'target is written "0无": expected a figure, found the number 0 with the remark "无"; the number part 0 is used',
    );
    expect(localize(d, 'zh')[0]!.message).toBe('目标值写为“0无”：应为数值，实为数值 0 加备注“无”；按数值部分 0 计算');
    expect(codes(r)).toContain('HZ208'); // a ceiling, judged as before
  });

  it('shows the number part with its magnitude and unit: 3万人（预计） is not final, 98%（全省第一） is used as 98%', () => {
    const r = one('某项工作。', '某指标', '3万人', '3万人（预计）', '100%');
    expect(find(r, 'HZ212')[0]!.message).toContain('found the number 3万人 with the remark "预计"; the figure is not final');
    const used = one('某项工作。', '某指标', '95%', '98%（全省第一）', '103.2%');
    expect(find(used, 'HZ212')[0]!.message).toContain('the number part 98% is used');
    expect(firstIndicator(used).rate!.computed!.status).toBe('consistent');
  });

  it('reports placeholders (—, /, 无) and a remark alone instead of HZ206', () => {
    // Through the whole compiler for 无 and （待年底核算） here (a lone dash or slash: the property below); the
    // recomputation on its own for every placeholder.
    for (const current of ['无', '（待年底核算）', '（ 待年底核算 ）']) {
      const r = one('某项工作。', '某指标', '10个', current, '0%');
      expect(find(r, 'HZ212').length).toBe(1);
      expect(find(r, 'HZ212')[0]!.message).toContain(current === '无' ? 'placeholder "无"' : 'the remark "待年底核算" alone');
      expect(codes(r)).not.toContain('HZ206');
      expect(firstIndicator(r).rate!.computed!.status).toBe('not-computable');
    }
    for (const current of ['—', '/', '／', '无']) {
      const r = one('某项工作。', '某指标', '10个', '1个', '0%');
      const ind = firstIndicator(r);
      ind.current = parseQuantity(current, ind.current!.at);
      const ds = recompute(r);
      expect(ds.filter((d) => d.code === 'HZ212').map((d) => d.actual)).toEqual([current]);
      expect(ds.map((d) => d.code)).not.toContain('HZ206');
      // Shown as written: a full-width ／ is not turned into / in the message.
      const hz212 = ds.filter((d) => d.code === 'HZ212');
      expect(hz212[0]!.message).toContain(`found the placeholder "${current}"`);
      expect(localize(hz212, 'zh')[0]!.message).toContain(`实为占位符“${current}”`);
      expect(ind.rate!.computed).toMatchObject({ status: 'not-computable', value: null });
    }
  });

  // A lone dash or slash written where a figure belongs: typed as a figure by the classifier, so it stays in
  // its column and says "no figure" (HZ212), rather than a cell left unplaced (HZ101) and a missing value.
  it('a lone dash or slash in the target or current column of damaged real blocks is HZ212 where it stands', () => {
    const PLACEHOLDERS = ['—', '-', '–', '/', '／', '——', '－'];
    const indicators = (r: Report) =>
      r.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks.flatMap((t) => t.items.flatMap((i) => i.indicators))));
    fc.assert(
      fc.property(
        fc.oneof(caseArb(0), caseArb(3)), // undamaged windows, and windows under damage
        fc.nat(),
        fc.constantFrom('target' as const, 'current' as const),
        fc.constantFrom(...PLACEHOLDERS),
        (c, n, role, ph) => {
          const plain = { ...c, fmt: PLAIN, hostile: [] };
          const doc = buildDoc(plain);
          const before = compileOk(render(doc).bytes, hasFigures(plain));
          fc.pre(before !== undefined);
          // A figure written in one cell of its own (PLAIN rendering: line i + 1 is doc[i]).
          const written = indicators(before!).flatMap((ind) => {
            const q = ind[role];
            return q && q.value !== null && q.note === null && q.at.length === 1 ? [q.at[0]!] : [];
          });
          fc.pre(written.length > 0);
          const at = written[n % written.length]!;
          doc[at.line - 1]!.cells[at.field] = ph;
          const { text, bytes } = render(doc);
          const after = compileOk(bytes)!;
          checkDocument(after, text); // schema-valid, every non-empty cell placed or reported
          const here = after.diagnostics.filter((d) => d.line === at.line && d.column === at.column);
          // Placed, whatever the damage: a dash fits every figure column, so it is never left over.
          expect(here.map((d) => d.code)).not.toContain('HZ101');
          // In a row the damage left as written, it is read where it stands: that value, written as no figure.
          if (c.ops.length === 0) {
            expect(here.map((d) => d.code)).toContain('HZ212');
            expect(here.find((d) => d.code === 'HZ212')!.actual).toBe(ph);
            const missing = role === 'target' ? 'HZ302' : 'HZ303';
            expect(after.diagnostics.filter((d) => d.line === at.line && d.code === missing)).toEqual([]);
          }
        },
      ),
      { numRuns: 200, seed: 20211201 },
    );
  });

  it('takes stray punctuation left by a cut cell (146.) for no remark', () => {
    expect(remarkOf(parseQuantity('146.', []))).toBeNull();
    expect(remarkOf(parseQuantity('146（）', []))).toBeNull();
  });

  it('takes bounding words for what they are (不少于95%, 35个以上, 约3万人), and a date as no number (HZ206)', () => {
    for (const [t, c] of [
      ['不少于95%', '96%'],
      ['35个以上', '35个'],
      ['约3万人', '3万人'],
    ] as const) {
      expect(codes(one('某项工作。', '某指标', t, c, '100%'))).not.toContain('HZ212');
    }
    const date = one('某项工作。', '某指标', '6月底', '6月底', '100%');
    expect(codes(date)).toContain('HZ206');
    expect(codes(date)).not.toContain('HZ212');
  });

  it('property: a remark appended to a value never changes its number part, and is always reported', () => {
    const values = [
      '0',
      '8个',
      '100%',
      '0.5万套',
      '121万头',
      '14条（段）',
      '400 场（次）',
      '23.6 万人 次',
      '1件/万人口',
      '不少于95%',
      '35个以上',
    ];
    const words = ['待年底核算', '省厅未认定', '暂无数据', '预计', '未统计', '含续建项目', '注：按口径调整后数据为准'];
    const brackets = [
      ['(', ')'],
      ['（', '）'],
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...values),
        fc.constantFrom(...words),
        fc.constantFrom(...brackets),
        (value, word, [open, close]) => {
          const plain = parseQuantity(value, []);
          const text = `${value}${open}${word}${close}`;
          const q = parseQuantity(text, []);
          expect(q.value).toBe(plain.value);
          // the note is the remark as the grammar reads it (half-width); the text stays as written
          expect(q.text).toBe(text);
          expect(q.note).toContain(halfWidth(word));
          expect(remarkOf(q)?.text).toContain(halfWidth(word));
          // in the tree as the current value (set by hand: whether a row classifier takes the cell for a value is
          // the layout's business), against a target of the same form
          const r = one('某项工作。', '某指标', '8个', '8个', '100%');
          const ind = firstIndicator(r);
          ind.target = parseQuantity(value === '0' ? '8个' : value, ind.target!.at);
          ind.current = parseQuantity(text, ind.current!.at);
          const ds = recompute(r).filter((d) => d.code === 'HZ212');
          expect(ds.map((d) => d.actual)).toEqual([text]);
          expect(ds[0]!.path).toBe('/sections/0/groups/0/tasks/0/items/0/indicators/0/current');
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the text promises another figure (HZ213)', () => {
  it('finds 5 个 in the text against a target of 4个', () => {
    const r = one('推动第二批 5 个创新应用入盒测试。', '第二批入盒测试创新应用数', '4个', '4个', '100%');
    expect(find(r, 'HZ213')).toEqual([expect.objectContaining({ severity: 'warning', expected: '5 个', actual: '4个' })]);
    expect(localize(find(r, 'HZ213'), 'zh')[0]!.message).toBe(
      '指标“第二批入盒测试创新应用数”的目标值为 4个，但细化项目说明写的是 5 个（“推动第二批 5 个创新应用入盒测试”）：应与说明所写一致，实为另一个数',
    );
  });

  it('finds 100 个 in the text against 100 座', () => {
    const r = one('完成水文测报站点新建及改造提升 100 个。', '完成水文测报站点新建及改造提升数', '100 座', '100 座', '100%');
    expect(find(r, 'HZ213')[0]).toMatchObject({ expected: '100 个', actual: '100 座' });
  });

  it('is silent where the figures agree, a bound is respected, or the count is not clearly the same', () => {
    const silent: [item: string, name: string, target: string][] = [
      ['推动 5 个创新应用入盒测试。', '创新应用数', '5个'], // agree
      ['建立35个以上省外订单粮食基地。', '粮食基地数', '36个'], // a lower bound the target respects
      ['建成 0.5万套 保障房。', '保障房建成数', '5000套'], // the same figure in another magnitude
      ['开工建设 7 个未来社区项目，推进 20 个重大项目。', '项目数', '8个'], // two counts: which one?
      ['推动 5 个创新应用入盒测试。', '试点城市数', '4个'], // the name's noun is not in the text
      ['完成年度投资 105 亿元。', '开工项目数', '4个'], // another kind of quantity
      ['2021 年完成 3 项改革。', '改革事项数', '3项'], // a year is not a quantity
      ['帮助探索形成 2-3 条转化路径。', '转化路径数', '2条'], // a range is not one figure
    ];
    for (const [item, name, target] of silent)
      expect(codes(one(item, name, target, target, '100%')), item).not.toContain('HZ213');
  });

  it('among several figures of one kind, takes the one whose clause alone names the indicator clearly', () => {
    const item = '力争实现规上工业增加值增长6%，工业投资增长10%。';
    const r = one(item, '工业投资增长率', '48.30%', '48.30%', '100%');
    expect(find(r, 'HZ213')[0]).toMatchObject({ expected: '10%', actual: '48.30%' });
    expect(codes(one(item, '规上工业增加值增长率', '6%', '6%', '100%'))).not.toContain('HZ213');
    // a name holding a figure of its own, or clauses that name it equally, say too little about which figure is meant
    expect(
      codes(one('固化已完成的 14 项工作,推进其余 42 项工作。', '42 项工作清单完成数', '10 项', '7 项', '70%')),
    ).not.toContain('HZ213');
    expect(codes(one('建成快速路 8 条和隧道 3 条。', '快速路和隧道建成数', '9条', '9条', '100%'))).not.toContain('HZ213');
  });

  it('is silent when another indicator of the item has the figure the text gives', () => {
    const r = compile(
      tsv(
        [
          '1',
          '推进某项重点工作。',
          '100%',
          '新增100家社区便利店。',
          '100%',
          '新增社区便利店数',
          '1000家',
          '1000家',
          '100%',
          '市某局',
          '亮点。',
          '计划。',
        ],
        ['', '', '', '', '', '新增连锁便利店数', '100家', '100家', '100%'],
      ),
    );
    expect(codes(r)).not.toContain('HZ213');
  });

  it('reads quantities in prose: number, magnitude, unit, bounds; not dates, ordinals, codes or ranges', () => {
    const qs = proseQuantities(
      '2021年推动第2批 5 个应用、4号线、5G基站1.2万座,投资3亿元,死亡率控制在0.23以内,不少于 200 个,2-3条',
    );
    expect(qs.map((q) => [q.text, q.value, q.unit, q.bound])).toEqual([
      ['5 个', 5, '个', null],
      ['1.2万座', 12000, '座', null],
      ['3亿元', 3e8, '元', null],
      ['0.23', 0.23, null, 'max'],
      ['200 个', 200, '个', 'min'],
    ]);
  });
});

describe('a ceiling written as a percentage against its text (HZ214)', () => {
  it('finds 万台死亡率控制在0.23以内 against 0.23%, beside the ceiling handling (HZ208)', () => {
    const r = one('全市特种设备万台死亡率控制在0.23以内。', '特种设备万台死亡率', '0.23%', '0', '100%');
    expect(find(r, 'HZ214')).toEqual([expect.objectContaining({ severity: 'warning', expected: '0.23', actual: '0.23%' })]);
    expect(codes(r)).toContain('HZ208');
    expect(codes(r)).not.toContain('HZ213');
  });

  it('is silent when the text gives a percentage too, or the target is written as the text gives it', () => {
    expect(codes(one('城镇登记失业率控制在3.5%以内。', '城镇登记失业率', '3.5%', '2.51%', '100%'))).not.toContain('HZ214');
    expect(codes(one('全市特种设备万台死亡率控制在0.23以内。', '特种设备万台死亡率', '0.23', '0', '100%'))).not.toContain(
      'HZ214',
    );
  });
});

describe('missing text (HZ309, HZ308, HZ304)', () => {
  const row = (highlights: string, next: string): Row => [
    '1',
    '推进某项重点工作。',
    '100%',
    '完成某事。',
    '100%',
    '完成数',
    '1个',
    '1个',
    '100%',
    '市某局',
    highlights,
    next,
  ];

  const second: Row = [
    '2',
    '推进另一项重点工作。',
    '100%',
    '完成另一事。',
    '100%',
    '完成数',
    '1个',
    '1个',
    '100%',
    '市某局',
    '亮点。',
    '计划。',
  ];

  it('reports a task with neither highlights nor next steps, once, at the task', () => {
    const r = compile(tsv(row('', ''), second));
    expect(find(r, 'HZ309')).toEqual([expect.objectContaining({ severity: 'warning', path: '/sections/0/groups/0/tasks/0' })]);
    expect(localize(find(r, 'HZ309'), 'zh')[0]!.message).toContain('“主要亮点”和“存在问题与下步计划”');
  });

  it('says nothing when no task of the report has either (a layout without those columns)', () => {
    const r = compile(tsv(row('', ''), [...second.slice(0, 10), '', ''] as unknown as Row));
    expect(r.summary.tasks).toBe(2);
    expect(codes(r)).not.toContain('HZ309');
  });

  it('is silent when either is written, in any row of the task', () => {
    expect(codes(compile(tsv(row('亮点。', ''))))).not.toContain('HZ309');
    expect(codes(compile(tsv(row('', '下一步。'))))).not.toContain('HZ309');
    const later = compile(tsv(row('', ''), ['', '', '', '', '', '完成数二', '1个', '1个', '100%', '', '', '下一步。']));
    expect(codes(later)).not.toContain('HZ309');
  });

  it('reports a rate without figures once (HZ308), not as a missing target and a missing current', () => {
    const r = compile(
      tsv(['1', '推进某项重点工作。', '80%', '完成某事。', '80%', '完成数', '', '', '80%', '市某局', '亮点。', '计划。']),
    );
    expect(find(r, 'HZ308')).toEqual([expect.objectContaining({ severity: 'warning', actual: '80%' })]);
    expect(codes(r)).not.toContain('HZ302');
    expect(codes(r)).not.toContain('HZ303');
  });

  it('reports an item without a rate with the existing code (HZ304)', () => {
    const r = compile(
      tsv(['1', '推进某项重点工作。', '100%', '完成某事。', '', '完成数', '1个', '1个', '100%', '市某局', '亮点。', '计划。']),
    );
    expect(find(r, 'HZ304').map((d) => d.path)).toEqual(['/sections/0/groups/0/tasks/0/items/0/rate']);
  });
});

describe('on damaged blocks of the bundled report', () => {
  /** The node a JSON pointer names in the report, or undefined. */
  const resolve = (r: Report, path: string): unknown =>
    path
      .split('/')
      .slice(1)
      .reduce<unknown>(
        (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
        r,
      );

  const REPORT_TEXT = ['text', 'target', 'current', 'name', 'said', 'context', 'rate'];
  /** A message without the report's own text: the args that carry it, and passages quoted “…”. */
  const ourWords = (d: Diagnostic): string => {
    let m = d.message;
    for (const k of REPORT_TEXT) {
      const v = d.args?.[k];
      if (typeof v === 'string' && v !== '') m = m.split(v).join('');
    }
    return m.replace(/“[^”]*”/g, '');
  };

  it('property: every value finding points at a node of the tree and a source line, and reads in Chinese', () => {
    let compiled = 0;
    fc.assert(
      fc.property(caseArb(), (c) => {
        const { bytes } = render(buildDoc(c));
        const r = compileOk(bytes, hasFigures(c));
        if (r === undefined) return; // a window without figures, rightly refused (HZ003): nothing to check (counted below)
        compiled++;
        const mine = r.diagnostics.filter((d) => NEW.includes(d.code));
        for (const d of mine) {
          expect(resolve(r, d.path), d.path).toBeDefined();
          expect(d.line).toBeGreaterThan(0);
        }
        // our words only: the report's own text (values, names, quoted passages) may hold anything
        for (const d of localize(mine, 'zh')) expect(ourWords(d)).not.toMatch(/[A-Za-z]{3,}/);
      }),
      { numRuns: 40 },
    );
    expect(compiled).toBeGreaterThan(20);
  });
});
