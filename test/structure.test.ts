// Structure decided by what a row carries and by the arithmetic, and said when unsure
// (docs/diagnostics.md HZ102, HZ115): checked on the bundled report.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { typeOf } from '../src/classify.js';
import { render } from '../src/diagnostics.js';
import { fromReport, tasksOf } from './helpers/sim/transcription.js';
import { render2 } from './helpers/sim2/render.js';
import type { Task } from '../src/model.js';

/** The bundled report's two-row page header, in the canonical column order. */
const H =
  '序号\t重点工作\t\t细化项目\t\t量化指标\t\t\t\t责任单位\t主要亮点\t存在问题与下步计划\n\t任务说明\t完成率\t任务说明\t完成率\t指标名称\t数值及单位\t当前值\t完成率\t\t\t\n';

const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url));
const report = compile(seed);
const task = (section: string, no: number): Task => {
  for (const s of report.sections)
    if (s.ordinal === section) for (const g of s.groups) for (const t of g.tasks) if (t.no === no) return t;
  throw new Error(`no task ${section}.${no}`);
};
const rowsOf = (t: Task) => t.items.map((i) => [i.lines.start, ...i.indicators.map((x) => x.line)]);

describe('continuation and regrouping on the bundled report', () => {
  it('reads two rows with the same item text and rate within a page as two items (四.9, lines 623 and 624)', () => {
    const t = task('四', 9);
    const at = t.items.map((i) => i.lines.start);
    expect(at).toContain(623);
    expect(at).toContain(624);
    expect(t.items[at.indexOf(623)]!.description).toBe(t.items[at.indexOf(624)]!.description);
  });

  it('never moves a row above a numbered row into the next task (四.103 and 四.104 keep row order)', () => {
    expect(rowsOf(task('四', 103)).flat()).toEqual(expect.arrayContaining([1339, 1340, 1341]));
    expect(Math.min(...rowsOf(task('四', 104)).flat())).toBeGreaterThanOrEqual(task('四', 104).lines.start);
  });

  it('marks every task with how its structure was decided, names the other reading where unsure, and counts them', () => {
    const tasks = report.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks));
    expect(tasks.every((t) => t.structure === 'layout' || t.structure === 'arithmetic' || t.structure === 'ambiguous')).toBe(
      true,
    );
    const unsure = tasks.filter((t) => t.structure === 'ambiguous');
    expect(unsure.length).toBeGreaterThan(0);
    expect(report.summary.uncertain).toBe(unsure.length);
    const notes = report.diagnostics.filter((d) => d.code === 'HZ115');
    for (const t of unsure)
      expect(
        notes.some((d) => d.line === t.lines.start),
        `task at ${t.lines.start}`,
      ).toBe(true);
    // 四.74: row order stands, both readings reproduce the rates, and the name at line 1122 shares half its
    // words with the next item's text: marked, the message names the reading not taken
    const lean = notes.find((d) => d.line === task('四', 74).lines.start)!;
    expect(lean.message).toMatch(
      /indicator "富阳污水处理厂五期" under the item below it, whose text its name echoes \(line 1122\)/,
    );
    // 四.9: two items within a page, as the format says; the rates tie, which leaves nothing in doubt
    expect(task('四', 9).structure).toBe('layout');
    expect(tasks.filter((t) => t.structure === 'layout').length).toBeGreaterThan(200);
  });

  it('keeps every cell accounted for', () => {
    const s = report.summary;
    expect(s.cellsPlaced + s.cellsReported).toBe(s.cellsSeen);
    const cells = seed
      .toString('utf8')
      .split('\n')
      .reduce((n, l) => n + l.split('\t').filter((f) => f.replace(/<[^>]*>/g, '').trim() !== '').length, 0);
    expect(s.cellsSeen).toBe(cells);
  });
});

describe('cell types', () => {
  it('reads a text that starts with a year as text, a number with a short unit as a quantity', () => {
    for (const t of ['2021年底完成', '2021年', '2025年前全面建成']) expect(typeOf(t, false), t).not.toBe('qty');
    for (const t of ['121万头', '30 万吨/天', '14条（段）', '0(省厅未认定)']) expect(typeOf(t, false), t).toBe('qty');
  });
});

describe("continuation decided by the arithmetic where a row carries a rate equal to the cut item's", () => {
  const head = `${H}91\t加快国际茶博会永久会址建设。\tRATE\t实施管线迁移等工作\t66%\t实施管线迁移\t100%\t66%\t66%\t市某局\t\t\n\t\t\t实施控规局调论证\t100%\t实施控规局调\t100%\t100%\t100%\t\t\t\n\n${H}\t\t\t完成农转用报批\t100%\t完成农转用报批\t100%\t100%\t100%\t\t\t\n`;
  const items = (rate: string) =>
    compile(head.replace('RATE', rate)).sections[0]!.groups[0]!.tasks[0]!.items.map((i) => i.description);

  it('reads the text after the page header as an item of its own when only that reproduces the task rate', () => {
    expect(items('89%')).toEqual(['实施管线迁移等工作', '实施控规局调论证', '完成农转用报批']);
  });

  it('keeps it as the tail of the cut text when that reproduces the task rate', () => {
    expect(items('83%')).toEqual(['实施管线迁移等工作', '实施控规局调论证完成农转用报批']);
  });
});

describe('owner column beside the indicator columns', () => {
  const H =
    '编号\t重点工作\t重点工作完成进度\t细化项目\t细化项目完成进度\t主办单位\t指标名称\t年度目标\t实际完成\t指标完成进度\t工作成效\t下步计划\n';
  it("reads a unit-like text beside nameless figures as the indicator's name once the task has its unit", () => {
    const text = `${H}30\t健全应急指挥体系。\t87%\t推进三级指挥体系建设。\t87%\t市应急管理局\t指挥体系\t100%\t87%\t87%\t\t\n\n${H}\t\t\t\t\t\t市县乡三级可视化\t100%\t87%\t87%\t\t\n`;
    const t = compile(text).sections[0]!.groups[0]!.tasks[0]!;
    expect(t.owner).toBe('市应急管理局');
    expect(t.items[0]!.indicators.map((x) => x.name)).toEqual(['指挥体系', '市县乡三级可视化']);
  });
});

describe('indicators under their items where the arithmetic ties', () => {
  const names = (text: string) =>
    compile(H + text).sections[0]!.groups[0]!.tasks[0]!.items.map((i) => i.indicators.map((x) => x.name));

  it('keeps a row without a name with the indicator above it, whose name cell it continues', () => {
    // the second item's text sits on the first continuation row; every rate is 100%, so only the merged
    // name cell says where the second item begins
    const rows = [
      '24\t深入推进住房保障。\t100%\t探索多元化住房保障。\t100%\t形成调研报告\t3个\t4个\t133.3%\t市某局\t\t',
      '\t\t\t\t\t新建量\t30万平方米\t36.38万平方米\t100%\t\t\t',
      '\t\t\t加大建设力度。\t100%\t\t0.5万套\t6200套\t100%\t\t\t',
      '\t\t\t\t\t\t5万套\t5.6万套\t100%\t\t\t',
    ];
    expect(names(rows.join('\n'))).toEqual([['形成调研报告'], ['新建量', '', '']]);
  });

  it('gives a row to the neighbouring item whose text its name echoes, when both readings reproduce every rate', () => {
    // the second item's text was written on the first item's last row (its span starts one row lower)
    const rows = [
      '45\t实施集成电路攻坚。\t100%\t支持钱塘芯谷建设，研究士兰微芯片生产线项目。\t100%\t钱塘芯谷项目数\t12个\t12个\t100%\t市某局\t\t',
      '\t\t\t举办芯机联动对接活动。\t100%\t士兰微芯片生产线项目对接\t4次\t4次\t100%\t\t\t',
      '\t\t\t\t\t举办活动数\t4场\t6场\t150%\t\t\t',
    ];
    expect(names(rows.join('\n'))).toEqual([['钱塘芯谷项目数', '士兰微芯片生产线项目对接'], ['举办活动数']]);
  });

  it('keeps row order where the words say nothing: an indicator written twice, or names that echo no item', () => {
    const twice = [
      '9\t拓宽转化通道。\t100%\t支持建立核算平台。\t100%\t平台数量\t1个\t1个\t100%\t市某局\t\t',
      '\t\t\t\t\t探索转化路径\t2条\t2条\t100%\t\t\t',
      '\t\t\t帮助探索形成可推广的转化路径。\t100%\t探索转化路径\t2条\t2条\t100%\t\t\t',
    ];
    expect(names(twice.join('\n'))).toEqual([['平台数量', '探索转化路径'], ['探索转化路径']]);
    const plain = [
      '45\t实施集成电路攻坚。\t100%\t支持芯谷建设。\t100%\t项目数\t12个\t12个\t100%\t市某局\t\t',
      '\t\t\t举办对接活动。\t100%\t建设进度\t80%\t80%\t100%\t\t\t',
      '\t\t\t\t\t活动数\t4场\t6场\t150%\t\t\t',
    ];
    expect(names(plain.join('\n'))).toEqual([['项目数'], ['建设进度', '活动数']]);
  });
});

