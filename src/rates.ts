// Completion rates (完成率): parsing as written, and the precision-aware comparison of a written rate
// with a recomputed one.
import type { Location, Rate } from './model.js';
import { normalizeValueText } from './quantity.js';

const PERCENT = /^([+-]?)(\d+)(?:\.(\d+))?%$/;

/** "73.08%" → value 73.08, decimals 2. Text that is not a percentage keeps value null. */
export function parseRate(text: string, at: Location[]): Rate {
  // Reports repeat their rates (100%, 50%…), and the assembler reads a rate more than once:
  // a reading is made once per distinct text.
  let known = RATES.get(text);
  if (known === undefined) {
    known = readRate(text);
    if (RATES.size >= CACHE_LIMIT) RATES.clear();
    RATES.set(text, known);
  }
  return { text, value: known.value, decimals: known.decimals, at };
}

const RATES = new Map<string, Pick<Rate, 'value' | 'decimals'>>();
const CACHE_LIMIT = 4096;

function readRate(text: string): Pick<Rate, 'value' | 'decimals'> {
  const s = normalizeValueText(text);
  const m = PERCENT.exec(s);
  if (!m) return { value: null, decimals: null };
  const decimals = m[3]?.length ?? 0;
  const v = Number(`${m[2]}${m[3] ? `.${m[3]}` : ''}`);
  return { value: m[1] === '-' ? -v : v, decimals };
}

const UNITS = [1, 0.1, 0.01, 0.001, 0.0001, 0.00001, 0.000001];

// Slack for binary noise only (66.66666 × 100 must truncate to 6666, 68.755 must round to 68.76).
const EPS = 1e-7;

/** The computed value rounded half-up to `decimals`. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f + EPS * Math.sign(value)) / f;
}

/** The computed value truncated (toward zero) to `decimals`. */
export function truncateTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.trunc(value * f + EPS * Math.sign(value)) / f;
}

/**
 * A written figure agrees when the computed value, rounded or truncated to the written number of decimals,
 * gives it (93.75 written 93% or 94% agrees; 66.67 written 66% or 67% agrees). A figure first rounded to two
 * or more decimals and then shortened (a spreadsheet showing 100.85 formatted to one decimal) also agrees:
 * 98.83 / 98 = 100.847 → 100.85 → written 100.9%.
 */
export function agrees(computed: number, written: number, decimals: number): boolean {
  // Rounding and truncation move a value by less than one unit in the last written place: anything further
  // away cannot agree. This fast exit matters: the assembler calls agrees() for every grouping it considers.
  const unit = decimals < UNITS.length ? UNITS[decimals]! : 10 ** -decimals;
  if (!(Math.abs(computed - written) < unit * 1.001)) return false;
  // "the same figure": within a thousandth of the last written place
  const tolerance = unit / 1000;
  if (
    Math.abs(roundTo(computed, decimals) - written) < tolerance ||
    Math.abs(truncateTo(computed, decimals) - written) < tolerance
  )
    return true;
  for (let pre = Math.max(decimals + 1, 2); pre <= 4; pre++) {
    const r = roundTo(computed, pre);
    if (Math.abs(roundTo(r, decimals) - written) < tolerance || Math.abs(truncateTo(r, decimals) - written) < tolerance)
      return true;
  }
  return false;
}

/** Mean of min(rate, 100): how an item rate is made from its indicator rates. null for no rates. */
export function cappedMean(rates: readonly number[]): number | null {
  if (rates.length === 0) return null;
  return rates.reduce((s, r) => s + Math.min(r, 100), 0) / rates.length;
}

/** Plain mean: how a task rate is made from its item rates. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((s, r) => s + r, 0) / values.length;
}

/** A computed figure as text at the written precision (for expected/actual in messages). */
export function formatPercent(value: number, decimals = 2): string {
  return `${Number(roundTo(value, decimals).toFixed(decimals))}%`;
}
