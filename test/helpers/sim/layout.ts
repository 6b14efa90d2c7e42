// Layouts a report of this kind comes in: which role each column holds and what its header says.
// The canonical layout is the bundled report's (docs/format.md, "Columns"); the others move columns,
// use other header words for the same meaning, drop the prose columns or add a remarks column.
import type { Rng } from './rng.js';

export const ROLES = [
  'no',
  'taskDesc',
  'taskRate',
  'itemDesc',
  'itemRate',
  'name',
  'target',
  'current',
  'indRate',
  'owner',
  'highlights',
  'nextSteps',
] as const;
export type CanonicalRole = (typeof ROLES)[number];
/** The canonical twelve, plus an extra remarks column the report's tree has no place for. */
export type Role = CanonicalRole | 'remarks';

type Level = 'task' | 'item' | 'indicator';
const LEVEL: Partial<Record<Role, Level>> = {
  taskDesc: 'task',
  taskRate: 'task',
  itemDesc: 'item',
  itemRate: 'item',
  name: 'indicator',
  target: 'indicator',
  current: 'indicator',
  indRate: 'indicator',
};

/** Header words by meaning (the first is the bundled report's). */
export const SYNONYMS = {
  no: ['序号', '编号'],
  task: ['重点工作', '重点任务', '工作任务'],
  item: ['细化项目', '具体项目', '细化任务', '分解任务'],
  indicator: ['量化指标'],
  desc: ['任务说明', '工作内容', '具体内容'],
  rate: ['完成率', '完成进度', '完成比例', '进度'],
  name: ['指标名称', '指标'],
  target: ['数值及单位', '目标值', '目标', '年度目标'],
  current: ['当前值', '完成值', '实际完成', '累计完成'],
  owner: ['责任单位', '牵头单位', '责任部门', '主办单位'],
  highlights: ['主要亮点', '工作亮点', '工作成效'],
  nextSteps: ['存在问题与下步计划', '存在问题及下一步打算', '下步计划'],
  remarks: ['备注'],
} as const;

type Words = { [K in keyof typeof SYNONYMS]: string };

export interface Layout {
  /** The layout's name in `npm run fidelity` (canonical, owner-elsewhere, remarks, no-prose, permuted). */
  name: string;
  columns: Role[];
  words: Words;
  twoRow: boolean;
  /** The canonical layout's header says 下步 or 下一步 from block to block. */
  varyNextSteps: boolean;
  /** Some blocks' headers use other synonyms (same columns). */
  varyWords: boolean;
  /** From a page on (at: share of the pages before it), another layout: the header changes and the
   * columns with it. */
  then?: { at: number; layout: Layout };
}

export const LAYOUTS = ['canonical', 'owner-elsewhere', 'remarks', 'no-prose', 'permuted', 'changing'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

const CANONICAL_WORDS: Words = Object.fromEntries(Object.entries(SYNONYMS).map(([k, v]) => [k, v[0]])) as Words;
const randomWords = (r: Rng): Words => Object.fromEntries(Object.entries(SYNONYMS).map(([k, v]) => [k, r.pick(v)])) as Words;

/** Are the columns of each level (task, item, indicator) side by side, so a two-row header can span them? */
export function levelsContiguous(columns: readonly Role[]): boolean {
  for (const level of ['task', 'item', 'indicator'] as Level[]) {
    const at = columns.flatMap((c, i) => (LEVEL[c] === level ? [i] : []));
    if (at.length && at[at.length - 1]! - at[0]! !== at.length - 1) return false;
  }
  return true;
}

/** A named layout; the random choices (synonyms, where the owner goes, the permutation) come from r. */
export function layoutFor(name: LayoutName, r: Rng): Layout {
  const canonical: Role[] = [...ROLES];
  switch (name) {
    case 'canonical':
      return { name, columns: canonical, words: CANONICAL_WORDS, twoRow: true, varyNextSteps: true, varyWords: false };
    case 'owner-elsewhere': {
      const columns: Role[] = canonical.filter((c) => c !== 'owner');
      // Anywhere but its own place, between whole levels (so the two-row header still spans them).
      const at = r.pick([1, 3, 5, 10, 11]);
      columns.splice(at, 0, 'owner');
      return { name, columns, words: randomWords(r), twoRow: r.chance(0.7), varyNextSteps: false, varyWords: true };
    }
    case 'remarks':
      return {
        name,
        columns: [...canonical, 'remarks'],
        words: r.chance(0.5) ? CANONICAL_WORDS : randomWords(r),
        twoRow: true,
        varyNextSteps: false,
        varyWords: r.chance(0.5),
      };
    case 'no-prose':
      return {
        name,
        columns: canonical.filter((c) => c !== 'highlights' && c !== 'nextSteps'),
        words: randomWords(r),
        twoRow: r.chance(0.5),
        varyNextSteps: false,
        varyWords: true,
      };
    case 'permuted': {
      const columns = r.shuffle(canonical);
      return {
        name,
        columns,
        words: randomWords(r),
        twoRow: levelsContiguous(columns) && r.chance(0.5),
        varyNextSteps: false,
        varyWords: true,
      };
    }
    case 'changing': {
      // The canonical layout, then from a page on another column order (a compilation of two sources).
      const next = layoutFor(r.chance(0.5) ? 'owner-elsewhere' : 'permuted', r);
      return { ...layoutFor('canonical', r), name, then: { at: 0.3 + 0.4 * r.next(), layout: next } };
    }
  }
}

/** The header words of one column: [first row, second row] of a two-row header, or [single row, '']. */
function headerCell(l: Layout, w: Words, role: Role, firstOfLevel: boolean, r: Rng): [string, string] {
  const nextSteps = l.varyNextSteps && r.chance(0.5) ? '存在问题与下一步计划' : w.nextSteps;
  const plain: Partial<Record<Role, string>> = {
    no: w.no,
    owner: w.owner,
    highlights: w.highlights,
    nextSteps,
    remarks: w.remarks,
  };
  const sub: Partial<Record<Role, string>> = {
    taskDesc: w.desc,
    taskRate: w.rate,
    itemDesc: w.desc,
    itemRate: w.rate,
    name: w.name,
    target: w.target,
    current: w.current,
    indRate: w.rate,
  };
  const level = LEVEL[role];
  if (!level) return [plain[role]!, ''];
  const top = w[level];
  if (l.twoRow) return [firstOfLevel ? top : '', sub[role]!];
  // One row: each column says it all (重点工作, 重点工作完成率, 指标名称, 目标值, 指标完成率).
  const single: Partial<Record<Role, string>> = {
    taskDesc: w.task,
    taskRate: w.task + w.rate,
    itemDesc: w.item,
    itemRate: w.item + w.rate,
    name: w.name,
    target: w.target,
    current: w.current,
    indRate: '指标' + w.rate,
  };
  return [single[role]!, ''];
}

/** The header lines of one page block (two, or one for a one-row header). */
export function headerLines(l: Layout, r: Rng): string[][] {
  const top: string[] = [];
  const second: string[] = [];
  const words = l.varyWords && r.chance(0.3) ? randomWords(r) : l.words;
  l.columns.forEach((role, i) => {
    const level = LEVEL[role];
    const first = !level || i === 0 || LEVEL[l.columns[i - 1]!] !== level;
    const [a, b] = headerCell(l, words, role, first, r);
    top.push(a);
    second.push(b);
  });
  return l.twoRow ? [top, second] : [top];
}
