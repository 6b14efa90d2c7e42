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
  /** Per page break inside a task and per text cell whose head is on the page before it, that the
   * text is cut across it, for a text of 150 characters or more (shorter ones less often). */
  cut: number;
  /** Per page break, that the last row's indicator name is cut (a short tail on the next page). */
  cutName: number;
  /** Per page break inside a task whose numbered row is on the page before, that its unit is cut. */
  cutOwner: number;
  /** Per break with cuts, that the tails sit on a row of their own even where the next row could
   * hold them (always so for a cut name: its row was split by the break). */
  tailRow: number;
  /** Per page break inside a task (and no cut), that the first row repeats the task's rate and unit
   * and the open item's rate (short merged cells, without their texts). */
  repeatShort: number;
  /** Per page break inside an item (and no cut), that the first row repeats the item's merged cells. */
  repeatTop: number;
  /** Per such repeat, that the task's merged cells (number, description, rate, owner) are repeated too
   * (the bundled report does not show it, but a row repeating all merged cells is the format's). */
  repeatTask: number;
}

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
function cutPoint(s: string, r: Rng, minHead = 1): number | undefined {
  const first = s.search(/\S/);
  let last = s.length - 1;
  while (last >= 0 && /\s/.test(s[last]!)) last--;
  if (first < 0 || last <= first + minHead - 1) return undefined;
  // Visible text on both sides: at least a line's worth before the cut, up to the last character.
  for (let tries = 0; tries < 8; tries++) {
    const k = r.int(first + minHead, last);
    if (!/[\udc00-\udfff]/.test(s[k]!)) return k;
  }
  return undefined;
}

/** A cut cell's head is at least a line of the cell: the bundled report's have 15 characters or more. */
const MIN_HEAD = 12;

/** Cut a value in two: a text at a character, paragraphs inside one paragraph. */
function cutVal(v: Val, r: Rng): [Val, Val] | undefined {
  if (typeof v === 'string') {
    const at = cutPoint(v, r, MIN_HEAD);
    return at === undefined ? undefined : [v.slice(0, at), v.slice(at)];
  }
  const p = r.int(0, v.length - 1);
  const at = cutPoint(v[p]!, r, p === 0 ? MIN_HEAD : 1);
  if (at === undefined) return undefined;
  return [
    [...v.slice(0, p), v[p]!.slice(0, at)],
    [v[p]!.slice(at), ...v.slice(p + 1)],
  ];
}

const present = (v: Val | undefined): v is Val => v !== undefined && (typeof v === 'string' ? v.trim() !== '' : v.length > 0);
const textLength = (v: Val): number => (typeof v === 'string' ? v.length : v.join('').length);

/** A name's or unit's cut leaves a short tail: its last line in the cell (额, 交), 局). */
function cutShort(v: Val, r: Rng): [Val, Val] | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trimEnd();
  if (s.length < 4) return undefined;
  let at = s.length - r.int(1, Math.min(4, Math.floor(s.length / 3)));
  if (/[\udc00-\udfff]/.test(s[at]!)) at--;
  return [s.slice(0, at), s.slice(at)];
}

interface Cut {
  role: Role;
  item: number;
  tail: Val;
}

/** Cut the cells open at the end of `page`, as a PDF's merged cells flow over a page break: each text
 * cell whose head is on this page is cut with a chance that grows with its length (prose most often,
 * descriptions less); the last row's indicator name or the task's unit now and then, with a short
 * tail. The tails go to the top of `next`: into its first row where their fields are free and it
 * continues the same task and item, else together on a row of their own (the row split by the break). */
