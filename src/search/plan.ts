import {
  COVERAGE_ATTRIBUTES,
  FACET_ATTRIBUTE,
  FACET_NAMES,
  HIT_FIELDS,
  KEYWORD_RANK_FIELDS,
  MAX_QUESTION_DEPTH,
  rangeDays,
  RERANK_FIELDS,
  type DateRange,
  type FacetName,
  type SortOrder,
} from '../archive-index/index.ts';
import type { EngineAsk, EngineHits, EngineSearch } from '../engine/archive-reader.ts';
import { allOf, anyOf, quoteFilterValue } from './filter-expression.ts';
import { engineQueryStrings, hasSearchTerms, MAX_BRANCHES, type ParsedQuery, type QueryTerm } from './query-syntax.ts';

/**
 * Questions fan out (the analyzed query, each of its rarest terms alone, and the titles) and are
 * re-ranked with BM25: the words of a question are seldom all in the answer.
 */
const FAN_OUT_FROM_TERMS = 2;
const CANDIDATES_MAIN = 80;
const CANDIDATES_PER_TERM = 25;
/**
 * A keyword search ranks the engine's first 100 articles holding every word (one section each);
 * deeper pages keep the engine's order. The depth is measured: docs/decisions.md#keyword-depth.
 */
export const KEYWORD_DEPTH = 100;
/** Sections of the articles of a results page, and of the first ones re-ranked on all their sections. */
const PAGE_SECTIONS = 300;

const BY_DATE: Record<Exclude<SortOrder, 'relevance'>, string[]> = { newest: ['day:desc', 'n:asc'], oldest: ['day:asc', 'n:asc'] };
/** One hit per article: totals and facet counts count articles. */
const ONE_PER_ARTICLE = 'articleId';

export type SearchKind = 'browse' | 'keyword' | 'question';

export interface PlanInput {
  parsed: ParsedQuery;
  filters: Record<FacetName, string[]>;
  /** Entities named in Latin script, searched as tags. */
  entityFilters: { id: string; facet: FacetName }[];
  /** Entities each section must mention, all of them (`with`). */
  mentions?: { id: string; facet: FacetName }[];
  /** Articles dated within the range only (undated ones fall outside any range). */
  range: DateRange;
  sort: SortOrder;
  /** The rarest terms of a question, each searched alone. */
  rareTerms: readonly QueryTerm[];
  page: number;
  pageSize: number;
  /** Not every word need match: the fallback when no article holds them all. */
  loose?: boolean;
}

/** The engine searches of one request, each in a named slot. */
export interface SearchPlan {
  kind: SearchKind;
  main: EngineAsk;
  /** Counts for the options of a list the user already filters on, from a search without that list's own filter. */
  facetCounts: Partial<Record<FacetName, EngineAsk>>;
  /** Further candidates of a question: its rarest terms alone, then its words in titles. */
  candidates: EngineSearch[];
  /** The main search's hits are ranked here (else the engine's order is the page's). */
  rank: boolean;
  /** Position of the page's first article in the ranking. */
  offset: number;
  /** A keyword search's second request: the matching sections of some articles. */
  sectionsOf: ((articleIds: readonly string[]) => EngineAsk) | null;
}

export const isQuestionSearch = (parsed: ParsedQuery): boolean => parsed.question && parsed.words.length >= FAN_OUT_FROM_TERMS;

