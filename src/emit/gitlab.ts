// GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of issues, each with a
// description, check_name, a fingerprint unique in the report, a severity (info, minor, major,
// critical, blocker) and a location (path relative to the repository, lines.begin >= 1).
import { uniqueFingerprints } from '../fingerprint.js';
import { annotationPath } from './github.js';
import { type FileResult, type Show, visible } from './results.js';

const SEVERITY = { error: 'major', warning: 'minor', info: 'info' } as const;

export function gitlab(results: readonly FileResult[], show: Show = 'problems'): string {
  const issues: unknown[] = [];
  for (const r of results) {
    const path = annotationPath(r.file, process.env.CI_PROJECT_DIR ?? process.env.GITHUB_WORKSPACE);
    const prints = uniqueFingerprints(r.diagnostics);
    r.diagnostics.forEach((d, i) => {
      if (!visible(d, show)) return;
      issues.push({
        type: 'issue',
        description: d.task ? `${d.task} ${d.message}` : d.message,
        check_name: d.code,
        fingerprint: `${path}:${prints[i]}`,
        // An input that could not be read blocks the whole check.
        severity: r.fatal ? 'blocker' : SEVERITY[d.severity],
        location: { path, lines: { begin: Math.max(1, d.line) } },
      });
    });
  }
  return JSON.stringify(issues, null, 2) + '\n';
}
