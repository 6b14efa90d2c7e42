// The incremental checker (createChecker) against checkReport: the same findings in the same order, whether
// the sections come from the tree or from copies destroyed right after they are added (the checker must keep
// no reference to a section's objects, so that a report compiled section by section is never held whole).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile } from '../src/compile.js';
import { checkReport, createChecker, normalizeText } from '../src/check.js';
import { halfWidth } from '../src/quantity.js';
import type { Diagnostic, Report, Section } from '../src/model.js';

const seed = compile(readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url)), {
  file: 'fixtures/hangzhou-2021-q3.tsv',
});
const reference = checkReport(seed);

const CHECK_CODES = new Set(['HZ401', 'HZ402', 'HZ403', 'HZ404', 'HZ213', 'HZ214', 'HZ309']);

/** Overwrite every string, number and boolean reachable from value, in place (arrays emptied of nothing). */
function scramble(value: unknown, depth = 0): void {
  if (value === null || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (typeof v === 'string') obj[key] = `garbage ${key} ${depth}：，。`;
    else if (typeof v === 'number') obj[key] = 90_000 + depth;
    else if (typeof v === 'boolean') obj[key] = !v;
    else scramble(v, depth + 1);
  }
}

function incrementally(sections: readonly Section[], destroy: boolean): Diagnostic[] {
  const checker = createChecker();
  sections.forEach((section, i) => {
    if (!destroy) return checker.addSection(section, i);
    const copy = structuredClone(section);
    checker.addSection(copy, i);
    scramble(copy);
  });
  return checker.finish();
}

describe('createChecker', () => {
  it('finds on the seed what checkReport finds, in the same order', () => {
    expect(reference.length).toBeGreaterThan(0);
    expect(incrementally(seed.sections, false)).toEqual(reference);
  });

  it('gives the findings the compiled report carries, of every kind the checker reports', () => {
    const compiled = seed.diagnostics.filter((d) => CHECK_CODES.has(d.code));
    // The compiled ones also carry where they are for an analyst (task, owner, field: src/locate.ts).
    const key = ({ task: _t, owner: _o, field: _f, ...d }: Diagnostic) => JSON.stringify(d);
    expect(reference.map(key).sort()).toEqual(compiled.map(key).sort());
    const codes = new Set(reference.map((d) => d.code));
    expect([...codes].sort()).toEqual(['HZ213', 'HZ214', 'HZ309', 'HZ401', 'HZ402', 'HZ403', 'HZ404']);
    // restatements first, then the checks within an item or task, then those of values and text, each in tree order
    const order = reference.map((d) => d.code).join(' ');
    expect(order).toMatch(/^(HZ401 )+(HZ402 )+(HZ403 )+(HZ404 )+(HZ21[34]|HZ309)( (HZ21[34]|HZ309))*$/);
  });

  it('keeps no reference to an added section: copies destroyed right after addSection change nothing', () => {
    expect(incrementally(seed.sections, true)).toEqual(reference);
  });

  it('keeps no reference on a report where every section is restated by another', () => {
    // The seed's sections twice over, the second copy with some figures changed: many restatements, and
    // whole tasks restated (HZ401 at task level).
    const twice: Report = structuredClone(seed);
    const copies = structuredClone(seed.sections);
    let n = 0;
    for (const s of copies)
      for (const g of s.groups)
        for (const t of g.tasks) {
          if (t.rate && n++ % 3 === 0) t.rate = { ...t.rate, text: '12.5%', value: 12.5 };
          for (const item of t.items)
            for (const ind of item.indicators) if (ind.rate && n++ % 5 === 0) ind.rate = { ...ind.rate, text: '1%', value: 1 };
        }
    twice.sections.push(...copies);
    const expected = checkReport(twice);
    expect(expected.length).toBeGreaterThan(reference.length + 50);
    expect(expected.some((d) => d.code === 'HZ401' && d.path.endsWith('/rate') && !d.path.includes('/items/'))).toBe(true);
    expect(incrementally(twice.sections, true)).toEqual(expected);
  });

  it('orders by section index, whatever the order sections are added in', () => {
    const checker = createChecker();
    for (let i = seed.sections.length - 1; i >= 0; i--) checker.addSection(seed.sections[i]!, i);
    expect(checker.finish()).toEqual(reference);
  });
});

describe('normalizeText', () => {
  // The definition: half-width, no tags, no white space, punctuation or symbols, lower case.
  const byRegExp = (s: string) =>
    halfWidth(s)
      .replace(/<[^>]*>/g, '')
      .replace(/[\s\p{P}\p{S}]/gu, '')
      .toLowerCase();

  it('equals its definition on every string of the seed', () => {
    const texts = new Set<string>();
    for (const s of seed.sections)
      for (const g of s.groups)
        for (const t of g.tasks) {
          texts.add(t.description);
          for (const item of t.items) {
            texts.add(item.description);
            for (const ind of item.indicators) {
              texts.add(ind.name);
              for (const q of [ind.target, ind.current, ind.rate]) if (q) texts.add(q.text);
            }
          }
        }
    for (const s of texts) expect(normalizeText(s), s).toBe(byRegExp(s));
  });

  it('equals its definition on random text', () => {
    const chars = [
      'a',
      'Z',
      '9',
      ' ',
      '\t',
      '\n',
      '<',
      '>',
      '/',
      '"',
      '＜',
      '＞',
      'Ａ',
      'ｚ',
      '１',
      '（',
      '）',
      '，',
      '\u3000',
      '\u00a0',
      '、',
      '。',
      '“',
      '”',
      '—',
      '%',
      '|',
      '加',
      '快',
      '职',
      '住',
      '㎡',
      'İ',
      'Σ',
      'ß',
      'É',
      'Ⅻ',
      '😀',
      '\ud800',
      '\udc00',
      '𝐀',
      '\u200b',
      '\ufeff',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 40 }), (cs) => {
        const s = cs.join('');
        expect(normalizeText(s)).toBe(byRegExp(s));
      }),
      { numRuns: 3000 },
    );
    for (let c = 0; c < 0x10000; c++) {
      const s = `a${String.fromCharCode(c)}Ｂ`;
      if (normalizeText(s) !== byRegExp(s)) expect(normalizeText(s), `U+${c.toString(16)}`).toBe(byRegExp(s));
    }
    const long = '加快 <b>Ａ</b>，'.repeat(1000);
    expect(normalizeText(long)).toBe(byRegExp(long));
  });
});
