import type { RerankSection, TermStats } from '../archive-index/index.ts';

/** The analyzed fields of a candidate section, as the engine returns them. */
export type CandidateTerms = Pick<RerankSection, 'title_terms' | 'heading_terms' | 'text_terms' | 'alt_terms' | 'length'>;

const K1 = 1.2;
// Below Lucene's 0.75: long sections are penalized less, which the dev questions rewarded (docs/decisions.md#bm25-b).
const B = 0.5;
/** Title and heading words say what a section is about: they count as this many body occurrences. */
const TITLE_WEIGHT = 2;
const HEADING_WEIGHT = 2;
/** Bonus for query terms close together in the body, on the scale of one rare term's BM25. */
const PROXIMITY_WEIGHT = 0.6;
const PROXIMITY_WINDOW = 8;

export const idf = (stats: TermStats, term: string): number => {
  const df = stats.df.get(term) ?? 0;
  return Math.log(1 + (stats.documents - df + 0.5) / (df + 0.5));
};

/**
 * BM25 with title and heading weights (a light BM25F) plus a proximity bonus: query terms found
 * within a few words of each other in the body score more than the same terms far apart.
 * The scorer of one query: each field is read once, looking its words up among the query's terms
 * (a question re-ranks a few hundred candidates; this is faster than counting each term over
 * each field, with the same scores: docs/decisions.md#bm25-scorer).
 */
export function candidateScorer(terms: readonly string[], stats: TermStats): (candidate: CandidateTerms) => number {
  const unique = [...new Set(terms)];
  const slot = new Map(unique.map((term, i) => [term, i]));
  const idfs = unique.map((term) => idf(stats, term));
  const averageLength = stats.documents > 0 ? stats.totalLength / stats.documents : 1;
  const tf = new Float64Array(unique.length);
  const lastSeen = new Float64Array(unique.length);
  const paired = new Uint8Array(unique.length * unique.length);
  const addField = (field: string, weight: number) => {
    for (const word of field.split(' ')) {
      const k = slot.get(word);
      if (k !== undefined) tf[k] = (tf[k] ?? 0) + weight;
    }
  };
  return (candidate) => {
    tf.fill(0);
    lastSeen.fill(Number.NEGATIVE_INFINITY);
    paired.fill(0);
    addField(candidate.title_terms, TITLE_WEIGHT);
    addField(candidate.heading_terms, HEADING_WEIGHT);
    addField(candidate.alt_terms, 1);
    // The body: term frequencies, and each pair of distinct query terms found within the window, once.
    let bonus = 0;
    candidate.text_terms.split(' ').forEach((word, position) => {
      const k = slot.get(word);
      if (k === undefined) return;
      tf[k] = (tf[k] ?? 0) + 1;
      for (let other = 0; other < unique.length; other++) {
        if (other === k || position - (lastSeen[other] ?? 0) > PROXIMITY_WINDOW) continue;
        const pair = k < other ? k * unique.length + other : other * unique.length + k;
        if (paired[pair]) continue;
        paired[pair] = 1;
        bonus += Math.min(idfs[k] ?? 0, idfs[other] ?? 0);
      }
      lastSeen[k] = position;
    });
    const norm = K1 * (1 - B + (B * Math.max(candidate.length, 1)) / Math.max(averageLength, 1));
    let score = 0;
    for (const term of terms) {
      const k = slot.get(term) ?? 0;
      const f = tf[k] ?? 0;
      if (f > 0) score += ((idfs[k] ?? 0) * f * (K1 + 1)) / (f + norm);
    }
    return score + (unique.length < 2 ? 0 : PROXIMITY_WEIGHT * bonus);
  };
}
