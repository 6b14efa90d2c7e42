// The assembler's working state: a task, its item anchors and indicator rows as the rows bring
// them (before regrouping), and the helpers the row handlers share. Positions (POS) order the
// anchors and indicators of a task by row, and by paragraph within a packed row.
import { UNIT_ENDINGS, type Cell } from './classify.js';
import { diag } from './diagnostics.js';
import type { Diagnostic, Extra, Location, Rate } from './model.js';

export const loc = (c: Cell): Location => ({ line: c.line, column: c.column, field: c.field });
export const POS = (line: number, part = 0) => line * 64 + Math.min(part, 63);

export interface ItemAnchor {
  pos: number;
  line: number;
  desc: Cell[]; // joined fragments
  descText: string[];
  rate: Rate | null;
  /** The row also continues its task's own text, so the item cannot belong to another task. */
  pinned: boolean;
  /** The same merged description repeated on later rows. */
  repeats: Cell[];
  /**
   * A text with a rate equal to this item's, after a page header, joined as the tail of this item's cut
   * text: the other reading (an item of its own) is taken when only it reproduces the task's rate. `words`: the
   * row's indicator is named after that text alone, so it is an item of its own unless only the joined reading
   * reproduces the task's rate.
   */
  tailAlt?: { desc: Cell; rate: Cell; words: boolean };
  /** Same text and rate as the item on the row above: within a page two items, unless the arithmetic says one. */
  repeatOf?: ItemAnchor;
  /** ... on the first row of a page (not repeating the figures): one item, unless the arithmetic says two. */
  repeatAtPageTop?: boolean;
  /**
   * An item of a rate alone whose row's text was joined, after a page header, as the tail of `of`'s cut
   * text (the row continued the task's text too), or of the task's own cut text. Every item has a text: if no text comes to this one,
   * the joined text was its own (rows.ts, restoreTail).
   */
  textAlt?: { desc: Cell; of?: ItemAnchor; task?: TaskBuilder };
  extra?: Extra;
}

export interface IndicatorRow {
  pos: number;
  line: number;
  name: { text: string; at: Location[] };
  target: Cell | null;
  targetText: string;
  current: Cell | null;
  currentText: string;
  rate: Cell | null;
  rateText: string;
  extra?: Extra;
  /** A name alone after a page header joined to this name as its cut tail: the other reading (an indicator
   * without figures) is taken when an item would otherwise have no indicator. */
  nameTail?: Cell;
}

/** An indicator row of a name alone: no figures were written (or extraction lost them). */
export const withoutFigures = (pos: number, line: number, name: Cell): IndicatorRow => ({
  pos,
  line,
  name: { text: name.text, at: [loc(name)] },
  target: null,
  targetText: '',
  current: null,
  currentText: '',
  rate: null,
  rateText: '',
});

export interface TaskBuilder {
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
  extra?: Extra;
  /** Set when the arithmetic, not row order, decided the task's grouping (ambiguous: by a small margin). */
  structure?: 'arithmetic' | 'ambiguous';
}

export type Reason = 'tie' | 'one-rate';
const REASON: Record<Reason, { en: string; zh: string }> = {
  tie: { en: 'two readings reproduce the written rates equally', zh: '两种读法复现的完成率一样多' },
  'one-rate': { en: 'a single written rate decided', zh: '仅由一个完成率决定' },
};

/** Record how a task's grouping was decided; an ambiguous one says which reading was not taken. */
export function mark(
  t: TaskBuilder,
  ambiguous: Reason | null,
  alternative: { en: string; zh: string; line: number } | null,
  diagnostics: Diagnostic[],
): void {
  if (!ambiguous || !alternative) {
    t.structure ??= 'arithmetic';
    return;
  }
  t.structure = 'ambiguous';
  const r = REASON[ambiguous];
  diagnostics.push(
    diag('HZ115', {
      line: t.start,
      column: 1,
      args: {
        reason: r.en,
        reasonZh: r.zh,
        alternative: alternative.en,
        alternativeZh: alternative.zh,
        otherLine: alternative.line,
      },
    }),
  );
}

const TERMINAL = /[。；;！!？?…]$|[)）》”"]$/;
/** A text that stops mid-sentence: no closing stop, or a bracket opened and not closed (…（“湿地水城”). */
export const isOpen = (text: string | undefined) => !!text && (!TERMINAL.test(text.trim()) || unclosed(text));

/** More opening brackets than closing ones: the text goes on where they close. */
function unclosed(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff08 || c === 0x28)
      depth++; // （ (
    else if ((c === 0xff09 || c === 0x29) && depth > 0) depth--; // ） )
  }
  return depth > 0;
}

