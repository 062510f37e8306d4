import { describe, expect, it } from 'vitest';
import { countNoun, NOUNS } from '../../views/format.ts';
import { Overview } from '../../views/search-page.tsx';

// Arabic counts agree with their number (Intl.PluralRules('ar')): 1 مقال، 2 مقالان، 3–10 مقالات، 11–99 مقالًا، 100 مقال.
describe('counted nouns', () => {
  it.each([
    [1, 'مقال', 'مقطع'],
    [2, 'مقالان', 'مقطعان'],
    [3, 'مقالات', 'مقاطع'],
    [10, 'مقالات', 'مقاطع'],
    [11, 'مقالًا', 'مقطعًا'],
    [99, 'مقالًا', 'مقطعًا'],
    [100, 'مقال', 'مقطع'],
    [103, 'مقالات', 'مقاطع'],
    [14811, 'مقالًا', 'مقطعًا'],
  ])('%i: %s, %s', (count, article, section) => {
    expect(countNoun(count, NOUNS.article)).toBe(article);
    expect(countNoun(count, NOUNS.section)).toBe(section);
  });

  it('the bundled archive says "1 مقال في 4 مقاطع" on the home page', () => {
    const html = String(<Overview overview={{ articles: 1, sections: 4, latest: [], regions: [], actors: [] }} names={() => undefined} />);
    const text = html.replace(/<[^>]*>/gu, '').replace(/\s+/gu, ' ');
    expect(text).toContain('1 مقال في 4 مقاطع');
  });
});
