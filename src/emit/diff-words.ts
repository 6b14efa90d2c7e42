// Every word the human diff formats (stylish, md) show, in both languages.
import type { Lang } from '../diagnostics.js';
import type { ChangeKind, Counts, Diff, Level, MatchMethod } from '../diff-model.js';

const KIND: Record<ChangeKind, Record<Lang, string>> = {
  regressed: { en: 'regressed', zh: '退步' },
  advanced: { en: 'advanced', zh: '推进' },
  stalled: { en: 'stalled', zh: '停滞' },
  'target-changed': { en: 'target changed', zh: '目标变更' },
  'owner-changed': { en: 'owner changed', zh: '责任单位变更' },
  'description-changed': { en: 'description changed', zh: '表述变更' },
  added: { en: 'added', zh: '新增' },
  dropped: { en: 'dropped', zh: '删除' },
};

export const MARK: Record<ChangeKind, string> = {
  regressed: '▼',
  advanced: '▲',
  stalled: '■',
  'target-changed': '≠',
  'owner-changed': '≠',
  'description-changed': '≠',
  added: '+',
  dropped: '−',
};

const LEVEL: Record<Level, Record<Lang, string>> = {
  task: { en: 'task', zh: '重点工作' },
  item: { en: 'item', zh: '细化项目' },
  indicator: { en: 'indicator', zh: '量化指标' },
};

const METHOD: Record<MatchMethod, Record<Lang, string>> = {
  number: { en: 'by number', zh: '按序号' },
  description: { en: 'by description', zh: '按任务说明' },
  name: { en: 'by name', zh: '按指标名称' },
  ordinal: { en: 'by ordinal', zh: '按序号' },
  title: { en: 'by title', zh: '按标题' },
  position: { en: 'by position', zh: '按位置' },
};

/** How a match was made: "by description" / "按任务说明". */
export const methodWord = (m: MatchMethod, lang: Lang) => METHOD[m][lang];
export const kindWord = (k: ChangeKind, lang: Lang) => KIND[k][lang];
export const levelWord = (l: Level, lang: Lang) => LEVEL[l][lang];

const WORDS = {
  comparing: { en: 'comparing', zh: '比较' },
  noChanges: { en: 'no changes', zh: '无变化' },
  current: { en: 'current', zh: '当前值' },
  rate: { en: 'rate', zh: '完成率' },
  schedule: { en: 'schedule', zh: '进度' },
  stalledLine: { en: 'stalled (unfinished, nothing moved)', zh: '停滞（未完成且无进展）' },
  otherSection: { en: '(no section)', zh: '(无部分)' },
  kind: { en: 'kind', zh: '类型' },
  where: { en: 'where', zh: '位置' },
  what: { en: 'what', zh: '内容' },
  before: { en: 'before', zh: '之前' },
  after: { en: 'after', zh: '之后' },
  change: { en: 'change', zh: '变化' },
  title: { en: 'Changes between two reports', zh: '两期报告的变化' },
  old: { en: 'old', zh: '上期' },
  new: { en: 'new', zh: '本期' },
} as const;

export const word = (w: keyof typeof WORDS, lang: Lang) => WORDS[w][lang];

/** "+35.4 pts" / "+35.4 个百分点". */
export function points(delta: number, lang: Lang): string {
  const n = `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Number(Math.abs(delta).toFixed(2))}`;
  return lang === 'zh' ? `${n} 个百分点` : `${n} pts`;
}

/** The closing summary: "1938 matched, 0 added, 0 dropped, 0 changed, 164 tasks stalled". */
export function summaryLine(s: Diff['summary'], lang: Lang): string {
  const t: Counts = s.tasks;
  if (lang === 'zh')
    return `已匹配 ${s.matched} 项（重点工作 ${t.matched}），新增 ${s.added}，删除 ${s.dropped}，变化 ${s.changed}，停滞的重点工作 ${s.stalled}`;
  return `${s.matched} matched (${t.matched} tasks), ${s.added} added, ${s.dropped} dropped, ${s.changed} changed, ${s.stalled} task${s.stalled === 1 ? '' : 's'} stalled`;
}
