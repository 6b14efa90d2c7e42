// Baselines: accept the findings a report has today and report only new ones. Each finding is recorded
// by its fingerprint (src/fingerprint.ts: code, task and path below it or text, the figures involved;
// no line numbers), so inserting or removing lines does not turn old findings into new ones. Entries
// count identical findings; matching is by fingerprint whatever the file is called (a renamed or copied
// report keeps its baseline).
import { readFileSync } from 'node:fs';
import type { Diagnostic } from './model.js';
import type { FileResult } from './emit/results.js';
import { fingerprint } from './fingerprint.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  /** How many identical findings the baseline accepts. */
  count: number;
  code: string;
  task?: string;
  /** For a reader of the file: where and what it was (not used to match). */
  file: string;
  message: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: 'hzreport';
  entries: BaselineEntry[];
}

/** A baseline that cannot be used: the CLI prints one line naming the file and exits 2. */
export class BaselineError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'BaselineError';
  }
}

/** The baseline of these results (fatal entries are not findings of a report and are left out). */
export function createBaseline(results: readonly FileResult[]): Baseline {
  const byPrint = new Map<string, BaselineEntry>();
  for (const r of results) {
    if (r.fatal) continue;
    for (const d of r.diagnostics) {
      const f = fingerprint(d);
      const e = byPrint.get(f);
      if (e) e.count++;
      else
        byPrint.set(f, {
          fingerprint: f,
          count: 1,
          code: d.code,
          ...(d.task ? { task: d.task } : {}),
          file: r.file,
          message: d.message,
        });
    }
  }
  const entries = [...byPrint.values()].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  return { version: BASELINE_VERSION, tool: 'hzreport', entries };
}

export function readBaseline(file: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(
      file,
      code === 'ENOENT'
        ? 'no such file'
        : code
          ? `cannot read the file (${code})`
          : `not JSON: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const b = doc as Partial<Baseline>;
  if (typeof doc !== 'object' || doc === null || b.tool !== 'hzreport' || !Array.isArray(b.entries))
    throw new BaselineError(file, 'not an hzreport baseline (written by check --write-baseline)');
  if (b.version !== BASELINE_VERSION)
    throw new BaselineError(file, `baseline version ${String(b.version)}; this hzreport reads version ${BASELINE_VERSION}`);
  b.entries.forEach((e, i) => {
    if (typeof e?.fingerprint !== 'string' || !Number.isInteger(e.count) || e.count < 1)
      throw new BaselineError(file, `entries[${i}]: needs a fingerprint and a count >= 1`);
  });
  return b as Baseline;
}

export interface BaselineOutcome {
  results: FileResult[];
  /** Findings the baseline accepted. */
  matched: number;
  /** Baseline findings that no longer occur (fixed, or changed). */
  gone: number;
}

/** The results without the findings the baseline accepts, counts redone. */
export function applyBaseline(results: readonly FileResult[], baseline: Baseline): BaselineOutcome {
  const left = new Map<string, number>();
  for (const e of baseline.entries) left.set(e.fingerprint, (left.get(e.fingerprint) ?? 0) + e.count);
  let matched = 0;
  const out = results.map((r) => {
    if (r.fatal) return r;
    const diagnostics: Diagnostic[] = [];
    for (const d of r.diagnostics) {
      const f = fingerprint(d);
      const n = left.get(f) ?? 0;
      if (n > 0) {
        left.set(f, n - 1);
        matched++;
      } else diagnostics.push(d);
    }
    const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
    return { ...r, diagnostics, errors: count('error'), warnings: count('warning'), infos: count('info') };
  });
  let gone = 0;
  for (const n of left.values()) gone += n;
  return { results: out, matched, gone };
}
