// The damage a report shows, counted from its text and its compilation (where each value was read:
// `at`). Run on the bundled report and on renderings in the canonical layout, it says how kind the
// simulator is (docs/fidelity.md, "Damage"). Canonical column order only: a cell's shift is the
// field it was read from minus its role's canonical column.
import type { Item, Location, Report, Task } from '../../../src/model.js';
import { Col } from '../../../src/layout.js';

/** Canonical columns of the roles (docs/format.md, "Columns"): the compiler's own slots. */
const COL = Col;
type Role = keyof typeof COL;

interface Cell {
  role: Role;
  at: Location[];
}

const locs = (x: Location[] | null | undefined): Location[] => x ?? [];

function cellsOf(t: Task): Cell[] {
  const out: Cell[] = [];
  const push = (role: Role, at: Location[] | null | undefined) => {
    if (at && at.length) out.push({ role, at });
  };
  const a = (t.at ?? {}) as Record<string, Location[] | undefined>;
  push('no', a.no);
  push('taskDesc', a.description);
  push('taskRate', t.rate?.at);
  push('owner', a.owner);
  push('highlights', a.highlights);
  push('nextSteps', a.nextSteps);
  for (const it of t.items) {
    push('itemDesc', ((it.at ?? {}) as Record<string, Location[] | undefined>).description);
    push('itemRate', it.rate?.at);
    for (const ind of it.indicators) {
      push('name', ((ind.at ?? {}) as Record<string, Location[] | undefined>).name);
      push('target', ind.target?.at);
      push('current', ind.current?.at);
      push('rate', ind.rate?.at);
    }
  }
  return out;
}

const tasksOf = (r: Report): Task[] => r.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks));
const bump = (m: Record<string, number>, k: string, by = 1) => (m[k] = (m[k] ?? 0) + by);

