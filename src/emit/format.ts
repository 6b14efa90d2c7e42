// One entry point for the findings formats of `check` (and of the library's formatFindings).
import type { ChalkInstance } from 'chalk';
import { github } from './github.js';
import { type FileResult, type Show, fatalResult, totals, visible } from './results.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export const FINDINGS_FORMATS = ['stylish', 'json', 'github', 'sarif', 'unix', 'junit', 'gitlab'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

export interface FindingsOptions {
  /** Which severities to include; by default json shows everything, the others errors and warnings. */
  show?: Show;
  chalk?: ChalkInstance;
  version?: string;
  /** Language of the CLI's own words (severities, summary); messages come in the language compiled with. */
  lang?: 'en' | 'zh';
  /** Reporting period (configuration), recorded in json and sarif output. */
  period?: string;
  /** stylish at a terminal: its width (messages wrap to fit); without it, one line per finding. */
  width?: number;
  /** Inputs that could not be read or compiled, when not already among the results as fatal entries. */
  failures?: readonly { file: string; code: string; message: string }[];
}

export function findingsJson(results: readonly FileResult[], show: Show = 'all', period?: string): string {
  const files = results.map((r) => ({
    file: r.file,
    ...(r.fatal ? { fatal: true } : {}),
    errors: r.errors,
    warnings: r.warnings,
    infos: r.infos,
    tasks: r.tasks,
    indicators: r.indicators,
    diagnostics: r.diagnostics.filter((d) => visible(d, show)),
  }));
  // Unusable inputs are results too (their HZ00x finding), and listed apart, so a script sees every file it passed.
  const failures = results
    .filter((r) => r.fatal)
    .map((r) => ({ file: r.file, code: r.diagnostics[0]!.code, message: r.diagnostics[0]!.message }));
  return JSON.stringify({ ...(period ? { period } : {}), files, failures, totals: totals(results) }, null, 2) + '\n';
}

export async function formatFindings(
  given: readonly FileResult[],
  format: FindingsFormat,
  options: FindingsOptions = {},
): Promise<string> {
  const results = options.failures?.length ? [...given, ...options.failures.map(fatalResult)] : given;
  switch (format) {
    case 'stylish': {
      const chalk = options.chalk ?? new (await import('chalk')).Chalk({ level: 0 });
      return stylish(results, { chalk, show: options.show ?? 'problems', lang: options.lang, width: options.width });
    }
    case 'github':
      return github(results, options.show ?? 'problems');
    case 'json':
      return findingsJson(results, options.show ?? 'all', options.period);
    case 'unix':
      return (await import('./unix.js')).unix(results, options.show ?? 'problems', options.lang);
    case 'junit':
      return (await import('./junit.js')).junit(results, options.show ?? 'problems');
    case 'gitlab':
      return (await import('./gitlab.js')).gitlab(results, options.show ?? 'problems');
    case 'sarif':
      return sarif(results, { version: options.version ?? '0.0.0', show: options.show ?? 'problems', period: options.period });
  }
}
