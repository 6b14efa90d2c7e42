// Findings about what the values and the text say, one task at a time (called from the checker's task step):
// an item's description promising another figure than its indicator (HZ213), a ceiling whose target is written
// as a percentage while the text gives it as a rate without one (HZ214), a task with no account of the work at
// all (HZ309). Each rule is about the values and the words around them, never about a line of one report.
import type { Diagnostic, Indicator, Quantity, Task } from './model.js';
import { diag } from './diagnostics.js';
import { commonValues, halfWidth, unitKind } from './quantity.js';
import { normalizeText } from './check.js';

/** A quantity written in prose: 5 个, 75公里, 0.23, 35个以上. */
interface ProseQuantity {
  value: number;
  /** As the indicator's unit would be written (magnitude applied to value), null for a bare number. */
  unit: string | null;
  percent: boolean;
  /** What the prose says, as written (number, magnitude, unit). */
  text: string;
  /** Offsets of the quantity in the (half-width) description. */
  from: number;
  to: number;
  /** Bounds written around it: 'min' (以上, 不少于, 超过), 'max' (以内, 控制在, 不超过…) or null. */
  bound: 'min' | 'max' | null;
  /** What it measures (unitKind: count, money, area, percent…), null for a bare number. */
  kind: string | null;
}

// Units and measure words prose writes after a number, longest first (so that 平方公里 is not 平方 + 公里).
const UNITS = [
  '平方公里',
  '平方千米',
  '个百分点',
  '平方米',
  '立方米',
  '公里',
  '千米',
  '公顷',
  '公斤',
  '千克',
  '千瓦',
  '人次',
  '户次',
  '家次',
  '场次',
  '车次',
  '架次',
  '小时',
  '万元',
  '亿元',
  '元',
  '亩',
  '米',
  '吨',
  '斤',
  '个',
  '家',
  '项',
  '条',
  '座',
  '所',
  '场',
  '次',
  '人',
  '名',
  '户',
  '套',
  '辆',
  '台',
  '件',
  '篇',
  '部',
  '张',
  '批',
  '处',
  '只',
  '头',
  '艘',
  '架',
  '栋',
  '幢',
  '间',
  '床',
  '份',
  '册',
  '本',
  '支',
  '组',
  '类',
  '种',
  '块',
  '片',
  '段',
  '宗',
  '例',
  '起',
  '单',
  '道',
  '门',
  '位',
  '届',
  '期',
  '轮',
  '枚',
  '根',
  '棵',
  '株',
  '盏',
  '节',
  '层',
  '方',
  '天',
  '周',
  '倍',
  '%',
  '‰',
].sort((a, b) => b.length - a.length);
/** Units by their first character, longest first: a unit is looked up at one position, with no pattern. */
const UNITS_BY_FIRST = new Map<number, string[]>();
for (const u of UNITS) {
  const list = UNITS_BY_FIRST.get(u.charCodeAt(0));
  if (list) list.push(u);
  else UNITS_BY_FIRST.set(u.charCodeAt(0), [u]);
}
const MAGNITUDE: Record<string, number> = { 万亿: 1e12, 百万: 1e6, 千万: 1e7, 万: 1e4, 亿: 1e8, 千: 1e3 };
// After the number: a date (2021年, 6月, 30日), an ordinal or code (4号线, 5G), a range (2-3条), a list number (1.).
const NOT_A_QUANTITY_AFTER = /^\s*(?:年|月|日|号|时|点|期|级|[A-Za-z]|[-~～至到—]\s*\d|\.(?!\d)|、|\))/;
const RANGE_BEFORE = /[-~～至到—]\s*$/;
const MIN_BEFORE = /(?:不少于|不低于|(?<!不)超过|至少|(?<!不)突破|达到?)\s*$/;
const MAX_BEFORE = /(?:控制在|不超过|不突破|不高于|(?<!不)低于|(?<!不)小于|以内|≤|<|＜)\s*$/;
const MIN_AFTER = /^\s*(?:以上|余|多)/;
const MAX_AFTER = /^\s*(?:以内|以下)/;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0xa0;
// Before a number, what makes it part of something else: a longer number, a code (A1), an ordinal (第5批).
const isGlued = (c: number) =>
  isDigit(c) || c === 0x2e || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x7b2c; /* 第 */

