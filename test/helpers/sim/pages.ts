// Page blocks: where the pages break, and what a break does to the cells across it: a cell cut
// with its tail on the first row after the repeated header (in that row when its field is free
// and the row continues the same task or item, else on a row of its own), or the merged cells
// repeated on the first row of the new page.
import type { Role } from './layout.js';
import type { Rng } from './rng.js';
import type { LRow, Val } from './rows.js';
import type { TTask } from './transcription.js';

export interface PageDamage {
  /** Rows per page, [min, max]. */
  pageRows: [number, number];
  /** Pages may break anywhere (else only before a task, section or group row). */
  midTask: boolean;
  /** Per page break inside a task, that a cell is cut across it. */
  cut: number;
  /** Per page break inside an item (and no cut), that the first row repeats the item's merged cells. */
  repeatTop: number;
  /** Per such repeat, that the task's merged cells (number, description, rate, owner) are repeated too
   * (the bundled report does not show it, but a row repeating all merged cells is the format's). */
  repeatTask: number;
}

const CUTTABLE: Role[] = ['taskDesc', 'highlights', 'nextSteps', 'itemDesc'];

const boundary = (x: LRow): boolean => x.kind !== 'row' || !!x.first;

export function paginate(rows: LRow[], r: Rng, d: PageDamage): LRow[][] {
  const pages: LRow[][] = [];
  let page: LRow[] = [];
  let size = r.int(...d.pageRows);
  for (const row of rows) {
    if (page.length >= size && (d.midTask || boundary(row))) {
      pages.push(page);
      page = [];
      size = r.int(...d.pageRows);
    }
    page.push(row);
  }
  if (page.length) pages.push(page);
  return pages;
}

/** A point where a text may be cut: visible text on both sides, not inside a surrogate pair. */
function cutPoint(s: string, r: Rng): number | undefined {
  const first = s.search(/\S/);
  let last = s.length - 1;
  while (last >= 0 && /\s/.test(s[last]!)) last--;
  if (first < 0 || last <= first) return undefined;
  // Visible text on both sides: after the first visible character, up to the last one.
  for (let tries = 0; tries < 8; tries++) {
    const k = r.int(first + 1, last);
    if (!/[\udc00-\udfff]/.test(s[k]!)) return k;
  }
  return undefined;
}

/** Cut a value in two: a text at a character, paragraphs inside one paragraph. */
function cutVal(v: Val, r: Rng): [Val, Val] | undefined {
  if (typeof v === 'string') {
    const at = cutPoint(v, r);
    return at === undefined ? undefined : [v.slice(0, at), v.slice(at)];
  }
  const p = r.int(0, v.length - 1);
  const at = cutPoint(v[p]!, r);
  if (at === undefined) return undefined;
  return [
    [...v.slice(0, p), v[p]!.slice(0, at)],
    [v[p]!.slice(at), ...v.slice(p + 1)],
  ];
}

const present = (v: Val | undefined): v is Val => v !== undefined && (typeof v === 'string' ? v.trim() !== '' : v.length > 0);

/** Cut one open cell of the task at the end of `page`; the tail goes to the top of `next`.
 * Returns how the tail was placed, or undefined when nothing could be cut. */
