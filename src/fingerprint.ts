// A finding's identity that survives line shifts: its code, where it is in the report's own terms (the
// file, the task label and the path below the task, or the cell text for a finding outside any task)
// and the figures involved (its arguments, expected and actual), never a line or column number.
// Used by baselines (src/baseline.ts) and by GitLab Code Quality reports (src/emit/gitlab.ts).
import { createHash } from 'node:crypto';
import type { Diagnostic } from './model.js';

const BELOW_TASK = /^\/sections\/\d+\/groups\/\d+\/tasks\/\d+/;

/** The readable key a fingerprint hashes (no line numbers: arguments naming lines are left out). */
export function fingerprintKey(d: Diagnostic): string {
  const args = Object.entries(d.args ?? {})
    .filter(([k]) => !/line/i.test(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  // Below the task the path is stable (items/2/indicators/0/rate); a path-less repair has only its task.
  const where = d.task ? `${d.task}${d.path.replace(BELOW_TASK, '')}` : d.path;
  return [d.code, where, d.expected ?? '', d.actual ?? '', ...args].join('\u001f');
}

export function fingerprint(d: Diagnostic): string {
  return createHash('sha256').update(fingerprintKey(d)).digest('hex').slice(0, 32);
}

/** Fingerprints of a file's findings, made unique by their occurrence (…:1, …:2 for identical findings). */
export function uniqueFingerprints(diagnostics: readonly Diagnostic[]): string[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const f = fingerprint(d);
    const n = (seen.get(f) ?? 0) + 1;
    seen.set(f, n);
    return n === 1 ? f : `${f}:${n}`;
  });
}
