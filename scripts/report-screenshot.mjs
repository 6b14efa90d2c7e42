// docs/report.png: the HTML report of the bundled report at 1280×800 (its top: overview, status distribution,
// completion per unit), taken in headless Chromium as the tests open it (Debian's chromium through
// playwright-core; CHROMIUM_PATH names another). Run after `npm run build`: `npm run docs:screenshot`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const executablePath = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].find((p) => p && existsSync(p));
if (!executablePath) {
  console.error('report-screenshot: no chromium executable (apt-get install chromium, or set CHROMIUM_PATH)');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'hzreport-shot-'));
try {
  const html = join(dir, 'report.html');
  const run = spawnSync(process.execPath, ['bin/hzreport.js', 'report', 'fixtures/hangzhou-2021-q3.tsv', '-o', html], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    console.error(run.stderr.trim());
    process.exit(2);
  }
  const browser = await chromium.launch({ executablePath });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(pathToFileURL(html).href);
    await page.screenshot({ path: join(root, 'docs/report.png') });
  } finally {
    await browser.close();
  }
  console.error('report-screenshot: wrote docs/report.png');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
