// The diff for people at a terminal: grouped by section, then by task; in each section the tasks with
// a regression first, then the largest movements; stalled tasks on one line per section.
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../diagnostics.js';
import type { Change, Diff } from '../diff-model.js';
import { kindWord, MARK, points, summaryLine, word } from './diff-words.js';
import { displayWidth, padEnd, printable, truncate, wrap } from './text.js';

export interface DiffStylishOptions {
  chalk: ChalkInstance;
  lang: Lang;
  /**
   * The terminal's width: a change whose line would be wider goes on under its label, its figures on lines of
   * their own. Without it (output into a pipe or a file) every change is one line, for grep.
   */
  width?: number;
}

/** Text cut to `width` terminal columns, with an ellipsis when cut. */
export function clip(s: string, width: number): string {
  return truncate(printable(s).trim(), width);
}

export interface TaskGroup {
  taskPath: string;
  changes: Change[];
}

export interface SectionGroup {
  section: string | null;
  title: string | null;
  tasks: TaskGroup[];
}

/** Changes by section (in order of appearance), then by task. */
export function groupChanges(changes: readonly Change[]): SectionGroup[] {
  const sections: SectionGroup[] = [];
  const byKey = new Map<string, SectionGroup>();
  const tasks = new Map<string, TaskGroup>();
  for (const ch of changes) {
    const key = `${ch.section ?? ''}\u0000${ch.sectionTitle ?? ''}`;
    let s = byKey.get(key);
    if (!s) {
      s = { section: ch.section, title: ch.sectionTitle, tasks: [] };
      byKey.set(key, s);
      sections.push(s);
    }
    const tkey = `${key}\u0000${ch.kind === 'dropped' && ch.level === 'task' ? 'old' : 'new'}${ch.taskPath}`;
    let t = tasks.get(tkey);
    if (!t) {
      t = { taskPath: ch.taskPath, changes: [] };
      tasks.set(tkey, t);
      s.tasks.push(t);
    }
    t.changes.push(ch);
  }
  return sections;
}

const worst = (t: TaskGroup) =>
  Math.min(0, ...t.changes.filter((c) => c.kind === 'regressed').map((c) => c.rate?.delta ?? -Infinity));
const largest = (t: TaskGroup) => Math.max(0, ...t.changes.map((c) => Math.abs(c.rate?.delta ?? 0)));
const regresses = (t: TaskGroup) => t.changes.some((c) => c.kind === 'regressed');
export const onlyStalled = (t: TaskGroup) => t.changes.every((c) => c.kind === 'stalled');

/** Tasks with a regression first (the deepest first), then the largest movements, then report order. */
export function rankTasks(tasks: readonly TaskGroup[]): TaskGroup[] {
  return tasks
    .map((t, i) => ({ t, i }))
    .sort(
      (a, b) =>
        Number(regresses(b.t)) - Number(regresses(a.t)) || worst(a.t) - worst(b.t) || largest(b.t) - largest(a.t) || a.i - b.i,
    )
    .map((x) => x.t);
}

/** "85.4% → 80.1%  −5.3 pts", "3 亿元 → 4 亿元", or the text added or dropped. */
export function beforeAfter(ch: Change, lang: Lang, width = 36): string {
  return beforeAfterParts(ch, lang, width).join('  ');
}

/** The parts of beforeAfter: the move, the points, the current values, the schedule. */
function beforeAfterParts(ch: Change, lang: Lang, width = 36): string[] {
  if (ch.kind === 'added' || ch.kind === 'dropped') return [];
  const arrow = `${clip(ch.old ?? '—', width)} → ${clip(ch.new ?? '—', width)}`;
  const parts = [arrow];
  if ((ch.kind === 'advanced' || ch.kind === 'regressed') && ch.rate?.delta) parts.push(points(ch.rate.delta, lang));
  if (
    (ch.kind === 'advanced' || ch.kind === 'regressed') &&
    ch.current?.delta &&
    (ch.current.old !== ch.old || ch.current.new !== ch.new)
  )
    parts.push(`${word('current', lang)} ${clip(ch.current.old ?? '—', 20)} → ${clip(ch.current.new ?? '—', 20)}`);
  const sc = ch.schedule;
  if (sc && sc.old !== sc.new) {
    // The document's status is Chinese; English output uses statusEn when the report gives it.
    const [o, n] = lang === 'en' ? [sc.oldEn ?? sc.old, sc.newEn ?? sc.new] : [sc.old, sc.new];
    parts.push(`${word('schedule', lang)} ${o ?? '—'} → ${n ?? '—'}`);
  }
  return parts;
}

