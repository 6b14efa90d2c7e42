// Target and current values (数值及单位 / 当前值): number, CJK magnitude, unit, qualifiers, annotations.
// The text is kept exactly as written; a value is only ever read from digits that are there.
import type { Location, Quantity } from './model.js';

// Most texts hold nothing a normalisation step would change: each step first makes a cheap test
// (one scan by a compiled pattern, or a character search) and only then rewrites.
const FULL_OR_IDEOGRAPHIC_SPACE = /[\uFF01-\uFF5E\u3000]/;
const FULL_WIDTH_G = /[\uFF01-\uFF5E]/g;
const IDEOGRAPHIC_SPACE_G = /\u3000/g;
const toHalf = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/** Full-width ASCII (０-９, ％, ．, （）, ，…) to half-width; ideographic space to space. */
export function halfWidth(s: string): string {
  if (!FULL_OR_IDEOGRAPHIC_SPACE.test(s)) return s;
  return s.replace(FULL_WIDTH_G, toHalf).replace(IDEOGRAPHIC_SPACE_G, ' ');
}

const TAG_G = /<[^>]*>/g;
const NBSP_ENTITY_G = /&nbsp;/g;
const SPACE = /\s/;
const SPACES_G = /\s+/g;
// thousands separators: 1,200 / 12,700.5 (a comma followed by exactly three digits)
const THOUSANDS_G = /(\d),(?=\d{3}(?!\d))/g;

/** Text as the grammar reads it: half-width, no HTML tags, no white space, no thousands commas. */
export function normalizeValueText(text: string): string {
  let s = halfWidth(text);
  if (s.includes('<')) s = s.replace(TAG_G, ' ');
  if (s.includes('&nbsp;')) s = s.replace(NBSP_ENTITY_G, ' ');
  if (SPACE.test(s)) s = s.replace(SPACES_G, '');
  if (s.includes(',')) s = s.replace(THOUSANDS_G, '$1');
  return s;
}

// Magnitude characters, by code: 十 百 千 万 亿.
const SHI = 0x5341;
const BAI = 0x767e;
const QIAN = 0x5343;
const WAN = 0x4e07;
const YI = 0x4ebf;
function magnitude(code: number): number {
  return code === WAN ? 1e4 : code === YI ? 1e8 : code === QIAN ? 1e3 : code === BAI ? 100 : code === SHI ? 10 : 0;
}
// 千 before these is a metric prefix of the unit (千米 km, 千克 kg, 千瓦 kW…), not a magnitude.
const METRIC_AFTER_QIAN = '米克瓦伏卡帕焦赫';

// Words written before or after a value that bound it rather than being the unit.
// Longest first, so that 不低于 is not read as 不 + 低于 and <= not as < + =.
const PREFIX_WORDS = [
  '不少于',
  '不低于',
  '不超过',
  '不高于',
  '不多于',
  '控制在',
  '超过',
  '达到',
  '力争',
  '增长',
  '提高',
  '提升',
  '下降',
  '减少',
  '新增',
  '累计',
  '全年',
  '年均',
  '低于',
  '高于',
  '少于',
  '小于',
  '大于',
  '约',
  '超',
  '≤',
  '≥',
  '<=',
  '>=',
  '<',
  '>',
  '＜',
  '＞',
].sort((x, y) => y.length - x.length);
/** Codes a prefix word starts with: text starting otherwise (a digit, mostly) has none. */
const PREFIX_START = new Uint8Array(0x10000);
for (const w of PREFIX_WORDS) PREFIX_START[w.charCodeAt(0)] = 1;
const NUMBER_AT = /[+-]?[\d.]/y;
const SUFFIX_WORDS = ['及以上', '以上', '以内', '以下', '左右', '余'];
/** The suffix word s continues with at position at, if any (first in SUFFIX_WORDS order). */
function suffixAt(s: string, at: number): string | undefined {
  for (let i = 0; i < SUFFIX_WORDS.length; i++) if (s.startsWith(SUFFIX_WORDS[i]!, at)) return SUFFIX_WORDS[i];
  return undefined;
}
// Written between the number (and its magnitude) and the unit: 3万余人, 10多项.
const APPROX = /^(余|多)/;
const LETTER_START = /^[\p{L}]/u;
// A calendar date rather than a quantity: 2021年, 6月底, 12月31日, 9月前.
const DATE = /^(?:(19|20)\d\d年|\d{1,2}月(?:底|末|份|前|中旬|上旬|下旬|\d{1,2}日)|\d{1,2}月$)/;
// Bracketed content or trailing words that annotate the value instead of qualifying the unit.
const ANNOTATION = /待|未|暂|预计|预估|核算|认定|统计|截至|截止|累计|年底|月底|含|不含|无|注/;
// The one-character words of ANNOTATION, by code (what it can find in a single character).
const ANNOTATION_CHAR = '待未暂含无注';
const NUMBER = /^([+-]?)(\d+(?:\.\d+)?|\.\d+)/;
const WHOLE_BRACKETS = /^[(\[]([^()\[\]]*)[)\]]$/;
const BRACKETS_AT = /[(\[]([^()\[\]]*)[)\]]/y;
const RANGE = /^[-~～至到]\d/;
const UNIT_CHAR = /^[\p{L}/·°℃‰]/u;
const UNIT_CHAR_AT = /[\p{L}/·°℃‰]/uy;
const BRACKETS_G = /[(\[]([^()\[\]]*)[)\]]/g;

