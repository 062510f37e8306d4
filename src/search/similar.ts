/**
 * Similar articles: the article's most distinctive terms (tf·idf over the archive's own term
 * statistics) asked of the engine in one multi-search, the candidates ranked here with BM25 over
 * those terms weighted as in the article, plus a bonus for the people, organisations and places
 * both articles name. The choices were measured: docs/decisions.md#similar-articles.
 */
import { analyze } from '../arabic/index.ts';
import type { ArticleSection, SectionDocument, TermStats } from '../archive-index/index.ts';
import type { ArchiveReader, EngineSearch } from '../engine/archive-reader.ts';
import { countWord } from './keyword-rank.ts';
import { quoteFilterValue } from './filter-expression.ts';

export interface SimilarArticle {
  articleId: string;
  title: string;
  date: string | null;
  source: string | null;
  /** Entities both articles name. */
  shared: string[];
}

export interface SimilarArticles {
  articles: SimilarArticle[];
  /** The distinctive terms searched, best first. */
  terms: string[];
  engineRequests: number;
}

export interface WeightedTerm {
  stem: string;
  weight: number;
}

export const SIMILAR_SHOWN = 5;
/** The engine reads at most 10 words of a query. */
const DISTINCTIVE_TERMS = 10;
const CANDIDATES_PER_SEARCH = 30;
const REQUIRED_IN_TURN = 3;
/**
 * A candidate sharing fewer of the distinctive terms, or terms holding less of their weight, shares
 * a word or two, not a story or a subject.
 */
const MIN_SHARED_TERMS = 2;
const MIN_SHARED_WEIGHT = 0.2;
const TITLE_WEIGHT = 3;
/** A term in more sections than this share of the archive says little about a story (a small archive keeps all its terms: idf still weighs them). */
const MAX_DF_SHARE = 0.05;
const MIN_DF_CAP = 50;
const K1 = 1.2;
const B = 0.75;
/**
 * Bonus per entity both articles name that is not a country (a country is named by most articles
 * of the archive), on the scale of one distinctive term's score, and its cap.
 */
const ENTITY_WEIGHT = 0.5;
const MAX_ENTITY_BONUS = 2;
const COUNTRY = /^[A-Z]{2}$/u;

const CANDIDATE_FIELDS = ['articleId', 'title', 'date', 'source', 'regions', 'actors', 'title_terms', 'text_terms', 'heading_terms', 'length'] as const;
type Candidate = Pick<SectionDocument, (typeof CANDIDATE_FIELDS)[number]>;

const NUMBER = /^\p{N}+$/u;
const idf = (stats: TermStats, df: number): number => Math.log(1 + (stats.documents - df + 0.5) / (df + 0.5));

export interface DistinctiveTerms {
  /** The terms to search: also found in other sections of the archive. */
  searched: WeightedTerm[];
  /** The weight of the article's strongest terms, those found nowhere else included: a candidate must share part of it. */
  weight: number;
}

/** The article's terms by tf·idf, best first: words of the title count thrice, numbers are left out. */
export function distinctiveTerms(sections: readonly Pick<ArticleSection, 'title' | 'heading' | 'text'>[], stats: TermStats, count = DISTINCTIVE_TERMS): DistinctiveTerms {
  const tf = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const term of analyze(text)) if (!term.stop && !NUMBER.test(term.stem)) tf.set(term.stem, (tf.get(term.stem) ?? 0) + weight);
  };
  add(sections[0]?.title ?? '', TITLE_WEIGHT);
  for (const section of sections) add(`${section.heading ?? ''}\n${section.text}`, 1);
  const maxDf = Math.max(MIN_DF_CAP, stats.documents * MAX_DF_SHARE);
  const scored = [...tf]
    .flatMap(([stem, frequency]) => {
      const df = Math.max(stats.df.get(stem) ?? 0, 1);
      return df > maxDf ? [] : [{ stem, df, weight: frequency * idf(stats, df) }];
    })
    .sort((a, b) => b.weight - a.weight || a.stem.localeCompare(b.stem));
  return {
    searched: scored
      .filter((term) => term.df >= 2)
      .slice(0, count)
      .map(({ stem, weight }) => ({ stem, weight })),
    weight: scored.slice(0, count).reduce((sum, term) => sum + term.weight, 0),
  };
}

