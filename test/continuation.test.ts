// Page-break continuation under the damage the simulator audit found in the bundled report
// (docs/fidelity.md, "Damage"): rules about what a row carries, each on a small report.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { typeOf } from '../src/classify.js';
import { compile } from '../src/compile.js';
import { FULL_DAMAGE, fromReport, simulate } from './helpers/sim/index.js';

const H =
  '序号\t重点工作\t\t细化项目\t\t量化指标\t\t\t\t责任单位\t主要亮点\t存在问题与下步计划\n\t任务说明\t完成率\t任务说明\t完成率\t指标名称\t数值及单位\t当前值\t完成率\t\t\t\n';
const tasksOf = (text: string) => compile(text).sections.flatMap((s) => s.groups.flatMap((g) => g.tasks));

describe('a text with a rate on the first row of a page that also continues the task text', () => {
  it('is the tail of the item above when a text comes to the rate-only item, else an item of its own', () => {
    // The task text is cut; the next page's first row carries its tail, an item text and a rate.
    const top = (after: string) =>
      `${H}2\t深入实施消费新政，提升传统消费，培育新型消费，持续\t80%\t积极争取国家试点\t60%\t工作试点\t1个\t0.6个\t60%\t市某局\t\t\n\n` +
      `${H}\t打响品牌。\t\t适时举办系列促销活动100场。\t100%\t促销活动数\t100场\t199场\t199%\t\t\t\n${after}`;
    // A row with its own text and rate follows: the first row's text was that item's own.
    const own = tasksOf(top(`\t\t\t举办美食节等系列活动。\t80%\t促销活动数\t20场\t16场\t80%\t\t\t\n`))[0]!;
    expect(own.description).toBe('深入实施消费新政，提升传统消费，培育新型消费，持续打响品牌。');
    expect(own.items.map((i) => [i.description, i.rate?.text])).toEqual([
      ['积极争取国家试点', '60%'],
      ['适时举办系列促销活动100场。', '100%'],
      ['举办美食节等系列活动。', '80%'],
    ]);
    // A text without a rate follows: the rate on the first row was its item's, the text a tail.
    const tail = tasksOf(top(`\t\t\t举办美食节等系列活动。\t\t促销活动数\t20场\t16场\t80%\t\t\t\n`))[0]!;
    expect(tail.items.map((i) => [i.description, i.rate?.text])).toEqual([
      ['积极争取国家试点适时举办系列促销活动100场。', '60%'],
      ['举办美食节等系列活动。', '100%'],
    ]);
  });
});

describe("a unit's name cut by a page break", () => {
  it('takes the tail alone in its column after the header, not as the tail of the indicator name above', () => {
    const HR =
      '序号\t重点工作\t\t细化项目\t\t量化指标\t\t\t\t牵头单位\t工作成效\t下步计划\t备注\n\t任务说明\t完成率\t任务说明\t完成率\t指标名称\t目标值\t完成值\t完成率\t\t\t\t\n';
    const text =
      `${HR}2\t加快现代服务业与先进制造业深度融合。\t50%\t推动工业设计产业发展。\t100%\t收入增长率\t15%\t23.73%\t158%\t市发改\t完成申报。\t继续推进。\t\n` +
      `\t\t\t申报商贸服务型国家物流枢纽。\t0%\t枢纽数量\t1个\t0个\t0%\t\t\t\t\n\n` +
      `${HR}\t\t\t\t\t\t\t\t\t委\t\t\t\n` +
      `3\t推进重大交通项目建设。\t82%\t湖杭铁路完成年度投资。\t82%\t投资额\t105亿元\t86亿元\t82%\t市发改委\t\t\t\n`;
    const [t2, t3] = tasksOf(text);
    expect(t2!.owner).toBe('市发改委');
    expect(t2!.items[1]!.indicators.map((x) => x.name)).toEqual(['枢纽数量']);
    expect(t3!.owner).toBe('市发改委');
  });

  it('keeps a head cut inside the bracket of a second name as the unit, its tail joined after the header', () => {
    // a unit longer than a name, cut inside its bracket: no unit ending, so it read as text and was lost
    const HR =
      '序号\t重点工作\t\t细化项目\t\t量化指标\t\t\t\t责任单位\t主要亮点\t存在问题与下步计划\n\t任务说明\t完成率\t任务说明\t完成率\t指标名称\t数值及单位\t当前值\t完成率\t\t\t\n';
    const text =
      `${HR}4\t推动新城二期规划实施。\t42%\t推进二期水网建设。\t42%\t河道形象进度完成率\t100%\t42%\t42%\t市新城二期建设指挥部办公室（市城投集\t完成两条河道。\t加快推进。\n\n` +
      `${HR}\t\t\t\t\t\t\t\t\t团）\t\t\n` +
      `5\t推进重大交通项目建设。\t82%\t湖杭铁路完成年度投资。\t82%\t投资额\t105亿元\t86亿元\t82%\t市发改委\t\t\n`;
    const [t4, t5] = tasksOf(text);
    expect(t4!.owner).toBe('市新城二期建设指挥部办公室（市城投集团）');
    expect(t5!.owner).toBe('市发改委');
    expect(typeOf('市新城二期建设指挥部办公室（市城投集', false)).toBe('owner');
    expect(typeOf('推进二期水网建设（一期', false)).not.toBe('owner');
  });
});

