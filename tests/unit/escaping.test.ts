import { describe, expect, it } from 'vitest';
import { allOf, anyOf, quoteFilterValue } from '../../src/search/filter-expression.ts';
import { escapeHtml } from '../../views/escape-html.ts';

describe('filter values', () => {
  it.each([
    ['LY', '"LY"'],
    ['LY" OR id EXISTS', '"LY\\" OR id EXISTS"'],
    ['back\\slash', '"back\\\\slash"'],
    ['\\"', '"\\\\\\""'],
    ['سطر\nجديد', '"سطر\nجديد"'],
  ])('quotes %j so it cannot leave the string', (value, quoted) => {
    expect(quoteFilterValue(value)).toBe(quoted);
  });

  it('builds IN clauses and joins them with AND', () => {
    expect(anyOf('regions', [])).toBeNull();
    expect(allOf([anyOf('regions', ['LY', 'EG']), null, anyOf('actors', ['khalifa-haftar'])])).toBe('(regions IN ["LY", "EG"]) AND (actors IN ["khalifa-haftar"])');
    expect(allOf([null])).toBeNull();
  });
});

describe('HTML escaping', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ["\"onmouseover='x'", '&quot;onmouseover=&#39;x&#39;'],
    ['حفتر & السيسي', 'حفتر &amp; السيسي'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});

describe('close spellings', () => {
  it('finds the most frequent known term one letter away', async () => {
    const { closestKnownTerm, withinOneEdit } = await import('../../src/search/suggest.ts');
    expect(withinOneEdit('مخابر', 'مخابز')).toBe(true);
    expect(withinOneEdit('مخابر', 'مخبر')).toBe(true);
    expect(withinOneEdit('مخابر', 'خابرت')).toBe(false);
    const stats = {
      articles: 1,
      documents: 3,
      totalLength: 9,
      df: new Map([
        ['حفتر', 40],
        ['حفير', 2],
        ['مصر', 9],
      ]),
      plainDf: new Map(),
    };
    expect(closestKnownTerm('حفنر', stats)).toBe('حفتر');
    expect(closestKnownTerm('حفتر', stats)).toBeNull();
    expect(closestKnownTerm('زز', stats)).toBeNull();
  });
});