/** Parts on lines no wider than `width` (two spaces between parts on a line); a part wider is a line alone. */
function fill(parts: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    if (last !== undefined && displayWidth(last) + 2 + displayWidth(part) <= width) lines[lines.length - 1] = `${last}  ${part}`;
    else lines.push(part);
  }
  return lines;
}

export function diffStylish(diff: Diff, options: DiffStylishOptions): string {
  const { chalk, lang } = options;
  const paint = (ch: Change, s: string) =>
    ch.kind === 'regressed'
      ? chalk.red(s)
      : ch.kind === 'advanced'
        ? chalk.green(s)
        : ch.kind === 'added'
          ? chalk.cyan(s)
          : ch.kind === 'dropped'
            ? chalk.magenta(s)
            : chalk.yellow(s);
  // A fold, not Math.max(...changes): a large diff has more changes than a call has room for arguments.
  const kindWidth = diff.changes.reduce(
    (w, c) => (c.kind === 'stalled' ? w : Math.max(w, displayWidth(kindWord(c.kind, lang)))),
    0,
  );
  const [oldFile, newFile] = [printable(diff.old.file), printable(diff.new.file)];
  const head = `${word('comparing', lang)} ${oldFile} → ${newFile}`;
  // At a terminal too narrow for both names, the new one under the old.
  const arrow = options.width !== undefined && displayWidth(head) > options.width ? '\n  → ' : ' → ';
  let out = `${word('comparing', lang)} ${chalk.underline(oldFile)}${arrow}${chalk.underline(newFile)}\n`;
  for (const s of groupChanges(diff.changes)) {
    const moving = rankTasks(s.tasks.filter((t) => !onlyStalled(t)));
    const stalled = s.tasks.filter(onlyStalled);
    out += `\n${chalk.bold(printable(s.title ?? s.section ?? word('otherSection', lang)))}\n`;
    for (const t of moving) {
      for (const ch of t.changes) {
        // The kind column stays put; items and indicators are indented under their task.
        const indent = ch.level === 'task' ? '' : ch.level === 'item' ? '  ' : '    ';
        const headText = `${MARK[ch.kind]} ${padEnd(kindWord(ch.kind, lang), kindWidth)}`;
        const head = paint(ch, headText);
        const text = ch.level === 'indicator' ? '' : ` ${clip(ch.text, 30)}`;
        const ba = beforeAfter(ch, lang);
        const lead = 2 + displayWidth(headText) + 2 + indent.length;
        const first = `${printable(ch.label)}${text}`;
        const oneLine = lead + displayWidth(first) + (ba ? 2 + displayWidth(ba) : 0);
        if (options.width === undefined || oneLine <= options.width) {
          out += `  ${head}  ${indent}${chalk.dim(printable(ch.label))}${text}${ba ? `  ${ba}` : ''}\n`;
          continue;
        }
        // Too wide for the terminal: the label and text on the first line (cut to fit), the figures under it.
        const room = Math.max(20, options.width - lead);
        const cut = truncate(first, room);
        const label = cut.startsWith(printable(ch.label)) ? printable(ch.label) : cut;
        out += `  ${head}  ${indent}${chalk.dim(label)}${cut.slice(label.length)}\n`;
        const pad = ' '.repeat(lead + 2);
        const parts = beforeAfterParts(ch, lang, Math.max(8, Math.floor((room - 2 - 3) / 2)));
        for (const l of fill(parts, room - 2)) out += `${pad}${l}\n`;
      }
    }
    if (stalled.length) {
      // Chinese punctuation in Chinese: 停滞（…）：1、2、3.
      const [colon, comma] = lang === 'zh' ? ['：', '、'] : [': ', ', '];
      const line = `${MARK.stalled} ${word('stalledLine', lang)}${colon}${stalled.map((t) => t.changes[0]!.task ?? '?').join(comma)}`;
      const lines = options.width === undefined ? [line] : wrap(line, Math.max(20, options.width - 4), false);
      out += lines.map((l, i) => `${i ? '    ' : '  '}${chalk.dim(l)}\n`).join('');
    }
  }
  const s = diff.summary;
  const mark =
    s.changed + s.added + s.dropped === 0 ? chalk.green('✔') : s.kinds.regressed ? chalk.red.bold('✖') : chalk.yellow.bold('●');
  const none = s.changed + s.added + s.dropped === 0 ? `${word('noChanges', lang)}${lang === 'zh' ? '：' : ': '}` : '';
  out += `\n${mark} ${none}${summaryLine(s, lang)}\n`;
  return out;
}
