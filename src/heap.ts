// Memory for a program that compiles one report and exits (issue 6: peak RSS at most 5× the input
// + 100 MB). Compiling streams section by section, so little stays alive (the text, the checker's
// facts, the diagnostics), but every finished section has been promoted to the old generation
// before it dies, and V8 lets that generation grow to several times the live size before a full
// collection when collecting is cheap. Capping the growth at 25% over the live size keeps the
// resident size near what is alive (measured on the 100× corpus: parse 390 → 250 MB) for a few
// more, incremental, full collections. The flag is read at each collection, so setting it at
// run time takes effect; the CLI (and the benchmark, which measures what the CLI does) call this.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 25;

export function tuneHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
