// The diff as tables: CSV (one row per change, stable English column names for scripts; under zh the
// words in its cells are Chinese, as export's are) and
// Markdown (for a pull request or a note to the office; headings in the selected language).
import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../diagnostics.js';
import type { Change, Diff } from '../diff-model.js';
import { csvCell } from './csv.js';
import { beforeAfter, groupChanges, onlyStalled, rankTasks } from './diff-stylish.js';
import { kindWord, levelWord, methodWord, summaryLine, word } from './diff-words.js';

export const DIFF_COLUMNS = [
  'kind',
  'level',
  'label',
  'section',
  'task',
  'text',
  'old',
  'new',
  'rate_old',
  'rate_new',
  'rate_delta',
  'rate_computed_old',
  'rate_computed_new',
  'current_old',
  'current_new',
  'current_delta',
  'schedule_old',
  'schedule_new',
  'match',
  'similarity',
  'path',
  'old_path',
] as const;

function row(ch: Change, lang: Lang): (string | number | null)[] {
  const zh = lang === 'zh';
  return [
    zh ? kindWord(ch.kind, lang) : ch.kind,
    zh ? levelWord(ch.level, lang) : ch.level,
    ch.label,
    ch.section,
    ch.task,
    ch.text,
    ch.old,
    ch.new,
    ch.rate?.old ?? null,
    ch.rate?.new ?? null,
    ch.rate?.delta ?? null,
    rounded(ch.rate?.oldComputed),
    rounded(ch.rate?.newComputed),
    ch.current?.old ?? null,
    ch.current?.new ?? null,
    ch.current?.delta ?? null,
    zh ? (ch.schedule?.old ?? null) : (ch.schedule?.oldEn ?? ch.schedule?.old ?? null),
    zh ? (ch.schedule?.new ?? null) : (ch.schedule?.newEn ?? ch.schedule?.new ?? null),
    ch.match ? (zh ? methodWord(ch.match.method, lang) : ch.match.method) : null,
    ch.match?.similarity ?? null,
    ch.path,
    ch.oldPath,
  ];
}

/** A recomputed rate as a person reads it (96.67, not 96.66666666666667); the JSON keeps the full value. */
const rounded = (v: number | null | undefined) => (v == null ? null : Number(v.toFixed(2)));

export function diffCsv(diff: Diff, options: { excel?: boolean; lang?: Lang } = {}): string {
  const lang = options.lang ?? 'en';
  const records = diff.changes.map((ch) => row(ch, lang).map((v) => csvCell(v)));
  const text = stringify([[...DIFF_COLUMNS], ...records], { record_delimiter: options.excel ? '\r\n' : '\n' });
  return options.excel ? `\uFEFF${text}` : text;
}

/** A table cell: no pipes or line breaks. */
const cell = (s: string) =>
  s
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .trim();

export function diffMarkdown(diff: Diff, lang: Lang): string {
  // Chinese punctuation in Chinese: 上期：…（2021 年 7 月）, 推进（重点工作）.
  const [colon, open, close] = lang === 'zh' ? ['：', '（', '）'] : [': ', ' (', ')'];
  let out = `# ${word('title', lang)}\n\n`;
  out += `- ${word('old', lang)}${colon}\`${cell(diff.old.file)}\`${diff.old.date ? `${open}${cell(diff.old.date)}${close}` : ''}\n`;
  out += `- ${word('new', lang)}${colon}\`${cell(diff.new.file)}\`${diff.new.date ? `${open}${cell(diff.new.date)}${close}` : ''}\n\n`;
  out += `${summaryLine(diff.summary, lang)}\n`;
  for (const s of groupChanges(diff.changes)) {
    out += `\n## ${cell(s.title ?? s.section ?? word('otherSection', lang))}\n\n`;
    const moving = rankTasks(s.tasks.filter((t) => !onlyStalled(t)));
    if (moving.length) {
      out += `| ${word('kind', lang)} | ${word('where', lang)} | ${word('what', lang)} | ${word('change', lang)} |\n|---|---|---|---|\n`;
      for (const t of moving)
        for (const ch of t.changes)
          out += `| ${kindWord(ch.kind, lang)}${open}${levelWord(ch.level, lang)}${close} | ${cell(ch.label)} | ${cell(ch.text)} | ${cell(beforeAfter(ch, lang, 200))} |\n`;
    }
    const stalled = s.tasks.filter(onlyStalled);
    if (stalled.length)
      out += `${moving.length ? '\n' : ''}${word('stalledLine', lang)}${colon}${stalled.map((t) => cell(t.changes[0]!.label)).join(lang === 'zh' ? '、' : ', ')}\n`;
  }
  return out;
}
