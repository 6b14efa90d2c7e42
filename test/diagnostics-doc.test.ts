import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDiagnosticsDoc, DOC_PATH } from '../scripts/gen-diagnostics-doc.js';
import { catalogEntries } from '../src/diagnostics.js';

describe('docs/diagnostics.md', () => {
  it('is generated from the catalog and committed up to date (npm run docs:diagnostics)', () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(buildDiagnosticsDoc());
  });

  it('documents every code with its severity and both message templates', () => {
    const doc = buildDiagnosticsDoc();
    for (const e of catalogEntries) {
      expect(e.en.trim()).not.toBe('');
      expect(e.zh.trim()).not.toBe('');
      expect(doc).toContain(`### ${e.code} ${e.title}`);
      expect(doc).toContain(`- zh: ${e.zh.replace(/\|/g, '\\|')}`);
    }
  });

  it('would notice a catalog change', () => {
    const changed = catalogEntries.map((e) => (e.code === 'HZ201' ? { ...e, en: `${e.en}!` } : e));
    expect(buildDiagnosticsDoc(changed)).not.toBe(buildDiagnosticsDoc());
  });
});
