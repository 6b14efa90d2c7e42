// ESLint-like "stylish" output: findings grouped by file, `line:col  severity  message  code`,
// and a closing summary line. Colours come from the chalk instance the CLI configured.
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../model.js';
import { type FileResult, type Show, totals, visible } from './results.js';
import { displayWidth, padEnd, printable, wrap } from './text.js';
import { severityWord, words } from '../i18n.js';

export interface StylishOptions {
  show?: Show;
  /** chalk instance (level 0 = no colour). */
  chalk: ChalkInstance;
  lang?: 'en' | 'zh';
  /**
   * The terminal's width: messages wrap in their column so that every line fits, the code at the end of the
   * first. Without it (a pipe, a file) each finding is one line, for grep.
   */
  width?: number;
}

/** Widest message (in terminal columns) the code column is aligned after. */
const MESSAGE_COLUMN = 80;

export function location(d: Pick<Diagnostic, 'line' | 'column'>): string {
  return d.column > 0 ? `${d.line}:${d.column}` : `${d.line}`;
}

export function stylish(results: readonly FileResult[], options: StylishOptions): string {
  const { chalk } = options;
  const show = options.show ?? 'problems';
  const lang = options.lang ?? 'en';
  const w = words(lang);
  const severity = (s: string) => {
    const word = severityWord(s, lang);
    return s === 'error' ? chalk.red(word) : s === 'warning' ? chalk.yellow(word) : chalk.blue(word);
  };
  let out = '';
  for (const r of results) {
    const shown = r.diagnostics.filter((d) => visible(d, show));
    if (!shown.length) continue;
    // The task (四.81) before the message: where an analyst looks it up in the report.
    const rows = shown.map(
      (d) =>
        [location(d), severityWord(d.severity, lang), printable(d.message), d.code, printable(d.task ?? ''), d.severity] as const,
    );
    // Loops, not Math.max(...rows): a file can have more findings than a call has room for arguments.
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let w4 = 0;
    for (const x of rows) {
      w0 = Math.max(w0, x[0].length);
      w1 = Math.max(w1, displayWidth(x[1]));
      w4 = Math.max(w4, displayWidth(x[4]));
      // Codes line up in a column, but one long message does not push every code off the screen.
      if (w2 < MESSAGE_COLUMN) w2 = Math.min(MESSAGE_COLUMN, Math.max(w2, displayWidth(x[2])));
    }
    out += `\n${chalk.underline(printable(r.file))}\n`;
    // At a terminal: the message column as wide as the terminal leaves once the other columns are placed.
    const lead = 2 + w0 + 2 + w1 + 2 + (w4 ? w4 + 2 : 0);
    const room = options.width === undefined ? undefined : Math.max(20, options.width - lead - 2 - 5);
    if (room !== undefined) w2 = Math.min(w2, room);
    for (const [loc, word, msg, code, task, sev] of rows) {
      const sevCell = severity(sev) + ' '.repeat(w1 - displayWidth(word));
      const taskCell = w4 ? `${padEnd(task, w4)}  ` : '';
      const lines = room !== undefined && displayWidth(msg) > room ? wrap(msg, room, false) : [msg];
      out += `  ${chalk.dim(loc.padStart(w0))}  ${sevCell}  ${taskCell}${padEnd(lines[0]!, w2)}  ${chalk.dim(code)}\n`;
      for (const l of lines.slice(1)) out += `${' '.repeat(lead)}${l}\n`;
    }
  }
  const t = totals(results);
  const problems = t.errors + (show === 'errors' ? 0 : t.warnings) + (show === 'all' ? t.infos : 0);
  const hidden = show === 'all' ? 0 : t.infos + (show === 'errors' ? t.warnings : 0);
  const note = (t.fatal ? chalk.red(w.unusable(t.fatal)) : '') + (hidden ? chalk.dim(w.hidden(hidden, show === 'errors')) : '');
  if (problems === 0) {
    out += `${chalk.green('✔')} ${w.noProblems(w.files(t.files))}${note}\n`;
    return out;
  }
  const parts = [w.errors(t.errors)];
  if (show !== 'errors') parts.push(w.warnings(t.warnings));
  if (show === 'all') parts.push(w.infos(t.infos));
  // Infos are repairs the compiler made, not problems in the report: call them findings when shown.
  const count = show === 'all' ? w.findings(problems) : w.problems(problems);
  const warned = show !== 'errors' && t.warnings > 0;
  const mark = t.errors ? chalk.red.bold('✖') : warned ? chalk.yellow.bold('✖') : chalk.blue.bold('ℹ');
  const headline = lang === 'zh' ? `${count}（${parts.join('，')}）` : `${count} (${parts.join(', ')})`;
  const styled = t.errors ? chalk.red.bold(headline) : warned ? chalk.yellow.bold(headline) : headline;
  // At a terminal, what is hidden goes on a line of its own when the closing line would not fit.
  const plain = `✖ ${w.inFiles(headline, w.files(t.files))}${t.fatal ? w.unusable(t.fatal) : ''}${hidden ? w.hidden(hidden, show === 'errors') : ''}`;
  const trimmedNote =
    (t.fatal ? chalk.red(w.unusable(t.fatal).trimStart()) : '') +
    (hidden ? chalk.dim(t.fatal ? w.hidden(hidden, show === 'errors') : w.hidden(hidden, show === 'errors').trimStart()) : '');
  const sep = options.width !== undefined && displayWidth(plain) > options.width ? '\n  ' : '';
  out += `\n${mark} ${w.inFiles(styled, w.files(t.files))}${sep}${sep ? trimmedNote : note}\n`;
  return out;
}
