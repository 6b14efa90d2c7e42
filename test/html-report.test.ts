/// <reference lib="dom" />
// `hzreport report`: the HTML file opened in a real headless Chromium (Debian's chromium driven by
// playwright-core; .ci/run installs it): its task rows are the JSON's tasks, sorting, filtering and expanding
// work, nothing is requested from anywhere, nothing logs an error, and hostile cell text stays text.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { load } from 'cheerio';
import type { Report, Task } from '../src/model.js';
import { zhReason } from '../src/i18n.js';
import { excerpt, hz, SEED, tempDir } from './helpers/run.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p): p is string => !!p && existsSync(p),
);
const dir = tempDir();

/** Everything the page did that it must not: requests other than its own file, console errors, dialogs. */
interface Watch {
  requests: string[];
  errors: string[];
  dialogs: string[];
}

async function open(browser: Browser, file: string): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const url = pathToFileURL(file).href;
  const watch: Watch = { requests: [], errors: [], dialogs: [] };
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    watch.requests.push(route.request().url());
    return route.abort();
  });
  page.on('request', (r) => {
    if (r.url() !== url && !watch.requests.includes(r.url())) watch.requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
  });
  page.on('pageerror', (e) => watch.errors.push(String(e)));
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  return { page, watch };
}

describe('the HTML report (pure checks, no browser)', () => {
  it('is one file with a CSP that forbids every request, and names no external resource', () => {
    const out = join(dir, 'plain.html');
    const run = hz(['report', SEED, '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; base-uri 'none'; form-action 'none'">/,
    );
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:|\/\/)/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toMatch(/<html lang="zh-CN">/);
    // Prints cleanly: controls hidden, rows kept whole, colours kept.
    expect(html).toMatch(/@media print\{[^]*\.controls,button\.toggle\{display:none\}[^]*tbody\.task,tr\{break-inside:avoid\}/);
  });
});

describe('the words of the HTML report', () => {
  it("a Chinese page gives the reason of a recomputed rate in Chinese (its tooltip), as export's zh CSV does", () => {
    const doc = JSON.parse(hz(['parse', SEED]).stdout) as Report;
    const tasks = doc.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks));
    for (const lang of ['zh', 'en'] as const) {
      const out = join(dir, `reasons-${lang}.html`);
      expect(hz(['report', SEED, '--lang', lang, '-o', out]).code).toBe(0);
      const $ = load(readFileSync(out, 'utf8'));
      const titles = $('#tasks tbody.task > tr.row td.r')
        .toArray()
        .map((e) => $(e).attr('title') ?? '');
      const reasons = tasks.map((t) => t.rate?.computed?.reason ?? '');
      expect(reasons.filter(Boolean).length).toBeGreaterThan(100);
      expect(titles).toEqual(lang === 'zh' ? reasons.map((r) => (r ? zhReason(r) : r)) : reasons);
      if (lang === 'zh') {
        // Every tooltip of the page: no English word (figures with a Latin unit from the report aside).
        const all = $('[title]')
          .toArray()
          .map((e) => $(e).attr('title')!)
          .join('\n');
        expect(all.replace(/\d[\d.]*\s*[A-Za-z]+/g, '').match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
        // and Chinese punctuation: 依据：填报, 报告期：Q3, 市发改委：86.06%（26）.
        const svgTitles = $('svg title')
          .toArray()
          .map((e) => $(e).text())
          .join('\n');
        expect(`${all}\n${svgTitles}\n${$('header').text()}`).not.toMatch(/: |\(\d/);
      }
    }
  });
});

describe('the HTML report for another period', () => {
  it('--period 2021-11 draws the 序时进度 line at 91.67%', () => {
    const out = join(dir, 'nov.html');
    expect(hz(['report', SEED, '--period', '2021-11', '-o', out]).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('报告期：2021-11 · 序时进度 91.67%');
    expect(html).toMatch(/<line class="expected" x1="676.7"/); // 200 + 520 × 91.67%
    // The units' values are drawn after the line, on a white halo, so that the line never crosses a figure.
    const chart = /<svg class="chart wide"[^]*?<\/svg>/.exec(html)![0];
    expect(chart.indexOf('<line class="expected"')).toBeLessThan(chart.search(/class="val">\d+(\.\d+)?%<\/text>/));
    expect(html).toMatch(/\.val\{[^}]*paint-order:stroke;stroke:#fff/);
  });
});

describe.skipIf(!CHROMIUM)(
  `the HTML report in headless Chromium${CHROMIUM ? '' : ' (skipped: no chromium executable; `apt-get install chromium` or set CHROMIUM_PATH)'}`,
  () => {
    let browser: Browser;
    let doc: Report;
    let tasks: { section: string; t: Task }[];
    let page: Page;
    let watch: Watch;

    beforeAll(async () => {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM });
      doc = JSON.parse(hz(['parse', SEED]).stdout) as Report;
      tasks = doc.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks.map((t) => ({ section: s.ordinal ?? '', t }))));
      const out = join(dir, 'report.html');
      expect(hz(['report', SEED, '-o', out]).code).toBe(0);
      ({ page, watch } = await open(browser, out));
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
    });

    const visible = (): Promise<Record<string, string>[]> =>
      page.$$eval('#tasks tbody.task', (bs) =>
        bs
          .filter((b) => !(b as HTMLElement).hidden)
          .map((b) => ({
            ...((b as HTMLElement).dataset as Record<string, string>),
            text: (b as HTMLTableSectionElement).rows[0]!.textContent ?? '',
          })),
      );

    it('has one task row per task of the JSON, in order, with its number, unit and written rate', async () => {
      const rows = await visible();
      expect(rows.length).toBe(doc.summary.tasks);
      expect(rows.map((r) => [r.sec, r.no, r.owner, r.status])).toEqual(
        tasks.map(({ section, t }) => [section, String(t.no ?? ''), t.owner ?? '', t.schedule!.statusEn]),
      );
      rows.forEach((r, k) => expect(r.text).toContain(tasks[k]!.t.rate?.text ?? ''));
      expect(await page.textContent('#n')).toBe(String(doc.summary.tasks));
    });

    it('sorts by the recomputed rate, ascending then descending', async () => {
      const values = async () => (await visible()).map((r) => (r.recomputed === '' ? null : Number(r.recomputed)));
      await page.click('#tasks thead button[data-key="recomputed"]');
      const up = await values();
      const nums = up.filter((v): v is number => v !== null);
      expect(nums).toEqual([...nums].sort((a, b) => a - b));
      expect(up.slice(0, nums.length)).toEqual(nums); // unknown rates last
      await page.click('#tasks thead button[data-key="recomputed"]');
      const down = (await values()).filter((v): v is number => v !== null);
      expect(down).toEqual([...nums].sort((a, b) => b - a));
      // Units in the collation of the page's language (pinyin order for Chinese).
      await page.click('#tasks thead button[data-key="owner"]');
      const owners = (await visible()).map((r) => r.owner!);
      expect(owners).toEqual([...owners].sort(new Intl.Collator('zh-CN').compare));
      expect(owners[0]).not.toBe(owners.at(-1));
      // Back to the report's order.
      await page.click('#tasks thead button[data-key="i"]');
      expect((await visible()).map((r) => Number(r.i))).toEqual(tasks.map((_, k) => k));
    });

    it('filters by status and by text', async () => {
      await page.selectOption('#st', 'behind');
      const behind = tasks.filter(({ t }) => t.schedule!.status === '欠进度');
      expect(behind.length).toBeGreaterThan(0);
      expect((await visible()).map((r) => Number(r.i))).toEqual(
        tasks.flatMap(({ t }, k) => (t.schedule!.status === '欠进度' ? [k] : [])),
      );
      expect(await page.textContent('#n')).toBe(String(behind.length));
      await page.selectOption('#st', '');
      await page.fill('#q', '市发改委');
      const rows = await visible();
      const expected = tasks.filter(({ t }) => (t.owner ?? '').includes('市发改委') || t.description.includes('市发改委'));
      expect(rows.length).toBe(expected.length);
      expect(rows.length).toBeGreaterThan(10);
      await page.fill('#q', '');
      expect((await visible()).length).toBe(doc.summary.tasks);
    });

    it('expands a task to its items and indicators with written and recomputed rates', async () => {
      const first = page.locator('#tasks tbody.task').first();
      const detail = first.locator('tr.detail');
      expect(await detail.isVisible()).toBe(false);
      await first.locator('button.toggle').click();
      expect(await detail.isVisible()).toBe(true);
      const text = (await detail.textContent()) ?? '';
      const t = tasks[0]!.t;
      for (const item of t.items) {
        expect(text).toContain(item.rate?.text ?? '');
        for (const ind of item.indicators) {
          expect(text).toContain(ind.name);
          expect(text).toContain(ind.rate?.text ?? '');
        }
      }
      expect(await detail.locator('tbody tr').count()).toBe(
        t.items.length + t.items.reduce((n, i) => n + i.indicators.length, 0),
      );
      await first.locator('button.toggle').click();
      expect(await detail.isVisible()).toBe(false);
    });

    it('lists every finding with its source line', async () => {
      const rows = await page.$$eval('table.findings tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
      expect(rows.length).toBe(doc.diagnostics.length);
      const lines = readFileSync(SEED, 'utf8').split('\n');
      const d = doc.diagnostics.find((x) => x.code === 'HZ201')!;
      const row = rows.find((r) => r.startsWith(`${d.line}:${d.column}`))!;
      expect(row).toContain(lines[d.line - 1]!.split('\t').filter(Boolean)[0]!);
    });

    it('made no request, logged no error', () => {
      expect(watch.requests).toEqual([]);
      expect(watch.errors).toEqual([]);
      expect(watch.dialogs).toEqual([]);
    });

    it('renders hostile cell text as text: no script runs, no element is injected', async () => {
      const file = excerpt(dir, 'hostile.tsv', (lines) => {
        const cells = lines[14]!.split('\t');
        cells[1] = `<script>alert(1)</script>任务说明"onload=alert(2) x="</textarea><b onmouseover=alert(3)>x</b>&lt;script&gt;alert(4)&lt;/script&gt;`;
        cells[9] = `市农业农村局"onload=alert(5)</textarea>`;
        cells[5] = `</textarea><img src=x onerror=alert(6)>`;
        lines[14] = cells.join('\t');
      });
      const out = join(dir, 'hostile.html');
      const run = hz(['report', file, '-o', out]);
      expect(run.code, run.stderr).toBe(0);
      const hostile = await open(browser, out);
      const p = hostile.page;
      await p.locator('button.toggle').first().click();
      expect(await p.locator('script').count()).toBe(1);
      expect(await p.locator('img, textarea, [onload], [onerror], [onmouseover]').count()).toBe(0);
      const body = (await p.textContent('body')) ?? '';
      expect(body).toContain('"onload=alert(5)</textarea>');
      expect(body).toContain('<script>alert(1)</script>');
      expect(body).toContain('</textarea><img src=x onerror=alert(6)>');
      expect(hostile.watch.dialogs).toEqual([]);
      expect(hostile.watch.errors).toEqual([]);
      expect(hostile.watch.requests).toEqual([]);
      await p.close();
    });

    // At phone width nothing scrolls sideways: every task expanded, no element reaches past the viewport and
    // no box scrolls horizontally; the values of a wrapped row say which column they are; the charts are drawn
    // for the width (the page's drawing at a desktop width, the narrow one on a phone).
    for (const lang of ['zh', 'en'] as const)
      it(`--lang ${lang} at 400 px: expanded tasks, findings and charts fit the width, each value labelled`, async () => {
        const out = join(dir, `phone-${lang}.html`);
        expect(hz(['report', SEED, '--lang', lang, '-o', out]).code).toBe(0);
        const phone = await open(browser, out);
        const p = phone.page;
        await p.setViewportSize({ width: 400, height: 800 });
        await p.evaluate(() => {
          for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('button.toggle'))) b.click();
        });
        expect(await p.locator('#tasks tr.detail:visible').count()).toBe(doc.summary.tasks);
        const wide = await p.evaluate(() => {
          const out: string[] = [];
          for (const e of Array.from(document.querySelectorAll('body *'))) {
            if (e instanceof SVGElement && e.tagName !== 'svg') continue;
            const r = e.getBoundingClientRect();
            const cs = getComputedStyle(e);
            const scrolls = /auto|scroll/.test(cs.overflowX) && e.scrollWidth > e.clientWidth + 1;
            if (r.width > 0 && (r.left < -0.5 || r.right > 400.5 || scrolls))
              out.push(`${e.tagName}.${e.getAttribute('class') ?? ''} ${Math.round(r.left)}..${Math.round(r.right)}`);
          }
          return { out: out.slice(0, 10), page: document.documentElement.scrollWidth };
        });
        expect(wide).toEqual({ out: [], page: 400 });
        const label = (sel: string) =>
          p
            .locator(sel)
            .first()
            .evaluate((e) => getComputedStyle(e, '::before').content.replace(/^"|"$/g, '').trim());
        const words =
          lang === 'zh'
            ? ['目标值', '当前值', '填报完成率', '复算完成率']
            : ['Target', 'Current', 'Written rate', 'Recomputed rate'];
        expect(await label('#tasks table.inner td.tg')).toBe(words[0]);
        expect(await label('#tasks table.inner td.cu')).toBe(words[1]);
        expect(await label('#tasks table.inner td.w')).toBe(words[2]);
        expect(await label('#tasks table.inner td.r')).toBe(words[3]);
        // The first task's first indicator: its name on a line of its own, its values below it, all on screen.
        const ind = p.locator('#tasks table.inner tbody tr:not(.item)').first();
        const [name, target] = await Promise.all([ind.locator('td').nth(1).boundingBox(), ind.locator('td.tg').boundingBox()]);
        expect(target!.y).toBeGreaterThanOrEqual(name!.y + name!.height - 1);
        expect(await ind.locator('td').nth(1).textContent()).toBe(tasks[0]!.t.items[0]!.indicators[0]!.name);
        expect(await p.locator('svg.chart.narrow').isVisible()).toBe(true);
        expect(await p.locator('svg.chart.wide').isVisible()).toBe(false);
        await p.setViewportSize({ width: 1280, height: 800 });
        expect(await p.locator('svg.chart.wide').isVisible()).toBe(true);
        expect(await p.locator('svg.chart.narrow').isVisible()).toBe(false);
        expect(await label('#tasks table.inner td.tg')).toBe('none');
        expect(phone.watch.errors).toEqual([]);
        await p.close();
      });

    it('at 400 px a long unbroken word in a cell (a link, a code) wraps rather than widening the page', async () => {
      const file = excerpt(dir, 'long-word.tsv', (lines) => {
        const cells = lines[14]!.split('\t');
        cells[1] = `https://example.invalid/${'x'.repeat(160)} ${cells[1]}`;
        lines[14] = cells.join('\t');
      });
      const out = join(dir, 'long-word.html');
      expect(hz(['report', file, '-o', out]).code).toBe(0);
      const phone = await open(browser, out);
      await phone.page.setViewportSize({ width: 400, height: 800 });
      await phone.page.evaluate(() => {
        for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('button.toggle'))) b.click();
      });
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBe(400);
      expect(await phone.page.textContent('#tasks')).toContain('x'.repeat(160));
      await phone.page.close();
    });

    it('--lang en gives the English page', async () => {
      const out = join(dir, 'en.html');
      expect(hz(['report', SEED, '--lang', 'en', '-o', out]).code).toBe(0);
      const en = await open(browser, out);
      expect(await en.page.getAttribute('html', 'lang')).toBe('en');
      expect(await en.page.textContent('#task-list h2')).toBe('Tasks');
      expect(await en.page.locator('#tasks tbody.task tr.row .badge', { hasText: 'behind' }).count()).toBe(
        tasks.filter(({ t }) => t.schedule!.status === '欠进度').length,
      );
      await en.page.close();
    });
  },
);