/** The magnitude written at position i (万亿, 百万, 千万, 万, 亿, 千 but not 千米/千克/千瓦), or ''. */
function magnitudeAt(s: string, i: number): string {
  const c = s[i];
  if (c === '万') return s[i + 1] === '亿' ? '万亿' : '万';
  if (c === '亿') return '亿';
  if ((c === '百' || c === '千') && s[i + 1] === '万') return c + '万';
  if (c === '千' && !'米克瓦'.includes(s[i + 1] ?? '米')) return '千';
  return '';
}

function unitAt(s: string, i: number): string | undefined {
  const list = UNITS_BY_FIRST.get(s.charCodeAt(i));
  if (list) for (const u of list) if (s.startsWith(u, i)) return u;
  return undefined;
}

const ANY_DIGIT = /[0-9\uFF10-\uFF19]/;
const NUMBER_G = /\d+(?:\.\d+)?/g;
const FULL_WIDTH_FIGURE = /[\uFF05\uFF0E\uFF10-\uFF19]/;
const NONE: ProseQuantity[] = [];

/** The quantities written in a description, in order (dates, ordinals, codes and ranges left out). */
export function proseQuantities(description: string): ProseQuantity[] {
  return readDescription(description).quantities;
}

/**
 * A description as the rules read it: its text (full-width figures made half-width, one character for one, so
 * offsets hold) and its quantities. Most descriptions have no full-width figure and are taken as they are.
 */
function readDescription(description: string): { text: string; quantities: ProseQuantity[] } {
  if (!ANY_DIGIT.test(description)) return { text: description, quantities: NONE };
  const s = FULL_WIDTH_FIGURE.test(description) ? halfWidth(description) : description;
  const out: ProseQuantity[] = [];
  // Numbers are found by a native search: the check runs mostly in V8's baseline tiers (tune.ts), where a
  // loop over every character costs more than the rest of this put together.
  NUMBER_G.lastIndex = 0;
  for (let m = NUMBER_G.exec(s); m; m = NUMBER_G.exec(s)) {
    const from = m.index;
    const i = from + m[0].length;
    if (from > 0 && isGlued(s.charCodeAt(from - 1))) continue;
    if (s.charCodeAt(i) === 0x2e && isDigit(s.charCodeAt(i + 1))) continue; // 1.2.3: a version or a section number
    const digits = s.slice(from, i);
    let j = i;
    while (isSpace(s.charCodeAt(j))) j++;
    const mag = magnitudeAt(s, j);
    if (mag) j += mag.length;
    let k = j;
    while (isSpace(s.charCodeAt(k))) k++;
    const unit = unitAt(s, k);
    const to = unit !== undefined ? k + unit.length : mag ? j : i;
    const after = s.slice(to, to + 6);
    if (unit === undefined && mag === '' && NOT_A_QUANTITY_AFTER.test(after)) continue;
    if (unit === undefined && digits.length === 4 && (digits.startsWith('19') || digits.startsWith('20'))) continue; // a year
    const before = s.slice(Math.max(0, from - 5), from);
    if (RANGE_BEFORE.test(before)) continue;
    if (unit === '个百分点') continue; // a change in percentage points, not a percentage
    let value = Number(digits);
    let u = unit ?? null;
    // 万元/亿元 read as a magnitude and 元 (as the indicator's parser does)
    if (u === '万元' || u === '亿元') {
      value *= MAGNITUDE[u[0]!]!;
      u = '元';
    }
    if (mag) value = Number((value * MAGNITUDE[mag]!).toPrecision(15));
    const bound =
      MAX_BEFORE.test(before) || MAX_AFTER.test(after) ? 'max' : MIN_BEFORE.test(before) || MIN_AFTER.test(after) ? 'min' : null;
    out.push({
      value,
      unit: u,
      percent: u === '%',
      text: s.slice(from, to),
      from,
      to,
      bound,
      kind: u === null ? null : unitKind({ unit: u, percent: u === '%' }),
    });
    NUMBER_G.lastIndex = to;
  }
  return { text: s, quantities: out };
}

