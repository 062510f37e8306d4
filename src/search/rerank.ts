import type { RerankSection, TermStats } from '../archive-index/index.ts';
import { candidateScorer, idf } from './bm25.ts';
import type { QueryTerm } from './query-syntax.ts';

const RARE_TERMS_ALONE = 5;

/** The terms that best separate relevant sections: highest idf first. */
export function rarestTerms(words: readonly QueryTerm[], stats: TermStats): QueryTerm[] {
  const unique = [...new Map(words.map((word) => [word.term, word])).values()];
  return unique
    .filter((word) => (stats.df.get(word.term) ?? 0) > 0)
    .sort((a, b) => idf(stats, b.term) - idf(stats, a.term))
    .slice(0, RARE_TERMS_ALONE);
}

/** The union of the candidate lists, best first by BM25. */
export function rerankCandidates(lists: readonly (readonly RerankSection[])[], words: readonly QueryTerm[], stats: TermStats): RerankSection[] {
  const candidates = new Map<string, RerankSection>();
  for (const list of lists) for (const section of list) candidates.set(section.id, section);
  const score = candidateScorer(
    words.map((word) => word.term),
    stats,
  );
  return [...candidates.values()]
    .map((section) => ({ section, score: score(section) }))
    .sort((a, b) => b.score - a.score)
    .map(({ section }) => section);
}
