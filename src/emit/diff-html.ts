// The change since the previous report, as the HTML report shows it (`hzreport report NEW --previous OLD`):
// beside each task its kinds of change (from the diff library, never matched again here), the rate before and
// after, and how the task was matched when not by equal text; a summary at the top; the tasks only the
// previous report has in a section of their own. Every word in both languages.
import type { Lang } from '../diagnostics.js';
import type { Change, ChangeKind, Diff, MatchMethod, TaskMatch } from '../diff-model.js';
import { CHANGE_KINDS } from '../diff-kinds.js';
import type { Report, Task } from '../model.js';
import { beforeAfter } from './diff-stylish.js';
import { kindWord, levelWord, MARK, methodWord, points, summaryLine, word } from './diff-words.js';

type Esc = (s: string | number | null | undefined) => string;

const W = {
  zh: {
    change: '与上期相比',
    previous: '上期报告',
    since: '与上期报告相比',
    unchanged: '无变化',
    allChanges: '全部（变化）',
    anyChange: '有变化（不含停滞）',
    tasksByKind: '按变化类型统计的重点工作',
    dropped: '上期有、本期无的重点工作',
    droppedNone: '无',
    previousNo: '上期序号',
    previousRate: '上期完成率',
    was: '上期为',
    matchedBy: '匹配',
    similarity: '相似度',
    inside: '其中',
    oldText: '上期表述',
    rateTip: '完成率（填报，缺失时用复算）上期 → 本期，差值为百分点',
  },
  en: {
    change: 'Since previous',
    previous: 'Previous report',
    since: 'Since the previous report',
    unchanged: 'unchanged',
    allChanges: 'All (changes)',
    anyChange: 'Changed (not stalled)',
    tasksByKind: 'Tasks by kind of change',
    dropped: 'Tasks in the previous report only',
    droppedNone: 'none',
    previousNo: 'Previous No.',
    previousRate: 'Previous rate',
    was: 'previously',
    matchedBy: 'matched',
    similarity: 'similarity',
    inside: 'within',
    oldText: 'previous wording',
    rateTip: 'Rate (written, else recomputed) previous → now; the difference in percentage points',
  },
} as const;

/** The changes of one task of the new report. */
export interface TaskChanges {
  /** The task's own changes (stalled included). */
  own: Change[];
  /** Changes of its items and indicators, dropped ones included. */
  inner: Change[];
  match: TaskMatch | undefined;
  /** Every kind in the task, its own and its items' and indicators'. */
  kinds: ChangeKind[];
}

export interface PreviousView {
  diff: Diff;
  oldReport: Report;
  byTask: Map<string, TaskChanges>;
  byPath: Map<string, Change[]>;
  dropped: Change[];
}

/** The diff arranged by task path (new report) and by node path, as the report's rows need it. */
export function previousView(diff: Diff, oldReport: Report): PreviousView {
  const byTask = new Map<string, TaskChanges>();
  const byPath = new Map<string, Change[]>();
  const dropped: Change[] = [];
  for (const m of diff.matches) byTask.set(m.newPath, { own: [], inner: [], match: m, kinds: [] });
  for (const ch of diff.changes) {
    if (ch.kind === 'dropped' && ch.level === 'task') {
      dropped.push(ch);
      continue;
    }
    let t = byTask.get(ch.taskPath);
    if (!t) byTask.set(ch.taskPath, (t = { own: [], inner: [], match: undefined, kinds: [] }));
    (ch.level === 'task' ? t.own : t.inner).push(ch);
    if (ch.kind !== 'dropped') byPath.set(ch.path, [...(byPath.get(ch.path) ?? []), ch]);
  }
  for (const t of byTask.values()) {
    const present = new Set([...t.own, ...t.inner].map((c) => c.kind));
    t.kinds = CHANGE_KINDS.filter((k) => present.has(k));
  }
  return { diff, oldReport, byTask, byPath, dropped };
}

const rateOf = (t: Task | undefined): number | null => t?.rate?.value ?? t?.rate?.computed?.value ?? null;

/**
 * The data attributes a task's row carries for filtering and sorting. The change in points is the diff's where
 * the task's rate moved; a matched task whose rate did not move (a finished or unchanged task, one whose wording or
 * owner changed) is a change of 0 points, so that it sorts among the others rather than after them; a task without
 * a rate before or after (an added task, an unknown rate) has none and stays last in either direction.
 */
