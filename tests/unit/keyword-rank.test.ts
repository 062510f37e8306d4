import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/arabic/index.ts';
import { countWord, rankKeywordCandidates, type KeywordCandidate, type KeywordQuery, type KeywordStats, type KeywordTerm } from '../../src/search/keyword-rank.ts';

// Fields built the way the indexer builds them: the non-stop words' stems, and aligned with them
// their plain forms; the alternatives of ambiguous proclitics apart.
function fields(text: string) {
  const terms = analyze(text).filter((term) => !term.stop);
  const alts = terms.filter((term) => term.alt !== undefined);
  return {
    terms: terms.map((term) => term.stem).join(' '),
    plain: terms.map((term) => term.plain).join(' '),
    alt: alts.map((term) => term.alt).join(' '),
    altPlain: alts.map((term) => term.altPlain).join(' '),
    length: terms.length,
  };
}

function section(articleId: string, n: number, title: string, text: string): KeywordCandidate {
  const t = fields(title);
  const body = fields(text);
  return {
    id: `${articleId}__${n}`,
    articleId,
    n,
    title_terms: t.terms,
    title_plain: t.plain,
    heading_terms: '',
    heading_plain: '',
    text_terms: body.terms,
    text_plain: body.plain,
    alt_terms: body.alt,
    alt_plain: body.altPlain,
    length: body.length,
  };
}

const term = (word: string): KeywordTerm => {
  const [analyzed] = analyze(word);
  return { stem: analyzed!.stem, plain: analyzed!.plain };
};
const words = (...typed: string[]): KeywordQuery => ({ words: typed.map(term), phrases: [] });

/** Statistics of a larger archive the candidates come from: every stem and plain form in 50 of 10,000 sections. */
function statsOf(candidates: readonly KeywordCandidate[]): KeywordStats {
  const df = new Map<string, number>();
  const plainDf = new Map<string, number>();
  for (const candidate of candidates) {
    for (const word of `${candidate.title_terms} ${candidate.text_terms}`.split(' ')) df.set(word, 50);
    for (const word of `${candidate.title_plain} ${candidate.text_plain}`.split(' ')) plainDf.set(word, 50);
  }
  return { documents: 10_000, totalLength: 10_000 * 12, df, plainDf };
}

const rank = (query: KeywordQuery, candidates: KeywordCandidate[]) => rankKeywordCandidates(query, candidates, statsOf(candidates));
const filler = 'أعلنت الوزارة اليوم عن خطة جديدة لتطوير الطرق والخدمات في المدن الكبرى خلال العام المقبل';

describe('plain forms, as the analysis gives them', () => {
  it.each([
    ['والرياض', 'رياض'],
    ['رياضة', 'رياضه'],
    ['الرياضية', 'رياضيه'],
    ['للسيسي', 'سيسي'],
    ['الشاماني', 'شاماني'],
    ['الأقصى', 'اقصي'],
  ])('%s → %s: clitics off, suffixes kept', (word, plain) => {
    expect(analyze(word)[0]?.plain).toBe(plain);
  });

  it('reads an alternative analysis the same way: بمصر → مصر', () => {
    expect(analyze('بمصر')[0]?.altPlain).toBe('مصر');
  });
});

describe('countWord', () => {
  it('counts whole words and runs of words only', () => {
    expect(countWord('مصرف مصر امصر مصر', 'مصر')).toBe(2);
    expect(countWord('سد نهضه سد عالي نهضه', 'سد نهضه')).toBe(1);
    expect(countWord('', 'مصر')).toBe(0);
  });
});

describe('rankKeywordCandidates', () => {
  it('ranks an article with the word in its title above one that mentions it in the body', () => {
    const ranked = rank(words('كوبا'), [
      section('mention', 1, 'قمة اقتصادية في باريس', `${filler} وحضرها وفد من كوبا`),
      section('about', 1, 'كوبا تفتح سفارتها في واشنطن', `${filler} وقال الوزير إن بلاده مستعدة`),
    ]);
    expect(ranked.map((article) => article.articleId)).toEqual(['about', 'mention']);
  });

  it('ranks a match on the word itself above a match through its stem only', () => {
    const ranked = rank(words('الرياض'), [section('sport', 1, 'نتائج الجولة', `${filler} وتطوير الرياضة`), section('city', 1, 'نتائج الجولة', `${filler} وتطوير الرياض`)]);
    expect(ranked.map((article) => article.articleId)).toEqual(['city', 'sport']);
  });

  it('gives a bonus to the words adjacent and in order', () => {
    const ranked = rank(words('سد', 'النهضة'), [section('apart', 1, 'أخبار', `السد يواجه فريق النهضة ${filler}`), section('adjacent', 1, 'أخبار', `مفاوضات سد النهضة بين الدول ${filler}`)]);
    expect(ranked.map((article) => article.articleId)).toEqual(['adjacent', 'apart']);
    // The same words, as often, in sections of the same length: the phrase clause alone makes the difference.
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score * 1.4);
  });

  it('keeps only the sections that hold a quoted phrase', () => {
    const query: KeywordQuery = { words: [], phrases: [[term('سد'), term('النهضة')]] };
    const ranked = rank(query, [section('apart', 1, 'أخبار', `السد يواجه فريق النهضة ${filler}`), section('adjacent', 1, 'أخبار', `أزمة سد النهضة ${filler}`)]);
    expect(ranked.map((article) => article.articleId)).toEqual(['adjacent']);
  });

  it('finds a word behind an ambiguous proclitic through its alternative', () => {
    const ranked = rank(words('مصر'), [section('clitic', 1, 'أخبار', `${filler} واتجه الوفد بعدها بمصر`)]);
    expect(ranked).toHaveLength(1);
    expect(ranked[0]!.score).toBeGreaterThan(0);
  });

  it('keeps what the engine matched through a typo only, last and in the engine order', () => {
    const ranked = rank(words('اوباما'), [
      section('typo-1', 1, 'أخبار', `${filler} اوباميا`),
      section('exact', 1, 'أخبار', `${filler} وقال أوباما`),
      section('typo-2', 1, 'أخبار', `${filler} اوبامو`),
    ]);
    expect(ranked.map((article) => [article.articleId, article.score > 0])).toEqual([
      ['exact', true],
      ['typo-1', false],
      ['typo-2', false],
    ]);
  });

  it('returns one result per article: its best section, then its other sections whose own text matches', () => {
    const ranked = rank(words('كوبا'), [
      section('a', 1, 'كوبا والولايات المتحدة', filler),
      section('a', 2, 'كوبا والولايات المتحدة', `رفعت كوبا علمها وقالت كوبا إن ${filler}`),
      section('a', 3, 'كوبا والولايات المتحدة', `${filler} وزار كوبا`),
      section('b', 1, 'قمة في باريس', `${filler} وحضرها وفد من كوبا`),
    ]);
    expect(ranked).toHaveLength(2);
    expect(ranked[0]).toMatchObject({ articleId: 'a', sectionId: 'a__2', otherSectionIds: ['a__3'] });
    expect(ranked[1]).toMatchObject({ articleId: 'b', sectionId: 'b__1', otherSectionIds: [] });
  });

  it('lets the lead stand for an article whose only match is its title', () => {
    const ranked = rank(words('كوبا'), [section('a', 2, 'كوبا تفتح سفارتها', filler), section('a', 1, 'كوبا تفتح سفارتها', filler)]);
    expect(ranked).toEqual([{ articleId: 'a', score: ranked[0]!.score, sectionId: 'a__1', otherSectionIds: [] }]);
  });
});
