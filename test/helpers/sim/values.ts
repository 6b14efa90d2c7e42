// Changes to what a transcription says, keeping the report's arithmetic true (docs/format.md, "The
// arithmetic"): new currents with indicator, item and task rates recomputed at the written
// precision; and an item written twice (two identical items).
import type { Rng } from './rng.js';
import type { TIndicator, TItem, Transcription } from './transcription.js';

const PCT = /^(\d+(?:\.(\d+))?)%$/;
const QTY = /^(\d+(?:\.(\d+))?)(.*)$/;

interface Num {
  value: number;
  decimals: number;
  unit: string;
}

function num(text: string, re: RegExp): Num | undefined {
  const m = re.exec(text.trim());
  if (!m) return undefined;
  return { value: Number(m[1]), decimals: m[2]?.length ?? 0, unit: (m[3] ?? '%').trim() };
}

/** Does a written rate say `value` at its precision (rounded or truncated)? */
export function agrees(value: number, text: string): boolean {
  const r = num(text, PCT);
  if (!r) return false;
  const f = 10 ** r.decimals;
  const eps = 1e-9;
  return Math.abs(Math.round(value * f + eps) / f - r.value) < eps || Math.abs(Math.floor(value * f + eps) / f - r.value) < eps;
}

const written = (value: number, decimals: number): string => `${value.toFixed(decimals)}%`;

/** A new current for an indicator whose rate is its current over its target; true when changed. */
function newCurrent(x: TIndicator, r: Rng): boolean {
  const rate = num(x.rate, PCT);
  const t = num(x.target, QTY);
  const c = num(x.current, QTY);
  if (!rate || !t || !c || t.value === 0 || t.unit !== c.unit || /[万亿]/.test(t.unit)) return false;
  if (!agrees((c.value / t.value) * 100, x.rate)) return false;
  if (r.chance(0.05)) {
    // A bare 0 beside a quantity.
    x.current = '0';
    x.rate = written(0, rate.decimals);
    return true;
  }
  const f = 10 ** c.decimals;
  const cur = Math.round(t.value * (0.1 + r.next() * 1.3) * f) / f;
  x.current = `${cur.toFixed(c.decimals)}${c.unit === '%' ? '%' : c.unit}`;
  x.rate = written((cur / t.value) * 100, rate.decimals);
  return true;
}

const rateOf = (text: string): number | undefined => num(text, PCT)?.value;

/** Mean of min(rate, 100) over rates, when every one is written. */
function meanCapped(rates: string[]): number | undefined {
  const v = rates.map(rateOf);
  if (!v.length || v.some((x) => x === undefined)) return undefined;
  return (v as number[]).reduce((a, b) => a + Math.min(b, 100), 0) / v.length;
}

/** New currents for a share of the indicators; item and task rates that agreed with them before
 * are recomputed, at their written precision. The same indicator text always gets the same change. */
export function newValues(tr: Transcription, r: Rng, share: number): void {
  for (const s of tr.sections)
    for (const g of s.groups)
      for (const task of g.tasks) {
        const itemsBefore = task.items.map((it) => meanCapped(it.indicators.map((x) => x.rate)));
        const taskAgreed = (() => {
          const m = meanCapped(task.items.map((it) => it.rate));
          return m !== undefined && agrees(m, task.rate);
        })();
        let changed = false;
        task.items.forEach((it: TItem, j) => {
          const before = itemsBefore[j];
          const itemAgreed = before !== undefined && agrees(before, it.rate);
          let touched = false;
          for (const x of it.indicators) {
            // Drawn from the indicator's own text: a task restated in another section gets the same new values.
            const ri = r.fork([x.name, x.target, x.current, x.rate].join('|').replace(/\s+/g, ''));
            if (ri.chance(share) && newCurrent(x, ri)) touched = true;
          }
          if (!touched || !itemAgreed) return;
          const dec = num(it.rate, PCT)!.decimals;
          it.rate = written(meanCapped(it.indicators.map((x) => x.rate))!, dec);
          changed = true;
        });
        if (changed && taskAgreed) {
          const m = meanCapped(task.items.map((it) => it.rate));
          if (m !== undefined) task.rate = written(m, num(task.rate, PCT)!.decimals);
        }
      }
}

/** In a task whose items all have the same rate, one item written twice: two identical items (the
 * task's rate stays the mean of its items). */
export function repeatItems(tr: Transcription, r: Rng, p: number): void {
  for (const s of tr.sections)
    for (const g of s.groups)
      for (const task of g.tasks) {
        const rates = new Set(task.items.map((it) => it.rate));
        if (!task.items.length || rates.size !== 1 || !task.items[0]!.rate || !r.chance(p)) continue;
        const j = r.int(0, task.items.length - 1);
        task.items.splice(j + 1, 0, structuredClone(task.items[j]!));
      }
}
