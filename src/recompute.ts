// Stage 6: recompute every rate from the figures, store it beside the reported one (rate.computed) and report
// where the report contradicts itself.
//
// How the report makes its rates, and so how they are recomputed here:
//   indicator = current / target (in percent; a ceiling indicator is judged as met or not, see isCeiling);
//   item      = mean over its indicators of min(indicator rate, 100%), using each indicator's REPORTED rate where
//               one is written (the report builds item rates from its own indicator figures, so an indicator
//               error is reported once, at the indicator, not again at its item), else the recomputed one; the
//               same mean over the unrounded rates from the figures is accepted too;
//   task      = mean of its REPORTED item rates (likewise), else the recomputed ones.
// A written rate agrees when the computed value rounded or truncated to the written decimals gives it (rates.ts).
// Every written rate gets rate.computed {value, status, reason}; every disagreement a diagnostic with the cell's
// line and column, a JSON pointer to the rate, and expected/actual.
import type { ComputedRate, Diagnostic, Indicator, Item, Location, Quantity, Rate, Report, Section, Task } from './model.js';
import { diag, type Args, type Code } from './diagnostics.js';
import { commonValues, isOtherSpace, remarkOf, unitKey, writtenMagnitude, type Remark } from './quantity.js';
import { agrees, cappedMean, formatPercent, mean } from './rates.js';

type Level = 'indicator' | 'item' | 'task';

// Lower is better. Names: mortality, unemployment, incidence, accident and crime rates, pollutant concentration,
// "no … occurs". Targets: 控制在…以内, 不超过, 不高于, 以下, ≤. Units: per 万人口 rates.
const CEILING_NAME = /死亡率|病死率|失业率|发病率|感染率|事故率|发案率|犯罪率|伤亡|浓度|超标率|不发生|零发生|杜绝/;
const CEILING_TARGET = /控制在|以内|不超过|不高于|不突破|以下|(?<!不)低于|≤|<|＜/;
const CEILING_UNIT = /\/万人口/;

export function isCeiling(ind: Pick<Indicator, 'name' | 'target'>): boolean {
  if (CEILING_NAME.test(ind.name)) return true;
  const t = ind.target;
  if (t && CEILING_TARGET.test(t.text)) return true;
  if (t?.unit && CEILING_UNIT.test(t.unit)) return true;
  return false;
}

interface Ctx {
  out: Diagnostic[];
}

/** An empty rate cell, or one holding only a placeholder dash (—, -, /, 无): no rate written. */
const BLANK = /^[\s\-—–_/／\\无]*$/;
function isBlank(text: string): boolean {
  return BLANK.test(text);
}

/** Where a diagnostic points: the first source cell, else the node's line. */
function place(at: readonly Location[] | undefined, fallbackLine: number): { line: number; column: number } {
  const a = at?.[0];
  return a ? { line: a.line, column: a.column } : { line: fallbackLine, column: 0 };
}

function emit(
  ctx: Ctx,
  code: Code,
  where: { line: number; column: number },
  path: string,
  args: Args,
  expected?: string | null,
  actual?: string | null,
): void {
  ctx.out.push(diag(code, { line: where.line, column: where.column, path, args, expected, actual }));
}

const LEVEL_ZH: Record<Level, string> = { indicator: '指标', item: '细化项目', task: '重点工作' };

const SPACES_G = /\s+/g;
function quantityText(q: Quantity): string {
  const t = q.text;
  return isClean(t) ? t : t.replace(SPACES_G, ' ').trim();
}

/**
 * Whether quantityText leaves a text as it is: no white space other than a plain space, no two spaces, no space
 * at either end (what /[^\S ]| {2}|^ | $/ finds; a loop over a figure's few characters costs less than the test).
 */
function isClean(t: string): boolean {
  const n = t.length;
  if (n === 0) return true;
  if (t.charCodeAt(0) === 32 || t.charCodeAt(n - 1) === 32) return false;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 32) {
      if (t.charCodeAt(i + 1) === 32) return false;
    } else if (c < 0x21 ? c >= 9 && c <= 13 : c >= 0xa0 && isOtherSpace(c)) return false;
  }
  return true;
}