type Placed = 'merged' | 'own row' | 'before a new item';
function cutAcross(page: LRow[], next: LRow[], r: Rng, d: PageDamage): { placed: Placed; roles: Role[] } | undefined {
  const a = page[page.length - 1]!;
  if (a.task < 0 || a.kind !== 'row') return undefined;
  const own = page.filter((x) => x.task === a.task && x.kind === 'row');
  // The row holding a role's latest text on this page (a tail row of an earlier break included).
  const holder = (role: Role, rows: LRow[]): LRow | undefined => [...rows].reverse().find((x) => present(x.v[role]));
  const cuts: Cut[] = [];
  const cutText = (row: LRow | undefined, role: Role, item: number, p: number, short: boolean) => {
    if (!row || row.packed || !present(row.v[role]) || !r.chance(p)) return;
    const parts = short ? cutShort(row.v[role]!, r) : cutVal(row.v[role]!, r);
    if (!parts) return;
    row.v[role] = parts[0];
    cuts.push({ role, item, tail: parts[1] });
  };
  const byLength = (row: LRow | undefined, role: Role) =>
    row && present(row.v[role]) ? d.cut * Math.min(1, textLength(row.v[role]!) / 150) : 0;
  const taskRows = own.filter((x) => x.first || x.tail || x.repeat);
  for (const role of ['taskDesc', 'highlights', 'nextSteps'] as Role[]) {
    const h = holder(role, taskRows);
    cutText(h, role, -1, byLength(h, role), false);
  }
  const itemRow = [...own].reverse().find((x) => x.textOf !== undefined || (x.tail && present(x.v.itemDesc)));
  const item = itemRow ? (itemRow.textOf ?? itemRow.item) : -1;
  if (itemRow) cutText(itemRow, 'itemDesc', item, byLength(itemRow, 'itemDesc'), false);
  const head = own.find((x) => x.first);
  cutText(head, 'owner', -1, d.cutOwner, true);
  if (!a.tail && !a.packed) cutText(a, 'name', a.item, d.cutName, true);
  if (!cuts.length) return undefined;
  const b = next[0];
  const fits =
    b &&
    b.kind === 'row' &&
    !b.tail &&
    b.task === a.task &&
    !b.first &&
    !r.chance(d.tailRow) &&
    cuts.every(
      (c) => c.role !== 'name' && !present(b.v[c.role]) && (c.item < 0 || (b.item === c.item && b.textOf === undefined)),
    );
  if (fits) {
    for (const c of cuts) b.v[c.role] = c.tail;
    return { placed: 'merged', roles: cuts.map((c) => c.role) };
  }
  const cutItem = cuts.find((c) => c.item >= 0)?.item;
  next.unshift({
    kind: 'row',
    task: a.task,
    item: cutItem ?? a.item,
    tail: true,
    v: Object.fromEntries(cuts.map((c) => [c.role, c.tail])),
  });
  // An unfinished item text whose page ends where a new item (or task) begins.
  const placed = cuts.some((c) => c.role === 'itemDesc') && b?.kind === 'row' && b.textOf !== undefined;
  return { placed: placed ? 'before a new item' : 'own row', roles: cuts.map((c) => c.role) };
}

/** The first row of a page inside a task repeats the short merged cells open across the break (the
 * task's rate and unit, the open item's rate), not their texts. */
function repeatShort(page: LRow[], next: LRow[], task: TTask, seenText: Set<number>): boolean {
  const b = next[0];
  const a = page[page.length - 1]!;
  if (!b || b.kind !== 'row' || b.first || b.tail || b.packed || b.repeat || b.task !== a.task) return false;
  if (present(b.v.taskRate) || present(b.v.owner)) return false;
  b.v.taskRate = task.rate;
  b.v.owner = task.owner;
  const it = task.items[b.item];
  if (it && b.textOf === undefined && seenText.has(b.item) && !present(b.v.itemRate)) b.v.itemRate = it.rate;
  b.repeat = true;
  return true;
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
  /** Cells cut across a page break. */
  cuts: number;
  /** Of those, indicator names and units. */
  cutNames: number;
  cutOwners: number;
  /** Breaks whose tails sit on a row of their own (the others share the first row after the header). */
  tailRows: number;
  /** Of those, an item text cut where the next page begins with a new item. */
  cutBeforeNewItem: number;
  repeats: number;
  /** First rows repeating the task's rate and unit (and the item's rate). */
  repeatsShort: number;
}

/** Damage across every page break: cuts and repeated merged cells. */
export function breakPages(pages: LRow[][], tasks: TTask[], r: Rng, d: PageDamage): PageStats {
  const stats: PageStats = {
    pages: pages.length,
    cuts: 0,
    cutNames: 0,
    cutOwners: 0,
    tailRows: 0,
    cutBeforeNewItem: 0,
    repeats: 0,
    repeatsShort: 0,
  };
  for (let p = 0; p + 1 < pages.length; p++) {
    const page = pages[p]!;
    const next = pages[p + 1]!;
    const a = page[page.length - 1]!;
    if (a.task < 0) continue;
    const cut = cutAcross(page, next, r, d);
    if (cut) {
      stats.cuts += cut.roles.length;
      stats.cutNames += cut.roles.filter((x) => x === 'name').length;
      stats.cutOwners += cut.roles.filter((x) => x === 'owner').length;
      if (cut.placed !== 'merged') stats.tailRows++;
      if (cut.placed === 'before a new item') stats.cutBeforeNewItem++;
      continue;
    }
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
    if (next[0]?.task === a.task && r.chance(d.repeatTop)) {
      if (!packed && repeatTop(page, next, tasks[a.task]!, seen, r, d)) stats.repeats++;
    } else if (next[0]?.task === a.task && r.chance(d.repeatShort)) {
      if (!packed && repeatShort(page, next, tasks[a.task]!, seen)) stats.repeatsShort++;
    }
  }
  return stats;
}