interface Split {
  value: number;
  rest: string;
}

function readNumber(s: string): Split | null {
  const m = NUMBER.exec(s);
  if (!m) return null;
  const v = Number(m[2]);
  if (!Number.isFinite(v)) return null;
  return { value: m[1] === '-' ? -v : v, rest: s.slice(m[0].length) };
}

/** Leading magnitude characters (万, 亿, 千, 万亿, 百万, 千万): factor and where the rest starts (end). */
function readMagnitude(rest: string): { factor: number; end: number } {
  let factor = 1;
  let i = 0;
  while (i < rest.length) {
    const c = rest.charCodeAt(i);
    const f = magnitude(c);
    if (f === 0) break;
    const after = i + 1 < rest.length ? rest.charCodeAt(i + 1) : -1;
    // 十/百 only as part of a compound magnitude (百万, 十万亿); alone they are words (百分点).
    if ((c === SHI || c === BAI) && after !== QIAN && after !== WAN && after !== YI) break;
    if (c === QIAN && after >= 0 && METRIC_AFTER_QIAN.includes(String.fromCharCode(after))) break;
    // 万 in 万人口 as the whole unit's denominator is handled by the caller (per-unit units start after a '/').
    factor *= f;
    i++;
  }
  return { factor, end: i };
}

function stripBrackets(s: string): { inner: string[]; outside: string } {
  const inner: string[] = [];
  if (!s.includes('(') && !s.includes('[')) return { inner, outside: s };
  const outside = s.replace(BRACKETS_G, (_, x: string) => {
    inner.push(x);
    return '';
  });
  return { inner, outside };
}

/** Whether a unit character (a letter, /, ·, °, ℃, ‰) stands at position at. */
function unitCharAt(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  // A sticky Unicode pattern may step back into a surrogate pair: test those on the slice, as written.
  if (c >= 0xd800 && c <= 0xdfff) return UNIT_CHAR.test(s.slice(at));
  UNIT_CHAR_AT.lastIndex = at;
  return UNIT_CHAR_AT.test(s);
}

/**
 * Parse a target or current value as written. Grammar (after half-width/space/comma normalisation):
 *   [annotation-only]            （待年底核算）            → value null, note
 *   [prefix] number [%]          98% / 不低于95%           → percent
 *   [prefix] number [magnitude] [unit] [(qualifier)] [suffix] [(annotation) | annotation-word]
 * Magnitudes (万 亿 千, compounds 万亿 百万 千万) multiply the value; the unit is what follows
 * (万吨/天 → 吨/天; in 件/万人口 the 万 belongs to the denominator and stays in the unit).
 */
export function parseQuantity(text: string, at: Location[]): Quantity {
  // Reports repeat their figures (100%, 1个, 0…): a reading is made once per distinct text.
  const known = QUANTITIES.get(text);
  if (known !== undefined) return { text, value: known.value, unit: known.unit, percent: known.percent, note: known.note, at };
  const q = readQuantity(text, at);
  if (QUANTITIES.size >= CACHE_LIMIT) QUANTITIES.clear();
  QUANTITIES.set(text, { value: q.value, unit: q.unit, percent: q.percent, note: q.note });
  return q;
}

type Reading = Pick<Quantity, 'value' | 'unit' | 'percent' | 'note'>;
const QUANTITIES = new Map<string, Reading>();
const CACHE_LIMIT = 4096;