/**
 * Judge a written rate against a computed one: consistent, or a mismatch (HZ204 when the written figure says
 * 100% and the figures give 0, or 0% where the target is met; else the level's mismatch code).
 */
function judge(
  ctx: Ctx,
  level: Level,
  rate: Rate,
  computed: number,
  path: string,
  fallbackLine: number,
  detail: Args,
  reason: string,
): ComputedRate {
  const written = rate.value!;
  const decimals = rate.decimals ?? 0;
  if (agrees(computed, written, decimals)) return { value: computed, status: 'consistent', reason };
  const expected = formatPercent(computed, Math.max(2, decimals));
  const where = place(rate.at, fallbackLine);
  const full = (x: number) => agrees(x, 100, 0) || x >= 100;
  const zero = (x: number) => Math.abs(x) < 1e-9;
  if ((written === 100 && zero(computed)) || (zero(written) && full(computed))) {
    emit(
      ctx,
      'HZ204',
      where,
      path,
      { level, levelZh: LEVEL_ZH[level], actual: rate.text, expected, ...detail },
      expected,
      rate.text,
    );
  } else {
    const code: Code = level === 'indicator' ? 'HZ201' : level === 'item' ? 'HZ202' : 'HZ203';
    emit(ctx, code, where, path, { actual: rate.text, expected, ...detail }, expected, rate.text);
  }
  return { value: computed, status: 'mismatch', reason };
}

/** A reason in both languages: en is stored in rate.computed.reason, both fill the message. */
interface Reason {
  en: string;
  zh: string;
}

function notComputable(
  ctx: Ctx,
  rate: Rate | null,
  reason: Reason,
  where: { line: number; column: number },
  path: string,
  code: Code = 'HZ206',
  args: Args = {},
): ComputedRate {
  emit(ctx, code, where, path, { reason: reason.en, reasonZh: reason.zh, ...args }, null, rate?.text ?? null);
  return { value: null, status: 'not-computable', reason: reason.en };
}

const ROLE_ZH = { target: '目标值', current: '当前值' } as const;

/** Why a quantity gives no number. */
function whyNotNumeric(role: 'target' | 'current', q: Quantity | null | undefined): Reason | null {
  const zh = ROLE_ZH[role];
  if (!q || q.text.trim() === '') return { en: `no ${role} written`, zh: `未填写${zh}` };
  if (q.value !== null) return null;
  const text = quantityText(q);
  if (q.note && q.note !== 'no number written')
    return { en: `${role} "${text}" is not a number (${q.note})`, zh: `${zh}“${text}”不是数值（${q.note}）` };
  return { en: `${role} "${text}" is not a number`, zh: `${zh}“${text}”不是数值` };
}

const ROLE_EN = { target: 'target', current: 'current value' } as const;
const MAGNITUDE_WORDS: Record<number, string> = { 1e3: '千', 1e4: '万', 1e6: '百万', 1e7: '千万', 1e8: '亿', 1e12: '万亿' };

/** A number as a finding shows it: at most four decimals, no binary noise. */
function shown(v: number): string {
  return String(Number(v.toFixed(4)));
}

/** The number part of a value as a finding shows it: number, magnitude, unit (3万人, 98%, 0). */
function numberPart(q: Quantity): string {
  const m = writtenMagnitude(q);
  return `${shown(q.value! / m)}${m > 1 ? (MAGNITUDE_WORDS[m] ?? '') : ''}${q.percent ? '%' : (q.unit ?? '')}`;
}

const FIGURE_ROLES = ['target', 'current'] as const;

/**
 * HZ212 for a target or current that carries a remark or is a placeholder. Returns the first value whose remark
 * says the figure is not final (or that has no number at all), which makes the rate unverifiable.
 */
