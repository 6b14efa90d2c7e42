// V8 settings for a program that compiles a report (or a few) and exits; the CLI and the benchmark,
// which measures what the CLI does, apply them (docs/architecture.md, "Speed"). The flags are read as the program runs,
// so setting them at run time takes effect; the library leaves V8 as its host configured it.
import { createRequire } from 'node:module';

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
 * process: 1M 1.48, 2M 1.29, 4M 1.27, 8M 1.31, 16M 1.28). Inputs above SMALL_INPUT_BYTES get V8's budget back
 * (V8_INTERRUPT_BUDGET): on the 100× corpus this budget had come to cost a quarter of the compile's time.
 */
export const INTERRUPT_BUDGET = 4_000_000;

/** The settings of tuneV8, as V8 flags. */
export const V8_FLAGS = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, `--interrupt-budget=${INTERRUPT_BUDGET}`];

/**
 * For a small input (the inputs total at most SMALL_INPUT_BYTES), measured on the bundled report as whole processes
 * in alternating pairs (docs/performance.md, "Cold start"):
 * - memory: V8's young generation starts small and doubles as objects survive; on this kind of machine touching
 *   fresh pages costs more than collecting the small one more often. Kept at its starting size: CPU 0.93, wall 0.91
 *   of a cold check (21 pairs; page faults 7,300 → 6,100); 2× corpus CPU 0.92; but 10× corpus CPU 1.09.
 * - no optimising compiler: in a run this short TurboFan compiles two functions (~25-50 ms of CPU on another
 *   thread) that are hardly run again; the baseline tiers (Ignition, Sparkplug) only: CPU 0.95 (21 pairs).
 * Larger inputs get V8's defaults back (tuneForInputs).
 */
export const SMALL_RUN_FLAGS = ['--semi-space-growth-factor=1', '--max-opt=1'];
export const SMALL_INPUT_BYTES = 1 << 20;
/**
 * V8's own interrupt budget (66 KB in Node 20's V8), given back to large inputs too: INTERRUPT_BUDGET pays on a
 * short run, but on a long one it keeps hot functions in the baseline tiers for longer than TurboFan takes to repay.
 * Measured on the 100x corpus (4 alternating pairs, quiet machine): compile 9.9 -> 7.5 s wall, CPU 11.0 -> 10.2 s,
 * peak RSS 226 -> 230 MB; against the bare tokenizer 1.66 -> 1.27.
 */
export const V8_INTERRUPT_BUDGET = 66 * 1024;
const AS_USUAL = ['--semi-space-growth-factor=2', '--max-opt=999', '--turbofan', `--interrupt-budget=${V8_INTERRUPT_BUDGET}`];

/**
 * The flags a cold start of the CLI runs under: set by bin/hzreport.js before it compiles the bundle (its code
 * cache is accepted only under the flags it was made with), and by the CLI again.
 */
export const START_FLAGS = [...V8_FLAGS, ...SMALL_RUN_FLAGS];

let setFlag: ((flag: string) => void) | undefined;

/**
 * v8.setFlagsFromString without loading node:v8, whose module loads Node's stream machinery (27 modules, ~6 ms
 * of CPU at every start): the binding behind it, reached without its deprecation warning; node:v8 where that
 * is not available.
 */
export function setV8Flags(flags: readonly string[]): void {
  setFlag ??= bindingSetter() ?? (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString;
  for (const flag of flags) setFlag(flag);
}

function bindingSetter(): ((flag: string) => void) | undefined {
  const quiet = process.noDeprecation;
  try {
    process.noDeprecation = true;
    const binding = (process as unknown as { binding(name: string): { setFlagsFromString?: unknown } }).binding('v8');
    const set = binding.setFlagsFromString;
    return typeof set === 'function' ? (flag) => void set.call(binding, flag) : undefined;
  } catch {
    return undefined;
  } finally {
    process.noDeprecation = quiet;
  }
}

export function tuneV8(): void {
  setV8Flags(V8_FLAGS);
}

/** The CLI at start: tuneV8's settings and those for a small input, until the inputs say otherwise. */
export function tuneStart(): void {
  setV8Flags(START_FLAGS);
}

/**
 * Once inputs are known (bytes: their total size, Infinity when unknown, e.g. standard input): V8's defaults back
 * when they are large. Only ever in that direction, so any command that compiles may call it for what it compiles.
 */
export function tuneForInputs(bytes: number): void {
  if (bytes > SMALL_INPUT_BYTES) setV8Flags(AS_USUAL);
}
