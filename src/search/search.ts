import {
  emptyFacets,
  FACET_ATTRIBUTE,
  FACET_NAMES,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  type EntityFacet,
  type FacetName,
  type HitSection,
  type KeywordRankSection,
  type RerankSection,
  type TermStats,
} from '../archive-index/index.ts';
import type { ArchiveReader } from '../engine/archive-reader.ts';
import type { EntityCatalog } from '../entities/catalog.ts';
import { coverageOf, searchDateCounts } from './coverage.ts';
import { matchWords, snippetWindow, type MatchSpec } from './matching.ts';
import { isQuestionSearch, planAsks, planSearch, readAnswers, searchesOf, type PlanAnswers, type SearchPlan } from './plan.ts';
import { pageArticles, type PageArticle } from './page-articles.ts';
import { noticingMissing } from './partial-results.ts';
import { analyzedQuery, hasSearchTerms, matchForms, parseQuery, type ParsedQuery } from './query-syntax.ts';
import { rarestTerms } from './rerank.ts';
import { suggestedQuery } from './suggest.ts';
import { withSpellings } from './spellings.ts';

import type { SearchHit, SearchNotice, SearchRequest, SearchResult } from './search-types.ts';

export type { RecognizedEntity, SearchHit, SearchNotice, SearchRequest, SearchResult } from './search-types.ts';

export interface SearchDependencies {
  reader: Pick<ArchiveReader, 'search' | 'fetch'>;
  entities: EntityCatalog;
  stats: () => TermStats;
}

type Candidate = HitSection & KeywordRankSection & RerankSection;

export function createSearch({ reader: archiveReader, entities, stats }: SearchDependencies) {
  return async function search(request: SearchRequest): Promise<SearchResult> {
    const { reader, missing } = noticingMissing(archiveReader);
    const ask = async (plan: SearchPlan) => {
      const asks = planAsks(plan);
      return { answers: readAnswers(plan, await reader.search<Candidate>(asks)), searches: searchesOf(asks) };
    };
    const termStats = stats();
    const { result, parsed: typed } = readRequest(request, entities, termStats);
    if (result.nothingSearchable) return result;
    const parsed = withoutUnknownWords(typed, termStats, result);
    const input = {
      parsed,
      filters: result.filters,
      entityFilters: result.recognized,
      mentions: mentionsOf(result.with, entities),
      range: result.range,
      sort: result.sort,
      rareTerms: isQuestionSearch(parsed) ? rarestTerms(parsed.words, termStats) : [],
      page: result.page,
      pageSize: result.pageSize,
    };
    let plan = planSearch(input);
    let { answers, searches } = await ask(plan);
    if (plan.kind === 'keyword' && answers.main.total === 0 && parsed.words.length >= 2) {
      // No article holds every word: say so, and show the articles that hold most of them.
      plan = planSearch({ ...input, loose: true });
      const loose = await ask(plan);
      answers = loose.answers;
      searches += loose.searches;
      if (answers.main.total > 0) result.notices.push({ code: 'not-all-words', words: parsed.words.map((word) => word.surface) });
    }
    const page = await pageArticles(plan, answers, parsed, termStats, result.pageSize, reader);
    result.engineRequests = searches + page.requests;
    result.total = page.total ?? answers.main.total;
    result.facets = facetsOf(plan, answers);
    result.coverage = coverageOf(searchDateCounts(answers.main, page.kept), result.range);
    if (result.total === 0 && parsed.words.length > 0) result.suggestion = suggestedQuery(parsed.words, termStats);
    const forms = matchForms(parsed);
    const recognizedIds = result.recognized.map((mention) => mention.id);
    // Entities searched as tags are marked where the tagger finds them, in each text on its own.
    const specFor = (text: string): MatchSpec => (recognizedIds.length === 0 ? forms : { ...forms, spans: entities.mentionSpans(text, recognizedIds) });
    result.hits = page.articles.map((article) => toHit(article, specFor));
    if (missing.size > 0) result.notices.push({ code: 'partial-results', missing: [...missing].sort() });
    return result;
  };
}

/** The entities of `with` as the plan filters on them: each on the attribute of its kind. */
export const mentionsOf = (ids: readonly string[], entities: EntityCatalog) => ids.flatMap((id) => entities.entity(id) ?? []).map((entity) => ({ id: entity.id, facet: entity.type }));