export function taskData(tc: TaskChanges | undefined, task: Task, view: PreviousView): [string, string | number][] {
  const moving = tc?.own.find((c) => c.rate?.delta !== null && c.rate?.delta !== undefined);
  let delta: number | '' = moving?.rate?.delta ?? '';
  if (delta === '' && tc?.match) {
    const ov = rateOf(taskAt(view.oldReport, tc.match.oldPath));
    const nv = rateOf(task);
    if (ov !== null && nv !== null) delta = Number((nv - ov).toPrecision(12));
  }
  return [
    ['change', tc?.kinds.join(' ') ?? ''],
    ['changed', tc?.kinds.some((k) => k !== 'stalled') ? 1 : 0],
    ['delta', delta],
  ];
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : `${Number(v.toFixed(2))}%`);

/** "61.50% → 58.92% −2.58 pts": the rate as written (else recomputed) before and after. */
function rateMove(ch: Change, lang: Lang, esc: Esc): string {
  const r = ch.rate;
  if (!r) return '';
  const o = r.old ?? pct(r.oldValue) ?? '—';
  const n = r.new ?? pct(r.newValue) ?? '—';
  const d = r.delta === null ? '' : ` <b class="pts">${esc(points(r.delta, lang))}</b>`;
  return `<span class="ba" title="${esc(W[lang].rateTip)}">${esc(o)} → ${esc(n)}${d}</span>`;
}

/** One kind as a badge: mark and word, with what changed as its tooltip. */
function kindBadge(ch: Change, lang: Lang, esc: Esc): string {
  const tip = [ch.label, beforeAfter(ch, lang, 200)].filter(Boolean).join(': ');
  return `<span class="chg k-${ch.kind}" title="${esc(tip)}">${MARK[ch.kind]} ${esc(kindWord(ch.kind, lang))}</span>`;
}

/** Beside a task: its own kinds with the rate before and after, its items' and indicators' other kinds, how it was matched. */
export function taskChangeCell(tc: TaskChanges | undefined, lang: Lang, esc: Esc): string {
  const w = W[lang];
  const parts: string[] = [];
  if (!tc?.own.length && !tc?.inner.length) parts.push(`<div class="unchanged">${esc(w.unchanged)}</div>`);
  if (!tc) return `<td class="change">${parts.join('')}</td>`;
  let rateShown = false;
  for (const ch of tc.own) {
    let detail = '';
    if (ch.kind === 'advanced' || ch.kind === 'regressed' || ch.kind === 'stalled') {
      if (!rateShown) detail = rateMove(ch, lang, esc);
      rateShown = true;
    } else if (ch.kind === 'owner-changed') detail = `<span class="ba">${esc(ch.old ?? '—')} → ${esc(ch.new ?? '—')}</span>`;
    else if (ch.kind === 'description-changed')
      detail = `<span class="ba old" title="${esc(w.oldText)}: ${esc(ch.old)}">${esc(w.oldText)}: ${esc(clipText(ch.old ?? '', 24))}</span>`;
    parts.push(`<div>${kindBadge(ch, lang, esc)} ${detail}</div>`);
  }
  // Inner changes of a kind the task itself does not show, counted by level.
  const ownKinds = new Set(tc.own.map((c) => c.kind));
  const groups = new Map<string, Change[]>();
  for (const ch of tc.inner) {
    if (ownKinds.has(ch.kind)) continue;
    const key = `${ch.kind}\u0000${ch.level}`;
    groups.set(key, [...(groups.get(key) ?? []), ch]);
  }
  const inner = [...groups.values()]
    .sort((a, b) => CHANGE_KINDS.indexOf(a[0]!.kind) - CHANGE_KINDS.indexOf(b[0]!.kind))
    .map((chs) => {
      const first = chs[0]!;
      const tip = chs.map((c) => [c.label, beforeAfter(c, lang, 200)].filter(Boolean).join(': ')).join('\n');
      const label = `(${levelWord(first.level, lang)}${chs.length > 1 ? ` ×${chs.length}` : ''})`;
      return `<span class="chg k-${first.kind} inner" title="${esc(tip)}">${MARK[first.kind]} ${esc(kindWord(first.kind, lang))} ${esc(label)}</span>`;
    });
  if (inner.length) parts.push(`<div><small>${esc(w.inside)}:</small> ${inner.join(' ')}</div>`);
  const note = matchNote(tc.match, lang, esc);
  if (note) parts.push(note);
  return `<td class="change">${parts.join('')}</td>`;
}

function clipText(s: string, n: number): string {
  const chars = [...s.trim()];
  return chars.length <= n ? chars.join('') : chars.slice(0, n - 1).join('') + '…';
}

/** How a task was matched, when not by equal text under the same number. */
function matchNote(m: TaskMatch | undefined, lang: Lang, esc: Esc): string {
  if (!m || (m.similarity >= 1 && m.label === m.oldLabel)) return '';
  const text =
    howMatched(m.method, m.similarity, lang) +
    (m.label === m.oldLabel ? '' : `${lang === 'zh' ? '；' : '; '}${W[lang].was} ${m.oldLabel}`);
  return `<div class="match${m.similarity < 1 ? ' low' : ''}" title="${esc(text)}">${esc(text)}</div>`;
}

