// Generates docs/diagnostics.md from the diagnostics catalog (src/diagnostics.ts, the single source).
// `npm run docs:diagnostics` writes it; `--check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogEntries, type CatalogEntry } from '../src/diagnostics.js';
import { writeOrCheckExamples } from './gen-examples.js';

const RANGES: [prefix: string, heading: string, intro: string][] = [
  ['HZ0', 'HZ0xx: the input', 'The file cannot be compiled at all. The CLI names the file and exits 2.'],
  [
    'HZ1',
    'HZ1xx: structure',
    'What the compiler had to repair to rebuild the table (merged cells, shifted rows, page breaks), or could not place.',
  ],
  [
    'HZ2',
    'HZ2xx: arithmetic',
    [
      'Every rate is recomputed from the figures and stored beside the written one (`rate.computed`: value, status, reason).',
      '',
      '- indicator = current / target, in percent, once 万 (10^4), 亿 (10^8), 千 (10^3) are applied and the units are',
      '  comparable (`0.5万套` against `6200套` is 124%; a percentage target compares percentages; a bare number takes',
      "  the other side's unit; bracketed qualifiers such as `场（次）` are part of the unit; 公里/米, 公顷/平方米,",
      '  吨/公斤/斤 are converted). A value whose remark says it is not final (`0（待年底核算）`, `0(省厅未认定)`) or a',
      '  placeholder (`—`, `/`, `无`) is not judged (HZ212); forms that divide only under an assumption (`100%` against',
      '  `100`, `20万吨` against `15`) are judged under the reading the written rate implies (HZ211);',
      "- item = mean over its indicators of min(indicator rate, 100%), using each indicator's **written** rate where there",
      '  is one (as the report does; an indicator error is then reported once, at the indicator). The mean of the',
      '  unrounded rates computed from the figures is accepted too;',
      '- task = mean of its written item rates (recomputed ones where none is written).',
      '',
      'A written figure agrees when the computed value, rounded half-up or truncated to the written number of decimals,',
      'gives it (93.75 written 93% or 94%; 66.67 written 66%). A value first rounded to two decimals and then shortened',
      'also agrees (98.83 / 98 = 100.847 → 100.85 → written 100.9%). An over-achieved indicator written as 100% is',
      'reported as capped (HZ210, a warning), not as a mismatch. A rate cell holding only a dash (—, /) is a missing',
      'rate (HZ304); the value the figures give is still stored, with status `not-reported`.',
      '',
      'Ceiling indicators (lower is better: 死亡率, 失业率, 发病率, concentrations, per-万人口 rates, targets written',
      '控制在…以内, 不超过, 以下) are judged as met when current ≤ target (100%), else target / current; the plain ratio',
      'is accepted as well, since the report sometimes writes it.',
    ].join('\n'),
  ],
  ['HZ3', 'HZ3xx: missing fields', 'A figure or text the report should carry is not there.'],
  ['HZ4', 'HZ4xx: across tasks', 'Findings that compare one part of the report with another.'],
];

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function entry(e: CatalogEntry): string {
  return [
    `### ${e.code} ${e.title}`,
    '',
    `Severity: **${e.severity}**`,
    '',
    e.doc,
    '',
    `- en: ${cell(e.en)}`,
    `- zh: ${cell(e.zh)}`,
    '',
  ].join('\n');
}

export function buildDiagnosticsDoc(entries: readonly CatalogEntry[] = catalogEntries): string {
  const out: string[] = [
    '# Diagnostics',
    '',
    '<!-- Generated from src/diagnostics.ts by `npm run docs:diagnostics`. Do not edit by hand. -->',
    '',
    'Every finding of `hzreport parse` and `hzreport check` carries a stable code, a severity, the source line and',
    'column of the cell concerned, a JSON pointer (`path`) into the compiled document, and, for arithmetic findings,',
    'what was expected and what the report says. Codes never change meaning; new findings get new codes.',
    'Messages are in English or Chinese (`--lang en|zh`); the placeholders in braces are filled from the',
    "diagnostic's `args`.",
    '',
    'Severities: **error** the report contradicts itself or cannot be read; **warning** something is missing,',
    'doubtful or had to be guessed; **info** a repair or a judgement worth knowing, not a fault.',
    '',
    '| code | severity | title |',
    '|---|---|---|',
    ...entries.map(
      (e) =>
        `| [${e.code}](#${`${e.code} ${e.title}`
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-')}) | ${e.severity} | ${e.title} |`,
    ),
    '',
  ];
  for (const [prefix, heading, intro] of RANGES) {
    const inRange = entries.filter((e) => e.code.startsWith(prefix));
    if (!inRange.length) continue;
    out.push(`## ${heading}`, '', intro, '', ...inRange.map(entry));
  }
  const covered = new Set(RANGES.map((r) => r[0]));
  const rest = entries.filter((e) => !covered.has(e.code.slice(0, 3)));
  if (rest.length) out.push('## Other', '', ...rest.map(entry));
  return out.join('\n').replace(/\n+$/, '\n');
}

export const DOC_PATH = fileURLToPath(new URL('../docs/diagnostics.md', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = buildDiagnosticsDoc();
  if (process.argv.includes('--check')) {
    if (readFileSync(DOC_PATH, 'utf8') !== text) {
      console.error('docs/diagnostics.md is stale: run `npm run docs:diagnostics`');
      process.exit(1);
    }
    console.log('docs/diagnostics.md up to date');
  } else {
    writeFileSync(DOC_PATH, text);
    console.log(`wrote ${DOC_PATH}`);
  }
  // The examples `hzreport explain` shows, from the bundled report.
  writeOrCheckExamples(process.argv.includes('--check'));
}