/** How a unit's name ends (局, 委, 中心, 区 …, a closed bracketed note after it). */
const UNIT_END = new RegExp(`(${UNIT_ENDINGS}|联|市|行)(\\s*[（(][^）)]*[）)])?$`);
/**
 * A unit's name that ends like one (its bracket closed): complete, so no text moved in from another column
 * continues it after a page header (rows.ts, ownerTakesNoTail). A page break may still have cut it where
 * its head ends like a unit (集聚区 + 管委会): its tail then stands alone in the unit's own column
 * (rows.ts, ownerTailInPlace).
 */
export const ownerComplete = (owner: string): boolean => UNIT_END.test(owner.trim());

/** Text columns whose text stops mid-sentence (or a unit's name cut short), so that a page break may have cut them. */
export function openColumns(t: TaskBuilder | undefined, item: ItemAnchor | undefined): boolean[] {
  const open = new Array<boolean>(12).fill(false);
  if (!t) return open;
  open[1] = isOpen(t.descText.join(''));
  open[3] = !!item && isOpen(item.descText.join(''));
  open[10] = isOpen(t.highlights[t.highlights.length - 1]);
  open[11] = isOpen(t.nextSteps[t.nextSteps.length - 1]);
  open[9] = t.owner !== null && !ownerComplete(t.owner);
  return open;
}

// A paragraph's list number (1. 2、 3．, or 一是 二是): the prose columns number their points.
const LIST_AT = /(?:^|[\s。；;：:）)>])(\d{1,2})[.．、](?!\d)|([一二三四五六七八九十])是/g;
const LIST_START = /^\s*(?:(\d{1,2})[.．、](?!\d)|([一二三四五六七八九十])是)/;
const CN = '一二三四五六七八九十';
const listNo = (arabic: string | undefined, cn: string | undefined): number =>
  arabic !== undefined ? Number(arabic) : CN.indexOf(cn!) + 1;
/** The number of the last point a text makes (0: none). */
function lastPoint(text: string): number {
  let n = 0;
  for (const m of text.matchAll(LIST_AT)) n = listNo(m[1], m[2]);
  return n;
}

/** A paragraph that opens a point of its own: a list number (2. 三是) or a short heading (下步计划：). */
export const startsPoint = (text: string): boolean => LIST_START.test(text) || /^\s*[^，,。；;]{1,10}[：:]/.test(text);

// A list's points end with a separator (；) until the last, which ends with a full stop.
const LIST_GOES_ON = /[；;，,、]$/;

/**
 * After a page header, the prose column (highlights, next steps) whose numbered points a text goes on
 * with: it opens with the point after that column's last (4. after 3.), and the other column's last
 * point is not that one too; where both are, the column whose last point ends with a separator (the
 * list goes on) rather than a full stop. Undefined where no column or both fit.
 */
export function continuesPoints(t: TaskBuilder, text: string): 10 | 11 | undefined {
  const m = LIST_START.exec(text);
  if (!m) return undefined;
  const k = listNo(m[1], m[2]);
  if (k < 2) return undefined;
  let h = lastPoint(t.highlights.join(' ')) === k - 1;
  let n = lastPoint(t.nextSteps.join(' ')) === k - 1;
  if (h && n) {
    h = LIST_GOES_ON.test(t.highlights[t.highlights.length - 1]!.trim());
    n = LIST_GOES_ON.test(t.nextSteps[t.nextSteps.length - 1]!.trim());
  }
  return h === n ? undefined : h ? 10 : 11;
}

/** A description that stops mid-sentence: its tail may follow the next page header. */
export function looksCut(a: ItemAnchor): boolean {
  const text = a.descText.join('').trim();
  return text !== '' && isOpen(text);
}

/** A cell of an unknown column, under its header (a second cell of the same column joins the first). */
export function addExtra(holder: { extra?: Extra }, key: string, cell: Cell): void {
  const extra = (holder.extra ??= {});
  const had = extra[key];
  if (had) {
    had.text += cell.text;
    had.at.push(loc(cell));
  } else extra[key] = { text: cell.text, at: [loc(cell)] };
}

/** Stands in for a finished task's builder, so that its cells can be dropped. */
export const DONE: TaskBuilder = newTask(0);

export function newTask(line: number): TaskBuilder {
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
export function packCount(a: Cell | undefined, b: Cell | undefined, c: Cell | undefined, d: Cell | undefined): number {
  let k = -1;
  // four cells, no array made for them (a row's call)
  for (let i = 0; i < 4; i++) {
    const x = i === 0 ? a : i === 1 ? b : i === 2 ? c : d;
    if (!x) continue;
    if (k < 0) k = x.paragraphs.length;
    else if (x.paragraphs.length !== k) return 1;
  }
  return k < 2 ? 1 : k;
}
