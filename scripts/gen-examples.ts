// Generates docs/diagnostic-examples.json: for each code, its first finding in the bundled real report
// (fixtures/hangzhou-2021-q3.tsv) with the source row's cells, for `hzreport explain`. Run by
// `npm run docs:diagnostics` with docs/diagnostics.md (`--check`: exit 1 when stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/compile.js';

export const EXAMPLES_PATH = fileURLToPath(new URL('../docs/diagnostic-examples.json', import.meta.url));
const SOURCE = 'fixtures/hangzhou-2021-q3.tsv';

export function buildExamplesText(): string {
  const bytes = readFileSync(fileURLToPath(new URL(`../${SOURCE}`, import.meta.url)));
  const en = compile(bytes, { file: SOURCE, lang: 'en' });
  const zh = compile(bytes, { file: SOURCE, lang: 'zh' });
  const lines = bytes.toString('utf8').split(/\r?\n/);
  const examples: Record<string, unknown> = {};
  en.diagnostics.forEach((d, i) => {
    if (examples[d.code]) return;
    const cells =
      d.line > 0
        ? (lines[d.line - 1] ?? '')
            .split('\t')
            .map((c, k) => [k + 1, c.length > 40 ? `${c.slice(0, 40)}…` : c] as const)
            .filter(([, c]) => c.trim() !== '')
        : [];
    examples[d.code] = {
      line: d.line,
      column: d.column,
      task: d.task ?? null,
      owner: d.owner ?? null,
      field: d.field ?? null,
      en: d.message,
      zh: zh.diagnostics[i]!.message,
      cells: cells.map(([field, text]) => ({ field, text })),
    };
  });
  const sorted = Object.fromEntries(Object.entries(examples).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify({ source: SOURCE, examples: sorted }, null, 2) + '\n';
}

export function writeOrCheckExamples(check: boolean): void {
  const text = buildExamplesText();
  if (check) {
    if (readFileSync(EXAMPLES_PATH, 'utf8') !== text) {
      console.error('docs/diagnostic-examples.json is stale: run `npm run docs:diagnostics`');
      process.exit(1);
    }
    console.log('docs/diagnostic-examples.json up to date');
  } else {
    writeFileSync(EXAMPLES_PATH, text);
    console.log(`wrote ${EXAMPLES_PATH}`);
  }
}
