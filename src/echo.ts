// How much an indicator's name (and target) echoes an item's description. Indicators are named after
// what their item promises ("完成项目100处" → 完成项目数, 100处), so where the arithmetic cannot say
// which of two neighbouring items a row belongs to (capped rates, equal rates), the words can
// (docs/format.md, "Misplaced merged-cell text"). Character bigrams, white space and punctuation left out.

const SKIP = /[\s\p{P}\p{S}]+/gu;

/** The text without white space, punctuation and symbols: what bigrams are taken from. */
export function bare(text: string): string {
  return text.replace(SKIP, '');
}

/** The distinct character bigrams of a (bare) name. */
export function bigrams(name: string): string[] {
  // a set keeps the first occurrences in order (a list searched for each pair made long texts quadratic)
  const seen = new Set<string>();
  for (let i = 0; i + 1 < name.length; i++) seen.add(name.slice(i, i + 2));
  return [...seen];
}

/** Share of the indicator's bigrams (name and target) found in the (bare) description: 0..1. */
export function echo(indicator: readonly string[], description: string): number {
  if (!indicator.length || !description) return 0;
  let n = 0;
  for (const g of indicator) if (description.includes(g)) n++;
  return n / indicator.length;
}

/** A target written as a figure with its unit ("100处", "20 家", "30万吨/天" → 30 then 万) as it would be
 * written in an item's text, a percentage other than 0% or 100% too ("0.50%" as 0.5%); undefined for those
 * two and a number without a unit, which any text may hold. */
export function figureOf(target: string): RegExp | undefined {
  const pc = /^\s*(\d+)(?:\.(\d*[1-9])0*)?\s*%\s*$/u.exec(target);
  if (pc && Number(pc[2] ? `${pc[1]}.${pc[2]}` : pc[1]) % 100 !== 0) {
    const num = pc[2] ? `${pc[1]}\\.${pc[2]}0*` : `${pc[1]}(?:\\.0+)?`;
    return new RegExp(`(?<![\\d.])${num}\\s*[%％]`, 'u');
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([^\d\s%.,，、;；/（(])/u.exec(target);
  if (!m) return undefined;
  const unit = m[2]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d.])${m[1]!.replace('.', '\\.')}\\s*${unit}`, 'u');
}
