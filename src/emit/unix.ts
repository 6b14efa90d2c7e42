// The `unix` format, as compilers and grep print: `file:line:col: severity message [code]`, one finding a
// line, for editors' quickfix lists and `grep`. Whole-file findings name the file alone,
// unknown columns are 0.
import { severityWord } from '../i18n.js';
import { type FileResult, type Show, visible } from './results.js';
import { printable } from './text.js';

export function unix(results: readonly FileResult[], show: Show = 'problems', lang: 'en' | 'zh' = 'en'): string {
  let out = '';
  for (const r of results) {
    const file = printable(r.file);
    for (const d of r.diagnostics) {
      if (!visible(d, show)) continue;
      // A whole-file finding (line 0) names the file alone, as compilers do: `file: error …`.
      const at = d.line > 0 ? `${file}:${d.line}:${d.column}` : file;
      out += `${at}: ${severityWord(d.severity, lang)} ${printable(d.message)} [${d.code}]\n`;
    }
  }
  return out;
}
