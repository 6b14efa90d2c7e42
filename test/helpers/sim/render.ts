// Transcription → report TSV in a chosen layout with fresh, seeded damage of every kind the format
// has (docs/format.md, "Extraction damage"). A rendering replays from (seed, layout, damage).
import { headerLines, layoutFor, type Layout, type LayoutName, type Role } from './layout.js';
import { breakPages, paginate, type PageDamage, type PageStats } from './pages.js';
import { rng, type Rng } from './rng.js';
import { addRemarks, repeatRates, tableRows, type LRow, type RowDamage, type RowStats, type Val } from './rows.js';
import { clone, tasksOf, type Transcription } from './transcription.js';
import { repeatItems, newValues } from './values.js';

export interface Damage extends RowDamage, PageDamage {
  /** Per run of rows, that they lost their leading empty cells (slid left): all of them or one (the
   * bundled report: one place most often, then three, then five), the row padded back to its width. */
  shiftLeft: number;
  /** Per row slid left, that its first text slid further, to an earlier empty column (the bundled
   * report's item text in column 0 with the rest of the row one place left). */
  shiftFirst: number;
  /** Per row slid left, that it is not padded back (a row of fewer fields; the bundled report has
   * none: every row has 12 fields, or 14 in a wide block). */
  narrow: number;
  /** Per row, that empty cells were inserted before its text (slid right). */
  shiftRight: number;
  /** Per right shift, that the empty cells go in before a later text of the row, not the first. */
  shiftInside: number;
  /** Per page block, that every line has 14 fields. */
  wide: number;
  /** Per prose cell, HTML markup (<p>, <b>). */
  html: number;
  /** Per prose cell in HTML with several paragraphs, an <ol style="…"><li> list. */
  ol: number;
  /** Per section or group row, <b> around it. */
  bold: number;
  /** Per task whose items all have the same rate, that one item is written twice (two items). */
  repeatItems: number;
  /** Per item of two rows or more, that its rate is written again on its second row (the merged rate cell
   * repeated within a page: the bundled report does it twice). */
  repeatRate: number;
  /** New targets and currents, rates recomputed at the written precision (share of indicators). */
  newValues: number;
}

export const NO_DAMAGE: Damage = {
  moveItem: 0,
  taskUp: 0,
  itemBelow: 0,
  packed: 0,
  remarks: 0.6,
  pageRows: [12, 30],
  midTask: false,
  cut: 0,
  cutName: 0,
  cutOwner: 0,
  tailRow: 0,
  repeatTop: 0,
  repeatTask: 0,
  repeatShort: 0,
  shiftLeft: 0,
  shiftFirst: 0,
  narrow: 0,
  shiftRight: 0,
  shiftInside: 0,
  wide: 0,
  html: 0,
  ol: 0,
  bold: 0,
  repeatItems: 0,
  repeatRate: 0,
  newValues: 0,
};

/** Damage at about the rates seen in the bundled report, every kind switched on. */
export const FULL_DAMAGE: Damage = {
  moveItem: 0.12,
  taskUp: 0.06,
  itemBelow: 0.01,
  packed: 0.005,
  remarks: 0.6,
  pageRows: [1, 11],
  midTask: true,
  cut: 0.85,
  cutName: 0.02,
  cutOwner: 0.01,
  tailRow: 0.55,
  repeatTop: 0.04,
  repeatTask: 0.3,
  repeatShort: 0.02,
  shiftLeft: 0.08,
  shiftFirst: 0.5,
  narrow: 0,
  shiftRight: 0.02,
  shiftInside: 0.4,
  wide: 0.01,
  html: 0.12,
  ol: 0.05,
  bold: 0.85,
  repeatItems: 0.03,
  repeatRate: 0.015,
  newValues: 0.5,
};

/** The damage today's compiler undoes on the gold tasks: shifts (right ones before a row's first
 * text), page breaks anywhere with cuts, HTML, 14-field blocks. Left out: an item's text moved, a
 * task's row above the previous task's, packed rows, repeated items and merged cells, new values. */
export const HANDLED_DAMAGE: Damage = {
  ...FULL_DAMAGE,
  pageRows: [8, 30],
  cut: 0.35,
  cutName: 0,
  cutOwner: 0,
  repeatShort: 0,
  shiftFirst: 0,
  itemBelow: 0,
  taskUp: 0,
  packed: 0,
  repeatItems: 0,
  repeatTop: 0,
  moveItem: 0,
  newValues: 0,
  shiftInside: 0,
};

