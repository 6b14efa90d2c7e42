// Damage generators on real blocks of the seed report, and the properties every compilation
// must keep. Shared by test/property.test.ts (a few hundred cases in CI) and scripts/fuzz.ts
// (tens of thousands). A case is a plain, shrinkable plan: which blocks of the seed to take and
// which damage to do, with every choice an integer taken modulo the candidates available, so a
// shrunk counterexample reads as "block 12, cut row 3 at 40" and replays with replayCase().
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { compile } from '../src/compile.js';
import { InputError } from '../src/diagnostics.js';
import { validateReport } from '../src/validate.js';
import type { Report } from '../src/model.js';
import { applyHostile, hostileArb, type Hostile } from './hostile.js';

export const SEED_PATH = new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url);

// ---------------------------------------------------------------------------------------------
// The seed as preamble lines and page blocks (each: two header lines, then rows).

export interface Block {
  header: [string[], string[]];
  rows: string[][];
}

export interface Seed {
  text: string;
  preamble: string[];
  blocks: Block[];
}

let seed: Seed | undefined;

export function loadSeed(): Seed {
  if (seed) return seed;
  const text = readFileSync(SEED_PATH, 'utf8');
  const lines = text.split(/\r\n|\r|\n/);
  const first = lines.findIndex((l) => l.startsWith('序号\t'));
  const preamble = lines.slice(0, first);
  while (preamble.length && preamble[preamble.length - 1]!.trim() === '') preamble.pop();
  const blocks: Block[] = [];
  let cur: string[][] = [];
  const flush = () => {
    if (cur.length >= 2) blocks.push({ header: [cur[0]!, cur[1]!], rows: cur.slice(2) });
    cur = [];
  };
  for (const line of lines.slice(first)) {
    if (line.trim() === '') flush();
    else cur.push(line.split('\t'));
  }
  flush();
  seed = { text, preamble, blocks };
  return seed;
}

// ---------------------------------------------------------------------------------------------
// A document under damage: lines of cells. Blank lines separate blocks.

export type Line = { kind: 'pre' | 'blank' | 'header' | 'row'; cells: string[] };

function window(s: Seed, start: number, count: number, preamble: boolean): Line[] {
  const out: Line[] = [];
  if (preamble) for (const p of s.preamble) out.push({ kind: p.trim() === '' ? 'blank' : 'pre', cells: [p] });
  const from = start % s.blocks.length;
  for (const b of s.blocks.slice(from, from + count)) {
    if (out.length) out.push({ kind: 'blank', cells: [''] });
    out.push({ kind: 'header', cells: [...b.header[0]] }, { kind: 'header', cells: [...b.header[1]] });
    for (const r of b.rows) out.push({ kind: 'row', cells: [...r] });
  }
  return out;
}

const empty = (c: string | undefined): boolean => c === undefined || c.trim() === '';
const pick = <T>(xs: T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);
const rowsOf = (doc: Line[]): number[] => doc.flatMap((l, i) => (l.kind === 'row' ? [i] : []));

/** Structural damage, as in the real extraction (docs/format.md, "Extraction damage"). */
export type Op =
  | { op: 'shiftLeft'; row: number; by: number; keepWidth: boolean }
  | { op: 'shiftRight'; row: number; at: number; by: number; keepWidth: boolean }
  | { op: 'cut'; cell: number; at: number }
  | { op: 'moveItem'; item: number; up: boolean }
  | { op: 'blank'; at: number; count: number }
  | { op: 'trailing'; row: number; ws: string };

/** Drop leading empty cells: the row slides left. */
function shiftLeft(doc: Line[], o: Extract<Op, { op: 'shiftLeft' }>): void {
  const cands = rowsOf(doc).filter((i) => {
    const c = doc[i]!.cells;
    const k = c.findIndex((x) => !empty(x));
    return k >= 1;
  });
  const i = pick(cands, o.row);
  if (i === undefined) return;
  const cells = doc[i]!.cells;
  const lead = cells.findIndex((x) => !empty(x));
  const by = 1 + (o.by % lead);
  cells.splice(0, by);
  if (o.keepWidth) cells.push(...Array<string>(by).fill(''));
}

