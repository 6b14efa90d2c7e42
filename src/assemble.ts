// Stage 5: realigned rows → preamble, sections, leader groups, tasks, items, indicators.
// Page-break continuations and cut cells are joined, packed rows split, trailing prose rows
// attached to their task, and indicators grouped under items by the report's own arithmetic.
import type { Cell, TypedRow } from './classify.js';
import { classifyRows, GROUP_RE } from './classify.js';
import { CANONICAL, identifiesTasks, layoutFromHeader, type Layout } from './layout.js';
import { diag } from './diagnostics.js';
import type { Row } from './tokenize.js';
import type { Diagnostic, Group, Section, TableLayout, Task, TaskPlace } from './model.js';
import { DONE, newTask, type ItemAnchor, type TaskBuilder } from './build.js';
import { finishTask, regroupPair } from './regroup.js';
import { contentRow, restoreTail, type RowState } from './rows.js';

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
  /** The first group with a task to finish, or the current group. */
  open: number;
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
  const builder = new TableBuilder(sink);
  for (const row of typed) builder.row(row);
  return builder.end();
}

/**
 * The builder: one handler per row kind (page header, preamble, section, group; content rows go to
 * rows.ts), and the life cycle of tasks (final once no row can reach them: regrouped at their
 * boundaries by regroup.ts, finished, streamed) and of sections.
 */
class TableBuilder implements RowState {
  diagnostics: Diagnostic[] = [];
  // The columns rows are read in: from the last header (its one or two rows), else the canonical order.
  layout: Layout = CANONICAL;
  task: TaskBuilder | undefined;
  lastItem: ItemAnchor | undefined;
  itemBefore: ItemAnchor | undefined;
  taskBefore: TaskBuilder | undefined;
  hasTable = false;
  private placed = 0;
  private reported = 0;
  private seen = 0;
  private preamble: Preamble = { title: null, issuer: null, date: null };
  private section: SectionBuilder | undefined;
  private group: GroupBuilder | undefined;
  private afterHeader = false;
  private sawHeader = false;
  // Once a header or content row is seen, no preamble line can follow (classify.ts): the preamble is final.
  private tableStarted = false;
  private firstContentLine = 0;
  private layouts: TableLayout[] = [];
  private headerRows: TypedRow[] = [];
  // Finished sections, handed to the sink once the input has shown a table.
  private pending: Section[] = [];
  private sentPreamble = false;
  private counts = { sections: 0, groups: 0, tasks: 0, items: 0, indicators: 0 };
  private sectionsCreated = 0;
  private readonly keepTasks: boolean;

  constructor(private readonly sink: SectionSink) {
    this.keepTasks = sink.keepTasks !== false;
  }

  place(n = 1): void {
    this.placed += n;
  }

  report(c: Cell, why?: string): void {
    this.reported++;
    this.diagnostics.push(
      diag('HZ101', {
        line: c.line,
        column: c.column,
        endColumn: c.column + c.raw.trimEnd().length,
        args: { text: c.text.length > 60 ? c.text.slice(0, 60) + '…' : c.text },
        actual: why ?? null,
      }),
    );
  }

  startTask(line: number): TaskBuilder {
    const g = this.ensureGroup();
    const t = newTask(line);
    this.taskBefore = g.tasks[g.tasks.length - 1];
    g.tasks.push(t);
    this.keep(g);
    this.task = t;
    return t;
  }

  row(row: TypedRow): void {
    this.seen += row.cells.length;
    if (this.headerRows.length && row.kind !== 'header' && row.kind !== 'blank') this.applyHeader();
    for (let k = 0; k < row.cells.length; k++) {
      const c = row.cells[k]!;
      if (c.removed.length)
        this.diagnostics.push(
          diag('HZ108', { line: c.line, column: c.column, args: { what: [...new Set(c.removed)].join(', ') } }),
        );
    }
    switch (row.kind) {
      case 'blank':
        return;
      case 'header':
        return this.pageHeader(row);
      case 'preamble':
        return this.preambleRow(row);
      case 'section':
        return this.sectionRow(row);
      case 'group':
        return this.groupRow(row);
      case 'content':
        this.tableStarted = true;
        if (!this.firstContentLine) this.firstContentLine = row.line;
        contentRow(this, row, this.afterHeader);
        this.afterHeader = false;
        if (this.section) this.finishTasks(this.section, false);
    }
  }