/** "matched by description, similarity 72%" / "按任务说明匹配，相似度 72%". */
function howMatched(method: MatchMethod, similarity: number, lang: Lang): string {
  const w = W[lang];
  const sim = similarity < 1 ? `${lang === 'zh' ? '，' : ', '}${w.similarity} ${Math.round(similarity * 100)}%` : '';
  return lang === 'zh' ? `${methodWord(method, lang)}匹配${sim}` : `${w.matchedBy} ${methodWord(method, lang)}${sim}`;
}

/** The change of one item or indicator in the expanded task, or an empty cell. */
export function nodeChangeCell(view: PreviousView, path: string, lang: Lang, esc: Esc): string {
  const chs = view.byPath.get(path) ?? [];
  if (!chs.length) return '<td class="change"></td>';
  const parts = chs.map((ch) => {
    const moving = ch.kind === 'advanced' || ch.kind === 'regressed';
    const detail = moving
      ? rateMove(ch, lang, esc) || `<span class="ba">${esc(ch.old ?? '—')} → ${esc(ch.new ?? '—')}</span>`
      : ch.kind === 'added'
        ? ''
        : `<span class="ba">${esc(clipText(ch.old ?? '—', 24))} → ${esc(clipText(ch.new ?? '—', 24))}</span>`;
    return `<div>${kindBadge(ch, lang, esc)} ${detail}</div>`;
  });
  const m = chs[0]!.match;
  if (m && m.similarity < 1) parts.push(`<div class="match low">${esc(howMatched(m.method, m.similarity, lang))}</div>`);
  return `<td class="change">${parts.join('')}</td>`;
}

/** Items and indicators of a matched task that only the previous report has: rows at the end of its detail. */
export function droppedInnerRows(view: PreviousView, taskPath: string, lang: Lang, esc: Esc, columns: number): string {
  const tc = view.byTask.get(taskPath);
  return (tc?.inner ?? [])
    .filter((c) => c.kind === 'dropped')
    .map(
      (c) =>
        `<tr class="dropped"><td></td><td colspan="${columns - 2}">${c.level === 'item' ? '' : '↳ '}${esc(c.text)} <small>(${esc(levelWord(c.level, lang))}, ${esc(c.label)})</small></td>${`<td class="change"><div>${kindBadge(c, lang, esc)}</div></td>`}</tr>`,
    )
    .join('');
}

/** The counts at the top: the diff's summary line and the tasks by kind of change. */
export function previousSummary(view: PreviousView, lang: Lang, esc: Esc, tasks: number): string {
  const w = W[lang];
  const d = view.diff;
  const old = view.oldReport;
  const count = new Map<ChangeKind, number>();
  for (const t of view.byTask.values()) for (const k of t.kinds) count.set(k, (count.get(k) ?? 0) + 1);
  count.set('dropped', view.dropped.length);
  const unchanged = tasks - [...view.byTask.values()].filter((t) => t.kinds.length).length;
  const badges = CHANGE_KINDS.map(
    (k) => `<span class="chg k-${k}">${MARK[k]} ${esc(kindWord(k, lang))} <b>${count.get(k) ?? 0}</b></span>`,
  ).join(' ');
  // Chinese punctuation on a Chinese page.
  const [colon, open, close] = lang === 'zh' ? ['：', '（', '）'] : [': ', '(', ')'];
  const none = d.summary.changed + d.summary.added + d.summary.dropped === 0 ? `${word('noChanges', lang)}${colon}` : '';
  const about = [old.title, old.period?.code ? `${old.period.code}` : null, old.source.file].filter(Boolean).join(' · ');
  return `<div id="previous" class="previous"><p><b>${esc(w.since)}</b> <span class="meta">${open}${esc(w.previous)}${colon}${esc(about)}${close}</span></p><p class="sumline">${esc(none + summaryLine(d.summary, lang))}</p><p>${esc(w.tasksByKind)}${colon}${badges} <span class="chg unchanged">${esc(w.unchanged)} <b>${unchanged}</b></span></p></div>`;
}