/** Insert empty cells somewhere before the last non-empty cell: the rest slides right. */
function shiftRight(doc: Line[], o: Extract<Op, { op: 'shiftRight' }>): void {
  const i = pick(rowsOf(doc), o.row);
  if (i === undefined) return;
  const cells = doc[i]!.cells;
  let last = cells.length - 1;
  while (last > 0 && empty(cells[last])) last--;
  const at = o.at % (last + 1);
  const by = 1 + (o.by % 4);
  cells.splice(at, 0, ...Array<string>(by).fill(''));
  // Keep the field count when the row has that many trailing empty fields to give.
  if (o.keepWidth) for (let k = 0; k < by && cells.length && cells[cells.length - 1] === ''; k++) cells.pop();
}

/** Positions where a cell may be cut: not inside a tag or an entity, not in a surrogate pair,
 * and leaving visible text on both sides. */
function cutPoints(s: string): number[] {
  const out: number[] = [];
  let inTag = false;
  let inEntity = false;
  for (let k = 0; k < s.length; k++) {
    const ch = s[k]!;
    if (ch === '<') inTag = true;
    if (ch === '&') inEntity = true;
    if (k > 0 && !inTag && !inEntity && !/[\udc00-\udfff]/.test(ch)) out.push(k);
    if (ch === '>') inTag = false;
    if (ch === ';' || ch === ' ') inEntity = false;
  }
  const visible = (t: string) => t.replace(/<[^>]*>/g, '').trim() !== '';
  return out.filter((k) => visible(s.slice(0, k)) && visible(s.slice(k)));
}

/**
 * A page break inside a cell: the block ends after the row, a new block starts (blank line and
 * the same two header lines) and the cell's tail sits in the same field of the first row after
 * the header: the next row's, when that field is empty there, else a row of its own.
 */
function cut(doc: Line[], o: Extract<Op, { op: 'cut' }>): void {
  const cands: [number, number][] = [];
  for (const i of rowsOf(doc)) doc[i]!.cells.forEach((c, f) => c.length >= 6 && cands.push([i, f]));
  const target = pick(cands, o.cell);
  if (!target) return;
  const [i, f] = target;
  const cells = doc[i]!.cells;
  const points = cutPoints(cells[f]!);
  const at = pick(points, o.at);
  if (at === undefined) return;
  // The two header lines of this block (an earlier blank op may have split them).
  const header = doc
    .slice(0, i)
    .filter((l) => l.kind === 'header')
    .slice(-2);
  if (header.length < 2) return;
  const tail = cells[f]!.slice(at);
  cells[f] = cells[f]!.slice(0, at);
  const next = doc[i + 1];
  const insert: Line[] = [{ kind: 'blank', cells: [''] }, ...header.map((l) => ({ kind: l.kind, cells: [...l.cells] }))];
  if (next && next.kind === 'row' && empty(next.cells[f])) {
    while (next.cells.length <= f) next.cells.push('');
    next.cells[f] = tail;
  } else {
    const row = Array<string>(Math.max(cells.length, f + 1)).fill('');
    row[f] = tail;
    insert.push({ kind: 'row', cells: row });
  }
  doc.splice(i + 1, 0, ...insert);
}

/** Rows in canonical position (12 fields, task columns 0-2, item 3-4, indicator 5-8). */
const canonical = (l: Line | undefined): boolean => !!l && l.kind === 'row' && l.cells.length === 12;
const startsTask = (l: Line): boolean => !empty(l.cells[0]) || !empty(l.cells[1]) || !empty(l.cells[2]);

/**
 * Move an item's description and rate (fields 3-4) one row up or down, into a row of the same
 * task whose item fields are empty: the misplaced merged-cell text of docs/format.md.
 */
function moveItem(doc: Line[], o: Extract<Op, { op: 'moveItem' }>): void {
  const cands = rowsOf(doc).filter((i) => {
    const l = doc[i]!;
    const t = doc[o.up ? i - 1 : i + 1];
    if (!canonical(l) || !canonical(t) || (empty(l.cells[3]) && empty(l.cells[4]))) return false;
    if (!empty(t!.cells[3]) || !empty(t!.cells[4])) return false;
    // Stay inside the task: moving down, the next row must not start a task; moving up, this one must not.
    return o.up ? !startsTask(l) : !startsTask(t!);
  });
  const i = pick(cands, o.item);
  if (i === undefined) return;
  const from = doc[i]!.cells;
  const to = doc[o.up ? i - 1 : i + 1]!.cells;
  [to[3], to[4], from[3], from[4]] = [from[3]!, from[4]!, '', ''];
}

