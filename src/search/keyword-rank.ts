/**
 * Ranking of keyword searches (anything but a question) over the candidate sections the engine returns: BM25F
 * over title, heading and body, once on stems and once on plain forms, plus an exact-phrase clause,
 * then one result per article. Pure: the caller fetches candidates and statistics.
 *
 * Each part raised nDCG@10 on the dev keyword set in turn (BM25 on stems, title ×3, plain-form
 * clause, phrase clause), the same ladder as Lucene's experiments on that set
 * (docs/decisions.md#keyword-ranking).
 */

import type { KeywordRankSection } from '../archive-index/index.ts';

/** A query word: its stem (the form the engine is asked for) and its plain form. */
export interface KeywordTerm {
  stem: string;
  plain: string;
}

export interface KeywordQuery {
  /** Free words in the order typed (stop words left out). */
  words: KeywordTerm[];
  /** Quoted phrases: their plain forms must stand adjacent and in order in one field of the section. */
  phrases: KeywordTerm[][];
}

/**
 * What the ranking reads of a candidate section. The `*_plain` fields are aligned word for word with
 * the `*_terms` fields (the plain form of each stem), `alt_plain` with `alt_terms`.
 */
/**
 * What the ranking reads of a candidate section: the `*_plain` fields are aligned word for word
 * with the `*_terms` fields; `n` breaks ties (the earlier section stands for its article); `length`
 * counts the words of heading and body.
 */
export type KeywordCandidate = Omit<KeywordRankSection, 'heading'>;

/** Collection statistics over sections; plain forms are counted like stems (once per section, alternatives not counted). */
export interface KeywordStats {
  documents: number;
  totalLength: number;
  df: ReadonlyMap<string, number>;
  plainDf: ReadonlyMap<string, number>;
}

export interface KeywordRankParams {
  k1: number;
  b: number;
  /** Title and heading words count as this many body words, without length normalization (they are short). */
  titleWeight: number;
  headingWeight: number;
  /** A word read through its alternative analysis (بمصر as مصر), counted in the body. */
  altWeight: number;
  /** The plain-form clause beside the stem clause: a match on the word itself outranks a match through its stem only. */
  plainWeight: number;
  /** The clause for all free words adjacent and in order (plain forms), scored like a term whose idf is the sum of theirs. */
  phraseWeight: number;
}

/**
 * Lucene's defaults for k1 and b, the title weight of the Lucene experiments: wide ranges of each
 * score the same within noise on the dev set (docs/decisions.md#keyword-rank-params). Headings are
 * absent from the news corpus, so their weight is not measured; 2 as in the question ranking.
 */
export const KEYWORD_RANK_PARAMS: KeywordRankParams = {
  k1: 1.2,
  b: 0.75,
  titleWeight: 3,
  headingWeight: 2,
  altWeight: 1,
  plainWeight: 1,
  phraseWeight: 1,
};

export interface RankedArticle {
  articleId: string;
  score: number;
  /** The section that stands for the article: its best-scoring one. */
  sectionId: string;
  /** The article's other sections whose own heading, body or alternatives match, best first. */
  otherSectionIds: string[];
}

interface ScoredSection {
  candidate: KeywordCandidate;
  score: number;
  /** Whether the section's own words match, beyond the article title every section carries. */
  ownMatch: boolean;
  order: number;
}

const idf = (documents: number, df: number): number => Math.log(1 + (documents - df + 0.5) / (df + 0.5));

/** Occurrences of `word` (one word, or words joined by single spaces) as whole words of `field`. */
export function countWord(field: string, word: string): number {
  let count = 0;
  for (let at = field.indexOf(word); at >= 0; at = field.indexOf(word, at + 1)) {
    const end = at + word.length;
    if ((at === 0 || field.charCodeAt(at - 1) === SPACE) && (end === field.length || field.charCodeAt(end) === SPACE)) count++;
  }
  return count;
}
const SPACE = 0x20;

interface Clause {
  /** Looked up in the `*_terms` fields (stems) or the `*_plain` fields. */
  plain: boolean;
  text: string;
  /** In alt_terms / alt_plain too. */
  alt: boolean;
  idf: number;
  weight: number;
}

/**
 * Articles of the candidate sections, best first: each scored by its best section. Articles that
 * score 0 (matched by the engine through a typo or a prefix only) keep the engine's order, last.
 */
