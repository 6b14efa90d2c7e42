// The exit code of `check` and the one line that says why it is not 0: a CI log must show the reason
// even under --quiet (the findings themselves may all be hidden).
import type { Lang } from '../diagnostics.js';
import { words } from '../i18n.js';
import { exitCodeFor, type FileResult, totals } from './results.js';

export interface CheckExit {
  code: 0 | 1 | 2;
  /** Why the code is not 0, when the findings shown do not say it by themselves; undefined for 0. */
  reason?: string;
}

/** compiled: results of the inputs that compiled; failed: how many could not be read or compiled. */
export function checkExit(compiled: readonly FileResult[], failed: number, maxWarnings: number, lang: Lang = 'en'): CheckExit {
  // Each unusable input already has its own line on stderr (and an entry in the output).
  if (failed) return { code: 2 };
  const t = totals(compiled);
  const code = exitCodeFor(t, maxWarnings);
  if (!code) return { code };
  // Errors are shown by every format, even under --quiet; warnings over the limit may all be hidden.
  if (t.errors) return { code };
  return { code, reason: words(lang).tooManyWarnings(t.warnings, maxWarnings) };
}