function blank(doc: Line[], o: Extract<Op, { op: 'blank' }>): void {
  const at = o.at % (doc.length + 1);
  doc.splice(at, 0, ...Array.from({ length: 1 + (o.count % 3) }, () => ({ kind: 'blank' as const, cells: [''] })));
}

function trailing(doc: Line[], o: Extract<Op, { op: 'trailing' }>): void {
  const i = pick(rowsOf(doc), o.row);
  if (i === undefined) return;
  const cells = doc[i]!.cells;
  const ws = o.ws.split('');
  // Spaces go on the last field; tabs make new empty fields.
  for (const ch of ws) {
    if (ch === '\t') cells.push('');
    else cells[cells.length - 1] += ch;
  }
}

export function applyOp(doc: Line[], o: Op): void {
  switch (o.op) {
    case 'shiftLeft':
      return shiftLeft(doc, o);
    case 'shiftRight':
      return shiftRight(doc, o);
    case 'cut':
      return cut(doc, o);
    case 'moveItem':
      return moveItem(doc, o);
    case 'blank':
      return blank(doc, o);
    case 'trailing':
      return trailing(doc, o);
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting-only damage: must not change the tree.

export type LineEnd = 'lf' | 'crlf' | 'cr' | 'mixed';
export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le-bom' | 'utf-16be-bom' | 'utf-16le';
export const ENCODINGS: Encoding[] = ['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le'];

export interface Formatting {
  lineEnd: LineEnd;
  /** Trailing white space per line, cycled over the lines ('' = none). */
  trailing: string[];
  /** Blank lines added next to existing blank lines (block separators) or at either end. */
  blanks: { at: number; count: number }[];
  encoding: Encoding;
}

export const PLAIN: Formatting = { lineEnd: 'lf', trailing: [], blanks: [], encoding: 'utf-8' };

export interface Rendered {
  text: string;
  bytes: Uint8Array;
  /** Physical line (1-based) in this rendering of each line of the undamaged-format rendering. */
  lineMap: (line: number) => number;
}

export function render(doc: Line[], fmt: Formatting = PLAIN): Rendered {
  const lines = doc.map((l) => l.cells.join('\t'));
  // Blank lines go before an existing blank line, or at the very start or end.
  const slots = [0, lines.length, ...doc.flatMap((l, i) => (l.kind === 'blank' ? [i] : []))];
  const extra = new Map<number, number>();
  for (const b of fmt.blanks) {
    const at = slots[b.at % slots.length]!;
    extra.set(at, (extra.get(at) ?? 0) + 1 + (b.count % 3));
  }
  const out: string[] = [];
  const map: number[] = [0];
  for (let i = 0; i <= lines.length; i++) {
    for (let k = 0; k < (extra.get(i) ?? 0); k++) out.push('');
    if (i === lines.length) break;
    const ws = fmt.trailing.length ? fmt.trailing[i % fmt.trailing.length]! : '';
    out.push(lines[i]! + ws);
    map.push(out.length);
  }
  const ends = { lf: ['\n'], crlf: ['\r\n'], cr: ['\r'], mixed: ['\n', '\r\n', '\r'] }[fmt.lineEnd];
  let text = '';
  let prev = '';
  out.forEach((l, i) => {
    text += l;
    if (i === out.length - 1) return;
    let end = ends[(i * 7) % ends.length]!;
    // CR then an empty line ended by LF would read as one CRLF: a different file, not a formatting.
    if (prev === '\r' && l === '' && end === '\n') end = '\r\n';
    text += end;
    prev = end;
  });
  return { text, bytes: encode(text, fmt.encoding), lineMap: (line) => map[line] ?? line };
}

export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'utf-16le-bom':
      return iconv.encode(text, 'utf-16le', { addBOM: true });
    case 'utf-16be-bom':
      return iconv.encode(text, 'utf-16be', { addBOM: true });
    case 'utf-16le':
      return iconv.encode(text, 'utf-16le');
  }
}