describe("a cut text of the previous task after the next task's numbered row", () => {
  it('goes on with the task whose text there stops mid-sentence, not the new task whose text ends', () => {
    // task 142's numbered row sits above task 141's last row; the page break follows it
    const text =
      `${H}141\t办好西湖读书节。\t91%\t倡导全民阅读，新增杭州书房35个。\t91%\t组织阅读活动场数\t400场\t315场\t78.75%\t市某中心\t1.举办读书节活动，深入开展\t1.组织完成系列活动的落实，总\n` +
      `142\t加快建设国家版本馆杭州分馆。\t100%\t启动杭州音乐厅建设。\t100%\t中华版本资源征集数\t4万件\t9万件\t237%\t市某中心\t1.明确了深化设计方案和音效顾问团队。\t1.进行设计方案招投标。\n` +
      `\t\t\t\t\t新增杭州书房个数\t35个\t42个\t120%\t\t\t\n\n` +
      `${H}\t\t\t\t\t\t\t\t\t\t“百名宣讲员”巡回宣讲活动。\t结工作，筹划下一届。\n`;
    const [t141, t142] = tasksOf(text);
    expect(t141!.highlights).toEqual(['1.举办读书节活动，深入开展“百名宣讲员”巡回宣讲活动。']);
    expect(t141!.nextSteps).toEqual(['1.组织完成系列活动的落实，总结工作，筹划下一届。']);
    expect(t142!.highlights).toEqual(['1.明确了深化设计方案和音效顾问团队。']);
    expect(t142!.nextSteps).toEqual(['1.进行设计方案招投标。']);
  });
});