function readQuantity(text: string, at: Location[]): Quantity {
  const q: Quantity = { text, value: null, unit: null, percent: false, note: null, at };
  let s = normalizeValueText(text);
  if (s === '') {
    q.note = 'empty';
    return q;
  }
  const notes: string[] = [];

  // Whole cell in brackets: an annotation with no value.
  const first = s.charCodeAt(0);
  const whole = first === 0x28 || first === 0x5b ? WHOLE_BRACKETS.exec(s) : null;
  if (whole) {
    q.note = whole[1]!.trim() || 'empty brackets';
    return q;
  }

  // Bounding words before the number.
  for (let again = PREFIX_START[first] === 1; again;) {
    again = false;
    for (let i = 0; i < PREFIX_WORDS.length; i++) {
      const w = PREFIX_WORDS[i]!;
      if (!s.startsWith(w)) continue;
      NUMBER_AT.lastIndex = w.length;
      if (NUMBER_AT.test(s)) {
        notes.push(w);
        s = s.slice(w.length);
        again = PREFIX_START[s.charCodeAt(0)] === 1;
        break;
      }
    }
  }

  if (DATE.test(s)) {
    q.note = 'a date, not a quantity';
    return q;
  }
  const num = readNumber(s);
  if (!num) {
    q.note = 'no number written';
    return q;
  }
  let rest = num.rest;

  // A range (1-2个, 3~5家) is not one value.
  if (RANGE.test(rest)) {
    q.note = 'a range, not one value';
    return q;
  }

  if (rest.charCodeAt(0) === 0x25 /* % */) {
    q.value = num.value;
    q.percent = true;
    q.unit = '%';
    rest = rest.slice(1);
  } else {
    const mag = readMagnitude(rest);
    if (mag.end > 0) rest = rest.slice(mag.end);
    q.value = scale(num.value, mag.factor);
    if (!Number.isFinite(q.value)) {
      // 10^308 and more (with its 万, 亿…) is past what a double holds: no value rather than Infinity or NaN.
      q.value = null;
      q.note = 'too large to compute with';
      return q;
    }
    const approx = APPROX.exec(rest);
    if (approx && LETTER_START.test(rest.slice(1))) {
      notes.push(approx[1]!);
      rest = rest.slice(1);
    }
    // Unit: everything up to an annotation; bracket groups that qualify the unit stay in it.
    let unit = '';
    let at = 0;
    while (at < rest.length) {
      const c = rest.charCodeAt(at);
      if (c === 0x28 || c === 0x5b) {
        BRACKETS_AT.lastIndex = at;
        const m = BRACKETS_AT.exec(rest);
        if (m) {
          const inner = m[1]!;
          if (ANNOTATION.test(inner) || inner.length > 12) break;
          unit += `(${inner})`;
          at = BRACKETS_AT.lastIndex;
          continue;
        }
      }
      if (suffixAt(rest, at) !== undefined) break;
      if (unit === '' && ANNOTATION_CHAR.includes(rest[at]!)) break;
      if (unitCharAt(rest, at)) {
        unit += rest[at];
        at++;
        continue;
      }
      break;
    }
    if (at > 0) rest = rest.slice(at);
    q.unit = unit === '' ? null : unit;
  }

  // Bounding words after the value, then annotations.
  for (let again = true; again && rest.length;) {
    again = false;
    const w = suffixAt(rest, 0);
    if (w !== undefined) {
      notes.push(w);
      rest = rest.slice(w.length);
      again = true;
    }
  }
  if (rest.length) {
    const { inner, outside } = stripBrackets(rest);
    for (let i = 0; i < inner.length; i++) {
      const x = inner[i]!.trim();
      if (x) notes.push(x);
    }
    const o = outside.trim();
    if (o) notes.push(o);
  }
  q.note = notes.length ? notes.join('；') : null;
  return q;
}

/** value × factor without binary noise (1.91 × 10^4 = 19100, not 19099.999…). */
function scale(value: number, factor: number): number {
  if (factor === 1) return value;
  return Number((value * factor).toPrecision(15));
}

/** The unit as compared: brackets are qualifiers (家(次) ~ 家次 ~ (次)); a bracket-only unit compares by its content. */
export function unitKey(unit: string | null): string | null {
  if (unit === null) return null;
  if (!unit.includes('(') && !unit.includes('[')) return unit === '' ? null : unit;
  const { inner, outside } = stripBrackets(unit);
  if (outside !== '') return outside;
  return inner.join('') || null;
}

// Units of one dimension written differently: each maps to a base unit and a factor (5公里 against 4800米).
// A Map: the key is a unit as written in the report ("constructor" must not find Object's).
const CONVERSIONS = new Map<string, [base: string, factor: number]>(
  Object.entries({
    公里: ['米', 1000],
    千米: ['米', 1000],
    km: ['米', 1000],
    米: ['米', 1],
    m: ['米', 1],
    平方公里: ['平方米', 1e6],
    平方千米: ['平方米', 1e6],
    公顷: ['平方米', 1e4],
    平方米: ['平方米', 1],
    立方米: ['立方米', 1],
    方: ['立方米', 1],
    吨: ['克', 1e6],
    公斤: ['克', 1000],
    千克: ['克', 1000],
    斤: ['克', 500],
    克: ['克', 1],
  } satisfies Record<string, [string, number]>),
);

