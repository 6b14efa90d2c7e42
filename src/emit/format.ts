// One entry point for the findings formats of `check` (and of the library's formatFindings).
import type { ChalkInstance } from 'chalk';
import { github } from './github.js';
import { type FileResult, type Show, totals, visible } from './results.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export const FINDINGS_FORMATS = ['stylish', 'json', 'github', 'sarif'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

export interface FindingsOptions {
  /** Which severities to include; by default stylish/github show errors and warnings, json/sarif everything. */
  show?: Show;
  chalk?: ChalkInstance;
  version?: string;
  failures?: readonly { file: string; message: string }[];
}

export function findingsJson(results: readonly FileResult[], show: Show = 'all', failures: FindingsOptions['failures'] = []): string {
  const files = results.map((r) => ({
    file: r.file,
    errors: r.errors,
    warnings: r.warnings,
    infos: r.infos,
    tasks: r.tasks,
    indicators: r.indicators,
    diagnostics: r.diagnostics.filter((d) => visible(d, show)),
  }));
  // Unusable inputs are listed too, so a script sees every file it passed (the exit code is 2 then).
  return JSON.stringify({ files, failures, totals: totals(results) }, null, 2) + '\n';
}

export async function formatFindings(results: readonly FileResult[], format: FindingsFormat, options: FindingsOptions = {}): Promise<string> {
  switch (format) {
    case 'stylish': {
      const chalk = options.chalk ?? new (await import('chalk')).Chalk({ level: 0 });
      return stylish(results, { chalk, show: options.show ?? 'problems' });
    }
    case 'github':
      return github(results, options.show ?? 'problems');
    case 'json':
      return findingsJson(results, options.show ?? 'all', options.failures);
    case 'sarif':
      return sarif(results, { version: options.version ?? '0.0.0', show: options.show ?? 'all', failures: options.failures });
  }
}
