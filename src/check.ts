// Stage 7: findings across the tree (restated tasks, missing fields…).
// (Stub: filled in by the `check` work.)
import type { Diagnostic, Report } from './model.js';

export function checkReport(_report: Report): Diagnostic[] {
  return [];
}
