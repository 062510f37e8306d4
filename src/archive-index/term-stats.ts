import type { StatsSection } from './section-document.ts';

/**
 * Collection statistics for BM25 and for clitic evidence: in how many sections each stem occurs.
 * Meilisearch does not expose document frequencies (its estimatedTotalHits counts prefix and typo
 * matches and stops at maxTotalHits), so the indexer counts them and stores them beside the index.
 */
export interface TermStats {
  articles: number;
  documents: number;
  totalLength: number;
  df: Map<string, number>;
  /** The same for plain forms (see SectionDocument's `*_plain` fields). */
  plainDf: Map<string, number>;
}

export const emptyTermStats = (): TermStats => ({ articles: 0, documents: 0, totalLength: 0, df: new Map(), plainDf: new Map() });

/** Stems and plain forms of a section counted once each; the alternative analyses do not count as evidence. */
export function addSection(stats: TermStats, fields: StatsSection): void {
  // Every article has exactly one section 1.
  if (fields.n === 1) stats.articles++;
  stats.documents++;
  stats.totalLength += fields.length;
  countOnce(stats.df, [fields.title_terms, fields.heading_terms, fields.text_terms]);
  countOnce(stats.plainDf, [fields.title_plain, fields.heading_plain, fields.text_plain]);
}

function countOnce(df: Map<string, number>, fields: readonly string[]): void {
  const seen = new Set<string>();
  for (const field of fields) {
    for (const term of field.split(' ')) {
      if (term === '' || seen.has(term)) continue;
      seen.add(term);
      df.set(term, (df.get(term) ?? 0) + 1);
    }
  }
}

/** Adds the statistics of other sections (another shard's) to `stats`: counts over disjoint sections add up. */
export function addTermStats(stats: TermStats, other: TermStats): void {
  stats.articles += other.articles;
  stats.documents += other.documents;
  stats.totalLength += other.totalLength;
  for (const [term, count] of other.df) stats.df.set(term, (stats.df.get(term) ?? 0) + count);
  for (const [term, count] of other.plainDf) stats.plainDf.set(term, (stats.plainDf.get(term) ?? 0) + count);
}
