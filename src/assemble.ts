// Stage 5: realigned rows → preamble, sections, leader groups, tasks, items, indicators.
// Page-break continuations and cut cells are joined, packed rows split, trailing prose rows
// attached to their task, and indicators grouped under items by the report's own arithmetic.
import type { Cell, TypedRow } from './classify.js';
import { classifyRows, GROUP_RE } from './classify.js';
import { realign } from './realign.js';
import { natural, partition, type Anchor, type Member } from './group.js';
import { agrees } from './rates.js';
import { halfWidth, parseQuantity } from './quantity.js';
import { parseRate } from './rates.js';
import { diag } from './diagnostics.js';
import type { Row } from './tokenize.js';
import type { Diagnostic, Group, Indicator, Item, Location, Rate, Section, Task } from './model.js';
import type { TaskPlace } from './check.js';

export interface Counts {
  sections: number;
  groups: number;
  tasks: number;
  items: number;
  indicators: number;
  cellsSeen: number;
  cellsPlaced: number;
  cellsReported: number;
}

export interface Tree {
  title: string | null;
  issuer: string | null;
  date: string | null;
  diagnostics: Diagnostic[];
  counts: Counts;
  /** True when the input held rows of a report table (figures, section or group rows). */
  hasTable: boolean;
  /** True when a header row was seen. */
  hasHeader: boolean;
}

const loc = (c: Cell): Location => ({ line: c.line, column: c.column, field: c.field });
const POS = (line: number, part = 0) => line * 64 + Math.min(part, 63);

interface ItemAnchor {
  pos: number;
  line: number;
  desc: Cell[]; // joined fragments
  descText: string[];
  rate: Rate | null;
  /** The row also continues its task's own text, so the item cannot belong to another task. */
  pinned: boolean;
  /** The same merged description repeated on later rows. */
  repeats: Cell[];
}

interface IndicatorRow {
  pos: number;
  line: number;
  name: { text: string; at: Location[] };
  target: Cell | null;
  targetText: string;
  current: Cell | null;
  currentText: string;
  rate: Cell | null;
  rateText: string;
}

interface TaskBuilder {
  no: number | null;
  noAt: Location[];
  descText: string[];
  descAt: Location[];
  rate: Rate | null;
  owner: string | null;
  ownerAt: Location[];
  highlights: string[];
  highlightsAt: Location[];
  nextSteps: string[];
  nextStepsAt: Location[];
  anchors: ItemAnchor[];
  indicators: IndicatorRow[];
  start: number;
  end: number;
}

interface GroupBuilder {
  group: Group;
  tasks: TaskBuilder[];
  /** Tasks finished (tasks[0..done) are final and emitted). */
  done: number;
  /** Place among the section's kept groups, -1 until the group is known to be kept. */
  index: number;
}

interface SectionBuilder {
  section: Section;
  groups: GroupBuilder[];
  /** Place among the report's sections. */
  index: number;
  keptGroups: number;
}

/** The report's own lines above the table. */
export interface Preamble {
  title: string | null;
  issuer: string | null;
  date: string | null;
}

/**
 * Receives the report section by section, as each is finished, so that a large report is never
 * held whole (docs/architecture.md, "Streaming"). preamble() comes once, before the first section; sections come only once
 * the input has shown it holds a table (a report without one is refused before anything is sent).
 */
export interface SectionSink {
  preamble(p: Preamble): void;
  section(s: Section): void;
  /**
   * Each task as soon as it is final (its rows and its neighbours' are in, and the arithmetic regrouping at its
   * boundaries is done), in report order, before its section.
   */
  task?(t: Task, at: TaskPlace): void;
  /** No task of the section comes after this (called before section()). */
  sectionEnd?(index: number): void;
  /** False: finished tasks are not attached to their groups (a caller that needs tasks only, e.g. check). */
  keepTasks?: boolean;
}

export function assemble(rows: Iterable<Row>, sink: SectionSink): Tree {
  return assembleTyped(classifyRows(rows), sink);
}