describe('a text with the rate of the item above on the first row of a page', () => {
  const text = (above: string) =>
    `${H}119\t始终保持高度警惕，科学精准做好防控。\t100%\t落实首诊负责制。\t100%\t登记率\t100%\t100%\t100%\t市某局\t\t\n` +
    `\t\t\t${above}\t100%\t每周监测量\t165份\t188份\t114%\t\t\t\n\n` +
    `${H}\t\t\t进一步加强集中隔离医学观察场所卫生防疫工作。\t100%\t不发生关联病例\t0\t0\t100%\t\t\t\n`;
  it('starts an item where the text above is the name of its own indicator (written whole, not cut)', () => {
    const t = tasksOf(text('每周监测量'))[0]!;
    expect(t.items.map((i) => i.description)).toEqual([
      '落实首诊负责制。',
      '每周监测量',
      '进一步加强集中隔离医学观察场所卫生防疫工作。',
    ]);
  });
  it('starts an item there also where the row continues the task text', () => {
    const cut = text('每周监测量')
      .replace('始终保持高度警惕，科学精准做好防控。', '始终保持高度警惕，科学精准')
      .replace('\t\t\t进一步加强', '\t做好防控。\t\t进一步加强');
    const t = tasksOf(cut)[0]!;
    expect(t.description).toBe('始终保持高度警惕，科学精准做好防控。');
    expect(t.items.map((i) => i.description)).toEqual([
      '落实首诊负责制。',
      '每周监测量',
      '进一步加强集中隔离医学观察场所卫生防疫工作。',
    ]);
  });
  it("starts an item where the row's indicator is named after the page-top text, not the text above", () => {
    // 四.91 of the bundled report, its page broken after the first item's row
    const t = tasksOf(
      `${H}91\t加快国际茶博会永久会址建设。\t100%\t实施管线迁移等工作\t100%\t实施管线迁移\t100%\t100%\t100%\t市某局\t\t\n\n` +
        `${H}\t\t\t实施控规局调论证\t100%\t实施控规局调\t100%\t119%\t119%\t\t\t\n` +
        `\t\t\t完成农转用报批\t100%\t完成农转用报批\t100%\t129%\t129%\t\t\t\n`,
    )[0]!;
    expect(t.items.map((i) => [i.description, i.indicators.map((x) => x.name)])).toEqual([
      ['实施管线迁移等工作', ['实施管线迁移']],
      ['实施控规局调论证', ['实施控规局调']],
      ['完成农转用报批', ['完成农转用报批']],
    ]);
  });
  it('continues the text above where that one stops mid-sentence (the merged rate repeated)', () => {
    const t = tasksOf(text('强化重点人群、环境、物品监测，各地疾控机构在每周采样的基础上'))[0]!;
    expect(t.items.map((i) => i.description)).toEqual([
      '落实首诊负责制。',
      '强化重点人群、环境、物品监测，各地疾控机构在每周采样的基础上进一步加强集中隔离医学观察场所卫生防疫工作。',
    ]);
  });
});

describe('an item text slid into the first column of a page-top row while the task text is open', () => {
  const text = (row: string) =>
    `${H}14\t强化社会保障\t95%\t扩大养老、工伤和失业保险参保覆盖面。\t90%\t养老保险参保率\t98%\t88.2%\t90%\t市某局\t\t\n\n` +
    `${H}${row}\n`;
  it('is the text of the item its rate makes when no other text comes to that item', () => {
    const t = tasksOf(text('积极推进西湖益联保商业补充医疗保险发展。\t\t\t100%\t参保人数\t300万人\t470万人\t156.9%\t\t\t\t'))[0]!;
    expect(t.description).toBe('强化社会保障');
    expect(t.items.map((i) => i.description)).toEqual([
      '扩大养老、工伤和失业保险参保覆盖面。',
      '积极推进西湖益联保商业补充医疗保险发展。',
    ]);
  });
  it("stays the task's tail where it was written in the task's column (an item may have no text)", () => {
    const t = tasksOf(text('\t工作，织密社会保障网。\t\t\t73%\t参保人数\t300万人\t219万人\t73%\t\t\t'))[0]!;
    expect(t.description).toBe('强化社会保障工作，织密社会保障网。');
    expect(t.items.map((i) => [i.description, i.rate?.text])).toEqual([
      ['扩大养老、工伤和失业保险参保覆盖面。', '90%'],
      ['', '73%'],
    ]);
  });
});

describe("a task's merged cells repeated at a page top, the repeated text cut by the next break", () => {
  it('is the same task, and the tail on the next page is not said twice', () => {
    const desc = '实施全球英才杭聚、专项人才引育、青年人才弄潮等工程，办好大学生双创日等35场活动，培育引进高层次人才60名。';
    const head = desc.slice(0, 30);
    const tail = desc.slice(30);
    const text =
      `${H}136\t${desc}\t49%\t通过人才计划加大高层次人才引育力度。\t66%\t计划人数\t10人\t10人\t100%\t市委人才办\t\t\n\n` +
      `${H}136\t${head}\t49%\t\t\t\t\t\t\t市委人才办\t\t\n` +
      `\t\t\t指导支持人才申报国家和省级人才计划。\t50%\t申报人数\t5人\t0\t0%\t\t\t\n\n` +
      `${H}\t${tail}\t\t高水平举办大学生双创日活动。\t100%\t参与人数\t10万人次\t23.6万人次\t236%\t\t\t\n`;
    const tasks = tasksOf(text);
    expect(tasks.map((t) => t.no)).toEqual([136]);
    expect(tasks[0]!.description).toBe(desc);
    expect(tasks[0]!.items).toHaveLength(3);
  });
});