export interface RenderOptions {
  seed: number;
  layout: LayoutName | Layout;
  damage?: Damage;
}

export interface Rendering {
  seed: number;
  layout: Layout;
  text: string;
  /** What the rendering says, as a transcription (repeated items and new values included). */
  transcription: Transcription;
  stats: RowStats & PageStats & { shiftedLeft: number; shiftedFurther: number; shiftedRight: number; wideBlocks: number };
}

const MARKUP = /<\/?[a-zA-Z][^>]*>|&[#a-zA-Z0-9]+;/;
const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const flat = (s: string): string => s.replace(/[\t\r\n]+/g, ' ');

/** A list of paragraphs as markup: <p> list, <ol style="…"><li> list (ASCII quotes), <b> inside. */
function markup(ps: string[], r: Rng, prose: boolean, ol = 0): string {
  const body = ps.map((p) => escape(flat(p)));
  if (!prose) return body.map((p) => `<p>${p}</p>`).join(' ');
  const bold = (p: string, i: number) => (i === 0 && r.chance(0.05) ? `<b>${p}</b>` : p);
  if (ps.length > 1 && r.chance(ol))
    return `<ol style="list-style-type: none"> ${body.map((p, i) => `<li>${bold(p, i)}</li>`).join(' ')} </ol>`;
  return body.map((p, i) => `<p>${bold(p, i)}</p>`).join(' ');
}

function cellOf(v: Val | undefined, role: Role, r: Rng, d: Damage): string {
  if (v === undefined) return '';
  const prose = role === 'highlights' || role === 'nextSteps';
  if (typeof v === 'string') {
    if (prose && v.trim() && r.chance(d.html)) return markup([v], r, true, d.ol);
    return MARKUP.test(v) ? escape(flat(v)) : flat(v);
  }
  if (prose && v.length === 1 && !r.chance(d.html)) return MARKUP.test(v[0]!) ? escape(flat(v[0]!)) : flat(v[0]!);
  return markup(v, r, prose, d.ol);
}

function fields(row: LRow, l: Layout, r: Rng, d: Damage): string[] {
  if (row.kind !== 'row') {
    const out = l.columns.map(() => '');
    let t = flat(row.text ?? '');
    // A group's ordinal in ASCII or full-width brackets, with or without a space after it.
    if (row.kind === 'group' && r.chance(0.5))
      t = t.replace(/^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*/, (_, o: string) => (r.chance(0.5) ? `（${o}）` : `(${o}) `));
    out[0] = r.chance(d.bold) ? `<b>${escape(t)}</b>` : t;
    return out;
  }
  return l.columns.map((role) => cellOf(row.v[role], role, r, d));
}

interface Line {
  kind: 'header' | 'row';
  cells: string[];
  /** Rows whose place the damage must not change (cut tails, repeated merged cells, section rows). */
  fixed: boolean;
}

const empty = (c: string | undefined): boolean => c === undefined || c.trim() === '';

/** Runs of rows lose their leading empty cells: all of them, or one (now and then two to four); the
 * first text of a row may slide further, to an earlier empty column. The row keeps its width unless
 * `narrow` says otherwise. */
function shiftLeft(block: Line[], r: Rng, d: Damage): [number, number] {
  let n = 0;
  let further = 0;
  for (let i = 0; i < block.length; i++) {
    if (!r.chance(d.shiftLeft)) continue;
    const run = r.int(1, 6);
    const all = r.chance(0.25);
    const by0 = r.chance(0.85) ? 1 : r.int(2, 4);
    const keep = !r.chance(d.narrow);
    const first = r.chance(d.shiftFirst);
    for (let k = i; k < Math.min(block.length, i + run); k++) {
      const line = block[k]!;
      if (line.kind !== 'row' || line.fixed) continue;
      const lead = line.cells.findIndex((c) => !empty(c));
      if (lead < 1) continue;
      const by = all ? lead : Math.min(lead, by0);
      line.cells.splice(0, by);
      if (keep) line.cells.push(...Array<string>(by).fill(''));
      const at = lead - by;
      if (first && at > 0) {
        // To column 0, or to the nearest empty column before it.
        const to = r.chance(0.6) ? 0 : at - 1;
        line.cells[to] = line.cells[at]!;
        line.cells[at] = '';
        further++;
      }
      n++;
    }
    i += run - 1;
  }
  return [n, further];
}

/** Rows gain empty cells before one of their texts; the width is kept (the bundled report's rows all
 * have their width), so a row gains no more empty cells than it has trailing ones. */
function shiftRight(block: Line[], r: Rng, p: number, inside: number): number {
  let n = 0;
  for (const line of block) {
    if (line.kind !== 'row' || line.fixed || !r.chance(p)) continue;
    const full = line.cells.flatMap((c, i) => (empty(c) ? [] : [i]));
    if (!full.length) continue;
    const at = r.chance(inside) ? r.pick(full) : full[0]!;
    let trailing = 0;
    while (trailing < line.cells.length && empty(line.cells[line.cells.length - 1 - trailing])) trailing++;
    const by = Math.min(trailing, r.chance(0.8) ? 1 : 2);
    if (!by) continue;
    line.cells.splice(at, 0, ...Array<string>(by).fill(''));
    line.cells.splice(line.cells.length - by, by);
    n++;
  }
  return n;
}

/** Render a transcription. The transcription is not changed; the one rendered is returned. */
export function render(source: Transcription, o: RenderOptions): Rendering {
  const d = o.damage ?? FULL_DAMAGE;
  const root = rng(o.seed);
  const layout = typeof o.layout === 'string' ? layoutFor(o.layout, root.fork('layout')) : o.layout;
  const tr = clone(source);
  if (d.newValues > 0) newValues(tr, root.fork('values'), d.newValues);
  if (d.repeatItems > 0) repeatItems(tr, root.fork('repeat'), d.repeatItems);
  if (layout.columns.includes('remarks')) addRemarks(tr, root.fork('remarks'), d.remarks);
  // A layout without a prose column says nothing of it.
  for (const key of ['highlights', 'nextSteps'] as const)
    if (!layout.columns.includes(key)) for (const { task } of tasksOf(tr)) task[key] = [];
  const rowStats: RowStats = { itemsMoved: 0, itemsBelow: 0, tasksUp: 0, packedRows: 0, ratesRepeated: 0 };
  const rows = tableRows(tr, root.fork('rows'), d, rowStats);
  rowStats.ratesRepeated = repeatRates(rows, root.fork('rates'), d.repeatRate);
  const pages = paginate(rows, root.fork('pages'), d);
  const stats = breakPages(
    pages,
    tasksOf(tr).map((x) => x.task),
    root.fork('breaks'),
    d,
  );
  const rc = root.fork('cells');
  const rs = root.fork('shifts');
  const rh = root.fork('header');
  const out: string[] = [];
  for (const p of tr.preamble) out.push('', p);
  let shiftedLeft = 0;
  let shiftedFurther = 0;
  let shiftedRight = 0;
  let wideBlocks = 0;
  const change = layout.then ? Math.max(1, Math.floor(pages.length * layout.then.at)) : Infinity;
  for (const [p, page] of pages.entries()) {
    const lay = p >= change ? layout.then!.layout : layout;
    const block: Line[] = headerLines(lay, rh).map((cells) => ({ kind: 'header' as const, cells, fixed: true }));
    for (const row of page)
      block.push({ kind: 'row', cells: fields(row, lay, rc, d), fixed: row.kind !== 'row' || !!row.tail || !!row.repeat });
    const [left, further] = shiftLeft(block, rs, d);
    shiftedLeft += left;
    shiftedFurther += further;
    shiftedRight += shiftRight(block, rs, d.shiftRight, d.shiftInside);
    if (rs.chance(d.wide)) {
      wideBlocks++;
      for (const line of block) while (line.cells.length < lay.columns.length + 2) line.cells.push('');
    }
    out.push('');
    for (const line of block) out.push(line.cells.join('\t'));
  }
  return {
    seed: o.seed,
    layout,
    text: out.join('\n') + '\n',
    transcription: tr,
    stats: { ...rowStats, ...stats, shiftedLeft, shiftedFurther, shiftedRight, wideBlocks },
  };
}
