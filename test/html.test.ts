// src/html.ts decodes the reports' simple markup without cheerio. Whatever it accepts must give
// exactly what cheerio gives; whatever it does not accept must go to cheerio.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, cellTextCheerio, cellTextFast } from '../src/html.js';

const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url), 'utf8');
const markupCells = [...new Set(seed.split('\n').flatMap((l) => l.split('\t')))].filter((c) => /[<&]/.test(c));

describe('cellText', () => {
  it('plain cells: trimmed, white space collapsed, no markup', () => {
    expect(cellText('  生猪  存栏\u3000数 ')).toEqual({
      text: '生猪 存栏 数',
      paragraphs: ['生猪 存栏 数'],
      removed: [],
      hadMarkup: false,
    });
    expect(cellText('')).toEqual({ text: '', paragraphs: [], removed: [], hadMarkup: false });
  });

  it('prose cells become paragraphs; entities decoded', () => {
    const c = cellText(
      '<p>一是<b>压实</b>责任。</p> <p>二是&amp;补贴&#x3002;</p><ol style="list-style-type: none"><li>甲</li><li>乙<br/>丙</li></ol>',
    );
    expect(c.paragraphs).toEqual(['一是压实责任。', '二是&补贴。', '甲', '乙', '丙']);
    expect(c.text).toBe('一是压实责任。 二是&补贴。 甲 乙 丙');
    expect(c.hadMarkup).toBe(true);
  });

  it('unsafe markup is removed and reported (cheerio path)', () => {
    const c = cellText('<p>a<script>alert(1)</script></p><p onclick="x()">b</p><style>p{}</style>');
    expect(c.paragraphs).toEqual(['a', 'b']);
    expect(c.removed).toEqual(['<script>', '<style>', 'onclick=']);
    expect(cellTextFast('<p>a<script>alert(1)</script></p>')).toBeNull();
    expect(cellTextFast('<p onclick="x()">b</p>')).toBeNull();
  });

  it("the seed's markup never needs cheerio, and the fast path equals cheerio on every such cell", () => {
    expect(markupCells.length).toBeGreaterThan(50);
    for (const raw of markupCells) {
      const fast = cellTextFast(raw);
      expect(fast, raw.slice(0, 80)).not.toBeNull();
      expect(fast).toEqual(cellTextCheerio(raw));
    }
  });

  it('fuzz: whenever the fast path answers, it equals cheerio', () => {
    const tags = [
      'p',
      'b',
      'br',
      'ol',
      'ul',
      'li',
      'span',
      'strong',
      'i',
      'div',
      'script',
      'P',
      'Li',
      'em',
      'sup',
      'table',
      'td',
      'a',
    ];
    const token = fc.oneof(
      fc.constantFrom(...tags).map((t) => `<${t}>`),
      fc.constantFrom(...tags).map((t) => `</${t}>`),
      fc.constantFrom(
        '<br/>',
        '<br />',
        '<p class="x">',
        "<ol style='a:b'>",
        '<span id=z>',
        '<p onclick="y">',
        '<!-- c -->',
        '</>',
        '<',
        '< 5',
        '<5%',
        '</ x>',
        '<?x?>',
        '<p',
        '<b/>',
      ),
      fc.constantFrom(
        '&amp;',
        '&lt;',
        '&gt;',
        '&quot;',
        '&apos;',
        '&nbsp;',
        '&#20013;',
        '&#x4E2D;',
        '&#128;',
        '&#0;',
        '&#13;',
        '&AMP;',
        '&amp',
        '&copy;',
        '&copy',
        'R&D',
        '& ',
        '&#;',
        '&#x;',
        '&notit;',
        '&#xD800;',
      ),
      fc.constantFrom('一是', '完成', ' ', '  ', '\u3000', '\u00a0', 'x', '。', '"', "'", '>', '=', '/'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (parts) => {
        const raw = parts.join('');
        const fast = cellTextFast(raw);
        if (fast !== null) expect(fast, JSON.stringify(raw)).toEqual(cellTextCheerio(raw));
      }),
      { numRuns: 4000, seed: 42 },
    );
  });
});