describe('an item text and rate repeated on the first row of a page', () => {
  const text = (taskRate: string) =>
    `${H}9\t加大项目建设力度。\t${taskRate}\t下达投资计划。\t40%\t下达计划数\t5个\t2个\t40%\t市某局\t\t\n` +
    `\t\t\t开展比学赶超活动。\t100%\t开展活动数\t1个\t1个\t100%\t\t\t\n\n` +
    `${H}\t\t\t开展比学赶超活动。\t100%\t活动场次\t2场\t2场\t100%\t\t\t\n`;
  const read = (taskRate: string) => {
    const r = compile(text(taskRate));
    const t = r.sections[0]!.groups[0]!.tasks[0]!;
    return { items: t.items.map((i) => i.indicators.map((x) => x.name)), structure: t.structure, r };
  };

  it("is the merged cell of the item above where that reproduces the task's rate", () => {
    expect(read('70%').items).toEqual([['下达计划数'], ['开展活动数', '活动场次']]);
  });

  it("is a second item of its own where only that reproduces the task's rate", () => {
    expect(read('80%').items).toEqual([['下达计划数'], ['开展活动数'], ['活动场次']]);
  });

  it('is a second item where neither reading reproduces it (the report writes identical items, never an item text again at a page top), marked ambiguous, naming the other reading', () => {
    const { items, structure, r } = read('75%');
    expect(items).toEqual([['下达计划数'], ['开展活动数'], ['活动场次']]);
    expect(structure).toBe('ambiguous');
    expect(r.diagnostics.find((d) => d.code === 'HZ115')?.message).toMatch(/read as the merged cell of the item above/);
  });
});

describe("a cut item text whose tail follows the next task's numbered row", () => {
  it("goes on with the previous task's last item, which stops mid-sentence, not the new task's complete one", () => {
    // task 8's numbered row sits above task 7's last rows; the page break falls among them
    const text =
      `${H}7\t提升急救能力。\t75%\t制定实施意见。\t50%\t文件数\t2个\t1个\t50%\t市某局\t\t\n` +
      `\t\t\t新建1个综合性急救站点。新增\t100%\t新建综合急救站点\t1个\t1个\t100%\t\t\t\n` +
      `8\t加快医院总部建设。\t50%\t一期一标段完成设计试桩。\t50%\t工程任务完成率\t100%\t50%\t50%\t某区\t\t\n` +
      `\t\t\t\t\t新增救护车数\t10辆\t13辆\t130%\t\t\t\n\n` +
      `${H}\t\t\t救护车10辆。\t\t流调培训覆盖率\t100%\t100%\t100%\t\t\t\n`;
    const [t7, t8] = compile(text).sections[0]!.groups[0]!.tasks;
    expect(t7!.items.map((i) => i.description)).toEqual(['制定实施意见。', '新建1个综合性急救站点。新增救护车10辆。']);
    expect(t8!.items.map((i) => i.description)).toEqual(['一期一标段完成设计试桩。']);
  });
});

describe('figures with words', () => {
  // the second item's text sits on its second row; every rate is 100% or more, so the rates tie
  const rows = (second: string) =>
    `${H}26\t新增体育场地设施200处。\t100%\t完成项目建设方招投标，确保全部项目开工。\t100%\t开工项目数\t200个\t200个\t100%\t市某局\t\t\n` +
    `\t\t\t\t\t完成项目数\t100处\t180处\t180%\t\t\t\n` +
    `\t\t\t${second}\t100%\t未完成的项目施工进度\t54.70%\t56%\t102.4%\t\t\t\n`;
  const read = (second: string) => {
    const t = compile(rows(second)).sections[0]!.groups[0]!.tasks[0]!;
    return { names: t.items.map((i) => i.indicators.map((x) => x.name)), structure: t.structure };
  };
  it('gives a row whose name leans to the neighbouring item to it where that text states its target', () => {
    expect(read('完成项目100处，完工率达50%。').names).toEqual([['开工项目数'], ['完成项目数', '未完成的项目施工进度']]);
  });
  it('reads a percentage target as a figure too, unless 0% or 100%', () => {
    const pct = (text: string) =>
      compile(
        `${H}14\t强化社会保障。\t100%\t降低失业保险费率，${text}\t100%\t工伤降低费率百分比\t50%\t50%\t100%\t市某局\t\t\n` +
          '\t\t\t制定出台实习生参保办法。\t100%\t失业保险单位及个人缴费比例\t0.50%\t0.50%\t100%\t\t\t\n' +
          '\t\t\t\t\t出台实习生参保文件\t1个\t1个\t100%\t\t\t\n',
      ).sections[0]!.groups[0]!.tasks[0]!.items.map((i) => i.indicators.map((x) => x.name));
    expect(pct('失业保险单位和职工均按0.5%费率缴纳。')).toEqual([
      ['工伤降低费率百分比', '失业保险单位及个人缴费比例'],
      ['出台实习生参保文件'],
    ]);
    expect(pct('失业保险单位和职工均按1%费率缴纳。')).toEqual([
      ['工伤降低费率百分比'],
      ['失业保险单位及个人缴费比例', '出台实习生参保文件'],
    ]);
  });
  it('keeps row order, marked ambiguous, where the figure is not the target (another unit)', () => {
    expect(read('完成项目100个，完工率达50%。')).toEqual({
      names: [['开工项目数', '完成项目数'], ['未完成的项目施工进度']],
      structure: 'ambiguous',
    });
  });
});

describe('a short name alone in the item-text column', () => {
  it('is an indicator without figures of the item above (its cell slid left; every item has a rate)', () => {
    const text =
      `${H}9\t推进交通建设。\t45%\t加快推进铁路项目建设。\t90%\t铁路项目投资额\t100亿元\t90亿元\t90%\t市某局\t\t\n` +
      `\t\t\t高速公路项目投资额\t\t\t\t\t\t\t\t\n` +
      `\t\t\t支持大花园创建。\t0%\t创建单位数量\t1个\t0\t0%\t\t\t\n`;
    const t = compile(text).sections[0]!.groups[0]!.tasks[0]!;
    expect(t.items.map((i) => [i.description, i.indicators.map((x) => x.name)])).toEqual([
      ['加快推进铁路项目建设。', ['铁路项目投资额', '高速公路项目投资额']],
      ['支持大花园创建。', ['创建单位数量']],
    ]);
  });
});

describe('a name alone on the first row of a page', () => {
  const names = (text: string) =>
    compile(text).sections[0]!.groups[0]!.tasks[0]!.items.map((i) => i.indicators.map((x) => x.name));

  it('is an indicator without figures where the item whose rows it sits among would otherwise have none', () => {
    // the second item's text sits on the first item's last row (85.7% is the mean of 99.9% and 71.41%)
    const text =
      `${H}15\t深入实施数字经济工程。\t77.6%\t数字经济核心产业营业收入突破。\t85.7%\t增加值增幅\t15%\t14.99%\t99.9%\t市某局\t\t\n` +
      `\t\t\t推进人工智能创新发展试验区建设。\t100%\t营业收入额\t1.4万亿元\t0.9998万亿元\t71.41%\t\t\t\n\n` +
      `${H}\t\t\t\t\t场景开放数\t\t\t\t\t\t\n` +
      `\t\t\t深化与领军企业战略合作。\t47%\t重点项目数\t30个\t14个\t46.7%\t\t\t\n`;
    expect(names(text)).toEqual([['增加值增幅', '营业收入额'], ['场景开放数'], ['重点项目数']]);
  });

  it('stays the tail of the name cut above it where every item has its indicators', () => {
    const text =
      `${H}15\t深入实施数字经济工程。\t73%\t数字经济核心产业营业收入突破。\t99.9%\t增加值增幅\t15%\t14.99%\t99.9%\t市某局\t\t\n` +
      `\t\t\t推进人工智能创新发展试验区建设。\t46.7%\t重点项目\t30个\t14个\t46.7%\t\t\t\n\n` +
      `${H}\t\t\t\t\t引进数\t\t\t\t\t\t\n`;
    expect(names(text)).toEqual([['增加值增幅'], ['重点项目引进数']]);
  });

  it('is a name of its own where it says again most of the name above (a tail goes on with its text)', () => {
    const text =
      `${H}15\t提升开发区能级。\t60%\t加快项目引进。\t60%\t国家级经济技术开发区项目引进数\t5个\t3个\t60%\t市某局\t\t\n\n` +
      `${H}\t\t\t\t\t省级经济技术开发区项目引进数\t\t\t\t\t\t\n`;
    expect(names(text)).toEqual([['国家级经济技术开发区项目引进数', '省级经济技术开发区项目引进数']]);
    // the bundled report's cut names (a name's last characters on the first row of a page) stay joined
    const joined = task('三', 20).items.flatMap((i) => i.indicators.map((x) => x.name));
    expect(joined).toContain('104国道杭州至绍兴公路（余杭良渚至崇贤段）改建工程投资额');
  });
});

describe('a repeated item', () => {
  const names = (text: string) =>
    compile(H + text).sections[0]!.groups[0]!.tasks[0]!.items.map((i) => i.indicators.map((x) => x.name));

  it('counts the same indicators as the item it repeats, where the rates tie', () => {
    // the second item's text sits on its second row; every rate is 100%, and the words say little
    const rows = [
      '120\t健全协作机制。\t100%\t做好大规模检测准备。\t100%\t建立工作预案数\t1个\t1个\t100%\t市某局\t\t',
      '\t\t\t\t\t市区2级小分队建成率\t100%\t100%\t100%\t\t\t',
      '\t\t\t建好流调小分队。\t100%\t培训覆盖率\t100%\t100%\t100%\t\t\t',
      '\t\t\t建好流调小分队。\t100%\t市区2级小分队建成率\t100%\t100%\t100%\t\t\t',
      '\t\t\t\t\t培训覆盖率\t100%\t100%\t100%\t\t\t',
    ];
    expect(names(rows.join('\n'))).toEqual([
      ['建立工作预案数'],
      ['市区2级小分队建成率', '培训覆盖率'],
      ['市区2级小分队建成率', '培训覆盖率'],
    ]);
  });

  it('keeps row order where no single move makes the two alike', () => {
    const rows = [
      '9\t加大项目建设力度。\t100%\t下达投资计划。\t100%\t下达计划数\t1个\t1个\t100%\t市某局\t\t',
      '\t\t\t开展比学赶超活动。\t100%\t下达计划数\t1个\t1个\t100%\t\t\t',
      '\t\t\t开展比学赶超活动。\t100%\t开展活动数\t1个\t1个\t100%\t\t\t',
    ];
    expect(names(rows.join('\n'))).toEqual([['下达计划数'], ['下达计划数'], ['开展活动数']]);
  });
});