function remarks(ctx: Ctx, ind: Indicator, path: string): { role: 'target' | 'current'; q: Quantity; remark: Remark } | null {
  let notFinal: { role: 'target' | 'current'; q: Quantity; remark: Remark } | null = null;
  for (let r = 0; r < FIGURE_ROLES.length; r++) {
    const role = FIGURE_ROLES[r]!;
    const q = ind[role];
    if (!q || q.note === null) continue;
    const remark = remarkOf(q);
    if (!remark) continue;
    const number = q.value === null ? '' : numberPart(q);
    const found =
      remark.form === 'placeholder'
        ? { found: `the placeholder "${remark.text}"`, foundZh: `占位符“${remark.text}”` }
        : remark.form === 'alone'
          ? { found: `the remark "${remark.text}" alone`, foundZh: `仅有备注“${remark.text}”` }
          : { found: `the number ${number} with the remark "${remark.text}"`, foundZh: `数值 ${number} 加备注“${remark.text}”` };
    const effect = remark.notFinal
      ? { effect: 'the figure is not final, so the rate cannot be verified', effectZh: '数值尚未确定，完成率无法核实' }
      : { effect: `the number part ${number} is used`, effectZh: `按数值部分 ${number} 计算` };
    emit(
      ctx,
      'HZ212',
      place(q.at, ind.line),
      `${path}/${role}`,
      { role: ROLE_EN[role], roleZh: ROLE_ZH[role], text: quantityText(q), ...found, ...effect },
      null,
      quantityText(q),
    );
    if (remark.notFinal && !notFinal) notFinal = { role, q, remark };
  }
  return notFinal;
}

/**
 * Whether target t and current c (in one unit) give the written rate, as recomputeIndicator would accept it:
 * 2 exactly, 1 only as a capped or plain-ratio reading (an over-achievement written 100%), 0 not at all.
 */
function fits(ceiling: boolean, t: number, c: number, rate: Rate): 0 | 1 | 2 {
  const w = rate.value;
  if (w === null) return 0;
  const d = rate.decimals ?? 0;
  if (ceiling) {
    const met = c <= t;
    const judged = met ? 100 : c === 0 ? 0 : (t / c) * 100;
    return agrees(judged, w, d) ? 2 : met && t !== 0 && agrees((c / t) * 100, w, d) ? 1 : 0;
  }
  if (t === 0) return 0;
  const r = (c / t) * 100;
  return agrees(r, w, d) ? 2 : r > 100 && agrees(100, w, d) ? 1 : 0;
}

const MAGNITUDE_CHAR = /[万亿千]/;
const bare = (q: Quantity) => q.value !== null && q.value !== 0 && !q.percent && unitKey(q.unit) === null;

/**
 * Target and current in forms that divide only under an assumption (HZ211): a percentage against a bare number
 * (a percentage, or a fraction?), or a magnitude on one side only (20万吨 against 15: 15 吨, or 15 万吨?). Returns
 * the finding and the values to judge by (the reading the written rate implies, else the plain one), or null
 * when the forms agree. A magnitude against the same unit without one (0.5万套 against 6200套) is a finding only
 * when the written rate implies the magnitude was left out.
 */