// ---------------------------------------------------------------------------------------------
// Cases and their arbitraries.

export interface Case {
  start: number;
  count: number;
  preamble: boolean;
  ops: Op[];
  fmt: Formatting;
  /** Hostile edits before the damage (test/hostile.ts: built-in names, deep markup, huge values). */
  hostile?: Hostile[];
}

const nat = fc.nat({ max: 10_000 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('shiftLeft' as const), row: nat, by: fc.nat({ max: 4 }), keepWidth: fc.boolean() }),
  fc.record({ op: fc.constant('shiftRight' as const), row: nat, at: nat, by: fc.nat({ max: 3 }), keepWidth: fc.boolean() }),
  fc.record({ op: fc.constant('cut' as const), cell: nat, at: nat }),
  fc.record({ op: fc.constant('moveItem' as const), item: nat, up: fc.boolean() }),
  fc.record({ op: fc.constant('blank' as const), at: nat, count: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('trailing' as const), row: nat, ws: fc.constantFrom(' ', '\t', '  ', '\t\t', ' \t', '\t ') }),
);

export const formattingArb: fc.Arbitrary<Formatting> = fc.record({
  lineEnd: fc.constantFrom<LineEnd>('lf', 'crlf', 'cr', 'mixed'),
  trailing: fc.array(fc.constantFrom('', '', ' ', '\t', '  ', '\t\t', ' \t '), { maxLength: 7 }),
  blanks: fc.array(fc.record({ at: nat, count: fc.nat({ max: 2 }) }), { maxLength: 3 }),
  encoding: fc.constantFrom(...ENCODINGS),
});

export const caseArb = (maxOps = 6): fc.Arbitrary<Case> =>
  fc.record({
    start: fc.nat({ max: 1_000 }),
    count: fc.integer({ min: 1, max: 4 }),
    preamble: fc.boolean(),
    ops: fc.array(opArb, { maxLength: maxOps }),
    fmt: formattingArb,
    hostile: fc.array(hostileArb, { maxLength: 2 }),
  });

