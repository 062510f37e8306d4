import { describe, expect, it } from 'vitest';
import { emptyTermStats, type TermStats } from '../../src/archive-index/index.ts';
import { distinctiveTerms, rankSimilar, similarSearches } from '../../src/search/similar.ts';
import { drawSample } from '../../src/tools/seeded-random.ts';
import { similarShares } from '../../src/tools/similar-eval.ts';

function statsOf(df: Record<string, number>, documents = 1000): TermStats {
  return { ...emptyTermStats(), documents, totalLength: documents * 50, df: new Map(Object.entries(df)) };
}

const candidate = (articleId: string, text: string, regions: string[] = [], actors: string[] = []) => ({
  articleId,
  title: articleId,
  date: null,
  source: null,
  regions,
  actors,
  title_terms: '',
  heading_terms: '',
  text_terms: text,
  length: text.split(' ').length,
});

describe('distinctive terms', () => {
  it('weighs title words thrice, leaves out numbers and the archive’s commonest words, and searches only terms found elsewhere', () => {
    const stats = statsOf({ سيول: 10, تبوك: 40, وادي: 30, قال: 900, اخضر: 1 }, 2000);
    const terms = distinctiveTerms([{ title: 'سيول تبوك', heading: null, text: 'قال إن السيول في وادي الأخضر عام 2015' }], stats);
    expect(terms.searched.map((term) => term.stem)).toEqual(['سيول', 'تبوك', 'وادي']);
    expect(terms.weight).toBeGreaterThan(terms.searched.reduce((sum, term) => sum + term.weight, 0));
  });

  it('asks the engine with each of the three strongest terms first in turn, never for the article itself', () => {
    const searches = similarSearches('a"1', [
      { stem: 'x', weight: 3 },
      { stem: 'y', weight: 2 },
      { stem: 'z', weight: 1 },
      { stem: 'w', weight: 1 },
    ]);
    expect(searches.map((search) => search.q)).toEqual(['x y z w ', 'y x z w ', 'z x y w ']);
    expect(searches.every((search) => search.filter === 'articleId != "a\\"1"' && search.matchingStrategy === 'last')).toBe(true);
  });
});

describe('ranking similar articles', () => {
  const stats = statsOf({ سيول: 10, تبوك: 40, وادي: 30, نفط: 30 });
  const terms = { searched: distinctiveTerms([{ title: 'سيول تبوك', heading: null, text: 'سيول وادي' }], stats).searched, weight: 0 };
  terms.weight = terms.searched.reduce((sum, term) => sum + term.weight, 0);

  it('puts the candidate sharing most distinctive terms first, one entry per article, and drops one sharing a single term', () => {
    const ranked = rankSimilar(terms, new Set(), [candidate('story', 'سيول تبوك وادي'), candidate('subject', 'سيول وادي'), candidate('story', 'تبوك'), candidate('word', 'تبوك نفط')], stats);
    expect(ranked.map((article) => article.articleId)).toEqual(['story', 'subject']);
  });

  it('breaks near ties with the people and places both articles name, countries aside', () => {
    const entities = new Set(['SA', 'tabuk']);
    const ranked = rankSimilar(terms, entities, [candidate('country', 'سيول وادي', ['SA']), candidate('city', 'سيول وادي', ['SA', 'tabuk'])], stats);
    expect(ranked.map((article) => [article.articleId, article.shared])).toEqual([
      ['city', ['SA', 'tabuk']],
      ['country', ['SA']],
    ]);
  });
});

describe('the similar-articles evaluation', () => {
  it('draws the same sample for the same seed, without repeats', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `a${i}`);
    const first = drawSample(ids, 30, 42);
    expect(drawSample(ids, 30, 42)).toEqual(first);
    expect(new Set(first).size).toBe(30);
    expect(drawSample(ids, 30, 43)).not.toEqual(first);
  });

  it('reports the share of each label over judged pairs and counts the unjudged', () => {
    const pairs = [
      { article: 'a', rank: 1, similar: 'b' },
      { article: 'a', rank: 2, similar: 'c' },
      { article: 'd', rank: 1, similar: 'e' },
      { article: 'd', rank: 2, similar: 'f' },
    ];
    const judged = [
      { article: 'a', similar: 'b', label: 'story' },
      { article: 'a', similar: 'c', label: 'subject' },
      { article: 'd', similar: 'e', label: 'unrelated' },
    ];
    expect(similarShares(pairs, judged)).toEqual({ pairs: 4, unjudged: 1, story: 0.333, subject: 0.333, unrelated: 0.333, articlesWithARelatedOne: 1 });
  });
});