function base(key: string): [string, number] {
  return CONVERSIONS.get(key) ?? [key, 1];
}

/**
 * The two values in one unit, when they can be divided (see comparable): a bare side takes the other's unit,
 * converted units are brought to their base (5公里 and 4800米 → 5000 and 4800).
 */
export function commonValues(a: Quantity, b: Quantity): { ok: true; a: number; b: number } | { ok: false; reason: string } {
  if (a.value === null || b.value === null) return { ok: false, reason: 'not numeric' };
  const ka = a.percent ? '%' : unitKey(a.unit);
  const kb = b.percent ? '%' : unitKey(b.unit);
  const c = comparableKeys(a, b, ka, kb);
  if (!c.ok) return c;
  if (ka === null || kb === null || ka === kb) return divisible(a.value!, b.value!);
  const [ba, fa] = base(ka);
  const [bb, fb] = base(kb);
  if (ba === bb && (fa !== 1 || fb !== 1)) return divisible(scale(a.value!, fa), scale(b.value!, fb));
  return divisible(a.value!, b.value!);
}

// Largest ratio either way: its percentage, rounded at any precision, stays a finite number.
const MAX_RATIO = 1e250;

/** Two values whose ratio, either way, can be computed with and printed (10^305 against 1 cannot). */
function divisible(a: number, b: number): { ok: true; a: number; b: number } | { ok: false; reason: string } {
  if (
    !Number.isFinite(a) ||
    !Number.isFinite(b) ||
    (a !== 0 && b !== 0 && !(Math.abs(a / b) < MAX_RATIO && Math.abs(b / a) < MAX_RATIO))
  ) {
    return { ok: false, reason: 'too large to compute with' };
  }
  return { ok: true, a, b };
}

/**
 * Whether target and current can be divided: both numeric, both percentages or neither, and units equal
 * after magnitudes (already applied to the values) and qualifiers are set aside. A missing unit on one side
 * is taken to be the other side's unit (the report often writes the current value bare: 20万吨 against 0).
 */
export function comparable(a: Quantity, b: Quantity): { ok: true } | { ok: false; reason: string } {
  if (a.value === null || b.value === null) return { ok: false, reason: 'not numeric' };
  return comparableKeys(a, b, a.percent ? '%' : unitKey(a.unit), b.percent ? '%' : unitKey(b.unit));
}

/** comparable, for two numeric values whose unit keys (ka, kb) are known. */
function comparableKeys(
  a: Quantity,
  b: Quantity,
  ka: string | null,
  kb: string | null,
): { ok: true } | { ok: false; reason: string } {
  // A bare number takes the other side's unit, percent included (100% against 100, 0.23% against 0).
  if (ka === null || kb === null || ka === kb) return { ok: true };
  if (a.percent !== b.percent) return { ok: false, reason: 'percentage against a count' };
  if (base(ka)[0] === base(kb)[0]) return { ok: true };
  // 14个区(县、市、功能区) against 1个: a measure word against the same measure word with its noun.
  if (ka.startsWith(kb) || kb.startsWith(ka)) return { ok: true };
  // 场(次) against (次), 家次 against 家(次): one unit's qualifier is the other's whole unit, or they match bracketless.
  const flat = (u: string) => u.replace(/[()\[\]]/g, '');
  if (flat(a.unit!) === flat(b.unit!)) return { ok: true };
  const qa = stripBrackets(a.unit!).inner.join('');
  const qb = stripBrackets(b.unit!).inner.join('');
  if ((qa && qa === kb) || (qb && qb === ka)) return { ok: true };
  return { ok: false, reason: `unit ${a.unit} against ${b.unit}` };
}

/** current / target in percent, when comparable; null otherwise. 0.5万套 against 6200套 → 124. */
export function percentOf(current: Quantity, target: Quantity): number | null {
  const v = commonValues(current, target);
  if (!v.ok || v.b === 0) return null;
  const pct = (v.a / v.b) * 100;
  return Number.isFinite(pct) ? pct : null; // 1e308 / 0.001: past a double
}

