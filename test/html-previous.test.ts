/// <reference lib="dom" />
// `hzreport report NEW --previous OLD`: the change since the previous report beside each task of the HTML
// report. What each task must show is derived from the diff library's result on the fixture pair (and held
// against the changes scripts/dev/quarter-back.ts made), never written by hand; the page is then looked at
// in headless Chromium at a desktop, a narrow and a phone width.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load, type CheerioAPI } from 'cheerio';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import type { Lang } from '../src/diagnostics.js';
import { diffReports } from '../src/diff.js';
import type { ChangeKind, Diff } from '../src/diff-model.js';
import { htmlReport } from '../src/emit/html-report.js';
import { kindWord, summaryLine } from '../src/emit/diff-words.js';
import type { Report } from '../src/model.js';
import { hz, ROOT, SEED, tempDir } from './helpers/run.js';

const EARLIER = join(ROOT, 'fixtures/hangzhou-2021-q2.synthetic.tsv');
const EXPECTED = join(ROOT, 'fixtures/hangzhou-2021-q2.synthetic.expected.json');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p): p is string => !!p && existsSync(p),
);
const dir = tempDir();

/** The task of a node's JSON pointer: /sections/i/groups/j/tasks/k. */
const taskOf = (path: string) => /^\/sections\/\d+\/groups\/\d+\/tasks\/\d+/.exec(path)![0];

/** Per task of the new report (by its label 四.83): the kinds of change the diff finds in it. */
function kindsByTask(diff: Diff, report: Report): Map<string, Set<ChangeKind>> {
  const labelOf = new Map<string, string>();
  report.sections.forEach((s, si) =>
    s.groups.forEach((g, gi) =>
      g.tasks.forEach((t, ti) => labelOf.set(`/sections/${si}/groups/${gi}/tasks/${ti}`, `${s.ordinal}.${t.no}`)),
    ),
  );
  const out = new Map<string, Set<ChangeKind>>([...labelOf.values()].map((l) => [l, new Set()]));
  for (const c of diff.changes) {
    if (c.kind === 'dropped' && c.level === 'task') continue; // no row in the new report
    out.get(labelOf.get(taskOf(c.taskPath))!)!.add(c.kind);
  }
  return out;
}

interface Row {
  label: string;
  change: string[];
  changed: string;
  cls: string;
  text: string;
  titles: string;
}

function rows($: CheerioAPI): Row[] {
  return $('#tasks tbody.task')
    .toArray()
    .map((b) => {
      const cell = $(b).find('tr.row td.change');
      return {
        label: `${$(b).attr('data-sec')}.${$(b).attr('data-no')}`,
        change: ($(b).attr('data-change') ?? '').split(' ').filter(Boolean),
        changed: $(b).attr('data-changed') ?? '',
        cls: $(b).attr('class') ?? '',
        text: cell.text(),
        titles: cell
          .find('[title]')
          .toArray()
          .map((e) => $(e).attr('title'))
          .join('\n'),
      };
    });
}

let earlier: Report;
let later: Report;
let diff: Diff;
let expectedKinds: Map<string, Set<ChangeKind>>;
const pages: Partial<Record<Lang, string>> = {};