function readingOf(
  target: Quantity,
  current: Quantity,
  t: number,
  c: number,
  ceiling: boolean,
  rate: Rate,
): { t: number; c: number; args: Args; expected: string | null; actual: string } | null {
  let alt: { t: number; c: number; as: string } | null = null;
  let bareSide: Quantity | null = null;
  let what: string;
  let whatZh: string;
  let always = true;
  const pct = target.percent !== current.percent;
  if (pct && (bare(target) || bare(current))) {
    // plain reading: the bare number is a percentage; the other: a fraction (0.98 = 98%)
    bareSide = bare(target) ? target : current;
    const v = bareSide.value! * 100;
    alt = bareSide === target ? { t: v, c, as: `${shown(v)}%` } : { t, c: v, as: `${shown(v)}%` };
    what = 'a percentage against a bare number';
    whatZh = '一为百分数，一为无单位数字';
  } else if (!target.percent && !current.percent) {
    // Most pairs have no magnitude character at all: nothing to read twice (a cheap native test first).
    if (!MAGNITUDE_CHAR.test(target.text) && !MAGNITUDE_CHAR.test(current.text)) return null;
    const mt = writtenMagnitude(target);
    const mc = writtenMagnitude(current);
    if (mt === mc || (mt > 1 && mc > 1)) return null;
    const [big, small, m] = mt > 1 ? [target, current, mt] : [current, target, mc];
    if (small.value === null || small.value === 0) return null;
    const sameUnit = unitKey(small.unit) !== null && unitKey(small.unit) === unitKey(big.unit);
    if (!bare(small) && !sameUnit) return null;
    always = !sameUnit;
    bareSide = small;
    const word = MAGNITUDE_WORDS[m] ?? `×${m}`;
    const v = Number((small.value * m).toPrecision(15));
    const as = `${shown(small.value)}${word}${unitKey(big.unit) ?? ''}`;
    alt = small === target ? { t: v, c, as } : { t, c: v, as };
    what = `a magnitude (${word}) on one side only`;
    whatZh = `仅一侧写有数量级（${word}）`;
  } else return null;
  const plainFits = fits(ceiling, t, c, rate);
  const altFits = fits(ceiling, alt.t, alt.c, rate);
  if (!always && plainFits >= altFits) return null;
  const role = bareSide === target ? 'target' : 'current';
  const roleZh = ROLE_ZH[role];
  const plainAs = pct
    ? `${shown(bareSide.value!)}%`
    : `${shown(bareSide.value!)}${unitKey((bareSide === target ? current : target).unit) ?? ''}`;
  const written = rate.text.trim();
  const implied = plainFits > altFits ? plainAs : altFits > plainFits ? alt.as : null;
  const reading =
    implied !== null
      ? {
          reading: `the written rate ${written} implies the ${ROLE_EN[role]} reads ${implied}`,
          readingZh: `所写完成率 ${written} 意味着${roleZh}应读作 ${implied}`,
        }
      : plainFits
        ? {
            reading: `the written rate ${written} fits both ${plainAs} and ${alt.as}`,
            readingZh: `所写完成率 ${written} 与 ${plainAs}、${alt.as} 两种读法均相符`,
          }
        : {
            reading: `no reading gives the written rate ${written} (${plainAs} or ${alt.as})`,
            readingZh: `无论读作 ${plainAs} 还是 ${alt.as}，都得不出所写完成率 ${written}`,
          };
  const use = implied === alt.as ? alt : { t, c };
  return {
    t: use.t,
    c: use.c,
    args: { target: quantityText(target), current: quantityText(current), what, whatZh, ...reading },
    expected: implied,
    actual: quantityText(bareSide),
  };
}

/**
 * HZ205: target and current in units that cannot be compared. Says which reading the written rate implies, if any:
 * the two numbers as written, divided as if in one unit.
 */
function unitMismatch(
  ctx: Ctx,
  ceiling: boolean,
  target: Quantity,
  current: Quantity,
  rate: Rate,
  why: string,
  where: { line: number; column: number },
  path: string,
): ComputedRate {
  const reason: Reason = {
    en: `target "${quantityText(target)}" and current "${quantityText(current)}" are not comparable (${why})`,
    zh: `目标值“${quantityText(target)}”与当前值“${quantityText(current)}”不可比`,
  };
  const tw = target.value! / writtenMagnitude(target);
  const cw = current.value! / writtenMagnitude(current);
  const written = rate.text.trim();
  const hint =
    fits(ceiling, tw, cw, rate) > 0
      ? {
          hint: `; the written rate ${written} is ${shown(cw)} / ${shown(tw)}, as if both were in one unit`,
          hintZh: `；所写完成率 ${written} 即 ${shown(cw)} / ${shown(tw)}，视作同一单位`,
        }
      : {
          hint: `; no reading of the figures gives the written rate ${written}`,
          hintZh: `；任何读法都得不出所写完成率 ${written}`,
        };
  return notComputable(ctx, rate, reason, where, path, 'HZ205', {
    targetUnit: target.percent ? '%' : (target.unit ?? ''),
    currentUnit: current.percent ? '%' : (current.unit ?? ''),
    ...hint,
  });
}