export function rankKeywordCandidates(query: KeywordQuery, candidates: readonly KeywordCandidate[], stats: KeywordStats, params: KeywordRankParams = KEYWORD_RANK_PARAMS): RankedArticle[] {
  const clauses = keywordClauses(query, stats, params);
  const phrases = query.phrases.map((phrase) => phrase.map((term) => term.plain).join(' '));
  const averageLength = stats.documents > 0 ? Math.max(stats.totalLength / stats.documents, 1) : 1;
  const { k1, b } = params;

  const scored: ScoredSection[] = [];
  candidates.forEach((candidate, order) => {
    if (!phrases.every((phrase) => holdsPhrase(candidate, phrase))) return;
    // BM25F: title and heading frequencies are weighted, not length-normalized; body ones are.
    const norm = 1 - b + (b * Math.max(candidate.length, 1)) / averageLength;
    let score = 0;
    let ownMatch = false;
    for (const clause of clauses) {
      const title = countWord(clause.plain ? candidate.title_plain : candidate.title_terms, clause.text);
      const own =
        params.headingWeight * countWord(clause.plain ? candidate.heading_plain : candidate.heading_terms, clause.text) +
        (countWord(clause.plain ? candidate.text_plain : candidate.text_terms, clause.text) +
          (clause.alt ? params.altWeight * countWord(clause.plain ? candidate.alt_plain : candidate.alt_terms, clause.text) : 0)) /
          norm;
      const tf = params.titleWeight * title + own;
      if (own > 0) ownMatch = true;
      if (tf > 0) score += (clause.weight * clause.idf * tf * (k1 + 1)) / (tf + k1);
    }
    // A section the engine matched only through a typo or a prefix scores 0: it stays, after the others.
    scored.push({ candidate, score, ownMatch, order });
  });
  return articlesOf(scored);
}

function keywordClauses(query: KeywordQuery, stats: KeywordStats, params: KeywordRankParams): Clause[] {
  const terms = new Map<string, KeywordTerm>();
  for (const term of [...query.words, ...query.phrases.flat()]) terms.set(`${term.stem} ${term.plain}`, term);
  const stemIdf = (term: KeywordTerm) => idf(stats.documents, stats.df.get(term.stem) ?? 0);
  const plainIdf = (term: KeywordTerm) => idf(stats.documents, stats.plainDf.get(term.plain) ?? 0);
  const clauses: Clause[] = [];
  for (const term of terms.values()) {
    clauses.push({ plain: false, text: term.stem, alt: true, idf: stemIdf(term), weight: 1 });
    if (params.plainWeight > 0) clauses.push({ plain: true, text: term.plain, alt: true, idf: plainIdf(term), weight: params.plainWeight });
  }
  if (params.phraseWeight > 0) {
    const runs = [...(query.words.length >= 2 ? [query.words] : []), ...query.phrases.filter((phrase) => phrase.length >= 2)];
    for (const run of runs) {
      const sumIdf = run.reduce((sum, term) => sum + plainIdf(term), 0);
      clauses.push({ plain: true, text: run.map((term) => term.plain).join(' '), alt: false, idf: sumIdf, weight: params.phraseWeight });
    }
  }
  return clauses;
}

function holdsPhrase(candidate: KeywordCandidate, phrase: string): boolean {
  return countWord(candidate.title_plain, phrase) + countWord(candidate.heading_plain, phrase) + countWord(candidate.text_plain, phrase) > 0;
}

/** One entry per article, its best section standing for it; ties keep the engine's order. */
function articlesOf(scored: ScoredSection[]): RankedArticle[] {
  const byArticle = new Map<string, ScoredSection[]>();
  for (const section of scored) {
    const sections = byArticle.get(section.candidate.articleId);
    if (sections) sections.push(section);
    else byArticle.set(section.candidate.articleId, [section]);
  }
  const articles: (RankedArticle & { order: number })[] = [];
  for (const [articleId, sections] of byArticle) {
    sections.sort((x, y) => y.score - x.score || x.candidate.n - y.candidate.n);
    const best = sections[0]!;
    articles.push({
      articleId,
      score: best.score,
      sectionId: best.candidate.id,
      otherSectionIds: sections
        .slice(1)
        .filter((section) => section.ownMatch)
        .map((section) => section.candidate.id),
      order: Math.min(...sections.map((section) => section.order)),
    });
  }
  articles.sort((x, y) => y.score - x.score || x.order - y.order);
  return articles.map(({ order: _, ...article }) => article);
}