/** The sections go to the sink as they are finished; the tree says what is known at the end. */
export function assembleTyped(typed: Iterable<TypedRow>, sink: SectionSink): Tree {
  const diagnostics: Diagnostic[] = [];
  let placed = 0;
  let reported = 0;
  let seen = 0;
  const place = (n = 1) => (placed += n);
  const report = (c: Cell, why?: string) => {
    reported++;
    diagnostics.push(
      diag('HZ101', { line: c.line, column: c.column, endColumn: c.column + c.raw.trimEnd().length, args: { text: c.text.length > 60 ? c.text.slice(0, 60) + '…' : c.text }, actual: why ?? null }),
    );
  };

  /** Highlights or next steps: paragraphs, the first continuing the last after a page break. */
  const addProse = (t: TaskBuilder, key: 'highlights' | 'nextSteps', at: 'highlightsAt' | 'nextStepsAt', slot: Cell, cont: boolean) => {
    const list = t[key];
    const paras = slot.paragraphs.length ? slot.paragraphs : [slot.text];
    if (cont && list.length) {
      // Text cut by the page break continues the last paragraph.
      list[list.length - 1] = list[list.length - 1]! + (paras[0] ?? '');
      for (let p = 1; p < paras.length; p++) list.push(paras[p]!);
      diagnostics.push(diag('HZ103', { line: slot.line, column: slot.column, args: { otherLine: t[at][t[at].length - 1]?.line ?? t.start } }));
    } else for (const p of paras) list.push(p);
    t[at].push(loc(slot));
    place();
  };

  let title: string | null = null;
  let issuer: string | null = null;
  let date: string | null = null;
  let section: SectionBuilder | undefined;
  let group: GroupBuilder | undefined;
  let task: TaskBuilder | undefined;
  let lastItem: ItemAnchor | undefined; // across tasks: a cut description may end on the next task's row
  let afterHeader = false;
  let hasTable = false;
  let sawHeader = false;
  // Once a header or content row is seen, no preamble line can follow (classify.ts): the preamble is final.
  let tableStarted = false;
  let firstContentLine = 0;

  // Finished sections, handed to the sink once the input has shown a table.
  const pending: Section[] = [];
  let sentPreamble = false;
  let nGroups = 0;
  let nSections = 0;
  let nTasks = 0;
  let nItems = 0;
  let nIndicators = 0;
  const flush = (final: boolean) => {
    if (!hasTable || (!tableStarted && !final)) return;
    if (!sentPreamble) {
      sink.preamble({ title, issuer, date });
      sentPreamble = true;
    }
    for (const sec of pending) sink.section(sec);
    pending.length = 0;
  };
  const keepTasks = sink.keepTasks !== false;
  let nSectionsCreated = 0;
  const newSection = (sec: Section): SectionBuilder => ({ section: sec, groups: [], index: nSectionsCreated++, keptGroups: 0 });
  const newGroup = (g: Group): GroupBuilder => {
    const gb = { group: g, tasks: [], done: 0, index: -1 };
    section!.groups.push(gb);
    if (g.ordinal !== null) keep(gb);
    return gb;
  };
  // A group is kept when it has a heading or a task; its place is fixed then (in order: a group without a
  // heading gets its first task on the row that creates it).
  const keep = (gb: GroupBuilder) => {
    if (gb.index >= 0) return;
    gb.index = section!.keptGroups++;
    section!.section.groups.push(gb.group);
    nGroups++;
  };
  const addTask = (gb: GroupBuilder, tb: TaskBuilder) => {
    gb.tasks.push(tb);
    keep(gb);
  };
  // A task is final once no row can reach it: not the current task, not holding the item a page-break tail
  // would continue. Tasks are finished in order, each after the regrouping at its boundary with the next one
  // (which must be final too), so that a finished task and its cells can be dropped (docs/architecture.md, "Streaming").
  const settled = (t: TaskBuilder) => t !== task && !(lastItem && t.anchors.includes(lastItem));
  const finishTasks = (sb: SectionBuilder, all: boolean) => {
    for (const gb of sb.groups) {
      while (gb.done < gb.tasks.length) {
        const a = gb.tasks[gb.done]!;
        const b = gb.tasks[gb.done + 1];
        if (!all && !(settled(a) && (b ? settled(b) : gb !== group))) return;
        if (b) regroupPair(a, b, diagnostics);
        const t = finishTask(a, diagnostics);
        const k = gb.done++;
        gb.tasks[k] = DONE;
        nTasks++;
        nItems += t.items.length;
        for (const it of t.items) nIndicators += it.indicators.length;
        if (keepTasks) gb.group.tasks.push(t);
        sink.task?.(t, { section: sb.index, group: gb.index, task: k, ordinal: sb.section.ordinal });
      }
    }
  };
  const finishSection = (sb: SectionBuilder) => {
    finishTasks(sb, true);
    const sec = sb.section;
    if (sec.ordinal !== null || sec.groups.length) nSections++;
    sink.sectionEnd?.(sb.index);
    pending.push(sec);
    flush(false);
  };

  const ensureGroup = (): GroupBuilder => {
    if (!section) section = newSection({ ordinal: null, title: null, line: null, groups: [] });
    group ??= newGroup({ ordinal: null, title: null, leader: null, line: null, tasks: [] });
    return group;
  };

  for (const row of typed) {
    seen += row.cells.length;
    for (const c of row.cells) {
      if (c.removed.length) diagnostics.push(diag('HZ108', { line: c.line, column: c.column, args: { what: [...new Set(c.removed)].join(', ') } }));
    }
    switch (row.kind) {
      case 'blank':
        continue;
      case 'header':
        sawHeader = true;
        tableStarted = true;
        afterHeader = true;
        place(row.cells.length);
        continue;
      case 'preamble': {
        for (const c of row.cells) {
          const t = c.text.replace(/^#+\s*/, '');
          if (title === null && (/^#/.test(c.text) || /报告|汇编|情况/.test(t))) title = t;
          else if (title !== null && t.replace(/\s+/g, '') === title.replace(/\s+/g, '')) {
            /* the title repeated above the table */
          } else if (date === null && /^\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?$/.test(t)) date = t;
          else if (issuer === null) issuer = t;
          else {
            report(c, 'preamble line not recognised');
            continue;
          }
          place();
        }
        continue;
      }
      case 'section': {
        hasTable = true;
        const c = row.cells[0]!;
        const ordinal = /^([一二三四五六七八九十]+)/.exec(c.text)![1]!;
        if (section) finishSection(section);
        section = newSection({ ordinal, title: c.text, line: c.line, groups: [] });
        lastItem = undefined;
        group = undefined;
        task = undefined;
        afterHeader = false;
        place();
        continue;
      }
      case 'group': {
        hasTable = true;
        const c = row.cells[0]!;
        const m = GROUP_RE.exec(c.text)!;
        const rest = m[2]!.trim();
        const leader = /^(.+?)(?:同志|常务副市长|副市长|市长|秘书长|主任|书记)/.exec(rest)?.[1]?.trim() ?? null;
        if (!section) ensureGroup();
        group = newGroup({ ordinal: m[1]!, title: c.text, leader, line: c.line, tasks: [] });
        task = undefined;
        afterHeader = false;
        place();
        continue;
      }
      case 'content':
        tableStarted = true;
        if (!firstContentLine) firstContentLine = row.line;
        break;
    }
    const a = realign(row, afterHeader, afterHeader ? openColumns(task, lastItem) : undefined);
    for (const c of a.unplaced) report(c, 'fits no column');
    const s = a.slots;
    // Only rows that carry report figures prove there is a table.
    if (s[0] || s[2] || s[4] || s[6] || s[7] || s[8]) hasTable = true;
    const cont = afterHeader;
    afterHeader = false;

    // A task row (序号) starts a task.
    if (s[0]) {
      const g = ensureGroup();
      task = newTask(row.line);
      task.no = Number(halfWidth(s[0].text).replace(/[.、]$/, ''));
      task.noAt.push(loc(s[0]));
      place();
      addTask(g, task);
      if (s[1]) {
        task.descText.push(s[1].text);
        task.descAt.push(loc(s[1]));
        place();
      }
      if (s[2]) {
        task.rate = parseRate(s[2].text, [loc(s[2])]);
        place();
      }
    } else if (s[1] || s[2]) {
      if (!task) {
        // A task without its number: keep it rather than lose it.
        const g = ensureGroup();
        task = newTask(row.line);
        addTask(g, task);
      }
      if (s[1]) {
        if (cont && task.descText.length)
          diagnostics.push(diag('HZ103', { line: s[1].line, column: s[1].column, args: { otherLine: task.descAt[task.descAt.length - 1]?.line ?? task.start } }));
        task.descText.push(s[1].text);
        task.descAt.push(loc(s[1]));
        place();
      }
      if (s[2]) {
        if (!task.rate) {
          task.rate = parseRate(s[2].text, [loc(s[2])]);
          place();
        } else if (task.rate.text === s[2].text) {
          task.rate.at.push(loc(s[2]));
          place();
        } else report(s[2], 'second task rate');
      }
    }
    if (!task) {
      // Rows before any task: nothing to attach them to.
      const cells = a.slots.filter((c): c is Cell => !!c);
      if (cells.length) diagnostics.push(diag('HZ109', { line: row.line, column: cells[0]!.column }));
      for (const c of cells) report(c, 'before the first task');
      continue;
    }
    const t = task;
    t.end = Math.max(t.end, row.line);
    const taskTextHere = !s[0] && !!s[1];

    // Indicators (slots 5-8), split when packed as parallel <p> lists.
    const nInd = (s[5] ? 1 : 0) + (s[6] ? 1 : 0) + (s[7] ? 1 : 0) + (s[8] ? 1 : 0);
    const packedInd = nInd ? packCount(s[5], s[6], s[7], s[8]) : 1;
    const newIndicators: IndicatorRow[] = [];
    if (nInd) {
      const nameOnly = s[5] && !s[6] && !s[7] && !s[8];
      const last = t.indicators[t.indicators.length - 1];
      if (nameOnly && cont && last) {
        // The tail of a name cut by the page break.
        last.name.text += s[5]!.text;
        last.name.at.push(loc(s[5]!));
        diagnostics.push(diag('HZ103', { line: s[5]!.line, column: s[5]!.column, args: { otherLine: last.line } }));
        place();
      } else {
        for (let p = 0; p < packedInd; p++) {
          const part = (c: Cell | undefined) => (c ? (packedInd > 1 ? c.paragraphs[p] ?? '' : c.text) : '');
          newIndicators.push({
            pos: POS(row.line, p),
            line: row.line,
            name: { text: part(s[5]), at: s[5] ? [loc(s[5])] : [] },
            target: s[6] ?? null,
            targetText: part(s[6]),
            current: s[7] ?? null,
            currentText: part(s[7]),
            rate: s[8] ?? null,
            rateText: part(s[8]),
          });
        }
        place(nInd);
      }
    }

    // Items (slots 3-4).
    let desc = s[3];
    const rate = s[4];
    const packedItems = rate && rate.parts.length > 1 ? rate.parts.length : 1;
    // After a page header, a description without a rate continues the merged cell above it;
    // one with a rate only when the text above stops mid-sentence.
    if (desc && cont && lastItem && packedItems === 1 && (looksCut(lastItem) || (!rate && !s[0]))) {
      // The tail of a description cut by the page break (possibly of the previous task's last item).
      lastItem.descText.push(desc.text);
      lastItem.desc.push(desc);
      diagnostics.push(diag('HZ103', { line: desc.line, column: desc.column, args: { otherLine: lastItem.desc[lastItem.desc.length - 2]?.line ?? lastItem.line } }));
      place();
      desc = undefined;
    }
    if (desc || rate) {
      const lastAnchor = t.anchors[t.anchors.length - 1];
      if (desc && !rate && newIndicators.length === 1 && !newIndicators[0]!.name.text) {
        // A description with no rate beside figures with no name: the text names the indicator.
        newIndicators[0]!.name = { text: desc.text, at: [loc(desc)] };
        place();
      } else if (desc && rate && lastAnchor?.rate && lastAnchor.rate.text === rate.text && lastAnchor.descText.join('') === desc.text) {
        // A merged item cell (description and rate) repeated on a later row: one item.
        lastAnchor.repeats.push(desc);
        lastAnchor.rate.at.push(loc(rate));
        place(2);
      } else if (!desc && rate && packedItems === 1 && lastAnchor?.rate && lastAnchor.rate.text === rate.text) {
        // The merged item-rate cell repeated on a later row.
        lastAnchor.rate.at.push(loc(rate));
        place();
      } else if (!desc && rate && packedItems === 1 && lastAnchor && !lastAnchor.rate && lastAnchor.descText.length) {
        // Description and rate of one merged item cell landed on different rows.
        lastAnchor.rate = parseRate(rate.text, [loc(rate)]);
        place();
      } else if (desc && !rate && lastAnchor && lastAnchor.rate && !lastAnchor.descText.length) {
        lastAnchor.desc.push(desc);
        lastAnchor.descText.push(desc.text);
        place();
      } else if (packedItems > 1 && (!desc || desc.paragraphs.length === packedItems)) {
        diagnostics.push(diag('HZ105', { line: row.line, column: rate!.column, args: { count: packedItems } }));
        for (let p = 0; p < packedItems; p++) {
          t.anchors.push({
            pos: POS(row.line, p),
            line: row.line,
            desc: desc ? [desc] : [],
            descText: desc ? [desc.paragraphs[p] ?? ''] : [],
            rate: parseRate(rate!.paragraphs[p] ?? '', [loc(rate!)]),
            pinned: taskTextHere,
            repeats: [],
          });
        }
        lastItem = t.anchors[t.anchors.length - 1];
        place((desc ? 1 : 0) + 1);
      } else {
        lastItem = {
          pos: POS(row.line),
          line: row.line,
          desc: desc ? [desc] : [],
          descText: desc ? [desc.text] : [],
          rate: rate ? parseRate(rate.text, [loc(rate)]) : null,
          pinned: taskTextHere,
          repeats: [],
        };
        t.anchors.push(lastItem);
        place((desc ? 1 : 0) + (rate ? 1 : 0));
      }
    }
    t.indicators.push(...newIndicators);

    // A second indicator name after a full indicator, whose figures were lost in extraction.
    if (s[9] && s[9].type === 'name' && !cont && t.owner !== null && t.owner !== s[9].text && newIndicators.length) {
      t.indicators.push({ pos: POS(row.line, 63), line: row.line, name: { text: s[9].text, at: [loc(s[9])] }, target: null, targetText: '', current: null, currentText: '', rate: null, rateText: '' });
      s[9] = undefined;
      place();
    }
    // Owner and prose belong to the task.
    if (s[9]) {
      const o = s[9];
      if (t.owner !== null && t.owner !== o.text && !cont) {
        report(o, `second responsible unit (task has "${t.owner}")`);
      } else {
        if (t.owner === null) t.owner = o.text;
        else if (t.owner !== o.text) t.owner += o.text; // the tail of a unit cut by the page break
        t.ownerAt.push(loc(o));
        place();
      }
    }
    if (s[10]) addProse(t, 'highlights', 'highlightsAt', s[10], cont);
    if (s[11]) addProse(t, 'nextSteps', 'nextStepsAt', s[11], cont);
    if (a.moved) {
      let col = 0;
      while (col < a.slots.length && !(a.slots[col] && a.slots.indexOf(a.slots[col]) !== a.slots[col]!.field)) col++;
      const first = a.slots[col];
      if (first) {
        diagnostics.push(
          diag('HZ104', { line: row.line, column: first.column, args: { direction: col > first.field ? 'right' : 'left', by: Math.abs(col - first.field) } }),
        );
      }
    }
    if (section) finishTasks(section, false);
  }

  if (hasTable && !sawHeader) diagnostics.push(diag('HZ106', { line: firstContentLine || 1, column: 1 }));

  // Finish the last section: indicators grouped under items by arithmetic (per section, as each ends).
  if (section) finishSection(section);
  flush(true);
  return {
    title,
    issuer,
    date,
    diagnostics,
    counts: { sections: nSections, groups: nGroups, tasks: nTasks, items: nItems, indicators: nIndicators, cellsSeen: seen, cellsPlaced: placed, cellsReported: reported },
    hasTable,
    hasHeader: sawHeader,
  };
}

/**
 * One level up: a task's own row (number, description, rate) can sit above the last rows
 * of the previous task, or below the first rows of its own. At each boundary between two
 * tasks, up to MAX_SHIFT items may cross it when that makes both tasks' rates reproduce
 * more of what is written; indicators follow their row-order item. Local, so linear.
 */
const MAX_SHIFT = 3;
const ITEM_MOVE_COST = 0.34; // at most two items moved per task rate gained

function reproduces(t: TaskBuilder, items: ItemAnchor[]): number {
  const r = t.rate;
  if (!r || r.value === null || r.decimals === null || !items.length) return 0;
  if (items.some((x) => x.rate?.value == null)) return 0;
  const m = items.reduce((n, x) => n + x.rate!.value!, 0) / items.length;
  return agrees(m, r.value, r.decimals) ? 1 : 0;
}

/** The boundary between two consecutive tasks of a group (both final), processed in row order. */
function regroupPair(a: TaskBuilder, b: TaskBuilder, diagnostics: Diagnostic[]): void {
  const base = reproduces(a, a.anchors) + reproduces(b, b.anchors);
  if (base === 2) return;
  let best = { gain: 0, d: 0 };
  for (let d = -MAX_SHIFT; d <= MAX_SHIFT; d++) {
    if (d === 0) continue;
    const moving = d < 0 ? a.anchors.slice(a.anchors.length + d) : b.anchors.slice(0, d);
    if (moving.length !== Math.abs(d) || moving.some((x) => x.pinned)) continue;
    const A = d < 0 ? a.anchors.slice(0, a.anchors.length + d) : [...a.anchors, ...moving];
    const B = d < 0 ? [...moving, ...b.anchors] : b.anchors.slice(d);
    if (!A.length || !B.length) continue;
    const gain = reproduces(a, A) + reproduces(b, B) - base - ITEM_MOVE_COST * Math.abs(d);
    if (gain > best.gain + 1e-9) best = { gain, d };
  }
  if (best.d === 0) return;
  const all = [...a.anchors, ...b.anchors];
  const inds = [...a.indicators, ...b.indicators];
  const split = a.anchors.length + best.d;
  const indOwner = natural(all.map((x) => ({ pos: x.pos, rate: null, decimals: null })), inds.map((x) => ({ pos: x.pos, rate: null })));
  const counts = [a.anchors.length, b.anchors.length];
  a.anchors = all.slice(0, split);
  b.anchors = all.slice(split);
  a.indicators = inds.filter((_, m) => indOwner[m]! < split);
  b.indicators = inds.filter((_, m) => indOwner[m]! >= split);
  for (const t of [a, b]) {
    for (const x of [...t.anchors, ...t.indicators]) if (x.line > t.end) t.end = x.line;
  }
  const detail = (t: TaskBuilder, before: number) =>
    `task ${t.no ?? '?'} has ${t.anchors.length} item(s) instead of ${before} in row order, so that ${
      reproduces(a, a.anchors) + reproduces(b, b.anchors)
    } of the 2 task rates ${a.no ?? '?'} and ${b.no ?? '?'} reproduce instead of ${base}`;
  for (const [t, before] of [[a, counts[0]!], [b, counts[1]!]] as const) {
    diagnostics.push(diag('HZ102', { line: t.start, column: 1, args: { level: 'items', detail: detail(t, before) } }));
  }
}

const TERMINAL = /[。；;！!？?…]$|[)）》”"]$/;
const isOpen = (text: string | undefined) => !!text && !TERMINAL.test(text.trim());

/** Text columns whose text stops mid-sentence, so that a page break may have cut them. */
function openColumns(t: TaskBuilder | undefined, item: ItemAnchor | undefined): boolean[] {
  const open = new Array<boolean>(12).fill(false);
  if (!t) return open;
  open[1] = isOpen(t.descText.join(''));
  open[3] = !!item && isOpen(item.descText.join(''));
  open[10] = isOpen(t.highlights[t.highlights.length - 1]);
  open[11] = isOpen(t.nextSteps[t.nextSteps.length - 1]);
  return open;
}

/** A description that stops mid-sentence: its tail may follow the next page header. */
function looksCut(a: ItemAnchor): boolean {
  const text = a.descText.join('').trim();
  return text !== '' && isOpen(text);
}

/** Stands in for a finished task's builder, so that its cells can be dropped. */
const DONE: TaskBuilder = newTask(0);

function newTask(line: number): TaskBuilder {
  return {
    no: null,
    noAt: [],
    descText: [],
    descAt: [],
    rate: null,
    owner: null,
    ownerAt: [],
    highlights: [],
    highlightsAt: [],
    nextSteps: [],
    nextStepsAt: [],
    anchors: [],
    indicators: [],
    start: line,
    end: line,
  };
}

/** Paragraph count shared by the cells of a packed row, or 1. */
function packCount(a: Cell | undefined, b: Cell | undefined, c: Cell | undefined, d: Cell | undefined): number {
  let k = -1;
  for (const x of [a, b, c, d]) {
    if (!x) continue;
    if (k < 0) k = x.paragraphs.length;
    else if (x.paragraphs.length !== k) return 1;
  }
  return k < 2 ? 1 : k;
}

function indicatorRate(ind: IndicatorRow): number | null {
  const r = parseRate(ind.rateText, []);
  return r.value;
}

function finishTask(tb: TaskBuilder, diagnostics: Diagnostic[]): Task {
  const anchors = tb.anchors.length
    ? tb.anchors
    : tb.indicators.length
      ? [{ pos: tb.indicators[0]!.pos, line: tb.indicators[0]!.line, desc: [], descText: [], rate: null, pinned: false, repeats: [] } satisfies ItemAnchor]
      : [];
  const members: Member[] = tb.indicators.map((i) => ({ pos: i.pos, rate: indicatorRate(i) }));
  const gAnchors: Anchor[] = anchors.map((a) => ({ pos: a.pos, rate: a.rate?.value ?? null, decimals: a.rate?.decimals ?? null }));
  const p = partition(gAnchors, members, true);
  if (p.moved > 0) {
    diagnostics.push(
      diag('HZ102', {
        line: tb.start,
        column: 1,
        endLine: tb.end,
        args: {
          level: 'indicators',
          detail: `row order reproduces ${p.naturalExplained} of ${p.checkable} item rates, the chosen grouping ${p.explained} (${p.moved} indicator(s) moved)${p.explained - p.naturalExplained === 1 ? '; close: one rate decided' : ''}`,
        },
      }),
    );
  }
  // Each item's indicators, in row order (one pass, not a filter per item).
  const owned: IndicatorRow[][] = anchors.map(() => []);
  tb.indicators.forEach((x, m) => owned[p.owner[m]!]?.push(x));
  const items: Item[] = anchors.map((a, i) => {
    const inds = owned[i]!;
    let start = a.line;
    let end = a.line;
    for (const x of inds) {
      if (x.line < start) start = x.line;
      if (x.line > end) end = x.line;
    }
    for (const c of a.desc) {
      if (c.line < start) start = c.line;
      if (c.line > end) end = c.line;
    }
    const descAt: Location[] = [];
    for (const c of a.desc) descAt.push(loc(c));
    for (const c of a.repeats) descAt.push(loc(c));
    return {
      description: a.descText.join(''),
      rate: a.rate,
      lines: { start, end },
      indicators: inds.map((x) => toIndicator(x, diagnostics)),
      at: { description: descAt },
    };
  });
  return {
    no: tb.no,
    description: tb.descText.join(''),
    rate: tb.rate,
    owner: tb.owner,
    highlights: tb.highlights,
    nextSteps: tb.nextSteps,
    lines: { start: tb.start, end: tb.end },
    items,
    at: { no: tb.noAt, description: tb.descAt, owner: tb.ownerAt, highlights: tb.highlightsAt, nextSteps: tb.nextStepsAt },
  };
}

const FULL_WIDTH = /[０-９％．，]/;
const THOUSANDS = /\d[,，]\d{3}(?!\d)/;

/** Figures written with full-width characters or thousands separators are read, and said so. */
function oddDigits(cell: Cell | null, text: string, diagnostics: Diagnostic[]): void {
  if (!cell) return;
  const full = FULL_WIDTH.test(text);
  const thousands = THOUSANDS.test(full ? halfWidth(text) : text);
  if (!full && !thousands) return;
  const what = full && thousands ? 'full-width characters and thousands separators' : full ? 'full-width characters' : 'thousands separators';
  diagnostics.push(diag('HZ111', { line: cell.line, column: cell.column, args: { what, text } }));
}

function toIndicator(i: IndicatorRow, diagnostics: Diagnostic[]): Indicator {
  oddDigits(i.target, i.targetText, diagnostics);
  oddDigits(i.current, i.currentText, diagnostics);
  oddDigits(i.rate, i.rateText, diagnostics);
  return {
    name: i.name.text,
    target: i.target ? parseQuantity(i.targetText, [loc(i.target)]) : null,
    current: i.current ? parseQuantity(i.currentText, [loc(i.current)]) : null,
    rate: i.rate ? parseRate(i.rateText, [loc(i.rate)]) : null,
    ceiling: false,
    line: i.line,
    at: { name: i.name.at },
  };
}