/** The indicator's rate from its figures alone, without judging anything (for a row whose rate is not written). */
function silentValue(ind: Indicator): number | null {
  const t = ind.target;
  const c = ind.current;
  if (!t || !c) return null;
  const v = commonValues(t, c);
  if (!v.ok) return null;
  if (ind.ceiling) return v.b <= v.a ? 100 : v.b === 0 ? 0 : (v.a / v.b) * 100;
  return v.a === 0 ? null : (v.b / v.a) * 100;
}

/** Recompute one indicator; returns the rate it contributes to its item (written, else computed). */
function recomputeIndicator(ctx: Ctx, ind: Indicator, path: string): number | null {
  const namePlace = place(ind.at.name, ind.line);
  // The row's first written cell: the name, else the first figure (a row without a name still has a column).
  const firstCell = ind.at.name?.[0] ?? ind.target?.at?.[0] ?? ind.current?.at?.[0] ?? ind.rate?.at?.[0];
  const rowPlace = firstCell
    ? { line: firstCell.line, column: firstCell.column }
    : { line: ind.line, column: namePlace.line === ind.line ? namePlace.column : 0 };
  const name = ind.name.trim();
  if (name === '') emit(ctx, 'HZ301', rowPlace, `${path}/name`, {});
  const noTarget = !ind.target || ind.target.text.trim() === '';
  const noCurrent = !ind.current || ind.current.text.trim() === '';
  // A name with no figures at all is one finding (HZ307), not three.
  const noFigures = noTarget && noCurrent && (!ind.rate || isBlank(ind.rate.text));
  if (noFigures) {
    emit(ctx, 'HZ307', rowPlace, path, { name });
    ind.ceiling = isCeiling(ind);
    if (ind.rate) ind.rate.computed = { value: null, status: 'not-reported', reason: 'no target, current value or rate written' };
    return null;
  }
  // A rate with neither figure is one finding (HZ308), not two.
  if (noTarget && noCurrent)
    emit(ctx, 'HZ308', rowPlace, path, { name, rate: ind.rate!.text.trim() }, null, ind.rate!.text.trim());
  else if (noTarget) emit(ctx, 'HZ302', rowPlace, `${path}/target`, { name });
  else if (noCurrent) emit(ctx, 'HZ303', rowPlace, `${path}/current`, { name });
  const notFinal = remarks(ctx, ind, path);
  ind.ceiling = isCeiling(ind);
  const written = ind.rate;
  const ratePath = `${path}/rate`;
  if (!written || isBlank(written.text)) {
    emit(ctx, 'HZ304', rowPlace, ratePath, { level: 'indicator', levelZh: LEVEL_ZH.indicator });
    const v = silentValue(ind);
    if (written)
      written.computed = {
        value: v,
        status: 'not-reported',
        reason: v === null ? 'no rate written, and the figures give none' : 'no rate written; value from the figures',
      };
    return v;
  }
  const rate = written;
  const ratePlace = place(rate.at, ind.line);
  if (rate.value === null) {
    emit(ctx, 'HZ209', ratePlace, ratePath, { text: rate.text });
    rate.computed = { value: null, status: 'not-computable', reason: `rate "${rate.text}" is not a percentage` };
    return silentValue(ind);
  }

  if (notFinal) {
    // Reported as HZ212: the number part says what the rate would be, but the figure is not final.
    const v = silentValue(ind);
    const en = `${notFinal.role} "${quantityText(notFinal.q)}" is not final (${notFinal.remark.text})`;
    rate.computed = {
      value: null,
      status: 'not-computable',
      reason: v === null ? en : `${en}; the number part gives ${formatPercent(v, 2)}`,
    };
    return rate.value;
  }
  const why = whyNotNumeric('target', ind.target) ?? whyNotNumeric('current', ind.current);
  if (why) {
    // Missing cells were reported above (HZ302/HZ303); a written but non-numeric value is HZ206.
    const missing = !ind.target || ind.target.text.trim() === '' || !ind.current || ind.current.text.trim() === '';
    if (missing) rate.computed = { value: null, status: 'not-computable', reason: why.en };
    else rate.computed = notComputable(ctx, rate, why, ratePlace, ratePath);
    return rate.value;
  }
  const target = ind.target!;
  const current = ind.current!;
  const cmp = commonValues(target, current);
  if (!cmp.ok) {
    rate.computed = unitMismatch(ctx, ind.ceiling, target, current, rate, cmp.reason, ratePlace, ratePath);
    return rate.value;
  }
  let t = cmp.a;
  let c = cmp.b;
  const reading = readingOf(target, current, t, c, ind.ceiling, rate);
  if (reading) {
    emit(ctx, 'HZ211', ratePlace, ratePath, reading.args, reading.expected, reading.actual);
    t = reading.t;
    c = reading.c;
  }
  const figures = { target: quantityText(target), current: quantityText(current) };

  if (ind.ceiling) {
    // Lower is better: met when current ≤ target (judged as 100%), else target/current. The report sometimes
    // writes the plain ratio instead, which says nothing about a met ceiling: accept either reading there.
    const met = c <= t;
    const judged = met ? 100 : c === 0 ? 0 : (t / c) * 100;
    const plain = t === 0 ? null : (c / t) * 100;
    const detail = `${figures.current} against a ceiling of ${figures.target}: ${met ? 'met' : 'exceeded'}`;
    const detailZh = `当前值 ${figures.current}，上限 ${figures.target}：${met ? '已达到' : '已超出'}`;
    // The plain ratio is only harmless when the ceiling is met: over a ceiling it would claim over-achievement.
    const ok =
      agrees(judged, rate.value, rate.decimals ?? 0) || (met && plain !== null && agrees(plain, rate.value, rate.decimals ?? 0));
    emit(ctx, 'HZ208', ratePlace, ratePath, { detail, detailZh }, formatPercent(judged), rate.text);
    if (ok) {
      rate.computed = { value: judged, status: 'ceiling', reason: `ceiling indicator: ${detail}` };
    } else {
      rate.computed = judge(ctx, 'indicator', rate, judged, ratePath, ind.line, figures, `ceiling indicator: ${detail}`);
    }
    return rate.value;
  }

  if (t === 0) {
    const reason: Reason =
      c === 0
        ? { en: 'target and current are both 0', zh: '目标值与当前值均为 0' }
        : { en: `target is 0 (current ${figures.current})`, zh: `目标值为 0（当前值 ${figures.current}）` };
    rate.computed = notComputable(ctx, rate, reason, ratePlace, ratePath);
    return rate.value;
  }
  const computed = (c / t) * 100;
  const reason = `${figures.current} / ${figures.target}`;
  // An over-achieved indicator written as 100%: capped, where the report otherwise writes 199%, 171.4%…
  // A milder finding than a mismatch (HZ210); the item mean, which caps anyway, is unaffected.
  if (computed > 100 && !agrees(computed, rate.value, rate.decimals ?? 0) && agrees(100, rate.value, rate.decimals ?? 0)) {
    const expected = formatPercent(computed, Math.max(2, rate.decimals ?? 0));
    emit(ctx, 'HZ210', ratePlace, ratePath, { actual: rate.text, expected, ...figures }, expected, rate.text);
    rate.computed = { value: computed, status: 'mismatch', reason: `${reason}; written capped at 100%` };
    return rate.value;
  }
  rate.computed = judge(ctx, 'indicator', rate, computed, ratePath, ind.line, figures, reason);
  return rate.value;
}

