// Stage 7: findings across the tree. Section 三 restates tasks of section 二 (and any section may restate
// another's): the same sub-item reported twice must carry the same figures (HZ401).
//
// Restated tasks are not worded alike (二.1 "大力推进杭州城西科创大走廊建设" is 三.1 "努力打造…创新策源地"),
// but their sub-items are copied, so matching is done on sub-item descriptions: equal after normalisation
// (width, white space, punctuation), or sharing most character bigrams (Dice ≥ 0.75, each the other's best match).
//
// The check is incremental, so that a report compiled section by section is never held whole: createChecker()
// takes each section as soon as it is recomputed. The checks within a task or an item (HZ402-HZ404) run on the
// live section; for the restatements (HZ401), which need every section, only small facts are copied out (the
// bigrams of each sub-item description, and the figures, lines and paths a finding would name). The checker
// keeps no reference to the section's objects.
import type { Diagnostic, Indicator, Quantity, Rate, Report, Section, Task, TaskPlace } from './model.js';
import { diag } from './diagnostics.js';
import { halfWidth, unitKey, unitKind } from './quantity.js';
import { checkTaskValues, tasksWithoutAccount, type Accounts } from './check-values.js';

const SIMILAR = 0.75;
const RARE_GRAMS = 8;
// A bigram in at most this many items is rare enough to look candidates up by (a task is restated a few times
// at most); text made only of common bigrams is too generic to call a restatement. This bounds the work.
const RARE_DF = 12;

/**
 * Text for comparing descriptions and names: half-width, no HTML tags, no white space, punctuation or symbols,
 * lower case. One pass over the characters (a table says which to drop); text with surrogate pairs goes the
 * way of the regular expressions, which are the reference.
 */
export function normalizeText(s: string): string {
  const n = s.length;
  if (n > 4096) return normalizeTextByRegExp(s);
  const codes = scratch;
  let len = 0;
  let changed = false; // a character mapped (the dropped ones show in len)
  let lower = false;
  let tags = true;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      codes[len++] = c; // CJK ideographs, most of the text
      continue;
    }
    if (c >= 0xff01 && c <= 0xff5e) {
      c -= 0xfee0;
      changed = true;
    } else if (c === 0x3000)
      continue; // white space, as its half-width form
    else if (c >= 0xd800 && c <= 0xdfff) return normalizeTextByRegExp(s);
    if (c === 0x3c && tags) {
      // <…>: up to the next >, half-width or full-width
      let j = i + 1;
      while (j < n && s.charCodeAt(j) !== 0x3e && s.charCodeAt(j) !== 0xff1e) j++;
      if (j < n) {
        i = j;
        continue;
      }
      tags = false; // no > after this <, so none after any later one
    }
    if (c < 0x80) {
      if (ASCII_KEPT[c] === 0) continue;
      if (c >= 0x41 && c <= 0x5a) {
        c += 0x20;
        changed = true;
      }
    } else {
      let kind = kinds[c]!;
      if (kind === 0) kind = kinds[c] = kindOf(c);
      if (kind === DROP) continue;
      if (kind === CASED) lower = true;
    }
    codes[len++] = c;
  }
  if (len === n && !changed && !lower) return s;
  codes.length = len;
  const out = String.fromCharCode.apply(null, codes);
  return lower ? out.toLowerCase() : out;
}

