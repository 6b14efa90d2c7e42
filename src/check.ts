// Stage 7: findings across the tree. Section 三 restates tasks of section 二 (and any section may restate
// another's): the same sub-item reported twice must carry the same figures (HZ401).
//
// Restated tasks are not worded alike (二.1 "大力推进杭州城西科创大走廊建设" is 三.1 "努力打造…创新策源地"),
// but their sub-items are copied, so matching is done on sub-item descriptions: equal after normalisation
// (width, white space, punctuation), or sharing most character bigrams (Dice ≥ 0.75, each the other's best match).
import type { Diagnostic, Indicator, Item, Location, Rate, Report, Section, Task } from './model.js';
import { diag } from './diagnostics.js';
import { halfWidth, unitKey, unitKind } from './quantity.js';

const SIMILAR = 0.75;
const RARE_GRAMS = 8;
// A bigram in at most this many items is rare enough to look candidates up by (a task is restated a few times
// at most); text made only of common bigrams is too generic to call a restatement. This bounds the work.
const RARE_DF = 12;

export function normalizeText(s: string): string {
  return halfWidth(s)
    .replace(/<[^>]*>/g, '')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

/** The text's character bigrams as sorted numbers (a multiset): cheap to intersect, nothing to hash. */
function bigrams(s: string): Int32Array {
  const out = new Int32Array(Math.max(0, s.length - 1));
  for (let i = 0; i + 1 < s.length; i++) out[i] = (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
  return out.sort();
}

/** Dice coefficient over character bigrams (1 = same text). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  return dice(bigrams(a), bigrams(b));
}

function dice(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let common = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! === b[j]!) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

interface ItemRef {
  section: string;
  sectionIndex: number;
  task: Task;
  item: Item;
  path: string;
  norm: string;
}

const sameText = (a: string | null | undefined, b: string | null | undefined) => normalizeText(a ?? '') === normalizeText(b ?? '');

function rateText(r: Rate | null): string {
  return r?.text.trim() || '—';
}

/** Two figures agree when both are written with the same value (73.1% = 73.10%) or the same text. */
function sameRate(a: Rate | null, b: Rate | null): boolean {
  if (!a || !b) return true; // a missing figure is reported elsewhere (HZ304), not as a disagreement
  if (a.value !== null && b.value !== null) return Math.abs(a.value - b.value) < 1e-9;
  return sameText(a.text, b.text);
}

function sameQuantity(a: Indicator['target'], b: Indicator['target']): boolean {
  if (!a || !b) return true;
  if (a.value !== null && b.value !== null) return Math.abs(a.value - b.value) < 1e-9 * Math.max(1, Math.abs(a.value));
  return sameText(a.text, b.text);
}

export function checkReport(report: Report): Diagnostic[] {
  const out: Diagnostic[] = [];
  const refs: ItemRef[] = [];
  report.sections.forEach((section, i) =>
    section.groups.forEach((group, j) =>
      group.tasks.forEach((task, k) =>
        task.items.forEach((item, l) => {
          const norm = normalizeText(item.description);
          if (norm.length >= 6) refs.push({ section: section.ordinal ?? String(i + 1), sectionIndex: i, task, item, path: `/sections/${i}/groups/${j}/tasks/${k}/items/${l}`, norm });
        }),
      ),
    ),
  );

  // Each item is paired with the earlier item of another section that it is most like, if similar enough;
  // when several items of one section pick the same earlier item, only the most similar keeps it (so 杭嘉… and
  // 杭绍…一体化示范区建设方案, 0.87 alike, pair with their exact twins, not with each other).
  // Candidates come from an inverted index of character bigrams, so only items sharing text are compared.
  const grams = refs.map((r) => bigrams(r.norm));
  // Document frequency of each bigram; an item is looked up by a few of its rare bigrams only (a restatement
  // shares most of its bigrams, so it shares rare ones), which keeps common ones (建设, 完成) from making the
  // candidate lists quadratic.
  const distinct = (g: Int32Array) => g.filter((v, i) => i === 0 || v !== g[i - 1]);
  const keys = grams.map(distinct);
  const df = new Map<number, number>();
  for (const k of keys) for (const b of k) df.set(b, (df.get(b) ?? 0) + 1);
  const index = new Map<number, number[]>();
  const chosen = new Map<string, { n: number; m: number; score: number }>();
  grams.forEach((g, n) => {
    const ref = refs[n]!;
    let rare: number[] = [];
    for (const b of keys[n]!) if (df.get(b)! <= RARE_DF) rare.push(b);
    // spread over the text, so that a reworded start or end does not hide the restatement
    if (rare.length > RARE_GRAMS) rare = Array.from({ length: RARE_GRAMS }, (_, i) => rare[Math.floor((i * rare.length) / RARE_GRAMS)]!);
    const cands = new Set<number>();
    for (const b of rare) for (const m of index.get(b) ?? []) if (refs[m]!.sectionIndex !== ref.sectionIndex) cands.add(m);
    let top = { m: -1, score: 0 };
    for (const m of cands) {
      const score = ref.norm === refs[m]!.norm ? 1 : dice(g, grams[m]!);
      if (score > top.score || (score === top.score && m < top.m)) top = { m, score };
    }
    if (top.score >= SIMILAR) {
      const key = `${top.m}:${ref.sectionIndex}`;
      const prev = chosen.get(key);
      if (!prev || top.score > prev.score) chosen.set(key, { n, m: top.m, score: top.score });
    }
    for (const b of keys[n]!) {
      const list = index.get(b) ?? [];
      list.push(n);
      index.set(b, list);
    }
  });
  const matches: [ItemRef, ItemRef][] = [...chosen.values()].sort((a, b) => a.n - b.n).map(({ n, m }) => [refs[m]!, refs[n]!]);

  const tasksPaired = new Map<Task, { other: Task; otherRef: ItemRef; ref: ItemRef; count: number }>();
  for (const [earlier, later] of matches) {
    compareItems(out, earlier, later);
    const p = tasksPaired.get(later.task);
    if (p && p.other === earlier.task) p.count++;
    else if (!p) tasksPaired.set(later.task, { other: earlier.task, otherRef: earlier, ref: later, count: 1 });
  }

  // A whole task restated: every item matched, same number of items on both sides. Then the task rates must
  // agree; a difference is reported at the side whose own arithmetic fails, else at the restatement.
  for (const [task, p] of tasksPaired) {
    if (p.count !== task.items.length || p.other.items.length !== task.items.length) continue;
    if (sameRate(task.rate, p.other.rate)) continue;
    const atEarlier = p.other.rate?.computed?.status === 'mismatch' && task.rate?.computed?.status !== 'mismatch';
    const [here, there, hereRef, thereRef] = atEarlier ? [p.other, task, p.otherRef, p.ref] : [task, p.other, p.ref, p.otherRef];
    const at = here.rate?.at[0];
    out.push(
      diag('HZ401', {
        line: at?.line ?? here.lines.start,
        column: at?.column ?? 0,
        path: `${hereRef.path.replace(/\/items\/\d+$/, '')}/rate`,
        args: { otherSection: thereRef.section, otherNo: there.no ?? '?', otherLine: there.rate?.at[0]?.line ?? there.lines.start, field: 'task rate', fieldZh: '重点工作完成率', actual: rateText(here.rate), expected: rateText(there.rate) },
        expected: rateText(there.rate),
        actual: rateText(here.rate),
      }),
    );
  }
  repeatedNames(report, out);
  unitsThatDoNotFit(report, out);
  countedTwice(report, out);
  return out;
}

/** The same unmet indicator under two sub-items of one task (探索转化路径 2条 / 1条 / 50%, twice): HZ404. */
function countedTwice(report: Report, out: Diagnostic[]): void {
  const key = (ind: Indicator) => [normalizeText(ind.name), normalizeText(ind.target?.text ?? ''), normalizeText(ind.current?.text ?? '')].join('|');
  report.sections.forEach((section, i) =>
    section.groups.forEach((group, j) =>
      group.tasks.forEach((task, k) => {
        const seen = new Map<string, { item: number; ind: Indicator; path: string }>();
        task.items.forEach((item, l) =>
          item.indicators.forEach((ind, m) => {
            const name = normalizeText(ind.name);
            const rate = ind.rate?.value ?? null;
            // Specific names only (完成数 is too generic to say two rows are one), and unmet figures only.
            if (name.length < 4 || rate === null || rate >= 100 || !ind.target || !ind.current) return;
            const k2 = key(ind);
            const prev = seen.get(k2);
            if (!prev) {
              seen.set(k2, { item: l, ind, path: `/sections/${i}/groups/${j}/tasks/${k}/items/${l}/indicators/${m}` });
              return;
            }
            if (prev.item === l) return;
            // Reported at the first occurrence (where a reader meets it), naming the repeat.
            const first = prev.ind;
            const at = first.at.name[0];
            out.push(
              diag('HZ404', {
                line: at?.line ?? first.line,
                column: at?.column ?? 0,
                path: prev.path,
                args: { name: ind.name, target: ind.target.text.trim(), current: ind.current.text.trim(), rate: ind.rate?.text.trim() ?? '', otherLine: ind.line },
                expected: null,
                actual: ind.name,
              }),
            );
          }),
        );
      }),
    ),
  );
}

// Names that count documents, and units that count enterprises, people, households or vehicles.
const DOCUMENT_NAME = /(规划|方案|文件|标准|清单|办法|条例|意见)(编制|出台|制定|修订|发布)?数(量)?$/;
const NOT_DOCUMENT_UNIT = /^(家|人|名|户|辆)/;

/** 编制规划数 1家: a count of documents written in a unit for enterprises (HZ403). */
function unitsThatDoNotFit(report: Report, out: Diagnostic[]): void {
  report.sections.forEach((section, i) =>
    section.groups.forEach((group, j) =>
      group.tasks.forEach((task, k) =>
        task.items.forEach((item, l) =>
          item.indicators.forEach((ind, m) => {
            const unit = unitKey(ind.target?.unit ?? null);
            if (!unit || !DOCUMENT_NAME.test(normalizeText(ind.name)) || !NOT_DOCUMENT_UNIT.test(unit)) return;
            const at = ind.target!.at[0];
            out.push(
              diag('HZ403', {
                line: at?.line ?? ind.line,
                column: at?.column ?? 0,
                path: `/sections/${i}/groups/${j}/tasks/${k}/items/${l}/indicators/${m}/target`,
                args: { name: ind.name, thing: 'documents', thingZh: '文件类（规划、方案、标准等）', unit },
                expected: null,
                actual: ind.target!.text.trim(),
              }),
            );
          }),
        ),
      ),
    ),
  );
}

/**
 * An item whose indicators share a name but measure different kinds of quantity (地铁项目数 5个, then 地铁项目数
 * 75公里): the second name was copied from the row above (HZ402). Same-kind repeats (6个区 / 52个街道) are left alone.
 */
function repeatedNames(report: Report, out: Diagnostic[]): void {
  report.sections.forEach((section, i) =>
    section.groups.forEach((group, j) =>
      group.tasks.forEach((task, k) =>
        task.items.forEach((item, l) => {
          const seen = new Map<string, Indicator>();
          item.indicators.forEach((ind, m) => {
            const name = normalizeText(ind.name);
            if (!name) return;
            const prev = seen.get(name);
            seen.set(name, ind);
            if (!prev || !prev.target || !ind.target) return;
            const a = unitKind(prev.target);
            const b = unitKind(ind.target);
            if (a === null || b === null || a === b) return;
            const at = ind.at.name[0];
            out.push(
              diag('HZ402', {
                line: at?.line ?? ind.line,
                column: at?.column ?? 0,
                path: `/sections/${i}/groups/${j}/tasks/${k}/items/${l}/indicators/${m}/name`,
                args: { name: ind.name, otherLine: prev.line, unit: ind.target.text.trim(), otherUnit: prev.target.text.trim() },
                expected: null,
                actual: ind.name,
              }),
            );
          });
        }),
      ),
    ),
  );
}

function restated(earlier: ItemRef) {
  return { otherSection: earlier.section, otherNo: earlier.task.no ?? '?', otherLine: earlier.item.lines.start };
}

/**
 * Compare a restated item with the item it restates: item rate, and each indicator's target, current value and
 * rate (indicators matched by name, in order). A difference is reported once, at the side whose own arithmetic
 * fails (where the wrong figure most likely is), else at the restatement.
 */
function compareItems(out: Diagnostic[], earlier: ItemRef, later: ItemRef): void {
  const bad = (r: Rate | null | undefined) => r?.computed?.status === 'mismatch';
  const report = (
    atEarlier: boolean,
    paths: [earlier: string, later: string],
    cells: [earlier: Location | undefined, later: Location | undefined],
    lines: [earlier: number, later: number],
    field: string,
    fieldZh: string,
    texts: [earlier: string, later: string],
  ) => {
    const k = atEarlier ? 0 : 1;
    const other = atEarlier ? later : earlier;
    const at = cells[k];
    const actual = texts[k];
    const expected = texts[1 - k]!;
    out.push(
      diag('HZ401', {
        line: at?.line ?? lines[k],
        column: at?.column ?? 0,
        path: paths[k],
        args: { ...restated(other), field, fieldZh, actual, expected },
        expected,
        actual,
      }),
    );
  };

  const ei = earlier.item;
  const li = later.item;
  if (!sameRate(li.rate, ei.rate)) {
    report(bad(ei.rate) && !bad(li.rate), [`${earlier.path}/rate`, `${later.path}/rate`], [ei.rate?.at[0], li.rate?.at[0]], [ei.lines.start, li.lines.start], 'item rate', '细化项目完成率', [rateText(ei.rate), rateText(li.rate)]);
  }
  // Indicators by name; a name used twice in an item is compared in order.
  const used = new Set<Indicator>();
  li.indicators.forEach((ind, m) => {
    const name = normalizeText(ind.name);
    if (!name) return;
    const n = ei.indicators.findIndex((o) => !used.has(o) && normalizeText(o.name) === name);
    if (n < 0) return;
    const other = ei.indicators[n]!;
    used.add(other);
    const atEarlier = bad(other.rate) && !bad(ind.rate);
    const bases: [string, string] = [`${earlier.path}/indicators/${n}`, `${later.path}/indicators/${m}`];
    const fields: [keyof Pick<Indicator, 'target' | 'current'>, string, string][] = [
      ['target', 'target', '目标值'],
      ['current', 'current value', '当前值'],
    ];
    for (const [key, en, zh] of fields) {
      const a = other[key];
      const b = ind[key];
      if (sameQuantity(a, b)) continue;
      report(atEarlier, [`${bases[0]}/${key}`, `${bases[1]}/${key}`], [a?.at[0], b?.at[0]], [other.line, ind.line], `${en} of "${ind.name}"`, `“${ind.name}”的${zh}`, [a?.text.trim() ?? '—', b?.text.trim() ?? '—']);
    }
    if (!sameRate(ind.rate, other.rate)) {
      report(atEarlier, [`${bases[0]}/rate`, `${bases[1]}/rate`], [other.rate?.at[0], ind.rate?.at[0]], [other.line, ind.line], `rate of "${ind.name}"`, `“${ind.name}”的完成率`, [rateText(other.rate), rateText(ind.rate)]);
    }
  });
}

// TEMPORARY (replaced by the incremental checker being written on branch check).
export function createChecker(): { addSection(section: Section, index: number): void; finish(): Diagnostic[] } {
  const sections: Section[] = [];
  return { addSection: (s, i) => void (sections[i] = s), finish: () => checkReport({ sections } as Report) };
}