describe("an indicator name's tail after a page header that reads like a place (…区)", () => {
  // Lines 1583-1589 of the bundled report (tasks 133 and 134); the page breaks after line 1587, whose
  // indicator name 杭州市人工智能创新发展区 is cut, its tail alone on the next page's first row.
  const lines = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8')
    .split('\n')
    .slice(1582, 1589);
  const name = '杭州市人工智能创新发展区';
  const render = (fields: number, header: string) => {
    const rows = lines.map((l) => l.split('\t').slice(0, fields));
    const tailRow = rows[0]!.map(() => '');
    tailRow[5] = name.slice(8);
    rows[4]![5] = name.slice(0, 8);
    const tsv = (r: string[][]) => r.map((x) => x.join('\t')).join('\n');
    return `${header}${tsv(rows.slice(0, 5))}\n\n${header}${tsv([tailRow, ...rows.slice(5)])}\n`;
  };
  const NO_PROSE =
    '序号\t重点工作\t\t细化项目\t\t量化指标\t\t\t\t责任单位\n\t任务说明\t完成率\t任务说明\t完成率\t指标名称\t数值及单位\t当前值\t完成率\t\n';
  it.each([
    ['without prose columns', 10, NO_PROSE],
    ['in the canonical layout', 12, H],
  ])('is the tail of the name above, not of a unit that is complete (%s)', (_, fields, header) => {
    expect(typeOf(name.slice(8), false)).toBe('owner'); // what makes it a trap
    const [t133, t134] = tasksOf(render(fields, header));
    expect(t133!.owner).toBe('市科技局');
    expect(t134!.owner).toBe('市科技局');
    expect(t134!.items.map((i) => i.indicators.map((x) => x.name))).toEqual([
      ['印发文件数'],
      ['重点科研项目数'],
      [name],
      ['市创投（天使）引导基金参股合作子基金中设立人工智能领域专项基金'],
      ['应用场景推进开放数'],
    ]);
  });
  it('leaves a list of units cut by the page break open to its tail, a unit too', () => {
    const text = render(10, NO_PROSE)
      .replace('\t市科技局\n\t\t\t实施', '\t市科技局、\n\t\t\t实施')
      .replace('\t\t\t\t\t新发展区\t\t\t\t', '\t\t\t\t\t新发展区\t\t\t\t市发改委');
    const [, t134] = tasksOf(text);
    expect(t134!.owner).toBe('市科技局、市发改委');
    expect(t134!.items[2]!.indicators.map((x) => x.name)).toEqual([name]);
  });
});

describe('a unit cut by a page break where its head ends like a unit (…区 + 管委会)', () => {
  // Lines 570-576 of the bundled report (task 3 of section 四); the page breaks after line 571, the unit
  // on line 570 cut, its tail alone in the unit's column on the next page's first row.
  const lines = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8')
    .split('\n')
    .slice(569, 576);
  const owner = '杭州城西科创产业集聚区管委会';
  const render = (fields: number, header: string) => {
    const rows = lines.map((l) => l.split('\t').slice(0, fields));
    const tailRow = rows[0]!.map(() => '');
    tailRow[9] = owner.slice(-3);
    rows[0]![9] = owner.slice(0, -3);
    const tsv = (r: string[][]) => r.map((x) => x.join('\t')).join('\n');
    return `${header}${tsv(rows.slice(0, 2))}\n\n${header}${tsv([tailRow, ...rows.slice(2)])}\n`;
  };
  const NO_PROSE =
    '序号\t重点工作\t\t细化项目\t\t量化指标\t\t\t\t责任单位\n\t任务说明\t完成率\t任务说明\t完成率\t指标名称\t数值及单位\t当前值\t完成率\t\n';
  it.each([
    ['without prose columns', 10, NO_PROSE],
    ['in the canonical layout', 12, H],
  ])('takes the tail written in its own column, not the indicator name above (%s)', (_, fields, header) => {
    const [t3] = tasksOf(render(fields, header));
    expect(t3!.owner).toBe(owner);
    expect(t3!.items[0]!.indicators.map((x) => x.name)).toEqual(['42项工作清单完成数', '42项工作清单持续推进数']);
  });
});

