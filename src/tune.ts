// V8 settings for a program that compiles a report (or a few) and exits; the CLI and the benchmark,
// which measures what the CLI does, apply them (docs/architecture.md, "Speed"). The flags are read as the program runs,
// so setting them at run time takes effect; the library leaves V8 as its host configured it.
import { setFlagsFromString } from 'node:v8';

/**
 * Memory: compiling streams task by task, so little stays alive (the text, the checker's facts, the
 * diagnostics), but finished tasks are promoted to the old generation before they die, and V8
 * lets that generation grow to several times the live size before a full collection when
 * collecting is cheap. Capping the growth at 25% over the live size keeps the resident size near
 * what is alive, for a few more, incremental, full collections (100× corpus: parse peak RSS
 * 390 → 250 MB, CPU within noise).
 */
export const HEAP_GROWING_PERCENT = 25;

/**
 * Time: V8 sends a function to its optimising compiler (TurboFan, on a background thread) after a
 * small amount of execution. A check of one report runs ~0.2 s: most of that compiling is never
 * repaid, and on a 2-core machine it competes with the work itself. A larger budget before
 * tier-up leaves short runs in the baseline tiers and still optimises what a large report keeps
 * hot. Measured (medians of 8): 15× the default, cold check of the seed 0.47 → 0.40 s wall, 0.67 →
 * 0.45 s CPU; 10× corpus 1.29 → 1.08 s; 100× unchanged within noise. Since the CLI starts from a
 * code cache (bin/hzreport.js), 4× that again (medians of 15, CPU of a cold check against the bare
 * process: 1M 1.48, 2M 1.29, 4M 1.27, 8M 1.31, 16M 1.28); 10× and 100× corpus unchanged within noise.
 */
export const INTERRUPT_BUDGET = 4_000_000;

export function tuneV8(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