/** Clause ends: punctuation of either width, and line breaks. */
function isClauseEnd(c: number): boolean {
  switch (c) {
    case 0xff0c: // ，
    case 0x3002: // 。
    case 0xff1b: // ；
    case 0x3b: // ;
    case 0x2c: // ,
    case 0x3a: // :
    case 0xff1a: // ：
    case 0xff01: // ！
    case 0xff1f: // ？
    case 0x21:
    case 0x3f:
    case 0x3001: // 、
    case 0x0a:
      return true;
    default:
      return false;
  }
}

/** Where the clause of s around [from, to) starts and ends: at the nearest punctuation on either side. */
function clauseStart(s: string, from: number): number {
  let a = from;
  while (a > 0 && !isClauseEnd(s.charCodeAt(a - 1))) a--;
  return a;
}
function clauseEnd(s: string, to: number): number {
  let b = to;
  while (b < s.length && !isClauseEnd(s.charCodeAt(b))) b++;
  return b;
}
function clauseAround(s: string, from: number, to: number): string {
  return s.slice(clauseStart(s, from), clauseEnd(s, to));
}

// What an indicator name ends with that says "how many", not what: 创新应用数 → 创新应用.
const COUNTING_SUFFIX = /(?:个数|总数|数量|数目|数|量|率)$/;
const DIGITS_G = /\d+/g;

/** A name without white space, punctuation, symbols or digits (normalizeText, table-driven, then digits). */
function bareName(name: string): string {
  const n = normalizeText(name);
  return DIGIT.test(n) ? n.replace(DIGITS_G, '') : n;
}

/** The head noun of a bare name: its last two characters once the counting suffix is gone, or null. */
function headOf(bare: string): string | null {
  const n = bare.replace(COUNTING_SUFFIX, '');
  return n.length >= 2 ? n.slice(-2) : null;
}

/** The head noun of an indicator name (创新应用数 → 应用), or null. */
export function nameHead(name: string): string | null {
  return headOf(bareName(name));
}

/** A name as the rules compare it: its distinct character pairs (punctuation, symbols and digits dropped), and its head noun. */
interface NameFacts {
  pairs: string[];
  head: string | null;
}

function nameFacts(name: string): NameFacts {
  const norm = bareName(name);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < norm.length; i++) {
    const pair = norm.slice(i, i + 2);
    if (!pairs.includes(pair)) pairs.push(pair);
  }
  return { pairs, head: headOf(norm) };
}

/** How many of the name's pairs the text holds between from and to. */
function sharedPairs(pairs: readonly string[], text: string, from: number, to: number): number {
  let n = 0;
  for (let i = 0; i < pairs.length; i++) {
    const at = text.indexOf(pairs[i]!, from);
    if (at >= 0 && at + 2 <= to) n++;
  }
  return n;
}

/**
 * Whether the clause around a quantity is the one of the text that speaks of the indicator: it holds the name's
 * head noun, and no other clause shares more of the name (协调推进6家省级“未来工厂”培育企业建设 is not the clause
 * of “聚能工厂”“链主工厂”…培育企业数 when a later clause names those).
 */