function cutAcross(page: LRow[], next: LRow[], r: Rng): 'merged' | 'own row' | 'before a new item' | undefined {
  const a = page[page.length - 1]!;
  if (a.task < 0) return undefined;
  const cands: { row: LRow; role: Role; item: number }[] = [];
  const own = page.filter((x) => x.task === a.task && x.kind === 'row' && !x.tail);
  const head = own.find((x) => x.first);
  if (head) for (const role of CUTTABLE.slice(0, 3)) if (present(head.v[role])) cands.push({ row: head, role, item: -1 });
  // The item open at the page end: the last item text on this page.
  const itemRow = [...own].reverse().find((x) => x.textOf !== undefined);
  if (itemRow && !itemRow.packed && present(itemRow.v.itemDesc))
    cands.push(
      { row: itemRow, role: 'itemDesc', item: itemRow.textOf! },
      { row: itemRow, role: 'itemDesc', item: itemRow.textOf! },
    );
  if (!cands.length) return undefined;
  const c = r.pick(cands);
  const parts = cutVal(c.row.v[c.role]!, r);
  if (!parts) return undefined;
  c.row.v[c.role] = parts[0];
  const b = next[0];
  const sameItem = c.item < 0 || (b?.item === c.item && b.textOf === undefined);
  if (b && b.kind === 'row' && !b.tail && b.task === a.task && !b.first && !present(b.v[c.role]) && sameItem) {
    b.v[c.role] = parts[1];
    return 'merged';
  }
  next.unshift({ kind: 'row', task: a.task, item: c.item < 0 ? a.item : c.item, tail: true, v: { [c.role]: parts[1] } });
  // An unfinished item text whose page ends where a new item (or task) begins.
  return c.role === 'itemDesc' && b?.kind === 'row' && b.textOf !== undefined ? 'before a new item' : 'own row';
}

/** The first row of a page repeats the merged item cell it continues (description and rate), when
 * the item's text came before the break; with d.repeatTask, the task's cells too. */
function repeatTop(page: LRow[], next: LRow[], task: TTask, seenText: Set<number>, r: Rng, d: PageDamage): boolean {
  const b = next[0];
  const a = page[page.length - 1]!;
  if (!b || b.kind !== 'row' || b.first || b.tail || b.packed || b.task !== a.task || b.textOf !== undefined) return false;
  const it = task.items[b.item];
  if (!it || !seenText.has(b.item) || present(b.v.itemDesc) || present(b.v.itemRate)) return false;
  b.v.itemDesc = it.description;
  b.v.itemRate = it.rate;
  if (r.chance(d.repeatTask)) {
    const cells: Partial<Record<Role, Val>> = {
      no: task.no === null ? '' : String(task.no),
      taskDesc: task.description,
      taskRate: task.rate,
      owner: task.owner,
    };
    for (const [k, v] of Object.entries(cells) as [Role, Val][]) if (!present(b.v[k])) b.v[k] = v;
  }
  b.repeat = true;
  return true;
}

export interface PageStats {
  pages: number;
  cuts: number;
  /** Cut tails on a row of their own (the others share the first row after the header). */
  tailRows: number;
  /** Of those, an item text cut where the next page begins with a new item. */
  cutBeforeNewItem: number;
  repeats: number;
}

/** Damage across every page break: cuts and repeated merged cells. */
export function breakPages(pages: LRow[][], tasks: TTask[], r: Rng, d: PageDamage): PageStats {
  const stats: PageStats = { pages: pages.length, cuts: 0, tailRows: 0, cutBeforeNewItem: 0, repeats: 0 };
  for (let p = 0; p + 1 < pages.length; p++) {
    const page = pages[p]!;
    const next = pages[p + 1]!;
    const a = page[page.length - 1]!;
    if (a.task < 0) continue;
    const cut = r.chance(d.cut) ? cutAcross(page, next, r) : undefined;
    if (cut) {
      stats.cuts++;
      if (cut !== 'merged') stats.tailRows++;
      if (cut === 'before a new item') stats.cutBeforeNewItem++;
      continue;
    }
    if (next[0]?.task === a.task && r.chance(d.repeatTop)) {
      // Items whose text is on this task's rows before the break.
      const seen = new Set(
        pages
          .slice(0, p + 1)
          .flat()
          .filter((x) => x.task === a.task && x.textOf !== undefined)
          .map((x) => x.textOf!),
      );
      const packed = pages
        .slice(0, p + 1)
        .flat()
        .some((x) => x.task === a.task && x.packed);
      if (!packed && repeatTop(page, next, tasks[a.task]!, seen, r, d)) stats.repeats++;
    }
  }
  return stats;
}
