// A second, independent renderer of report TSV (a second opinion on test/helpers/sim): written from the
// format description (docs/format.md, the shared FORMAT.md) and a look at the bundled report, not from the
// first simulator's code. It shares only the transcription (the source tree) and the scorer with it, so
// the figures compare. Its own choices: header words from a wider synonym list, one- and two-row headers
// that may change between page blocks, the owner and prose columns moved, an unknown column with text,
// merged-cell text placed by a vertical-centring model (a tall text in a merged cell starts above the
// middle of its span, so it can sit above its first row or below it), page breaks with cut cells and
// repeated merged cells, rows that lost or gained leading cells, packed `<p>` rows, 14-field blocks.
import { clone, type TItem, type TTask, type Transcription } from '../sim/transcription.js';

/** A small seeded generator (mulberry32): the same seed renders the same text. */
export function rng2(seed: number): {
  next: () => number;
  int: (a: number, b: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  chance: (p: number) => boolean;
} {
  let s = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (a: number, b: number) => a + Math.floor(next() * (b - a + 1));
  return { next, int, pick: (xs) => xs[Math.floor(next() * xs.length)]!, chance: (p) => next() < p };
}
type Rand = ReturnType<typeof rng2>;

export type Role2 =
  | 'no'
  | 'taskDesc'
  | 'taskRate'
  | 'itemDesc'
  | 'itemRate'
  | 'name'
  | 'target'
  | 'current'
  | 'rate'
  | 'owner'
  | 'highlights'
  | 'nextSteps'
  | 'remarks';
export const LAYOUTS2 = ['canonical', 'owner-elsewhere', 'remarks', 'no-prose', 'reordered'] as const;
export type Layout2Name = (typeof LAYOUTS2)[number];

/** Rates of each kind of damage (per row, per page break, per task or per block, as named). */
export interface Damage2 {
  pageRows: [number, number];
  cut: number; // per page break: a text cell of the page's last row continues on the next page
  repeatItem: number; // per page break inside an item: its description and rate repeated on top
  repeatAll: number; // per page break inside a task: every merged cell repeated (task number included)
  centre: number; // per task: merged-cell text placed by the centring model
  taskUp: number; // per task: its row lifted into the previous task's last rows
  taskUpAlone: number; // of which without its first item's text (a share of taskUp)
  shiftLeft: number; // per row: leading empty cells lost
  shiftRight: number; // per row: empty cells gained before a cell
  packed: number; // per run of one-indicator items: packed into one row of <p> lists
  wide: number; // per page block: 14 fields (two empty extras)
  headerChange: number; // per page block: header words drawn afresh
}
export const DAMAGE2: Damage2 = {
  pageRows: [14, 34],
  cut: 0.5,
  repeatItem: 0.25,
  repeatAll: 0.08,
  centre: 0.35,
  taskUp: 0.12,
  taskUpAlone: 0.02,
  shiftLeft: 0.06,
  shiftRight: 0.02,
  packed: 0.15,
  wide: 0.05,
  headerChange: 0.3,
};
export const NO_DAMAGE2: Damage2 = {
  pageRows: [1e9, 1e9],
  cut: 0,
  repeatItem: 0,
  repeatAll: 0,
  centre: 0,
  taskUp: 0,
  taskUpAlone: 0,
  shiftLeft: 0,
  shiftRight: 0,
  packed: 0,
  wide: 0,
  headerChange: 0,
};

// ---- header words ------------------------------------------------------------------------------
const LEVEL = {
  task: ['重点工作', '重点任务', '工作任务'],
  item: ['细化项目', '具体项目', '细化任务', '分解任务'],
  indicator: ['量化指标'],
};
const LEAF: Record<Role2, string[]> = {
  no: ['序号', '编号'],
  taskDesc: ['任务说明', '工作内容', '具体内容'],
  taskRate: ['完成率', '完成进度', '完成比例', '进度'],
  itemDesc: ['任务说明', '工作内容', '具体内容'],
  itemRate: ['完成率', '完成进度', '完成比例', '进度'],
  name: ['指标名称', '指标'],
  target: ['数值及单位', '目标值', '年度目标', '目标'],
  current: ['当前值', '完成值', '实际完成', '累计完成'],
  rate: ['完成率', '完成进度', '完成比例'],
  owner: ['责任单位', '牵头单位', '责任部门', '主办单位'],
  highlights: ['主要亮点', '工作亮点', '工作成效'],
  nextSteps: ['存在问题与下步计划', '存在问题与下一步计划', '存在问题及下一步打算', '下步计划'],
  remarks: ['备注', '数据来源', '备注说明'],
};
const LEVEL_OF: Partial<Record<Role2, keyof typeof LEVEL>> = {
  taskDesc: 'task',
  taskRate: 'task',
  itemDesc: 'item',
  itemRate: 'item',
  name: 'indicator',
  target: 'indicator',
  current: 'indicator',
  rate: 'indicator',
};
const CANONICAL_WORDS: Partial<Record<Role2, string>> = {
  no: '序号',
  taskDesc: '任务说明',
  taskRate: '完成率',
  itemDesc: '任务说明',
  itemRate: '完成率',
  name: '指标名称',
  target: '数值及单位',
  current: '当前值',
  rate: '完成率',
  owner: '责任单位',
  highlights: '主要亮点',
};
const CANONICAL_LEVEL = { task: '重点工作', item: '细化项目', indicator: '量化指标' };

/** The header rows of a block: two rows (group over leaf, a group written once over its first column), or
 * one row where each cell says everything (重点任务完成率, 指标完成率) or relies on its neighbours (完成率). */
function headerRows(roles: readonly Role2[], r: Rand, canonical: boolean): string[][] {
  const word = (role: Role2) => (canonical && CANONICAL_WORDS[role]) || r.pick(LEAF[role]);
  const level = (lv: keyof typeof LEVEL) => (canonical ? CANONICAL_LEVEL[lv] : r.pick(LEVEL[lv]));
  if (canonical || r.chance(0.5)) {
    const top: string[] = [];
    const sub: string[] = [];
    const lvWord: Record<string, string> = {};
    roles.forEach((role, i) => {
      const lv = LEVEL_OF[role];
      if (!lv)
        return void (top.push(role === 'nextSteps' && canonical ? r.pick(LEAF.nextSteps.slice(0, 2)) : word(role)), sub.push(''));
      const first = LEVEL_OF[roles[i - 1]!] !== lv;
      if (first) lvWord[lv] = level(lv);
      top.push(first ? lvWord[lv]! : '');
      sub.push(word(role));
    });
    return [top, sub];
  }
  const full = r.chance(0.5);
  return [
    roles.map((role) => {
      const lv = LEVEL_OF[role];
      if (role === 'taskDesc' || role === 'itemDesc') return level(lv!);
      if (role === 'taskRate' || role === 'itemRate') return full ? level(lv!) + word(role) : word(role);
      if (role === 'rate') return full ? '指标' + word(role) : word(role);
      if (role === 'name') return '指标名称';
      return word(role);
    }),
  ];
}

/** The column order of a layout (a fresh draw per seed where the layout allows several). */
function columnsOf(name: Layout2Name, r: Rand): Role2[] {
  const core: Role2[] = ['no', 'taskDesc', 'taskRate', 'itemDesc', 'itemRate', 'name', 'target', 'current', 'rate'];
  const prose: Role2[] = ['highlights', 'nextSteps'];
  const insert = (xs: Role2[], at: number, x: Role2) => [...xs.slice(0, at), x, ...xs.slice(at)];
  switch (name) {
    case 'canonical':
      return [...core, 'owner', ...prose];
    case 'owner-elsewhere':
      return [...insert(core, r.pick([1, 3, 5, 9]), 'owner'), ...prose];
    case 'remarks':
      return insert([...core, 'owner', ...prose], r.pick([9, 10, 12]), 'remarks');
    case 'no-prose':
      return r.chance(0.5) ? [...core, 'owner'] : insert(core, r.pick([1, 3]), 'owner');
    case 'reordered': {
      const p = r.chance(0.5) ? prose : [...prose].reverse();
      return r.chance(0.5) ? [...insert(core, 3, 'owner'), ...p] : ['no', 'owner', ...core.slice(1), ...p, 'remarks'];
    }
  }
}

// ---- rows ---------------------------------------------------------------------------------------
type Grid = Partial<Record<Role2, string>>;
interface Row {
  cells: Grid;
  /** Task (index in document order) whose span holds the row, and the item whose span holds it. */
  task: number;
  item: number;
  kind: 'content' | 'heading';
}
const REMARKS = ['纳入年度考核', '市民关注事项', '数据截至9月底', '季度通报', '省级考核', '待年底核算'];
const paragraphs = (ps: readonly string[], r: Rand): string =>
  ps.length === 0
    ? ''
    : ps.length === 1 && r.chance(0.5)
      ? ps[0]!
      : r.chance(0.8)
        ? ps.map((p) => `<p>${p}</p>`).join(' ')
        : `<ol><li>${ps.join('</li><li>')}</li></ol>`;
const packList = (xs: string[]) => xs.map((x) => `<p>${x}</p>`).join(' ');

/** The rows of one task: an indicator a row (an item without indicators one row), runs of one-indicator
 * items sometimes packed into one row, merged-cell text placed at its span's top or by the centring model. */
function taskRows(t: TTask, ti: number, prose: boolean, r: Rand, d: Damage2, stats: Stats): Row[] {
  const rows: Row[] = [];
  const spans: [number, number][] = [];
  for (let j = 0; j < t.items.length;) {
    const it = t.items[j]!;
    let k = j;
    const one = (x: TItem | undefined) => x !== undefined && x.indicators.length === 1 && !x.remarks;
    if (one(it) && r.chance(d.packed)) while (k + 1 < t.items.length && k - j < 2 && one(t.items[k + 1])) k++;
    if (k > j) {
      const run = t.items.slice(j, k + 1);
      const ind = run.map((x) => x.indicators[0]!);
      rows.push({
        task: ti,
        item: j,
        kind: 'content',
        cells: {
          itemDesc: packList(run.map((x) => x.description)),
          itemRate: packList(run.map((x) => x.rate)),
          name: packList(ind.map((x) => x.name)),
          target: packList(ind.map((x) => x.target)),
          current: packList(ind.map((x) => x.current)),
          rate: packList(ind.map((x) => x.rate)),
        },
      });
      for (let q = j; q <= k; q++) spans.push([rows.length - 1, 0]);
      stats.packedRows++;
      j = k + 1;
      continue;
    }
    const start = rows.length;
    for (const x of it.indicators.length ? it.indicators : [null])
      rows.push({
        task: ti,
        item: j,
        kind: 'content',
        cells: x ? { name: x.name, target: x.target, current: x.current, rate: x.rate } : {},
      });
    spans.push([start, rows.length - start]);
    j++;
  }
  // item text rows: the top of each span, or centred (a tall text starts above the middle), kept in order
  let at = spans.map(([s]) => s);
  if (r.chance(d.centre)) {
    const c: number[] = [];
    spans.forEach(([s, n], j) => {
      if (n === 0) return void c.push(s);
      const h = Math.ceil(t.items[j]!.description.length / 18);
      c.push(Math.max(j === 0 ? 0 : c[j - 1]! + 1, s + Math.floor((n - h) / 2)));
    });
    if (c.every((x, j) => x < rows.length && (spans[j]![1] > 0 || x === spans[j]![0]))) {
      stats.itemsMoved += c.filter((x, j) => x !== at[j]).length;
      at = c;
    }
  }
  spans.forEach(([, n], j) => {
    if (n === 0) return; // packed: the row holds it already
    const it = t.items[j]!;
    Object.assign(
      rows[at[j]!]!.cells,
      { itemDesc: it.description, itemRate: it.rate },
      it.remarks ? { remarks: it.remarks } : {},
    );
  });
  const head = rows[0]!.cells;
  Object.assign(head, { no: t.no === null ? '' : String(t.no), taskDesc: t.description, taskRate: t.rate, owner: t.owner });
  if (t.remarks) head.remarks = head.remarks ? `${t.remarks}；${head.remarks}` : t.remarks;
  if (prose) Object.assign(head, { highlights: paragraphs(t.highlights, r), nextSteps: paragraphs(t.nextSteps, r) });
  return rows;
}
const TASK_ROLES: Role2[] = ['no', 'taskDesc', 'taskRate', 'owner', 'highlights', 'nextSteps'];

export interface Stats {
  pages: number;
  cuts: number;
  ownRowTails: number;
  repeats: number;
  repeatAll: number;
  shiftedLeft: number;
  shiftedRight: number;
  wideBlocks: number;
  itemsMoved: number;
  tasksUp: number;
  tasksUpAlone: number;
  tasksUpOwnRow: number;
  packedRows: number;
  headerChanges: number;
}
export interface Rendering2 {
  text: string;
  transcription: Transcription;
  columns: Role2[];
  headers: string[][][];
  stats: Stats;
}

/** Render a transcription in a layout with fresh damage. */
export function render2(source: Transcription, o: { seed: number; layout: Layout2Name; damage?: Damage2 }): Rendering2 {
  const d = o.damage ?? DAMAGE2;
  const r = rng2(o.seed * 7919 + LAYOUTS2.indexOf(o.layout));
  const tr = clone(source);
  const columns = columnsOf(o.layout, r);
  const prose = columns.includes('highlights');
  const stats: Stats = {
    pages: 0,
    cuts: 0,
    ownRowTails: 0,
    repeats: 0,
    repeatAll: 0,
    shiftedLeft: 0,
    shiftedRight: 0,
    wideBlocks: 0,
    itemsMoved: 0,
    tasksUp: 0,
    tasksUpAlone: 0,
    tasksUpOwnRow: 0,
    packedRows: 0,
    headerChanges: 0,
  };
  // the rendered transcription: remarks where the layout has the column, no prose where it has none
  const tasks: TTask[] = [];
  for (const s of tr.sections)
    for (const g of s.groups)
      for (const t of g.tasks) {
        tasks.push(t);
        if (!prose) {
          t.highlights = [];
          t.nextSteps = [];
        }
        if (columns.includes('remarks')) {
          if (r.chance(0.3)) t.remarks = r.pick(REMARKS);
          // an item's remark beside the task's own row would be the task's: items after the first only
          for (const it of t.items.slice(1)) if (r.chance(0.15)) it.remarks = r.pick(REMARKS);
        }
      }
  const rows: Row[] = [];
  let ti = 0;
  for (const s of tr.sections) {
    rows.push({ kind: 'heading', task: -1, item: -1, cells: { no: r.chance(0.3) ? `<b>${s.title}</b>` : (s.title ?? '') } });
    for (const g of s.groups) {
      rows.push({ kind: 'heading', task: -1, item: -1, cells: { no: r.chance(0.3) ? `<b>${g.title}</b>` : (g.title ?? '') } });
      let first = true;
      for (const t of g.tasks) {
        const mine = taskRows(t, ti, prose, r, d, stats);
        // the task's row lifted into the previous task's last rows (a tall task text centred in its span)
        const k = r.int(1, 2);
        const prev = rows.slice(-k - 1);
        if (
          !first &&
          r.chance(d.taskUp) &&
          prev.length === k + 1 &&
          prev.every((x) => x.kind === 'content' && x.task === ti - 1) &&
          prev[0]!.cells.no === undefined &&
          !/<p>/.test(mine[0]!.cells.name ?? '') // a packed row is one row: it moves whole or not at all
        ) {
          const up = rows[rows.length - k]!;
          // the row takes its first item's text along (as the bundled report's numbered rows all carry one),
          // or, rarely, goes alone (the task's own cells only)
          const alone = r.chance(d.taskUpAlone / Math.max(d.taskUp, 1e-9));
          const roles: Role2[] = alone ? TASK_ROLES : [...TASK_ROLES, 'itemDesc', 'itemRate', 'remarks'];
          // it shares the line of a previous task's row (text at the same height), or makes a line of its own
          const own = r.chance(0.5);
          if (own || roles.every((x) => up.cells[x] === undefined)) {
            const moved: Grid = {};
            for (const x of roles)
              if (mine[0]!.cells[x] !== undefined) {
                moved[x] = mine[0]!.cells[x];
                delete mine[0]!.cells[x];
              }
            if (own) rows.splice(rows.length - k, 0, { kind: 'content', task: ti, item: 0, cells: moved });
            else Object.assign(up.cells, moved);
            stats.tasksUp++;
            if (alone) stats.tasksUpAlone++;
            if (own) stats.tasksUpOwnRow++;
          }
        }
        rows.push(...mine);
        first = false;
        ti++;
      }
    }
  }
  const headers: string[][][] = [];
  const text = paginate(rows, columns, r, d, stats, tr, o.layout === 'canonical', headers);
  return { text, transcription: tr, columns, headers, stats };
}

// ---- pages and row damage -----------------------------------------------------------------------
const CUTTABLE: Role2[] = ['itemDesc', 'taskDesc', 'highlights', 'nextSteps', 'owner'];

function paginate(
  rows: Row[],
  columns: Role2[],
  r: Rand,
  d: Damage2,
  stats: Stats,
  tr: Transcription,
  canonical: boolean,
  headers: string[][][],
): string {
  const out: string[] = [...tr.preamble.flatMap((l) => ['', l]), ''];
  let header = headerRows(columns, r, canonical);
  headers.push(header);
  let i = 0;
  while (i < rows.length) {
    const n = Math.min(rows.length - i, r.int(d.pageRows[0], d.pageRows[1]));
    const page = rows.slice(i, i + n).map((x) => ({ ...x, cells: { ...x.cells } }));
    const next = rows[i + n];
    if (i > 0 && r.chance(d.headerChange)) {
      header = headerRows(columns, r, canonical);
      headers.push(header);
      stats.headerChanges++;
    }
    const width = r.chance(d.wide) ? columns.length + 2 : columns.length;
    if (width > columns.length) stats.wideBlocks++;
    stats.pages++;
    out.push('', ...header.map((h) => pad(h, width).join('\t')));
    for (const row of page)
      out.push(
        row.kind === 'heading' ? pad([row.cells.no!], width).join('\t') : damageRow(line(row.cells, columns), width, r, d, stats),
      );
    i += n;
    // at the break: a cut cell continues on the next page, merged cells may be repeated there
    if (!next || next.kind !== 'content') continue;
    const last = page[page.length - 1]!;
    const top = rows[i]!;
    if (last.kind === 'content' && r.chance(d.cut)) {
      const role = CUTTABLE.find(
        (x) => (last.cells[x] ?? '').replace(/<[^>]+>/g, '').length >= 12 && !/<p>|<li>/.test(last.cells[x]!) && r.chance(0.5),
      );
      if (role) {
        const text = last.cells[role]!;
        let at = r.int(Math.floor(text.length * 0.4), Math.floor(text.length * 0.8));
        while (at > 2 && /[。；;！？…）)」》”]/.test(text[at - 1]!)) at--; // a cut never falls after a closing mark
        const tail = text.slice(at);
        last.cells[role] = text.slice(0, at);
        out.splice(
          out.length - 1,
          1,
          damageRow(line(last.cells, columns), width, r, { ...d, shiftLeft: 0, shiftRight: 0 }, stats),
        );
        stats.cuts++;
        const same = last.task === top.task && (role !== 'itemDesc' || last.item === top.item);
        if (top.cells[role] === undefined && same) top.cells[role] = tail;
        else {
          rows.splice(i, 0, { kind: 'content', task: last.task, item: last.item, cells: { [role]: tail } });
          stats.ownRowTails++;
        }
      }
    }
    const first = rows[i]!;
    // a merged cell is repeated only when its text stood above the break
    const above = (): boolean => {
      for (let q = i - 1; q >= 0 && rows[q]!.task === first.task && rows[q]!.item === first.item; q--)
        if (rows[q]!.cells.itemDesc !== undefined) return true;
      return false;
    };
    if (
      first.task === last.task &&
      first.task >= 0 &&
      first.cells.itemDesc === undefined &&
      first.item === last.item &&
      above()
    ) {
      const t = taskOf(tr, first.task);
      const it = t.items[first.item];
      if (it && !it.description.includes('<p>') && r.chance(d.repeatItem + d.repeatAll)) {
        const all =
          first.cells.no === undefined &&
          first.cells.taskDesc === undefined &&
          r.chance(d.repeatAll / (d.repeatItem + d.repeatAll));
        rows[i] = { ...first, cells: { ...first.cells, itemDesc: it.description, itemRate: it.rate } };
        if (all) {
          Object.assign(rows[i]!.cells, { no: String(t.no ?? ''), taskDesc: t.description, taskRate: t.rate });
          stats.repeatAll++;
        }
        stats.repeats++;
      }
    }
  }
  return out.join('\n') + '\n';
}
function taskOf(tr: Transcription, k: number): TTask {
  for (const s of tr.sections) for (const g of s.groups) for (const t of g.tasks) if (k-- === 0) return t;
  throw new Error('no such task');
}
const pad = (xs: string[], width: number): string[] => [...xs, ...Array<string>(Math.max(0, width - xs.length)).fill('')];
const line = (cells: Grid, columns: Role2[]): string[] => columns.map((c) => cells[c] ?? '');

/** A row as text: leading empty cells lost (the row slides left), or empty cells gained before one. */
function damageRow(fields: string[], width: number, r: Rand, d: Damage2, stats: Stats): string {
  let f = pad(fields, width);
  const lead = f.findIndex((x) => x !== '');
  if (lead > 0 && r.chance(d.shiftLeft)) {
    const k = r.chance(0.6) ? lead : r.int(1, lead);
    f = [...f.slice(k), ...Array<string>(k).fill('')];
    stats.shiftedLeft++;
  } else if (lead >= 0 && r.chance(d.shiftRight)) {
    const filled = f.map((x, i) => (x ? i : -1)).filter((i) => i >= 0);
    const at = r.pick(filled);
    const k = r.int(1, 2);
    f = [...f.slice(0, at), ...Array<string>(k).fill(''), ...f.slice(at)];
    while (f.length > width && f[f.length - 1] === '') f.pop();
    stats.shiftedRight++;
  }
  while (f.length > width && f[f.length - 1] === '') f.pop();
  return f.join('\t');
}