function namesIt(name: NameFacts, text: string, p: ProseQuantity): boolean {
  if (name.head === null) return false;
  const a0 = clauseStart(text, p.from);
  const b0 = clauseEnd(text, p.to);
  const h = text.indexOf(name.head, a0);
  if (h < 0 || h + name.head.length > b0) return false;
  const here = sharedPairs(name.pairs, text, a0, b0);
  for (let a = 0; a < text.length;) {
    const b = clauseEnd(text, a);
    if (b - a > 1 && a !== a0 && sharedPairs(name.pairs, text, a, b) > here) return false;
    a = b + 1;
  }
  return true;
}

const DIGIT = /\d/;
const MAX_QUANTITIES = 6;
// How many character pairs of the name a clause must share to name the indicator clearly among several figures.
const CLEAR_PAIRS = 4;

/** Of several quantities of one kind, the one whose clause shares the most of the name, and clearly so; else null. */
function clearestFor(name: NameFacts, text: string, quantities: readonly ProseQuantity[], kind: string): ProseQuantity | null {
  let best: ProseQuantity | null = null;
  let top = 0;
  let tie = false;
  for (const p of quantities) {
    if (p.kind !== kind) continue;
    const n = sharedPairs(name.pairs, text, clauseStart(text, p.from), clauseEnd(text, p.to));
    if (n > top) {
      best = p;
      top = n;
      tie = false;
    } else if (n === top) tie = true;
  }
  return tie || top < CLEAR_PAIRS ? null : best;
}

const asQuantity = (p: ProseQuantity): Quantity => ({
  text: p.text,
  value: p.value,
  unit: p.percent ? '%' : p.unit,
  percent: p.percent,
  note: null,
  at: [],
});

/** Context for a message: the clause, shortened around the quantity. */
function context(s: string, p: ProseQuantity): string {
  const clause = clauseAround(s, p.from, p.to);
  return clause.length <= 40 ? clause.trim() : s.slice(Math.max(0, p.from - 16), Math.min(s.length, p.to + 16)).trim();
}

/**
 * HZ213: the item's description states a quantity for the same thing as the indicator, and it is another figure
 * (5 个 against a target of 4个) or the same figure in another measure word (100 个 against 100 座). Only where
 * they clearly refer to one count: the indicator name's head noun stands in the quantity's clause and no other
 * clause shares more of the name, and the description holds one quantity of the indicator's kind (a count, money,
 * an area, a percentage…), or a few of which only that clause names the indicator clearly. A bound in the text
 * (35个以上, 不超过…) that the target respects is no contradiction.
 */
function promisedFigure(
  ind: Indicator,
  siblings: readonly Indicator[],
  text: string,
  quantities: readonly ProseQuantity[],
): { said: ProseQuantity; why: 'value' | 'unit' } | null {
  const target = ind.target;
  if (!target || target.value === null || target.note !== null || ind.ceiling) return null;
  const kind = unitKind(target);
  if (kind === null || kind === 'rate' || kind === 'time') return null;
  let said: ProseQuantity | null = null;
  let count = 0;
  for (const p of quantities) {
    if (p.kind !== kind) continue;
    count++;
    said = p;
  }
  if (!said) return null;
  const name = nameFacts(ind.name);
  // Several quantities of this kind: only the one whose clause alone names the indicator clearly (a name that
  // holds a figure itself, 42 项工作清单完成数, says too little about which).
  if (count > 1) said = count <= MAX_QUANTITIES && !DIGIT.test(ind.name) ? clearestFor(name, text, quantities, kind) : null;
  if (!said || !namesIt(name, text, said)) return null;
  // Another indicator of the item has the figure the text gives: the text speaks of that one.
  for (const other of siblings) {
    if (other === ind || !other.target || other.target.value === null) continue;
    const c = commonValues(asQuantity(said), other.target);
    if (c.ok && Math.abs(c.a - c.b) <= 1e-9 * Math.max(1, Math.abs(c.b))) return null;
  }
  const cmp = commonValues(asQuantity(said), target);
  if (cmp.ok) {
    const [a, b] = [cmp.a, cmp.b];
    if (Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))) return null;
    if (said.bound === 'min' && b >= a) return null;
    if (said.bound === 'max' && b <= a) return null;
    return { said, why: 'value' };
  }
  // Same number in another measure word of the same kind.
  if (kind === 'count' && Math.abs(said.value - target.value) <= 1e-9 * Math.max(1, Math.abs(target.value)))
    return { said, why: 'unit' };
  return null;
}