describe('readings the arithmetic values alike', () => {
  it('are decided by the words, however little they say', () => {
    // the third item's text sits on the second item's last row; moving either neighbouring row into the
    // second item reproduces its 50%, with one move each: the row whose name echoes the second item's text
    // a little goes, not the one that echoes the first item's
    const rows = [
      '136\t实施人才工程。\t83.33%\t举办大学生双创日活动。\t100%\t双创日参与人次\t10万人次\t23.6万人次\t236%\t市某局\t\t',
      '\t\t\t\t\t双创日开幕式参与人数\t300人\t350人\t116.7%\t\t\t',
      '\t\t\t举办人才交流大会和创新创业大赛。\t50%\t人才交流大会场数\t1场\t0\t0%\t\t\t',
      '\t\t\t办好人才云市场，举办云聘会。\t100%\t大赛参赛项目数\t1000个\t1397个\t139.7%\t\t\t',
      '\t\t\t\t\t云聘会场数\t600场\t701场\t116.83%\t\t\t',
    ];
    const t = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks[0]!;
    expect(t.items.map((i) => i.indicators.map((x) => x.name))).toEqual([
      ['双创日参与人次', '双创日开幕式参与人数'],
      ['人才交流大会场数', '大赛参赛项目数'],
      ['云聘会场数'],
    ]);
  });
});

describe("a row below a task's numbered row", () => {
  const read = (name: string) => {
    const rows = [
      '142\t加快建设重大文化地标。\t100%\t加快建设国家版本馆杭州分馆、杭州音乐厅等重大文化地标。\t100%\t中华版本资源征集数\t40000件\t94942件\t237.4%\t市某局\t\t',
      '143\t深化国有文艺院团改革。\t100%\t突出问题导向，坚持一团一策。\t100%\t出台文件数\t1个\t3个\t300%\t市某局\t\t',
      `\t\t\t\t\t${name}\t2.6亿元\t2.6亿元\t100%\t\t\t`,
    ];
    return compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks.map((t) =>
      t.items.flatMap((i) => i.indicators.map((x) => x.name)),
    );
  };
  it("goes to the previous task's last item when the rates tie and its name echoes that item's text", () => {
    // the name alone decides across a task boundary: its target's figures would thin out the echo
    expect(read('杭州音乐厅项目总投资额')).toEqual([['中华版本资源征集数', '杭州音乐厅项目总投资额'], ['出台文件数']]);
  });
  it('stays in its own task where the name echoes neither', () => {
    expect(read('剧目演出场次投资额')).toEqual([['中华版本资源征集数'], ['出台文件数', '剧目演出场次投资额']]);
  });
});

describe('names with words', () => {
  // the second item's text sits on the first item's last row; every rate is 100% or more, and the row's
  // name shares half its words with the first item's text: clear, but too little to move it alone
  const read = (first: string) => {
    const rows = [
      `57\t加快供水工程建设。\t100%\t推进之江线施工图设计及施工招标工作。\t100%\t${first}\t100%\t100%\t100%\t市某局\t\t`,
      '\t\t\t闲林水厂一期投入运行。\t100%\t施工招标完成率\t100%\t138%\t138%\t\t\t',
      '\t\t\t\t\t每日可生产水总量\t30万吨/天\t30万吨/天\t100%\t\t\t',
    ];
    const t = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks[0]!;
    return { names: t.items.map((i) => i.indicators.map((x) => x.name)), structure: t.structure };
  };
  it('moves the row where its name goes on from the name across the boundary, not from its own neighbour', () => {
    expect(read('施工图完成率').names).toEqual([['施工图完成率', '施工招标完成率'], ['每日可生产水总量']]);
  });
  it('keeps row order, marked ambiguous, where the names say nothing', () => {
    expect(read('设计方案编制数')).toEqual({
      names: [['设计方案编制数'], ['施工招标完成率', '每日可生产水总量']],
      structure: 'ambiguous',
    });
  });
});

