// classify's typeOf skips the figure patterns for texts whose first character none of them can match
// (mayOpenFigure): checked for every UTF-16 code unit, with tails that complete each pattern.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIGURE_PATTERNS, mayOpenFigure } from '../src/classify.js';

// Tails that complete a match of some pattern after a fitting first character.
const TAILS = [
  '',
  '1',
  '12',
  '1%',
  '1.5%',
  '12 ％',
  ' 1',
  ' 12万',
  '-1',
  '1万',
  '1万吨',
  '—',
  '-',
  '定',
  '核算',
  '无',
  '无）',
  '待定）',
  ')',
  '）',
  '暂无',
  '12、',
  '1．',
];
const ALPHABET = [...'0123456789０１２３４５６７８９.．%％-+—–－/／（）() 　无暂待定核算万个、，', '\u00a0'];

describe('mayOpenFigure', () => {
  it('is true for every code unit that opens a match of a figure pattern', () => {
    let skipped = 0;
    for (let c = 0; c < 0x10000; c++) {
      if (mayOpenFigure(c)) continue;
      skipped++;
      const head = String.fromCharCode(c);
      for (const tail of TAILS)
        for (const re of FIGURE_PATTERNS) if (re.test(head + tail)) expect.fail(`${re} matches ${JSON.stringify(head + tail)}`);
    }
    expect(skipped).toBeGreaterThan(0xff00);
  });

  it('is true for every code unit that opens a match, with random tails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.array(fc.constantFrom(...ALPHABET), { maxLength: 8 }), (c, tail) => {
        const text = String.fromCharCode(c) + tail.join('');
        if (FIGURE_PATTERNS.some((re) => re.test(text))) expect(mayOpenFigure(c), JSON.stringify(text)).toBe(true);
      }),
      { numRuns: 20000, seed: 20211201 },
    );
  });

  it('is true for the first character of every figure the patterns match, white space included', () => {
    for (const text of ['75%', '-', '/', '12', '（待核算）', '(1)万', ' 5', '\u3000５', '无', '暂无', '待定', '０．５％'])
      expect(mayOpenFigure(text.charCodeAt(0)), text).toBe(FIGURE_PATTERNS.some((re) => re.test(text)));
  });
});