/** The request read and checked: the parsed query, and a result with nothing found yet. */
export function readRequest(request: SearchRequest, entities: EntityCatalog, termStats: TermStats): { result: SearchResult; parsed: ParsedQuery } {
  const notices: SearchNotice[] = [];
  let q = request.q.replace(/[\p{Cc}\p{Cf}]/gu, ' ');
  if (q.length > MAX_QUERY_LENGTH) {
    q = q.slice(0, MAX_QUERY_LENGTH);
    notices.push({ code: 'query-truncated', limit: MAX_QUERY_LENGTH });
  }
  const known = (ids: string[], facet: EntityFacet) => [...new Set(ids)].filter((id) => entities.exists(id, facet));
  const filters = { region: known(request.regions, 'region'), actor: known(request.actors, 'actor'), source: [...new Set(request.sources ?? [])] };
  const mentioned = [...new Set(request.with ?? [])].filter((id) => entities.entity(id) !== undefined);
  const unknown = [...request.regions, ...request.actors, ...(request.with ?? [])].filter((id) => !filters.region.includes(id) && !filters.actor.includes(id) && !mentioned.includes(id));
  if (unknown.length > 0) notices.push({ code: 'unknown-filters', values: [...new Set(unknown)] });
  const recognized = entities.latinMentions(q);
  const textQuery = recognized.reduce((text, mention) => text.replace(mention.surface, ' '), q);
  const typed = parseQuery(textQuery, (term) => termStats.df.get(term) ?? 0, request.typing ?? false);
  const { parsed, searched } = withSpellings(typed, entities.spellings(textQuery), termStats);
  for (const { word, spellings } of searched) notices.push({ code: 'spellings', word, spellings });
  const result: SearchResult = {
    // Echoed capped too: a 10 KB query is not sent back into every link of the page.
    query: request.q.slice(0, MAX_QUERY_LENGTH),
    total: 0,
    page: Math.max(1, request.page),
    pageSize: Math.min(Math.max(1, request.limit), MAX_PAGE_SIZE),
    hits: [],
    facets: emptyFacets(() => ({})),
    filters,
    with: mentioned,
    range: { from: request.from ?? null, to: request.to ?? null },
    sort: request.sort ?? 'relevance',
    analyzed: hasSearchTerms(parsed) ? analyzedQuery(parsed) : '',
    recognized,
    notices,
    nothingSearchable: parsed.nothingSearchable && recognized.length === 0,
    suggestion: null,
    coverage: null,
    engineRequests: 0,
  };
  return { result, parsed };
}

/**
 * Words the archive never uses are left out, with a notice, when something else remains to search:
 * one misspelt word must not empty the results (a word being typed is not judged yet).
 */
export function withoutUnknownWords(parsed: ParsedQuery, stats: TermStats, result: SearchResult): ParsedQuery {
  if (stats.documents === 0 || isQuestionSearch(parsed)) return parsed;
  const typing = parsed.prefix ? parsed.words.at(-1) : undefined;
  const unknown = parsed.words.filter((word) => word !== typing && (stats.df.get(word.term) ?? 0) === 0);
  const rest = parsed.words.filter((word) => !unknown.includes(word));
  if (unknown.length === 0 || rest.length + parsed.phrases.length + parsed.either.length === 0) return parsed;
  const searched = { ...parsed, words: rest };
  result.notices.push({ code: 'unknown-words', words: unknown.map((word) => word.surface), searched: analyzedQuery(searched) });
  result.analyzed = analyzedQuery(searched);
  return searched;
}

function facetsOf(plan: SearchPlan, answers: PlanAnswers<unknown>): Record<FacetName, Record<string, number>> {
  const facets: Record<FacetName, Record<string, number>> = emptyFacets(() => ({}));
  for (const facet of FACET_NAMES) {
    const from = plan.facetCounts[facet] ? answers.facetCounts[facet] : answers.main;
    facets[facet] = from?.facets[FACET_ATTRIBUTE[facet]] ?? {};
  }
  return facets;
}

function toHit({ section, others }: PageArticle, specFor: (text: string) => MatchSpec): SearchHit {
  return {
    id: section.id,
    articleId: section.articleId,
    n: section.n,
    title: section.title,
    titleSpans: matchWords(section.title, specFor(section.title)).matches,
    heading: section.heading,
    snippet: snippetWindow(section.text, specFor(section.text)),
    date: section.date,
    source: section.source,
    regions: section.regions,
    actors: section.actors,
    otherSections: others,
  };
}

export type Search = ReturnType<typeof createSearch>;