describe('a unit cut by a page break, its tail on the next page beside figures that have no name', () => {
  // Lines 383-390 of the bundled report (task 24 of section 三); the page breaks after line 384, the unit
  // on line 383 cut (市住房保障 | 局), its tail merged into line 385, an indicator written without a name.
  const lines = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8').split('\n');
  const rows = (from: number, to: number) => lines.slice(from - 1, to).map((l) => l.split('\t'));
  const text = (shift: number) => {
    const top = rows(383, 384);
    top[0]![9] = '市住房保障';
    const first = rows(385, 385)[0]!;
    first[9] = '局';
    const moved = [...first.slice(shift), ...Array<string>(shift).fill('')];
    const tsv = (r: string[][]) => r.map((x) => x.join('\t')).join('\n');
    return `${H}${tsv(top)}\n\n${H}${tsv([moved, ...rows(389, 390)])}\n`;
  };
  it.each([0, 1])('completes the unit, not the nameless indicator (row slid left by %i)', (shift) => {
    const [t24] = tasksOf(text(shift));
    expect(t24!.owner).toBe('市住房保障局');
    expect(t24!.items[1]!.indicators.map((x) => [x.name, x.target?.text]).slice(0, 2)).toEqual([
      ['公租房建设（筹集）量', '30万平方米'],
      ['', '0.5万套'],
    ]);
  });
});

describe('a page-top row of one numbered prose point, slid right past the last column', () => {
  // Lines 1582 (主要亮点: 4. after the task's 1.-3.) and 1312 (存在问题与下步计划: 3. after 1.-2.) of the
  // bundled report hold one paragraph each, alone on the first row after a page header.
  const seedText = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');
  const tasks = (text: string) =>
    compile(text).sections.flatMap((s) => s.groups.flatMap((g) => g.tasks.map((t) => ({ key: `${s.ordinal}.${t.no}`, t }))));
  const prose = (text: string, key: string) => {
    const t = tasks(text).find((x) => x.key === key)!.t;
    return { highlights: t.highlights, nextSteps: t.nextSteps, items: t.items.map((i) => i.description) };
  };
  const slid = (line: number, by: number, trailing: string) => {
    const lines = seedText.split('\n');
    const cells = lines[line - 1]!.split('\t');
    const first = cells.findIndex((c) => c.trim() !== '');
    cells.splice(first, 0, ...Array<string>(by).fill(''));
    lines[line - 1] = cells.join('\t') + trailing;
    return lines.join('\n');
  };
  it.each([
    [1582, '四.132'],
    [1312, '四.99'],
  ])('goes on with the column whose points it continues (line %i, task %s), however far it slid', (line, key) => {
    const want = prose(seedText, key);
    for (const by of [1, 2, 3])
      for (const trailing of ['', '\t\t']) expect(prose(slid(line, by, trailing), key), `by ${by}`).toEqual(want);
  });
});

describe('a complete unit takes no text whose joining would leave it not ending like a unit', () => {
  // Lines 1583-1589 of the bundled report (tasks 133 and 134 of section 四) in a layout with the unit's column
  // right after the number; the page breaks after line 1587 and the next page's first row has its item text
  // slid into the first column (beside the unit's): that text is the item's, not the tail of 市科技局.
  const lines = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8')
    .split('\n')
    .slice(1582, 1589);
  const ORDER = [0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11];
  const HEADER =
    '序号\t牵头单位\t重点工作\t\t细化项目\t\t量化指标\t\t\t\t主要亮点\t存在问题与下步计划\n' +
    '\t\t任务说明\t完成率\t任务说明\t完成率\t指标名称\t数值及单位\t当前值\t完成率\t\t\n';
  const rows = lines.map((l) => {
    const f = l.split('\t');
    return ORDER.map((i) => f[i] ?? '');
  });
  const tsv = (r: string[][]) => r.map((x) => x.join('\t')).join('\n');
  // a short item text (no sentence end), which types as a name: it may sit in the unit's column at a low weight
  rows[5]![4] = rows[5]![4]!.replace(/。$/, '');
  const text = (slid: boolean) => {
    const top = [...rows[5]!];
    if (slid) {
      top[0] = top[4]!;
      top[4] = '';
    }
    return `${HEADER}${tsv(rows.slice(0, 5))}\n\n${HEADER}${tsv([top, ...rows.slice(6)])}\n`;
  };
  it('reads the slid row as the row written in place', () => {
    const item = rows[5]![4]!;
    expect(typeOf(item, false)).toBe('name'); // not a unit: a text moved in from another column
    const [, placed] = tasksOf(text(false));
    const [, slid] = tasksOf(text(true));
    expect(placed!.owner).toBe('市科技局');
    expect(slid!.owner).toBe('市科技局');
    expect(slid!.items.map((i) => i.description)).toEqual(placed!.items.map((i) => i.description));
    expect(slid!.items[3]!.description).toBe(item);
  });
});

