// ESLint-like "stylish" output: findings grouped by file, `line:col  severity  message  code`,
// and a closing summary line. Colours come from the chalk instance the CLI configured.
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../model.js';
import { type FileResult, type Show, totals, visible } from './results.js';
import { displayWidth, padEnd, printable } from './text.js';

export interface StylishOptions {
  show?: Show;
  /** chalk instance (level 0 = no colour). */
  chalk: ChalkInstance;
  lang?: 'en' | 'zh';
}

/** Widest message (in terminal columns) the code column is aligned after. */
const MESSAGE_COLUMN = 80;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function location(d: Pick<Diagnostic, 'line' | 'column'>): string {
  return d.column > 0 ? `${d.line}:${d.column}` : `${d.line}`;
}

export function stylish(results: readonly FileResult[], options: StylishOptions): string {
  const { chalk } = options;
  const show = options.show ?? 'problems';
  const severity = (s: string) =>
    s === 'error' ? chalk.red('error') : s === 'warning' ? chalk.yellow('warning') : chalk.blue('info');
  let out = '';
  for (const r of results) {
    const shown = r.diagnostics.filter((d) => visible(d, show));
    if (!shown.length) continue;
    const rows = shown.map((d) => [location(d), d.severity, printable(d.message), d.code] as const);
    // Loops, not Math.max(...rows): a file can have more findings than a call has room for arguments.
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    for (const x of rows) {
      w0 = Math.max(w0, x[0].length);
      w1 = Math.max(w1, x[1].length);
      // Codes line up in a column, but one long message does not push every code off the screen.
      if (w2 < MESSAGE_COLUMN) w2 = Math.min(MESSAGE_COLUMN, Math.max(w2, displayWidth(x[2])));
    }
    out += `\n${chalk.underline(printable(r.file))}\n`;
    for (const [loc, sev, msg, code] of rows) {
      const sevCell = severity(sev) + ' '.repeat(w1 - sev.length);
      out += `  ${chalk.dim(loc.padStart(w0))}  ${sevCell}  ${padEnd(msg, w2)}  ${chalk.dim(code)}\n`;
    }
  }
  const t = totals(results);
  const problems = t.errors + (show === 'errors' ? 0 : t.warnings) + (show === 'all' ? t.infos : 0);
  const hidden = show === 'all' ? 0 : t.infos + (show === 'errors' ? t.warnings : 0);
  const note = hidden ? chalk.dim(` (${plural(hidden, 'more finding')} hidden: ${show === 'errors' ? 'drop --quiet' : 'use --verbose'})`) : '';
  if (problems === 0) {
    out += `${chalk.green('✔')} no problems in ${plural(t.files, 'file')}${note}\n`;
    return out;
  }
  const parts = [plural(t.errors, 'error')];
  if (show !== 'errors') parts.push(plural(t.warnings, 'warning'));
  if (show === 'all') parts.push(plural(t.infos, 'info'));
  // Infos are repairs the compiler made, not problems in the report: call them findings when shown.
  const noun = show === 'all' ? 'finding' : 'problem';
  const warned = show !== 'errors' && t.warnings > 0;
  const mark = t.errors ? chalk.red.bold('✖') : warned ? chalk.yellow.bold('✖') : chalk.blue.bold('ℹ');
  const headline = `${plural(problems, noun)} (${parts.join(', ')})`;
  out += `\n${mark} ${t.errors ? chalk.red.bold(headline) : warned ? chalk.yellow.bold(headline) : headline} in ${plural(t.files, 'file')}${note}\n`;
  return out;
}