/**
 * Recompute an item (from its indicators) or a task (from its items). `parts` are what the level below
 * contributes: its written rate where one is written, else its recomputed one. Returns this level's contribution.
 */
function recomputeCapped(
  ctx: Ctx,
  level: 'item' | 'task',
  rate: Rate | null,
  parts: readonly (number | null)[],
  path: string,
  line: number,
  fallbackAt: readonly Location[] | undefined,
  fromFigures: readonly (number | null)[] = [],
  indicatorRates: readonly (number | null)[] = [],
): number | null {
  const below = level === 'item' ? 'indicator' : 'item';
  let missing = -1;
  for (let m = 0; m < parts.length; m++) {
    if (parts[m] === null) {
      missing = m;
      break;
    }
  }
  const nums = parts as number[];
  // Items cap their indicators; tasks average item rates, which are capped already (capping again is a no-op
  // for consistent figures and keeps one over-100 item from inflating the task).
  const computed = parts.length === 0 || missing >= 0 ? null : cappedMean(nums)!;
  const ratePath = `${path}/rate`;
  if (!rate || isBlank(rate.text)) {
    emit(ctx, 'HZ304', place(fallbackAt, line), ratePath, { level, levelZh: LEVEL_ZH[level] });
    if (rate)
      rate.computed = {
        value: computed,
        status: 'not-reported',
        reason:
          computed === null ? `no rate written, and the ${below}s give none` : `no rate written; mean of the ${below} rates`,
      };
    return computed;
  }
  const ratePlace = place(rate.at, line);
  if (rate.value === null) {
    emit(ctx, 'HZ209', ratePlace, ratePath, { text: rate.text });
    rate.computed = { value: null, status: 'not-computable', reason: `rate "${rate.text}" is not a percentage` };
    return computed;
  }
  if (parts.length === 0) {
    // The assembler reports an item without indicators (HZ110); nothing to recompute from.
    rate.computed = { value: null, status: 'not-computable', reason: `no ${below}s` };
    return rate.value;
  }
  if (computed === null) {
    rate.computed = { value: null, status: 'not-computable', reason: `${below} ${missing + 1} of ${parts.length} has no rate` };
    return rate.value;
  }
  // Also accepted: the same mean over the unrounded rates computed from the figures (some offices average
  // those rather than their own written, rounded indicator rates).
  const alt = fromFigures.length === parts.length && !fromFigures.includes(null) ? (fromFigures as number[]) : null;
  const altCapped = alt ? cappedMean(alt)! : null;
  const uncapped = mean(nums)!;
  const altUncapped = alt ? mean(alt)! : null;
  const agreesUncapped = (w: number, d: number) => agrees(uncapped, w, d) || (altUncapped !== null && agrees(altUncapped, w, d));
  const reason = `${level === 'item' ? 'mean of min(indicator rate, 100%)' : 'mean of item rates'} over ${nums.length}: ${listPercents(nums)}`;
  if (rate.value > 100 && !agrees(100, rate.value, rate.decimals ?? 0)) {
    const expected = formatPercent(computed, Math.max(2, rate.decimals ?? 0));
    const uncappedToo = agreesUncapped(rate.value, rate.decimals ?? 0);
    const hint = uncappedToo ? ' (the written figure is the uncapped mean)' : '';
    const hintZh = uncappedToo ? '（所写数字为未封顶的平均值）' : '';
    emit(
      ctx,
      'HZ207',
      ratePlace,
      ratePath,
      { level, levelZh: LEVEL_ZH[level], actual: rate.text, expected, hint, hintZh },
      expected,
      rate.text,
    );
    rate.computed = { value: computed, status: 'mismatch', reason: `${reason}; written above 100%${hint}` };
    return rate.value;
  }
  // The report sometimes forgets the cap: say so when the written figure is the uncapped mean.
  if (
    altCapped !== null &&
    !agrees(computed, rate.value, rate.decimals ?? 0) &&
    agrees(altCapped, rate.value, rate.decimals ?? 0)
  ) {
    rate.computed = {
      value: altCapped,
      status: 'consistent',
      reason: `${reason}; agrees with the mean of the unrounded rates from the figures`,
    };
    return rate.value;
  }
  const isUncapped =
    level === 'item' &&
    Math.max(maxOf(nums), alt !== null ? maxOf(alt) : -Infinity) > 100 &&
    agreesUncapped(rate.value, rate.decimals ?? 0);
  const shownUncapped = agrees(uncapped, rate.value, rate.decimals ?? 0) || altUncapped === null ? uncapped : altUncapped;
  // Some tasks average all their indicators at once instead of their items: say so, it is still a mismatch.
  const flat =
    level === 'task' && indicatorRates.length > parts.length && !indicatorRates.includes(null)
      ? cappedMean(indicatorRates as number[])
      : null;
  const isFlat = flat !== null && agrees(flat, rate.value, rate.decimals ?? 0);
  const detail: Args = isUncapped
    ? {
        count: nums.length,
        hint: ` (the written figure is the uncapped mean ${formatPercent(shownUncapped)})`,
        hintZh: `（所写数字为未封顶的平均值 ${formatPercent(shownUncapped)}）`,
      }
    : isFlat
      ? {
          count: nums.length,
          hint: ` (the written figure is the mean of all ${indicatorRates.length} indicator rates, ${formatPercent(flat)})`,
          hintZh: `（所写数字为全部 ${indicatorRates.length} 个指标完成率的平均值 ${formatPercent(flat)}）`,
        }
      : { count: nums.length, hint: '', hintZh: '' };
  const c = judge(ctx, level, rate, computed, ratePath, line, detail, reason);
  if (c.status === 'mismatch' && (isUncapped || isFlat))
    c.reason = `${reason};${String(detail.hint).replace(/^ \((.*)\)$/, ' $1')}`;
  rate.computed = c;
  return rate.value;
}