describe('page-top rows of the bundled report slid right (docs/fidelity.md, "What the audited damage broke")', () => {
  const seedText = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');
  const task = (text: string, key: string) => {
    for (const s of compile(text).sections)
      for (const g of s.groups) for (const t of g.tasks) if (`${s.ordinal}.${t.no}` === key) return t;
    throw new Error(`no task ${key}`);
  };
  const reading = (text: string, key: string) => {
    const t = task(text, key);
    return { owner: t.owner, highlights: t.highlights, nextSteps: t.nextSteps, items: t.items.map((i) => i.description) };
  };
  const slid = (line: number, by: number) => {
    const lines = seedText.split('\n');
    const cells = lines[line - 1]!.split('\t');
    const first = cells.findIndex((c) => c.trim() !== '');
    cells.splice(first, 0, ...Array<string>(by).fill(''));
    lines[line - 1] = cells.join('\t');
    return lines.join('\n');
  };

  it('splits one prose cell that packs both columns’ tails (lines 738, 783: both columns cut mid-sentence)', () => {
    // the first paragraph ends the highlights' sentence; the second goes on with the cut next steps
    const t29 = task(seedText, '四.29');
    expect(t29.highlights[t29.highlights.length - 1]).toMatch(/一码多址 2137534 条。$/);
    expect(t29.nextSteps[0]).toMatch(/按照数字化改革要求，推进场景评审/);
    expect(t29.nextSteps.slice(1).map((p) => p.slice(0, 2))).toEqual(['2.', '3.']);
    const t34 = task(seedText, '四.34');
    expect(t34.highlights[t34.highlights.length - 1]).toMatch(/介绍杭州经验。$/);
    expect(t34.nextSteps[0]).toMatch(/2.由于近期疫情影响，很多中高风险地区/);
    expect(t34.nextSteps[1]).toMatch(/^下一步，坚持研判/);
  });

  it.each([
    [738, '四.29'], // one cell of both columns' tails
    [783, '四.34'],
    [1131, '四.75'], // 四是 after both lists' 三是: the list that ends with a separator goes on
    [353, '三.20'], // an indicator name's tail (额) slid into the unit's column beside other cells
  ])('reads line %i (task %s) slid right by 1-4 cells as written', (line, key) => {
    const want = reading(seedText, key);
    for (const by of [1, 2, 3, 4]) expect(reading(slid(line, by), key), `by ${by}`).toEqual(want);
  });
});

describe('a page-top indicator row slid left, its name into the first columns, under a finished item text', () => {
  // Line 45 of the bundled report (重大公共服务设施项目和基础设施项目数 | 20 个 | 15 个 | 75%: a name long enough to
  // read as a text) under the item text of line 44, which
  // ends its sentence, made the first row of a page, its figures slid left by one and its name further (as rows
  // 16-24 of the report are): the name is the indicator's, not the item text's tail.
  const lines = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8').split('\n');
  const text = (by: number) => {
    const ls = lines.slice();
    const cells = ls[44]!.split('\t');
    // the prose columns' tails beside it
    cells[10] = '共建共享。';
    cells[11] = '加快推进。';
    if (by) {
      const name = cells[5]!;
      cells.splice(5, 1);
      cells[5 - by] = name;
    }
    ls[44] = cells.join('\t');
    ls.splice(44, 0, '', lines[10]!, lines[11]!);
    return ls.slice(0, 200).join('\n');
  };
  const t1 = (by: number) => {
    const t = compile(text(by)).sections.find((s) => s.ordinal === '二')!.groups[0]!.tasks[0]!;
    return t.items.map((i) => [i.description, i.indicators.map((x) => x.name)]);
  };
  // (by 2 or 4 the name lands in the item's or the task's own column, where a text after a page header is a tail)
  it.each([3, 5])('reads the row whose name slid by %i as written', (by) => {
    const want = t1(0);
    expect(want[3]![1]).toContain('重大公共服务设施项目和基础设施项目数');
    expect(typeOf('重大公共服务设施项目和基础设施项目数', false)).toBe('text');
    expect(lines[43]!.split('\t')[4]).toMatch(/。$/);
    expect(t1(by)).toEqual(want);
  });
});

