// Schedule status (序时进度): the reporting period read from the report's title or date line, the progress
// expected by then (months elapsed / 12), and for every task, item and indicator whether it is done, on
// schedule or behind. A stage after recompute: it reads the written and recomputed rates, changes neither.
// See docs/schedule.md.
import type { Indicator, Item, Period, Rate, Schedule, ScheduleStatus, Task } from './model.js';

export type { Period, Schedule, ScheduleStatus };

export const STATUS_EN: Record<ScheduleStatus, Schedule['statusEn']> = {
  已完成: 'done',
  达进度: 'on-schedule',
  欠进度: 'behind',
  未知: 'unknown',
};
export const STATUSES: readonly ScheduleStatus[] = ['已完成', '达进度', '欠进度', '未知'];

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 3, 三, 十一, 12 → a number (1..12), else null. */
function monthNumber(s: string): number | null {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^十([一二])$/.exec(s);
  if (m) return 10 + CN_DIGITS[m[1]!]!;
  return CN_DIGITS[s] ?? null;
}

const NUM = '(\\d{1,2}|十[一二]|[一二两三四五六七八九十])';
// Cumulative periods as reports name them, most specific first. Quarters and halves count from January.
const RANGE = new RegExp(`${NUM}[-—–~～至到]${NUM}月`);
const QUARTER = new RegExp(`(?:前|第)?([一二三四1-4])季度`);
const UNTIL_MONTH = new RegExp(`(?:截至|截止|至)?${NUM}月(?:份|底|末)`);
const UNTIL_MONTH_STRICT = new RegExp(`(?:截至|截止)${NUM}月`);

