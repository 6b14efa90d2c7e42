// `hzreport explain HZ201`: a catalog entry in both languages, what it means, an example from the
// bundled real report (docs/diagnostic-examples.json, generated with docs/diagnostics.md), and how to
// fix or silence it (configuration rules, ignored tasks, a baseline).
import { readFileSync } from 'node:fs';
import { DOCS_URL } from './constants.js';
import { catalog, type Code, type Lang } from './diagnostics.js';
import { MEANING_ZH } from './explain-zh.js';
import { severityWord } from './i18n.js';
import { displayWidth, wrap } from './emit/text.js';

/** Text after a prefix, wrapped to 80 terminal columns, its further lines under its first. */
function hang(prefix: string, text: string): string[] {
  const pad = ' '.repeat(displayWidth(prefix));
  return wrap(text, Math.max(20, 80 - pad.length), false).map((l, i) => (i ? pad : prefix) + l);
}

interface Example {
  line: number;
  column: number;
  task: string | null;
  owner: string | null;
  field: { header: string; column: number } | null;
  en: string;
  zh: string;
  cells: { field: number; text: string }[];
}

const EXAMPLES_URL = new URL('../docs/diagnostic-examples.json', import.meta.url);

function examples(): { source: string; examples: Record<string, Example> } | undefined {
  try {
    return JSON.parse(readFileSync(EXAMPLES_URL, 'utf8')) as { source: string; examples: Record<string, Example> };
  } catch {
    return undefined;
  }
}

// How to fix, by range: what in the report (or the extraction) the finding asks to change.
const FIX: Record<string, { en: string; zh: string }> = {
  HZ0: {
    en: 'Fix the input itself: name the right file, convert it to TSV text, or give its encoding (--encoding).',
    zh: '修正输入本身：指定正确的文件，转换为 TSV 文本，或用 --encoding 指明编码。',
  },
  HZ1: {
    en: 'Compare the row with the PDF: re-extract the table, or move the cell to its column. A repair (info) needs no fix.',
    zh: '对照 PDF 检查该行：重新提取表格，或将单元格移回所在列。修复类提示（提示级）无需处理。',
  },
  HZ2: {
    en: "Correct the written rate, or the target or current value it is computed from, in the submitting unit's figures.",
    zh: '请责任单位更正所写完成率，或更正据以计算的目标值、当前值。',
  },
  HZ3: { en: 'Ask the responsible unit to fill in the missing field.', zh: '请责任单位补全缺失的字段。' },
  HZ4: {
    en: 'Make the two statements agree (or the names and units fit what is counted).',
    zh: '使两处表述一致（或使名称、单位与所计量的对象相符）。',
  },
  // Codes of a range whose fix is not the range's: the figures are not wrong, their form or their text is.
  HZ211: {
    en: 'Write target and current in one form: both percentages, or both with the same magnitude (万, 亿) and unit.',
    zh: '目标值与当前值用同一种写法：都写百分数，或都用相同的数量级（万、亿）和单位。',
  },
  HZ212: {
    en: 'Write the figure alone in the cell (a remark belongs in the highlights or next steps), the final figure once it is known.',
    zh: '单元格中只写数值（备注写在“主要亮点”或“存在问题与下步计划”中），数值确定后填写最终数值。',
  },
  HZ213: {
    en: "Make the indicator's target the figure its item's description promises, or correct the description.",
    zh: '使指标的目标值与细化项目说明所承诺的数字一致，或更正说明。',
  },
  HZ214: {
    en: 'Write the ceiling in the form the description gives it (a bare number, not a percentage), or correct the description.',
    zh: '按说明给出的写法填写上限（不带 % 的数，而非百分数），或更正说明。',
  },
};

/** The explanation text, or undefined for a code the catalog does not have. */
export function explain(codeArg: string, lang: Lang = 'en'): string | undefined {
  const code = codeArg.toUpperCase() as Code;
  const e = catalog.get(code);
  if (!e) return undefined;
  const zh = lang === 'zh';
  const ex = examples();
  const example = ex?.examples[code];
  const out: string[] = [];
  // Chinese punctuation in Chinese (（警告）, 第 5 列：, 文档：).
  const [colon, open, close] = zh ? ['：', '（', '）'] : [': ', ' (', ')'];
  out.push(`${e.code} ${e.title}${open}${severityWord(e.severity, lang)}${close}`, '');
  out.push(zh ? '消息' : 'Message', ...hang('  zh: ', e.zh), ...hang('  en: ', e.en), '');
  const meaningZh = zh ? MEANING_ZH[code] : undefined;
  out.push(zh ? (meaningZh ? '含义' : '含义（英文说明）') : 'What it means', ...hang('  ', meaningZh ?? e.doc), '');
  if (example) {
    const where = [
      example.task,
      example.owner,
      example.field
        ? zh
          ? `${example.field.header}（第 ${example.field.column} 列）`
          : `${example.field.header} (column ${example.field.column})`
        : null,
    ]
      .filter(Boolean)
      .join(zh ? '，' : ', ');
    out.push(
      ...hang(
        '',
        zh
          ? `示例：${ex!.source} 第 ${example.line} 行${where ? `（${where}）` : ''}`
          : `Example: ${ex!.source}, line ${example.line}${where ? ` (${where})` : ''}`,
      ),
    );
    out.push(...hang(`  ${example.line}:${example.column}  `, zh ? example.zh : example.en));
    for (const c of example.cells) out.push(...hang(`    ${zh ? `第 ${c.field} 列` : `column ${c.field}`}${colon}`, c.text));
    out.push('');
  } else {
    out.push(zh ? '示例：随附的真实报告中没有此类发现。' : 'Example: the bundled real report has no such finding.', '');
  }
  const fix = FIX[code] ?? FIX[code.slice(0, 3)];
  if (fix) out.push(zh ? '如何修正' : 'How to fix it', ...hang('  ', zh ? fix.zh : fix.en), '');
  const task = example?.task ?? '四.81';
  out.push(
    zh ? '如何屏蔽' : 'How to silence it',
    `  hzreport.config.json: { "rules": { "${code}": "off" } }   ${zh ? '（或改为 "info"、"warning"、"error"）' : '(or "info", "warning", "error")'}`,
    `  ${zh ? '仅某项重点工作' : 'one task only'}${colon}{ "ignore": { "tasks": ["${task}"] } }`,
    `  ${zh ? '接受现有发现' : 'accept the current findings'}${colon}hzreport check FILE --write-baseline hzreport.baseline.json${zh ? '，之后用' : ', then'} --baseline hzreport.baseline.json`,
    '',
    `${zh ? '文档' : 'Docs'}${colon}${DOCS_URL}/diagnostics.md#${e.code.toLowerCase()}-${e.title}`,
  );
  return out.join('\n') + '\n';
}