describe('a page-top item text slid into the task column beside its rate slid too, under an unfinished task text', () => {
  // Task 81 of section 四 (line 1175: its text ends 平台化、) with a page break made before line 1176, whose item
  // text slides two columns left (into the task's column) and the rest one (the rate into the item text's column):
  // the text is the item's, not the tail of the task's.
  const lines = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8').split('\n');
  const items = (slid: boolean) => {
    const ls = lines.slice();
    const cells = ls[1175]!.split('\t');
    if (slid) {
      const text = cells[3]!;
      cells.splice(3, 1);
      cells[1] = text;
    }
    ls[1175] = cells.join('\t');
    ls.splice(1175, 0, '', lines[10]!, lines[11]!);
    const t = compile(ls.join('\n'))
      .sections.find((s) => s.ordinal === '四')!
      .groups.flatMap((g) => g.tasks)
      .find((x) => x.no === 81)!;
    return { description: t.description, items: t.items.map((i) => [i.description, i.rate?.text]) };
  };
  it('reads the slid row as the row written in place', () => {
    const want = items(false);
    expect(want.description).toMatch(/平台化、$/);
    expect(want.items[1]![0]).toMatch(/^完成临安、余杭、桐庐等3个/);
    expect(items(true)).toEqual(want);
  });
});

describe("a task's numbered row written above the previous task's last rows (simulated renderings)", () => {
  // Renderings of the bundled report (test/helpers/sim) where a boundary was read wrong, two tasks at once.
  const whole = fromReport();
  const missesOf = (seed: number, tasks: string[]) =>
    simulate(whole, { seed, layout: 'canonical', damage: FULL_DAMAGE })
      .score.misses.filter((m) => tasks.includes(`${m.section}.${m.no}`))
      .map((m) => `${m.section}.${m.no}: ${m.reason}`);
  it('gives the previous task the number of rows, of those that reproduce as many rates, that leaves fewest rows out of row order', () => {
    // seed 20: 四.128's numbered row above 四.127's last two rows; moving one row reproduces the rates too,
    // but only by shifting three of 四.127's rows from item to item
    expect(missesOf(20, ['四.127', '四.128'])).toEqual([]);
  });
  it('where the rates tie either way, gives the previous task a row whose name leans to its last item and spares shifts', () => {
    // seed 4: 四.128's numbered row above 流调培训覆盖率 (四.127's last item promises 流调溯源): row order
    // keeps it in 四.128 only by shifting three of 四.127's rows; seed 7: 平原段完工率 below 四.57's numbered
    // row spares shifts in 四.56 too, but its name leans to 四.57's own item (江南线山岭段、平原段竣工)
    expect(missesOf(4, ['四.127', '四.128'])).toEqual([]);
    expect(missesOf(7, ['四.56', '四.57'])).toEqual([]);
  });
  it('gives a page-top name tail back to the item it leaves empty before the boundary is read', () => {
    // seed 62: 场景开放数 alone after a page header, joined to 营业收入额 above; its item then held no indicator,
    // and the boundary took 三.16's 占年度出让土地比例 (written without its rate) to fill it
    expect(missesOf(62, ['三.15', '三.16'])).toEqual([]);
  });
});