/** Counts of every kind of damage, keyed by a short name. */
export function audit(text: string, report: Report): Record<string, number> {
  const lines = text.split('\n');
  const c: Record<string, number> = {};
  const tasks = tasksOf(report);
  // Page blocks: a blank line, then the header (lines without a placed value that name columns).
  const placedOn = new Map<number, { role: Role; field: number; tail: boolean }[]>();
  for (const t of tasks)
    for (const cell of cellsOf(t))
      cell.at.forEach((l, i) => {
        const list = placedOn.get(l.line) ?? [];
        list.push({ role: cell.role, field: l.field ?? -1, tail: i > 0 });
        placedOn.set(l.line, list);
      });
  const firstRow = new Set<number>(); // 1-based line of each block's first row after its header
  let inBlock = false;
  let header = 0;
  for (let i = 0; i < lines.length; i++) {
    const ln = lines[i]!;
    if (!ln.trim()) {
      inBlock = false;
      continue;
    }
    if (!inBlock && /序号|完成率|任务说明|责任单位|牵头单位/.test(ln) && !placedOn.has(i + 1)) {
      inBlock = true;
      header = 1;
      bump(c, 'blocks');
      continue;
    }
    if (inBlock && header > 0 && !placedOn.has(i + 1) && /完成率|任务说明|指标名称/.test(ln)) continue;
    if (inBlock && header > 0) {
      firstRow.add(i + 1);
      header = 0;
    }
    if (!inBlock) continue;
    const n = ln.split('\t').length;
    bump(c, `fields ${n}`);
    if (n === 14) bump(c, 'rows of 14 fields');
    bump(c, 'rows');
    const cells = ln.split('\t');
    if (/^(<b>)?\s*[一二三四五六七八九十]+、/.test(cells[0]!) || /^(<b>)?\s*[（(][一二三四五六七八九十]+[）)]/.test(cells[0]!)) {
      if (cells[0]!.startsWith('<b>')) bump(c, 'html: <b> on a section or group row');
      bump(c, 'section or group rows');
    }
    for (const cell of cells) {
      if (/<p>/.test(cell)) bump(c, 'html: cells with <p>');
      if (/<ol/.test(cell)) bump(c, 'html: cells with <ol>');
      if (/<ol style="/.test(cell)) bump(c, 'html: <ol style="…">');
      if (/<li>/.test(cell)) bump(c, 'html: cells with <li>');
      if (/<b>/.test(cell) && !/^<b>[^<]*<\/b>$/.test(cell)) bump(c, 'html: <b> inside a cell');
      if (/&[a-z#0-9]+;/.test(cell)) bump(c, 'html: entities');
      if (/<br/.test(cell)) bump(c, 'html: <br>');
    }
  }
  // Rows: the shift of each placed cell (its field minus its role's column).
  for (const [line, cells] of placedOn) {
    const ds = [...new Set(cells.filter((x) => x.field >= 0).map((x) => x.field - COL[x.role]))].sort((a, b) => a - b);
    if (!ds.length) continue;
    bump(c, 'rows with values');
    if (ds.length === 1 && ds[0] === 0) continue;
    if (ds.length === 1) bump(c, ds[0]! < 0 ? `shift left ${-ds[0]!}` : `shift right ${ds[0]}`);
    else bump(c, `shift inside (${ds.join(',')})`);
    bump(
      c,
      ds.every((d) => d <= 0) ? 'rows shifted left' : ds.every((d) => d >= 0) ? 'rows shifted right' : 'rows shifted both ways',
    );
    // A packed row: several values of one role on one line.
    void line;
  }
  // Packed rows: lines where one role has two or more values.
  const packedLines = new Set<number>();
  for (const t of tasks)
    for (const it of t.items)
      if (it.rate?.at?.length === 1) {
        const l = it.rate.at[0]!.line;
        const same = t.items.filter((x) => x.rate?.at?.[0]?.line === l && x.rate.at.length === 1);
        if (same.length > 1 && !packedLines.has(l)) {
          packedLines.add(l);
          bump(c, 'packed rows');
          bump(c, `packed rows of ${same.length}`);
          const inds = same.map((x) => x.indicators[0]).filter((x) => x !== undefined);
          const pct = new Set(inds.map((x) => !!x.target?.percent));
          if (pct.size > 1 || inds.some((x) => x.current?.text.trim() === '0')) bump(c, 'packed rows mixing types');
        }
      }
  // Cuts: a value read from two places.
  for (const t of tasks)
    for (const cell of cellsOf(t)) {
      if (cell.at.length < 2) continue;
      const tail = cell.at[cell.at.length - 1]!;
      bump(c, 'cuts');
      bump(c, `cut ${cell.role}`);
      if (firstRow.has(tail.line)) bump(c, 'cut tail on the first row of a page');
      const on = placedOn.get(tail.line) ?? [];
      if (on.every((x) => x.tail)) {
        bump(c, 'cut tail on a row of its own');
        if (on.every((x) => x.role === 'highlights' || x.role === 'nextSteps')) bump(c, 'rows of prose tails only');
      }
      if ((tail.field ?? COL[cell.role]) !== COL[cell.role]) bump(c, 'cut tail shifted');
    }
  // Item texts on another row than their span's first; task rows above the previous task's last rows.
  for (const [ti, t] of tasks.entries()) {
    for (const it of t.items) {
      const d = ((it.at ?? {}) as Record<string, Location[] | undefined>).description?.[0]?.line ?? it.rate?.at?.[0]?.line;
      const inds = it.indicators.flatMap((x) => [
        ...locs(((x.at ?? {}) as Record<string, Location[]>).name),
        ...locs(x.target?.at),
        ...locs(x.rate?.at),
      ]);
      if (d === undefined || !inds.length || (it.rate?.at?.length ?? 0) > 1) continue;
      bump(c, 'items with indicators');
      const first = Math.min(...inds.map((x) => x.line));
      const last = Math.max(...inds.map((x) => x.line));
      if (d < first) bump(c, 'item text above its indicators');
      else if (d > first && d <= last) bump(c, 'item text inside its span');
      else if (d > last) bump(c, 'item text below its indicators');
    }
    const next = tasks[ti + 1];
    const noLine = (next?.at as Record<string, Location[]> | undefined)?.no?.[0]?.line;
    if (next && noLine !== undefined) {
      const lastLine = Math.max(...cellsOf(t).flatMap((x) => x.at.map((l) => l.line)));
      if (lastLine > noLine) bump(c, "task row above the previous task's last rows");
    }
  }
  // Values: notes, ceilings, rates the figures contradict.
  for (const t of tasks) {
    if (t.rate?.computed) {
      bump(c, 'task rates checked');
      if (t.rate.computed.status === 'mismatch') bump(c, 'task rates wrong in the source');
    }
    for (const it of t.items as Item[]) {
      if (it.rate?.computed && it.rate.computed.status !== 'not-computable') {
        bump(c, 'item rates checked');
        if (it.rate.computed.status === 'mismatch') bump(c, 'item rates wrong in the source');
      }
      for (const ind of it.indicators) {
        bump(c, 'indicators');
        if (ind.ceiling) bump(c, 'ceilings');
        if (ind.target?.note || ind.current?.note) bump(c, 'values with a note');
        if (/[（(]/.test(ind.current?.text ?? '') || /[（(]/.test(ind.target?.text ?? '')) bump(c, 'values with brackets');
        if (ind.rate?.computed?.status === 'mismatch') bump(c, 'indicator rates wrong in the source');
      }
    }
  }
  // Blocks that begin mid-task: the first row carries no task number and is not a section or group row.
  for (const l of firstRow) {
    const on = placedOn.get(l) ?? [];
    if (on.length && !on.some((x) => x.role === 'no')) bump(c, 'blocks beginning mid-task');
    const onName = on.filter((x) => x.role === 'name');
    if (onName.length && onName.every((x) => x.tail)) bump(c, 'name tail on a page top');
  }
  return c;
}
