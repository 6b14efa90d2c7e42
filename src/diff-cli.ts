// `hzreport diff OLD NEW`: compile both reports, match them and print what changed. Kept out of
// src/cli.ts (which only declares the command) and loaded only when the command runs.
import type { ChalkInstance } from 'chalk';
import type { Lang } from './diagnostics.js';
import type { ChangeKind } from './diff-model.js';
import { CHANGE_KINDS } from './diff-kinds.js';

export const DIFF_FORMATS = ['stylish', 'json', 'csv', 'md'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffCommandOptions {
  format: DiffFormat;
  failOn?: ChangeKind[];
  threshold?: number;
  output?: string;
  lang: Lang;
  encoding?: string;
  chalk: ChalkInstance;
}

/** `-o changes.json` means JSON without saying --format; a terminal's stylish otherwise. */
export function formatFromName(out: string | undefined): DiffFormat {
  const ext = /\.([a-z]+)$/i.exec(out ?? '')?.[1]?.toLowerCase();
  return ext === 'json' ? 'json' : ext === 'csv' ? 'csv' : ext === 'md' || ext === 'markdown' ? 'md' : 'stylish';
}

/** `--fail-on regressed,target-changed` → the kinds; an unknown word is a usage error (thrown as Error). */
export function parseKinds(value: string): ChangeKind[] {
  const kinds = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = kinds.filter((k) => !(CHANGE_KINDS as readonly string[]).includes(k));
  if (bad.length || !kinds.length) throw new Error(`expected a comma-separated list of: ${CHANGE_KINDS.join(', ')}`);
  return kinds as ChangeKind[];
}

export function parseThreshold(value: string): number {
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || n < 0 || n > 1) throw new Error('expected a number from 0 to 1');
  return n;
}

/** Exit code: 0, 1 when a change of a --fail-on kind was found, 2 when an input is unusable. */
export async function runDiff(
  oldFile: string,
  newFile: string,
  opts: DiffCommandOptions,
  err: (line: string) => void,
): Promise<number> {
  if (oldFile === '-' && newFile === '-') {
    err('hzreport: -: standard input can be only one of the two reports');
    return 2;
  }
  const { compileInput, failureLine, isFailure } = await import('./batch.js');
  const reports = [];
  for (const file of [oldFile, newFile]) {
    const outcome = await compileInput(file, { lang: opts.lang, encoding: opts.encoding });
    if (isFailure(outcome)) {
      err(failureLine(outcome.failure));
      return 2;
    }
    reports.push(outcome.report);
  }
  const { diffReports, hasKinds } = await import('./diff.js');
  const diff = diffReports(reports[0]!, reports[1]!, { threshold: opts.threshold });
  let text: string;
  if (opts.format === 'json') text = JSON.stringify(diff, null, 2) + '\n';
  else if (opts.format === 'csv') text = (await import('./emit/diff-table.js')).diffCsv(diff, { lang: opts.lang });
  else if (opts.format === 'md') text = (await import('./emit/diff-table.js')).diffMarkdown(diff, opts.lang);
  else {
    // At a terminal the changes fit its width; into a pipe or a file, one line each.
    const width = !opts.output && process.stdout.isTTY ? process.stdout.columns : undefined;
    text = (await import('./emit/diff-stylish.js')).diffStylish(diff, { chalk: opts.chalk, lang: opts.lang, width });
  }
  (await import('./output.js')).emit(text, opts.output, { inputs: [oldFile, newFile] }); // -o onto a report is refused
  return opts.failOn && hasKinds(diff, opts.failOn) ? 1 : 0;
}