/**
 * The engine searches, in one request: the terms, each of the strongest few required in turn (the
 * engine's `last` strategy keeps the first term and drops from the end), so that a candidate need
 * not hold the single strongest term; never the article itself.
 */
export function similarSearches(articleId: string, terms: readonly WeightedTerm[]): EngineSearch[] {
  const filter = `articleId != ${quoteFilterValue(articleId)}`;
  return terms.slice(0, REQUIRED_IN_TURN).map((required) => ({
    q: `${[required, ...terms.filter((term) => term !== required)].map((term) => term.stem).join(' ')} `,
    matchingStrategy: 'last',
    filter,
    distinct: 'articleId',
    limit: CANDIDATES_PER_SEARCH,
    attributesToRetrieve: CANDIDATE_FIELDS,
  }));
}

/** Candidates best first: BM25 over the distinctive terms, each weighted as in the article, plus the shared entities. */
export function rankSimilar({ searched: terms, weight }: DistinctiveTerms, entities: ReadonlySet<string>, candidates: readonly Candidate[], stats: TermStats): SimilarArticle[] {
  const top = terms[0]?.weight ?? 1;
  const averageLength = stats.documents > 0 ? Math.max(stats.totalLength / stats.documents, 1) : 1;
  const byArticle = new Map<string, { candidate: Candidate; score: number; shared: string[] }>();
  for (const candidate of candidates) {
    const norm = 1 - B + (B * Math.max(candidate.length, 1)) / averageLength;
    let score = 0;
    let matched = 0;
    let matchedWeight = 0;
    for (const term of terms) {
      const frequency = TITLE_WEIGHT * countWord(candidate.title_terms, term.stem) + (countWord(candidate.heading_terms, term.stem) + countWord(candidate.text_terms, term.stem)) / norm;
      if (frequency === 0) continue;
      matched++;
      matchedWeight += term.weight;
      score += (term.weight / top) * idf(stats, stats.df.get(term.stem) ?? 0) * ((frequency * (K1 + 1)) / (frequency + K1));
    }
    if (matched < MIN_SHARED_TERMS || matchedWeight < MIN_SHARED_WEIGHT * weight) continue;
    const shared = [...candidate.regions, ...candidate.actors].filter((id) => entities.has(id));
    score += Math.min(MAX_ENTITY_BONUS, ENTITY_WEIGHT * shared.filter((id) => !COUNTRY.test(id)).length);
    const known = byArticle.get(candidate.articleId);
    if (!known || known.score < score) byArticle.set(candidate.articleId, { candidate, score, shared });
  }
  return [...byArticle.values()]
    .sort((a, b) => b.score - a.score)
    .map(({ candidate, shared }) => ({ articleId: candidate.articleId, title: candidate.title, date: candidate.date, source: candidate.source, shared }));
}

/** Finds the articles most like a given one, in one engine request. */
export function createSimilar({ reader, stats }: { reader: Pick<ArchiveReader, 'search'>; stats: () => TermStats }) {
  return async (sections: readonly ArticleSection[], shown = SIMILAR_SHOWN): Promise<SimilarArticles> => {
    const first = sections[0];
    const termStats = stats();
    const terms = first ? distinctiveTerms(sections, termStats) : { searched: [], weight: 0 };
    if (!first || terms.searched.length === 0) return { articles: [], terms: [], engineRequests: 0 };
    const answers = await reader.search<Candidate>(similarSearches(first.articleId, terms.searched));
    const entities = new Set(sections.flatMap((section) => [...section.regions, ...section.actors]));
    const ranked = rankSimilar(
      terms,
      entities,
      answers.flatMap((answer) => answer.hits),
      termStats,
    );
    return { articles: ranked.slice(0, shown), terms: terms.searched.map((term) => term.stem), engineRequests: 1 };
  };
}
