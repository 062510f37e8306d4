import { FACET_ATTRIBUTE, FACET_NAMES, HIT_FIELDS, RERANK_FIELDS, type FacetName } from '../archive-index/index.ts';
import type { EngineHits, EngineSearch } from '../engine/archive-reader.ts';
import { allOf, anyOf, quoteFilterValue } from './filter-expression.ts';
import { engineQueryStrings, hasSearchTerms, type ParsedQuery, type QueryTerm } from './query-syntax.ts';

/**
 * Questions fan out (the analyzed query, each of its rarest terms alone, and the titles) and are
 * re-ranked with BM25: the words of a question are seldom all in the answer. Keyword searches keep
 * the engine's own order and cost one request.
 */
const FAN_OUT_FROM_TERMS = 2;
const CANDIDATES_MAIN = 80;
const CANDIDATES_PER_TERM = 25;

export interface PlanInput {
  parsed: ParsedQuery;
  filters: Record<FacetName, string[]>;
  /** Entities named in Latin script, searched as tags. */
  entityFilters: { id: string; facet: FacetName }[];
  /** The rarest terms of a question, each searched alone. */
  rareTerms: readonly QueryTerm[];
  page: number;
  pageSize: number;
}

/** The engine searches of one request, each in a named slot. */
export interface SearchPlan {
  main: EngineSearch;
  /** Counts for the options of a list the user already filters on, from a search without that list's own filter. */
  facetCounts: Partial<Record<FacetName, EngineSearch>>;
  /** Further candidates of a question to re-rank: its rarest terms alone, then its words in titles. */
  candidates: EngineSearch[];
  /** The candidates are re-ranked here, and the page's sections fetched afterwards. */
  rerank: boolean;
  offset: number;
}

export interface PlanAnswers<T> {
  main: EngineHits<T>;
  facetCounts: Partial<Record<FacetName, EngineHits<T>>>;
  candidates: EngineHits<T>[];
}

export const isQuestionSearch = (parsed: ParsedQuery): boolean => parsed.question && parsed.words.length >= FAN_OUT_FROM_TERMS;

export function planSearch({ parsed, filters, entityFilters, rareTerms, page, pageSize }: PlanInput): SearchPlan {
  const entityClause = entityFilters.length === 0 ? null : entityFilters.map((m) => `${FACET_ATTRIBUTE[m.facet]} = ${quoteFilterValue(m.id)}`).join(' OR ');
  const filterWithout = (skip: FacetName | null) =>
    allOf([entityClause, ...FACET_NAMES.map((facet) => (facet === skip ? null : anyOf(FACET_ATTRIBUTE[facet], filters[facet])))]) ?? undefined;
  const browsing = !hasSearchTerms(parsed);
  const q = browsing && parsed.excluded.length === 0 ? '' : (engineQueryStrings(parsed)[0] ?? '');
  const filter = filterWithout(null);
  const rerank = isQuestionSearch(parsed);
  const offset = (page - 1) * pageSize;
  const disjunctive = FACET_NAMES.filter((facet) => filters[facet].length > 0);

  const main: EngineSearch = {
    q,
    filter,
    facets: FACET_NAMES.filter((facet) => !disjunctive.includes(facet)).map((facet) => FACET_ATTRIBUTE[facet]),
    attributesToRetrieve: rerank ? RERANK_FIELDS : HIT_FIELDS,
    matchingStrategy: 'frequency',
    ...(rerank ? { limit: Math.max(CANDIDATES_MAIN, offset + pageSize), offset: 0 } : { page, hitsPerPage: pageSize }),
    ...(browsing ? { sort: ['day:desc', 'n:asc'] } : {}),
  };
  const facetCounts: Partial<Record<FacetName, EngineSearch>> = {};
  for (const facet of disjunctive) facetCounts[facet] = { q, filter: filterWithout(facet), facets: [FACET_ATTRIBUTE[facet]], limit: 0, matchingStrategy: 'frequency' };
  const candidates: EngineSearch[] = rerank
    ? [
        ...rareTerms.map((term): EngineSearch => ({ q: `${term.term} `, filter, attributesToRetrieve: RERANK_FIELDS, limit: CANDIDATES_PER_TERM, matchingStrategy: 'all' })),
        { q, filter, attributesToSearchOn: ['title_terms'], attributesToRetrieve: RERANK_FIELDS, limit: CANDIDATES_PER_TERM, matchingStrategy: 'frequency' },
      ]
    : [];
  return { main, facetCounts, candidates, rerank, offset };
}

/** The plan's searches in the order they are sent. */
export function planSearches(plan: SearchPlan): EngineSearch[] {
  return [plan.main, ...FACET_NAMES.flatMap((facet) => plan.facetCounts[facet] ?? []), ...plan.candidates];
}

/** The engine's answers, in the order of planSearches, back in their slots. */
export function readAnswers<T>(plan: SearchPlan, answers: readonly EngineHits<T>[]): PlanAnswers<T> {
  const empty: EngineHits<T> = { hits: [], total: 0, facets: {} };
  let next = 0;
  const take = () => answers[next++] ?? empty;
  const main = take();
  const facetCounts: Partial<Record<FacetName, EngineHits<T>>> = {};
  for (const facet of FACET_NAMES) if (plan.facetCounts[facet]) facetCounts[facet] = take();
  return { main, facetCounts, candidates: plan.candidates.map(take) };
}