beforeAll(() => {
  earlier = compile(readFileSync(EARLIER), { file: EARLIER, lang: 'zh' });
  later = compile(readFileSync(SEED), { file: SEED, lang: 'zh' });
  diff = diffReports(earlier, later);
  expectedKinds = kindsByTask(diff, later);
  for (const lang of ['zh', 'en'] as const) {
    const out = join(dir, `previous-${lang}.html`);
    const run = hz(['report', SEED, '--previous', EARLIER, '--lang', lang, '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    pages[lang] = out;
  }
}, 120_000);

describe('report --previous: the change beside each task', () => {
  it('the expected changes come from the diff and agree with what quarter-back.ts made', () => {
    const made = JSON.parse(readFileSync(EXPECTED, 'utf8')) as { changes: { kind: ChangeKind; level: string; path: string }[] };
    const key = (c: { kind: string; level: string; path: string }) => `${c.kind} ${c.level} ${c.path}`;
    expect(diff.changes.map(key).sort()).toEqual(made.changes.map(key).sort());
    // Every kind occurs beside some task (dropped: in its own section, and inside matched tasks if any).
    const all = new Set([...expectedKinds.values()].flatMap((s) => [...s]));
    for (const k of ['regressed', 'advanced', 'stalled', 'target-changed', 'owner-changed', 'description-changed', 'added'])
      expect(all.has(k as ChangeKind), k).toBe(true);
  });

  for (const lang of ['zh', 'en'] as const)
    it(`--lang ${lang}: every task carries exactly the kinds the diff finds in it, in words, regressions marked`, () => {
      const $ = load(readFileSync(pages[lang]!, 'utf8'));
      const got = rows($);
      expect(got.map((r) => r.label)).toEqual([...expectedKinds.keys()]);
      for (const r of got) {
        const kinds = expectedKinds.get(r.label)!;
        expect(new Set(r.change), r.label).toEqual(kinds);
        for (const k of kinds) expect(r.text, `${r.label} ${k}`).toContain(kindWord(k, lang));
        expect(r.changed, r.label).toBe([...kinds].some((k) => k !== 'stalled') ? '1' : '0');
        expect(r.cls.split(' ').includes('regressed'), r.label).toBe(kinds.has('regressed'));
        if (!kinds.size) expect(r.text).toMatch(lang === 'zh' ? /^无变化/ : /^unchanged/);
      }
      // The rate before → after with the delta in points, beside each task that moved.
      for (const c of diff.changes.filter((x) => x.level === 'task' && (x.kind === 'advanced' || x.kind === 'regressed'))) {
        const r = got.find((x) => x.label === c.label)!;
        const pts = `${c.rate!.delta! > 0 ? '+' : '−'}${Number(Math.abs(c.rate!.delta!).toFixed(2))}`;
        expect(r.text, c.label).toContain(`${c.rate!.old} → ${c.rate!.new} ${pts} ${lang === 'zh' ? '个百分点' : 'pts'}`);
      }
      // A task matched by a description that differs says how, with the similarity.
      for (const m of diff.matches.filter((x) => x.similarity < 1)) {
        const r = got.find((x) => x.label === m.label)!;
        expect(r.text, m.label).toContain(
          lang === 'zh'
            ? `按任务说明匹配，相似度 ${Math.round(m.similarity * 100)}%`
            : `matched by description, similarity ${Math.round(m.similarity * 100)}%`,
        );
      }
      expect(diff.matches.some((x) => x.similarity < 1)).toBe(true);
      // Dropped tasks: their own section, with the old label, text and unit.
      const dropped = diff.changes.filter((c) => c.kind === 'dropped' && c.level === 'task');
      expect(dropped.length).toBeGreaterThan(0);
      const droppedRows = $('#dropped tbody tr')
        .toArray()
        .map((tr) => $(tr).find('td').first().text());
      expect(droppedRows).toEqual(dropped.map((c) => c.label));
      // The counts at the top.
      expect($('#previous .sumline').text()).toBe(summaryLine(diff.summary, lang));
      expect($('#overview #previous').length).toBe(1);
      if (lang === 'zh') {
        // Chinese punctuation around the words: （上期报告：…）, 按变化类型统计的重点工作：…
        expect($('#previous').text()).not.toMatch(/[:()]/);
        // Every word Chinese, tooltips included (figures, units and the report's own text aside).
        const words = [$('#previous').text(), $('#dropped').text(), $('#ch').text(), ...got.flatMap((r) => [r.text, r.titles])]
          .join('\n')
          .split(EARLIER)
          .join('')
          .replace(/H1|\d+(\.\d+)?\s*(km|kw|mw|gw|t|m2|m3|g|kg|%)/gi, '');
        expect(words.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
      }
    });

  it('the change in points of every task: the move of its rate, 0 where a matched rate did not move, none when added', () => {
    const $ = load(readFileSync(pages.en!, 'utf8'));
    const rateAt = (r: Report, path: string) => {
      const [, si, gi, ti] = /^\/sections\/(\d+)\/groups\/(\d+)\/tasks\/(\d+)$/.exec(path)!.map(Number);
      const t = r.sections[si!]!.groups[gi!]!.tasks[ti!]!;
      return t.rate?.value ?? t.rate?.computed?.value ?? null;
    };
    const expected = new Map<string, number | null>();
    for (const m of diff.matches) {
      const o = rateAt(earlier, m.oldPath);
      const n = rateAt(later, m.newPath);
      expected.set(m.label, o === null || n === null ? null : n - o);
    }
    let zeros = 0;
    for (const b of $('#tasks tbody.task').toArray()) {
      const label = `${$(b).attr('data-sec')}.${$(b).attr('data-no')}`;
      const d = $(b).attr('data-delta')!;
      const want = expected.get(label) ?? null; // an added task has no match, and no change in points
      if (want === null) expect(d, label).toBe('');
      else {
        expect(d, label).not.toBe('');
        expect(Number(d), label).toBeCloseTo(want, 9);
      }
      if (d === '0') zeros++;
    }
    // Unchanged tasks (finished, or with only their wording or owner changed) are among them.
    expect(zeros).toBeGreaterThan(diff.changes.filter((c) => c.level === 'task' && c.kind === 'stalled').length);
  });

  it('a report against itself shows no change', () => {
    const out = join(dir, 'self.html');
    const run = hz(['report', SEED, '--previous', SEED, '--lang', 'en', '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    const $ = load(readFileSync(out, 'utf8'));
    const got = rows($);
    expect(got.length).toBe(later.summary.tasks);
    for (const r of got) {
      expect(r.changed, r.label).toBe('0');
      expect(
        r.change.filter((k) => k !== 'stalled'),
        r.label,
      ).toEqual([]);
      expect(r.text).not.toMatch(/matched by|previously/);
    }
    expect($('#dropped tbody tr').length).toBe(0);
    expect($('#previous .sumline').text()).toMatch(/^no changes: \d+ matched \(216 tasks\), 0 added, 0 dropped, 0 changed/);
    expect($('tbody.task.regressed').length).toBe(0);
  });
});

describe('items and indicators only one report has', () => {
  it('an item only the previous report has is struck through in its task; one only the new report has is added', () => {
    // The previous report: the bundled one with a task's first item moved into the first task, so that the new
    // report has dropped it from the first task and added it to the other.
    const old = structuredClone(later);
    const tasksOf = (r: Report) => r.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks));
    const k = tasksOf(old).findIndex((t, i) => i > 0 && t.items.length > 1);
    const moved = tasksOf(old)[k]!.items.shift()!;
    tasksOf(old)[0]!.items.push(moved);
    const d = diffReports(old, later);
    const $ = load(htmlReport(later, { lang: 'en', sourceText: '', previous: { diff: d, report: old } }));
    const bodies = $('#tasks tbody.task').toArray();
    const [first, other] = [$(bodies[0]), $(bodies[k])];
    expect(first.attr('data-change')!.split(' ')).toContain('dropped');
    expect(first.find('tr.row td.change').text()).toContain('− dropped (item)');
    expect(first.find('tr.detail tr.dropped').length).toBe(1);
    expect(first.find('tr.detail tr.dropped').text()).toContain(moved.description);
    expect(other.attr('data-change')!.split(' ')).toContain('added');
    expect(other.find('tr.row td.change').text()).toContain('+ added (item)');
    expect(other.find('tr.detail tr.item').first().find('td.change').text()).toContain('+ added');
    expect(
      $('#ch option')
        .toArray()
        .map((o) => $(o).attr('value')),
    ).toEqual(expect.arrayContaining(['dropped', 'added']));
  });
});

describe('report --previous reads what the compiler reads', () => {
  it('the previous report from standard input, in GB18030 with CRLF line ends: the same changes', () => {
    const out = join(dir, 'stdin.html');
    const bytes = iconv.encode(readFileSync(EARLIER, 'utf8').replace(/\n/g, '\r\n'), 'gb18030');
    const run = hz(['report', SEED, '--previous', '-', '-o', out], { input: bytes });
    expect(run.code, run.stderr).toBe(0);
    const strip = (r: Row) => [r.label, r.change.join(' ')];
    expect(rows(load(readFileSync(out, 'utf8'))).map(strip)).toEqual(rows(load(readFileSync(pages.zh!, 'utf8'))).map(strip));
  });
});

describe('report without --previous', () => {
  // The page as it was before --previous existed, rendered from a frozen compiled excerpt of the bundled
  // report (fixtures/hangzhou-2021-q3.excerpt.report.json, lines 1-90), so that only the renderer can change it.
  // The hashes are those of the page before --previous; a deliberate change to the page replaces them (last: the
  // phone-width layout of the task table, its details and the findings, the charts drawn narrow for phones, and
  // the reasons of recomputed rates and Chinese punctuation on a Chinese page, the units' values over the line).
  const frozen = JSON.parse(readFileSync(join(ROOT, 'fixtures/hangzhou-2021-q3.excerpt.report.json'), 'utf8')) as Report;
  const sourceText = readFileSync(SEED, 'utf8').split('\n').slice(0, 90).join('\n') + '\n';
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');

  it('is byte-identical to the page before this option existed', () => {
    expect(sha(htmlReport(frozen, { lang: 'zh', sourceText, generator: 'hzreport test' }))).toBe(
      '7aa74dea084b93cc997146b7dcda9485bed5378040f4ef7e2c9db29eddad5e9a',
    );
    expect(sha(htmlReport(frozen, { lang: 'en', sourceText, generator: 'hzreport test' }))).toBe(
      '7853f2803d306a8a9011b69d888993cbf20c800ed52c3f8ad0f59d3d05f06e7c',
    );
  });

  it('has no trace of the change column', () => {
    const html = htmlReport(later, { lang: 'zh', sourceText: readFileSync(SEED, 'utf8') });
    expect(html).not.toMatch(/data-change|td class="change"|id="previous"|id="dropped"|id="ch"/);
  });
});

describe('report --previous with an unusable previous report', () => {
  it('one line naming it, exit 2, nothing written (an existing file kept)', () => {
    const out = join(dir, 'kept.html');
    writeFileSync(out, 'before');
    const missing = join(dir, 'missing.tsv');
    const run = hz(['report', SEED, '--previous', missing, '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^hzreport: .*missing\.tsv: .*\[HZ004\]/);
    expect(readFileSync(out, 'utf8')).toBe('before');
    const empty = join(dir, 'empty.tsv');
    writeFileSync(empty, '');
    const out2 = join(dir, 'sub', 'new.html');
    const run2 = hz(['report', SEED, '--previous', empty, '-o', out2, '--lang', 'zh']);
    expect(run2.code).toBe(2);
    expect(run2.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run2.stderr).toMatch(/^hzreport: .*empty\.tsv: [^a-z]*\[HZ001\]/);
    expect(existsSync(out2)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp') || f.startsWith('.'))).toEqual([]);
  });

  it('-o onto the previous report is refused; both reports from standard input is refused', () => {
    const copy = join(dir, 'old-copy.tsv');
    writeFileSync(copy, readFileSync(EARLIER));
    const run = hz(['report', SEED, '--previous', copy, '-o', copy]);
    expect(run.code).toBe(2);
    expect(readFileSync(copy)).toEqual(readFileSync(EARLIER));
    const both = hz(['report', '-', '--previous', '-', '-o', join(dir, 'x.html')], { input: readFileSync(SEED) });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/standard input can be only one of the two reports/);
  });
});

describe.skipIf(!CHROMIUM)(
  `report --previous in headless Chromium${CHROMIUM ? '' : ' (skipped: no chromium executable; `apt-get install chromium` or set CHROMIUM_PATH)'}`,
  () => {
    let browser: Browser;

    beforeAll(async () => {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
    });

    async function open(lang: Lang, width: number): Promise<{ page: Page; problems: string[] }> {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const url = pathToFileURL(pages[lang]!).href;
      const problems: string[] = [];
      await page.route('**/*', (route) =>
        route.request().url() === url ? route.continue() : (problems.push(route.request().url()), route.abort()),
      );
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(String(e)));
      await page.goto(url);
      return { page, problems };
    }

    const visibleLabels = (page: Page) =>
      page.$$eval('#tasks tbody.task', (bs) =>
        bs
          .filter((b) => (b as HTMLElement).offsetParent !== null)
          .map((b) => `${(b as HTMLElement).dataset.sec}.${(b as HTMLElement).dataset.no}`),
      );

    it('filters to the regressed tasks, to the changed ones, and back; sorts by the change', async () => {
      const { page, problems } = await open('zh', 1280);
      const all = [...expectedKinds.keys()];
      await page.selectOption('#ch', 'regressed');
      expect(await visibleLabels(page)).toEqual(all.filter((l) => expectedKinds.get(l)!.has('regressed')));
      expect(await page.textContent('#n')).toBe(String(all.filter((l) => expectedKinds.get(l)!.has('regressed')).length));
      await page.selectOption('#ch', 'changed');
      const changed = all.filter((l) => [...expectedKinds.get(l)!].some((k) => k !== 'stalled'));
      expect(await visibleLabels(page)).toEqual(changed);
      await page.selectOption('#ch', 'target-changed');
      expect(await visibleLabels(page)).toEqual(all.filter((l) => expectedKinds.get(l)!.has('target-changed')));
      await page.selectOption('#ch', '');
      expect((await visibleLabels(page)).length).toBe(all.length);
      // Sorted by the change in points: the regression first; an unchanged task is 0 points, among the others;
      // only a task without a change in points (added) is last, in either direction.
      const order = () => page.$$eval('#tasks tbody.task', (bs) => bs.map((b) => (b as HTMLElement).dataset.delta!));
      const none = (await order()).filter((d) => d === '').length;
      expect(none).toBe(later.summary.tasks - diff.matches.length); // the added tasks only
      await page.click('#tasks thead button[data-key="delta"]');
      const up = await order();
      const deltas = up.slice(0, up.length - none).map(Number);
      expect(up.slice(up.length - none)).toEqual(Array(none).fill(''));
      expect(deltas).toEqual([...deltas].sort((a, b) => a - b));
      expect(deltas[0]).toBeLessThan(0);
      expect(deltas.filter((d) => d === 0).length).toBeGreaterThan(100);
      await page.click('#tasks thead button[data-key="delta"]');
      const down = await order();
      expect(down.slice(0, down.length - none).map(Number)).toEqual([...deltas].reverse());
      expect(down.slice(down.length - none)).toEqual(Array(none).fill(''));
      expect(problems).toEqual([]);
      await page.close();
    });

    for (const width of [1280, 800, 400])
      it(`at ${width} px the change beside every changed task is on screen and not clipped`, async () => {
        const { page, problems } = await open(width === 400 ? 'zh' : 'en', width);
        await page.selectOption('#ch', 'changed');
        const boxes = await page.$$eval('#tasks tbody.task', (bs) =>
          bs
            .filter((b) => (b as HTMLElement).offsetParent !== null)
            .map((b) => {
              const td = b.querySelector('tr.row td.change') as HTMLElement;
              const r = td.getBoundingClientRect();
              const badges = Array.from(td.querySelectorAll('.chg')).map((e) => e.getBoundingClientRect());
              return {
                label: `${(b as HTMLElement).dataset.sec}.${(b as HTMLElement).dataset.no}`,
                left: r.left,
                right: r.right,
                width: r.width,
                overflow: td.scrollWidth - td.clientWidth,
                badgesInside: badges.every((x) => x.left >= r.left - 0.5 && x.right <= r.right + 0.5 && x.width > 0),
                hasBadge: badges.length > 0,
              };
            }),
        );
        expect(boxes.length).toBeGreaterThan(10);
        for (const b of boxes) {
          expect(b.left, b.label).toBeGreaterThanOrEqual(0);
          expect(b.right, b.label).toBeLessThanOrEqual(width);
          expect(b.width, b.label).toBeGreaterThan(80);
          expect(b.overflow, b.label).toBeLessThanOrEqual(1);
          expect(b.hasBadge && b.badgesInside, b.label).toBe(true);
        }
        // The regression stands out: its row is tinted and its badge red.
        const reg = page.locator('#tasks tbody.task.regressed tr.row').first();
        expect(
          await reg.evaluate(
            (tr) => getComputedStyle(tr.querySelector('td.change')!).backgroundColor + '|' + getComputedStyle(tr).backgroundColor,
          ),
        ).toMatch(/rgb\(255, 235, 238\)/);
        expect(await reg.locator('.chg.k-regressed').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(
          'rgb(198, 40, 40)',
        );
        if (width === 400) {
          // Every task expanded (items and indicators with their changes) and the dropped tasks: nothing
          // reaches past the screen, nothing scrolls sideways.
          await page.selectOption('#ch', '');
          await page.evaluate(() => {
            for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('button.toggle'))) b.click();
          });
          const wide = await page.evaluate(() => {
            const out: string[] = [];
            for (const e of Array.from(document.querySelectorAll('body *'))) {
              if (e instanceof SVGElement && e.tagName !== 'svg') continue;
              const r = e.getBoundingClientRect();
              const scrolls = /auto|scroll/.test(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1;
              if (r.width > 0 && (r.left < -0.5 || r.right > 400.5 || scrolls))
                out.push(`${e.tagName}.${e.getAttribute('class') ?? ''}`);
            }
            return { out: out.slice(0, 10), page: document.documentElement.scrollWidth };
          });
          expect(wide).toEqual({ out: [], page: 400 });
        }
        expect(problems).toEqual([]);
        await page.close();
      });
  },
);