/** The months (1..12) a period text covers from January, or null when it names none. */
export function monthsOf(text: string): number | null {
  const t = text.replace(/\s+/g, '');
  const range = RANGE.exec(t);
  if (range) {
    const end = monthNumber(range[2]!);
    if (end !== null && end >= 1 && end <= 12) return end;
  }
  const q = QUARTER.exec(t);
  if (q) return 3 * (monthNumber(q[1]!) ?? 0) || null;
  if (/上半年|半年/.test(t) && !/下半年/.test(t)) return 6;
  if (/下半年|全年|年度|年终|年底|年末/.test(t)) return 12;
  const until = UNTIL_MONTH_STRICT.exec(t) ?? UNTIL_MONTH.exec(t);
  if (until) {
    const m = monthNumber(until[1]!);
    if (m !== null && m >= 1 && m <= 12) return m;
  }
  return null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Q1, H1, Q3, FY for quarter ends; else 2021-11 (or M11 without a year). */
export function periodCode(months: number, year: number | null): string {
  if (months === 6) return 'H1';
  if (months === 12) return 'FY';
  if (months % 3 === 0) return `Q${months / 3}`;
  return year ? `${year}-${String(months).padStart(2, '0')}` : `M${months}`;
}

const yearOf = (text: string | null): number | null => {
  const m = /((?:19|20)\d{2})\s*年/.exec(text ?? '');
  return m ? Number(m[1]) : null;
};

function make(months: number, year: number | null, from: Period['from'], text: string): Period {
  return { code: periodCode(months, year), months, year, expected: round2((months / 12) * 100), from, text };
}

/** A bare publication date, 2021 年 10 月: the report covers the months before it. */
const PUBLISHED = /^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?\s*$/;

/**
 * The period from the title, else from the date line: a period it names (三季度, 1-11月, 截至9月底), else
 * a bare publication month, taken as the months before it (a third-quarter report comes out in October).
 */
export function derivePeriod(title: string | null, date: string | null): Period | null {
  const year = yearOf(title) ?? yearOf(date);
  for (const [text, from] of [
    [title, 'title'],
    [date, 'date'],
  ] as const) {
    if (!text) continue;
    const months = monthsOf(text);
    if (months !== null) return make(months, year, from, text);
  }
  const pub = PUBLISHED.exec(date ?? '');
  if (pub) {
    const month = Number(pub[2]);
    if (month >= 1 && month <= 12)
      return make(month === 1 ? 12 : month - 1, month === 1 ? Number(pub[1]) - 1 : Number(pub[1]), 'date-published', date!);
  }
  return null;
}

/** What the user asks for: --period (Q3, H1, FY, 2021-11, M11, 1-11月, 三季度…) and/or --expected (percent). */
export interface PeriodOption {
  period?: string;
  expected?: number;
}

/** `--period` text → months and year, or null when it names no period. */
export function parsePeriodOption(text: string): { months: number; year: number | null } | null {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^Q([1-4])$/i.exec(t))) return { months: 3 * Number(m[1]), year: null };
  if ((m = /^H([12])$/i.exec(t))) return { months: 6 * Number(m[1]), year: null };
  if (/^(FY|Y|year)$/i.test(t)) return { months: 12, year: null };
  if ((m = /^((?:19|20)\d{2})-(\d{1,2})$/.exec(t)) && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    return { months: Number(m[2]), year: Number(m[1]) };
  if ((m = /^M?(\d{1,2})$/i.exec(t)) && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { months: Number(m[1]), year: null };
  if ((m = /^1-(\d{1,2})$/.exec(t)) && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { months: Number(m[1]), year: null };
  const months = monthsOf(t);
  return months === null ? null : { months, year: yearOf(t) };
}

/** The report's period: the options override what the title or date line says. */
export function resolvePeriod(title: string | null, date: string | null, option: PeriodOption = {}): Period | null {
  let period = derivePeriod(title, date);
  if (option.period !== undefined) {
    const p = parsePeriodOption(option.period);
    // The CLI refuses such a value before compiling; a library caller hears of it too.
    if (!p) throw new RangeError(`not a reporting period: "${option.period}" (Q1-Q4, H1, FY, 2021-11, 1-11月, 三季度…)`);
    period = make(p.months, p.year ?? period?.year ?? null, 'option', `--period ${option.period}`);
  }
  if (option.expected !== undefined) {
    if (!(option.expected > 0 && option.expected <= 100))
      throw new RangeError(`expected progress must be above 0 and at most 100 (got ${option.expected})`);
    const text = `--expected ${option.expected}`;
    period = period
      ? {
          ...period,
          expected: option.expected,
          from: 'option',
          text: option.period !== undefined ? `${period.text} ${text}` : text,
        }
      : { code: null, months: null, year: null, expected: option.expected, from: 'option', text };
  }
  return period;
}

/** The rate a status is judged by: the written one unless the figures contradict it (then the recomputed one). */
export function usableRate(rate: Rate | null | undefined): { value: number | null; basis: Schedule['basis'] } {
  if (!rate) return { value: null, basis: null };
  const c = rate.computed;
  if (c?.status === 'mismatch' && c.value !== null) return { value: c.value, basis: 'recomputed' };
  if (c?.status === 'not-reported')
    return c.value !== null ? { value: c.value, basis: 'recomputed' } : { value: null, basis: null };
  if (rate.value !== null) return { value: rate.value, basis: 'written' };
  return { value: null, basis: null };
}

function status(value: number | null, expected: number | null): ScheduleStatus {
  if (value === null) return '未知';
  const v = round2(value);
  if (v >= 100) return '已完成';
  if (expected === null) return '未知';
  return v >= expected ? '达进度' : '欠进度';
}

function schedule(expected: number | null, s: ScheduleStatus, value: number | null, basis: Schedule['basis']): Schedule {
  return { expected, status: s, statusEn: STATUS_EN[s], value, basis };
}

/** A rate's status against the expected progress. */
export function rateSchedule(rate: Rate | null | undefined, expected: number | null): Schedule {
  const { value, basis } = usableRate(rate);
  return schedule(expected, status(value, expected), value, basis);
}

/**
 * A ceiling (lower is better) is kept or exceeded, whatever the time of year: exceeded is behind; kept is
 * on schedule, and done only once the whole year is reported. The judgement is recompute's (met = 100).
 */
export function indicatorSchedule(ind: Indicator, expected: number | null): Schedule {
  if (!ind.ceiling) return rateSchedule(ind.rate, expected);
  const judged = ind.rate?.computed?.value ?? null;
  if (judged === null) return schedule(expected, '未知', null, null);
  const s: ScheduleStatus = judged < 100 ? '欠进度' : expected !== null && expected >= 100 ? '已完成' : '达进度';
  return schedule(expected, s, judged, 'ceiling');
}

/** Fill task.schedule, and each item's and indicator's. */
export function scheduleTask(task: Task, expected: number | null): void {
  task.schedule = rateSchedule(task.rate, expected);
  for (const item of task.items) scheduleItem(item, expected);
}

function scheduleItem(item: Item, expected: number | null): void {
  item.schedule = rateSchedule(item.rate, expected);
  for (const ind of item.indicators) ind.schedule = indicatorSchedule(ind, expected);
}