  /** A header row of a page block: the layout is read once the block's header rows are all in. */
  private pageHeader(row: TypedRow): void {
    this.sawHeader = true;
    this.tableStarted = true;
    this.afterHeader = true;
    this.headerRows.push(row);
    this.place(row.cells.length);
  }

  /** The layout of the header just read: kept when it is the same, else used from this block on. */
  private applyHeader(): void {
    const rows = this.headerRows;
    this.headerRows = [];
    const next = layoutFromHeader(
      rows.slice(0, 2).map((r) => r.cells),
      rows[0]!.line,
    );
    if (!identifiesTasks(next)) {
      this.diagnostics.push(diag('HZ113', { line: rows[0]!.line, column: 1 }));
      if (!this.layouts.length) this.layouts.push(recordOf(this.layout));
      return;
    }
    if (this.layouts.length && next.key === this.layout.key) return;
    for (const c of next.columns) {
      if (c.role !== 'extra') continue;
      const cell = rows.flatMap((r) => r.cells).find((x) => x.field === c.field);
      this.diagnostics.push(
        diag('HZ112', {
          line: cell?.line ?? rows[0]!.line,
          column: cell?.column ?? 1,
          args: { field: c.field + 1, header: c.header },
        }),
      );
    }
    if (this.layouts.length)
      this.diagnostics.push(
        diag('HZ114', {
          line: rows[0]!.line,
          column: 1,
          args: { columns: next.columns.map((c) => c.header || '—').join(' | ') },
        }),
      );
    this.layout = next;
    this.layouts.push(recordOf(next));
  }