/**
 * HZ214: a ceiling whose target is a percentage while its item's description, in the clause that names it, gives
 * the ceiling as a bare number under a bound (死亡率控制在0.23以内 against 0.23%): a rate per unit (per 万台, per
 * 百亿元产值) written as a percentage, or a percentage the text does not state.
 */
function ceilingForm(ind: Indicator, text: string, quantities: readonly ProseQuantity[]): ProseQuantity | null {
  const target = ind.target;
  if (!ind.ceiling || !target || !target.percent || target.value === null) return null;
  let name: NameFacts | undefined;
  for (const p of quantities) {
    if (p.unit !== null || p.bound !== 'max') continue;
    if (namesIt((name ??= nameFacts(ind.name)), text, p)) return p;
  }
  return null;
}

const isBlankText = (xs: readonly string[]) => xs.every((x) => x.trim() === '');

/**
 * Tasks without any account (HZ309), kept until the report is done: a layout without the highlight and
 * next-step columns (no task has either) gives none, rather than one per task.
 */
export interface Accounts {
  /** Some task of the report has highlights or next steps. */
  seen: boolean;
  missing: Diagnostic[];
}

/** The HZ309 findings of a report: none when no task has an account at all. */
export function tasksWithoutAccount(accounts: Accounts): Diagnostic[] {
  return accounts.seen ? accounts.missing : [];
}

/** The value findings of one task, at its JSON pointer, appended to out (HZ309 to accounts). */
export function checkTaskValues(task: Task, taskPath: string, out: Diagnostic[], accounts: Accounts): void {
  // HZ309: neither highlights nor problems and next steps, in any row of the task.
  if (isBlankText(task.highlights) && isBlankText(task.nextSteps)) {
    const at = task.at.description[0] ?? task.at.no[0];
    accounts.missing.push(
      diag('HZ309', {
        line: at?.line ?? task.lines.start,
        column: at?.column ?? 0,
        path: taskPath,
        args: {},
        expected: null,
        actual: null,
      }),
    );
  } else accounts.seen = true;
  const items = task.items;
  for (let l = 0; l < items.length; l++) {
    const item = items[l]!;
    if (item.indicators.length === 0 || item.description === '') continue;
    let quantities: ProseQuantity[] | undefined;
    let text = '';
    for (let m = 0; m < item.indicators.length; m++) {
      const ind = item.indicators[m]!;
      if (!ind.target || ind.target.value === null) continue;
      if (!quantities) {
        ({ text, quantities } = readDescription(item.description));
        if (quantities.length === 0) break;
      }
      const path = `${taskPath}/items/${l}/indicators/${m}/target`;
      const where = ind.target.at[0] ?? { line: ind.line, column: 0 };
      const ceiling = ceilingForm(ind, text, quantities);
      if (ceiling) {
        const args = { name: ind.name, target: ind.target.text.trim(), said: ceiling.text, context: context(text, ceiling) };
        out.push(
          diag('HZ214', { line: where.line, column: where.column, path, args, expected: ceiling.text, actual: args.target }),
        );
        continue;
      }
      const promised = promisedFigure(ind, item.indicators, text, quantities);
      if (promised) {
        const { said, why } = promised;
        const what =
          why === 'value'
            ? { what: 'another figure', whatZh: '另一个数' }
            : { what: 'the same number in another unit', whatZh: '同一数字但单位不同' };
        const args = { name: ind.name, target: ind.target.text.trim(), said: said.text, context: context(text, said), ...what };
        out.push(diag('HZ213', { line: where.line, column: where.column, path, args, expected: said.text, actual: args.target }));
      }
    }
  }
}