describe("a page-top indicator name read into the task's text column beside figures that have no name", () => {
  // 三.14 of the bundled report: the task's text has no closing stop, so a page-top text may continue it
  const report = (top: string) =>
    `${H}14\t强化社会保障\t62.41%\t完善落实养老、工伤和失业保险待遇调整机制,按时足额发放相关待遇。\t100%\t落实工伤待遇调整机制\t1个\t1个\t100%\t市人力社保局\t\t\n\n` +
    `${H}${top}\n` +
    `\t\t\t杭州市企业职工基本养老保险基金完成省级统筹。\t100%\t落实企业职工基本养老保险实现省级统筹\t100%\t100%\t100%\t\t\t\n`;
  it.each([
    ['slid into the first column, the figures one place left', '待遇调整人数比例与金额发放比例\t\t\t\t\t100%\t140%\t140%'],
    ["in the task's own column, the figures in place", '\t待遇调整人数比例与金额发放比例\t\t\t\t\t100%\t140%\t140%'],
  ])('names those figures (%s)', (_, top) => {
    const t = tasksOf(report(top))[0]!;
    expect(t.description).toBe('强化社会保障');
    expect(t.items[0]!.indicators.map((x) => [x.name, x.rate?.text])).toEqual([
      ['落实工伤待遇调整机制', '100%'],
      ['待遇调整人数比例与金额发放比例', '140%'],
    ]);
  });
  it("leaves a tail that ends the task's text beside a row's own indicator name where it was", () => {
    const t = tasksOf(report('\t保障体系\t\t\t\t待遇调整人数比例与金额发放比例\t100%\t140%\t140%'))[0]!;
    expect(t.description).toBe('强化社会保障保障体系');
  });
});

describe("a page-top item text slid into the task's column beside its rate slid too, the rate equal to the item above's", () => {
  // 三.14 of the bundled report: two items of 0%, the second's row slid left after a page header
  const N = '出台关于实习生和超过法定退休年龄劳动者等部分特定人员参加工伤保险办法(试行)》文件';
  const text =
    `${H}14\t强化社会保障\t62.41%\t制定出台《关于实习生和超过法定退休年龄劳动者等部分特定人员参加工伤保险办法(试行)》。\t0%\t${N}\t1个\t0个\t0%\t市人力社保局\t\t\n\n` +
    `${H}\t制定出台杭州市关于深化医疗保障制度改革的实施方案。\t\t0%\t${N}\t1个\t0个\t0%\t\t\t\t\n` +
    `\t\t\t制定出台基本医疗保险基金统收统支方案。\t0%\t制定文件数\t1 个\t0\t0%\t\t\t\n`;
  it('is an item of its own, not the merged rate of the item above beside a tail of the task text', () => {
    const t = tasksOf(text)[0]!;
    expect(t.description).toBe('强化社会保障');
    expect(t.items.map((i) => [i.description, i.rate?.text, i.indicators.length])).toEqual([
      ['制定出台《关于实习生和超过法定退休年龄劳动者等部分特定人员参加工伤保险办法(试行)》。', '0%', 1],
      ['制定出台杭州市关于深化医疗保障制度改革的实施方案。', '0%', 1],
      ['制定出台基本医疗保险基金统收统支方案。', '0%', 1],
    ]);
  });
});

describe('a text cut inside a bracket it opened, after its closing stop', () => {
  // 四.95 of the bundled report, its text cut after （“湿地水城”: the bracket is still open
  const text =
    `${H}95\t深入实施“万顷湿地、万里碧水”工程，公园化推进湿地建设，精心打造三江两岸生态人文景观和湿地公园群落。（“湿地水城”\t72.68%\t创建美丽河湖14条（段）。\t100%\t创建美丽河湖数\t14条（段）\t14条（段）\t100%\t市林水局\t\t\n\n` +
    `${H}\t六大标志性成果项目）\t\t\t\t\t\t\t\t\t\t\n` +
    `\t\t\t启动余杭北湖湿地鸟类栖息地保护项目。\t70%\t完成北湖鸟类保护项目\t1个\t0.7个\t70%\t\t\t\n`;
  it("is open: the page-top tail in the task's column continues it, not the indicator name above", () => {
    const t = tasksOf(text)[0]!;
    expect(t.description).toMatch(/（“湿地水城”六大标志性成果项目）$/);
    expect(t.items[0]!.indicators.map((x) => x.name)).toEqual(['创建美丽河湖数']);
  });
});