/** Rates for a reason: 100%, 66.6667%… (four decimals at most; whole numbers need no rounding). */
function listPercents(xs: readonly number[]): string {
  let s = '';
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    s += `${i > 0 ? ', ' : ''}${Number.isInteger(v) && Math.abs(v) < 1e21 ? v : Number(v.toFixed(4))}%`;
  }
  return s;
}

/** The largest of some numbers (-Infinity for none). */
function maxOf(xs: readonly number[]): number {
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) m = Math.max(m, xs[i]!);
  return m;
}

function recomputeItem(ctx: Ctx, item: Item, path: string): number | null {
  const inds = item.indicators;
  const parts: (number | null)[] = [];
  for (let m = 0; m < inds.length; m++) parts.push(recomputeIndicator(ctx, inds[m]!, `${path}/indicators/${m}`));
  // The same means from the figures alone (unrounded indicator rates), where every indicator has figures.
  const fromFigures: (number | null)[] = [];
  for (let m = 0; m < inds.length; m++) fromFigures.push(inds[m]!.rate?.computed?.value ?? silentValue(inds[m]!));
  return recomputeCapped(ctx, 'item', item.rate, parts, path, item.lines.start, item.at.description, fromFigures);
}

function recomputeTask(ctx: Ctx, task: Task, path: string): void {
  const items = task.items;
  const parts: (number | null)[] = [];
  for (let l = 0; l < items.length; l++) parts.push(recomputeItem(ctx, items[l]!, `${path}/items/${l}`));
  const indicatorRates: (number | null)[] = [];
  for (let l = 0; l < items.length; l++) {
    const inds = items[l]!.indicators;
    for (let m = 0; m < inds.length; m++) {
      const ind = inds[m]!;
      indicatorRates.push(ind.rate?.value ?? ind.rate?.computed?.value ?? silentValue(ind));
    }
  }
  recomputeCapped(ctx, 'task', task.rate, parts, path, task.lines.start, task.at.description, [], indicatorRates);
}

export function recompute(report: Report): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sections = report.sections;
  for (let i = 0; i < sections.length; i++) {
    const d = recomputeSection(sections[i]!, i);
    for (let m = 0; m < d.length; m++) out.push(d[m]!);
  }
  return out;
}

/** One section (the i-th of its report): rates are computed within a task, never across sections. */
export function recomputeSection(section: Section, i: number): Diagnostic[] {
  const ctx: Ctx = { out: [] };
  const groups = section.groups;
  for (let j = 0; j < groups.length; j++) {
    const tasks = groups[j]!.tasks;
    for (let k = 0; k < tasks.length; k++) recomputeTask(ctx, tasks[k]!, `/sections/${i}/groups/${j}/tasks/${k}`);
  }
  return ctx.out;
}

/** One task, at its JSON pointer (/sections/i/groups/j/tasks/k): rates never depend on other tasks. */
export function recomputeOne(task: Task, path: string, out: Diagnostic[]): void {
  recomputeTask({ out }, task, path);
}