/** The reference definition of normalizeText. */
function normalizeTextByRegExp(s: string): string {
  return halfWidth(s)
    .replace(/<[^>]*>/g, '')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

const scratch: number[] = [];
const KEEP = 1;
const DROP = 2;
const CASED = 3; // kept, and lower case may differ
const DROPPED = /[\s\p{P}\p{S}]/u;
const kinds = new Uint8Array(0x10000);
function kindOf(c: number): number {
  const ch = String.fromCharCode(c);
  if (DROPPED.test(ch)) return DROP;
  return ch.toLowerCase() === ch ? KEEP : CASED;
}
const ASCII_KEPT = Uint8Array.from({ length: 0x80 }, (_, c) => (DROPPED.test(String.fromCharCode(c)) ? 0 : 1));

/** The text's character bigrams as sorted numbers (a multiset): cheap to intersect, nothing to hash. */
function bigrams(s: string): Int32Array {
  const out = new Int32Array(Math.max(0, s.length - 1));
  for (let i = 0; i + 1 < s.length; i++) out[i] = (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
  return out.sort();
}

/** Dice coefficient over character bigrams (1 = same text). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  return dice(x, 0, x.length, y, 0, y.length);
}

/** Dice coefficient of two sorted ranges of bigrams. */
function dice(a: Int32Array, aFrom: number, aTo: number, b: Int32Array, bFrom: number, bTo: number): number {
  if (aTo === aFrom || bTo === bFrom) return 0;
  let common = 0;
  for (let i = aFrom, j = bFrom; i < aTo && j < bTo;) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / (aTo - aFrom + (bTo - bFrom));
}

/**
 * The bigrams of sub-item descriptions. Each description's bigrams, sorted (a multiset), and the slots of its
 * distinct bigrams (in the order of their values) are written to two scratch pools, reused from section to
 * section, and each section keeps a copy of its part (take), so that an item costs two ranges, not two typed
 * arrays, and no pool is copied as it grows. A slot is a bigram's dense number in an open-addressing table, with
 * its document frequency (in how many descriptions it occurs); a Map keyed by the bigrams would hash heap
 * numbers, most CJK bigrams being above the small-integer range.
 */
class Bigrams {
  // Sized for a report (the seed: 736 descriptions, 24,000 bigrams, 10,000 distinct), so that none grows.
  private grams: Int32Array = new Int32Array(1 << 15);
  gramsUsed = 0;
  private slots: Int32Array = new Int32Array(1 << 15);
  slotsUsed = 0;
  size = 0;
  df: Int32Array = new Int32Array(1 << 14);
  private bits = 15;
  private capacity = 1 << this.bits;
  // Open addressing, each entry's key and slot + 1 (0 = empty) side by side: one cache line per probe.
  private table = new Int32Array(2 * this.capacity);

  /** The bigrams and slots added since the last take, which empties the pools. */
  take(): SectionBigrams {
    const taken = { grams: this.grams.slice(0, this.gramsUsed), slots: this.slots.slice(0, this.slotsUsed) };
    this.gramsUsed = 0;
    this.slotsUsed = 0;
    return taken;
  }

  /** Add a description's bigrams (its normalised text): its ranges start at gramsUsed and slotsUsed. */
  add(text: string): void {
    const count = text.length - 1;
    if (this.gramsUsed + count > this.grams.length) this.grams = grown(this.grams, this.gramsUsed + count);
    if (this.slotsUsed + count > this.slots.length) this.slots = grown(this.slots, this.slotsUsed + count);
    const grams = this.grams;
    const from = this.gramsUsed;
    const to = from + count;
    for (let i = 0; i < count; i++) grams[from + i] = (text.charCodeAt(i) << 16) | text.charCodeAt(i + 1);
    if (count > 48) grams.subarray(from, to).sort();
    else {
      for (let i = from + 1; i < to; i++) {
        const v = grams[i]!;
        let j = i - 1;
        while (j >= from && grams[j]! > v) {
          grams[j + 1] = grams[j]!;
          j--;
        }
        grams[j + 1] = v;
      }
    }
    this.gramsUsed = to;
    for (let i = from; i < to; i++) {
      if (i !== from && grams[i] === grams[i - 1]) continue;
      const slot = this.slot(grams[i]!);
      this.df[slot]!++;
      this.slots[this.slotsUsed++] = slot;
    }
  }

  /** The slot of a bigram, added when new. */
  private slot(key: number): number {
    if ((this.size + 1) * 2 > this.capacity) this.grow();
    const table = this.table;
    const mask = this.capacity - 1;
    for (let h = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; h = (h + 1) & mask) {
      const s = table[2 * h + 1]!;
      if (s === 0) {
        table[2 * h] = key;
        table[2 * h + 1] = ++this.size;
        return this.size - 1;
      }
      if (table[2 * h] === key) return s - 1;
    }
  }

  private grow(): void {
    const old = this.table;
    const oldCapacity = this.capacity;
    this.bits++;
    this.capacity = 1 << this.bits;
    const table = (this.table = new Int32Array(2 * this.capacity));
    const mask = this.capacity - 1;
    for (let i = 0; i < oldCapacity; i++) {
      const id = old[2 * i + 1]!;
      if (id === 0) continue;
      const key = old[2 * i]!;
      let h = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
      while (table[2 * h + 1] !== 0) h = (h + 1) & mask;
      table[2 * h] = key;
      table[2 * h + 1] = id;
    }
    this.df = grown(this.df, 1 << (this.bits - 1));
  }
}

function grown(a: Int32Array, min: number): Int32Array {
  let size = a.length;
  while (size < min) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * A rate or quantity as a restatement compares and reports it. line and column are those of its first cell,
 * else the line of its row (and column 0), as findings give them.
 */
interface Figure {
  value: number | null;
  /** As written (untrimmed). */
  text: string;
  line: number;
  column: number;
  /** Its own arithmetic fails (computed status mismatch; rates only). */
  bad: boolean;
}

interface TaskFacts {
  /** Section ordinal as findings name it (一, or the section's number). */
  section: string;
  /** JSON pointer of the task. */
  path: string;
  no: number | null;
  rate: Figure | null;
  items: number;
}

interface IndicatorFacts {
  /** Index in its item. */
  m: number;
  name: string;
  norm: string;
  target: Figure | null;
  current: Figure | null;
  rate: Figure | null;
}

interface ItemFigures {
  rate: Figure | null;
  /** Indicators with a name (the others are never compared), in order. */
  indicators: IndicatorFacts[];
}

interface ItemFacts {
  sectionIndex: number;
  task: TaskFacts;
  /** Index in its task. */
  l: number;
  line: number;
  /** The item's ItemFigures, packed (see packOf). */
  figures: Packed;
  /** Ranges in its section's bigrams. */
  bigrams: SectionBigrams;
  gramsFrom: number;
  gramsTo: number;
  slotsFrom: number;
  slotsTo: number;
}

interface SectionBigrams {
  grams: Int32Array;
  slots: Int32Array;
}

interface SectionFacts {
  index: number;
  /** As findings name the section. */
  ordinal: string;
  items: ItemFacts[];
  repeatedNames: Diagnostic[];
  unitsThatDoNotFit: Diagnostic[];
  countedTwice: Diagnostic[];
  /** What the values and the text say (check-values.ts). */
  values: Diagnostic[];
}

export type { TaskPlace } from './model.js';

export interface Checker {
  /** Check one section (the index-th of its report) right after it is recomputed. */
  addSection(section: Section, index: number): void;
  /**
   * Or task by task, as each is recomputed (tasks of a section in order, then endSection): a compile that
   * streams tasks holds none of them (docs/architecture.md, "Streaming").
   */
  addTask(task: Task, at: TaskPlace): void;
  endSection(): void;
  /** Findings of everything added, in the same order checkReport gives them. */
  finish(): Diagnostic[];
}

export function createChecker(): Checker {
  const sections: SectionFacts[] = [];
  const pool = new Bigrams();
  const accounts: Accounts = { seen: false, missing: [] };
  let open: SectionFacts | undefined;
  const endSection = () => {
    if (!open) return;
    const bigrams = pool.take();
    for (const item of open.items) item.bigrams = bigrams;
    sections.push(open);
    open = undefined;
  };
  const addTask = (task: Task, at: TaskPlace) => {
    if (open && open.index !== at.section) endSection();
    open ??= {
      index: at.section,
      ordinal: own(at.ordinal ?? String(at.section + 1)),
      items: [],
      repeatedNames: [],
      unitsThatDoNotFit: [],
      countedTwice: [],
      values: [],
    };
    checkTask(open, task, at, pool, accounts);
  };
  return {
    addSection(section, index) {
      section.groups.forEach((group, j) =>
        group.tasks.forEach((task, k) => addTask(task, { section: index, group: j, task: k, ordinal: section.ordinal })),
      );
      endSection();
    },
    addTask,
    endSection,
    finish() {
      endSection();
      const ordered = sections.slice().sort((a, b) => a.index - b.index);
      const out = restatements(ordered, pool);
      for (const s of ordered) for (const d of s.repeatedNames) out.push(d);
      for (const s of ordered) for (const d of s.unitsThatDoNotFit) out.push(d);
      for (const s of ordered) for (const d of s.countedTwice) out.push(d);
      for (const s of ordered) for (const d of s.values) out.push(d);
      for (const d of tasksWithoutAccount(accounts)) out.push(d);
      return out;
    },
  };
}

export function checkReport(report: Report): Diagnostic[] {
  const checker = createChecker();
  report.sections.forEach((section, i) => checker.addSection(section, i));
  return checker.finish();
}

/**
 * A copy of a string that does not share the text it was cut from: a substring may be a view keeping the whole
 * source text alive, which the checker must not do for the strings it keeps until finish().
 */
// ItemFigures flattened into one array: [rate (5 slots), then per indicator m, name, target, current, rate
// (5 slots each)], a figure as value, text, line, column, bad, or five nulls. Every item is kept until finish()
// but only restated ones are compared: one array costs a fraction of the objects it stands for.
type Packed = (number | string | null)[];
const FIGURE = 5;

function unpackFigure(p: Packed, at: number): Figure | null {
  if (p[at + 1] === null) return null;
  return {
    value: p[at] as number | null,
    text: p[at + 1] as string,
    line: p[at + 2] as number,
    column: p[at + 3] as number,
    bad: p[at + 4] === 1,
  };
}

/** A figure(r, line) packed, without making the Figure: every indicator of every item is packed. */
function packOf(out: Packed, r: Rate | Quantity | null, line: number): void {
  if (!r) return void out.push(null, null, null, null, null);
  const at = r.at[0];
  out.push(r.value, r.text, at?.line ?? line, at?.column ?? 0, (r as Rate).computed?.status === 'mismatch' ? 1 : 0);
}

function unpackFigures(p: Packed): ItemFigures {
  const indicators: IndicatorFacts[] = [];
  for (let at = FIGURE; at < p.length; at += 2 + 3 * FIGURE) {
    const name = p[at + 1] as string;
    indicators.push({
      m: p[at] as number,
      name,
      norm: normalizeText(name),
      target: unpackFigure(p, at + 2),
      current: unpackFigure(p, at + 2 + FIGURE),
      rate: unpackFigure(p, at + 2 + 2 * FIGURE),
    });
  }
  return { rate: unpackFigure(p, 0), indicators };
}

function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function figure(r: Rate | Quantity | null, line: number): Figure | null {
  if (!r) return null;
  const at = r.at[0];
  return {
    value: r.value,
    text: r.text,
    line: at?.line ?? line,
    column: at?.column ?? 0,
    bad: (r as Rate).computed?.status === 'mismatch',
  };
}

const DOCUMENT_NAME = /(规划|方案|文件|标准|清单|办法|条例|意见)(编制|出台|制定|修订|发布)?数(量)?$/;
const NOT_DOCUMENT_UNIT = /^(家|人|名|户|辆)/;

/**
 * The names seen so far in one item (normalised) and their indicators, for HZ402: the last indicator of a name.
 * An item has a few indicators, so a scan of two reused arrays; a Map only for a long item (a Map cleared for every
 * item allocated a new table each time).
 */
class ItemNames {
  // Reused: truncating an array frees its storage, so the first name of every item allocated it again.
  private readonly names: string[] = [];
  private readonly inds: Indicator[] = [];
  private count = 0;
  private map: Map<string, Indicator> | undefined;

  clear(): void {
    this.count = 0;
    this.map = undefined;
  }

  /** The indicator last seen with this name, then ind recorded as it. */
  swap(name: string, ind: Indicator): Indicator | undefined {
    if (this.map) {
      const prev = this.map.get(name);
      this.map.set(name, ind);
      return prev;
    }
    const names = this.names;
    const n = this.count;
    let prev: Indicator | undefined;
    for (let q = n - 1; q >= 0; q--) {
      if (names[q] === name) {
        prev = this.inds[q];
        break;
      }
    }
    names[n] = name;
    this.inds[n] = ind;
    this.count = n + 1;
    if (n + 1 > 32) {
      this.map = new Map();
      for (let q = 0; q <= n; q++) this.map.set(names[q]!, this.inds[q]!);
    }
    return prev;
  }
}
const names = new ItemNames();

/** One walk of a task: the checks within an item or task, and the facts restatements need. */
function checkTask(facts: SectionFacts, task: Task, place: TaskPlace, pool: Bigrams, accounts: Accounts): void {
  const { section: i, group: j, task: k } = place;
  const ordinal = facts.ordinal;
  const taskPath = `/sections/${i}/groups/${j}/tasks/${k}`;
  checkTaskValues(task, taskPath, facts.values, accounts);
  let taskFacts: TaskFacts | undefined;
  let seen: Map<string, { item: number; ind: Indicator; path: string }> | undefined;
  task.items.forEach((item, l) => {
    const norm = normalizeText(item.description);
    let itemFacts: ItemFacts | undefined;
    if (norm.length >= 6) {
      taskFacts ??= {
        section: ordinal,
        path: taskPath,
        no: task.no,
        rate: figure(task.rate, task.lines.start),
        items: task.items.length,
      };
      const gramsFrom = pool.gramsUsed;
      const slotsFrom = pool.slotsUsed;
      pool.add(norm);
      itemFacts = {
        sectionIndex: i,
        task: taskFacts,
        l,
        line: item.lines.start,
        figures: NO_FIGURES,
        bigrams: NO_BIGRAMS, // set when the section is done
        gramsFrom,
        gramsTo: pool.gramsUsed,
        slotsFrom,
        slotsTo: pool.slotsUsed,
      };
      facts.items.push(itemFacts);
    }
    names.clear();
    // The item's figures, packed as they are read.
    let figures: Packed | undefined;
    if (itemFacts) packOf((figures = []), item.rate, item.lines.start);
    item.indicators.forEach((ind, m) => {
      const name = normalizeText(ind.name);
      if (!name) return;
      if (figures) {
        figures.push(m, ind.name);
        packOf(figures, ind.target, ind.line);
        packOf(figures, ind.current, ind.line);
        packOf(figures, ind.rate, ind.line);
      }
      // HZ402: an indicator name repeated in one item for another kind of quantity.
      const prev = names.swap(name, ind);
      if (prev && prev.target && ind.target) {
        const a = unitKind(prev.target);
        const b = unitKind(ind.target);
        if (a !== null && b !== null && a !== b) {
          const at = ind.at.name[0];
          facts.repeatedNames.push(
            diag('HZ402', {
              line: at?.line ?? ind.line,
              column: at?.column ?? 0,
              path: `${taskPath}/items/${l}/indicators/${m}/name`,
              args: { name: ind.name, otherLine: prev.line, unit: ind.target.text.trim(), otherUnit: prev.target.text.trim() },
              expected: null,
              actual: ind.name,
            }),
          );
        }
      }
      // HZ403: 编制规划数 1家, a count of documents in a unit for enterprises.
      if (ind.target && ind.target.unit !== null && (name.endsWith('数') || name.endsWith('数量')) && DOCUMENT_NAME.test(name)) {
        const unit = unitKey(ind.target.unit);
        if (unit && NOT_DOCUMENT_UNIT.test(unit)) {
          const at = ind.target.at[0];
          facts.unitsThatDoNotFit.push(
            diag('HZ403', {
              line: at?.line ?? ind.line,
              column: at?.column ?? 0,
              path: `${taskPath}/items/${l}/indicators/${m}/target`,
              args: { name: ind.name, thing: 'documents', thingZh: '文件类（规划、方案、标准等）', unit },
              expected: null,
              actual: ind.target.text.trim(),
            }),
          );
        }
      }
      // HZ404: the same unmet indicator under two sub-items of one task. Specific names only (完成数 is too
      // generic to say two rows are one), and unmet figures only.
      const rate = ind.rate?.value ?? null;
      if (name.length < 4 || rate === null || rate >= 100 || !ind.target || !ind.current) return;
      const key = `${name}|${normalizeText(ind.target.text)}|${normalizeText(ind.current.text)}`;
      seen ??= new Map();
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { item: l, ind, path: `${taskPath}/items/${l}/indicators/${m}` });
        return;
      }
      if (first.item === l) return;
      // Reported at the first occurrence (where a reader meets it), naming the repeat.
      const at = first.ind.at.name[0];
      facts.countedTwice.push(
        diag('HZ404', {
          line: at?.line ?? first.ind.line,
          column: at?.column ?? 0,
          path: first.path,
          args: {
            name: ind.name,
            target: ind.target.text.trim(),
            current: ind.current.text.trim(),
            rate: ind.rate?.text.trim() ?? '',
            otherLine: ind.line,
          },
          expected: null,
          actual: ind.name,
        }),
      );
    });
    if (itemFacts) itemFacts.figures = figures!;
  });
  names.clear();
}

const NO_FIGURES: Packed = [];
const NO_BIGRAMS: SectionBigrams = { grams: new Int32Array(0), slots: new Int32Array(0) };

const sameText = (a: string, b: string) => a === b || normalizeText(a) === normalizeText(b);

function rateText(r: Figure | null): string {
  return r?.text.trim() || '—';
}

/** Two figures agree when both are written with the same value (73.1% = 73.10%) or the same text. */
function sameRate(a: Figure | null, b: Figure | null): boolean {
  if (!a || !b) return true; // a missing figure is reported elsewhere (HZ304), not as a disagreement
  if (a.value !== null && b.value !== null) return Math.abs(a.value - b.value) < 1e-9;
  return sameText(a.text, b.text);
}

function sameQuantity(a: Figure | null, b: Figure | null): boolean {
  if (!a || !b) return true;
  if (a.value !== null && b.value !== null) return Math.abs(a.value - b.value) < 1e-9 * Math.max(1, Math.abs(a.value));
  return sameText(a.text, b.text);
}

/** HZ401 over all sections: restated sub-items, then restated whole tasks. */
function restatements(sections: SectionFacts[], pool: Bigrams): Diagnostic[] {
  const out: Diagnostic[] = [];
  const items: ItemFacts[] = [];
  for (const s of sections) for (const it of s.items) items.push(it);
  const spread = sections.length ? sections[sections.length - 1]!.index + 1 : 1;

  // Each item is paired with the earlier item of another section that it is most like, if similar enough;
  // when several items of one section pick the same earlier item, only the most similar keeps it (so 杭嘉… and
  // 杭绍…一体化示范区建设方案, 0.87 alike, pair with their exact twins, not with each other).
  // Candidates come from an inverted index of the rare bigrams (in at most RARE_DF items): an item is looked up
  // by a few of its rare bigrams only (a restatement shares most of its bigrams, so it shares rare ones), which
  // keeps common ones (建设, 完成) from making the candidate lists quadratic. The score of equal descriptions is
  // their Dice coefficient, 1.
  const { df, size } = pool;
  const start = new Int32Array(size + 1);
  for (let s = 0; s < size; s++) start[s + 1] = start[s]! + (df[s]! <= RARE_DF ? df[s]! : 0);
  const fill = new Int32Array(size);
  const index = new Int32Array(start[size]!);
  const stamp = new Int32Array(items.length);
  const chosen = new Map<number, { n: number; m: number; score: number }>();
  for (let n = 0; n < items.length; n++) {
    const ref = items[n]!;
    const { slotsFrom, slotsTo } = ref;
    const { grams, slots } = ref.bigrams;
    let rare = 0;
    for (let s = slotsFrom; s < slotsTo; s++) if (df[slots[s]!]! <= RARE_DF) rare++;
    // spread over the text, so that a reworded start or end does not hide the restatement
    const picks = Math.min(rare, RARE_GRAMS);
    let topM = -1;
    let topScore = 0;
    for (let s = slotsFrom, r = 0, p = 0; s < slotsTo && p < picks; s++) {
      const slot = slots[s]!;
      if (df[slot]! > RARE_DF) continue;
      const want = rare > RARE_GRAMS ? Math.floor((p * rare) / RARE_GRAMS) : p;
      if (r++ !== want) continue;
      p++;
      for (let q = start[slot]!, end = q + fill[slot]!; q < end; q++) {
        const m = index[q]!;
        if (stamp[m] === n + 1) continue;
        stamp[m] = n + 1;
        const cand = items[m]!;
        if (cand.sectionIndex === ref.sectionIndex) continue;
        const score = dice(grams, ref.gramsFrom, ref.gramsTo, cand.bigrams.grams, cand.gramsFrom, cand.gramsTo);
        if (score > topScore || (score === topScore && m < topM)) {
          topM = m;
          topScore = score;
        }
      }
    }
    if (topScore >= SIMILAR) {
      const key = topM * spread + ref.sectionIndex;
      const prev = chosen.get(key);
      if (!prev || topScore > prev.score) chosen.set(key, { n, m: topM, score: topScore });
    }
    for (let s = slotsFrom; s < slotsTo; s++) {
      const slot = slots[s]!;
      if (df[slot]! <= RARE_DF) index[start[slot]! + fill[slot]!++] = n;
    }
  }
  const matches = [...chosen.values()].sort((a, b) => a.n - b.n);

  const tasksPaired = new Map<TaskFacts, { other: TaskFacts; count: number }>();
  for (const { n, m } of matches) {
    const earlier = items[m]!;
    const later = items[n]!;
    compareItems(out, earlier, later);
    const p = tasksPaired.get(later.task);
    if (p && p.other === earlier.task) p.count++;
    else if (!p) tasksPaired.set(later.task, { other: earlier.task, count: 1 });
  }

  // A whole task restated: every item matched, same number of items on both sides. Then the task rates must
  // agree; a difference is reported at the side whose own arithmetic fails, else at the restatement.
  for (const [task, p] of tasksPaired) {
    if (p.count !== task.items || p.other.items !== task.items) continue;
    if (sameRate(task.rate, p.other.rate)) continue;
    const atEarlier = p.other.rate?.bad === true && task.rate?.bad !== true;
    const [here, there] = atEarlier ? [p.other, task] : [task, p.other];
    // here.rate is set: rates that differ are both written
    out.push(
      diag('HZ401', {
        line: here.rate!.line,
        column: here.rate!.column,
        path: `${here.path}/rate`,
        args: {
          otherSection: there.section,
          otherNo: there.no ?? '?',
          otherLine: there.rate!.line,
          field: 'task rate',
          fieldZh: '重点工作完成率',
          actual: rateText(here.rate),
          expected: rateText(there.rate),
        },
        expected: rateText(there.rate),
        actual: rateText(here.rate),
      }),
    );
  }
  return out;
}

/**
 * Compare a restated item with the item it restates: item rate, and each indicator's target, current value and
 * rate (indicators matched by name, in order). A difference is reported once, at the side whose own arithmetic
 * fails (where the wrong figure most likely is), else at the restatement.
 */
function compareItems(out: Diagnostic[], earlier: ItemFacts, later: ItemFacts): void {
  const paths = [`${earlier.task.path}/items/${earlier.l}`, `${later.task.path}/items/${later.l}`] as const;
  // Figures that differ are both written (a missing one is never a difference), so both have a place.
  const report = (
    atEarlier: boolean,
    suffix: [earlier: string, later: string],
    figures: [earlier: Figure | null, later: Figure | null],
    field: string,
    fieldZh: string,
    texts: [earlier: string, later: string],
  ) => {
    const k = atEarlier ? 0 : 1;
    const other = atEarlier ? later : earlier;
    const at = figures[k]!;
    const actual = texts[k];
    const expected = texts[1 - k]!;
    out.push(
      diag('HZ401', {
        line: at.line,
        column: at.column,
        path: paths[k] + suffix[k],
        args: {
          otherSection: other.task.section,
          otherNo: other.task.no ?? '?',
          otherLine: other.line,
          field,
          fieldZh,
          actual,
          expected,
        },
        expected,
        actual,
      }),
    );
  };

  const bad = (r: Figure | null) => r?.bad === true;
  const e = unpackFigures(earlier.figures);
  const l = unpackFigures(later.figures);
  if (!sameRate(l.rate, e.rate)) {
    report(bad(e.rate) && !bad(l.rate), ['/rate', '/rate'], [e.rate, l.rate], 'item rate', '细化项目完成率', [
      rateText(e.rate),
      rateText(l.rate),
    ]);
  }
  // Indicators by name; a name used twice in an item is compared in order.
  const theirs = e.indicators;
  let used: boolean[] | undefined;
  for (const ind of l.indicators) {
    let n = -1;
    for (let o = 0; o < theirs.length; o++) {
      if (theirs[o]!.norm === ind.norm && !used?.[o]) {
        n = o;
        break;
      }
    }
    if (n < 0) continue;
    (used ??= [])[n] = true;
    const other = theirs[n]!;
    const atEarlier = bad(other.rate) && !bad(ind.rate);
    const bases = [`/indicators/${other.m}`, `/indicators/${ind.m}`] as const;
    if (!sameQuantity(other.target, ind.target)) {
      report(
        atEarlier,
        [`${bases[0]}/target`, `${bases[1]}/target`],
        [other.target, ind.target],
        `target of "${ind.name}"`,
        `“${ind.name}”的目标值`,
        [other.target?.text.trim() ?? '—', ind.target?.text.trim() ?? '—'],
      );
    }
    if (!sameQuantity(other.current, ind.current)) {
      report(
        atEarlier,
        [`${bases[0]}/current`, `${bases[1]}/current`],
        [other.current, ind.current],
        `current value of "${ind.name}"`,
        `“${ind.name}”的当前值`,
        [other.current?.text.trim() ?? '—', ind.current?.text.trim() ?? '—'],
      );
    }
    if (!sameRate(ind.rate, other.rate)) {
      report(
        atEarlier,
        [`${bases[0]}/rate`, `${bases[1]}/rate`],
        [other.rate, ind.rate],
        `rate of "${ind.name}"`,
        `“${ind.name}”的完成率`,
        [rateText(other.rate), rateText(ind.rate)],
      );
    }
  }
}