  private preambleRow(row: TypedRow): void {
    const p = this.preamble;
    for (const c of row.cells) {
      const t = c.text.replace(/^#+\s*/, '');
      if (p.title === null && (/^#/.test(c.text) || /报告|汇编|情况/.test(t))) p.title = t;
      else if (p.title !== null && t.replace(/\s+/g, '') === p.title.replace(/\s+/g, '')) {
        /* the title repeated above the table */
      } else if (p.date === null && /^\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?$/.test(t)) p.date = t;
      else if (p.issuer === null) p.issuer = t;
      else {
        this.report(c, 'preamble line not recognised');
        continue;
      }
      this.place();
    }
  }

  private sectionRow(row: TypedRow): void {
    this.hasTable = true;
    const c = row.cells[0]!;
    const ordinal = /^([一二三四五六七八九十]+)/.exec(c.text)![1]!;
    if (this.section) this.finishSection(this.section);
    this.section = this.newSection({ ordinal, title: c.text, line: c.line, groups: [] });
    this.lastItem = undefined;
    this.itemBefore = undefined;
    this.group = undefined;
    this.task = undefined;
    this.afterHeader = false;
    this.place();
  }

  private groupRow(row: TypedRow): void {
    this.hasTable = true;
    const c = row.cells[0]!;
    const m = GROUP_RE.exec(c.text)!;
    const rest = m[2]!.trim();
    const leader = /^(.+?)(?:同志|常务副市长|副市长|市长|秘书长|主任|书记)/.exec(rest)?.[1]?.trim() ?? null;
    if (!this.section) this.ensureGroup();
    this.group = this.newGroup({ ordinal: m[1]!, title: c.text, leader, line: c.line, tasks: [] });
    this.task = undefined;
    this.afterHeader = false;
    this.place();
  }

  end(): Tree {
    if (!this.layouts.length) this.layouts.push(recordOf(CANONICAL));
    if (this.hasTable && !this.sawHeader) this.diagnostics.push(diag('HZ106', { line: this.firstContentLine || 1, column: 1 }));
    // Finish the last section: indicators grouped under items by arithmetic (per section, as each ends).
    if (this.section) this.finishSection(this.section);
    this.flush(true);
    return {
      ...this.preamble,
      diagnostics: this.diagnostics,
      counts: { ...this.counts, cellsSeen: this.seen, cellsPlaced: this.placed, cellsReported: this.reported },
      hasTable: this.hasTable,
      hasHeader: this.sawHeader,
      layouts: this.layouts,
    };
  }

  private flush(final: boolean): void {
    if (!this.hasTable || (!this.tableStarted && !final)) return;
    if (!this.sentPreamble) {
      this.sink.preamble({ ...this.preamble });
      this.sentPreamble = true;
    }
    for (const sec of this.pending) this.sink.section(sec);
    this.pending.length = 0;
  }

  private newSection(sec: Section): SectionBuilder {
    return { section: sec, groups: [], index: this.sectionsCreated++, keptGroups: 0, open: 0 };
  }

  private newGroup(g: Group): GroupBuilder {
    const gb = { group: g, tasks: [], done: 0, index: -1 };
    this.section!.groups.push(gb);
    if (g.ordinal !== null) this.keep(gb);
    return gb;
  }

  private ensureGroup(): GroupBuilder {
    if (!this.section) this.section = this.newSection({ ordinal: null, title: null, line: null, groups: [] });
    this.group ??= this.newGroup({ ordinal: null, title: null, leader: null, line: null, tasks: [] });
    return this.group;
  }

  // A group is kept when it has a heading or a task; its place is fixed then (in order: a group without a
  // heading gets its first task on the row that creates it).
  private keep(gb: GroupBuilder): void {
    if (gb.index >= 0) return;
    gb.index = this.section!.keptGroups++;
    this.section!.section.groups.push(gb.group);
    this.counts.groups++;
  }

  // A task is final once no row can reach it: not the current task, not holding the item a page-break tail
  // would continue (the last item, or the one before it while the last opens the current task: rows.ts,
  // tailHolder). Tasks are finished in order, each after the regrouping at its boundary with the next one
  // (which must be final too), so that a finished task and its cells can be dropped (docs/performance.md).
  private settled(t: TaskBuilder): boolean {
    if (t === this.task) return false;
    const last = this.lastItem;
    if (last && t.anchors.includes(last)) return false;
    const before = this.itemBefore;
    return !(this.task?.anchors[0] === last && !!before && t.anchors.includes(before));
  }

  private finishTasks(sb: SectionBuilder, all: boolean): void {
    // groups before `open` are finished and take no more tasks (only the current group does): not revisited
    for (let g = sb.open; g < sb.groups.length; g++) {
      const gb = sb.groups[g]!;
      if (g === sb.open && gb.done === gb.tasks.length && gb !== this.group) {
        sb.open++;
        continue;
      }
      while (gb.done < gb.tasks.length) {
        const a = gb.tasks[gb.done]!;
        const next = gb.tasks[gb.done + 1];
        if (!all && !(this.settled(a) && (next ? this.settled(next) : gb !== this.group))) return;
        restoreTail(a, this.diagnostics);
        if (next) {
          restoreTail(next, this.diagnostics);
          regroupPair(a, next, this.diagnostics);
        }
        const t = finishTask(a, this.diagnostics);
        const k = gb.done++;
        gb.tasks[k] = DONE;
        this.counts.tasks++;
        this.counts.items += t.items.length;
        for (const it of t.items) this.counts.indicators += it.indicators.length;
        if (this.keepTasks) gb.group.tasks.push(t);
        this.sink.task?.(t, { section: sb.index, group: gb.index, task: k, ordinal: sb.section.ordinal });
      }
    }
  }

  private finishSection(sb: SectionBuilder): void {
    this.finishTasks(sb, true);
    const sec = sb.section;
    if (sec.ordinal !== null || sec.groups.length) this.counts.sections++;
    this.sink.sectionEnd?.(sb.index);
    this.pending.push(sec);
    this.flush(false);
  }
}

const recordOf = (l: Layout): TableLayout => ({
  line: l.line,
  columns: l.columns.map((c) => ({ header: c.header, role: c.role, field: c.field })),
});
