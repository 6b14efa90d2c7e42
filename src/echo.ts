// How much an indicator's name (and target) echoes an item's description. Indicators are named after
// what their item promises ("完成项目100处" → 完成项目数, 100处), so where the arithmetic cannot say
// which of two neighbouring items a row belongs to (capped rates, equal rates), the words can
// (docs/format.md, "Misplaced merged-cell text"). Character bigrams, white space and punctuation left out.

const SKIP = /[\s\p{P}\p{S}]/u;

/** The text's distinct character bigrams (white space, punctuation and symbols dropped). */
export function bigramSet(text: string): Set<string> {
  const out = new Set<string>();
  let prev = '';
  for (const ch of text) {
    if (SKIP.test(ch)) continue;
    if (prev) out.add(prev + ch);
    prev = ch;
  }
  return out;
}

/** Share of the indicator's bigrams (name and target) found in the description's: 0..1. */
export function echo(indicator: Set<string>, description: Set<string>): number {
  if (!indicator.size || !description.size) return 0;
  let n = 0;
  for (const g of indicator) if (description.has(g)) n++;
  return n / indicator.size;
}