/** The tasks only the previous report has, with their unit and rate as it stood. */
export function droppedSection(view: PreviousView, lang: Lang, esc: Esc, words: { task: string; owner: string }): string {
  const w = W[lang];
  const rows = view.dropped
    .map((ch) => {
      const t = taskAt(view.oldReport, ch.path);
      const rate = t?.rate?.text ?? pct(t?.rate?.computed?.value) ?? '—';
      return `<tr><td class="num">${esc(ch.label)}</td><td>${esc(ch.text)}</td><td>${esc(t?.owner ?? '')}</td><td class="num">${esc(rate)}</td><td>${kindBadge(ch, lang, esc)}</td></tr>`;
    })
    .join('');
  const body = view.dropped.length
    ? `<table class="dropped-tasks"><thead><tr><th>${esc(w.previousNo)}</th><th>${esc(words.task)}</th><th>${esc(words.owner)}</th><th>${esc(w.previousRate)}</th><th>${esc(w.change)}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>${esc(w.droppedNone)}</p>`;
  return `<section id="dropped"><h2>${esc(w.dropped)} (${view.dropped.length})</h2>\n${body}\n</section>\n`;
}

/** A task of a report by its JSON pointer (/sections/i/groups/j/tasks/k). */
function taskAt(r: Report, path: string): Task | undefined {
  const m = /^\/sections\/(\d+)\/groups\/(\d+)\/tasks\/(\d+)$/.exec(path);
  return m ? r.sections[+m[1]!]?.groups[+m[2]!]?.tasks[+m[3]!] : undefined;
}

/** The change filter: any change, each kind the report has, unchanged. */
export function changeFilter(view: PreviousView, lang: Lang, esc: Esc): string {
  const w = W[lang];
  const present = new Set([...view.byTask.values()].flatMap((t) => t.kinds));
  const kinds = CHANGE_KINDS.filter((k) => present.has(k));
  const opts = [
    `<option value="">${esc(w.allChanges)}</option>`,
    `<option value="changed">${esc(w.anyChange)}</option>`,
    ...kinds.map((k) => `<option value="${k}">${MARK[k]} ${esc(kindWord(k, lang))}</option>`),
    `<option value="unchanged">${esc(w.unchanged)}</option>`,
  ].join('');
  return `<select id="ch" aria-label="${esc(w.change)}">${opts}</select>`;
}

export const changeHeading = (lang: Lang) => W[lang].change;

export const CHANGE_STYLE = `td.change{min-width:11em;max-width:22em;font-size:13px}td.change>div{margin:1px 0}
.chg{display:inline-block;border-radius:4px;padding:0 5px;font-size:12px;white-space:nowrap;border:1px solid #b0bec5;background:#fff}
.k-regressed{background:#c62828;border-color:#c62828;color:#fff;font-weight:700}.k-advanced{color:#2e7d32;border-color:#2e7d32}
.k-stalled{color:#616161}.k-target-changed,.k-owner-changed,.k-description-changed{color:#ef6c00;border-color:#ef6c00}
.k-added{color:#00838f;border-color:#00838f}.k-dropped{color:#8e24aa;border-color:#8e24aa}.chg.inner{font-size:11px}
.ba{white-space:nowrap}.ba.old{white-space:normal;color:#546e7a}.pts{font-weight:600}.k-regressed~.ba .pts{color:#c62828}
.unchanged{color:#90a4ae}.match{color:#546e7a;font-size:12px}.match.low{color:#ef6c00}
tbody.task.regressed>tr.row>td{background:#ffebee}tbody.task.regressed>tr.row>td:first-child{box-shadow:inset 4px 0 #c62828}
tr.dropped td{color:#8e24aa;text-decoration:line-through}tr.dropped td.change{text-decoration:none}
.previous{border:1px solid #cfd8dc;border-radius:6px;padding:4px 12px;margin:12px 0}.previous p{margin:4px 0}.sumline{font-weight:600}
@media (max-width:900px){td.change{min-width:9em}}
@media (max-width:600px){#tasks>tbody>tr.row>td.change,.inner td.change{flex:1 1 100%;min-width:0;max-width:none}.ba{white-space:normal}
tbody.task.regressed>tr.row{background:#ffebee;box-shadow:inset 4px 0 #c62828}tbody.task.regressed>tr.row>td:first-child{box-shadow:none}
#dropped table{display:block;overflow-x:auto}}`;

/** The page's script with the change filter added to the status and text filters. */
export function withChangeFilter(script: string): string {
  const edits: [string, string][] = [
    [`n=document.getElementById('n');`, `n=document.getElementById('n'),ch=document.getElementById('ch');`],
    [
      `const ok=(!v||x.dataset.status===v)`,
      `const w=ch.value,ok=(!w||(w==='changed'?x.dataset.changed==='1':w==='unchanged'?x.dataset.change==='':x.dataset.change.split(' ').includes(w)))&&(!v||x.dataset.status===v)`,
    ],
    [`f.addEventListener('change',apply);`, `f.addEventListener('change',apply);ch.addEventListener('change',apply);`],
  ];
  let out = script;
  for (const [from, to] of edits) {
    if (!out.includes(from)) throw new Error(`html report script: ${from} not found`);
    out = out.replace(from, to);
  }
  return out;
}
