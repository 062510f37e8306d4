import type { TermStats } from '../archive-index/index.ts';
import type { QueryTerm } from './query-syntax.ts';

/** True when `a` becomes `b` by one inserted, deleted or replaced letter. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * The archive's most frequent term one letter away from `term`, for "did you mean" when a
 * search finds nothing. Runs only on empty results, so a scan of the vocabulary is affordable.
 */
export function closestKnownTerm(term: string, stats: TermStats): string | null {
  if (term.length < 3 || (stats.df.get(term) ?? 0) > 0) return null;
  let best: string | null = null;
  let bestDf = 0;
  for (const [candidate, df] of stats.df) {
    if (df > bestDf && withinOneEdit(term, candidate)) {
      best = candidate;
      bestDf = df;
    }
  }
  return best;
}

/** The query with each unknown word replaced by its closest known term, or null when none has one. */
export function suggestedQuery(words: readonly QueryTerm[], stats: TermStats): string | null {
  let changed = false;
  const suggested = words.map((word) => {
    const close = closestKnownTerm(word.term, stats);
    if (close === null) return word.surface;
    changed = true;
    return close;
  });
  return changed ? suggested.join(' ') : null;
}