export function planSearch(input: PlanInput): SearchPlan {
  const { parsed, page, pageSize } = input;
  // Ordered by date, a question is asked as keywords: every word in each article listed, none ranked here.
  const kind: SearchKind = !hasSearchTerms(parsed) ? 'browse' : isQuestionSearch(parsed) && input.sort === 'relevance' ? 'question' : 'keyword';
  const filterWithout = filterBuilder(input);
  const offset = (page - 1) * pageSize;
  const disjunctive = FACET_NAMES.filter((facet) => input.filters[facet].length > 0);
  // The coverage chart's counts ride on the main search: no search of their own (docs/decisions.md#coverage-in-main).
  const facets = [...FACET_NAMES.filter((facet) => !disjunctive.includes(facet)).map((facet) => FACET_ATTRIBUTE[facet]), ...COVERAGE_ATTRIBUTES];
  const base = baseSearches(parsed, kind, input.loose === true, input.sort);
  const rank = input.sort === 'relevance' && (kind === 'question' || (kind === 'keyword' && offset + pageSize <= KEYWORD_DEPTH));
  const main = ask(base, { ...mainWindow(kind, rank, page, pageSize), filter: filterWithout(null), facets });
  const facetCounts: Partial<Record<FacetName, EngineAsk>> = {};
  // Counted in pages: with distinct, only page mode makes totals and facet counts count articles.
  for (const facet of disjunctive) facetCounts[facet] = ask(base, { filter: filterWithout(facet), facets: [FACET_ATTRIBUTE[facet]], page: 1, hitsPerPage: 0, distinct: ONE_PER_ARTICLE });
  return {
    kind,
    main,
    facetCounts,
    candidates: kind === 'question' ? questionCandidates(parsed, input.rareTerms, filterWithout(null)) : [],
    rank,
    offset: rank ? offset : 0,
    sectionsOf:
      kind === 'keyword'
        ? (articleIds) => ask(base, { filter: allOf([filterWithout(null) ?? null, anyOf('articleId', articleIds)]) ?? undefined, attributesToRetrieve: SECTION_FIELDS, limit: PAGE_SECTIONS })
        : null,
  };
}

const SECTION_FIELDS = [...new Set([...HIT_FIELDS, ...KEYWORD_RANK_FIELDS])];

/** What the main search returns: candidates to rank here, or the page itself in the engine's order (one section per article). */
function mainWindow(kind: SearchKind, rank: boolean, page: number, pageSize: number): Partial<EngineSearch> {
  // A question's candidates need no exact count (the engine counting every hit of a loose match costs);
  // page mode makes the engine count the articles exactly.
  if (kind === 'question') return { limit: Math.min(MAX_QUESTION_DEPTH, Math.max(CANDIDATES_MAIN, page * pageSize)), offset: 0, attributesToRetrieve: RERANK_FIELDS, distinct: ONE_PER_ARTICLE };
  if (kind === 'keyword' && rank) return { page: 1, hitsPerPage: KEYWORD_DEPTH, attributesToRetrieve: KEYWORD_RANK_FIELDS, distinct: ONE_PER_ARTICLE };
  return { page, hitsPerPage: pageSize, attributesToRetrieve: kind === 'keyword' ? KEYWORD_RANK_FIELDS : HIT_FIELDS, distinct: ONE_PER_ARTICLE };
}

/**
 * The query's searches before filters and windows: one, or one per combination of its ORs. Loose
 * (no article holds every word): one per word, their union ranked here, so the articles holding
 * most of the words come first; the engine's own relaxed strategies miss them
 * (docs/decisions.md#keyword-fallback).
 */
function baseSearches(parsed: ParsedQuery, kind: SearchKind, loose: boolean, sort: SortOrder): EngineSearch[] {
  if (kind === 'browse') return [{ q: parsed.excluded.length === 0 ? '' : (engineQueryStrings(parsed)[0] ?? ''), sort: BY_DATE[sort === 'oldest' ? 'oldest' : 'newest'] }];
  const matchingStrategy = kind === 'question' ? 'frequency' : 'all';
  const queries = loose ? parsed.words.flatMap((word) => engineQueryStrings(parsed, [word])).slice(0, MAX_BRANCHES) : engineQueryStrings(parsed);
  // The engine's `sort` rule comes first in index-config's ranking rules, so a date order is the order (docs/decisions.md#date-sort).
  return queries.map((q) => (sort === 'relevance' ? { q, matchingStrategy } : { q, matchingStrategy, sort: BY_DATE[sort] }));
}

