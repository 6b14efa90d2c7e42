// The `unix` format, as compilers and grep print: `file:line:col: severity message [code]`, one finding a
// line, for editors' quickfix lists and `grep`. Whole-file findings are at line 0, unknown columns 0.
import { severityWord } from '../i18n.js';
import { type FileResult, type Show, visible } from './results.js';
import { printable } from './text.js';

export function unix(results: readonly FileResult[], show: Show = 'problems', lang: 'en' | 'zh' = 'en'): string {
  let out = '';
  for (const r of results) {
    const file = printable(r.file);
    for (const d of r.diagnostics) {
      if (!visible(d, show)) continue;
      out += `${file}:${d.line}:${d.column}: ${severityWord(d.severity, lang)} ${printable(d.message)} [${d.code}]\n`;
    }
  }
  return out;
}