// What a unit measures, for telling a count (个, 家, 条(段)) from a length, an area, money…
const KINDS: [kind: string, unit: RegExp][] = [
  ['rate', /\//],
  ['money', /元$/],
  ['area', /(平方米|平方公里|平方千米|亩|公顷)$/],
  ['volume', /(立方米|立方|方|升)$/],
  ['length', /(公里|千米|米)$/],
  ['mass', /(吨|斤|公斤|千克|克)$/],
  ['time', /^(天|小时|分钟|年|个月|月)$/],
];

/** The kind of quantity a value measures: percent, money, area, volume, length, mass, time, rate, count; null when no unit is written. */
export function unitKind(q: Pick<Quantity, 'unit' | 'percent'>): string | null {
  if (q.percent) return 'percent';
  const key = unitKey(q.unit);
  if (key === null) return null;
  for (let i = 0; i < KINDS.length; i++) if (KINDS[i]![1].test(key)) return KINDS[i]![0];
  return 'count';
}

// Bounding words a note may hold (不少于, 以上, 余…): they qualify the number, they are not remarks on it.
const BOUNDS = new Set<string>([...PREFIX_WORDS, ...SUFFIX_WORDS, '多']);
// The parser's own explanations of a value with no number (see readQuantity).
const NO_NUMBER = 'no number written';
// A cell that stands for a figure without being one: a dash, a slash, 无, 暂无, 待定…
const PLACEHOLDER = /^(?:[-—–_/\\.·…~～]+|无|暂无|待定|未定|空|不适用|n\/?a)$/i;
const LETTER = /\p{L}/u;
// Remarks that say the figure is not final: pending accounting, not yet recognised or confirmed, estimated.
const NOT_FINAL = /待|核算|预计|预估|暂|尚未|未(?:认定|确认|公布|统计|核定|审定|出|到|定)|不详|不明/;

/** A remark written in a value cell instead of, or beside, its number. */
export interface Remark {
  /** The remark as written (bracket content, trailing words, or the whole placeholder). */
  text: string;
  /** beside a number (0(省厅未认定)); alone, with no number (（待年底核算）); a placeholder standing for one (—, /, 无). */
  form: 'beside' | 'alone' | 'placeholder';
  /** The figure is not final (pending, not recognised, estimated) or absent (alone, placeholder): the rate cannot be verified. */
  notFinal: boolean;
}

/**
 * The remark a target or current value carries, if any: 0(省厅未认定), 0（待年底核算）, 0无, —, /, 无, （待年底核算）.
 * Bounding words (不少于, 以上, 约…) are not remarks; text that is no number for another reason (a date, a range,
 * a word) is not one either. The number part, where there is one, is q.value as parsed.
 */
export function remarkOf(q: Pick<Quantity, 'text' | 'value' | 'note'>): Remark | null {
  if (q.note === null) return null;
  if (q.value === null) {
    const s = normalizeValueText(q.text);
    if (s === '') return null;
    // Matched on the normalized text, shown as written (a full-width ／ stays ／ in the message).
    const written = asWritten(q.text);
    const whole = WHOLE_BRACKETS.exec(s);
    if (whole) {
      const inner = whole[1]!.trim();
      return inner === '' ? null : { text: written.slice(1, -1).trim(), form: 'alone', notFinal: true };
    }
    if (q.note !== NO_NUMBER) return null;
    if (PLACEHOLDER.test(s)) return { text: written, form: 'placeholder', notFinal: true };
    if (ANNOTATION.test(s)) return { text: written, form: 'alone', notFinal: true };
    return null;
  }
  let text = '';
  for (const part of q.note.split('；')) if (part !== '' && !BOUNDS.has(part)) text += (text ? '；' : '') + part;
  // Stray punctuation left by a cut cell (146.) is no remark: a remark says something.
  if (text === '' || !LETTER.test(text)) return null;
  return { text, form: 'beside', notFinal: NOT_FINAL.test(text) };
}

/** A cell's text as written, without markup and with its spaces collapsed. */
function asWritten(text: string): string {
  let s = text;
  if (s.includes('<')) s = s.replace(TAG_G, ' ');
  if (s.includes('&nbsp;')) s = s.replace(NBSP_ENTITY_G, ' ');
  return s.replace(SPACES_G, ' ').trim();
}

/** The magnitude written after a value's number (万 → 10^4, 亿 → 10^8, 万亿…), 1 for none or a percentage. */
export function writtenMagnitude(q: Pick<Quantity, 'text' | 'value' | 'percent'>): number {
  if (q.value === null || q.percent) return 1;
  const s = normalizeValueText(q.text);
  let i = 0;
  while (i < s.length && !(s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) && s[i] !== '.') i++;
  const num = readNumber(s.slice(i));
  if (!num) return 1;
  return readMagnitude(num.rest).factor;
}

/** White space of \s at or above U+00A0. */
export function isOtherSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
