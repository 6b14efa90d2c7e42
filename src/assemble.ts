// Stage 5: realigned rows → preamble, sections, leader groups, tasks, items, indicators.
// Page-break continuations and cut cells are joined, packed rows split, trailing prose rows
// attached to their task, and indicators grouped under items by the report's own arithmetic.
import type { Cell, TypedRow } from './classify.js';
import { classifyRows, GROUP_RE } from './classify.js';
import { CANONICAL, identifiesTasks, layoutFromHeader, type Layout } from './layout.js';
import { diag } from './diagnostics.js';
import type { Row } from './tokenize.js';
import type { Diagnostic, Group, Section, TableLayout, Task, TaskPlace } from './model.js';
import { DONE, newTask, type TaskBuilder } from './build.js';
import { finishTask, regroupPair } from './regroup.js';
import { contentRow, type RowState } from './rows.js';


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
  /** The layouts the table was read in: the first, then each one a header changed to. */
  layouts: TableLayout[];
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
 * held whole (issue 6). preamble() comes once, before the first section; sections come only once
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

  let title: string | null = null;
  let issuer: string | null = null;
  let date: string | null = null;
  let section: SectionBuilder | undefined;
  let group: GroupBuilder | undefined;
  let afterHeader = false;
  let sawHeader = false;
  // Once a header or content row is seen, no preamble line can follow (classify.ts): the preamble is final.
  let tableStarted = false;
  let firstContentLine = 0;
  // The columns rows are read in: from the last header (its one or two rows), else the canonical order.
  // The state the row handlers (rows.ts) share with the builder.
  const b: RowState = {
    diagnostics,
    layout: CANONICAL,
    task: undefined,
    lastItem: undefined,
    hasTable: false,
    place,
    report,
    startTask: (line) => {
      const g = ensureGroup();
      const t = newTask(line);
      addTask(g, t);
      b.task = t;
      return t;
    },
  };
  const layouts: TableLayout[] = [];
  let headerRows: TypedRow[] = [];
  const applyHeader = () => {
    const rows = headerRows;
    headerRows = [];
    const next = layoutFromHeader(rows.slice(0, 2).map((r) => r.cells), rows[0]!.line);
    if (!identifiesTasks(next)) {
      diagnostics.push(diag('HZ113', { line: rows[0]!.line, column: 1 }));
      if (!layouts.length) layouts.push(recordOf(b.layout));
      return;
    }
    if (layouts.length && next.key === b.layout.key) return;
    for (const c of next.columns) {
      if (c.role !== 'extra') continue;
      const cell = rows.flatMap((r) => r.cells).find((x) => x.field === c.field);
      diagnostics.push(diag('HZ112', { line: cell?.line ?? rows[0]!.line, column: cell?.column ?? 1, args: { field: c.field + 1, header: c.header } }));
    }
    if (layouts.length) diagnostics.push(diag('HZ114', { line: rows[0]!.line, column: 1, args: { columns: next.columns.map((c) => c.header || '—').join(' | ') } }));
    b.layout = next;
    layouts.push(recordOf(next));
  };

  // Finished sections, handed to the sink once the input has shown a table.
  const pending: Section[] = [];
  let sentPreamble = false;
  let nGroups = 0;
  let nSections = 0;
  let nTasks = 0;
  let nItems = 0;
  let nIndicators = 0;
  const flush = (final: boolean) => {
    if (!b.hasTable || (!tableStarted && !final)) return;
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
  // (which must be final too), so that a finished task and its cells can be dropped (issue 6).
  const settled = (t: TaskBuilder) => t !== b.task && !(b.lastItem && t.anchors.includes(b.lastItem));
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
    if (headerRows.length && row.kind !== 'header' && row.kind !== 'blank') applyHeader();
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
        headerRows.push(row);
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
        b.hasTable = true;
        const c = row.cells[0]!;
        const ordinal = /^([一二三四五六七八九十]+)/.exec(c.text)![1]!;
        if (section) finishSection(section);
        section = newSection({ ordinal, title: c.text, line: c.line, groups: [] });
        b.lastItem = undefined;
        group = undefined;
        b.task = undefined;
        afterHeader = false;
        place();
        continue;
      }
      case 'group': {
        b.hasTable = true;
        const c = row.cells[0]!;
        const m = GROUP_RE.exec(c.text)!;
        const rest = m[2]!.trim();
        const leader = /^(.+?)(?:同志|常务副市长|副市长|市长|秘书长|主任|书记)/.exec(rest)?.[1]?.trim() ?? null;
        if (!section) ensureGroup();
        group = newGroup({ ordinal: m[1]!, title: c.text, leader, line: c.line, tasks: [] });
        b.task = undefined;
        afterHeader = false;
        place();
        continue;
      }
      case 'content':
        tableStarted = true;
        if (!firstContentLine) firstContentLine = row.line;
        break;
    }
    contentRow(b, row, afterHeader);
    afterHeader = false;
    if (section) finishTasks(section, false);
  }

  if (!layouts.length) layouts.push(recordOf(CANONICAL));
  if (b.hasTable && !sawHeader) diagnostics.push(diag('HZ106', { line: firstContentLine || 1, column: 1 }));

  // Finish the last section: indicators grouped under items by arithmetic (per section, as each ends).
  if (section) finishSection(section);
  flush(true);
  return {
    title,
    issuer,
    date,
    diagnostics,
    counts: { sections: nSections, groups: nGroups, tasks: nTasks, items: nItems, indicators: nIndicators, cellsSeen: seen, cellsPlaced: placed, cellsReported: reported },
    hasTable: b.hasTable,
    hasHeader: sawHeader,
    layouts,
  };
}

const recordOf = (l: Layout): TableLayout => ({ line: l.line, columns: l.columns.map((c) => ({ header: c.header, role: c.role, field: c.field })) });