describe("rows below a task's numbered row that the rates give to the previous task", () => {
  it("take one row more where as many rates reproduce and its name echoes that task's last item", () => {
    // task 57's numbered row sits above task 56's last two rows; moving the first reproduces 56's 92%,
    // moving both as well (57's 90% is wrong either way): the second row's name says it goes too
    const rows = [
      '56\t建成城市快速路和主次干路。\t96%\t建设快速路。\t100%\t快速路里程\t8公里\t8公里\t100%\t市某局\t\t',
      '\t\t\t统筹推进主次干道建设，建成主次干路25条、30公里。\t92%\t主干路开工数\t10条\t10条\t100%\t\t\t',
      '57\t加快供水工程。\t90%\t江南线山岭段、平原段竣工。\t90%\t山岭段完工率\t100%\t58%\t58%\t市某局\t\t',
      '\t\t\t\t\t主次干路条数\t25条\t21条\t84%\t\t\t',
      '\t\t\t\t\t主次干路里程\t30公里\t27.6公里\t92%\t\t\t',
      '\t\t\t\t\t平原段完工率\t100%\t100%\t100%\t\t\t',
    ];
    const [t56, t57] = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks;
    expect(t56!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([
      ['快速路里程'],
      ['主干路开工数', '主次干路条数', '主次干路里程'],
    ]);
    expect(t57!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([['山岭段完工率', '平原段完工率']]);
  });
});

describe('names with words at a task boundary', () => {
  const read = (last: string) => {
    const rows = [
      `120\t健全应急处置机制。\t100%\t以区、县（市）为单位建好流调、核酸检测等小分队。\t100%\t${last}\t100%\t100%\t100%\t市某局\t\t`,
      '121\t抓好公众防护知识教育。\t100%\t完成职业人群检测。\t100%\t完成率\t80%\t100%\t125%\t市某局\t\t',
      '\t\t\t\t\t小分队培训覆盖率\t100%\t100%\t100%\t\t\t',
    ];
    return compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks.map((t) =>
      t.items.flatMap((i) => i.indicators.map((x) => x.name)),
    );
  };
  it("gives the row below the numbered row to the previous task where its words lean there and its name goes on from that task's last row", () => {
    expect(read('市区2级流调小分队建成率')).toEqual([['市区2级流调小分队建成率', '小分队培训覆盖率'], ['完成率']]);
  });
  it('keeps it where the names say nothing', () => {
    expect(read('流调人员到位率')).toEqual([['流调人员到位率'], ['完成率', '小分队培训覆盖率']]);
  });
});

describe('the same indicator twice in one item', () => {
  it('is parted, one copy to the neighbouring item, where the rates tie (the report writes an indicator again for another item, never twice in one)', () => {
    // the second item's text sits on the first item's last row, which repeats the second item's indicator
    const rows = [
      '9\t拓宽转化通道。\t100%\t支持建立核算平台。\t100%\t平台数量\t1个\t1个\t100%\t市某局\t\t',
      '\t\t\t服务推进两山银行试点建设。\t100%\t探索转化路径\t2条\t2条\t100%\t\t\t',
      '\t\t\t\t\t探索转化路径\t2条\t2条\t100%\t\t\t',
    ];
    const t = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks[0]!;
    expect(t.items.map((i) => i.indicators.map((x) => x.name))).toEqual([['平台数量', '探索转化路径'], ['探索转化路径']]);
  });
});

describe('names that begin alike, with leaning words', () => {
  // the second item's text sits on its second row; every rate is 100% or more, and the first item's last
  // row leans to the second item's text (0.23: too little to move it alone, as names with words needs)
  const read = (next: string) => {
    const rows = [
      '31\t加快亚运场馆建设。\t100%\t编制体验区建设方案。\t100%\t体验区方案编制数\t1个\t1个\t100%\t市某局\t\t',
      '\t\t\t\t\t各区县完成观赛空间模式建设率\t100%\t100%\t100%\t\t\t',
      `\t\t\t统筹观赛空间专项建设。\t100%\t${next}\t100%\t120%\t120%\t\t\t`,
    ];
    const t = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks[0]!;
    return { names: t.items.map((i) => i.indicators.map((x) => x.name)), structure: t.structure };
  };
  it('moves the row to the item whose first row begins with the same words (one list of a kind)', () => {
    expect(read('各区县完成观赛空间数字化率').names).toEqual([
      ['体验区方案编制数'],
      ['各区县完成观赛空间模式建设率', '各区县完成观赛空间数字化率'],
    ]);
  });
  it('keeps row order, marked ambiguous, where the names begin otherwise', () => {
    expect(read('数字化覆盖率')).toEqual({
      names: [['体验区方案编制数', '各区县完成观赛空间模式建设率'], ['数字化覆盖率']],
      structure: 'ambiguous',
    });
  });
});

describe("a row below a task's numbered row that spares moves within the previous task", () => {
  // task 2's numbered row sits above task 1's last row; the rates reproduce either way, but without that
  // row task 1's third item reproduces its 75% only by taking rows from the items above it
  const rows = [
    '1\t推进甲工作。\t91.67%\t完成甲项目。\t100%\t甲指标\t1个\t1个\t100%\t市某局\t\t',
    '\t\t\t\t\t乙指标\t2个\t2个\t100%\t\t\t',
    '\t\t\t完成丙项目。\t100%\t丙指标\t10个\t12个\t120%\t\t\t',
    '\t\t\t完成丁项目。\t75%\t丁指标\t10个\t5个\t50%\t\t\t',
    '2\t推进戊工作。\t100%\t完成戊项目。\t100%\t戊指标\t1个\t1个\t100%\t市某局\t\t',
    '\t\t\t\t\t己指标\t3个\t3个\t100%\t\t\t',
  ];
  it("goes to the previous task's last item, so that fewer rows leave row order, marked ambiguous naming row order", () => {
    const r = compile(H + rows.join('\n'));
    const [t1, t2] = r.sections[0]!.groups[0]!.tasks;
    expect(t1!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([
      ['甲指标', '乙指标'],
      ['丙指标'],
      ['丁指标', '己指标'],
    ]);
    expect(t2!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([['戊指标']]);
    expect([t1!.structure, t2!.structure]).toEqual(['ambiguous', 'ambiguous']);
    // said in both languages, the Chinese without an English word
    const said = r.diagnostics.find((d) => d.code === 'HZ102' && /fewer/.test(d.message));
    expect(render('HZ102', said!.args!, 'zh')).not.toMatch(/[A-Za-z]{2,}/);
  });
  it('counts an item text and rate written again at a page top as the merged cell it may be', () => {
    const paged = [
      ...rows.slice(0, 4),
      '',
      H.trimEnd(),
      '\t\t\t完成丁项目。\t75%\t庚指标\t4个\t3个\t75%\t\t\t',
      '2\t推进戊工作。\t100%\t完成戊项目。\t100%\t戊指标\t1个\t1个\t100%\t市某局\t\t',
      '\t\t\t\t\t己指标\t3个\t3个\t100%\t\t\t',
    ];
    // 丁 50%, 庚 75%, 己 100%: the third item's 75% is their mean, with its text and rate on the page's first row
    // read as its merged cell; read as two items, 己 would cost the second its 75%
    const [t1, t2] = compile(H + paged.join('\n')).sections[0]!.groups[0]!.tasks;
    expect(t1!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([
      ['甲指标', '乙指标'],
      ['丙指标'],
      ['丁指标', '庚指标', '己指标'],
    ]);
    expect(t2!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([['戊指标']]);
  });
});

describe('words do not part kin', () => {
  // every rate is 100% or more; the first item's last row echoes the second item's text clearly (0.75)
  const read = (second: string) => {
    const rows = [
      '74\t加快污水处理设施建设。\t100%\t推进城北净水厂等项目建设。\t100%\t城北净水厂\t35%\t40%\t114%\t市某局\t\t',
      `\t\t\t\t\t${second}\t50%\t60%\t120%\t\t\t`,
      '\t\t\t\t\t富阳污水处理厂五期\t35%\t40%\t114%\t\t\t',
      '\t\t\t25个城镇污水处理厂五期完成提标改造。\t100%\t项目完工数\t18个\t20个\t111%\t\t\t',
    ];
    const t = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks[0]!;
    return { names: t.items.map((i) => i.indicators.map((x) => x.name)), structure: t.structure };
  };
  it('keeps a row with the row above it, whose name it goes on from, marked ambiguous naming the words', () => {
    expect(read('富阳新登污水厂三期')).toEqual({
      names: [['城北净水厂', '富阳新登污水厂三期', '富阳污水处理厂五期'], ['项目完工数']],
      structure: 'ambiguous',
    });
  });
  it('lets the words move it where its name shares nothing with the row above', () => {
    expect(read('之江净水厂二期').names).toEqual([
      ['城北净水厂', '之江净水厂二期'],
      ['富阳污水处理厂五期', '项目完工数'],
    ]);
  });
});

describe('a name goes with its kin', () => {
  // the bundled report's 三.14 (lines 281-289), the second item's text written on the second row of its span;
  // every rate is 100% or more, so the rates tie wherever the rows above that text go
  const item2 = '完善落实养老、工伤和失业保险待遇调整机制,按时足额发放相关待遇。\t100%';
  const read = (first: string) => {
    const inds = [
      `${first}\t1个\t1个\t100%`,
      '落实失业保险待遇调整标准\t1个\t1个\t100%',
      '落实工伤待遇调整机制\t1个\t1个\t100%',
      '待遇调整人数比例与金额发放比例\t100%\t100%\t100%',
    ];
    const rows = [
      '14\t强化社会保障\t100%\t扩大养老、工伤和失业保险参保覆盖面。\t100%\t养老保险参保率\t98%\t98.83%\t100.9%\t市人力社保局\t\t',
      '\t\t\t\t\t失业保险参保人数\t527 万人\t555.54 万人\t105.3%\t\t\t',
      ...inds.map((x, k) => `\t\t\t${k === 1 ? item2 : '\t'}\t${x}\t\t\t`),
    ];
    const t = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks[0]!;
    return t.items.map((i) => i.indicators.map((x) => x.name));
  };
  it("gives a row whose words lean to the neighbouring item (too little to move it: 0.13) to it where its name is of the row across's kind and shares nothing with the row beside it", () => {
    expect(read('落实企业职工基本养老金调整标准')).toEqual([
      ['养老保险参保率', '失业保险参保人数'],
      ['落实企业职工基本养老金调整标准', '落实失业保险待遇调整标准', '落实工伤待遇调整机制', '待遇调整人数比例与金额发放比例'],
    ]);
  });
  it("keeps row order where the name is not of the row across's kind", () => {
    expect(read('企业职工基本养老金发放人数')[0]).toEqual(['养老保险参保率', '失业保险参保人数', '企业职工基本养老金发放人数']);
  });
});

describe('items below a numbered row whose item holds no row of its own', () => {
  // the bundled report's 四.109 and 四.110 (lines 1388-1393), 四.110's numbered row written on a line of its own
  // above 四.109's last two items; every rate is 100%, so the rates tie wherever those items go
  const read = (name: string) => {
    const rows = [
      '109\t深化高水平国家食品安全示范城市创建。\t100%\t推进特种设备安全专项整治三年行动，全市特种设备万台死亡率控制在0.23以内。\t100%\t特种设备万台死亡率\t0.23%\t0\t100%\t市市场监管局\t\t',
      '110\t强化反垄断和防止资本无序扩张，推动平台经济和互联网金融规范健康发展。\t100%\t对在杭有影响力的平台开展反垄断业务培训。\t100%\t\t\t\t\t市市场监管局\t\t',
      '\t\t\t对辖区内25家药品生产企业（医院制剂室）开展飞行检查。\t100%\t飞行检查企业数\t25家\t25家\t100%\t\t\t',
      '\t\t\t对药品生产企业国家集中采购中选药品、中药饮片生产企业开展全覆盖检查。\t100%\t检查率\t100%\t100%\t100%\t\t\t',
      `\t\t\t\t\t${name}\t99家\t99家\t100%\t\t\t`,
      '\t\t\t协助国家总局和省局反垄断调查。\t100%\t根据国家、省里委托配合开展执法检查\t100%\t100%\t100%\t\t\t',
    ];
    const tasks = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks;
    return {
      items: tasks.map((t) => t.items.map((i) => i.indicators.map((x) => x.name))),
      structure: tasks.map((t) => t.structure),
    };
  };
  it("go to the previous task where the rows after them echo the numbered row's item text, marked ambiguous naming row order", () => {
    expect(read('培训在杭平台企业家数')).toEqual({
      items: [
        [['特种设备万台死亡率'], ['飞行检查企业数'], ['检查率']],
        [['培训在杭平台企业家数'], ['根据国家、省里委托配合开展执法检查']],
      ],
      structure: ['ambiguous', 'ambiguous'],
    });
  });
  it('stay in row order where those rows echo neither text', () => {
    expect(read('工作台账数').items.map((t) => t.length)).toEqual([1, 4]);
  });
});

describe("a numbered row written on the line of the previous task's last row, an item below it", () => {
  // the bundled report's 四.31 and 四.32 (lines 757-764): 四.32's numbered row shares the line of 四.31's last
  // indicator, and 四.31's last item (87%) sits below it; 四.31's written rate is wrong in the source
  const read = (onRow: string) => {
    const rows = [
      '31\t坚持安全第一、预防为主、综合治理。\t86.4%\t地铁建设依托风险动态控制系统持续抓好重大风险源管控，落实重大风险排查、评估、分级、管控机制。\t100%\t日常检查、专项检查、季度检查整改率\t100%\t100%\t100%\t市应急管理局\t\t',
      `32\t持续推进网贷风险彻底出清、政府隐性债务和企业“两链”风险化解。\t98%\t强化协调工作机制，继续实行网贷工作专班实体化运作。\t100%\t${onRow}\t100%\t100%\t100%\t市地方金融监管局\t\t`,
      '\t\t\t建设地下智慧感知系统，初步构建地下智慧感知综合信息应用平台。\t87%\t地质安全影响因素分布图 1.0 版\t8 张\t7 张\t87.5%\t\t\t',
      '\t\t\t\t\t引导侦查取证率\t100%\t100%\t100%\t\t\t',
      '\t\t\t加大追赃挽损和资产处置力度，确保社会层面稳定，实现金融风险的有效化解。\t99%\t案件侦结率\t100%\t99%\t99%\t\t\t',
      '\t\t\t根据既定化债实施方案，全市至 2021 年末累计化债 4095.8 亿元。\t95%\t累计至 2021 年既定目标完成率\t100%\t95%\t95%\t\t\t',
    ];
    return compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks.map((t) =>
      t.items.map((i) => i.indicators.map((x) => x.name)),
    );
  };
  it("gives the item and the numbered row's indicator to the previous task where only that reproduces the next task's rate and the indicator's name leans to the previous task", () => {
    expect(read('安全风险监控和隐患排查治理治理率')).toEqual([
      [['日常检查、专项检查、季度检查整改率', '安全风险监控和隐患排查治理治理率'], ['地质安全影响因素分布图 1.0 版']],
      [['引导侦查取证率'], ['案件侦结率'], ['累计至 2021 年既定目标完成率']],
    ]);
  });
  it("keeps them where the indicator's name echoes the numbered row's item text", () => {
    expect(read('网贷工作专班实体化运作率').map((t) => t.length)).toEqual([1, 4]);
  });
});

describe("a name alone in the item-text column below a task's numbered row", () => {
  it("is an indicator without figures before the task boundary is read, so its words can give it to the previous task's last item", () => {
    const rows = [
      '104\t深入实施浙商回归工作。\t100%\t国家级经济技术开发区亿元以上产业主导项目引进不少于5个。\t100%\t国家级经济技术开发区项目引进数\t5个\t17个\t340%\t市某局\t\t',
      '105\t抢抓区域全面经济伙伴关系协定机遇。\t100%\t对标协议，梳理跨境服务措施。\t100%\t申请新标准的项目立项\t1个\t1个\t100%\t市某局\t\t',
      '\t\t\t省级经济技术开发区项目引进数\t\t\t\t\t\t\t\t',
      '\t\t\t出台自贸试验区五年行动计划。\t100%\t制定出台文件数\t1个\t1个\t100%\t\t\t',
    ];
    const [a, b] = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks;
    expect(a!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([
      ['国家级经济技术开发区项目引进数', '省级经济技术开发区项目引进数'],
    ]);
    expect(b!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([['申请新标准的项目立项'], ['制定出台文件数']]);
  });
});

describe("rows below a packed numbered row (several items on the task's first row)", () => {
  it("go to the previous task's last items where that reproduces their rates", () => {
    // task 32's numbered row, packing two items, sits above task 31's last two rows
    const rows = [
      '31\t推进场馆建设。\t83.5%\t统筹观赛空间专项建设。\t67%\t各区完成观赛空间模式\t100%\t85.71%\t85.71%\t市某局\t\t',
      '\t\t\t统筹城市形象景观建设。\t100%\t各区完成观赛空间方案\t100%\t15%\t15%\t\t\t',
      '32\t围绕健康杭州建设。\t87.5%\t<p>推进健康城市行动。</p><p>完成健康促进条例。</p>\t<p>75%</p><p>100%</p>\t<p>出台方案</p><p>完成率</p>\t<p>4个</p><p>100%</p>\t<p>3个</p><p>108%</p>\t<p>75%</p><p>108%</p>\t市某局\t\t',
      '\t\t\t\t\t各区完成观赛空间建设\t100%\t100%\t100%\t\t\t',
      '\t\t\t\t\t发布形象景观总体规划\t1个\t1个\t100%\t\t\t',
    ];
    const [a, b] = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks;
    expect(a!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([
      ['各区完成观赛空间模式', '各区完成观赛空间方案', '各区完成观赛空间建设'],
      ['发布形象景观总体规划'],
    ]);
    expect(b!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([['出台方案'], ['完成率']]);
  });
});

describe("a task's numbered row lifted into the previous task's last rows", () => {
  const t54 = [
    '54\t推动钱江新城二期规划实施。\t67.38%\t推进钱江二期水网建设，完工三号港、白石港。\t75%\t4条河道形象进度完成率\t100%\t75%\t75%\t市钱江新城二期建设指挥部办公室\t\t',
    '\t\t\t加快江河汇城市综合体汇中区块建设，实现跨江人行桥开工。\t80%\t人行桥开工进度完成率\t100%\t80%\t80%\t\t\t',
    '\t\t\t加快区域路网建设，钱江东路项目开工建设。\t100%\t钱江东路完成率\t100%\t100%\t100%\t\t\t',
  ];
  const last = '加快推进民生保障工程，完成JG1404-A33/S42-13地块24班小学项目、JG1403-08地块公共配套服务设施项目开工。';
  const n55 =
    '55\t建设高速公路 4 条、133 公里。\t86.9%\t临金高速公路(省高网)临安至建德段工程计划 2021 年完成投资 50 亿元。\t95.95%';
  const j1 = ['\t\t\t\t\t投资额\t50 亿元\t47.6 亿元\t95.24%\t\t\t', '\t\t\t\t\t总体形象进度\t60%\t58%\t96.67%\t\t\t'];
  const j2 = [
    '\t\t\t杭州至宁波国家高速公路（杭绍甬高速）杭州段计划完成投资 48 亿元。\t70.41%\t投资额\t48 亿元\t34.7 亿元\t72.24%\t\t\t',
    '\t\t\t\t\t总体形象进度\t35%\t24%\t68.57%\t\t\t',
  ];
  const read = (rows: string[]) =>
    compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks.map((t) =>
      t.items.map((i) => i.indicators.map((x) => x.rate?.text ?? '')),
    );
  it("gives the indicator on the numbered row to the previous task's last item where both tasks reproduce more item rates", () => {
    // 55's numbered row shares the line of 54's last item's second indicator: 54's 83.3% is the mean of 70,
    // 100 and 80 only with it (and the row below), 55's first item's 95.95% only without them
    const rows = [
      ...t54,
      `\t\t\t${last}\t83.3%\t小学项目开工进度完成率\t100%\t70%\t70%\t\t\t`,
      `${n55}\t公共配套服务设施项目开工进度完成率\t100%\t100%\t100%\t市交通运输局\t\t`,
      '\t\t\t\t\t36班小学项目进度完成率\t100%\t80%\t80%\t\t\t',
      ...j1,
      ...j2,
    ];
    expect(read(rows)).toEqual([
      [['75%'], ['80%'], ['100%'], ['70%', '100%', '80%']],
      [
        ['95.24%', '96.67%'],
        ['72.24%', '68.57%'],
      ],
    ]);
  });
  it("counts the first item's text and rate repeated at the next page's top as that item's", () => {
    const rows = [
      ...t54,
      `\t\t\t${last}\t83.3%\t小学项目开工进度完成率\t100%\t70%\t70%\t\t\t`,
      `${n55}\t公共配套服务设施项目开工进度完成率\t100%\t100%\t100%\t市交通运输局\t\t`,
      '\t\t\t\t\t36班小学项目进度完成率\t100%\t80%\t80%\t\t\t',
      '',
      H.trimEnd(),
      `\t\t\t${n55.split('\t').slice(3).join('\t')}\t投资额\t50 亿元\t47.6 亿元\t95.24%\t\t\t`,
      j1[1]!,
      ...j2,
    ];
    expect(read(rows)).toEqual([
      [['75%'], ['80%'], ['100%'], ['70%', '100%', '80%']],
      [
        ['95.24%', '96.67%'],
        ['72.24%', '68.57%'],
      ],
    ]);
  });
  it("gives the numbered row's indicator and a whole item below it back where rates of both kinds gain", () => {
    // 55's numbered row shares the line of 54's third item's second indicator; 54's last item (钱江东路, its
    // text with its row) sits below; 55's rate written as the mean of its own two items
    const rows = [
      t54[0]!,
      t54[1]!,
      `\t\t\t${last}\t83.3%\t小学项目开工进度完成率\t100%\t70%\t70%\t\t\t`,
      `${n55.replace('86.9%', '83.18%')}\t公共配套服务设施项目开工进度完成率\t100%\t100%\t100%\t市交通运输局\t\t`,
      '\t\t\t\t\t36班小学项目进度完成率\t100%\t80%\t80%\t\t\t',
      t54[2]!,
      ...j1,
      ...j2,
    ];
    expect(read(rows)).toEqual([
      [['75%'], ['80%'], ['70%', '100%', '80%'], ['100%']],
      [
        ['95.24%', '96.67%'],
        ['72.24%', '68.57%'],
      ],
    ]);
  });
  it('keeps it where its own item reproduces its rate with it (row order stands)', () => {
    // the same rows with 55's first item written as the mean of all three rows below the numbered row
    const rows = [
      ...t54,
      `\t\t\t${last}\t83.3%\t小学项目开工进度完成率\t100%\t70%\t70%\t\t\t`,
      `${n55.replace('95.95%', '97.3%')}\t公共配套服务设施项目开工进度完成率\t100%\t100%\t100%\t市交通运输局\t\t`,
      ...j1,
      ...j2,
    ];
    expect(read(rows)[1]![0]).toEqual(['100%', '95.24%', '96.67%']);
  });
  it('gives a whole item below the numbered row back to the previous task where its first item reproduces its rate only from the rows after it', () => {
    // 55's numbered row on a line of its own above 54's last item (its text with three indicator rows)
    const rows = [
      ...t54,
      `${n55}\t\t\t\t\t市交通运输局\t\t`,
      `\t\t\t${last}\t83.3%\t小学项目开工进度完成率\t100%\t70%\t70%\t\t\t`,
      '\t\t\t\t\t公共配套服务设施项目开工进度完成率\t100%\t100%\t100%\t\t\t',
      '\t\t\t\t\t36班小学项目进度完成率\t100%\t80%\t80%\t\t\t',
      ...j1,
      ...j2,
    ];
    expect(read(rows)).toEqual([
      [['75%'], ['80%'], ['100%'], ['70%', '100%', '80%']],
      [
        ['95.24%', '96.67%'],
        ['72.24%', '68.57%'],
      ],
    ]);
  });
});

describe("a numbered row lifted without its first item's text", () => {
  it("gives the indicator rows between it and that item's text back to the previous task where the rates say so", () => {
    // 19's numbered row above 18's last indicator row; 18's second item (90.46%) is the mean of 96.07% and 84.85%
    const rows = [
      '18\t提升国资国企监管考核的科学化精准化现代化水平。\t95.23%\t修改市属国企负责人经营业绩考核实施细则，构建一企一策分类考核体系。\t100%\t出台政策数\t1 个\t1 个\t100%\t市国资委\t\t',
      '\t\t\t优化存量，拓展增量，做强做大有资本和国有企业。\t90.46%\t净资产\t4574.7 亿元\t4395.07 亿元\t96.07%\t\t\t',
      '19\t强化与长三角城市协同联动、错位发展。\t100%\t\t\t\t\t\t\t市发改委\t\t',
      '\t\t\t\t\t利润总额\t229.4 亿元\t194.64 亿元\t84.85%\t\t\t',
      '\t\t\t配合省开展沪杭产业创新带研究。\t100%\t研究方案\t1 个\t1 个\t100%\t\t\t',
      '\t\t\t推动梦想小镇沪杭创新中心、合杭梦想小镇产业创新中心建设。\t100%\t中心建设\t2 个\t2 个\t100%\t\t\t',
    ];
    const tasks = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks;
    expect(tasks.map((t) => t.items.map((i) => i.indicators.map((x) => x.name)))).toEqual([
      [['出台政策数'], ['净资产', '利润总额']],
      [['研究方案'], ['中心建设']],
    ]);
  });
});

describe("a numbered row on the line of the previous task's last indicator", () => {
  const read = (below: string) => {
    // 33's numbered row carries 32's last indicator; its own first indicator is on the row below. Either row
    // under 32's last item reproduces its 88.89%: the names decide.
    const rows = [
      '32\t推进健康杭州建设。\t88.89%\t提升区县（市）疾控中心流调溯源、现场调查处置、实验室基本检验检测和对基层的技术指导等能力。\t88.89%\t疾控机构盲样考核\t11 次\t11 次\t100%\t市卫生健康委\t\t',
      '\t\t\t\t\t艾滋病确证实验室建设\t3 家\t2 家\t66.67%\t\t\t',
      '33\t关心关爱残疾人等特殊群体。\t98%\t实施残疾人救助保障政策，困难残疾人生活补贴、重度残疾人护理补贴和意外伤害保险补贴等政策目标人群覆盖率达 100%。\t100%\t流调培训覆盖率\t100%\t100%\t100%\t市残联\t\t',
      `\t\t\t\t\t${below}\t100%\t100%\t100%\t\t\t`,
      '\t\t\t合力推进残疾人高质量就业工作，实现全市有就业诉求残疾人 100%就业。\t100%\t就业诉求残疾人就业率\t100%\t100%\t100%\t\t\t',
    ];
    const tasks = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks;
    return {
      names: tasks.map((t) => t.items.map((i) => i.indicators.map((x) => x.name))),
      structure: tasks.map((t) => t.structure),
    };
  };
  it("gives the numbered row's indicator to the previous task where the row below echoes the numbered row's item, marked ambiguous", () => {
    expect(read('政策目标人群覆盖率')).toEqual({
      names: [
        [['疾控机构盲样考核', '艾滋病确证实验室建设', '流调培训覆盖率']],
        [['政策目标人群覆盖率'], ['就业诉求残疾人就业率']],
      ],
      structure: ['ambiguous', 'ambiguous'],
    });
  });
  it('moves the row below, as the format has it, where its name says nothing', () => {
    expect(read('补贴发放到位率').names).toEqual([
      [['疾控机构盲样考核', '艾滋病确证实验室建设', '补贴发放到位率']],
      [['流调培训覆盖率'], ['就业诉求残疾人就业率']],
    ]);
  });
});

describe("the numbered row's indicator where the previous task's last item reproduces its rate either way", () => {
  const read = (rate: string) => {
    // 17's numbered row on the line of 16's last indicator (120%, capped: 16's last item stays at 100%)
    const rows = [
      '16\t深入实施“新制造业计划”。\t100%\t推进产业基础再造和产业链提升工程，打造九大标志性产业链。\t100%\t产业链协同创新项目数\t15 个\t19 个\t126.7%\t市经信局\t\t',
      '\t\t\t\t\t企业共同体数\t10 个\t22 个\t220%\t\t\t',
      `17\t加快新型基础设施建设，大力推进 5G 网络、数据中心建设和应用。\t92%\t全面提升 5G 网络质量，新增 5G 基站 5000 个。\t${rate}\t产业生态联盟数\t10 个\t12 个\t120%\t市经信局\t\t`,
      '\t\t\t\t\t新增 5G 基站数\t5000 个\t4200 个\t84%\t\t\t',
      '\t\t\t提升算力基础设施建设，全年新增 4 万台服务器。\t100%\t新增服务器数\t40000 台\t41000 台\t102.5%\t\t\t',
    ];
    const tasks = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks;
    return {
      names: tasks.map((t) => t.items.map((i) => i.indicators.map((x) => x.name))),
      structure: tasks.map((t) => t.structure),
    };
  };
  it("goes back where the next task's first item reproduces its rate from its own rows only without it, marked ambiguous (one rate)", () => {
    expect(read('84%')).toEqual({
      names: [[['产业链协同创新项目数', '企业共同体数', '产业生态联盟数']], [['新增 5G 基站数'], ['新增服务器数']]],
      structure: ['ambiguous', 'ambiguous'],
    });
  });
  it('stays where that item reproduces its rate with it', () => {
    expect(read('92%').names).toEqual([
      [['产业链协同创新项目数', '企业共同体数']],
      [['产业生态联盟数', '新增 5G 基站数'], ['新增服务器数']],
    ]);
  });
});

describe("a numbered row written on the line of the previous task's last item", () => {
  const read = (rate: string) => {
    // 19's numbered row carries 18's second item (90.46%, the mean of 96.07% and 84.85%), not an item of its own
    const rows = [
      `18\t提升国资国企监管考核的科学化精准化现代化水平。\t${rate}\t修改市属国企负责人经营业绩考核实施细则，构建一企一策分类考核体系。\t100%\t出台政策数\t1 个\t1 个\t100%\t市国资委\t\t`,
      '19\t强化与长三角城市协同联动、错位发展。\t100%\t优化存量，拓展增量，做强做大有资本和国有企业。\t90.46%\t净资产\t4574.7 亿元\t4395.07 亿元\t96.07%\t市发改委\t\t',
      '\t\t\t\t\t利润总额\t229.4 亿元\t194.64 亿元\t84.85%\t\t\t',
      '\t\t\t配合省开展沪杭产业创新带研究。\t100%\t研究方案\t1 个\t1 个\t100%\t\t\t',
      '\t\t\t推动梦想小镇沪杭创新中心、合杭梦想小镇产业创新中心建设。\t100%\t中心建设\t2 个\t2 个\t100%\t\t\t',
    ];
    return compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks.map((t) =>
      t.items.map((i) => i.indicators.map((x) => x.name)),
    );
  };
  it('gives that item to the previous task where both task rates reproduce only so', () => {
    expect(read('95.23%')).toEqual([
      [['出台政策数'], ['净资产', '利润总额']],
      [['研究方案'], ['中心建设']],
    ]);
  });
  it('keeps it with the numbered row where only one task rate would', () => {
    expect(read('99%')).toEqual([[['出台政策数']], [['净资产', '利润总额'], ['研究方案'], ['中心建设']]]);
  });
});

describe("a numbered row repeated with its first item's text at the next page's top", () => {
  it("keeps that item with its task where the repetition read as one item reproduces the task's rate", () => {
    // 55's rate is also the mean of its four items and 56's first: only with 56's repeated item read as two
    // items does row order leave both task rates unexplained
    const n56 =
      '56\t建成城市快速路 8 条、70 公里，主次干路 25 条、30 公里。\t87.0%\t全面推进快速路网建设，12 月底前建成城市快速路 8 条、70 公里。\t86%';
    const rows = [
      '55\t建设高速公路 4 条、133 公里。\t86.9%\t临金高速公路(省高网)临安至建德段工程计划 2021 年完成投资 50 亿元。\t95.95%\t投资额\t50 亿元\t47.6 亿元\t95.24%\t市交通运输局\t\t',
      '\t\t\t\t\t总体形象进度\t60%\t58%\t96.67%\t\t\t',
      '\t\t\t杭州至宁波国家高速公路（杭绍甬高速）杭州至绍兴段工程（杭州段）。\t70.41%\t投资额\t48 亿元\t34.7 亿元\t72.24%\t\t\t',
      '\t\t\t\t\t总体形象进度\t35%\t24%\t68.57%\t\t\t',
      '\t\t\t沪杭甬高速公路杭州市区段改建工程计划 2021 年完成投资 46.2 亿元。\t89.5%\t乔司收费站至钱塘江新建大桥段总体形象进度\t85%\t72%\t84.71%\t\t\t',
      '\t\t\t\t\t机场轨道快线合建段总体形象进度\t87%\t73%\t83.91%\t\t\t',
      '\t\t\t\t\tS2 高速公路红垦段总体形象进度\t25%\t29%\t116%\t\t\t',
      '\t\t\t沪杭高速公路临平段改建工程计划 2021 年完成投资 7 亿元。\t92.5%\t投资额\t7 亿元\t7.7 亿元\t110%\t\t\t',
      '\t\t\t\t\t总体形象进度\t80%\t68%\t85%\t\t\t',
      `${n56}\t艮山路提升改造（东湖立交-宝华路）\t1.1 公里\t1 公里\t90.91%\t市建委\t\t`,
      '\t\t\t\t\t天目山路（绕城高速东-古翠路）提升改造\t8.2 公里\t7.8 公里\t95.12%\t\t\t',
      '\t\t\t\t\t时代大道改造工程滨江段\t1 公里\t1 公里\t100%\t\t\t',
      '',
      H.trimEnd(),
      `${n56}\t江南大道改造提升工程（西兴立交-中兴立交）\t4.6 公里\t4.2 公里\t91.3%\t市建委\t\t`,
      '\t\t\t\t\t彩虹快速路西延（之江大桥-富阳区界）\t9 公里\t9 公里\t100%\t\t\t',
      '\t\t\t\t\t彩虹快速路西延（富阳区界—高尔夫路）\t8 公里\t9 公里\t113%\t\t\t',
      '\t\t\t\t\t风情大道（机场路-金城路）改建工程\t3.9 公里\t2.6 公里\t66.67%\t\t\t',
      '\t\t\t\t\t崇贤至老余杭连接线（高架）工程\t34 公里\t15 公里\t44%\t\t\t',
      '\t\t\t统筹推进主次干道建设，12 月底前建成主次干路 25 条、30 公里。\t88%\t主次干路条数\t25 条\t21 条\t84%\t\t\t',
      '\t\t\t\t\t主次干路里程\t30 公里\t28 公里\t93.33%\t\t\t',
    ];
    const [t55, t56] = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks;
    expect(t55!.items.map((i) => i.rate?.text)).toEqual(['95.95%', '70.41%', '89.5%', '92.5%']);
    expect(t56!.items.map((i) => [i.rate?.text, i.indicators.length])).toEqual([
      ['86%', 8],
      ['88%', 2],
    ]);
  });
});

describe("the numbered row's indicator where the rates say nothing", () => {
  const read = (name: string) => {
    const rows = [
      '142\t加快建设重大文化地标。\t100%\t加快建设国家版本馆杭州分馆、之江文化中心、杭州音乐厅等重大文化地标。\t100%\t中华版本资源征集数\t40000件\t94942件\t237.4%\t市某局\t\t',
      `143\t深化国有文艺院团改革。\t100%\t突出问题导向，坚持一团一策。\t100%\t${name}\t2.6亿元\t2.6亿元\t100%\t市某局\t\t`,
      '\t\t\t\t\t出台文件数\t1个\t3个\t300%\t\t\t',
    ];
    const tasks = compile(H + rows.join('\n')).sections[0]!.groups[0]!.tasks;
    return {
      names: tasks.map((t) => t.items.flatMap((i) => i.indicators.map((x) => x.name))),
      structure: tasks.map((t) => t.structure),
    };
  };
  it("goes to the previous task's last item where its name clearly echoes that item's text, marked ambiguous", () => {
    expect(read('杭州音乐厅项目总投资额')).toEqual({
      names: [['中华版本资源征集数', '杭州音乐厅项目总投资额'], ['出台文件数']],
      structure: ['ambiguous', 'ambiguous'],
    });
  });
  it('stays where the name echoes neither', () => {
    expect(read('剧目演出场次投资额').names).toEqual([['中华版本资源征集数'], ['剧目演出场次投资额', '出台文件数']]);
  });
});

describe("a packed row's parallel lists with a slot left empty", () => {
  // real items of the bundled report with one indicator, every figure written, no markup in any cell
  const plain = (s: string) => s.length > 0 && !/[<>\t]/.test(s);
  const items = report.sections
    .flatMap((s) => s.groups.flatMap((g) => g.tasks.flatMap((t) => t.items)))
    .filter(
      (i) =>
        i.rate &&
        plain(i.description) &&
        i.indicators.length === 1 &&
        [
          i.indicators[0]!.name,
          i.indicators[0]!.target?.text ?? '',
          i.indicators[0]!.current?.text ?? '',
          i.indicators[0]!.rate?.text ?? '',
        ].every(plain),
    );
  const list = (xs: string[]) => xs.map((x) => `<p>${x}</p>`).join(' ');
  it('reads each list slot by slot: an empty paragraph is a figure not written for that indicator', () => {
    expect(items.length).toBeGreaterThan(50);
    fc.assert(
      fc.property(
        fc.array(fc.nat(items.length - 1), { minLength: 2, maxLength: 3 }),
        fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
        (picks, blank) => {
          const its = picks.map((k) => items[k]!);
          const n = its.length;
          // which figures (target, current, rate) each slot leaves empty: at least one, never a whole list
          const empty = (slot: number, col: number) => blank[slot]![col]! && its.some((_, s) => s !== slot && !blank[s]![col]);
          fc.pre(its.some((_, s) => [0, 1, 2].some((c) => empty(s, c))));
          const fig = (col: number, f: (x: Task['items'][number]['indicators'][number]) => string) =>
            list(its.map((it, s) => (empty(s, col) ? '' : f(it.indicators[0]!))));
          const row = [
            '7',
            '推进重点工作。',
            '90%',
            list(its.map((i) => i.description)),
            list(its.map((i) => i.rate!.text)),
            list(its.map((i) => i.indicators[0]!.name)),
            fig(0, (x) => x.target!.text),
            fig(1, (x) => x.current!.text),
            fig(2, (x) => x.rate!.text),
            '市某局',
            '',
            '',
          ].join('\t');
          const t = compile(H + row).sections[0]!.groups[0]!.tasks[0]!;
          expect(t.items.map((i) => i.description)).toEqual(its.map((i) => i.description));
          expect(
            t.items.map((i) =>
              i.indicators.map((x) => [x.name, x.target?.text ?? '', x.current?.text ?? '', x.rate?.text ?? '']),
            ),
          ).toEqual(
            its.map((it, s) => {
              const x = it.indicators[0]!;
              return [
                [x.name, empty(s, 0) ? '' : x.target!.text, empty(s, 1) ? '' : x.current!.text, empty(s, 2) ? '' : x.rate!.text],
              ];
            }),
          );
          expect(n).toBe(t.items.length);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('a chain of lifted item texts', () => {
  const doc = '出台关于实习生和超过法定退休年龄劳动者等部分特定人员参加工伤保险办法(试行)》文件';
  // 三.14's items of the bundled report: from the third item's text on, each text written one row early, on
  // the last row of the item above (a text taller than its one-row span); every rate 100%, so the rates tie
  const rows = (name: string) => [
    '14\t强化社会保障\t100%\t杭州市企业职工基本养老保险基金完成省级统筹。\t100%\t落实企业职工基本养老保险实现省级统筹\t100%\t100%\t100%\t市人力社保局\t\t',
    '\t\t\t贯彻落实阶段性降低失业保险和工伤保险费率政策,失业保险单位和职工均按0.5%费率缴纳。\t100%\t工伤降低费率百分比\t50%\t50%\t100%\t\t\t',
    `\t\t\t制定出台《关于实习生和超过法定退休年龄劳动者等部分特定人员参加工伤保险办法(试行)》。\t100%\t${name}\t0.50%\t0.50%\t100%\t\t\t`,
    `\t\t\t制定出台杭州市关于深化医疗保障制度改革的实施方案。\t100%\t${doc}\t1个\t1个\t100%\t\t\t`,
    `\t\t\t制定出台智慧监管实施办法,推进医保综合智慧监管平台建设;提升监管覆盖面,全年检查巡查定点医院5000家以上。\t100%\t${doc}\t1个\t1个\t100%\t\t\t`,
    '\t\t\t\t\t定点医药机构检查巡查\t5000家\t5482家\t109.6%\t\t\t',
  ];
  const names = (name: string) =>
    compile(H + rows(name).join('\n')).sections[0]!.groups[0]!.tasks[0]!.items.map((i) =>
      i.indicators.map((x) => (x.name === doc ? 'doc' : x.name)),
    );
  it('is read one row down together where the rows carrying the texts echo the items above them', () => {
    expect(names('失业保险单位及个人缴费比例')).toEqual([
      ['落实企业职工基本养老保险实现省级统筹'],
      ['工伤降低费率百分比', '失业保险单位及个人缴费比例'],
      ['doc'],
      ['doc'],
      ['定点医药机构检查巡查'],
    ]);
  });
  it('stays in row order where those rows echo neither item', () => {
    expect(names('参保登记数')).toEqual([
      ['落实企业职工基本养老保险实现省级统筹'],
      ['工伤降低费率百分比'],
      ['参保登记数'],
      ['doc'],
      ['doc', '定点医药机构检查巡查'],
    ]);
  });
});

describe("a numbered row written on the line of the previous task's last indicator, the rates tying", () => {
  // 四.34 and 四.35 of the bundled report: 35's numbered row shares the line of one of 34's last item's
  // indicators; 34's 88% wants one more row of 100% or more, and either row gives it, 35's 100% holds either way
  const read = (onRow: string, below: string) =>
    compile(
      H +
        [
          '34\t坚决防范和打击黑恶势力和跨国犯罪。\t96%\t波次组织开展集中收网行动，严厉打击整治涉网黑恶等突出犯罪。\t100%\t组织集中收网行动\t4次\t8次\t200%\t市公安局\t\t',
          '\t\t\t组织开展打击治理电信网络新型违法犯罪大会战，推进“断卡”行动，有力打击犯罪、压降发案，有效治理涉“两卡”黑灰产。\t100%\t发起全国集群战\t2次\t2次\t100%\t\t\t',
          '\t\t\t每年召开3次全市打击跨境赌博联席会议，完成1起上级督办的跨国犯罪案件，整顿为跨国犯罪提供技术支撑的公司至少5家。\t88%\t会议召开数\t3次\t2次\t66.67%\t\t\t',
          '\t\t\t\t\t办案数\t1起\t1起\t100%\t\t\t',
          `35\t深化创建全国禁毒示范城市。\t100%\t开展全市禁毒社会化工作杭州样板孵化工程。\t100%\t${onRow}\t市公安局\t\t`,
          `\t\t\t\t\t${below}\t\t\t`,
        ].join('\n'),
    ).sections[0]!.groups[0]!.tasks.map((t) => t.items.flatMap((i) => i.indicators.map((x) => x.name)));
  const firm = '整顿公司数\t5家\t7家\t140%';
  const model = '优秀样板项目打造数\t5个\t5个\t100%';
  it("gives the numbered row's own indicator to the previous task where the two readings' words lean there", () => {
    expect(read(firm, model)).toEqual([
      ['组织集中收网行动', '发起全国集群战', '会议召开数', '办案数', '整顿公司数'],
      ['优秀样板项目打造数'],
    ]);
  });
  it('gives the row below where the words lean the other way (the numbered row carries its own first indicator)', () => {
    expect(read(model, firm)).toEqual([
      ['组织集中收网行动', '发起全国集群战', '会议召开数', '办案数', '整顿公司数'],
      ['优秀样板项目打造数'],
    ]);
  });
});

describe("a numbered row written alone on the line of the previous task's last indicator, its item's text below", () => {
  // 四.87 and 四.88 of the bundled report: 88's numbered row, without its first item's text, shares the line of
  // 87's last indicator; 88's first item's 96.67% reproduces without either of its first two rows (every rate 100%)
  const read = (onRow: string, below: string) =>
    compile(
      H +
        [
          '87\t统筹推进“六大西进”工程。\t74.5%\t加强科技支撑，农业科技贡献率达到 66%。\t98%\t农业科技贡献率\t66%\t65%\t98.48%\t市农业农村局\t\t',
          '\t\t\t持续推进科技特派员工作，选派市级科技特派员 50 人，实施农业科技项目 50 项。\t100%\t选派市级科技特派员数\t50 人\t50 人\t100%\t\t\t',
          `88\t实施新时代乡村集成改革。\t98.89%\t\t\t${onRow}\t市农业农村局\t\t`,
          `\t\t\t以萧山区、桐庐县全省新时代乡村集成改革试点县（市、区）为切入点，健全城乡融合发展机制。\t96.67%\t${below}\t\t\t`,
          '\t\t\t\t\t新时代美丽乡村特色村数\t30 个\t30 个\t100%\t\t\t',
          '\t\t\t\t\t创建数字农业示范园区、数字农业工厂项目\t20 个\t18 个\t90%\t\t\t',
        ].join('\n'),
    ).sections[0]!.groups[0]!.tasks.map((t) => t.items.flatMap((i) => i.indicators.map((x) => x.name)));
  const science = '实施农业科技项目数\t50 项\t50 项\t100%';
  const pilot = '第一批全省新时代乡村集成改革试点县（市、区）数量\t2 个\t2 个\t100%';
  it("gives the numbered row's indicator to the previous task where only the words choose, and they lean there", () => {
    expect(read(science, pilot)).toEqual([
      ['农业科技贡献率', '选派市级科技特派员数', '实施农业科技项目数'],
      ['第一批全省新时代乡村集成改革试点县（市、区）数量', '新时代美丽乡村特色村数', '创建数字农业示范园区、数字农业工厂项目'],
    ]);
  });
});

describe("the numbered row's indicator where only the previous task's rates gain by it", () => {
  // 四.36 and 四.37 of the bundled report: 37's numbered row shares the line of 36's last indicator; 36's 67% is
  // the mean of 36.13% and 99.26% only with it, 37's first item's 100% reproduces either way (99.63 or 100)
  const read = (name: string) =>
    compile(
      H +
        [
          '36\t加强法治政府建设。\t71.5%\t加强统计执法检查，有针对性地开展统计数据核查、统计执法检查。\t76%\t统计执法检查项目数\t710个\t546个\t76.9%\t市司法局\t\t',
          '\t\t\t畅通违法行政行为投诉举报渠道，做好投诉件转执法平台和法治政府建设的意见建议征集办理工作。\t67%\t创建执法检查任务率\t60%\t21.68%\t36.13%\t\t\t',
          `37\t深化行政服务中心“去中心化”改革。\t95.4%\t\t\t${name}\t100%\t99.26%\t99.26%\t市审管办\t\t`,
          '\t\t\t起草《杭州市加强行政服务中心建设细化方案》，并组织实施。\t100%\t出台《加强行政服务中心建设实施方案》\t100%\t100%\t100%\t\t\t',
        ].join('\n'),
    ).sections[0]!.groups[0]!.tasks.map((t) => t.items.map((i) => i.indicators.map((x) => x.name)));
  it('goes to the previous task: the arithmetic strictly improves', () => {
    expect(read('结果回传率')).toEqual([
      [['统计执法检查项目数'], ['创建执法检查任务率', '结果回传率']],
      [['出台《加强行政服务中心建设实施方案》']],
    ]);
  });
  it("stays where its name leans to the numbered row's item", () => {
    expect(read('行政服务中心建设方案出台率')).toEqual([
      [['统计执法检查项目数'], ['创建执法检查任务率']],
      [['行政服务中心建设方案出台率', '出台《加强行政服务中心建设实施方案》']],
    ]);
  });
});

describe("an item written again at a page top below a task's numbered row", () => {
  // sim2 renderings of the whole report: 四.56's first item's text and rate written again at the top of the
  // next page (its merged cell repeated), the item itself on the numbered row (seed 112) or two rows below it
  // (seed 103). The repeat reproduces 56's 91.5% read as one item with the one above, as moving that item to
  // 四.55 does: it stays with the item it repeats.
  const corpus = fromReport();
  it.each([103, 112])('stays in its task with the item it repeats (seed %i)', (seed) => {
    const rd = render2(corpus, { seed, layout: 'canonical' });
    const tasks = compile(rd.text)
      .sections.find((s) => s.ordinal === '四')!
      .groups.flatMap((g) => g.tasks);
    const want = tasksOf(rd.transcription).filter((t) => t.section === '四');
    const names = (no: number, ts: { no: number | null; items: { indicators: { name: string }[] }[] }[]) =>
      ts.find((t) => t.no === no)!.items.map((i) => i.indicators.map((x) => x.name.replace(/\s+/g, '')));
    for (const no of [55, 56])
      expect(names(no, tasks), `四.${no}`).toEqual(
        names(
          no,
          want.map((w) => w.task),
        ),
      );
  });
});

describe('an item below a numbered row given back to the previous task, the rates tying over where its rows end', () => {
  // 三.34 and 三.35 of the bundled report: 35's numbered row, with its first item's text, on a line of its own
  // above 34's last item; every rate at or above 100%, so the rates say only that the item goes back, not where
  // its rows end
  const read = (name: string) =>
    compile(
      H +
        [
          '34\t坚持科技自立自强，高水平建设创新活力之城。\t100%\t坚持创新引领，围绕三大科创高地，加大高新技术企业培育。\t100%\t新增高新技术企业数\t1650家\t2400家\t145%\t市科技局\t\t',
          '35\t完善以企业为主体的技术创新体系。\t75%\t完善创新孵化体系建设，新增众创空间、科技企业孵化器200家左右。\t100%\t\t\t\t\t市科技局\t\t',
          '\t\t\t聚焦科技型中小企业培育，新认定“雏鹰计划”企业4000家左右，新认定省级科技型中小企业10000家以上。\t100%\t雏鹰计划数\t800家\t846家\t105.8%\t\t\t',
          `\t\t\t\t\t${name}\t2000家\t2600家\t130%\t\t\t`,
          '\t\t\t\t\t新增市级及以上众创空间和科技企业孵化器数\t60家\t60家\t100%\t\t\t',
          '\t\t\t支持企业整合研发能力，建设市级及以上研发机构。\t50%\t新增省级研发机构数\t200家\t100家\t50%\t\t\t',
        ].join('\n'),
    ).sections[0]!.groups[0]!.tasks.map((t) => t.items.map((i) => i.indicators.map((x) => x.name)));
  it("takes the rows whose names echo the moved item's text more than the numbered row's item's", () => {
    expect(read('新增省级科技型中小企业数')).toEqual([
      [['新增高新技术企业数'], ['雏鹰计划数', '新增省级科技型中小企业数']],
      [['新增市级及以上众创空间和科技企业孵化器数'], ['新增省级研发机构数']],
    ]);
  });
  it('stops at the first row whose name does not', () => {
    expect(read('新增省级研发平台数')[0]).toEqual([['新增高新技术企业数'], ['雏鹰计划数']]);
  });
});