/** One search, or the union of an OR's searches, with the same filter, window and fields. */
function ask(base: readonly EngineSearch[], extra: Partial<EngineSearch>): EngineAsk {
  const searches = base.map((search) => ({ ...search, ...extra }));
  if (searches.length === 1) return searches[0] as EngineSearch;
  const { limit, page, hitsPerPage, offset, facets } = extra;
  const window = page !== undefined && hitsPerPage !== undefined ? { limit: hitsPerPage, offset: (page - 1) * hitsPerPage } : { limit: limit ?? 20, offset: offset ?? 0 };
  return { union: searches.map(({ page: _p, hitsPerPage: _h, limit: _l, offset: _o, facets: _f, ...search }) => search), ...window, facets };
}

function filterBuilder({ filters, entityFilters, mentions = [], range }: PlanInput): (skip: FacetName | null) => string | undefined {
  const tagged = (m: { id: string; facet: FacetName }) => `${FACET_ATTRIBUTE[m.facet]} = ${quoteFilterValue(m.id)}`;
  const entityClause = entityFilters.length === 0 ? null : entityFilters.map(tagged).join(' OR ');
  const mentionClause = allOf(mentions.map(tagged));
  const dateClause = dateFilter(range);
  return (skip) => allOf([entityClause, mentionClause, dateClause, ...FACET_NAMES.map((facet) => (facet === skip ? null : anyOf(FACET_ATTRIBUTE[facet], filters[facet])))]) ?? undefined;
}

/** The range on the `day` attribute; numbers only, so nothing typed reaches the expression as text. */
function dateFilter(range: DateRange): string | null {
  const { from, to } = rangeDays(range);
  return allOf([from === null ? null : `day >= ${from}`, to === null ? null : `day <= ${to}`]);
}

function questionCandidates(parsed: ParsedQuery, rareTerms: readonly QueryTerm[], filter: string | undefined): EngineSearch[] {
  const q = engineQueryStrings(parsed)[0] ?? '';
  return [
    ...rareTerms.map((term): EngineSearch => ({ q: `${term.term} `, filter, attributesToRetrieve: RERANK_FIELDS, limit: CANDIDATES_PER_TERM, matchingStrategy: 'all' })),
    { q, filter, attributesToSearchOn: ['title_terms'], attributesToRetrieve: RERANK_FIELDS, limit: CANDIDATES_PER_TERM, matchingStrategy: 'frequency' },
  ];
}

export interface PlanAnswers<T> {
  main: EngineHits<T>;
  facetCounts: Partial<Record<FacetName, EngineHits<T>>>;
  candidates: EngineHits<T>[];
}

/** The plan's asks in the order they are sent. */
export function planAsks(plan: SearchPlan): EngineAsk[] {
  return [plan.main, ...FACET_NAMES.flatMap((facet) => plan.facetCounts[facet] ?? []), ...plan.candidates];
}

/** The engine's answers, in the order of planAsks, back in their slots. */
export function readAnswers<T>(plan: SearchPlan, answers: readonly EngineHits<T>[]): PlanAnswers<T> {
  const empty: EngineHits<T> = { hits: [], total: 0, facets: {} };
  let next = 0;
  const take = () => answers[next++] ?? empty;
  const main = take();
  const facetCounts: Partial<Record<FacetName, EngineHits<T>>> = {};
  for (const facet of FACET_NAMES) if (plan.facetCounts[facet]) facetCounts[facet] = take();
  return { main, facetCounts, candidates: plan.candidates.map(take) };
}

/** Engine searches an ask costs (a union costs each of its searches). */
export const searchesOf = (asks: readonly EngineAsk[]): number => asks.reduce((sum, ask) => sum + ('union' in ask ? ask.union.length : 1), 0);
