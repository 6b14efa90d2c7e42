// Stage 6: recompute every rate from the figures and store it beside the reported one.
// (Stub: filled in by the `check` work.)
import type { Diagnostic, Report } from './model.js';

export function recompute(_report: Report): Diagnostic[] {
  return [];
}
