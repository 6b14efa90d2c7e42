// The damage simulator: transcription → rendering in a layout with fresh damage → compilation → score.
// Used by test/simulate.test.ts and scripts/dev/fidelity.ts (`npm run fidelity`).
import { compile } from '../../../src/compile.js';
import { InputError } from '../../../src/diagnostics.js';
import type { Report } from '../../../src/model.js';
import { render, type RenderOptions, type Rendering } from './render.js';
import { score, type Score } from './score.js';
import type { Transcription } from './transcription.js';

export * from './layout.js';
export * from './render.js';
export * from './score.js';
export * from './transcription.js';
export { rng, type Rng } from './rng.js';

export interface Simulation {
  rendering: Rendering;
  report: Report | undefined;
  score: Score;
}

/** Render, compile and score one rendering. A compiler that throws scores every task missing. */
export function simulate(tr: Transcription, o: RenderOptions): Simulation {
  const rendering = render(tr, o);
  let report: Report | undefined;
  let threw: string | undefined;
  try {
    report = compile(rendering.text, { file: `sim-${o.seed}.tsv` });
  } catch (e) {
    threw = e instanceof InputError ? `${e.code} ${e.message}` : e instanceof Error ? e.message : String(e);
  }
  return { rendering, report, score: score(rendering.transcription, report, threw) };
}

/** Does the compiled document say which layout it read (header-driven columns: `summary.layouts`,
 * or a `layout` or `layouts` field at the top)? */
export function recordsLayout(report: Report | undefined): boolean {
  return recordedLayout(report) !== undefined;
}

/** The layout record of a compiled document, when it has one. */
export function recordedLayout(report: Report | undefined): unknown {
  if (!report) return undefined;
  const r = report as unknown as Record<string, unknown> & { summary?: Record<string, unknown> };
  return r.layouts ?? r.layout ?? r.summary?.layouts ?? undefined;
}
