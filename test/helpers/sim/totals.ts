// Totals of scored renderings, shared by `npm run fidelity` and `npm run fidelity2` so that both print the
// same table from the same sums.
import type { Score } from './score.js';

export interface Totals {
  renderings: number;
  tasks: number;
  found: number;
  exact: number;
  owners: number;
  prose: number;
  indicators: number;
  placed: number;
  extra: number;
  threw: number;
  minExact: number;
  /** Renderings with a task missing or an owner wrong. */
  incomplete: number;
  remarks: number;
  remarksPlaced: number;
  flaggedMisses: number;
  flaggedExact: number;
  /** Tasks not exact, by the kind of their first difference. */
  reasons: Map<string, number>;
}

export const zeroTotals = (): Totals => ({
  renderings: 0,
  tasks: 0,
  found: 0,
  exact: 0,
  owners: 0,
  prose: 0,
  indicators: 0,
  placed: 0,
  extra: 0,
  threw: 0,
  minExact: 100,
  incomplete: 0,
  remarks: 0,
  remarksPlaced: 0,
  flaggedMisses: 0,
  flaggedExact: 0,
  reasons: new Map(),
});

/** Adds one rendering's score; `kind` names a miss's reason for the per-kind counts. */
export function addScore(t: Totals, c: Score, kind: (reason: string) => string): void {
  t.renderings++;
  t.tasks += c.tasks;
  t.found += c.found;
  t.exact += c.exact;
  t.owners += c.ownersRight;
  t.prose += c.proseRight;
  t.indicators += c.indicators;
  t.placed += c.indicatorsPlaced;
  t.extra += c.extra;
  if (c.threw) t.threw++;
  if (c.found < c.tasks || c.ownersRight < c.tasks) t.incomplete++;
  t.remarks += c.remarks;
  t.remarksPlaced += c.remarksPlaced;
  t.flaggedMisses += c.flaggedMisses;
  t.flaggedExact += c.flaggedExact;
  for (const m of c.misses) t.reasons.set(kind(m.reason), (t.reasons.get(kind(m.reason)) ?? 0) + 1);
  t.minExact = Math.min(t.minExact, c.tasks ? (100 * c.exact) / c.tasks : 100);
}

export const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(2) : '-').padStart(6);

export const totalsHeader = (): string =>
  `${'layout'.padEnd(16)} rend. ${'tasks'.padStart(6)} ${'found'.padStart(7)} ${'exact'.padStart(7)} ${'min ex.'.padStart(7)} ${'owners'.padStart(7)} ${'prose'.padStart(7)} ${'ind.pl.'.padStart(7)} ${'extra'.padStart(6)} threw`;

export const totalsLine = (name: string, t: Totals): string =>
  `${name.padEnd(16)} ${String(t.renderings).padStart(4)} ${String(t.tasks).padStart(6)} ${pct(t.found, t.tasks)}% ${pct(t.exact, t.tasks)}% ${t.minExact.toFixed(2).padStart(6)}% ${pct(t.owners, t.tasks)}% ${pct(t.prose, t.tasks)}% ${pct(t.placed, t.indicators)}% ${String(t.extra).padStart(6)} ${String(t.threw).padStart(5)}`;