/** The case's structurally damaged document (formatting not applied). */
export function buildDoc(c: Case): Line[] {
  const doc = window(loadSeed(), c.start, c.count, c.preamble);
  // Hostile edits first: they change text, the damage then only moves it (as with the seed's own text).
  for (const h of c.hostile ?? []) applyHostile(doc, h);
  for (const o of c.ops) applyOp(doc, o);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Properties.

/** Non-empty tab-separated fields, counted directly from the text (independent of the tokenizer). */
export function countCells(text: string): number {
  let n = 0;
  for (const line of text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) for (const f of line.split('\t')) if (f.trim() !== '') n++;
  return n;
}

export class PropertyFailure extends Error {
  override name = 'PropertyFailure';
}

function must(ok: boolean, what: string): void {
  if (!ok) throw new PropertyFailure(what);
}

/**
 * Does the case's window of the seed, before damage, hold anything a table row is made of: a
 * short cell with a figure in it (a task number, a rate, a quantity)? A window can be a lone
 * page of prose tails (lines 405, 477, 500), which the compiler may rightly refuse (HZ003).
 * Judged before damage, since damage moves text but adds no figures (a cut can leave a short
 * fragment of prose with a number in it).
 */
export function hasFigures(c: Case): boolean {
  const doc = buildDoc({ ...c, ops: [] });
  return doc.some((l) => l.kind === 'row' && l.cells.some((x) => /\d/.test(x) && x.replace(/<[^>]*>/g, '').trim().length <= 16));
}

/** Compile. Anything thrown is a failure, except HZ003 for a document without figures
 * (then undefined: nothing to check). */
export function compileOk(bytes: Uint8Array, figures = true): Report | undefined {
  try {
    return compile(bytes, { file: 'case.tsv' });
  } catch (e) {
    if (e instanceof InputError && e.code === 'HZ003' && !figures) return undefined;
    if (e instanceof InputError) throw new PropertyFailure(`usable input refused: ${e.message} [${e.code}]`);
    throw new PropertyFailure(`compile threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

/** Valid against the committed schema, and every non-empty cell accounted for. */
export function checkDocument(doc: Report, text: string): void {
  const errors = validateReport(doc);
  must(
    errors.length === 0,
    `schema: ${errors
      .slice(0, 3)
      .map((e) => `${e.pointer} ${e.message}`)
      .join('; ')}`,
  );
  const s = doc.summary;
  must(
    s.cellsSeen === s.cellsPlaced + s.cellsReported,
    `cells: seen ${s.cellsSeen} != placed ${s.cellsPlaced} + reported ${s.cellsReported}`,
  );
  const n = countCells(text);
  must(s.cellsSeen === n, `cells: summary.cellsSeen ${s.cellsSeen} != ${n} non-empty cells counted in the text`);
  const odd = doc.diagnostics.find((d) => /\b(?:NaN|Infinity)\b/.test(`${d.message} ${d.expected ?? ''} ${d.actual ?? ''}`));
  must(!odd, `a figure past arithmetic in a message: ${odd?.message.slice(0, 200)}`);
}

/** The document minus what may legitimately differ between renderings of the same report:
 * `source`, and the HZ006 note about the encoding (with its count in the summary). */
export function comparable(doc: Report): unknown {
  const dropped = doc.diagnostics.filter((d) => d.code === 'HZ006');
  const diagnostics = doc.diagnostics.filter((d) => d.code !== 'HZ006');
  const summary = { ...doc.summary };
  for (const d of dropped) summary[d.severity === 'error' ? 'errors' : d.severity === 'warning' ? 'warnings' : 'infos']--;
  const { source: _source, ...rest } = doc;
  return { ...rest, diagnostics, summary };
}

const LINE_KEYS = new Set(['line', 'start', 'end', 'endLine', 'otherLine']);

/** Rewrite every source line number in a document through `map`. Messages that embed a line
 * number are compared through their args instead. */
export function mapLines<T>(value: T, map: (line: number) => number): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'number' && key && LINE_KEYS.has(key) && v > 0) return map(v);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
      if (
        typeof o.code === 'string' &&
        o.args &&
        typeof o.message === 'string' &&
        Object.keys(o.args as object).some((k) => LINE_KEYS.has(k))
      )
        delete o.message;
      return o;
    }
    return v;
  };
  return walk(value) as T;
}

/** First path where two JSON values differ, for a readable failure. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
    return `${path || '/'}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`);
    if (d) return d;
  }
  return undefined;
}

/** Structural damage: never throws, schema-valid, every cell accounted for. */
export function checkStructural(c: Case): void {
  const doc = buildDoc(c);
  const { text, bytes } = render(doc);
  const report = compileOk(bytes, hasFigures(c));
  if (report) checkDocument(report, text);
}

/** Formatting damage on top of (possibly structurally damaged) input: the damaged rendering is
 * also a good document, and its tree is the plain rendering's, line numbers shifted by the blank
 * lines added. Checks the plain rendering as checkStructural does, so one case covers both. */
export function checkCase(c: Case): void {
  const doc = buildDoc(c);
  const plain = render(doc);
  const damaged = render(doc, c.fmt);
  const figures = hasFigures(c);
  const a = compileOk(plain.bytes, figures);
  const b = compileOk(damaged.bytes, figures);
  must(!a === !b, `formatting changed whether the input is refused [${describeFormatting(c.fmt)}]`);
  if (!a || !b) return;
  checkDocument(a, plain.text);
  checkDocument(b, damaged.text);
  const expected = mapLines(comparable(a), damaged.lineMap);
  const actual = mapLines(comparable(b), (l) => l);
  const diff = firstDifference(expected, actual);
  must(diff === undefined, `formatting changed the tree at ${diff} [${describeFormatting(c.fmt)}]`);
}

export function describeFormatting(f: Formatting): string {
  return `${f.encoding}, ${f.lineEnd}, trailing ${JSON.stringify(f.trailing)}, blanks ${JSON.stringify(f.blanks)}`;
}

/** The damaged text of a case, for a report (what a developer pastes into a file to reproduce). */
export function replayCase(c: Case): string {
  return render(buildDoc(c), c.fmt).text;
}
